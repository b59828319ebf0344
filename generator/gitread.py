"""Git revision → the files of its ``content/`` folder, read without a checkout; never writes
to the repository.

This runs the user's own ``git`` through :mod:`subprocess` rather than a Python library: it
adds no dependency, and the user's git (its version, configuration, object formats, worktrees
and alternates) is the truth about their repository. One ``git ls-tree -r -z`` lists the
files and one ``git cat-file --batch`` process streams every blob, so reading a revision costs
two processes whatever its size; :func:`read_contents` reads several revisions with one
``cat-file`` for the blobs they hold between them, each blob once.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

__all__ = ["GitError", "read_content", "read_contents", "resolve_revision"]

CONTENT = "content"
FILE_MODES = frozenset({"100644", "100755"})
"""Regular files; symbolic links and submodules are not content."""


class GitError(Exception):
    """Git refused: not a repository, or no such revision. The message is for the user."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None


def resolve_revision(root: Path, revision: str) -> str:
    """The commit id that ``revision`` names; :class:`GitError` when there is none."""
    if revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision")
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise GitError(f"'{root}' is not inside a git repository")
    done = _git(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if done.returncode != 0:
        raise GitError(f"unknown revision '{revision}'")
    return done.stdout.decode("ascii").strip()


def _list_blobs(root: Path, commit: str, folder: str) -> list[tuple[str, str]]:
    """(path relative to ``root``, blob id) of each regular file under ``folder``, sorted."""
    done = _git(root, "ls-tree", "-r", "-z", commit, "--", folder)
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    found: list[tuple[str, str]] = []
    for entry in done.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split()
        if kind == "blob" and mode in FILE_MODES:
            found.append((path.decode("utf-8", "surrogateescape"), blob))
    return sorted(found)


def _cat_blobs(root: Path, blobs: list[str]) -> list[bytes]:
    """The contents of ``blobs``, in order, from one ``git cat-file --batch`` process."""
    if not blobs:
        return []
    done = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    out, pos, contents = done.stdout, 0, []
    for _ in blobs:
        header_end = out.index(b"\n", pos)
        _, _, size = out[pos:header_end].decode("ascii").split()
        start = header_end + 1
        contents.append(out[start : start + int(size)])
        pos = start + int(size) + 1  # the blob is followed by a newline
    return contents


def read_content(root: Path, commit: str) -> dict[str, bytes]:
    """Path relative to the project (``content/actors/nrf.yaml``) → bytes, at ``commit``.

    Empty when the revision has no ``content/`` folder. ``root`` is the project folder, which
    may be anywhere inside the repository: paths are listed relative to it.
    """
    return read_contents(root, (commit,))[0]


def read_contents(root: Path, commits: Sequence[str]) -> list[dict[str, bytes]]:
    """:func:`read_content` of each of ``commits``; a file that is the same in several of
    them is read once and is the very same ``bytes`` object in each."""
    listings = [_list_blobs(root, commit, CONTENT) for commit in commits]
    blobs = sorted({blob for listed in listings for _, blob in listed})
    data = dict(zip(blobs, _cat_blobs(root, blobs), strict=True))
    return [{path: data[blob] for path, blob in listed} for listed in listings]
