"""The content model: frozen values that the stages pass along, from validation to rendering.

Every user-visible object carries the :class:`~generator.diagnostics.Location` it was written
at, so that any later stage can point back at the line that caused a problem. Each stage makes
new values; nothing here is filled in later. This module imports only ``diagnostics``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from msgspec import Struct

from generator.diagnostics import Location

__all__ = [
    "RTL_LANGUAGES",
    "Actor",
    "ActorKind",
    "Affiliation",
    "CiteSpec",
    "Citer",
    "Content",
    "Coordinates",
    "DatedValue",
    "Entity",
    "EntityKind",
    "Event",
    "Fact",
    "LinkedSite",
    "Name",
    "Page",
    "PartialDate",
    "PlaceKind",
    "Precision",
    "Province",
    "Ref",
    "Relation",
    "ResolvedCitation",
    "Sentence",
    "SiteConfig",
    "Source",
    "coverage_percent",
]

RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ur", "he", "yi", "ckb", "dv", "sd", "ug", "prs"})
"""Languages written right to left: names in them are rendered with ``dir="rtl"``."""

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


class EntityKind(enum.Enum):
    """The three kinds of fact file; the value is the folder (and URL) name."""

    ACTOR = "actors"
    PROVINCE = "provinces"
    EVENT = "events"

    @property
    def singular(self) -> str:
        return {"actors": "actor", "provinces": "province", "events": "event"}[self.value]


class ActorKind(enum.Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"
    GOVERNMENT = "government"


class PlaceKind(enum.Enum):
    PROVINCE = "province"
    DISTRICT = "district"
    CITY = "city"
    COUNTRY = "country"


class Precision(enum.Enum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to a day, a month, a year or a decade (``2021-08-15``, ``2021-08``,
    ``2021``, ``1990s``). Orders chronologically, earliest possible day first."""

    year: int
    """The year (for a decade: its first year)."""
    month: int = 0
    """1-12, or 0 when not known."""
    day: int = 0
    """1-31, or 0 when not known."""
    precision: Precision = field(default=Precision.DAY, compare=False)
    """How much of the date is known."""
    iso: str = field(init=False, compare=False, repr=False)
    """The form it is written in: ``2021-08-15``, ``2021-08``, ``2021`` or ``1990s``."""
    display: str = field(init=False, compare=False, repr=False)
    """For readers: ``15 August 2021``, ``August 2021``, ``2021``, ``the 1990s``."""

    def __post_init__(self) -> None:
        # Made once: pages show the same dates many times over.
        year, month = self.year, self.month
        if self.precision is Precision.DECADE:
            iso, display = f"{year}s", f"the {year}s"
        elif self.precision is Precision.YEAR:
            iso, display = f"{year:04d}", str(year)
        elif self.precision is Precision.MONTH:
            iso, display = f"{year:04d}-{month:02d}", f"{MONTHS[month - 1]} {year}"
        else:
            iso = f"{year:04d}-{month:02d}-{self.day:02d}"
            display = f"{self.day} {MONTHS[month - 1]} {year}"
        object.__setattr__(self, "iso", iso)
        object.__setattr__(self, "display", display)


class Ref(Struct, frozen=True):
    """A bare id written in a reference field (``actors``, ``part_of``, ``claimed_by``…)."""

    id: str
    """The id as written (lowercase slug)."""
    location: Location
    """Where it was written."""


class CiteSpec(Struct, frozen=True):
    """A citation as written: a source and either a quote or a sentence number."""

    source: str
    """The source id."""
    quote: str | None
    """The exact passage quoted, or None for the ``source#sN`` shorthand."""
    sentence: int | None
    """N of the ``source#sN`` shorthand, or None when a quote is given."""
    location: Location
    """Where the citation was written."""


class DatedValue(Struct, frozen=True):
    """A dated field (``date``, ``end``, ``born``, ``died``): a value, cited or not."""

    value: PartialDate
    """The date."""
    cites: tuple[CiteSpec, ...]
    """Its citations; empty for the plain-string form (warned about as uncited)."""
    location: Location
    """Where the field was written."""


