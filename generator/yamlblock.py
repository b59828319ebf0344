"""The YAML that fact files are nearly always written in → located nodes, without a YAML
parser; anything else is left to one (:func:`compose_block` returns :data:`NOT_BLOCK`).

What is read here: block mappings of plain keys and block sequences (``- `` items, compact
``- key: value`` mappings, sequences at the indentation of their key), one-line plain,
single- and double-quoted scalars without escapes, one-line flow sequences of such scalars,
``|`` and ``>`` block scalars as mapping values (clipped or ``-`` stripped, without
indentation indicator, and for ``>`` without more-indented lines), blank lines and comments.
Anything else — plain or quoted scalars over several lines, ``+`` chomping, flow mappings,
escapes, tabs, ``\r`` and other line breaks, empty values, keys that are quoted, duplicate or
not plain strings, a document that is not a mapping — gives :data:`NOT_BLOCK`, and the caller
composes the text with libyaml or its own composer, which report what needs reporting. For
the texts it reads, the nodes are exactly those libyaml's composer gives
(``tests/test_yamlblock.py`` compares the two on many texts); reading is about 2.4 times
as fast, and reading the fact files is most of the cost of ``load``. Reads no files.
"""

from __future__ import annotations

import re
from typing import Final

from generator.diagnostics import Location
from generator.yamltypes import MAX_DEPTH, ScalarStyle, YMap, YNode, YScalar, YSeq, yaml11_type

__all__ = ["NOT_BLOCK", "compose_block"]


class _NotBlock:
    """The marker for a text outside what this module reads."""

    __slots__ = ()


NOT_BLOCK: Final = _NotBlock()
"""What :func:`compose_block` returns for a text it leaves to a YAML parser."""


class _Bail(Exception):
    """Something outside the subset: give the text to a YAML parser."""


# Any of these anywhere: tabs and other line breaks have rules of their own; a backslash may
# be an escape; a brace a flow mapping.
_OUTSIDE = re.compile("[\t\r\x85\u2028\u2029\\\\{}]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*)|$)")
# A plain scalar may not start with an indicator ("-" only when a space follows, which is a
# sequence entry) nor hold ": " or end with ":"; a comment needs a space before "#".
_PLAIN_START_BAD = frozenset("?:,[]{}#&*!|>'\"%@`")
_NOT_PLAIN_FIRST = _PLAIN_START_BAD | {"-"}
"""First characters of a value that are not always a plain scalar's (``-`` is, unless a space
or nothing follows)."""
_PLAIN_KEYS: set[str] = set()
"""Keys already seen to be plain strings (not ``yes``, ``null``…): that depends on the key
alone, and fact files use a few dozen keys over and over."""
_PLAIN_KEYS_MAX = 10_000
_BLOCK_HEADER = re.compile(r"([|>])(-?)")
_FLOW_PLAIN = re.compile(r"[^\s,\[\]{}#&*!|>'\"%@`?:-][^,\[\]{}#:]*")


def compose_block(text: str, path: str, first_line: int) -> YNode | _NotBlock:
    """The nodes of ``text`` (starting on file line ``first_line``), or :data:`NOT_BLOCK`."""
    if _OUTSIDE.search(text) is not None:
        return NOT_BLOCK
    raw = text.split("\n")
    lines = [
        (number, len(line) - len(content), content.rstrip(" "))
        for number, line in enumerate(raw, first_line)
        if (content := line.lstrip(" ")) and content[0] != "#"
    ]
    if not lines or lines[0][1] != 0:
        return NOT_BLOCK
    reader = _Reader(lines, path, raw, first_line)
    try:
        root = reader.mapping(0, 1)
    except _Bail:
        return NOT_BLOCK
    return root if reader.at == len(lines) else NOT_BLOCK


# Nodes and locations are made with ``tuple.__new__``: the named tuples' own ``__new__`` is a
# Python function, and calling it was a fifth of the time spent here.
_new = tuple.__new__


def _item_line(content: str) -> bool:
    return content[:2] == "- " or content == "-"


