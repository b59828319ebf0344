"""write: ``{path: bytes}`` → the output folder, all or nothing. The only stage that writes.

The site is written into a staging folder beside the output folder, then swapped in: with an
atomic exchange of the two folders where the system has one (Linux ``renameat2``), else with
two renames. The previous output is never cleaned first, so a failed or killed build leaves it
as it was; a staging folder left by a killed build is removed by the next build.

A file whose bytes are the same as in the previous output is not written again: the staging
folder gets a hard link to the previous file. So does a :class:`Kept` file, a page that an
incremental build took as it was without reading it. Nothing is ever written into a file that
exists, so the previous output stays as it was until the swap; unchanged files keep their
modification time; and a rebuild creates (and, once swapped, frees) only as many files as
changed. Creating files is what writing a site costs most: on ext4 without a journal, each new
file is slower the more files were deleted in the last minutes, as a rebuild's previous output
just was.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path

from msgspec import Struct

__all__ = [
    "Kept", "WriteStats", "file_stamp", "keep", "read_regular", "staging_folders",
    "write_file", "write_site",
]  # fmt: skip

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
# A link or a FIFO put in the previous output is never followed nor waited on: not linked.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


Stamp = bytes
"""What :func:`file_stamp` gives."""


class WriteStats(Struct, frozen=True):
    """What a write did."""

    files: int
    """Files in the new output."""
    bytes: int
    """Their total size."""
    stamps: dict[str, Stamp] = {}
    """:func:`file_stamp` of each file written or linked, but for the :class:`Kept` files
    linked (which keep the stamps they had)."""


def file_stamp(info: os.stat_result) -> Stamp:
    """What tells a file in the output apart from any other version of it: its size, time of
    last change and inode. Editing the file changes its time, replacing it its inode; linking
    it into the next output changes neither."""
    return b"%d:%d:%d" % (info.st_size, info.st_mtime_ns, info.st_ino)


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
    import ctypes  # here: only the swap needs it

    try:
        # The C library is already loaded into this process: look the call up there, not by
        # searching for the library's file (which runs a program).
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


class Kept(bytes):
    """A file of a previous output taken as it is, its bytes unread: :func:`write_site` links
    it (or copies it where links cannot be made). As ``bytes`` it is empty; ``path`` is the
    file's absolute path and ``size`` its size. Made by :func:`keep`."""

    path: str
    size: int


def keep(path: str) -> tuple[Kept, Stamp] | None:
    """The regular file ``path`` (a link is not followed) as :class:`Kept`, with its
    :func:`file_stamp`; None when there is no such file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    kept = Kept()
    kept.path, kept.size = path, info.st_size
    return kept, file_stamp(info)


def read_regular(path: str, size: int | None = None) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (a link is not followed, a FIFO not
    waited on) and, if ``size`` is given, of that size; else None."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or (size is not None and found.st_size != size):
            return None
        return file.read()


def _holds(path: str, data: bytes) -> bool:
    """True when ``path`` is a regular file (not a link to one) holding exactly ``data``."""
    return read_regular(path, len(data)) == data


class _Writer:
    """Writes files into the staging folder, linking those the previous output has already."""

    __slots__ = ("_base", "_can_link", "_previous")

    def __init__(self, base: str, previous: str | None) -> None:
        self._base = base
        self._previous = previous
        self._can_link = True
        """False once a link failed: this file system makes none (another device, FAT…)."""

    def put(self, path: str, data: bytes) -> bytes | None:
        """Put ``data`` at ``path``; the :func:`file_stamp` of the file, or None for a file
        :class:`Kept` that was linked (its stamp is the one it had)."""
        target = os.path.join(self._base, path)
        if type(data) is Kept:
            if self._can_link:
                try:
                    os.link(data.path, target)
                    return None
                except OSError:
                    self._can_link = False  # copy it instead
            found = read_regular(data.path, data.size)
            if found is None:
                raise OSError(f"{data.path} changed while the site was being built")
            data = found
        elif self._can_link and self._previous is not None:
            old = os.path.join(self._previous, path)
            if _holds(old, data):
                try:
                    os.link(old, target)
                    return file_stamp(os.stat(target))
                except OSError:
                    self._can_link = False  # write it instead
        with open(target, "wb") as out:
            out.write(data)
            out.flush()
            return file_stamp(os.fstat(out.fileno()))


def write_site(files: Mapping[str, bytes], output: Path) -> WriteStats:
    """Replace ``output`` by exactly ``files``; on any failure ``output`` is left untouched.
    A file :class:`Kept` (an incremental build's page taken as it was) is linked."""
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
        writer = _Writer(base, str(output) if output.is_dir() else None)
        stamps = {}
        for path in paths:
            stamp = writer.put(path, files[path])
            if stamp is not None:
                stamps[path] = stamp
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
    size = sum(b.size if type(b) is Kept else len(b) for b in files.values())
    return WriteStats(len(files), size, stamps)


def write_file(target: Path, data: bytes) -> None:
    """Write one file (an export) beside ``target``, then rename it over ``target``: readers
    see the old file or the new one, never part of it. Raises ``OSError`` (nothing left
    behind) naming ``target`` when it cannot."""
    # A new name each time, created exclusively: never a file (or link) that was there.
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(target)) from error
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, target)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(target)) from error
        raise
