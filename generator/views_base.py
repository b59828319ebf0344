"""What every view builder shares: relative URLs, the site's lookup tables, citation numbering
(``CitationBook``) and plain-text helpers. The page frame is in ``views_layout``.

Pure functions of the ``LinkedSite``: nothing here reads or writes files, and every listing is
sorted so that the same content always gives the same pages.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from markdown_it import MarkdownIt
from markupsafe import Markup

from generator.cite import text_fragment
from generator.markdown import create_markdown, render_block, render_inline, scan_markdown
from generator.model import (
    Actor,
    Affiliation,
    CiteSpec,
    EntityKind,
    Event,
    Fact,
    LinkedSite,
    Name,
    Page,
    PartialDate,
    Precision,
    Province,
    Relation,
    ResolvedCitation,
    Source,
)
from generator.textnorm import Normalised, fold
from generator.views_model import Link, LinkGroup, Mark, Note, OtherName

__all__ = [
    "LANGUAGE_NAMES",
    "AnyEntity",
    "CitationBook",
    "SiteIndex",
    "date_iso",
    "entity_path",
    "event_key",
    "index_site",
    "kind_groups",
    "other_names",
    "plain_text",
    "rel",
]

AnyEntity = Actor | Province | Event
T = TypeVar("T")

LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ar": "Arabic",
        "de": "German",
        "en": "English",
        "es": "Spanish",
        "fa": "Persian",
        "fr": "French",
        "he": "Hebrew",
        "prs": "Dari",
        "ps": "Pashto",
        "ru": "Russian",
        "tg": "Tajik",
        "tk": "Turkmen",
        "ur": "Urdu",
        "uz": "Uzbek",
        "zh": "Chinese",
    }
)
"""English names of the languages names are most often given in; others show their tag."""

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def rel(from_page: str, to: str) -> str:
    """The URL of ``to`` (an output path, maybe with ``#fragment``) relative to ``from_page``.

    Both are output paths with forward slashes (``actors/nrf.html``); the result always names
    a file, so it works from ``file://`` as well as from a web server.
    """
    path, sep, fragment = to.partition("#")
    here = from_page.split("/")[:-1]
    there = path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) + sep + fragment


def entity_path(entity: AnyEntity) -> str:
    """The output path of an entity's page: ``actors/<id>.html`` and so on."""
    return f"{entity.kind.value}/{entity.id}.html"


def date_iso(date: PartialDate) -> str:
    """The value for ``<time datetime>``; empty for a decade, which has no such form."""
    return "" if date.precision is Precision.DECADE else date.iso


def event_key(event: Event) -> tuple[PartialDate, PartialDate, str, str]:
    """Chronological order: start, then end, then name and id to break ties."""
    end = event.end.value if event.end else event.date.value
    return (event.date.value, end, event.name.casefold(), event.id)


def plain_text(text: str, limit: int = 0) -> str:
    """One line of plain text, cut at a word boundary when ``limit`` is set.

    ``Markup`` (rendered HTML) loses its tags and entities; a plain ``str`` is taken as it is.
    """
    if isinstance(text, Markup):
        text = html.unescape(_TAG.sub("", text))
    text = _SPACE.sub(" ", text).strip()
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def other_names(names: Iterable[Name]) -> tuple[OtherName, ...]:
    """Names in other scripts, with ``lang``, ``dir`` and the language's name."""
    return tuple(
        OtherName(n.text, n.lang, n.dir, LANGUAGE_NAMES.get(n.lang.split("-")[0], n.lang))
        for n in names
    )


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """Lookup tables built once per render, so that each page is built without searching."""

    site: LinkedSite
    md: MarkdownIt
    """The one Markdown renderer of this render."""
    sources: Mapping[str, Source]
    events: tuple[Event, ...]
    """All events, chronologically."""
    disputed_by: Mapping[str, tuple[Fact, ...]]
    """Fact id → facts that dispute it."""
    inverse_relations: Mapping[str, tuple[tuple[AnyEntity, Relation], ...]]
    """Entity id → (subject, relation) of relations that point at it."""
    members: Mapping[str, tuple[tuple[Actor, Affiliation], ...]]
    """Actor id → (actor, affiliation) of actors affiliated with it."""
    children: Mapping[str, tuple[Province, ...]]
    """Place id → places directly ``part_of`` it, by name."""
    events_of: Mapping[str, tuple[Event, ...]]
    """Actor or place id → events that involve it, chronologically."""
    page_mentions: Mapping[str, tuple[Page, ...]]
    """Entity id → narrative pages that link to it."""
    titles: Mapping[str, str]
    """Output path → title, for the pages of entities and narrative pages."""
    folded: Mapping[str, Normalised]
    """Source id → its text folded for text-fragment links (sources with a URL only)."""

    def original_link(self, cite: ResolvedCitation) -> str:
        """The link to the quoted words in the original, or empty when it has no URL."""
        source = self.sources[cite.source]
        if not source.url:
            return ""
        directive = text_fragment(source.text, cite.start, cite.end, folded=self.folded[source.id])
        # A URL that has a fragment already takes the directive after it (WICG spec).
        return f"{source.url}{'' if '#' in source.url else '#'}{directive}"


def _freeze(table: Mapping[str, list[T]]) -> Mapping[str, tuple[T, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in sorted(table.items())})


def _by_name(entity: AnyEntity) -> tuple[str, str]:
    return (entity.name.casefold(), entity.id)


def index_site(site: LinkedSite) -> SiteIndex:
    """Build the lookup tables of a site."""
    md = create_markdown()
    content = site.content
    disputed_by: dict[str, list[Fact]] = defaultdict(list)
    inverse: dict[str, list[tuple[AnyEntity, Relation]]] = defaultdict(list)
    members: dict[str, list[tuple[Actor, Affiliation]]] = defaultdict(list)
    children: dict[str, list[Province]] = defaultdict(list)
    events_of: dict[str, list[Event]] = defaultdict(list)
    mentions: dict[str, list[Page]] = defaultdict(list)
    for entity in sorted(content.entities, key=_by_name):
        for fact in entity.facts:
            for ref in fact.disputes:
                disputed_by[ref.id].append(fact)
        for relation in entity.relations:
            inverse[relation.target.id].append((entity, relation))
        if isinstance(entity, Actor):
            for affiliation in entity.affiliations:
                members[affiliation.actor.id].append((entity, affiliation))
        elif isinstance(entity, Province) and entity.part_of is not None:
            children[entity.part_of.id].append(entity)
    events = tuple(sorted(content.events, key=event_key))
    for event in events:
        for ref in dict.fromkeys((*event.actors, *event.places)):
            events_of[ref.id].append(event)
    for page in content.pages:
        for target in dict.fromkeys(x for x, _ in scan_markdown(md, page.body).xrefs):
            mentions[target].append(page)

    return SiteIndex(
        site=site,
        md=md,
        sources=MappingProxyType({s.id: s for s in content.sources}),
        events=events,
        disputed_by=_freeze(disputed_by),
        inverse_relations=_freeze(inverse),
        members=_freeze(members),
        children=_freeze(children),
        events_of=_freeze(events_of),
        page_mentions=_freeze(mentions),
        titles=MappingProxyType(
            {
                **{entity_path(e): e.name for e in content.entities},
                **{f"pages/{p.slug}.html": p.title for p in content.pages},
            }
        ),
        folded=MappingProxyType({s.id: fold(s.text) for s in content.sources if s.url}),
    )


def _mark_html(number: int, mark_id: str) -> Markup:
    id_attr = f' id="{mark_id}"' if mark_id else ""
    # The word joiner keeps a mark on the line of the word it follows.
    return Markup(
        f'\u2060<sup class="cite"><a href="#note-{number}"{id_attr} aria-label="Source {number}"'
        f">[{number}]</a></sup>"
    )


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
        self.numbered = numbered
        self._inline: dict[tuple[str, str | None, int | None], ResolvedCitation] = {}
        for spec in inline:
            resolved = index.site.citations.get(spec)
            if resolved is not None:
                self._inline[(spec.source, spec.quote, spec.sentence)] = resolved
        self._numbers: dict[tuple[str, int, int], int] = {}
        self._notes: list[Note] = []

    def href(self, target: str) -> str:
        """``target`` (an output path) relative to this page."""
        return rel(self.page, target)

    def entity_link(self, entity_id: str, text: str = "") -> Link:
        entity = self.index.site.entities[entity_id]
        return Link(self.href(entity_path(entity)), text or entity.name)

    def xref_href(self, entity_id: str) -> str:
        return self.href(entity_path(self.index.site.entities[entity_id]))

    def cite_mark(self, source: str, quote: str | None, sentence: int | None) -> str:
        resolved = self._inline.get((source, quote, sentence))
        if resolved is None or not self.numbered:
            # Only marks that were checked against their source are ever shown.
            return ""
        return self._mark(resolved).html

    def marks(self, specs: Iterable[CiteSpec]) -> tuple[Mark, ...]:
        """Marks for citations written in fact files, one per distinct span, in order."""
        if not self.numbered:
            return ()
        marks: dict[int, Mark] = {}
        for spec in specs:
            mark = self._mark(self.index.site.citations[spec])
            marks.setdefault(mark.number, mark)  # the first keeps the id the note links back to
        return tuple(marks.values())

    def block(self, text: str) -> Markup:
        """Markdown blocks (summaries, pages), marks numbered on this page."""
        return Markup(render_block(self.index.md, text, self))

    def inline(self, text: str) -> Markup:
        """One Markdown statement (a fact), marks numbered on this page."""
        return Markup(render_inline(self.index.md, text, self))

    def notes(self) -> tuple[Note, ...]:
        return tuple(self._notes)

    def _mark(self, cite: ResolvedCitation) -> Mark:
        key = (cite.source, cite.start, cite.end)
        number = self._numbers.get(key)
        first = number is None
        if number is None:
            number = self._numbers[key] = len(self._numbers) + 1
            self._notes.append(self._note(number, cite))
        mark_id = f"mark-{number}" if first else ""
        return Mark(
            number, f"#note-{number}", f"Source {number}", mark_id, _mark_html(number, mark_id)
        )

    def _note(self, number: int, cite: ResolvedCitation) -> Note:
        source = self.index.sources[cite.source]
        first, last = cite.sentences[0], cite.sentences[-1]
        label = f"sentence {first}" if first == last else f"sentences {first}–{last}"
        original = self.index.original_link(cite)
        return Note(
            number=number,
            id=f"note-{number}",
            quote=cite.quote,
            source_title=source.title,
            publisher=source.publisher,
            published=source.published.display,
            published_iso=date_iso(source.published),
            sentence=Link(self.href(f"sources/{source.id}.html#s{first}"), label),
            original=original,
            original_url=source.url,
            back=f"#mark-{number}",
            lang=source.language,
        )


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