class _Reader:
    """A recursive descent over the significant lines: (file line, indentation, content)."""

    __slots__ = ("at", "first_line", "lines", "path", "raw")

    def __init__(
        self, lines: list[tuple[int, int, str]], path: str, raw: list[str], first_line: int
    ) -> None:
        self.lines = lines
        self.path = path
        self.raw = raw
        """Every line of the text, for block scalars (whose lines may look like comments)."""
        self.first_line = first_line
        self.at = 0

    def _location(self, line: int, column: int) -> Location:
        return _new(Location, (self.path, line, column + 1))

    def mapping(self, indent: int, depth: int) -> YMap:
        """The block mapping whose keys start at column ``indent``."""
        if depth > MAX_DEPTH:
            raise _Bail
        lines, count, path = self.lines, len(self.lines), self.path
        at = self.at
        line, _, content = lines[at]
        start = at_key = _new(Location, (path, line, indent + 1))
        items: list[tuple[YScalar, YNode]] = []
        seen: set[str] = set()
        while True:
            match = _KEY.match(content)
            if match is None:
                raise _Bail
            name, text = match.groups()
            if name in seen:
                raise _Bail
            seen.add(name)
            key: YScalar = _new(YScalar, (name, "plain", at_key))
            if name not in _PLAIN_KEYS:
                if yaml11_type(key) != "str":
                    raise _Bail
                if len(_PLAIN_KEYS) < _PLAIN_KEYS_MAX:
                    _PLAIN_KEYS.add(name)
            at += 1
            value: YNode
            if text is None or text[0] == "#":
                self.at = at
                value = self._nested(indent, depth)
                at = self.at
            else:
                column = indent + len(content) - len(text)
                if text[0] in "|>":
                    self.at = at
                    value = self._block_scalar(text, line, column, indent)
                    at = self.at
                else:
                    value = self._inline(text, line, column)
                if at < count and lines[at][1] > indent:
                    raise _Bail  # the scalar goes on over the next line
            items.append((key, value))
            if at == count:
                break
            line, next_indent, content = lines[at]
            if next_indent != indent or content[:2] == "- " or content == "-":
                break
            at_key = _new(Location, (path, line, indent + 1))
        self.at = at
        return _new(YMap, (tuple(items), start))

    def _nested(self, indent: int, depth: int) -> YNode:
        """The block value of a key at ``indent`` whose line ends after its colon."""
        if self.at == len(self.lines):
            raise _Bail  # an empty value: null
        _, next_indent, content = self.lines[self.at]
        if _item_line(content) and next_indent >= indent:
            return self.sequence(next_indent, depth + 1)
        if next_indent > indent:
            return self.mapping(next_indent, depth + 1)
        raise _Bail  # an empty value: null

    def sequence(self, indent: int, depth: int) -> YSeq:
        """The block sequence whose ``-`` are at column ``indent``."""
        if depth > MAX_DEPTH:
            raise _Bail
        lines, count, path = self.lines, len(self.lines), self.path
        line, _, content = lines[self.at]
        start = _new(Location, (path, line, indent + 1))
        items: list[YNode] = []
        while True:
            if content == "-":
                raise _Bail  # the item is on the next lines, or null
            rest = content[2:]
            body = rest.lstrip(" ")
            column = indent + 2 + len(rest) - len(body)
            if body[0] == "#" or _item_line(body):
                raise _Bail
            if _KEY.match(body) is not None:
                lines[self.at] = (line, column, body)  # read ``- key: …`` as ``key: …``
                items.append(self.mapping(column, depth + 1))
            else:
                self.at += 1
                items.append(self._inline(body, line, column))
                if self.at < count and lines[self.at][1] > indent:
                    raise _Bail  # the scalar goes on over the next line
            if self.at == count:
                break
            line, next_indent, content = lines[self.at]
            if next_indent != indent or not _item_line(content):
                break
        return _new(YSeq, (tuple(items), start))

    def _block_scalar(self, header: str, line: int, column: int, parent: int) -> YScalar:
        """A ``|`` or ``>`` scalar (``-`` chomping or none) whose lines are indented more than
        ``parent``; lines indented more than the first (in ``>``) are left to a parser."""
        match = _BLOCK_HEADER.fullmatch(header)
        if match is None:
            raise _Bail
        literal, strip = match.group(1) == "|", match.group(2) == "-"
        raw, first = self.raw, line - self.first_line + 1
        indent = longest_blank = 0
        body: list[str | None] = []  # None for an empty line
        end = first
        while end < len(raw):
            text = raw[end]
            content = text.lstrip(" ")
            if not content:
                longest_blank = max(longest_blank, len(text))
                body.append(None)
                end += 1
                continue
            here = len(text) - len(content)
            if not indent:
                if here <= parent:
                    break
                indent = here
            elif here < indent:
                break
            elif here > indent and not literal:
                raise _Bail  # a more-indented line keeps its line breaks: not read here
            body.append(text[indent:])
            end += 1
        if not indent or longest_blank > indent:
            raise _Bail  # empty, or spaces on an empty line that count as content
        while body[-1] is None:
            body.pop()
        last = first + len(body) - 1  # the raw index of the last line with content
        pieces: list[str] = []
        empties = 0
        for part in body:
            if part is None:
                empties += 1
                continue
            if pieces and not literal and not empties:
                pieces.append(" ")
            elif pieces:
                pieces.append("\n" * (empties + (1 if literal else 0)))
            else:
                pieces.append("\n" * empties)
            pieces.append(part)
            empties = 0
        if not strip and last < len(raw) - 1:
            pieces.append("\n")  # clip: the last line's break
        lines = self.lines
        while self.at < len(lines) and lines[self.at][0] - self.first_line < end:
            self.at += 1
        return _new(YScalar, ("".join(pieces), "block", self._location(line, column)))

    def _inline(self, text: str, line: int, column: int) -> YNode:
        """A value written on its line after ``key:`` or ``-``, starting at ``column``."""
        first = text[0]
        if first not in _NOT_PLAIN_FIRST and " #" not in text and ": " not in text:
            # The common case, a plain scalar to the end of the line: what ``_scalar`` gives.
            if text[-1] == ":":
                raise _Bail
            return _new(YScalar, (text, "plain", _new(Location, (self.path, line, column + 1))))
        if first == "[":
            return self._flow(text, line, column)
        value, rest, style = _scalar(text)
        if rest and rest[0] != "#":
            raise _Bail
        return _new(YScalar, (value, style, self._location(line, column)))

    def _flow(self, text: str, line: int, column: int) -> YSeq:
        """A one-line flow sequence of scalars: ``[a, "b", 'c']``."""
        items: list[YNode] = []
        at = 1
        size = len(text)
        while True:
            while at < size and text[at] == " ":
                at += 1
            if at == size:
                raise _Bail
            if text[at] == "]" and not items:
                at += 1
                break
            start = at
            char = text[at]
            if char in "\"'":
                value, rest, style = _scalar(text[at:])
                at = size - len(rest)
            else:
                match = _FLOW_PLAIN.match(text, at)
                if match is None:
                    raise _Bail
                value, style = match.group().rstrip(" "), "plain"
                at = match.end()
            items.append(_new(YScalar, (value, style, self._location(line, column + start))))
            while at < size and text[at] == " ":
                at += 1
            if at == size:
                raise _Bail
            if text[at] == "]":
                at += 1
                break
            if text[at] != ",":
                raise _Bail
            at += 1
        rest = text[at:].lstrip(" ")
        if rest and (rest[0] != "#" or at == len(text) - len(rest)):
            raise _Bail
        return _new(YSeq, (tuple(items), self._location(line, column)))


