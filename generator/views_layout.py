"""The frame of every page: navigation with the current section, title, description, the
theme's files, and schema.org JSON-LD.

Pure functions of the site and a page's output path; nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from generator.jsonout import indented, python_floats
from generator.model import LinkedSite
from generator.views_base import SiteIndex, folder, plain_text, rel
from generator.views_model import Layout, NavItem

__all__ = ["NAV", "json_text", "jsonld", "layout", "site_url"]

NAV = (
    ("index.html", "Home"),
    ("pages/index.html", "Story"),
    ("actors/index.html", "Actors"),
    ("provinces/index.html", "Places"),
    ("events/index.html", "Events"),
    ("timeline.html", "Timeline"),
    ("sources/index.html", "Sources"),
)
"""The site navigation: target page and label, in order."""
_NAV_TARGETS = frozenset(target for target, _ in NAV)


def jsonld(data: Mapping[str, object]) -> Markup:
    """schema.org JSON-LD, safe inside ``<script>``: no ``<``, ``>`` or ``&`` is left raw."""
    text = json_text({"@context": "https://schema.org", **data})
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text)


def json_text(value: object) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)``, made by msgspec
    (:mod:`generator.jsonout`): ``json``'s pure-Python encoder, which ``indent`` selects, took
    longer than the rest of a page's frame."""
    return indented(python_floats(value))


def site_url(site: LinkedSite, from_page: str, page: str) -> str:
    """A page's URL for JSON-LD: absolute when the site has a ``base_url``, else relative."""
    base = site.content.config.base_url
    return f"{base.rstrip('/')}/{page}" if base else rel(from_page, page)


def _frame(site: LinkedSite, page: str) -> Layout:
    """The parts of a page's frame that every page of its folder shares (others left empty),
    but for the pages of the navigation, which are marked as the current page in it."""
    config = site.content.config
    section = page.split("/", 1)[0] if "/" in page else page
    nav = []
    for target, label in NAV:
        here = target.split("/", 1)[0] if "/" in target else target
        current = "page" if target == page else "true" if here == section else ""
        nav.append(NavItem(rel(page, target), label, current))
    # One <li> per line, indented as base.html indents the line it prints them on.
    items = "\n        ".join(f"<li>{item.html}</li>" for item in nav)
    return Layout(
        lang=config.language,
        site_title=config.title,
        title="",
        description="",
        home=rel(page, "index.html"),
        stylesheet=rel(page, "static/style.css"),
        script=rel(page, "static/cite.js"),
        data=rel(page, "explainer.json"),
        nav=tuple(nav),
        nav_html=Markup(items),
        jsonld=Markup(""),
        body_class="",
        root="../" * page.count("/"),
        search_script=rel(page, "static/search.js"),
        search_page=rel(page, "search.html"),
    )


def layout(
    index: SiteIndex,
    page: str,
    title: str,
    description: str,
    data: Mapping[str, object],
    body_class: str,
) -> Layout:
    """The frame of a page: title, navigation with the current section, links, JSON-LD."""
    site = index.site
    config = site.content.config
    key = (folder(page), page if page in _NAV_TARGETS else "")
    frame = index.memo.frames.get(key)
    if frame is None:
        frame = index.memo.frames[key] = _frame(site, page)
    full = {"url": site_url(site, page, page), **data}
    return Layout(
        lang=frame.lang,
        site_title=frame.site_title,
        title=config.title if page == "index.html" else f"{title} · {config.title}",
        description=plain_text(description or config.description, 200),
        home=frame.home,
        stylesheet=frame.stylesheet,
        script=frame.script,
        data=frame.data,
        nav=frame.nav,
        nav_html=frame.nav_html,
        jsonld=jsonld(full),
        body_class=body_class,
        root=frame.root,
        search_script=frame.search_script,
        search_page=frame.search_page,
    )
