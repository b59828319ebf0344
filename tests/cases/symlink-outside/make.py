"""Adds two symbolic links out of the project (git may not keep them, so they are made here).

content/actors/secret.yaml points at a file beside the project; content/sources/passwd.txt
points at the same file through an absolute path.
"""

from pathlib import Path


def make(project: Path) -> None:
    outside = project.parent / "outside.yaml"
    outside.write_text("name: Outside\nkind: group\n", encoding="utf-8")
    (project / "content" / "actors" / "secret.yaml").symlink_to(Path("..", "..", "..", outside.name))
    (project / "content" / "sources" / "passwd.txt").symlink_to(outside.resolve())
