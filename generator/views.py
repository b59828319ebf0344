"""views: ``LinkedSite`` → one view model per output page; never renders or writes.

Every page of the site's fixed URL layout is listed here with the template that shows it and
its view model (see ``views_model``). All sorting, numbering and relative URLs are decided in
the ``views_*`` builders, so that templates only loop and print.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import LinkedSite
from generator.views_base import index_site, rel
from generator.views_entity import entity_page
from generator.views_lists import (
    actors_page,
    events_page,
    home_page,
    pages_page,
    places_page,
    search_page,
    sources_page,
    timeline_page,
)
from generator.views_pages import (
    EntityPage,
    EventsPage,
    HomePage,
    ListPage,
    PagesPage,
    PlacesPage,
    SearchPage,
    SourcePage,
    SourcesPage,
    StoryPage,
    TimelinePage,
)
from generator.views_source import source_page, story_page

__all__ = ["PageModel", "PageView", "page_views", "rel", "site_views"]

PageModel = (
    HomePage
    | ListPage
    | PlacesPage
    | EventsPage
    | TimelinePage
    | SourcesPage
    | PagesPage
    | EntityPage
    | SourcePage
    | StoryPage
    | SearchPage
)
"""Any page's view model."""


@dataclass(frozen=True, slots=True)
class PageView:
    """One output page: where it goes, which template shows it, and what the template sees."""

    path: str
    """Output path, e.g. ``actors/nrf.html``."""
    template: str
    """Template name in the theme, e.g. ``actor.html``."""
    view: PageModel
    """The view model, passed to the template as ``view``."""


def page_views(site: LinkedSite) -> Iterator[PageView]:
    """Every page of the site, each view made as it is asked for (lists first, then entities,
    sources and narrative pages).

    A caller that renders each page as it comes holds one page's view at a time: a site's views
    all alive at once cost the garbage collector more than it takes to build them.
    """
    index = index_site(site)
    content = site.content
    yield PageView("index.html", "index.html", home_page(index))
    yield PageView("actors/index.html", "actors.html", actors_page(index))
    yield PageView("provinces/index.html", "provinces.html", places_page(index))
    yield PageView("events/index.html", "events.html", events_page(index))
    yield PageView("timeline.html", "timeline.html", timeline_page(index))
    yield PageView("sources/index.html", "sources.html", sources_page(index))
    yield PageView("pages/index.html", "pages.html", pages_page(index))
    yield PageView("search.html", "search.html", search_page(index))
    for entity in content.entities:
        page = entity_page(index, entity)
        yield PageView(f"{entity.kind.value}/{entity.id}.html", f"{page.kind}.html", page)
    for source in content.sources:
        yield PageView(f"sources/{source.id}.html", "source.html", source_page(index, source))
    for narrative in content.pages:
        yield PageView(f"pages/{narrative.slug}.html", "page.html", story_page(index, narrative))


def site_views(site: LinkedSite) -> tuple[PageView, ...]:
    """Every page of the site, in output-path order."""
    return tuple(sorted(page_views(site), key=lambda p: p.path))
