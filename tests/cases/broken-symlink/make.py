"""Adds content/actors/gone.yaml, a symbolic link to a file that does not exist."""

from pathlib import Path


def make(project: Path) -> None:
    (project / "content" / "actors" / "gone.yaml").symlink_to("missing.yaml")
