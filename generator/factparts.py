"""factparts: the YAML nodes every kind of fact file shares → model values.

Citations (a mapping with a quote, or the ``SOURCE#sN`` shorthand), dated values, references,
lists of strings, names in other scripts, facts, relations and affiliations, and the scalars
they are made of: dates, enumerations, numbers, URLs, language tags. ``validate`` reads each
kind of file with them. As there, nothing here resolves a reference between files or reads a
source's text; a part with a mistake raises ``ContentError`` (or reports to the sink) and
drops out.
"""

from __future__ import annotations

import enum
import re
from typing import TypeVar

from generator.dates import DATE_FORMS, parse_partial_date
from generator.diagnostics import Diagnostics, Location
from generator.fields import Dropped, MapReader, fail, guarded, node_kind, read_id, read_str
from generator.ids import did_you_mean
from generator.model import (
    Affiliation,
    CiteSpec,
    DatedValue,
    Fact,
    Name,
    PartialDate,
    Ref,
    Relation,
)
from generator.relations import RELATION_TYPES
from generator.yamltypes import YMap, YNode, YScalar, YSeq

__all__ = [
    "DECIMAL",
    "INTEGER",
    "PartReader",
    "dropped",
    "read_date",
    "read_enum",
    "read_lang",
    "read_number",
    "read_url",
    "text_start",
]

E = TypeVar("E", bound=enum.Enum)

_SHORTHAND = re.compile(r"(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)#s(?P<n>[1-9][0-9]*)")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_URL = re.compile(r"https?://[^\s<>\"]+")


def read_date(node: YNode, what: str) -> PartialDate:
    """A partial date (E106 with the forms accepted, if it is none)."""
    text = read_str(node, what)
    try:
        return parse_partial_date(text)
    except ValueError as error:
        raise fail(node.location, "E106", f"{what}: {error}", f"write {DATE_FORMS}") from None


def read_enum(node: YNode, what: str, kind: type[E]) -> E:
    """A member of ``kind`` by its value (E108 with a did-you-mean, if it is none)."""
    text = read_str(node, what)
    for member in kind:
        if member.value == text:
            return member
    values = [str(m.value) for m in kind]
    raise fail(
        node.location,
        "E108",
        f"unknown {what} '{text}'",
        did_you_mean(text, values) or f"use one of: {', '.join(values)}",
    )


def read_number(node: YNode, what: str, pattern: re.Pattern[str] = DECIMAL) -> float:
    """A plain number written as ``pattern`` allows (E103 for any other spelling)."""
    if not isinstance(node, YScalar) or node.style != "plain":
        raise fail(node.location, "E103", f"{what} must be a number, not {node_kind(node)}")
    if pattern.fullmatch(node.value) is None:
        form = "a whole number" if pattern is INTEGER else "a decimal number such as 34.5"
        raise fail(
            node.location,
            "E103",
            f"{what} '{node.value}' is not a plain number",
            f"write {form}, without leading zeros, underscores or exponents",
        )
    return float(node.value)


def text_start(node: YNode | None) -> Location | None:
    """Where a Markdown value's text starts: a block scalar's text starts on the next line."""
    if node is None:
        return None
    loc = node.location
    if isinstance(node, YScalar) and node.style == "block":
        return Location(loc.path, loc.line + 1, 1)
    return loc


