"""exportpages: one rendered page (bytes) → its parts, for the single-file export: the head,
what comes before ``<main>`` (the header), the page's own content, and what follows (the
footer), each as a list of chunks; never rewrites anything (that is ``export``).

Pages are read with the standard library's HTML tokenizer, so that any theme's HTML is kept
as written: text, comments and end tags are copied as they are; a start tag is kept as its
own text unless one of its attributes may need rewriting (a URL, an id or an id reference),
then it becomes a :class:`Tag`. Stylesheets and scripts with a ``src`` are listed as the
page's assets and left out, as are JSON-LD blocks and ``<link>`` elements other than icons.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from msgspec import Struct, field

__all__ = ["IDREF_ATTRS", "URL_ATTRS", "Attrs", "Chunk", "Page", "Tag", "parse_page"]

URL_ATTRS = frozenset({"href", "src", "poster", "action", "formaction", "cite", "data",
                       "xlink:href", "background"})  # fmt: skip
IDREF_ATTRS = frozenset({
    "for", "headers", "list", "form", "itemref", "popovertarget", "commandfor", "anchor",
    "aria-activedescendant", "aria-controls", "aria-describedby", "aria-details",
    "aria-errormessage", "aria-flowto", "aria-labelledby", "aria-owns",
})  # fmt: skip

Attrs = list[tuple[str, str | None]]


class Tag(Struct):
    """A start tag whose attributes may need rewriting (other markup is kept as text)."""

    name: str
    attrs: Attrs
    raw: str
    in_nav: bool = False


Chunk = str | Tag


class Page(Struct):
    """One parsed page: its regions as chunks, and what the rewrite needs to know about it."""

    path: str
    title: str = ""
    heading: str = ""
    lang: str | None = None
    html_attrs: Attrs = field(default_factory=list)
    body_attrs: Attrs = field(default_factory=list)
    main_id: str | None = None
    ids: set[str] = field(default_factory=set)
    """Ids inside ``<main>``."""
    chrome_ids: set[str] = field(default_factory=set)
    head: list[Chunk] = field(default_factory=list)
    before: list[Chunk] = field(default_factory=list)
    content: list[Chunk] = field(default_factory=list)
    after: list[Chunk] = field(default_factory=list)
    assets: list[tuple[str, str]] = field(default_factory=list)
    """``("style" | "script", reference)`` in document order."""


class _PageParser(HTMLParser):
    """Split a page into head, header (before ``<main>``), content and footer."""

    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        self.region: list[Chunk] | None = None
        self.skip: str | None = None  # an element dropped with its content
        self.capture: str | None = None  # "title" or "h1": collect the text
        self.nav_depth = 0

    def emit(self, text: str) -> None:
        if self.skip is None and self.region is not None:
            self.region.append(text)

    def text(self, raw: str, decoded: str) -> None:
        if self.skip is not None:
            return
        if self.capture == "title" and self.region is self.page.head:
            self.page.title += decoded
        elif self.capture == "h1" and self.region is self.page.content:
            self.page.heading += decoded
        self.emit(raw)

    # Tokens -----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        self.start(tag, attrs, self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: Attrs) -> None:
        self.start(tag, attrs, self.get_starttag_text() or f"<{tag}/>")
        if self.skip == tag:
            self.skip = None

    def handle_endtag(self, tag: str) -> None:
        if self.skip is not None:
            if tag == self.skip:
                self.skip = None
            return
        page = self.page
        if tag == self.capture:
            self.capture = None
        if tag == "nav" and self.nav_depth:
            self.nav_depth -= 1
        if tag == "head":
            self.region = None
        elif tag == "main" and self.region is page.content:
            self.region = page.after
        elif tag not in ("body", "html"):
            self.emit(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text(data, data)

    def handle_entityref(self, name: str) -> None:
        self.text(f"&{name};", html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text(f"&#{name};", html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.emit(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        pass  # the doctype: the single file writes its own

    def unknown_decl(self, data: str) -> None:
        self.emit(f"<![{data}]>")

    # Start tags ----------------------------------------------------------------------------

    def start(self, tag: str, attrs: Attrs, raw: str) -> None:
        if self.skip is not None:
            return
        page, values = self.page, dict(attrs)
        if self.region is None and tag not in ("html", "head", "body"):
            self.region = page.before  # <body> left out: it starts here
        rel = (values.get("rel") or "").lower().split()
        if tag == "html":
            page.html_attrs, page.lang = attrs, values.get("lang")
        elif tag == "head":
            self.region = page.head
        elif tag == "body":
            page.body_attrs, self.region = attrs, page.before
        elif tag == "main" and self.region is page.before:
            page.main_id, self.region = values.get("id"), page.content
        elif tag == "script" and (values.get("src") or "") != "":
            page.assets.append(("script", values["src"] or ""))
            self.skip = "script"
        elif tag == "script" and (values.get("type") or "").lower() == "application/ld+json":
            self.skip = "script"  # per-page metadata for search engines
        elif tag == "link" and "stylesheet" in rel:
            page.assets.append(("style", values.get("href") or ""))
        elif tag == "link" and "icon" not in rel:
            pass  # canonical, alternate…: addresses of other files
        else:
            self.keep(tag, attrs, raw, values)

    def keep(self, tag: str, attrs: Attrs, raw: str, values: dict[str, str | None]) -> None:
        page = self.page
        if tag == "title" or (tag == "h1" and not page.heading and self.region is page.content):
            self.capture = tag
        if tag == "nav":
            self.nav_depth += 1
        if values.get("id") is not None:
            (page.ids if self.region is page.content else page.chrome_ids).add(values["id"] or "")
        if self.region is None:
            return
        if any(rewritable(name, value) for name, value in attrs):
            self.region.append(Tag(tag, attrs, raw, in_nav=self.nav_depth > 0))
        else:
            self.region.append(raw)


def rewritable(name: str, value: str | None) -> bool:
    return (
        name in URL_ATTRS or name in IDREF_ATTRS or name in ("id", "srcset", "aria-current")
        or (name.startswith("data-") and (value or "").startswith("#"))
        or "url(" in (value or "")
    )  # fmt: skip


def parse_page(path: str, data: bytes) -> Page:
    """The parts of the page at output ``path``; a page without ``<main>`` is all content."""
    page = Page(path)
    parser = _PageParser(page)
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    if page.main_id is None and not page.content:  # no <main>: the whole body is the page
        page.content, page.before, page.ids = page.before, [], page.chrome_ids
        page.chrome_ids = set()
    page.title, page.heading = " ".join(page.title.split()), " ".join(page.heading.split())
    return page
