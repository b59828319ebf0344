"""export: the rendered site ``{output path: bytes}`` → one self-contained HTML file, or a zip.

Pure functions: no reading, no writing, no clock, no locale; the same files give the same bytes.

The single file keeps every page. Each page is parsed with the standard library's HTML tokenizer
and its ``<main>`` becomes ``<section id="/P" class="xp-page">`` (P: its output path); every id X
inside it becomes ``/P/X``, a link to page P becomes ``#/P`` and one to ``P#X`` becomes ``#/P/X``.
The header and footer are taken once, from the home page. Start tags are rewritten attribute by
attribute; everything else is copied as it is. Stylesheets and scripts are inlined once, the
search index before them; other files the pages use (images, icons) become ``data:`` URLs.
CSS shows the targeted page (``:target``, ``:has(:target)``), the home page when nothing is
targeted, so navigation needs no JavaScript; a small script sets the title, the current
navigation item and focus. ``explainer.json`` is left out (see docs/export.md); links to it,
or to any file the site does not have, lose their ``href`` and read as plain text.
"""

from __future__ import annotations

import base64
import html
import io
import posixpath
import re
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from generator.ids import suggest_id

__all__ = ["export_stem", "single_file", "site_zip"]

HOME = "index.html"
SEARCH_INDEX = "search-index.js"
OMITTED = frozenset({"explainer.json"})
"""Site files the single file leaves out: the data is for programs, and is in the zip."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp: the earliest a zip can hold, so that no clock leaks in."""

URL_ATTRS = frozenset({"href", "src", "poster", "action", "formaction", "cite", "data",
                       "xlink:href", "background"})  # fmt: skip
IDREF_ATTRS = frozenset({
    "for", "headers", "list", "form", "itemref", "popovertarget", "commandfor", "anchor",
    "aria-activedescendant", "aria-controls", "aria-describedby", "aria-details",
    "aria-errormessage", "aria-flowto", "aria-labelledby", "aria-owns",
})  # fmt: skip
MIME_TYPES = {
    ".avif": "image/avif", ".css": "text/css", ".gif": "image/gif", ".ico": "image/x-icon",
    ".jpeg": "image/jpeg", ".jpg": "image/jpeg", ".js": "text/javascript",
    ".json": "application/json", ".otf": "font/otf", ".pdf": "application/pdf",
    ".png": "image/png", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".txt": "text/plain",
    ".webp": "image/webp", ".woff": "font/woff", ".woff2": "font/woff2",
}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s'")]*))\s*\)""")

PAGE_CSS = """\
@supports selector(:has(a)){
.xp-page{display:none;scroll-margin-top:100vh}
.xp-page:target,.xp-page:has(:target),\
body:not(:has(.xp-page:target,.xp-page :target)) .xp-page[data-xp-home]{display:block}
}
.xp-page:focus{outline:none}
a[data-xp-omitted]{color:inherit;text-decoration:none}
"""
"""One page shown at a time, without JavaScript: the targeted one, else the home page. The
scroll margin makes a page switch scroll to the top of the document, header included. A
browser without ``:has()`` shows every page, one after the other, rather than none."""

PAGE_JS = """\
(function () {
  "use strict";
  var home = document.querySelector(".xp-page[data-xp-home]");
  var current = null;
  function shownPage() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* keep it as it is */ }
    var target = id ? document.getElementById(id) : null;
    return (target && target.closest(".xp-page")) || home;
  }
  function show(moved) {
    var page = shownPage();
    if (!page || page === current) { return; }
    current = page;
    document.title = page.getAttribute("data-title") || document.title;
    var folder = page.id.replace(/[^\\/]*$/, "");
    document.querySelectorAll("a[data-xp-main]").forEach(function (link) {
      link.setAttribute("href", "#" + page.id);
    });
    document.querySelectorAll("a[data-xp-nav]").forEach(function (link) {
      var to = link.getAttribute("href").slice(1);
      if (to === page.id) {
        link.setAttribute("aria-current", "page");
      } else if (folder !== "/" && to === folder + "index.html") {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    if (moved && !page.contains(document.activeElement)) { page.focus({preventScroll: true}); }
  }
  window.addEventListener("hashchange", function () { show(true); });
  show(false);
}());
"""
"""Title, current navigation item, skip link and focus follow the shown page."""

Attrs = list[tuple[str, str | None]]