class PartReader:
    """Reads the parts fact files share, reporting to one sink (``diags``)."""

    def __init__(self, diags: Diagnostics) -> None:
        self.diags = diags

    def cite_list(self, reader: MapReader, key: str, *, required: bool) -> tuple[CiteSpec, ...]:
        specs = []
        for item in reader.items(key):
            spec = guarded(self.diags, self.cite, item)
            if spec is not None:
                specs.append(spec)
        node = reader.get(key)
        empty = isinstance(node, YSeq) and not node.items
        if required and node is not None and not specs and empty:
            raise fail(
                node.location, "E110", f"'{key}' lists no citation",
                "every statement needs at least one citation: add '- source: ID' and 'quote:'",
            )  # fmt: skip
        return tuple(specs)

    def cite(self, node: YNode) -> CiteSpec:
        if isinstance(node, YScalar):
            text = read_str(node, "a citation")
            match = _SHORTHAND.fullmatch(text.strip())
            if match is None:
                raise fail(
                    node.location, "E109", f"'{text}' is not a citation",
                    "write 'SOURCE#sN' for a whole sentence, or a mapping with "
                    "'source:' and 'quote:'",
                )  # fmt: skip
            return CiteSpec(match["source"], None, int(match["n"]), node.location)
        reader = MapReader(
            node, "a citation", required=("source", "quote"), optional=(), diags=self.diags
        )
        source = reader.read("source", lambda n: read_id(n, "'source'"))
        quote = reader.string("quote", allow_empty=True)
        if source is None or quote is None:
            raise dropped(node.location)  # what is missing or wrong was reported
        return CiteSpec(source, quote, None, node.location)

    def dated(self, reader: MapReader, key: str) -> DatedValue | None:
        node = reader.get(key)
        if node is None:
            return None
        if isinstance(node, YScalar):
            value = reader.read(key, lambda n: read_date(n, f"'{key}'"))
            if value is None:
                return None
            self.diags.warning(
                node.location, "W120", f"'{key}' is not cited",
                f'cite it: {key}: {{value: "{value.iso}", cite: [{{source: ..., quote: ...}}]}}',
            )  # fmt: skip
            return DatedValue(value, (), node.location)

        def parse(n: YNode) -> DatedValue:
            inner = MapReader(
                n, f"'{key}'", required=("value", "cite"), optional=(), diags=self.diags
            )
            value = inner.read("value", lambda v: read_date(v, f"'{key}'"))
            cites = self.cite_list(inner, "cite", required=True)
            if value is None:
                raise fail(n.location, "E106", f"'{key}' has no valid value", f"write {DATE_FORMS}")
            return DatedValue(value, cites, n.location)

        return reader.read(key, parse)

    def refs(self, reader: MapReader, key: str) -> tuple[Ref, ...]:
        out = []
        for item in reader.items(key):
            value = guarded(self.diags, lambda item=item: read_id(item, f"'{key}' item"))  # type: ignore[misc]
            if value is not None:
                out.append(Ref(value, item.location))
        return tuple(out)

    def ref(self, reader: MapReader, key: str) -> Ref | None:
        node = reader.get(key)
        value = reader.read(key, lambda n: read_id(n, f"'{key}'"))
        return Ref(value, node.location) if value is not None and node is not None else None

    def strings(self, reader: MapReader, key: str) -> tuple[str, ...]:
        out = []
        for item in reader.items(key):
            value = guarded(self.diags, lambda item=item: read_str(item, f"'{key}' item"))  # type: ignore[misc]
            if value is not None:
                out.append(value.strip())
        return tuple(out)

    def names(self, reader: MapReader) -> tuple[Name, ...]:
        node = reader.get("names")
        if node is None:
            return ()
        if not isinstance(node, YMap):
            self.diags.error(
                node.location, "E103", f"'names' must be a mapping, not {node_kind(node)}",
                "write one line per language, e.g. 'fa: پنجشیر'",
            )  # fmt: skip
            return ()
        out = []
        for key, value in node.items:
            if _LANG.fullmatch(key.value) is None:
                self.diags.error(
                    key.location, "E116", f"'{key.value}' is not a language tag",
                    "use a BCP 47 tag such as 'fa' (Dari), 'ps' (Pashto) or 'ru'",
                )  # fmt: skip
                continue
            text = guarded(self.diags, lambda v=value, k=key: read_str(v, f"name in '{k.value}'"))  # type: ignore[misc]
            if text is not None:
                out.append(Name(key.value, text.strip(), value.location))
        return tuple(out)

    def facts(self, reader: MapReader, owner: str) -> tuple[Fact, ...]:
        out: list[Fact] = []
        for index, item in enumerate(reader.items("facts"), start=1):
            fact = guarded(self.diags, self.fact, item, owner, index)
            if fact is not None:
                out.append(fact)
        return tuple(out)

    def fact(self, node: YNode, owner: str, index: int) -> Fact:
        reader = MapReader(
            node, "a fact", required=("text", "cite"),
            optional=("id", "claimed_by", "disputes", "as_of"), diags=self.diags,
        )  # fmt: skip
        text = reader.string("text")
        cites = guarded(self.diags, self.cite_list, reader, "cite", required=True)
        fact_id = reader.read("id", lambda n: read_id(n, "fact 'id'"))
        as_of = reader.read("as_of", lambda n: read_date(n, "'as_of'"))
        claimed_by = self.ref(reader, "claimed_by")
        disputes = self.refs(reader, "disputes")
        if text is None or not cites:
            raise dropped(node.location)  # the missing parts were reported
        return Fact(
            owner, index, fact_id, text.strip(), cites, claimed_by, disputes, as_of,
            node.location, text_start(reader.get("text")),
        )  # fmt: skip

    def relations(self, reader: MapReader) -> tuple[Relation, ...]:
        out = []
        for item in reader.items("relations"):
            relation = guarded(self.diags, self.relation, item)
            if relation is not None:
                out.append(relation)
        return tuple(out)

    def relation(self, node: YNode) -> Relation:
        reader = MapReader(
            node, "a relation", required=("type", "target", "cite"), optional=(), diags=self.diags
        )
        kind = reader.read("type", lambda n: _relation_type(n))
        target = self.ref(reader, "target")
        cites = guarded(self.diags, self.cite_list, reader, "cite", required=True)
        if kind is None or target is None or not cites:
            raise dropped(node.location)
        return Relation(kind, target, cites, node.location)

    def affiliation(self, node: YNode) -> Affiliation:
        reader = MapReader(
            node, "an affiliation", required=("actor", "role", "cite"), optional=(),
            diags=self.diags,
        )  # fmt: skip
        actor = self.ref(reader, "actor")
        role = reader.string("role")
        cites = guarded(self.diags, self.cite_list, reader, "cite", required=True)
        if actor is None or role is None or not cites:
            raise dropped(node.location)
        return Affiliation(actor, role.strip(), cites, node.location)


def dropped(location: Location) -> Dropped:
    """What a part raises to drop out once its mistakes have been reported."""
    return Dropped(str(location))


def _relation_type(node: YNode) -> str:
    text = read_str(node, "relation 'type'")
    if text not in RELATION_TYPES:
        raise fail(
            node.location, "E108", f"unknown relation type '{text}'",
            did_you_mean(text, RELATION_TYPES) or f"use one of: {', '.join(RELATION_TYPES)}",
        )  # fmt: skip
    return text


def read_url(node: YNode) -> str:
    """An http(s) URL (E112 for any other scheme)."""
    text = read_str(node, "a URL").strip()
    if _URL.fullmatch(text) is None:
        raise fail(
            node.location, "E112", f"'{text}' is not an http(s) URL",
            "write a full address starting with https:// (other schemes are refused)",
        )  # fmt: skip
    return text


def read_lang(node: YNode) -> str:
    """A BCP 47 language tag (E116)."""
    text = read_str(node, "'language'").strip()
    if _LANG.fullmatch(text) is None:
        raise fail(node.location, "E116", f"'{text}' is not a language tag", "write e.g. 'en'")
    return text
