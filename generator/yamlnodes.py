"""YAML text → located node trees (YScalar, YMap, YSeq); never builds Python values from YAML.

Built on PyYAML's event stream (libyaml when installed, else pure Python), with our own composer:
nothing is type-converted (``no``, ``1.10``, ``0755`` and ``2021-08-15`` stay the strings they
are written as; :func:`yaml11_type` tells what YAML would have made of them), and the YAML
features that let a file mean something other than what it shows are refused, each with a
located diagnostic: anchors and aliases (E021, which also defuses alias bombs: nothing is ever
expanded), merge keys (E022), tags (E023), duplicate keys (E024), keys that are not plain
strings (E025), several documents (E026) and nesting deeper than :data:`MAX_DEPTH` (E027).
Syntax errors (E020) are reported with the pure-Python parser's wording and position, so the
diagnostics are the same with or without libyaml. Texts in plain block YAML, as nearly every
fact file is, are read by :mod:`generator.yamlblock` without a parser, to the same nodes; the
node types are in :mod:`generator.yamltypes`. This module reads no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import yaml

from generator.diagnostics import Diagnostics, Location
from generator.textpos import line_col
from generator.yamlblock import NOT_BLOCK, compose_block
from generator.yamlerrors import report_syntax_error
from generator.yamltypes import (
    MAX_DEPTH,
    ScalarStyle,
    YamlType,
    YMap,
    YNode,
    YScalar,
    YSeq,
    yaml11_type,
)

__all__ = ["parse_yaml"]

_TYPE_WORDS: Mapping[YamlType, str] = {
    "str": "a string",
    "bool": "a boolean",
    "null": "null",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
}
# Any of these in a text may mean an anchor, alias, tag, merge key or second document: such
# texts take the event-by-event composer, which reports them; others take libyaml's composer.
_NOT_SIMPLE = re.compile(r"[&*!]|<<|^(?:---|\.\.\.)", re.MULTILINE)
# The characters YAML allows in a stream; both parsers refuse the others.
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class _TooDeep(Exception):
    """Nesting beyond MAX_DEPTH: composing stops, since the parser's cost grows with depth."""

    def __init__(self, location: Location) -> None:
        super().__init__(str(location))
        self.location = location


def parse_yaml(text: str, path: str, diags: Diagnostics, *, first_line: int = 1) -> YNode | None:
    """Compose the one YAML document in ``text`` into nodes located in ``path``.

    Every problem is reported into ``diags`` and composing goes on where it can (an alias is
    dropped, a duplicate key keeps its first value). Returns None when the text holds no
    document, or on a syntax error (E020) or excessive nesting (E027), after which the parser
    cannot go on. ``first_line`` is the file line on which ``text`` starts (front matter);
    ``text`` must not start with a byte-order mark.
    """
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line, col = line_col(text, bad.start())
        diags.error(
            Location(path, line + first_line - 1, col),
            "E020",
            f"invalid YAML: character U+{ord(bad.group()):04X} is not allowed",
            "delete the character (a control character, usually pasted by accident)",
        )
        return None
    block = compose_block(text, path, first_line)
    if block is not NOT_BLOCK:
        return block  # type: ignore[return-value]
    loader = _fast_loader()
    if loader is not yaml.SafeLoader and _NOT_SIMPLE.search(text) is None:
        simple = _compose_simple(text, path, first_line)
        if simple is not _NOT_SIMPLE:
            return simple  # type: ignore[return-value]
    composer = _Composer(yaml.parse(text, Loader=loader), path, diags, first_line)
    try:
        return composer.stream()
    except _TooDeep as deep:
        _report_too_deep(deep.location, diags)
    except yaml.YAMLError as error:
        # libyaml words some errors differently: report what the pure-Python parser says, so
        # that a project gives the same diagnostics on every machine.
        pure = _pure_error(text, path, first_line) if loader is not yaml.SafeLoader else None
        if isinstance(pure, Location):
            _report_too_deep(pure, diags)
        else:
            report_syntax_error(pure or error, path, first_line, diags)
    return None


def _compose_simple(text: str, path: str, first_line: int) -> object:
    """The fast path: libyaml composes, we convert; ``_NOT_SIMPLE`` whenever anything would
    need a diagnostic (then the event-by-event composer runs and reports it)."""
    try:
        root = yaml.compose(text, Loader=_UnresolvedCLoader)
    except yaml.YAMLError:
        return _NOT_SIMPLE
    if root is None:
        return None
    try:
        return _convert(root, path, first_line - 1, 1)
    except _NotSimple:
        return _NOT_SIMPLE


