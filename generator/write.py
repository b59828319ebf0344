"""write: ``{path: bytes}`` → the output folder, all or nothing. The only stage that writes.

The site is written into a staging folder beside the output folder, then swapped in: with an
atomic exchange of the two folders where the system has one (Linux ``renameat2``), else with
two renames. The previous output is never cleaned first, so a failed or killed build leaves it
as it was; a staging folder left by a killed build is removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import posixpath
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WriteStats", "staging_folders", "write_site"]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What a write did."""

    files: int
    """Files in the new output."""
    bytes: int
    """Their total size."""


def staging_folders(output: Path) -> list[Path]:
    """Staging or retired folders of ``output`` that a killed build may have left."""
    parent = output.parent
    if not parent.is_dir():
        return []
    prefixes = (f".{output.name}.staging-", f".{output.name}.old-")
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefixes))


def _checked(path: str) -> str:
    parts = path.split("/")
    if not path or any(p in ("", ".", "..") or "\\" in p for p in parts):
        raise ValueError(f"refusing to write outside the output folder: {path!r}")
    return path


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders; False where the system cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def write_site(files: Mapping[str, bytes], output: Path) -> WriteStats:
    """Replace ``output`` by exactly ``files``; on any failure ``output`` is left untouched."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    for stale in staging_folders(output):
        shutil.rmtree(stale, ignore_errors=True)
    staging = output.parent / f".{output.name}.staging-{os.getpid()}"
    try:
        staging.mkdir()
        base = str(staging)
        paths = sorted(files)
        folders = {posixpath.dirname(_checked(path)) for path in paths}
        for folder in sorted(folders):
            if folder:
                os.makedirs(os.path.join(base, folder), exist_ok=True)
        for path in paths:
            with open(os.path.join(base, path), "wb") as out:
                out.write(files[path])
        if output.exists() and _exchange(staging, output):
            shutil.rmtree(staging)  # now holds the previous output
        else:
            retired = output.parent / f".{output.name}.old-{os.getpid()}"
            if output.exists():
                os.replace(output, retired)
            os.replace(staging, output)
            shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteStats(len(files), sum(len(b) for b in files.values()))
