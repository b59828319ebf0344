"""export: the rendered site ``{output path: bytes}`` → one self-contained HTML file, or a zip.

Pure functions: no reading, no writing, no clock, no locale; the same files give the same bytes.

The single file keeps every page. Each page is read into parts (:mod:`generator.exportpages`)
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
from urllib.parse import unquote, urlsplit

from msgspec import Struct

from generator.exportpages import IDREF_ATTRS, URL_ATTRS, Attrs, Chunk, Page, Tag, parse_page
from generator.ids import suggest_id
from generator.mediatypes import media_type
from generator.search import INDEX_PATH

__all__ = ["export_stem", "single_file", "site_zip"]

HOME = "index.html"
OMITTED = frozenset({"explainer.json"})
"""Site files the single file leaves out: the data is for programs, and is in the zip."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp: the earliest a zip can hold, so that no clock leaks in."""

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


class _Rewriter(Struct):
    """Rewrites references inside the single file: pages to sections, files to ``data:``."""

    files: Mapping[str, bytes]
    pages: dict[str, Page]
    home: Page

    def data_url(self, path: str) -> str:
        encoded = base64.b64encode(self.files[path]).decode("ascii")
        return f"data:{media_type(path)};base64,{encoded}"

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

    def tag(self, tag: Tag, base: str, *, chrome: bool) -> str:
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
    pages = {path: parse_page(path, files[path]) for path in order}
    home = pages[home_path]
    rewrite = _Rewriter(files, pages, home)

    styles: list[str] = []
    scripts: list[str] = [INDEX_PATH] if INDEX_PATH in files else []
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
