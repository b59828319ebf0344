"""Citation marks and notes on a page (``CitationBook``), and the Markdown that carries them.

Pure functions of the ``SiteIndex``: what several pages show alike (a mark's HTML, the passage a
note quotes, Markdown without marks) is made once and kept in the index's ``Memo``.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from generator.htmlsafe import escape_text, markup
from generator.markdown import render_block, render_inline
from generator.model import CiteSpec, EntityKind, ResolvedCitation
from generator.views_base import AnyEntity, SiteIndex, date_iso, folder, rel
from generator.views_model import Link, LinkGroup, Mark, Marks, Note, Passage, time_html

__all__ = ["CitationBook", "kind_groups"]


def _mark(number: int, first: bool, sentence: str) -> Mark:
    """The mark of note ``number``, a link straight to the cited ``sentence`` (a relative URL).

    ``data-note`` names the note at the bottom of the page, which the pop-up shows.
    """
    mark_id = f"mark-{number}" if first else ""
    id_attr = f' id="{mark_id}"' if mark_id else ""
    # The word joiner keeps a mark on the line of the word it follows.
    html = markup(
        f'\u2060<sup class="cite"><a href="{escape_text(sentence)}"{id_attr}'
        f' data-note="note-{number}" aria-label="Source {number}">[{number}]</a></sup>'
    )
    return Mark(number, sentence, f"Source {number}", mark_id, html)


class CitationBook:
    """One page's citation marks and notes: implements the Markdown ``Resolver``.

    Marks are numbered in the order they are asked for, which must be the order the page shows
    them; a citation of a span already cited on the page reuses its number. With
    ``numbered=False`` (teasers and summaries shown away from their notes) marks are left out.
    """

    def __init__(
        self,
        index: SiteIndex,
        page: str,
        inline: Iterable[CiteSpec] = (),
        *,
        numbered: bool = True,
    ) -> None:
        self.index = index
        self.page = page
        self.folder = folder(page)
        self.numbered = numbered
        self._inline: dict[tuple[str, str | None, int | None], ResolvedCitation] = {}
        for spec in inline:
            resolved = index.site.citations.get(spec)
            if resolved is not None:
                self._inline[(spec.source, spec.quote, spec.sentence)] = resolved
        self._numbers: dict[tuple[str, int, int], int] = {}
        self._notes: list[Note] = []
        self._links = index.memo.links.setdefault(self.folder, {})

    def href(self, target: str) -> str:
        """``target`` (an output path) relative to this page."""
        return rel(self.page, target)

    def entity_link(self, entity_id: str) -> Link:
        link = self._links.get(entity_id)
        return link if link is not None else self.index.entity_link(self.page, entity_id)

    def xref_href(self, entity_id: str) -> str:
        return self.entity_link(entity_id).href

    def cite_mark(self, source: str, quote: str | None, sentence: int | None) -> str:
        resolved = self._inline.get((source, quote, sentence))
        if resolved is None or not self.numbered:
            # Only marks that were checked against their source are ever shown.
            return ""
        return self._mark(resolved).html

    def marks(self, specs: Iterable[CiteSpec]) -> Marks:
        """Marks for citations written in fact files, one per distinct span, in order."""
        if not self.numbered:
            return Marks()
        marks: dict[int, Mark] = {}
        for spec in specs:
            mark = self._mark(self.index.site.citations[spec])
            marks.setdefault(mark.number, mark)  # the first keeps the id the note links back to
        return Marks(marks.values())

    def block(self, text: str) -> Markup:
        """Markdown blocks (summaries, pages), marks numbered on this page."""
        return self._markdown(True, text)

    def inline(self, text: str) -> Markup:
        """One Markdown statement (a fact), marks numbered on this page."""
        return self._markdown(False, text)

    def notes(self) -> tuple[Note, ...]:
        return tuple(self._notes)

    def _markdown(self, block: bool, text: str) -> Markup:
        render = render_block if block else render_inline
        if "[^" in text:
            # It may hold marks, numbered (or left out) on this page only.
            return markup(render(self.index.md, text, self))
        # Without marks, the HTML depends on the folder alone (through its relative links).
        key = (block, self.folder, text)
        html = self.index.memo.markdown.get(key)
        if html is None:
            html = self.index.memo.markdown[key] = markup(render(self.index.md, text, self))
        return html

    def _mark(self, cite: ResolvedCitation) -> Mark:
        key = (cite.source, cite.start, cite.end)
        number = self._numbers.get(key)
        first = number is None
        if number is None:
            number = self._numbers[key] = len(self._numbers) + 1
            self._notes.append(self._note(number, cite))
        sentence = self._sentence(cite).href
        mark = self.index.memo.marks.get((number, first, sentence))
        if mark is None:
            mark = self.index.memo.marks[(number, first, sentence)] = _mark(number, first, sentence)
        return mark

    def _sentence(self, cite: ResolvedCitation) -> Link:
        """The link from this page to the first sentence ``cite`` quotes."""
        first, last = cite.sentences[0], cite.sentences[-1]
        key = (cite.source, first, last, self.folder)
        sentence = self.index.memo.sentences.get(key)
        if sentence is None:
            label = f"sentence {first}" if first == last else f"sentences {first}–{last}"
            sentence = Link(self.href(f"sources/{cite.source}.html#s{first}"), label)
            self.index.memo.sentences[key] = sentence
        return sentence

    def _note(self, number: int, cite: ResolvedCitation) -> Note:
        sentence = self._sentence(cite)
        passage = self._passage(cite)
        original = f"      {passage.original_html}\n" if passage.original else ""
        html = (
            f'<li id="note-{number}" value="{number}">\n'
            f"      {passage.quote_html}\n"
            f'      <span class="note-source">{passage.source_html}, {sentence.html}.</span>\n'
            f"{original}"
            f'      <a class="note-back" href="#mark-{number}"'
            f' aria-label="Back to the text of source {number}">↩︎</a>\n'
            "    </li>"
        )
        return Note(number, f"note-{number}", f"#mark-{number}", passage, sentence, markup(html))

    def _passage(self, cite: ResolvedCitation) -> Passage:
        memo = self.index.memo
        passage = memo.passages.get((cite.source, cite.start, cite.end))
        if passage is not None:
            return passage
        source = self.index.sources[cite.source]
        cited = memo.sources.get(source.id)
        if cited is None:
            publisher = f", {escape_text(source.publisher)}" if source.publisher else ""
            when = time_html(source.published.display, date_iso(source.published))
            cited = markup(f"<cite>{escape_text(source.title)}</cite>{publisher}, {when}")
            memo.sources[source.id] = cited
        original = self.index.original_link(cite)
        original_html = (
            f'<a class="external" href="{escape_text(original)}"'
            f' data-print-url="{escape_text(source.url)}" rel="noopener noreferrer">'
            "Find these words in the original</a>"
            if original
            else ""
        )
        passage = memo.passages[(cite.source, cite.start, cite.end)] = Passage(
            quote=cite.quote,
            lang=source.language,
            source_title=source.title,
            publisher=source.publisher,
            published=source.published.display,
            published_iso=date_iso(source.published),
            original=original,
            original_url=source.url,
            quote_html=markup(
                f'<q class="note-quote" lang="{escape_text(source.language)}">'
                f"{escape_text(cite.quote)}</q>"
            ),
            source_html=cited,
            original_html=markup(original_html),
        )
        return passage


_KIND_GROUPS = (
    (EntityKind.ACTOR, "Actors"),
    (EntityKind.PROVINCE, "Places"),
    (EntityKind.EVENT, "Events"),
)


def kind_groups(book: CitationBook, entities: Iterable[AnyEntity]) -> list[LinkGroup]:
    """Links to ``entities`` from ``book``'s page: actors, places, events, each by name."""
    listed = list(entities)
    groups = []
    for kind, label in _KIND_GROUPS:
        links = sorted(
            (book.entity_link(e.id) for e in listed if e.kind is kind),
            key=lambda link: (link.text.casefold(), link.href),
        )
        if links:
            groups.append(LinkGroup(label, tuple(links)))
    return groups