@dataclass(slots=True)
class _Tag:
    """A start tag whose attributes may need rewriting (other markup is kept as text)."""

    name: str
    attrs: Attrs
    raw: str
    in_nav: bool = False


Chunk = str | _Tag


@dataclass(slots=True)
class _Page:
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

    def __init__(self, page: _Page) -> None:
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
        if any(_rewritable(name, value) for name, value in attrs):
            self.region.append(_Tag(tag, attrs, raw, in_nav=self.nav_depth > 0))
        else:
            self.region.append(raw)


def _rewritable(name: str, value: str | None) -> bool:
    return (
        name in URL_ATTRS or name in IDREF_ATTRS or name in ("id", "srcset", "aria-current")
        or (name.startswith("data-") and (value or "").startswith("#"))
        or "url(" in (value or "")
    )  # fmt: skip


def _parse(path: str, data: bytes) -> _Page:
    page = _Page(path)
    parser = _PageParser(page)
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    if page.main_id is None and not page.content:  # no <main>: the whole body is the page
        page.content, page.before, page.ids = page.before, [], page.chrome_ids
        page.chrome_ids = set()
    page.title, page.heading = " ".join(page.title.split()), " ".join(page.heading.split())
    return page


@dataclass(slots=True)
class _Rewriter:
    """Rewrites references inside the single file: pages to sections, files to ``data:``."""

    files: Mapping[str, bytes]
    pages: dict[str, _Page]
    home: _Page

    def data_url(self, path: str) -> str:
        mime = MIME_TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")
        return f"data:{mime};base64,{base64.b64encode(self.files[path]).decode('ascii')}"

    def ident(self, page: str, ident: str, *, chrome: bool = False) -> str:
        """The single file's id for ``ident`` of ``page`` (the section itself for its main)."""
        target, key = self.pages[page], unquote(ident)
        if key == target.main_id:
            return f"/{page}"
        if (chrome or key not in target.ids) and key in self.home.chrome_ids:
            return ident
        return f"/{page}/{ident}"

    def link(self, ref: str, base: str, *, chrome: bool = False) -> str | None:
        """``#/P`` or ``#/P/X`` for a page, a data: URL for a file, the same for an outside
        address; None for a file the single file does not hold."""
        parts = urlsplit(ref)
        if parts.scheme or ref.startswith("//"):
            return ref
        path = unquote(parts.path)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if path else base
        if target in self.pages:
            if not parts.fragment:
                return f"#/{target}"
            return "#" + self.ident(target, parts.fragment, chrome=chrome and target == base)
        if target in self.files and target not in OMITTED:
            return self.data_url(target) + (f"#{parts.fragment}" if parts.fragment else "")
        return None

    def css(self, text: str, base: str, page: str | None) -> str:
        """``url()`` in CSS: files inlined, ``#x`` mapped inside ``page``, missing ones dropped."""

        def replace(match: re.Match[str]) -> str:
            ref = next(group for group in match.groups() if group is not None)
            if ref.startswith("#"):
                return match[0] if page is None else f'url("#{self.ident(page, ref[1:])}")'
            if urlsplit(ref).scheme or ref.startswith("//"):
                return match[0]
            resolved = self.link(ref, base) if ref else None
            return f'url("{resolved}")' if resolved and resolved.startswith("data:") else "none"

        return CSS_URL.sub(replace, text)

    def tag(self, tag: _Tag, base: str, *, chrome: bool) -> str:
        attrs: Attrs = []
        marks: Attrs = []  # data-xp-* flags for the stylesheet and the script
        for name, value in tag.attrs:
            new: str | None = value
            if value is None:
                pass
            elif name == "id":
                new = value if chrome else f"/{base}/{value}"
            elif name in URL_ATTRS or (name.startswith("data-") and value.startswith("#")):
                new = self.link(value, base, chrome=chrome)
                if new is None and name == "href":
                    marks.append(("data-xp-omitted", None))
                elif chrome and tag.name == "a" and name == "href":
                    if value.startswith("#") and unquote(value[1:]) == self.home.main_id:
                        marks.append(("data-xp-main", None))
                    elif tag.in_nav and (new or "").startswith("#/"):
                        marks.append(("data-xp-nav", None))
            elif name == "srcset":
                candidates = (c.strip().split(maxsplit=1) for c in value.split(",") if c.strip())
                new = ", ".join(" ".join([self.link(c[0], base) or "", *c[1:]]) for c in candidates)
            elif name in IDREF_ATTRS:
                new = " ".join(self.ident(base, t, chrome=chrome) for t in value.split())
            elif name == "aria-current" and chrome:
                continue  # set by the script for the page shown
            elif "url(" in value:
                new = self.css(value, base, None if chrome else base)
            if new is not None or value is None:
                attrs.append((name, new))
        return _start_tag(tag.name, attrs + marks, closed=tag.raw.endswith("/>"))

    def chunks(self, chunks: list[Chunk], base: str, *, chrome: bool) -> str:
        return "".join(
            c if isinstance(c, str) else self.tag(c, base, chrome=chrome) for c in chunks
        )


