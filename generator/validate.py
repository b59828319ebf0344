"""validate: raw YAML nodes → model values (``RawProject`` → ``Content``).

Checks the shape of every file: required and unknown keys, value types, YAML 1.1 surprises,
ids, kinds, dates, citation forms. It never resolves references between files (that is
``link``) nor reads a source's text for quotes (that is ``cite``). A file or item with an error
drops out, so later stages do not repeat the complaint. Codes E1xx; W120 for uncited dates.

Each file is validated on its own, so a :class:`ValidateMemo` can keep what a record made
(and the diagnostics it gave) for another run in the same process: ``diff`` validates a file
that is the same on both sides once.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Callable, Iterator
from typing import TypedDict, TypeVar, cast

from msgspec import Struct, field

from generator.dates import DATE_FORMS, ends_before, parse_partial_date
from generator.diagnostics import ContentError, Diagnostic, Diagnostics, Location
from generator.fields import Dropped, MapReader, fail, guarded, node_kind, read_id, read_str
from generator.ids import did_you_mean, is_valid_id
from generator.load import RawFile, RawPage, RawProject, RawText
from generator.markdown import CITE_MARK
from generator.memotable import MemoTable
from generator.model import (
    Actor,
    ActorKind,
    Affiliation,
    CiteSpec,
    Content,
    Coordinates,
    DatedValue,
    Event,
    Fact,
    Name,
    Page,
    PartialDate,
    PlaceKind,
    Province,
    Ref,
    Relation,
    SiteConfig,
    Source,
)
from generator.relations import RELATION_TYPES
from generator.yamltypes import YMap, YNode, YScalar, YSeq

__all__ = ["ValidateMemo", "validate"]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

ENTITY_KEYS = ("aliases", "names", "summary", "facts", "relations")
_SHORTHAND = re.compile(r"(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)#s(?P<n>[1-9][0-9]*)")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_URL = re.compile(r"https?://[^\s<>\"]+")


def _date(node: YNode, what: str) -> PartialDate:
    text = read_str(node, what)
    try:
        return parse_partial_date(text)
    except ValueError as error:
        raise fail(node.location, "E106", f"{what}: {error}", f"write {DATE_FORMS}") from None


def _enum(node: YNode, what: str, kind: type[E]) -> E:
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


def _number(node: YNode, what: str, pattern: re.Pattern[str] = _DECIMAL) -> float:
    if not isinstance(node, YScalar) or node.style != "plain":
        raise fail(node.location, "E103", f"{what} must be a number, not {node_kind(node)}")
    if pattern.fullmatch(node.value) is None:
        form = "a whole number" if pattern is _INTEGER else "a decimal number such as 34.5"
        raise fail(
            node.location,
            "E103",
            f"{what} '{node.value}' is not a plain number",
            f"write {form}, without leading zeros, underscores or exponents",
        )
    return float(node.value)


class _Common(TypedDict):
    """The fields every entity has, read the same way for each kind."""

    id: str
    name: str
    aliases: tuple[str, ...]
    names: tuple[Name, ...]
    summary: str
    facts: tuple[Fact, ...]
    relations: tuple[Relation, ...]
    location: Location
    summary_location: Location | None


def _text_start(node: YNode | None) -> Location | None:
    """Where a Markdown value's text starts: a block scalar's text starts on the next line."""
    if node is None:
        return None
    loc = node.location
    if isinstance(node, YScalar) and node.style == "block":
        return Location(loc.path, loc.line + 1, 1)
    return loc


class _Validator:
    """One pass over one project; holds the sink and the entity id of the file being read."""

    def __init__(self, diags: Diagnostics) -> None:
        self.diags = diags

    # -- shared pieces --------------------------------------------------------------------

    def cite_list(self, reader: MapReader, key: str, *, required: bool) -> tuple[CiteSpec, ...]:
        specs = []
        for item in reader.items(key):
            spec = guarded(self.diags, lambda item=item: self.cite(item))  # type: ignore[misc]
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
            raise _dropped(node.location)  # what is missing or wrong was reported
        return CiteSpec(source, quote, None, node.location)

    def dated(self, reader: MapReader, key: str) -> DatedValue | None:
        node = reader.get(key)
        if node is None:
            return None
        if isinstance(node, YScalar):
            value = reader.read(key, lambda n: _date(n, f"'{key}'"))
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
            value = inner.read("value", lambda v: _date(v, f"'{key}'"))
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
            fact = guarded(self.diags, lambda i=index, n=item: self.fact(n, owner, i))  # type: ignore[misc]
            if fact is not None:
                out.append(fact)
        return tuple(out)

    def fact(self, node: YNode, owner: str, index: int) -> Fact:
        reader = MapReader(
            node, "a fact", required=("text", "cite"),
            optional=("id", "claimed_by", "disputes", "as_of"), diags=self.diags,
        )  # fmt: skip
        text = reader.string("text")
        cites = guarded(self.diags, lambda: self.cite_list(reader, "cite", required=True))
        fact_id = reader.read("id", lambda n: read_id(n, "fact 'id'"))
        as_of = reader.read("as_of", lambda n: _date(n, "'as_of'"))
        claimed_by = self.ref(reader, "claimed_by")
        disputes = self.refs(reader, "disputes")
        if text is None or not cites:
            raise _dropped(node.location)  # the missing parts were reported
        return Fact(
            owner, index, fact_id, text.strip(), cites, claimed_by, disputes, as_of,
            node.location, _text_start(reader.get("text")),
        )  # fmt: skip

    def relations(self, reader: MapReader) -> tuple[Relation, ...]:
        out = []
        for item in reader.items("relations"):
            relation = guarded(self.diags, lambda n=item: self.relation(n))  # type: ignore[misc]
            if relation is not None:
                out.append(relation)
        return tuple(out)

    def relation(self, node: YNode) -> Relation:
        reader = MapReader(
            node, "a relation", required=("type", "target", "cite"), optional=(), diags=self.diags
        )
        kind = reader.read("type", lambda n: _relation_type(n))
        target = self.ref(reader, "target")
        cites = guarded(self.diags, lambda: self.cite_list(reader, "cite", required=True))
        if kind is None or target is None or not cites:
            raise _dropped(node.location)
        return Relation(kind, target, cites, node.location)

    def affiliation(self, node: YNode) -> Affiliation:
        reader = MapReader(
            node, "an affiliation", required=("actor", "role", "cite"), optional=(),
            diags=self.diags,
        )  # fmt: skip
        actor = self.ref(reader, "actor")
        role = reader.string("role")
        cites = guarded(self.diags, lambda: self.cite_list(reader, "cite", required=True))
        if actor is None or role is None or not cites:
            raise _dropped(node.location)
        return Affiliation(actor, role.strip(), cites, node.location)

    # -- kinds of file --------------------------------------------------------------------

    def entity_reader(
        self, raw: RawFile, what: str, extra: tuple[str, ...], *, kind_required: bool = True
    ) -> MapReader:
        if raw.node is None:
            raise _dropped(Location(raw.path, 1, 1))
        kind = ("kind",)
        return MapReader(
            raw.node, what, required=("name", *(kind if kind_required else ())),
            optional=(*ENTITY_KEYS, *extra, *(() if kind_required else kind)), diags=self.diags,
        )  # fmt: skip

    def common(self, raw: RawFile, reader: MapReader) -> _Common:
        return {
            "id": raw.stem,
            "name": (reader.string("name") or "").strip(),
            "aliases": self.strings(reader, "aliases"),
            "names": self.names(reader),
            "summary": (reader.string("summary", allow_empty=True) or "").strip(),
            "summary_location": _text_start(reader.get("summary")),
            "facts": self.facts(reader, raw.stem),
            "relations": self.relations(reader),
            "location": Location(raw.path, 1, 1),
        }

    def actor(self, raw: RawFile) -> Actor:
        reader = self.entity_reader(raw, "an actor", ("born", "died", "affiliations"))
        common = self.common(raw, reader)
        kind = reader.read("kind", lambda n: _enum(n, "actor kind", ActorKind))
        born, died = self.dated(reader, "born"), self.dated(reader, "died")
        affiliations = tuple(
            a
            for a in (
                guarded(self.diags, lambda n=n: self.affiliation(n))  # type: ignore[misc]
                for n in reader.items("affiliations")
            )
            if a is not None
        )
        if kind is None or not common["name"]:
            raise _dropped(reader.location)
        if born and died and ends_before(died.value, born.value):
            raise fail(died.location, "E115", "'died' is before 'born'", "check both dates")
        return Actor(**common, actor_kind=kind, born=born, died=died, affiliations=affiliations)

    def province(self, raw: RawFile) -> Province:
        reader = self.entity_reader(raw, "a place", ("part_of", "coordinates"))
        common = self.common(raw, reader)
        kind = reader.read("kind", lambda n: _enum(n, "place kind", PlaceKind))
        part_of = self.ref(reader, "part_of")
        coordinates = reader.read("coordinates", lambda n: self.coordinates(n))
        if kind is None or not common["name"]:
            raise _dropped(reader.location)
        return Province(**common, place_kind=kind, part_of=part_of, coordinates=coordinates)

    def coordinates(self, node: YNode) -> Coordinates:
        reader = MapReader(
            node, "'coordinates'", required=("lat", "lon"), optional=(), diags=self.diags
        )
        lat = reader.read("lat", lambda n: _number(n, "'lat'"))
        lon = reader.read("lon", lambda n: _number(n, "'lon'"))
        if lat is None or lon is None:
            raise _dropped(node.location)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise fail(
                node.location, "E113", f"coordinates {lat}, {lon} are out of range",
                "lat is between -90 and 90, lon between -180 and 180 (degrees, WGS 84)",
            )  # fmt: skip
        return Coordinates(lat, lon)

    def event(self, raw: RawFile) -> Event:
        reader = self.entity_reader(
            raw, "an event", ("date", "end", "actors", "places"), kind_required=False
        )
        common = self.common(raw, reader)
        kind = reader.read("kind", lambda n: read_id(n, "event kind"))
        date, end = self.dated(reader, "date"), self.dated(reader, "end")
        actors, places = self.refs(reader, "actors"), self.refs(reader, "places")
        if date is None and not reader.has("date"):
            self.diags.error(
                reader.location, "E102", "an event has no 'date'",
                f'add \'date: {{value: "2021-08-15", cite: [...]}}\' ({DATE_FORMS})',
            )  # fmt: skip
        if date is None or not common["name"]:
            raise _dropped(reader.location)
        if end is not None and ends_before(end.value, date.value):
            raise fail(end.location, "E115", "'end' is before 'date'", "check both dates")
        return Event(**common, date=date, end=end, actors=actors, places=places, event_kind=kind)

    def source(self, raw: RawFile, texts: dict[str, RawText]) -> Source:
        if raw.node is None:
            raise _dropped(Location(raw.path, 1, 1))
        reader = MapReader(
            raw.node, "a source", required=("title", "publisher", "published"),
            optional=("url", "language", "dateline", "license"), diags=self.diags,
        )  # fmt: skip
        title, publisher = reader.string("title"), reader.string("publisher")
        published = reader.read("published", lambda n: _date(n, "'published'"))
        url = reader.read("url", lambda n: _url(n))
        language = reader.read("language", lambda n: _lang(n)) or "en"
        dateline = reader.string("dateline") or ""
        license_ = reader.string("license") or ""
        text = texts.get(raw.stem)
        if title is None or publisher is None or published is None or text is None:
            raise _dropped(reader.location)
        return Source(
            raw.stem, title.strip(), publisher.strip(), published, url or "", language,
            dateline.strip(), license_.strip(), text.text, Location(raw.path, 1, 1), text.path,
        )  # fmt: skip

    def page(self, raw: RawPage) -> Page:
        if raw.front is None:
            raise _dropped(raw.front_location)
        reader = MapReader(
            raw.front, "page front matter", required=("title",),
            optional=("order", "description"), diags=self.diags,
        )  # fmt: skip
        title = reader.string("title")
        order = reader.read("order", lambda n: int(_number(n, "'order'", _INTEGER))) or 0
        if title is None:
            raise _dropped(raw.front_location)
        return Page(raw.stem, title.strip(), order, raw.body, raw.body_line, raw.front_location)

    def site(self, raw: RawFile | None) -> SiteConfig | None:
        if raw is None or raw.node is None:
            return None
        reader = MapReader(
            raw.node, "site.yaml", required=("title",),
            optional=("language", "description", "base_url", "theme"), diags=self.diags,
        )  # fmt: skip
        title = reader.string("title")
        language = reader.read("language", lambda n: _lang(n)) or "en"
        description = reader.string("description", allow_empty=True) or ""
        base_url = reader.read("base_url", lambda n: _url(n)) or ""
        theme = reader.read("theme", lambda n: read_id(n, "'theme'")) or "default"
        if title is None:
            return None
        location = Location(raw.path, 1, 1)
        theme_node = reader.get("theme")
        return SiteConfig(
            title.strip(), language, description.strip(), base_url, theme, location,
            theme_node.location if theme_node else location,
        )  # fmt: skip


def _dropped(location: Location) -> Dropped:
    return Dropped(str(location))


def _relation_type(node: YNode) -> str:
    text = read_str(node, "relation 'type'")
    if text not in RELATION_TYPES:
        raise fail(
            node.location, "E108", f"unknown relation type '{text}'",
            did_you_mean(text, RELATION_TYPES) or f"use one of: {', '.join(RELATION_TYPES)}",
        )  # fmt: skip
    return text


def _url(node: YNode) -> str:
    text = read_str(node, "a URL").strip()
    if _URL.fullmatch(text) is None:
        raise fail(
            node.location, "E112", f"'{text}' is not an http(s) URL",
            "write a full address starting with https:// (other schemes are refused)",
        )  # fmt: skip
    return text


def _lang(node: YNode) -> str:
    text = read_str(node, "'language'").strip()
    if _LANG.fullmatch(text) is None:
        raise fail(node.location, "E116", f"'{text}' is not a language tag", "write e.g. 'en'")
    return text


Made = tuple[tuple[RawFile, object], object, tuple[Diagnostic, ...]]
"""A memo entry: the record and what else the value depends on (kept alive, so that their
ids stay theirs), the value made or None, and the diagnostics given."""


class ValidateMemo(Struct):
    """Values made from records seen before, by the records' identity: a load that shares
    its records (``load.LoadMemo``) hands the same record for the same file."""

    made: MemoTable[tuple[int, int], Made] = field(default_factory=MemoTable)

    def rekey(self, entries: list[Made]) -> None:
        """Take ``entries`` (unpickled: new objects, new ids) as this memo's values."""
        self.made = MemoTable({(id(entry[0][0]), id(entry[0][1])): entry for entry in entries})


