"""views: ``LinkedSite`` → one view model per output page; never renders or writes.

Every page of the site's fixed URL layout is listed here with the template that shows it and
its view model (see ``views_model``). All sorting, numbering and relative URLs are decided in
the ``views_*`` builders, so that templates only loop and print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from msgspec import Struct

from generator.model import LinkedSite
from generator.views_base import SiteIndex, index_site, rel
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

__all__ = ["PageModel", "PageView", "PlannedPage", "page_plan", "page_views", "rel", "site_views"]

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


class PageView(Struct, frozen=True):
    """One output page: where it goes, which template shows it, and what the template sees."""

    path: str
    """Output path, e.g. ``actors/nrf.html``."""
    template: str
    """Template name in the theme, e.g. ``actor.html``."""
    view: PageModel
    """The view model, passed to the template as ``view``."""


class PlannedPage(Struct, frozen=True):
    """One output page before its view is made: :func:`page_plan` lists them all, so that a
    render can leave out the pages it already has."""

    path: str
    template: str
    make: Callable[[], PageModel]
    """Makes the view model (the site's lookup tables are made by the first call)."""

    def view(self) -> PageView:
        return PageView(self.path, self.template, self.make())


def page_plan(site: LinkedSite) -> Iterator[PlannedPage]:
    """Every page of the site, lists first, then entities, sources and narrative pages."""
    index = _LazyIndex(site)
    content = site.content
    for path, template, builder in _LISTS:
        yield PlannedPage(path, template, partial(index.call, builder))
    for entity in content.entities:
        path = f"{entity.kind.value}/{entity.id}.html"
        template = f"{entity.kind.singular}.html"
        yield PlannedPage(path, template, partial(index.call, entity_page, entity))
    for source in content.sources:
        path = f"sources/{source.id}.html"
        yield PlannedPage(path, "source.html", partial(index.call, source_page, source))
    for narrative in content.pages:
        path = f"pages/{narrative.slug}.html"
        yield PlannedPage(path, "page.html", partial(index.call, story_page, narrative))


class _LazyIndex:
    """The site's lookup tables, made when a first view needs them."""

    __slots__ = ("_index", "_site")

    def __init__(self, site: LinkedSite) -> None:
        self._site = site
        self._index: SiteIndex | None = None

    def call(self, builder: Callable[..., PageModel], *args: object) -> PageModel:
        if self._index is None:
            self._index = index_site(self._site)
        return builder(self._index, *args)


_LISTS: tuple[tuple[str, str, Callable[[SiteIndex], PageModel]], ...] = (
    ("index.html", "index.html", home_page),
    ("actors/index.html", "actors.html", actors_page),
    ("provinces/index.html", "provinces.html", places_page),
    ("events/index.html", "events.html", events_page),
    ("timeline.html", "timeline.html", timeline_page),
    ("sources/index.html", "sources.html", sources_page),
    ("pages/index.html", "pages.html", pages_page),
    ("search.html", "search.html", search_page),
)
"""The pages that list the site, with their templates and builders."""


def page_views(site: LinkedSite) -> Iterator[PageView]:
    """Every page of the site, each view made as it is asked for (lists first, then entities,
    sources and narrative pages).

    A caller that renders each page as it comes holds one page's view at a time: a site's views
    all alive at once cost the garbage collector more than it takes to build them.
    """
    for page in page_plan(site):
        yield page.view()


def site_views(site: LinkedSite) -> tuple[PageView, ...]:
    """Every page of the site, in output-path order."""
    return tuple(sorted(page_views(site), key=lambda p: p.path))