class _UnresolvedCLoader(yaml.CSafeLoader):
    """libyaml's composer without tag resolution: we never use the tags, and resolving each
    scalar in Python costs more than composing it."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return ""


class _NotSimple(Exception):
    """The node tree holds something only the event-by-event composer reports."""


_STYLES: Mapping[str | None, ScalarStyle] = {
    None: "plain",
    "": "plain",
    "'": "quoted",
    '"': "quoted",
    "|": "block",
    ">": "block",
}


def _convert(node: yaml.Node, path: str, offset: int, depth: int) -> YNode:
    mark = node.start_mark
    location = Location(path, mark.line + 1 + offset, mark.column + 1)
    if node.__class__ is yaml.ScalarNode:
        return YScalar(node.value, _STYLES[node.style], location)
    if depth > MAX_DEPTH:
        raise _NotSimple
    depth += 1
    if node.__class__ is yaml.SequenceNode:
        return YSeq(tuple([_convert(n, path, offset, depth) for n in node.value]), location)
    items: list[tuple[YScalar, YNode]] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = _convert(key_node, path, offset, depth)
        if key.__class__ is not YScalar or key.value in seen or yaml11_type(key) != "str":
            raise _NotSimple
        seen.add(key.value)
        items.append((key, _convert(value_node, path, offset, depth)))
    return YMap(tuple(items), location)


def _report_too_deep(location: Location, diags: Diagnostics) -> None:
    diags.error(
        location,
        "E027",
        f"mappings and lists are nested more than {MAX_DEPTH} levels deep",
        "flatten the structure: Explainer files need only a few levels",
    )


def _fast_loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    """libyaml's safe loader when PyYAML was built with it, else the pure-Python one."""
    loader: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
    return yaml.SafeLoader if loader is None else loader


