"""What every view builder shares: relative URLs, the site's lookup tables (``SiteIndex``) with
the pieces pages share (``Memo``), and plain-text helpers. Citation numbering is in
``views_cite``, the page frame in ``views_layout``.

Pure functions of the ``LinkedSite``: nothing here reads or writes files, and every listing is
sorted so that the same content always gives the same pages.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TypeVar

from markupsafe import Markup
from msgspec import Struct

from generator.markdown import Markdown, create_markdown, scan_markdown
from generator.model import (
    Actor,
    Affiliation,
    Event,
    Fact,
    LinkedSite,
    Name,
    Page,
    PartialDate,
    Precision,
    Province,
    Relation,
    ResolvedCitation,
    Source,
)
from generator.textfragment import text_fragment
from generator.textnorm import Normalised, fold
from generator.views_items import MapView
from generator.views_model import EventItem, Layout, Link, Mark, OtherName, OtherNames, Passage

__all__ = [
    "LANGUAGE_NAMES",
    "AnyEntity",
    "Memo",
    "SiteIndex",
    "date_iso",
    "entity_path",
    "event_key",
    "folder",
    "index_site",
    "other_names",
    "page_mentions",
    "plain_text",
    "rel",
]

AnyEntity = Actor | Province | Event
T = TypeVar("T")

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ar": "Arabic",
        "de": "German",
        "en": "English",
        "es": "Spanish",
        "fa": "Persian",
        "fr": "French",
        "he": "Hebrew",
        "prs": "Dari",
        "ps": "Pashto",
        "ru": "Russian",
        "tg": "Tajik",
        "tk": "Turkmen",
        "ur": "Urdu",
        "uz": "Uzbek",
        "zh": "Chinese",
    }
)
"""English names of the languages names are most often given in; others show their tag."""

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def rel(from_page: str, to: str) -> str:
    """The URL of ``to`` (an output path, maybe with ``#fragment``) relative to ``from_page``.

    Both are output paths with forward slashes (``actors/nrf.html``); the result always names
    a file, so it works from ``file://`` as well as from a web server.
    """
    path, sep, fragment = to.partition("#")
    here = from_page.split("/")[:-1]
    there = path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) + sep + fragment


def folder(page: str) -> str:
    """The folder of an output path (``actors`` for ``actors/nrf.html``; empty at the top).

    Links from two pages of one folder differ only in their fragments, so pieces that hold
    links are shared per folder.
    """
    return page.rpartition("/")[0]


def entity_path(entity: AnyEntity) -> str:
    """The output path of an entity's page: ``actors/<id>.html`` and so on."""
    return f"{entity.kind.value}/{entity.id}.html"


def date_iso(date: PartialDate) -> str:
    """The value for ``<time datetime>``; empty for a decade, which has no such form."""
    return "" if date.precision is Precision.DECADE else date.iso


def event_key(event: Event) -> tuple[PartialDate, PartialDate, str, str]:
    """Chronological order: start, then end, then name and id to break ties."""
    end = event.end.value if event.end else event.date.value
    return (event.date.value, end, event.name.casefold(), event.id)


def plain_text(text: str, limit: int = 0) -> str:
    """One line of plain text, cut at a word boundary when ``limit`` is set.

    ``Markup`` (rendered HTML) loses its tags and entities; a plain ``str`` is taken as it is.
    """
    if isinstance(text, Markup):
        text = html.unescape(_TAG.sub("", text))
    text = _SPACE.sub(" ", text).strip()
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def other_names(names: Iterable[Name]) -> OtherNames:
    """Names in other scripts, with ``lang``, ``dir`` and the language's name."""
    return OtherNames(
        OtherName(n.text, n.lang, n.dir, LANGUAGE_NAMES.get(n.lang.split("-")[0], n.lang))
        for n in names
    )


class Memo:
    """Pieces that many pages show, made by the first page that needs them in a render.

    Every entry is a pure function of the site and of its key, so the order in which pages
    fill it in never shows in the output. One per ``SiteIndex``; never shared between renders.
    """

    __slots__ = (
        "event_items",
        "frames",
        "links",
        "maps",
        "markdown",
        "marks",
        "originals",
        "pages",
        "passages",
        "sentences",
        "sources",
    )

    def __init__(self) -> None:
        self.links: dict[str, dict[str, Link]] = {}
        """Folder → entity id → the link to the entity's page."""
        self.pages: dict[tuple[str, str, str], Link] = {}
        """(folder, output path, text) → the link to that page with that text."""
        self.markdown: dict[tuple[bool, str, str], Markup] = {}
        """(block?, folder, text) → the HTML of Markdown without citation marks."""
        self.marks: dict[tuple[int, bool, str], Mark] = {}
        """(number, first on its page?, URL of the cited sentence) → the mark."""
        self.originals: dict[tuple[str, int, int], str] = {}
        """(source, start, end) → the link to the quoted words in the original."""
        self.passages: dict[tuple[str, int, int], Passage] = {}
        """(source, start, end) → what a note of those words shows."""
        self.sources: dict[str, Markup] = {}
        """Source id → its title, publisher and date, as a note shows them."""
        self.sentences: dict[tuple[str, int, int, str], Link] = {}
        """(source, first sentence, last, folder) → the link a note has to the sentences."""
        self.event_items: dict[tuple[str, str], EventItem] = {}
        """(folder, event id) → the event as a list item."""
        self.maps: dict[str, tuple[MapView | None, dict[str, int]]] = {}
        """Folder → the map of places with no dot marked, and each place's dot's position."""
        self.frames: dict[tuple[str, str], Layout] = {}
        """(folder, page or "") → the frame of the page, without its own title and data."""


class SiteIndex(Struct, frozen=True):
    """Lookup tables built once per render, so that each page is built without searching."""

    site: LinkedSite
    md: Markdown
    """The one Markdown renderer of this render."""
    sources: Mapping[str, Source]
    events: tuple[Event, ...]
    """All events, chronologically."""
    disputed_by: Mapping[str, tuple[Fact, ...]]
    """Fact id → facts that dispute it."""
    inverse_relations: Mapping[str, tuple[tuple[AnyEntity, Relation], ...]]
    """Entity id → (subject, relation) of relations that point at it."""
    members: Mapping[str, tuple[tuple[Actor, Affiliation], ...]]
    """Actor id → (actor, affiliation) of actors affiliated with it."""
    children: Mapping[str, tuple[Province, ...]]
    """Place id → places directly ``part_of`` it, by name."""
    events_of: Mapping[str, tuple[Event, ...]]
    """Actor or place id → events that involve it, chronologically."""
    page_mentions: Mapping[str, tuple[Page, ...]]
    """Entity id → narrative pages that link to it."""
    titles: Mapping[str, str]
    """Output path → title, for the pages of entities and narrative pages."""
    folded: Mapping[str, Normalised]
    """Source id → its text folded for text-fragment links (sources with a URL only)."""
    memo: Memo
    """Pieces shared by pages, filled in as the pages are built."""

    def original_link(self, cite: ResolvedCitation) -> str:
        """The link to the quoted words in the original, or empty when it has no URL."""
        key = (cite.source, cite.start, cite.end)
        link = self.memo.originals.get(key)
        if link is None:
            source = self.sources[cite.source]
            link = ""
            if source.url:
                text, folded = source.text, self.folded[source.id]
                directive = text_fragment(text, cite.start, cite.end, folded=folded)
                # A URL that has a fragment already takes the directive after it (WICG spec).
                link = f"{source.url}{'' if '#' in source.url else '#'}{directive}"
            self.memo.originals[key] = link
        return link

    def page_link(self, page: str, target: str, text: str) -> Link:
        """The link from ``page`` to the page at ``target`` (made once per folder)."""
        key = (folder(page), target, text)
        link = self.memo.pages.get(key)
        if link is None:
            link = self.memo.pages[key] = Link(rel(page, target), text)
        return link

    def entity_link(self, page: str, entity_id: str) -> Link:
        """The link from ``page`` to an entity's page (made once per folder)."""
        links = self.memo.links.setdefault(folder(page), {})
        link = links.get(entity_id)
        if link is None:
            entity = self.site.entities[entity_id]
            link = links[entity_id] = Link(rel(page, entity_path(entity)), entity.name)
        return link


class _Folded(Mapping[str, Normalised]):
    """Source id → its text folded for text-fragment links, folded when first asked for (a
    render that makes a few pages again folds the few sources they cite)."""

    __slots__ = ("_folded", "_sources")

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self._sources = sources
        self._folded: dict[str, Normalised] = {}

    def __getitem__(self, key: str) -> Normalised:
        folded = self._folded.get(key)
        if folded is None:
            folded = self._folded[key] = fold(self._sources[key].text)
        return folded

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def _freeze(table: Mapping[str, list[T]]) -> Mapping[str, tuple[T, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in sorted(table.items())})


def _by_name(entity: AnyEntity) -> tuple[str, str]:
    return (entity.name.casefold(), entity.id)


def page_mentions(md: Markdown, pages: Iterable[Page]) -> Mapping[str, tuple[Page, ...]]:
    """Entity id → the narrative pages whose Markdown links to it, in the order given."""
    mentions: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        for target in dict.fromkeys(x for x, _ in scan_markdown(md, page.body).xrefs):
            mentions[target].append(page)
    return _freeze(mentions)


def index_site(site: LinkedSite) -> SiteIndex:
    """Build the lookup tables of a site."""
    md = create_markdown()
    content = site.content
    disputed_by: dict[str, list[Fact]] = defaultdict(list)
    inverse: dict[str, list[tuple[AnyEntity, Relation]]] = defaultdict(list)
    members: dict[str, list[tuple[Actor, Affiliation]]] = defaultdict(list)
    children: dict[str, list[Province]] = defaultdict(list)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for entity in sorted(content.entities, key=_by_name):
        for fact in entity.facts:
            for ref in fact.disputes:
                disputed_by[ref.id].append(fact)
        for relation in entity.relations:
            inverse[relation.target.id].append((entity, relation))
        if isinstance(entity, Actor):
            for affiliation in entity.affiliations:
                members[affiliation.actor.id].append((entity, affiliation))
        elif isinstance(entity, Province) and entity.part_of is not None:
            children[entity.part_of.id].append(entity)
    events = tuple(sorted(content.events, key=event_key))
    for event in events:
        for ref in dict.fromkeys((*event.actors, *event.places)):
            events_of[ref.id].append(event)

    return SiteIndex(
        site=site,
        md=md,
        sources=MappingProxyType({s.id: s for s in content.sources}),
        events=events,
        disputed_by=_freeze(disputed_by),
        inverse_relations=_freeze(inverse),
        members=_freeze(members),
        children=_freeze(children),
        events_of=_freeze(events_of),
        page_mentions=page_mentions(md, content.pages),
        titles=MappingProxyType(
            {
                **{entity_path(e): e.name for e in content.entities},
                **{f"pages/{p.slug}.html": p.title for p in content.pages},
            }
        ),
        folded=_Folded({s.id: s for s in content.sources if s.url}),
        memo=Memo(),
    )
