"""validate: raw YAML nodes → model values (``RawProject`` → ``Content``).

Checks the shape of every file: required and unknown keys, value types, YAML 1.1 surprises,
ids, kinds, dates, citation forms (the parts every kind shares are read by ``factparts``).
It never resolves references between files (that is ``link``) nor reads a source's text for
quotes (that is ``cite``). A file or item with an error
drops out, so later stages do not repeat the complaint. Codes E1xx; W120 for uncited dates.

Each file is validated on its own, so a :class:`ValidateMemo` can keep what a record made
(and the diagnostics it gave) for another run in the same process: ``diff`` validates a file
that is the same on both sides once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import TypedDict, TypeVar, cast

from msgspec import Struct, field

from generator.dates import DATE_FORMS, ends_before
from generator.diagnostics import ContentError, Diagnostic, Diagnostics, Location
from generator.factparts import (
    INTEGER,
    PartReader,
    dropped,
    read_date,
    read_enum,
    read_lang,
    read_number,
    read_url,
    text_start,
)
from generator.fields import Dropped, MapReader, fail, guarded, read_id
from generator.ids import is_valid_id
from generator.markdown import CITE_MARK
from generator.memotable import MemoTable
from generator.model import (
    Actor,
    ActorKind,
    CiteSpec,
    Content,
    Coordinates,
    Event,
    Fact,
    Name,
    Page,
    PlaceKind,
    Province,
    Relation,
    SiteConfig,
    Source,
)
from generator.raw import RawFile, RawPage, RawProject, RawText
from generator.yamltypes import YNode

__all__ = ["ValidateMemo", "validate"]

T = TypeVar("T")

ENTITY_KEYS = ("aliases", "names", "summary", "facts", "relations")


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


class _Validator(PartReader):
    """One pass over one project: each kind of file, read with the parts it shares
    (:class:`~generator.factparts.PartReader`)."""

    def entity_reader(
        self, raw: RawFile, what: str, extra: tuple[str, ...], *, kind_required: bool = True
    ) -> MapReader:
        if raw.node is None:
            raise dropped(Location(raw.path, 1, 1))
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
            "summary_location": text_start(reader.get("summary")),
            "facts": self.facts(reader, raw.stem),
            "relations": self.relations(reader),
            "location": Location(raw.path, 1, 1),
        }

    def actor(self, raw: RawFile) -> Actor:
        reader = self.entity_reader(raw, "an actor", ("born", "died", "affiliations"))
        common = self.common(raw, reader)
        kind = reader.read("kind", lambda n: read_enum(n, "actor kind", ActorKind))
        born, died = self.dated(reader, "born"), self.dated(reader, "died")
        affiliations = tuple(
            a
            for a in (
                guarded(self.diags, self.affiliation, n) for n in reader.items("affiliations")
            )
            if a is not None
        )
        if kind is None or not common["name"]:
            raise dropped(reader.location)
        if born and died and ends_before(died.value, born.value):
            raise fail(died.location, "E115", "'died' is before 'born'", "check both dates")
        return Actor(**common, actor_kind=kind, born=born, died=died, affiliations=affiliations)

    def province(self, raw: RawFile) -> Province:
        reader = self.entity_reader(raw, "a place", ("part_of", "coordinates"))
        common = self.common(raw, reader)
        kind = reader.read("kind", lambda n: read_enum(n, "place kind", PlaceKind))
        part_of = self.ref(reader, "part_of")
        coordinates = reader.read("coordinates", lambda n: self.coordinates(n))
        if kind is None or not common["name"]:
            raise dropped(reader.location)
        return Province(**common, place_kind=kind, part_of=part_of, coordinates=coordinates)

    def coordinates(self, node: YNode) -> Coordinates:
        reader = MapReader(
            node, "'coordinates'", required=("lat", "lon"), optional=(), diags=self.diags
        )
        lat = reader.read("lat", lambda n: read_number(n, "'lat'"))
        lon = reader.read("lon", lambda n: read_number(n, "'lon'"))
        if lat is None or lon is None:
            raise dropped(node.location)
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
            raise dropped(reader.location)
        if end is not None and ends_before(end.value, date.value):
            raise fail(end.location, "E115", "'end' is before 'date'", "check both dates")
        return Event(**common, date=date, end=end, actors=actors, places=places, event_kind=kind)

    def source(self, raw: RawFile, texts: dict[str, RawText]) -> Source:
        if raw.node is None:
            raise dropped(Location(raw.path, 1, 1))
        reader = MapReader(
            raw.node, "a source", required=("title", "publisher", "published"),
            optional=("url", "language", "dateline", "license"), diags=self.diags,
        )  # fmt: skip
        title, publisher = reader.string("title"), reader.string("publisher")
        published = reader.read("published", lambda n: read_date(n, "'published'"))
        url = reader.read("url", lambda n: read_url(n))
        language = reader.read("language", lambda n: read_lang(n)) or "en"
        dateline = reader.string("dateline") or ""
        license_ = reader.string("license") or ""
        text = texts.get(raw.stem)
        if title is None or publisher is None or published is None or text is None:
            raise dropped(reader.location)
        return Source(
            raw.stem, title.strip(), publisher.strip(), published, url or "", language,
            dateline.strip(), license_.strip(), text.text, Location(raw.path, 1, 1), text.path,
        )  # fmt: skip

    def page(self, raw: RawPage) -> Page:
        if raw.front is None:
            raise dropped(raw.front_location)
        reader = MapReader(
            raw.front, "page front matter", required=("title",),
            optional=("order", "description"), diags=self.diags,
        )  # fmt: skip
        title = reader.string("title")
        order = reader.read("order", lambda n: int(read_number(n, "'order'", INTEGER))) or 0
        if title is None:
            raise dropped(raw.front_location)
        return Page(raw.stem, title.strip(), order, raw.body, raw.body_line, raw.front_location)

    def site(self, raw: RawFile | None) -> SiteConfig | None:
        if raw is None or raw.node is None:
            return None
        reader = MapReader(
            raw.node, "site.yaml", required=("title",),
            optional=("language", "description", "base_url", "theme"), diags=self.diags,
        )  # fmt: skip
        title = reader.string("title")
        language = reader.read("language", lambda n: read_lang(n)) or "en"
        description = reader.string("description", allow_empty=True) or ""
        base_url = reader.read("base_url", lambda n: read_url(n)) or ""
        theme = reader.read("theme", lambda n: read_id(n, "'theme'")) or "default"
        if title is None:
            return None
        location = Location(raw.path, 1, 1)
        theme_node = reader.get("theme")
        return SiteConfig(
            title.strip(), language, description.strip(), base_url, theme, location,
            theme_node.location if theme_node else location,
        )  # fmt: skip


Made = tuple[tuple[RawFile, object], object, tuple[Diagnostic, ...]]
"""A memo entry: the record and what else the value depends on (kept alive, so that their
ids stay theirs), the value made or None, and the diagnostics given."""


class ValidateMemo(Struct):
    """Values made from records seen before, by the records' identity: a load that shares
    its records (``raw.LoadMemo``) hands the same record for the same file."""

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