def _pure_error(text: str, path: str, first_line: int) -> yaml.YAMLError | Location | None:
    """The pure-Python parser's error for ``text``, or where it nests too deep, or None.

    Stops at MAX_DEPTH: the pure parser slows down quadratically with nesting depth.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (0, 0) if mark is None else (mark.line, mark.column)
                    return Location(path, line + first_line, col + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        return error
    return None


def _style(style: str | None) -> ScalarStyle:
    if not style:  # None in pure Python, "" from libyaml
        return "plain"
    return "quoted" if style in ("'", '"') else "block"


def _tag_name(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _is_merge_key(event: yaml.Event) -> bool:
    return (
        isinstance(event, yaml.ScalarEvent)
        and event.value == "<<"
        and event.tag is None
        and not event.style
    )


class _Composer:
    """Turns one event stream into nodes, reporting what it refuses as it goes."""

    __slots__ = ("_aliases", "_diags", "_events", "_first_line", "_path")

    def __init__(
        self, events: Iterator[yaml.Event], path: str, diags: Diagnostics, first_line: int
    ) -> None:
        self._events = events
        self._path = path
        self._diags = diags
        self._first_line = first_line
        self._aliases: dict[str, tuple[Location, int]] = {}
        """Alias name → (first use, number of uses): one E021 per name, not per use."""

    def stream(self) -> YNode | None:
        """The first document's root node; a second document is reported (E026)."""
        try:
            return self._documents()
        finally:
            for name, (location, uses) in self._aliases.items():
                times = f" (used {uses} times; the first is here)" if uses > 1 else ""
                self._diags.error(
                    location,
                    "E021",
                    f"alias '*{name}' is not allowed{times}",
                    f"write the value out in full wherever '*{name}' stands",
                )

    def _documents(self) -> YNode | None:
        root: YNode | None = None
        documents = 0
        for event in self._events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._diags.error(
                        self._at(event),
                        "E026",
                        "a second YAML document starts here; a file holds exactly one",
                        "remove this '---' line and what follows it, or move it to its own file",
                    )
                    self._drain()
                    break
            elif isinstance(event, yaml.NodeEvent):
                root = self._node(event, 1)
        return root

    def _at(self, event: yaml.Event) -> Location:
        mark = event.start_mark
        if mark is None:
            return Location(self._path, self._first_line, 1)
        return Location(self._path, mark.line + self._first_line, mark.column + 1)

    def _next(self) -> yaml.Event:
        event = next(self._events, None)
        if event is None:
            raise yaml.YAMLError("the YAML event stream ended early")
        return event

    def _node(self, event: yaml.Event, depth: int) -> YNode | None:
        if isinstance(event, yaml.AliasEvent):
            name = event.anchor or ""
            first, uses = self._aliases.get(name, (self._at(event), 0))
            self._aliases[name] = (first, uses + 1)
            return None
        if not isinstance(event, yaml.NodeEvent):
            raise yaml.YAMLError(f"unexpected YAML event {type(event).__name__}")
        self._check_properties(event)
        if isinstance(event, yaml.ScalarEvent):
            return YScalar(event.value, _style(event.style), self._at(event))
        if depth > MAX_DEPTH:
            raise _TooDeep(self._at(event))
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(event, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(event, depth)
        raise yaml.YAMLError(f"unexpected YAML event {type(event).__name__}")

    def _check_properties(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self._diags.error(
                self._at(event),
                "E021",
                f"anchor '&{event.anchor}' is not allowed",
                f"remove '&{event.anchor}': values are written out in full, never shared",
            )
        tag = event.tag if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) else None
        if tag is not None:
            scalar = isinstance(event, yaml.ScalarEvent)
            self._diags.error(
                self._at(event),
                "E023",
                f"tag '{_tag_name(tag)}' is not allowed",
                "remove the tag; to keep a value as text, quote it instead"
                if scalar
                else "remove the tag",
            )

    def _sequence(self, start: yaml.SequenceStartEvent, depth: int) -> YSeq:
        items: list[YNode] = []
        for event in self._events:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            node = self._node(event, depth + 1)
            if node is not None:
                items.append(node)
        return YSeq(tuple(items), self._at(start))

    def _mapping(self, start: yaml.MappingStartEvent, depth: int) -> YMap:
        items: list[tuple[YScalar, YNode]] = []
        first: dict[str, YScalar] = {}
        for event in self._events:
            if isinstance(event, yaml.MappingEndEvent):
                break
            if _is_merge_key(event):
                self._diags.error(
                    self._at(event),
                    "E022",
                    "merge key '<<' is not allowed",
                    "write the keys out in full in this mapping",
                )
                self._skip(self._next(), depth + 1)
                continue
            key = self._node(event, depth + 1)
            value = self._node(self._next(), depth + 1)
            name = None if key is None or value is None else self._string_key(key)
            if name is None or value is None:
                continue
            previous = first.get(name.value)
            if previous is not None:
                self._diags.error(
                    name.location,
                    "E024",
                    f"duplicate key '{name.value}'",
                    f"'{name.value}' is already set on line {previous.location.line}: "
                    "remove one of them or merge them",
                )
                continue
            first[name.value] = name
            items.append((name, value))
        return YMap(tuple(items), self._at(start))

    def _string_key(self, key: YNode) -> YScalar | None:
        """Report a key that is not a plain string; the key when its pair can be kept."""
        if not isinstance(key, YScalar):
            what = "mapping" if isinstance(key, YMap) else "list"
            self._diags.error(
                key.location,
                "E025",
                f"a {what} cannot be a key",
                "use a plain name as the key, e.g. 'name:'",
            )
            return None
        kind = yaml11_type(key)
        if kind == "str":
            return key
        if key.value == "":
            message, hint = "empty key (YAML reads it as null)", "write a name before the ':'"
        else:
            message = f"key '{key.value}' would be read as {_TYPE_WORDS[kind]}, not a name"
            hint = f'quote it ("{key.value}":) or rename it'
        self._diags.error(key.location, "E025", message, hint)
        return key

    def _skip(self, event: yaml.Event, depth: int) -> None:
        """Consume one node's events without reporting anything inside it."""
        if not isinstance(event, yaml.CollectionStartEvent):
            return
        if depth > MAX_DEPTH:
            raise _TooDeep(self._at(event))
        level = 1
        while level:
            event = self._next()
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
                if depth + level - 1 > MAX_DEPTH:
                    raise _TooDeep(self._at(event))
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1

    def _drain(self) -> None:
        """Read the rest of the stream only to surface syntax errors, giving up when too deep."""
        depth = 0
        for event in self._events:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
