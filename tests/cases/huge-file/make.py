"""Adds content/actors/huge.yaml, a 2 MiB fact file (over the 1 MiB limit for YAML)."""

from pathlib import Path


def make(project: Path) -> None:
    line = "  - text: A statement repeated to make the file large.\n    cite: [news#s1]\n"
    body = "name: Huge\nkind: group\nfacts:\n" + line * (2 * 1024 * 1024 // len(line) + 1)
    (project / "content" / "actors" / "huge.yaml").write_text(body, encoding="utf-8")