class Fact(Struct, frozen=True):
    """One statement in Markdown, with at least one citation."""

    owner: str
    """The id of the entity whose file holds the fact."""
    index: int
    """1-based position among the owner's facts (used for anchors when ``id`` is absent)."""
    id: str | None
    """Optional id, so that other facts can ``dispute`` it."""
    text: str
    """The statement, in Markdown, with ``[text](@id)`` cross-references."""
    cites: tuple[CiteSpec, ...]
    """One or more citations."""
    claimed_by: Ref | None
    """The actor who claims it; rendered "according to …"."""
    disputes: tuple[Ref, ...]
    """Ids of facts this one contradicts."""
    as_of: PartialDate | None
    """The date the statement describes."""
    location: Location
    """Where the fact starts."""
    text_location: Location | None = None
    """Where its ``text`` value starts (None: at ``location``)."""

    @property
    def anchor(self) -> str:
        """The fragment id of the fact on its entity's page."""
        return f"fact-{self.id}" if self.id else f"fact-{self.index}"


class Name(Struct, frozen=True):
    """A name in another script, keyed by language (``fa``, ``ps``)."""

    lang: str
    """BCP 47 language tag."""
    text: str
    """The name as written in that language."""
    location: Location

    @property
    def dir(self) -> str:
        """``rtl`` for right-to-left languages, else ``ltr``."""
        return "rtl" if self.lang.split("-")[0] in RTL_LANGUAGES else "ltr"


class Affiliation(Struct, frozen=True):
    """An actor's membership or office in another actor, with a role, cited."""

    actor: Ref
    role: str
    cites: tuple[CiteSpec, ...]
    location: Location


class Relation(Struct, frozen=True):
    """A typed, cited link from one entity to another (``child-of``, ``leads``…)."""

    type: str
    """One of ``generator.relations.RELATION_TYPES``."""
    target: Ref
    cites: tuple[CiteSpec, ...]
    location: Location


class Coordinates(Struct, frozen=True):
    """WGS 84 degrees."""

    lat: float
    lon: float


class Entity(Struct, frozen=True, kw_only=True):
    """What actors, provinces and events share."""

    id: str
    """The file stem: a lowercase slug, unique across kinds."""
    name: str
    """The display name."""
    aliases: tuple[str, ...]
    """Other spellings and transliterations (Masoud for Massoud)."""
    names: tuple[Name, ...]
    """Names in other scripts."""
    summary: str
    """Markdown; may be empty."""
    facts: tuple[Fact, ...]
    """The entity's statements, in file order."""
    relations: tuple[Relation, ...]
    """Typed links to other entities."""
    location: Location
    """The file (line 1, col 1)."""
    summary_location: Location | None = None
    """Where the ``summary`` value starts (None: at ``location``)."""

    @property
    def kind(self) -> EntityKind:
        raise NotImplementedError


class Actor(Entity, frozen=True):
    actor_kind: ActorKind
    born: DatedValue | None
    died: DatedValue | None
    affiliations: tuple[Affiliation, ...]

    @property
    def kind(self) -> EntityKind:
        return EntityKind.ACTOR


class Province(Entity, frozen=True):
    place_kind: PlaceKind
    part_of: Ref | None
    coordinates: Coordinates | None

    @property
    def kind(self) -> EntityKind:
        return EntityKind.PROVINCE


class Event(Entity, frozen=True):
    date: DatedValue
    end: DatedValue | None
    actors: tuple[Ref, ...]
    places: tuple[Ref, ...]
    event_kind: str | None

    @property
    def kind(self) -> EntityKind:
        return EntityKind.EVENT


class Sentence(Struct, frozen=True):
    """One citable sentence of a source: ``text[start:end]`` of the source's text."""

    index: int
    """1-based position in the source: the N of ``sN``."""
    start: int
    """Offset of the first character in the source text (code points)."""
    end: int
    """Offset just past the last character."""
    text: str
    """The sentence, exactly as in the source (``source.text[start:end]``)."""

    @property
    def id(self) -> str:
        return f"s{self.index}"


