"""Source pages (every sentence, numbered, with who cites it) and narrative pages.

``LinkedSite`` → ``SourcePage`` / ``StoryPage`` / list items of both.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.markdown import scan_markdown
from generator.model import Citer, Page, Source, coverage_percent
from generator.views_base import LANGUAGE_NAMES, SiteIndex, date_iso, rel
from generator.views_cite import CitationBook, kind_groups
from generator.views_items import (
    CiterGroup,
    Coverage,
    MetaItem,
    PageItem,
    ParagraphView,
    SentenceView,
    SourceItem,
)
from generator.views_layout import layout
from generator.views_model import Link
from generator.views_pages import SourcePage, StoryPage

__all__ = ["coverage", "page_item", "source_item", "source_page", "story_page"]

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_HEADING = re.compile(r"<(/?)h([1-6])>")
_SPACE_BEFORE_MARK = re.compile(r'\s+(?=\u2060<sup class="cite">)')


def coverage(index: SiteIndex, source_ids: tuple[str, ...]) -> Coverage:
    """Cited sentences out of all the sentences of the given sources."""
    cited = total = 0
    for source_id in source_ids:
        c, t = index.site.coverage(source_id)
        cited, total = cited + c, total + t
    return Coverage(cited, total, coverage_percent(cited, total))


def source_item(index: SiteIndex, page: str, source: Source) -> SourceItem:
    return SourceItem(
        link=Link(rel(page, f"sources/{source.id}.html"), source.title),
        publisher=source.publisher,
        published=source.published.display,
        published_iso=date_iso(source.published),
        coverage=coverage(index, (source.id,)),
    )


def _citer_groups(index: SiteIndex, page: str, citers: tuple[Citer, ...]) -> tuple[CiterGroup, ...]:
    """Citers grouped by the page that shows them, pages in the order they come."""
    by_page: dict[str, list[Citer]] = {}
    for citer in citers:
        by_page.setdefault(citer.page, []).append(citer)
    groups = []
    for target, items in by_page.items():
        title = index.titles.get(target, target)
        link = index.page_link(page, target, title)
        prefix = f"{title}, "
        parts = (
            Link(f"{link.href}#{citer.anchor}", citer.label.removeprefix(prefix) or citer.anchor)
            for citer in items
            if citer.anchor
        )
        groups.append(CiterGroup(link, tuple(dict.fromkeys(parts))))
    return tuple(groups)


def _paragraphs(index: SiteIndex, page: str, source: Source) -> tuple[ParagraphView, ...]:
    paragraphs: list[list[SentenceView]] = []
    previous_end = 0
    for sentence in index.site.sentences[source.id]:
        if not paragraphs or _BLANK_LINE.search(source.text, previous_end, sentence.start):
            paragraphs.append([])
        previous_end = sentence.end
        citers = index.site.cited_by.get((source.id, sentence.index), ())
        groups = _citer_groups(index, page, citers)
        paragraphs[-1].append(SentenceView(sentence.id, sentence.index, sentence.text, groups))
    return tuple(ParagraphView(tuple(p)) for p in paragraphs)


def source_page(index: SiteIndex, source: Source) -> SourcePage:
    """A source's metadata, coverage, and every sentence in order, grouped in paragraphs."""
    path = f"sources/{source.id}.html"
    language = LANGUAGE_NAMES.get(source.language.split("-")[0], source.language)
    meta = tuple(
        item
        for item in (
            MetaItem("Publisher", source.publisher, ""),
            MetaItem("Published", source.published.display, ""),
            MetaItem("Dateline", source.dateline, ""),
            MetaItem("Language", language, ""),
            MetaItem("Licence", source.license, ""),
            MetaItem("Original", source.url, source.url),
        )
        if item.value
    )
    data: dict[str, object] = {
        "@type": "NewsArticle" if source.dateline else "CreativeWork",
        "name": source.title,
        "headline": source.title,
        "inLanguage": source.language,
    }
    if date_iso(source.published):
        data["datePublished"] = date_iso(source.published)
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        data["sameAs"] = source.url
    if source.license:
        data["license"] = source.license
    description = f"The text of “{source.title}” ({source.publisher}, {source.published.display})"
    return SourcePage(
        layout=layout(
            index, path, source.title, description + ", sentence by sentence.", data, "source"
        ),
        title=source.title,
        lang=source.language,
        meta=meta,
        coverage=coverage(index, (source.id,)),
        paragraphs=_paragraphs(index, path, source),
    )


def _opening(body: str) -> str:
    """The first paragraph of a Markdown body (skipping headings)."""
    for block in re.split(r"\n\s*\n", body.strip()):
        if block and not block.lstrip().startswith(("#", "---", "***")):
            return block
    return ""


def page_item(index: SiteIndex, from_page: str, page: Page) -> PageItem:
    """A narrative page in a list, with its opening paragraph (without marks)."""
    book = CitationBook(index, from_page, numbered=False)
    teaser = _SPACE_BEFORE_MARK.sub("", book.block(_opening(page.body)))
    return PageItem(Link(rel(from_page, f"pages/{page.slug}.html"), page.title), Markup(teaser))


def _demote_headings(html: str) -> str:
    """Shift headings so that the body's top level is ``h2`` under the page's ``h1``."""
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    shift = 2 - min(levels) if levels and min(levels) < 2 else 0
    if not shift:
        return html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html)


def story_page(index: SiteIndex, page: Page) -> StoryPage:
    """A narrative page: its body with numbered marks, who and what it links, and notes."""
    path = f"pages/{page.slug}.html"
    book = CitationBook(index, path, index.site.page_cites.get(page.slug, ()))
    body = _demote_headings(_SPACE_BEFORE_MARK.sub("", book.block(page.body)))
    entities = index.site.entities
    linked = dict.fromkeys(x for x, _ in scan_markdown(index.md, page.body).xrefs)
    groups = kind_groups(book, (entities[i] for i in linked if i in entities))
    data = {"@type": "Article", "name": page.title, "headline": page.title}
    return StoryPage(
        layout=layout(index, path, page.title, page_item(index, path, page).teaser, data, "story"),
        title=page.title,
        body=Markup(body),
        mentions=tuple(groups),
        notes=book.notes(),
    )
