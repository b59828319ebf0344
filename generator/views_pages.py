"""The page models: what each template gets as ``view``, one frozen value per page.

``base.html`` reads ``view.layout``; each page template reads the fields of its model. The
parts they are made of are in ``views_model``. Data only: the builders live in ``views_*.py``.
"""

from __future__ import annotations

from markupsafe import Markup
from msgspec import Struct

from generator.views_items import (
    Coverage,
    EntityGroup,
    EntryPoint,
    MapView,
    MetaItem,
    PageItem,
    ParagraphView,
    SourceItem,
    TreeNode,
    YearGroup,
)
from generator.views_model import (
    ContestedView,
    DateView,
    EventItem,
    FactView,
    Layout,
    Link,
    LinkGroup,
    Note,
    OtherNames,
    RelationView,
)

__all__ = [
    "EntityPage",
    "EventsPage",
    "HomePage",
    "ListPage",
    "PagesPage",
    "PlacesPage",
    "SearchPage",
    "SourcePage",
    "SourcesPage",
    "StoryPage",
    "TimelinePage",
]


class EntityPage(Struct, frozen=True):
    """The page of an actor, a place or an event; fields that do not apply are empty."""

    layout: Layout
    kind: str
    """``actor``, ``province`` or ``event``."""
    kind_label: str
    name: str
    names: OtherNames
    aliases: tuple[str, ...]
    aliases_label: str
    """How the aliases are introduced: "Also spelled" (names), "Also known as" (events)."""
    breadcrumb: tuple[Link, ...]
    """The places this place is part of, outermost first."""
    dates: tuple[DateView, ...]
    summary: Markup
    facts: tuple[FactView, ...]
    contested: tuple[ContestedView, ...]
    relations: tuple[RelationView, ...]
    affiliations: tuple[RelationView, ...]
    actors: tuple[Link, ...]
    """For an event: the actors involved."""
    places: tuple[Link, ...]
    """For an event: where it happened."""
    events: tuple[EventItem, ...]
    """For an actor or a place: the events it is part of."""
    within: tuple[Link, ...]
    """For a place: the places directly within it."""
    map: MapView | None
    mentions: tuple[LinkGroup, ...]
    notes: tuple[Note, ...]


class ListPage(Struct, frozen=True):
    """An index of entities in headed groups (actors by kind)."""

    layout: Layout
    title: str
    intro: str
    groups: tuple[EntityGroup, ...]


class PlacesPage(Struct, frozen=True):
    """The places index: the ``part_of`` hierarchy and, when coordinates are known, a map."""

    layout: Layout
    title: str
    intro: str
    tree: tuple[TreeNode, ...]
    map: MapView | None


class EventsPage(Struct, frozen=True):
    """The events index."""

    layout: Layout
    title: str
    intro: str
    years: tuple[YearGroup, ...]
    timeline: str
    """The relative URL of the timeline."""


class TimelinePage(Struct, frozen=True):
    """The timeline: events in chronological order, grouped by year."""

    layout: Layout
    title: str
    intro: str
    years: tuple[YearGroup, ...]


class SourcesPage(Struct, frozen=True):
    layout: Layout
    title: str
    intro: str
    sources: tuple[SourceItem, ...]


class SourcePage(Struct, frozen=True):
    """A source: its metadata, coverage and every sentence."""

    layout: Layout
    title: str
    lang: str
    """The language of the source's text."""
    meta: tuple[MetaItem, ...]
    coverage: Coverage
    paragraphs: tuple[ParagraphView, ...]


class PagesPage(Struct, frozen=True):
    layout: Layout
    title: str
    intro: str
    pages: tuple[PageItem, ...]


class StoryPage(Struct, frozen=True):
    """A narrative page."""

    layout: Layout
    title: str
    body: Markup
    mentions: tuple[LinkGroup, ...]
    notes: tuple[Note, ...]


class SearchPage(Struct, frozen=True):
    """``search.html``: full search results, filled in by the theme's ``search.js``."""

    layout: Layout
    title: str
    intro: str


class HomePage(Struct, frozen=True):
    """The home page."""

    layout: Layout
    title: str
    description: str
    pages: tuple[PageItem, ...]
    latest: tuple[EventItem, ...]
    timeline: str
    entries: tuple[EntryPoint, ...]
    sources: tuple[SourceItem, ...]
    coverage: Coverage
    counts: tuple[MetaItem, ...]
