"""One content file: bytes on disk → text → YAML nodes or page parts, every problem reported.

The file-level half of ``load``: size limits (E007), unreadable files (E014), UTF-8 (E004) and
byte-order marks (E005), empty files (E006), and a page's front matter (E012, E013). Text is
decoded from bytes as they are, so ``\\r\\n`` survives and offsets into a source stay exact.
Only ``load`` uses this module; it never writes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from msgspec import Struct

from generator.diagnostics import Diagnostics, Location
from generator.textpos import LineIndex, line_col
from generator.yamlnodes import parse_yaml
from generator.yamltypes import YNode, YScalar

__all__ = [
    "PAGE_LIMIT",
    "SOURCE_TEXT_LIMIT",
    "YAML_LIMIT",
    "FileKind",
    "PageParts",
    "decode_utf8",
    "parse_yaml_file",
    "read_bytes",
    "split_page",
    "within_limit",
]

YAML_LIMIT = 1 << 20
"""Largest YAML file read, in bytes (1 MiB)."""
SOURCE_TEXT_LIMIT = 16 << 20
"""Largest source text read, in bytes (16 MiB)."""
PAGE_LIMIT = 2 << 20
"""Largest narrative page read, in bytes (2 MiB)."""

FileKind = Literal["yaml", "txt", "md"]
_LIMITS: Mapping[FileKind, tuple[int, str, str]] = {
    "yaml": (YAML_LIMIT, "1 MiB", "split it into smaller files"),
    "txt": (SOURCE_TEXT_LIMIT, "16 MiB", "split the document into several sources"),
    "md": (PAGE_LIMIT, "2 MiB", "split the page into several pages"),
}
_BOM = b"\xef\xbb\xbf"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # the path is already resolved: a new link is refused
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO put in place meanwhile cannot hang the build
    | getattr(os, "O_BINARY", 0)
)
_EMPTY_HINT = "write its content, or delete the file"
_FRONT_HINT = "start the page with a '---' line, then 'title: …', then another '---' line"


class PageParts(Struct, frozen=True):
    """A page split into its front matter and its Markdown body."""

    front: YNode | None
    """The front matter, or None when missing, empty or invalid (reported)."""
    body: str
    """The Markdown after the closing ``---`` line, exactly as in the file."""
    body_line: int
    """The 1-based file line on which ``body`` starts."""


def read_bytes(real: str, rel: str, kind: FileKind, diags: Diagnostics) -> bytes | None:
    """The bytes of the regular file at ``real``; None (reported) if unreadable or too large."""
    limit = _LIMITS[kind][0]
    at = Location(rel, 1, 1)
    try:
        fd = os.open(real, _OPEN_FLAGS)
        try:
            size = os.fstat(fd).st_size
            data = b"" if size > limit else _read_at_most(fd, limit + 1, size)
        finally:
            os.close(fd)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        diags.error(at, "E014", f"cannot read {rel}: {reason}", "check that you may read it")
        return None
    return within_limit(data, rel, kind, diags, size=size)


def _read_at_most(fd: int, cap: int, size: int) -> bytes:
    """Up to ``cap`` bytes from ``fd``, to its end, asking first for the ``size`` it had (a
    buffered read of ``cap`` would allocate ``cap`` bytes for every small file)."""
    parts: list[bytes] = []
    total = 0
    ask = min(size + 1, cap)
    while total < cap:
        chunk = os.read(fd, min(ask, cap - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        ask = 1 << 16
    return parts[0] if len(parts) == 1 else b"".join(parts)


def within_limit(
    data: bytes, rel: str, kind: FileKind, diags: Diagnostics, *, size: int = 0
) -> bytes | None:
    """``data``, or None (E007 reported) when the file (``size`` bytes, or more) is too large."""
    limit, shown, hint = _LIMITS[kind]
    size = max(size, len(data))
    if size > limit:
        message = f"{rel} is too large ({size / (1 << 20):.1f} MiB; the limit is {shown})"
        diags.error(Location(rel, 1, 1), "E007", message, hint)
        return None
    return data


def decode_utf8(data: bytes, rel: str, diags: Diagnostics) -> str:
    """The text of ``data``: a BOM is reported (E005) and dropped; bad bytes (E004) → U+FFFD.

    Both problems are reported and decoding goes on, so the file's other problems show too.
    """
    skipped = 0
    if data.startswith(_BOM):
        diags.error(
            Location(rel, 1, 1),
            "E005",
            "the file starts with a UTF-8 byte-order mark (BOM)",
            "save the file as UTF-8 without BOM",
        )
        data, skipped = data[len(_BOM) :], len(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")
        line, col = line_col(before, len(before))
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "the file is UTF-16: save it as UTF-8"
        else:
            hint = "save the file as UTF-8 (it is probably in an older encoding, e.g. Windows-1252)"
        diags.error(
            Location(rel, line, col),
            "E004",
            f"not valid UTF-8: byte 0x{data[error.start]:02X} at byte offset "
            f"{error.start + skipped}",
            hint,
        )
        return data.decode("utf-8", "replace")


def parse_yaml_file(
    text: str, rel: str, diags: Diagnostics, *, first_line: int = 1, what: str = "the file"
) -> YNode | None:
    """The YAML document of a file (or front matter starting on ``first_line``).

    A text with nothing in it, or only comments, or only ``---``, is reported as E006.
    """
    if not text.strip():
        diags.error(
            Location(rel, max(first_line - 1, 1), 1), "E006", f"{what} is empty", _EMPTY_HINT
        )
        return None
    errors = diags.error_count
    node = parse_yaml(text, rel, diags, first_line=first_line)
    if diags.error_count == errors and (
        node is None or (isinstance(node, YScalar) and node.style == "plain" and not node.value)
    ):
        diags.error(
            Location(rel, first_line, 1),
            "E006",
            f"{what} holds no data, only comments",
            _EMPTY_HINT,
        )
        return None
    return node


def split_page(text: str, rel: str, diags: Diagnostics) -> PageParts:
    """Split a page into front matter between two ``---`` lines at the very top, and body.

    No front matter (E012): the whole text is the body. Unclosed front matter (E013): no body,
    since its Markdown cannot be told from the YAML. An empty page is E006.
    """
    top = Location(rel, 1, 1)
    if not text.strip():
        diags.error(top, "E006", "the page is empty", _FRONT_HINT)
        return PageParts(None, "", 1)
    bounds = (*LineIndex.of(text).starts, len(text))

    def line(index: int) -> str:
        return text[bounds[index] : bounds[index + 1]].rstrip("\r\n").rstrip(" \t")

    if line(0) != "---":
        diags.error(top, "E012", "the page has no front matter", _FRONT_HINT)
        return PageParts(None, text, 1)
    for index in range(1, len(bounds) - 1):
        if line(index) == "---":
            front_text = text[bounds[1] : bounds[index]]
            front = parse_yaml_file(front_text, rel, diags, first_line=2, what="the front matter")
            return PageParts(front, text[bounds[index + 1] :], index + 2)
    diags.error(
        top,
        "E013",
        "the front matter is not closed",
        "end the front matter with a line holding only '---', before the Markdown",
    )
    return PageParts(None, "", 1)
