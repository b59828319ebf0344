"""views: ``LinkedSite`` → one view model per output page; never renders or writes.

Every page of the site's fixed URL layout is listed here with the template that shows it and
its view model (see ``views_model``). All sorting, numbering and relative URLs are decided in
the ``views_*`` builders, so that templates only loop and print.
"""

from __future__ import annotations

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
    SourcePage,
    SourcesPage,
    StoryPage,
    TimelinePage,
)
from generator.views_source import source_page, story_page

__all__ = ["PageModel", "PageView", "rel", "site_views"]

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


def site_views(site: LinkedSite) -> tuple[PageView, ...]:
    """Every page of the site, in output-path order."""
    index = index_site(site)
    content = site.content
    pages = [
        PageView("index.html", "index.html", home_page(index)),
        PageView("actors/index.html", "actors.html", actors_page(index)),
        PageView("provinces/index.html", "provinces.html", places_page(index)),
        PageView("events/index.html", "events.html", events_page(index)),
        PageView("timeline.html", "timeline.html", timeline_page(index)),
        PageView("sources/index.html", "sources.html", sources_page(index)),
        PageView("pages/index.html", "pages.html", pages_page(index)),
    ]
    for entity in content.entities:
        page = entity_page(index, entity)
        pages.append(PageView(f"{entity.kind.value}/{entity.id}.html", f"{page.kind}.html", page))
    for source in content.sources:
        pages.append(
            PageView(f"sources/{source.id}.html", "source.html", source_page(index, source))
        )
    for narrative in content.pages:
        pages.append(
            PageView(f"pages/{narrative.slug}.html", "page.html", story_page(index, narrative))
        )
    return tuple(sorted(pages, key=lambda p: p.path))