def _scalar(text: str) -> tuple[str, str, ScalarStyle]:
    """(value, what follows it, style) of the scalar ``text`` starts with; in block context,
    so a plain scalar runs to the end of the line or to a comment."""
    first = text[0]
    if first == '"':
        end = text.find('"', 1)
        if end < 0:
            raise _Bail
        return text[1:end], _after_quote(text, end + 1), "quoted"
    if first == "'":
        end = 1
        while True:
            end = text.find("'", end)
            if end < 0:
                raise _Bail
            if text.startswith("''", end):
                end += 2
                continue
            break
        return text[1:end].replace("''", "'"), _after_quote(text, end + 1), "quoted"
    if first in _PLAIN_START_BAD or (first == "-" and text[1:2] in ("", " ")):
        raise _Bail
    cut = text.find(" #")
    value = (text if cut < 0 else text[:cut]).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise _Bail
    return value, "" if cut < 0 else text[cut + 1 :], "plain"


def _after_quote(text: str, at: int) -> str:
    """What follows a closing quote: nothing, or spaces and then more (a comment, a comma…)."""
    rest = text[at:]
    stripped = rest.lstrip(" ")
    if stripped and stripped is rest and stripped[0] not in ",]":
        raise _Bail  # "a"b, or "a"#b: not a comment without a space
    return stripped
