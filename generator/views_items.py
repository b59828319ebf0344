"""The items of the lists and indexes: entities, events by year, sources and their sentences,
narrative pages, ways in from the home page, and maps.

Like ``views_model``, data for the templates, every URL already relative to the page that shows
it; the builders live in ``views_lists``, ``views_source`` and ``views_map``.
"""

from __future__ import annotations

from markupsafe import Markup
from msgspec import Struct
from msgspec.structs import force_setattr

from generator.views_model import EventItem, Link, OtherNames, time_html

__all__ = [
    "CiterGroup",
    "Coverage",
    "EntityGroup",
    "EntityItem",
    "EntryPoint",
    "MapPoint",
    "MapView",
    "MetaItem",
    "PageItem",
    "ParagraphView",
    "SentenceView",
    "SourceItem",
    "TreeNode",
    "YearGroup",
]


class MapPoint(Struct, frozen=True):
    """A place on a map, in SVG user units."""

    x: float
    y: float
    label_x: float
    anchor: str
    """``start`` or ``end``: the side of the dot its label is on."""
    text: str
    href: str
    current: bool


class MapView(Struct, frozen=True):
    """A map drawn at build time: dots and labels on an equirectangular projection."""

    width: int
    height: int
    points: tuple[MapPoint, ...]
    caption: str


class EntityItem(Struct, frozen=True):
    """An entity in an index."""

    link: Link
    kind_label: str
    aliases: tuple[str, ...]
    names: OtherNames
    summary: Markup


class EntityGroup(Struct, frozen=True):
    """Entities under a heading."""

    id: str
    label: str
    items: tuple[EntityItem, ...]


class TreeNode(Struct, frozen=True):
    """A place and the places within it."""

    item: EntityItem
    children: tuple[TreeNode, ...]


class YearGroup(Struct, frozen=True):
    """Events of one year (or decade), in order."""

    id: str
    label: str
    events: tuple[EventItem, ...]


class Coverage(Struct, frozen=True):
    """Cited sentences out of all sentences."""

    cited: int
    total: int
    percent: int
    """Rounded down, so that 100 means every sentence."""


class SourceItem(Struct, frozen=True):
    """A source in a list."""

    link: Link
    publisher: str
    published: str
    published_iso: str
    coverage: Coverage
    published_html: Markup = Markup()
    """The date in ``<time>`` (see ``time_html``)."""

    def __post_init__(self) -> None:
        force_setattr(self, "published_html", time_html(self.published, self.published_iso))


class MetaItem(Struct, frozen=True):
    """A label and a value; a link when ``href`` is set."""

    label: str
    value: str
    href: str


class CiterGroup(Struct, frozen=True):
    """The statements of one page that cite a sentence: the page, then each statement."""

    page: Link
    parts: tuple[Link, ...]
    """Links to the citing statements on that page ("fact 2"); empty for a whole page."""
    html: Markup = Markup()
    """The link to the page, then a colon and the links to the statements, by commas."""

    def __post_init__(self) -> None:
        parts = ", ".join(part.html for part in self.parts)
        html = f"{self.page.html}: {parts}" if parts else self.page.html
        force_setattr(self, "html", Markup(html))


class SentenceView(Struct, frozen=True):
    """A sentence of a source with its number and who cites it."""

    id: str
    number: int
    text: str
    cited_by: tuple[CiterGroup, ...]


class ParagraphView(Struct, frozen=True):
    """Sentences of one paragraph of the original text."""

    sentences: tuple[SentenceView, ...]


class PageItem(Struct, frozen=True):
    """A narrative page in a list, with its opening paragraph."""

    link: Link
    teaser: Markup


class EntryPoint(Struct, frozen=True):
    """A way into the explainer from the home page."""

    link: Link
    count: str
    blurb: str
