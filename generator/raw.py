"""raw: the records ``load`` makes of ``content/``, before any of it is interpreted.

A YAML file's node tree (``RawFile``), a source's verbatim text (``RawText``), a narrative
page's front matter and Markdown (``RawPage``), and the whole project (``RawProject``); and
:class:`LoadMemo`, which lets loads in one process (or, through the check cache, in the next)
share the records of files whose bytes are the same. Values only: nothing here reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from msgspec import Struct, field

from generator.diagnostics import Diagnostic, Diagnostics, Location
from generator.memotable import MemoTable
from generator.yamltypes import YNode

__all__ = ["LoadMemo", "RawFile", "RawPage", "RawProject", "RawText"]

R = TypeVar("R")


class RawFile(Struct, frozen=True):
    """A YAML file as read: ``site.yaml``, a fact file or a source's metadata."""

    path: str
    """Relative to the project, forward slashes: ``content/actors/ahmad-massoud.yaml``."""
    stem: str
    """The file name without ``.yaml``: the id (``site`` for ``site.yaml``)."""
    node: YNode | None
    """The document, or None when it could not be read or composed (already reported)."""


class RawText(Struct, frozen=True):
    """A source's verbatim text (``content/sources/<id>.txt``)."""

    path: str
    """Relative to the project, forward slashes."""
    stem: str
    """The source id."""
    text: str
    """Exactly as decoded from UTF-8: line endings untouched (only a BOM is dropped)."""


class RawPage(Struct, frozen=True):
    """A narrative page (``content/pages/<slug>.md``): YAML front matter, then Markdown."""

    path: str
    """Relative to the project, forward slashes."""
    stem: str
    """The page slug."""
    front: YNode | None
    """The front matter, or None when missing, empty or invalid (already reported)."""
    front_location: Location
    """Where the front matter starts: the opening ``---`` line (line 1)."""
    body: str
    """The Markdown after the closing ``---`` line, exactly as in the file."""
    body_line: int
    """The 1-based file line on which ``body`` starts."""


class RawProject(Struct, frozen=True):
    """Everything ``content/`` holds, each tuple sorted by path."""

    site: RawFile | None
    """``content/site.yaml``, or None when it is missing (E002)."""
    actors: tuple[RawFile, ...]
    provinces: tuple[RawFile, ...]
    events: tuple[RawFile, ...]
    source_meta: tuple[RawFile, ...]
    """``sources/<id>.yaml``; a half without its other half has been reported (E010)."""
    source_texts: tuple[RawText, ...]
    """``sources/<id>.txt``."""
    pages: tuple[RawPage, ...]
    files: tuple[str, ...]
    """Every content file read, relative to the project, sorted."""


class LoadMemo(Struct):
    """What earlier loads made of each file, by path and a digest of its bytes: the record and
    the file's own diagnostics. Records come back as the very same objects, so that later
    stages can recognise unchanged files by identity."""

    records: MemoTable[tuple[str, bytes], tuple[object, tuple[Diagnostic, ...]]] = field(
        default_factory=MemoTable
    )
    digests: dict[str, bytes] = field(default_factory=dict)
    """Path → digest of the bytes of every file the last load read (never kept on disk):
    what an incremental render compares pages' inputs by (``rendermemo``)."""

    def reuse(
        self, rel: str, data: bytes, diags: Diagnostics, make: Callable[[Diagnostics], R]
    ) -> R:
        """``make(sink)`` for this file's bytes, run once; its diagnostics go to ``diags``."""

        def made() -> tuple[object, tuple[Diagnostic, ...]]:
            sink = Diagnostics()
            return make(sink), tuple(sink)

        key = (rel, hashlib.blake2b(data, digest_size=20).digest())
        self.digests[rel] = key[1]
        record, found = self.records.get(key, made)
        for diagnostic in found:
            diags.add(diagnostic)
        return record  # type: ignore[return-value]  # made by ``make`` for this very key