class Source(Struct, frozen=True):
    """A source document: verbatim text plus metadata from ``<id>.yaml``."""

    id: str
    title: str
    publisher: str
    published: PartialDate
    url: str
    language: str
    dateline: str
    license: str
    text: str
    """The verbatim text of ``<id>.txt``."""
    location: Location
    """The metadata file."""
    text_path: str
    """The text file, relative to the project."""


class ResolvedCitation(Struct, frozen=True):
    """A citation checked against its source: the sentences it lies in and the exact span."""

    source: str
    """The source id."""
    sentences: tuple[int, ...]
    """1-based sentence indexes the quoted span touches, ascending (one or more)."""
    start: int
    """Offset of the quoted span in the source text (a whole sentence for ``#sN``)."""
    end: int
    """Offset just past the quoted span."""
    quote: str
    """The quoted words as they are in the source (``text[start:end]``)."""
    location: Location
    """Where the citation was written."""


class Page(Struct, frozen=True):
    """A narrative Markdown page with front matter."""

    slug: str
    title: str
    order: int
    body: str
    """The Markdown after the front matter."""
    body_line: int
    """The 1-based file line on which ``body`` starts (to locate marks in it)."""
    location: Location


class SiteConfig(Struct, frozen=True):
    """``content/site.yaml``."""

    title: str
    language: str = "en"
    description: str = ""
    base_url: str = ""
    theme: str = "default"
    location: Location = Location("content/site.yaml", 1, 1)
    theme_location: Location = Location("content/site.yaml", 1, 1)
    """Where ``theme`` is set (the file when it is not)."""


class Content(Struct, frozen=True):
    """A validated project: every file turned into model values, each tuple sorted by id."""

    config: SiteConfig
    actors: tuple[Actor, ...]
    provinces: tuple[Province, ...]
    events: tuple[Event, ...]
    sources: tuple[Source, ...]
    pages: tuple[Page, ...]

    @property
    def entities(self) -> tuple[Actor | Province | Event, ...]:
        return (*self.actors, *self.provinces, *self.events)


class Citer(Struct, frozen=True):
    """Something that cites a sentence: a fact, a dated field, a relation or a page."""

    page: str
    """Output path of the page that shows it, e.g. ``actors/ahmad-massoud.html``."""
    anchor: str
    """Fragment on that page (``fact-3``), or empty."""
    label: str
    """Short human label, e.g. ``Ahmad Massoud — fact 3``."""


class LinkedSite(Struct, frozen=True):
    """The checked fact graph: content plus sentences, resolved citations and link indexes.

    This is what ``check`` ends with and what ``views``, ``graph`` and ``diff`` start from.
    """

    content: Content
    sentences: Mapping[str, tuple[Sentence, ...]]
    """Each source's sentences by source id."""
    citations: Mapping[CiteSpec, ResolvedCitation]
    """Every citation written anywhere (facts, dated fields, relations, affiliations, pages)."""
    entities: Mapping[str, Actor | Province | Event]
    """Every entity by id."""
    facts: Mapping[str, Fact]
    """Facts that have an ``id``, by id."""
    cited_by: Mapping[tuple[str, int], tuple[Citer, ...]]
    """(source id, sentence index) → who cites that sentence, sorted (worked out the first
    time it is read: only pages and ``explainer sentences`` read it)."""
    cited: Mapping[str, frozenset[int]]
    """Source id → the indexes of its sentences that something cites."""
    mentions: Mapping[str, tuple[str, ...]]
    """Entity id → ids of the entities whose Markdown or reference fields point at it, sorted."""
    page_cites: Mapping[str, tuple[CiteSpec, ...]]
    """Page slug → the citation marks in its body, in order."""

    def coverage(self, source_id: str) -> tuple[int, int]:
        """(cited sentences, all sentences) of a source."""
        return len(self.cited.get(source_id, ())), len(self.sentences[source_id])


def coverage_percent(cited: int, total: int) -> int:
    """Coverage in whole percent, rounded down: 100 only when every sentence is cited (and
    for a source without sentences)."""
    return 100 * cited // total if total else 100
