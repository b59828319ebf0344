"""cache: the check memo (``memo.CheckMemo``) kept on disk between runs, so that a file
checked before, with the same bytes, is not parsed, validated, split or resolved again.

One file per project, named after the project's real path, in ``$EXPLAINER_CACHE_DIR``, else
``$XDG_CACHE_HOME/explainer``, else ``~/.cache/explainer``. Never inside the project: the
cache is a pickle, loading a pickle can run code, and a project's files may come from anyone
(a pull request). So the folder is made private (0700) and a cache file that another user
owns, or that others may write, is ignored.

A cache is used only by the very code that wrote it: its header holds a digest of the
Python version and of every module of this package, so any other version starts afresh. A
cache that cannot be read, for whatever reason, is the same as none; one that cannot be
written is left as it was. The output never depends on the cache: what is reused is exactly
what the same code made of the same bytes (``tests/test_cache.py`` checks that cold and warm
runs print and build the same bytes).

What is kept is what the last run used (``CheckMemo.prune``), and the file is written again
only when that changed (``CheckMemo.changed``).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.util
import io
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.load import KINDS
from generator.memo import CheckMemo
from generator.memotable import MemoTable
from generator.raw import RawFile
from generator.rendermemo import RenderMemo

__all__ = [
    "cache_dir", "cache_path", "code_stamp", "compiled_path", "open_memo", "open_render",
    "render_path", "save_memo", "save_render",
]  # fmt: skip

MAGIC = b"explainer-check-cache\n"
_DATACLASS_SETSTATE = getattr(dataclasses, "_dataclass_setstate", None)
"""What ``dataclasses`` gives frozen slotted classes as ``__setstate__`` (None if it is not
there: they are then pickled the standard way)."""
LIBRARIES = (
    "yaml",
    "markdown_it",
    "mdit_py_plugins",
    "rapidfuzz",
    "jinja2",
    "markupsafe",
    "msgspec",
)
"""The libraries whose output the caches keep (their import names)."""
ENTITY_FOLDERS = tuple(f"content/{kind}/" for kind in KINDS)
"""Files whose validated value depends on their own bytes alone."""


def cache_dir() -> Path:
    """Where caches live (see the module's text)."""
    chosen = os.environ.get("EXPLAINER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "explainer"


def cache_path(root: Path) -> Path:
    """The cache file of the project at ``root``."""
    name = hashlib.blake2b(os.fsencode(os.path.realpath(root)), digest_size=12).hexdigest()
    return cache_dir() / f"{name}.pickle"


@functools.cache
def code_stamp() -> bytes:
    """A digest of what made the cache: this Python, the libraries that parse (their versions,
    and whether PyYAML has libyaml), and this package's modules."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(sys.version.encode())
    for library in LIBRARIES:
        # The installed files, not the version in the package's metadata: installing another
        # version (or the same one again) replaces them, and finding a module is a few stat
        # calls where reading installed metadata costs more than the rest of the stamp.
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        found = f"{origin}:{info.st_size}:{info.st_mtime_ns}" if info else "-"
        digest.update(f"{library}={found};".encode())
    digest.update(b"libyaml" if getattr(yaml, "__with_libyaml__", False) else b"-")
    package = Path(__file__).parent
    for module in sorted(package.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.digest()


def _trusted(path: Path) -> bytes | None:
    """The file's bytes, if it is a regular file of this user that nobody else may write."""
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            if hasattr(os, "getuid") and (
                info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            ):
                return None
            return file.read()
    except OSError:
        return None


def open_memo(root: Path) -> CheckMemo:
    """The project's cached memo, or an empty one when there is none that can be used."""
    data = _trusted(cache_path(root))
    head = MAGIC + code_stamp()
    if data is None or not data.startswith(head):
        return CheckMemo()
    try:
        state = pickle.loads(memoryview(data)[len(head) :])
        records, made, sentences, marks, indexes, holders, linked = state
        memo = CheckMemo()
        memo.load.records = MemoTable(records)
        memo.validate.rekey(made)
        memo.sentences = MemoTable(sentences)
        memo.marks = MemoTable(marks)
        memo.cite.rekey(indexes, holders)
        memo.link.rekey(linked)
    except Exception:  # a damaged cache of any kind is no cache
        return CheckMemo()
    return memo


def _state(memo: CheckMemo) -> tuple[object, ...]:
    """The memo as plain values to pickle. A fact file's parsed YAML is dropped (kept: its
    validated value), since validation never asks for it again: its value depends on its own
    bytes alone, and the bytes are the key."""
    light: dict[int, RawFile] = {}
    made = []
    for entry in memo.validate.made.values():
        (raw, other), value, found = entry
        if (
            other is None and isinstance(raw, RawFile) and raw.node is not None
            and raw.path.startswith(ENTITY_FOLDERS)
        ):  # fmt: skip
            stripped = light[id(raw)] = RawFile(raw.path, raw.stem, None)
            entry = ((stripped, None), value, found)
        made.append(entry)
    records = {
        key: (light.get(id(record), record), found)
        for key, (record, found) in memo.load.records.entries.items()
    }
    indexes, holders = memo.cite.entries()
    linked = list(memo.link.entities.values())
    return records, made, memo.sentences.entries, memo.marks.entries, indexes, holders, linked


_set = object.__setattr__
_FIELDS: dict[type, tuple[tuple[str, ...], bool]] = {}


def _fields(cls: type) -> tuple[tuple[str, ...], bool]:
    """A dataclass's field names, and whether calling it with their values, in order, makes
    the object again (every field is a positional argument and nothing is computed)."""
    known = _FIELDS.get(cls)
    if known is None:
        fields = dataclasses.fields(cls)
        plain = not hasattr(cls, "__post_init__") and all(f.init and not f.kw_only for f in fields)
        known = _FIELDS[cls] = (tuple(f.name for f in fields), plain)
    return known


def _restore(cls: type, values: tuple[object, ...]) -> object:
    """A frozen dataclass made again from its field values (see :class:`_Pickler`)."""
    made: object = object.__new__(cls)
    for name, value in zip(_fields(cls)[0], values, strict=True):
        _set(made, name, value)
    return made


class _Pickler(pickle.Pickler):
    """Pickles frozen slotted dataclasses (the model's values) as their class and field
    values, made again by calling the class when it takes them all as positional arguments
    and computes nothing, else by :func:`_restore`. The standard way restores each through
    ``dataclasses``' own ``__setstate__``, which looks the fields up again for every object:
    reading the cache took a third longer."""

    def reducer_override(self, obj: object) -> Any:  # a reduction, or NotImplemented
        cls = type(obj)
        if cls.__dict__.get("__setstate__") is _DATACLASS_SETSTATE:
            names, plain = _fields(cls)
            values = tuple(getattr(obj, name) for name in names)
            return (cls, values) if plain else (_restore, (cls, values))
        return NotImplemented


def _dumps(state: object) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=5).dump(state)
    return buffer.getvalue()


def save_memo(root: Path, memo: CheckMemo) -> None:
    """Keep what this run used (pruning the rest) for the next run; write only on change, and
    only when enough changed (see :data:`REWRITE_SHARE`)."""
    memo.prune()
    if not memo.changed or memo.changes * REWRITE_SHARE < memo.size:
        return
    try:
        _write_private(cache_path(root), MAGIC + code_stamp() + _dumps(_state(memo)))
    except (OSError, pickle.PicklingError, RecursionError):
        return  # no cache next time, and nothing else changes
    for table in memo.tables():
        table.changed = False
        table.changes = 0


REWRITE_SHARE = 50
"""The cache is written again when at least one entry in this many changed. Fewer changes
(an edit to a few files of a large project) are cheaper to make again on the next runs than
the whole cache is to write: 10,000 entities take a second to write, one file a millisecond
to check again. The changes of the runs that did not write add up, since the cache on disk
lacks them all."""
RENDER_MAGIC = b"explainer-render-memo\n"


def compiled_path() -> Path:
    """Where compiled templates are kept (shared by every project: each is kept by a digest
    of its source, its name and its file's path)."""
    return cache_dir() / "templates"


def render_path(root: Path) -> Path:
    """The file of the project's render memo (beside its check cache)."""
    return cache_path(root).with_suffix(".render")


def open_render(root: Path, output: Path) -> RenderMemo:
    """The memo of the last build of ``root`` into ``output``, reading previous pages from
    ``output`` (see ``rendermemo``); an empty one when there is none that can be used. A
    memo of a build into another folder is no memo."""
    from generator.write import keep

    folder = os.path.realpath(output)

    def previous(path: str) -> tuple[bytes, bytes] | None:
        return keep(os.path.join(folder, path))  # the bytes are not read: write links them

    memo = RenderMemo(previous=previous, folder=folder, compiled=compiled_path())
    data = _trusted(render_path(root))
    head = RENDER_MAGIC + code_stamp()
    if data is None or not data.startswith(head):
        return memo
    try:
        built, pages, parts = pickle.loads(memoryview(data)[len(head) :])
        if built == folder and _memo_pages(pages) and _memo_parts(parts):
            memo.pages, memo.parts = pages, parts
    except Exception:  # a damaged memo of any kind is no memo
        pass
    return memo


def _memo_pages(pages: object) -> bool:
    """True for a render memo's pages: output path → (inputs digest, bytes digest)."""
    return isinstance(pages, dict) and all(
        isinstance(path, str) and type(known) is tuple and len(known) == 2
        and all(isinstance(digest, bytes) for digest in known)
        for path, known in pages.items()
    )  # fmt: skip


def _memo_parts(parts: object) -> bool:
    """True for a render memo's parts: digest → an entity's line of ``explainer.json`` or a
    piece of the search index."""
    from generator.search import Piece

    return isinstance(parts, dict) and all(
        isinstance(key, bytes) and isinstance(part, str | Piece) for key, part in parts.items()
    )


def save_render(root: Path, output: Path, memo: RenderMemo) -> None:
    """Keep the memo of a build that was written into ``output``; write only when its last
    render recorded something else than the one before."""
    if not memo.changed:
        return
    data = RENDER_MAGIC + code_stamp()
    data += pickle.dumps((os.path.realpath(output), memo.pages, memo.parts), protocol=5)
    try:
        _write_private(render_path(root), data)
    except OSError:
        return  # the next build renders every page, and nothing else changes


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in the private cache folder, all or nothing."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
