"""The home page, the index of each kind and the timeline: ``SiteIndex`` → page models.

Actors are grouped by kind, places follow their ``part_of`` hierarchy, events go by date.
"""

from __future__ import annotations

from generator.model import ActorKind, Province
from generator.views_base import AnyEntity, SiteIndex, other_names, rel
from generator.views_cite import CitationBook
from generator.views_entity import event_item, kind_label
from generator.views_items import EntityGroup, EntityItem, EntryPoint, MetaItem, TreeNode, YearGroup
from generator.views_layout import layout
from generator.views_map import place_map
from generator.views_model import EventItem, Link
from generator.views_pages import (
    EventsPage,
    HomePage,
    ListPage,
    PagesPage,
    PlacesPage,
    SearchPage,
    SourcesPage,
    TimelinePage,
)
from generator.views_source import coverage, page_item, source_item

__all__ = [
    "actors_page",
    "events_page",
    "home_page",
    "pages_page",
    "places_page",
    "search_page",
    "sources_page",
    "timeline_page",
]

LATEST = 5
"""How many events the home page shows."""
_ACTOR_GROUPS = (
    (ActorKind.PERSON, "People"),
    (ActorKind.ORGANISATION, "Organisations"),
    (ActorKind.GROUP, "Groups"),
    (ActorKind.GOVERNMENT, "Governments"),
)


