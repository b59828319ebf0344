"""The frame of every page: navigation with the current section, title, description, the
theme's files, and schema.org JSON-LD.

Pure functions of the site and a page's output path; nothing here reads or writes files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from markupsafe import Markup

from generator.model import LinkedSite
from generator.views_base import plain_text, rel
from generator.views_model import Layout, NavItem

__all__ = ["NAV", "jsonld", "layout", "site_url"]

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


def jsonld(data: Mapping[str, object]) -> Markup:
    """schema.org JSON-LD, safe inside ``<script>``: no ``<``, ``>`` or ``&`` is left raw."""
    text = json.dumps(
        {"@context": "https://schema.org", **data},
        sort_keys=True,
        ensure_ascii=False,
        indent=1,
    )
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text)


def site_url(site: LinkedSite, from_page: str, page: str) -> str:
    """A page's URL for JSON-LD: absolute when the site has a ``base_url``, else relative."""
    base = site.content.config.base_url
    return f"{base.rstrip('/')}/{page}" if base else rel(from_page, page)


def layout(
    site: LinkedSite,
    page: str,
    title: str,
    description: str,
    data: Mapping[str, object],
    body_class: str,
) -> Layout:
    """The frame of a page: title, navigation with the current section, links, JSON-LD."""
    config = site.content.config
    section = page.split("/", 1)[0] if "/" in page else page
    nav = []
    for target, label in NAV:
        here = target.split("/", 1)[0] if "/" in target else target
        current = "page" if target == page else "true" if here == section else ""
        nav.append(NavItem(rel(page, target), label, current))
    full = {"url": site_url(site, page, page), **data}
    return Layout(
        lang=config.language,
        site_title=config.title,
        title=config.title if page == "index.html" else f"{title} · {config.title}",
        description=plain_text(description or config.description, 200),
        home=rel(page, "index.html"),
        stylesheet=rel(page, "static/style.css"),
        script=rel(page, "static/cite.js"),
        data=rel(page, "explainer.json"),
        nav=tuple(nav),
        jsonld=jsonld(full),
        body_class=body_class,
    )