def _start_tag(name: str, attrs: Attrs, *, closed: bool = False) -> str:
    text = "".join(
        f" {key}" if value is None else f' {key}="{html.escape(value)}"' for key, value in attrs
    )
    return f"<{name}{text}{' /' if closed else ''}>"


def _inline(kind: str, text: str) -> str:
    """A ``<style>`` or ``<script>`` element whose text cannot end it early."""
    pattern = r"<(?=/style)" if kind == "style" else r"<(?=/script|!--)"
    safe = re.sub(pattern, r"<\\", text, flags=re.IGNORECASE)
    return f"<{kind}>\n{safe}</{kind}>\n"


def single_file(files: Mapping[str, bytes]) -> bytes:
    """The whole site as one HTML file that loads nothing else (see the module docstring).

    Raises ValueError when ``files`` holds no HTML page.
    """
    paths = sorted(p for p in files if p.endswith(".html"))
    if not paths:
        raise ValueError("the site has no HTML pages")
    home_path = HOME if HOME in files else paths[0]
    order = [home_path, *(p for p in paths if p != home_path)]
    pages = {path: _parse(path, files[path]) for path in order}
    home = pages[home_path]
    rewrite = _Rewriter(files, pages, home)

    styles: list[str] = []
    scripts: list[str] = [SEARCH_INDEX] if SEARCH_INDEX in files else []
    for page in pages.values():
        for kind, ref in page.assets:
            parts = urlsplit(ref)
            found = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), parts.path))
            chosen = styles if kind == "style" else scripts
            if not (parts.scheme or ref.startswith("//")) and found in files:
                chosen.extend([] if found in chosen else [found])

    html_attrs = [(k, v) for k, v in home.html_attrs if k not in ("data-root", "data-single-file")]
    out = [
        "<!DOCTYPE html>\n",
        _start_tag("html", [*html_attrs, ("data-root", ""), ("data-single-file", None)]),
        "\n<head>",
        rewrite.chunks(home.head, home.path, chrome=True).rstrip() + "\n",
        *(_inline("style", rewrite.css(files[p].decode("utf-8"), p, None)) for p in styles),
        _inline("style", PAGE_CSS),
        "</head>\n",
        _start_tag("body", [(k, v) for k, v in home.body_attrs if k != "class"]),
        rewrite.chunks(home.before, home.path, chrome=True),
        '<main class="xp-pages">\n',
    ]
    for path, page in pages.items():
        body_class = dict(page.body_attrs).get("class") or ""
        attrs: Attrs = [("id", f"/{path}"), ("class", f"xp-page {body_class}".strip()),
                        ("tabindex", "-1")]  # fmt: skip
        if page.heading or page.title:
            attrs.append(("aria-label", page.heading or page.title))
        attrs.append(("data-title", page.title))
        if path == home_path:
            attrs.append(("data-xp-home", None))
        if page.lang and page.lang != home.lang:
            attrs.append(("lang", page.lang))
        content = rewrite.chunks(page.content, path, chrome=False).strip("\n")
        out.append(f"{_start_tag('section', attrs)}\n{content}\n</section>\n")
    out += [
        "</main>",
        rewrite.chunks(home.after, home.path, chrome=True).rstrip() + "\n",
        *(_inline("script", files[p].decode("utf-8")) for p in scripts),
        _inline("script", PAGE_JS),
        "</body>\n</html>\n",
    ]
    return "".join(out).encode("utf-8")


def site_zip(files: Mapping[str, bytes]) -> bytes:
    """The site as a zip: entries sorted, at the archive's root, each dated 1980-01-01 00:00,
    mode 0644, deflated at level 9; the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is read as one
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()


def export_stem(title: str) -> str:
    """The default file name (without suffix) of an export: the site title as a slug."""
    stem = suggest_id(title)
    return stem if stem != "item" or "item" in title.lower() else "explainer"