def _plural(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _collection(name: str, description: str) -> dict[str, object]:
    return {"@type": "CollectionPage", "name": name, "description": description}


def _entity_item(index: SiteIndex, page: str, entity: AnyEntity) -> EntityItem:
    book = CitationBook(index, page, numbered=False)
    return EntityItem(
        link=book.entity_link(entity.id),
        kind_label=kind_label(entity),
        aliases=entity.aliases,
        names=other_names(entity.names),
        summary=book.block(entity.summary),
    )


def actors_page(index: SiteIndex) -> ListPage:
    """Actors by kind (people, organisations, groups, governments), each by name."""
    path = "actors/index.html"
    intro = "Who is who: the people, organisations, groups and governments in this story."
    actors = sorted(index.site.content.actors, key=lambda a: (a.name.casefold(), a.id))
    groups = []
    for kind, label in _ACTOR_GROUPS:
        items = tuple(_entity_item(index, path, a) for a in actors if a.actor_kind is kind)
        if items:
            groups.append(EntityGroup(kind.value, label, items))
    return ListPage(
        layout(index, path, "Actors", intro, _collection("Actors", intro), "actors"),
        "Actors",
        intro,
        tuple(groups),
    )


def _tree(
    index: SiteIndex, page: str, places: tuple[Province, ...], depth: int
) -> tuple[TreeNode, ...]:
    if depth > 32:  # part_of has no cycles (link checks it); this only bounds the recursion
        return ()
    return tuple(
        TreeNode(
            _entity_item(index, page, place),
            _tree(index, page, index.children.get(place.id, ()), depth + 1),
        )
        for place in places
    )


def places_page(index: SiteIndex) -> PlacesPage:
    """Places nested by ``part_of``, and a map when any place has coordinates."""
    path = "provinces/index.html"
    intro = "Where things happened: each place within the one it is part of."
    entities = index.site.entities
    roots = tuple(
        sorted(
            (
                p
                for p in index.site.content.provinces
                if p.part_of is None or not isinstance(entities.get(p.part_of.id), Province)
            ),
            key=lambda p: (p.name.casefold(), p.id),
        )
    )
    return PlacesPage(
        layout(index, path, "Places", intro, _collection("Places", intro), "places"),
        "Places",
        intro,
        _tree(index, path, roots, 0),
        place_map(index, path),
    )


def _years(events: tuple[EventItem, ...]) -> tuple[YearGroup, ...]:
    groups: dict[str, list[EventItem]] = {}
    for item in events:
        groups.setdefault(item.year, []).append(item)
    return tuple(
        YearGroup(f"y{year}", f"The {year}" if year.endswith("s") else year, tuple(items))
        for year, items in groups.items()
    )


def events_page(index: SiteIndex) -> EventsPage:
    """Every event by date, grouped by year."""
    path = "events/index.html"
    intro = "What happened, in the order it happened."
    items = tuple(event_item(index, path, e) for e in index.events)
    return EventsPage(
        layout(index, path, "Events", intro, _collection("Events", intro), "events"),
        "Events",
        intro,
        _years(items),
        rel(path, "timeline.html"),
    )


def timeline_page(index: SiteIndex) -> TimelinePage:
    """Events in chronological order with their dates, who and where, grouped by year."""
    path = "timeline.html"
    intro = (
        "Every event in chronological order. Dates are shown as precisely as the sources give"
        " them: a day, a month, a year or a decade."
    )
    items = tuple(event_item(index, path, e) for e in index.events)
    return TimelinePage(
        layout(index, path, "Timeline", intro, _collection("Timeline", intro), "timeline"),
        "Timeline",
        intro,
        _years(items),
    )


def sources_page(index: SiteIndex) -> SourcesPage:
    path = "sources/index.html"
    intro = "The documents every statement on this site cites, each shown sentence by sentence."
    sources = sorted(index.site.content.sources, key=lambda s: (s.published, s.title, s.id))
    return SourcesPage(
        layout(index, path, "Sources", intro, _collection("Sources", intro), "sources"),
        "Sources",
        intro,
        tuple(source_item(index, path, s) for s in sources),
    )


def pages_page(index: SiteIndex) -> PagesPage:
    path = "pages/index.html"
    intro = "The story told in prose, every statement linked to its source."
    return PagesPage(
        layout(index, path, "Story", intro, _collection("Story", intro), "pages"),
        "Story",
        intro,
        tuple(page_item(index, path, p) for p in index.site.content.pages),
    )


def home_page(index: SiteIndex) -> HomePage:
    """What the explainer is about, the story in brief, the ways in, and how it is sourced."""
    path = "index.html"
    site = index.site
    content = site.content
    config = content.config
    latest = tuple(event_item(index, path, e) for e in reversed(index.events[-LATEST:]))
    entries = (
        EntryPoint(
            Link("actors/index.html", "Actors"),
            _plural(len(content.actors), "actor"),
            "Who is who: people, organisations, groups and governments.",
        ),
        EntryPoint(
            Link("provinces/index.html", "Places"),
            _plural(len(content.provinces), "place"),
            "Where things happened, from countries down to districts.",
        ),
        EntryPoint(
            Link("events/index.html", "Events"),
            _plural(len(content.events), "event"),
            "What happened, one page per event.",
        ),
        EntryPoint(
            Link("timeline.html", "Timeline"),
            "In order",
            "Every event in chronological order, with its date.",
        ),
        EntryPoint(
            Link("sources/index.html", "Sources"),
            _plural(len(content.sources), "source"),
            "The documents behind every statement, sentence by sentence.",
        ),
    )
    facts = sum(len(e.facts) for e in content.entities)
    counts = (
        MetaItem("Facts", str(facts), ""),
        MetaItem("Citations", str(len(site.citations)), ""),
        MetaItem("Sources", str(len(content.sources)), rel(path, "sources/index.html")),
    )
    data: dict[str, object] = {
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "inLanguage": config.language,
    }
    return HomePage(
        layout=layout(index, path, config.title, config.description, data, "home"),
        title=config.title,
        description=config.description,
        pages=tuple(page_item(index, path, p) for p in content.pages),
        latest=latest,
        timeline="timeline.html",
        entries=entries,
        sources=tuple(source_item(index, path, s) for s in content.sources),
        coverage=coverage(index, tuple(s.id for s in content.sources)),
        counts=counts,
    )


def search_page(index: SiteIndex) -> SearchPage:
    """``search.html``: full results for ``search.html?q=…``, filled in by ``search.js``."""
    path = "search.html"
    title = "Search"
    description = f"Search {index.site.content.config.title}."
    data = {"@type": "SearchResultsPage", "name": title}
    return SearchPage(
        layout=layout(index, path, title, description, data, "search"),
        title=title,
        intro="Names, other spellings, facts and the sentences of the sources.",
    )