def _one(diags: Diagnostics, raw: RawFile, parse: Callable[[_Validator, RawFile], T]) -> T | None:
    try:
        return parse(_Validator(diags), raw)
    except Dropped:
        return None
    except ContentError as error:
        diags.add(error.diagnostic)
        return None


def _each(
    diags: Diagnostics,
    items: tuple[RawFile, ...],
    parse: Callable[[_Validator, RawFile], T],
    memo: ValidateMemo | None,
    extra: Callable[[RawFile], object] = lambda raw: None,
) -> Iterator[T]:
    """``parse`` each validly named record; ``extra`` names what else the value depends on."""
    for raw in items:
        if not is_valid_id(raw.stem):
            continue  # load reported the file name
        if memo is None:
            value = _one(diags, raw, parse)
        else:
            other = extra(raw)

            def made(raw: RawFile = raw, other: object = other) -> Made:
                sink = Diagnostics()
                return (raw, other), _one(sink, raw, parse), tuple(sink)

            # both kept alive by the entry: the ids stay theirs
            hit = memo.made.get((id(raw), id(other)), made)
            for diagnostic in hit[2]:
                diags.add(diagnostic)
            value = cast("T | None", hit[1])
        if value is not None:
            yield value


def validate(
    raw: RawProject, diags: Diagnostics, memo: ValidateMemo | None = None
) -> Content | None:
    """Turn every raw file into model values; None when site.yaml itself is unusable."""
    v = _Validator(diags)
    config = guarded(diags, lambda: v.site(raw.site))
    texts = {t.stem: t for t in raw.source_texts}
    actors = tuple(_each(diags, raw.actors, _Validator.actor, memo))
    provinces = tuple(_each(diags, raw.provinces, _Validator.province, memo))
    events = tuple(_each(diags, raw.events, _Validator.event, memo))
    sources = tuple(
        _each(
            diags, raw.source_meta, lambda v, r: v.source(r, texts), memo,
            lambda r: texts.get(r.stem),
        )
    )  # fmt: skip
    pages = []
    for page in raw.pages:
        if not is_valid_id(page.stem):
            continue
        try:
            pages.append(v.page(page))
        except Dropped:
            continue
    if config is None:
        return None
    return Content(
        config,
        tuple(sorted(actors, key=lambda e: e.id)),
        tuple(sorted(provinces, key=lambda e: e.id)),
        tuple(sorted(events, key=lambda e: e.id)),
        tuple(sorted(sources, key=lambda s: s.id)),
        tuple(sorted(pages, key=lambda p: (p.order, p.slug))),
    )


def page_cites(page: Page) -> tuple[CiteSpec, ...]:
    """The citation marks of a page body, located at their line and column in the file."""
    out = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", page.body)]
    for match in CITE_MARK.finditer(page.body):
        row = bisect.bisect_right(line_starts, match.start()) - 1
        col = match.start() - line_starts[row] + 1
        location = Location(page.location.path, page.body_line + row, col)
        quote = re.sub(r"\\(.)", r"\1", match["quote"]) if match["quote"] else None
        sentence = int(match["sentence"]) if match["sentence"] else None
        out.append(CiteSpec(match["source"], quote, sentence, location))
    return tuple(out)
