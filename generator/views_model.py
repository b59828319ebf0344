"""The parts of the view models: links, marks, notes, facts, list items and so on.

Templates get a page model (``views_pages``) as ``view``; these are its fields. Every URL in a
view is already relative to the page that shows it; every list is already sorted and numbered.
Fields typed ``Markup`` hold HTML rendered here (Markdown, marks, JSON-LD) and are printed as
is; every other string is escaped by the template engine. Data only: the builders live in
``views_*.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

__all__ = [
    "CiterGroup",
    "ClaimView",
    "ContestedView",
    "Coverage",
    "DateView",
    "EntityGroup",
    "EntityItem",
    "EntryPoint",
    "EventItem",
    "FactView",
    "Layout",
    "Link",
    "LinkGroup",
    "MapPoint",
    "MapView",
    "Mark",
    "MetaItem",
    "NavItem",
    "Note",
    "OtherName",
    "PageItem",
    "ParagraphView",
    "RelationView",
    "SentenceView",
    "SourceItem",
    "TreeNode",
    "YearGroup",
]


@dataclass(frozen=True, slots=True)
class Link:
    """A link: a relative URL and its text."""

    href: str
    text: str


@dataclass(frozen=True, slots=True)
class LinkGroup:
    """Links under a label ("Actors", "Places"…)."""

    label: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class NavItem:
    """One entry of the site navigation."""

    href: str
    label: str
    current: str
    """The ``aria-current`` value: ``page`` (this page), ``true`` (its section) or empty."""


@dataclass(frozen=True, slots=True)
class Layout:
    """What ``base.html`` needs on every page."""

    lang: str
    """The site's language, for ``<html lang>``."""
    site_title: str
    title: str
    """The document title (``<title>``)."""
    description: str
    """Plain text for ``<meta name="description">``."""
    home: str
    stylesheet: str
    script: str
    data: str
    """The relative URL of ``explainer.json``."""
    nav: tuple[NavItem, ...]
    jsonld: Markup
    """schema.org JSON-LD, already safe to print inside ``<script>``."""
    body_class: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A numbered citation mark in the text; it links to its note."""

    number: int
    href: str
    """``#note-N``."""
    label: str
    """The accessible name: ``Source N``."""
    id: str
    """``mark-N`` on the first mark of a note (the note links back to it), else empty."""
    html: Markup
    """The mark as HTML, the same in facts and in Markdown."""


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered note at the bottom of a page: the quoted words and where they are."""

    number: int
    id: str
    """``note-N``: the target of the marks."""
    quote: str
    """The exact words of the source."""
    source_title: str
    publisher: str
    published: str
    published_iso: str
    sentence: Link
    """The source page at the first sentence of the quote."""
    original: str
    """The original URL with a text fragment, or empty when the source has no URL."""
    original_url: str
    """The original URL without a fragment (shown in print)."""
    back: str
    """``#mark-N``: the first mark that cites this note."""
    lang: str
    """The language of the source, for the quote's ``lang``."""


@dataclass(frozen=True, slots=True)
class OtherName:
    """A name in another script."""

    text: str
    lang: str
    dir: str
    language: str
    """The language's name in English ("Persian")."""


@dataclass(frozen=True, slots=True)
class DateView:
    """A dated field with its precision and marks; no marks means uncited."""

    label: str
    display: str
    iso: str
    """For ``<time datetime>``; empty when the date has no valid machine form (a decade)."""
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class FactView:
    """A fact in the list of an entity's facts."""

    anchor: str
    html: Markup
    marks: tuple[Mark, ...]
    claimed_by: Link | None
    as_of: str
    contested: str
    """The relative URL of the Contested block that shows this fact, or empty."""


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One side of a contested statement."""

    claimant: Link | None
    html: Markup
    marks: tuple[Mark, ...]
    fact: Link
    """The fact on the page that holds it."""


@dataclass(frozen=True, slots=True)
class ContestedView:
    """Facts that dispute each other, shown side by side."""

    id: str
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True, slots=True)
class RelationView:
    """A relation or affiliation read from this page's entity: "child of Ahmad Shah Massoud"."""

    label: str
    target: Link
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class EventItem:
    """An event in a list: date, name, kind, who and where."""

    link: Link
    when: str
    """The date, with its precision ("August 2021")."""
    iso: str
    until: str
    """The end date, or empty."""
    until_iso: str
    year: str
    """The group it is listed under: ``2021``, or ``1990s`` for a decade."""
    kind: str
    summary: Markup
    actors: tuple[Link, ...]
    places: tuple[Link, ...]
    uncited: bool
    """True when the date is not cited."""


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place on a map, in SVG user units."""

    x: float
    y: float
    label_x: float
    anchor: str
    """``start`` or ``end``: the side of the dot its label is on."""
    text: str
    href: str
    current: bool


@dataclass(frozen=True, slots=True)
class MapView:
    """A map drawn at build time: dots and labels on an equirectangular projection."""

    width: int
    height: int
    points: tuple[MapPoint, ...]
    caption: str


@dataclass(frozen=True, slots=True)
class EntityItem:
    """An entity in an index."""

    link: Link
    kind_label: str
    aliases: tuple[str, ...]
    names: tuple[OtherName, ...]
    summary: Markup


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """Entities under a heading."""

    id: str
    label: str
    items: tuple[EntityItem, ...]


@dataclass(frozen=True, slots=True)
class TreeNode:
    """A place and the places within it."""

    item: EntityItem
    children: tuple[TreeNode, ...]


@dataclass(frozen=True, slots=True)
class YearGroup:
    """Events of one year (or decade), in order."""

    id: str
    label: str
    events: tuple[EventItem, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Cited sentences out of all sentences."""

    cited: int
    total: int
    percent: int
    """Rounded down, so that 100 means every sentence."""


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A source in a list."""

    link: Link
    publisher: str
    published: str
    published_iso: str
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class MetaItem:
    """A label and a value; a link when ``href`` is set."""

    label: str
    value: str
    href: str


@dataclass(frozen=True, slots=True)
class CiterGroup:
    """The statements of one page that cite a sentence: the page, then each statement."""

    page: Link
    parts: tuple[Link, ...]
    """Links to the citing statements on that page ("fact 2"); empty for a whole page."""


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence of a source with its number and who cites it."""

    id: str
    number: int
    text: str
    cited_by: tuple[CiterGroup, ...]


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """Sentences of one paragraph of the original text."""

    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True, slots=True)
class PageItem:
    """A narrative page in a list, with its opening paragraph."""

    link: Link
    teaser: Markup


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """A way into the explainer from the home page."""

    link: Link
    count: str
    blurb: str
