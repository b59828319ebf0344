"""link: content + resolved citations → the checked fact graph (``LinkedSite``).

Resolves every reference field and ``[text](@id)`` cross-reference, checks that targets are of
the right kind, that ``part_of`` has no cycle, that ``disputes`` point at facts, and that
Markdown holds no raw HTML or unsafe link; builds the indexes pages need (who mentions an
entity; who cites a sentence, from ``citesites``). It never reads files and never re-checks
quotes. Codes E2xx, W2xx.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

from msgspec import Struct, field

from generator.citesites import AnyEntity, CitedBy
from generator.diagnostics import Diagnostics, Location
from generator.ids import did_you_mean, is_valid_id, suggest_id
from generator.markdown import CITE_MARK, create_markdown, scan_markdown
from generator.memotable import MemoTable
from generator.model import (
    Actor,
    CiteSpec,
    Content,
    EntityKind,
    Event,
    Fact,
    LinkedSite,
    Province,
    Ref,
    ResolvedCitation,
    Sentence,
)

__all__ = ["LinkMemo", "link"]

Lookups = frozenset[tuple[str, EntityKind]]
"""The ids an entity's file refers to, each with the kind it was found to be."""


class LinkMemo(Struct):
    """What an earlier link made, for the next: by an entity's identity, the ids that entity
    refers to, when none of them was a mistake. An entity whose references are all still
    there, each of the same kind, is linked again from that set alone (its messages depend on
    nothing else); any other is checked afresh, its Markdown scanned again."""

    entities: MemoTable[int, tuple[object, Lookups | None]] = field(default_factory=MemoTable)

    def rekey(self, entries: list[tuple[object, Lookups | None]]) -> None:
        """Take ``entries`` (unpickled: new objects, new ids) as this memo's entities."""
        self.entities = MemoTable({id(entry[0]): entry for entry in entries})


class _Linker:
    def __init__(
        self,
        content: Content,
        known: Mapping[str, EntityKind],
        diags: Diagnostics,
        memo: LinkMemo | None = None,
    ) -> None:
        self.memo = memo
        self.content = content
        self.known = known
        self.diags = diags
        self.entities: dict[str, AnyEntity] = {e.id: e for e in content.entities}
        self.mentions: dict[str, set[str]] = defaultdict(set)
        self.lookups: list[tuple[str, EntityKind]] = []
        self._by_alias: dict[str, str] | None = None

    def by_alias(self) -> dict[str, str]:
        """Slugs of names and aliases and their longer words → the entity, so that 'masoud'
        suggests 'ahmad-massoud'; made the first time an id is unknown (only hints need it)."""
        if self._by_alias is None:
            self._by_alias = {}
            for entity in self.content.entities:
                for spelling in (entity.name, *entity.aliases):
                    slug = suggest_id(spelling)
                    self._by_alias.setdefault(slug, entity.id)
                    for word in slug.split("-"):
                        if len(word) > 3:
                            self._by_alias.setdefault(word, entity.id)
        return self._by_alias

    def unknown_hint(self, name: str, kinds: tuple[EntityKind, ...] | None) -> str:
        pool = {i for i, k in self.known.items() if kinds is None or k in kinds}
        by_alias = self.by_alias()
        if name in by_alias and by_alias[name] in pool:
            return f"did you mean '{by_alias[name]}'?"
        hint = did_you_mean(name, pool)
        if not hint:
            alias = did_you_mean(name, by_alias)
            if alias:
                target = by_alias[alias.split("'")[1]]
                if target in pool:
                    hint = f"did you mean '{target}'?"
        return hint or "no file of that name: check the id, or create it with 'explainer new'"

    def target(
        self, ref: Ref, owner: str, what: str, kinds: tuple[EntityKind, ...] | None = None
    ) -> None:
        kind = self.known.get(ref.id)
        if kind is None:
            noun = " or ".join(k.singular for k in kinds) if kinds else "entity"
            self.diags.error(
                ref.location, "E201", f"unknown {noun} '{ref.id}' in {what}",
                self.unknown_hint(ref.id, kinds),
            )  # fmt: skip
            return
        if kinds is not None and kind not in kinds:
            expected = " or ".join(k.singular for k in kinds)
            folders = " or ".join(f"{k.value}/" for k in kinds)
            pool = [i for i, k in self.known.items() if k in kinds]
            self.diags.error(
                ref.location, "E202",
                f"'{ref.id}' is {_article(kind.singular)} {kind.singular}, but {what} needs "
                f"{_article(expected)} {expected}",
                did_you_mean(ref.id, pool) or f"name {_article(expected)} {expected} "
                f"(a file in {folders})",
            )  # fmt: skip
            return
        self.lookups.append((ref.id, kind))
        if ref.id != owner and owner:
            self.mentions[ref.id].add(owner)

    def markdown(
        self, text: str, location: Location, owner: str, what: str, *, marks: bool = False
    ) -> None:
        if not marks and "[^" in text and CITE_MARK.search(text):
            self.diags.error(
                location, "E212", f"citation mark in {what}",
                "facts and summaries cite with 'cite:' (marks like [^source#s5] are for pages)",
            )  # fmt: skip
        scan = scan_markdown(self.md, text)
        for target_id, offset in scan.xrefs:
            here = Location(location.path, location.line + offset, location.col)
            if not is_valid_id(target_id):
                self.diags.error(
                    here, "E207", f"'@{target_id}' in {what} is not a valid id",
                    f"link an entity by its id: [text](@{suggest_id(target_id)})",
                )  # fmt: skip
                continue
            self.target(Ref(target_id, here), owner, what)
        for href, offset in scan.unsafe_links:
            self.diags.error(
                Location(location.path, location.line + offset, location.col), "E211",
                f"unsafe link '{href}' in {what}",
                "links may use http, https or mailto, or '@id' for an entity",
            )  # fmt: skip
        for html, offset in scan.raw_html:
            if html.startswith("</"):
                continue  # '<b>' and '</b>' are one mistake, reported at the opening tag
            self.diags.error(
                Location(location.path, location.line + offset, location.col), "E210",
                f"raw HTML '{html[:40]}' in {what}",
                "write Markdown instead; for a literal '<' write '&lt;' or '\\<'",
            )  # fmt: skip

    def run(self) -> None:
        self.md = create_markdown()
        known = self.known.items()
        for entity in self.content.entities:
            if self.memo is None:
                self.link_entity(entity)
                continue
            key = id(entity)  # an entry keeps its entity alive: the id stays the entity's
            entry = self.memo.entities.find(key)
            lookups = entry[1] if entry is not None and entry[0] is entity else None
            if lookups is not None and lookups <= known:
                self.memo.entities.keep(key)
                for target, _ in lookups:
                    if target != entity.id:
                        self.mentions[target].add(entity.id)
                continue
            lookups = self.link_entity(entity)
            if entry is None or entry[0] is not entity or entry[1] != lookups:
                self.memo.entities.put(key, (entity, lookups))
            else:
                self.memo.entities.keep(key)
        for page in self.content.pages:
            self.markdown(
                page.body, Location(page.location.path, page.body_line, 1), "", "the page",
                marks=True,
            )  # fmt: skip
        self.check_part_of()
        self.facts = self.check_facts()
        self.check_names()

    def link_entity(self, entity: AnyEntity) -> Lookups | None:
        """Check an entity's references and Markdown; the ids it refers to, or None when it
        had a mistake."""
        actor, place = (EntityKind.ACTOR,), (EntityKind.PROVINCE,)
        reported = len(self.diags)
        self.lookups = []
        owner = entity.id
        self.markdown(
            entity.summary, entity.summary_location or entity.location, owner, "the summary"
        )
        for fact in entity.facts:
            self.markdown(fact.text, fact.text_location or fact.location, owner, "a fact")
            if fact.claimed_by:
                self.target(fact.claimed_by, owner, "'claimed_by'", actor)
        for rel in entity.relations:
            self.target(rel.target, owner, f"a '{rel.type}' relation")
        if isinstance(entity, Actor):
            for aff in entity.affiliations:
                self.target(aff.actor, owner, "an affiliation", actor)
        elif isinstance(entity, Province) and entity.part_of:
            self.target(entity.part_of, owner, "'part_of'", place)
        elif isinstance(entity, Event):
            for ref in entity.actors:
                self.target(ref, owner, "'actors'", actor)
            for ref in entity.places:
                self.target(ref, owner, "'places'", place)
        return frozenset(self.lookups) if len(self.diags) == reported else None

    def check_part_of(self) -> None:
        provinces = {p.id: p for p in self.content.provinces}
        reported: set[str] = set()
        for start in provinces.values():
            chain: list[str] = []
            here: Province | None = start
            while here is not None and here.id not in chain:
                chain.append(here.id)
                here = provinces.get(here.part_of.id) if here.part_of else None
            if here is None or here.id in reported or here.id != start.id:
                continue
            reported.update(chain)
            if start.part_of is None:  # cannot happen: a cycle always has a parent
                continue
            loop = " → ".join([*chain, start.id])
            self.diags.error(
                start.part_of.location, "E203", f"'part_of' makes a cycle: {loop}",
                "one place of the cycle must be at the top (no 'part_of') or inside another",
            )  # fmt: skip

    def check_facts(self) -> dict[str, Fact]:
        facts: dict[str, Fact] = {}
        for entity in self.content.entities:
            for fact in entity.facts:
                if fact.id is None:
                    continue
                if fact.id in facts:
                    first = facts[fact.id].location
                    self.diags.error(
                        fact.location, "E206", f"fact id '{fact.id}' is used twice",
                        f"the first is at {first}; fact ids are unique across all files",
                    )  # fmt: skip
                    continue
                facts[fact.id] = fact
        for entity in self.content.entities:
            for fact in entity.facts:
                for ref in fact.disputes:
                    if ref.id == fact.id:
                        self.diags.error(
                            ref.location, "E204", "a fact cannot dispute itself",
                            "name the id of the fact this one contradicts",
                        )  # fmt: skip
                    elif ref.id not in facts:
                        self.diags.error(
                            ref.location, "E204", f"'disputes' names no fact '{ref.id}'",
                            did_you_mean(ref.id, facts, noun="fact")
                            or "give the disputed fact an 'id:' and name it here",
                        )  # fmt: skip
        return facts

    def check_names(self) -> None:
        seen: dict[str, AnyEntity] = {}
        for entity in self.content.entities:
            for spelling in dict.fromkeys((entity.name, *entity.aliases)):
                key = spelling.casefold()
                other = seen.setdefault(key, entity)
                if other is not entity:
                    self.diags.warning(
                        entity.location, "W220",
                        f"'{spelling}' names both '{other.id}' and '{entity.id}'",
                        "readers and search cannot tell them apart: make one name more precise",
                    )  # fmt: skip


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def link(
    content: Content,
    sentences: Mapping[str, tuple[Sentence, ...]],
    citations: Mapping[CiteSpec, ResolvedCitation],
    page_cites: Mapping[str, tuple[CiteSpec, ...]],
    known: Mapping[str, EntityKind],
    diags: Diagnostics,
    memo: LinkMemo | None = None,
) -> LinkedSite:
    """Check every reference and build the indexes; errors go to ``diags``."""
    linker = _Linker(content, known, diags, memo)
    linker.run()
    if not isinstance(citations, MappingProxyType):
        citations = MappingProxyType(dict(citations))
    cited: dict[str, set[int]] = defaultdict(set)
    for resolved in citations.values():
        cited[resolved.source].update(resolved.sentences)
    return LinkedSite(
        content=content,
        sentences=MappingProxyType(dict(sentences)),
        citations=citations,
        entities=MappingProxyType(dict(sorted(linker.entities.items()))),
        facts=MappingProxyType(dict(sorted(linker.facts.items()))),
        cited_by=CitedBy(content, citations, page_cites),
        cited=MappingProxyType({k: frozenset(v) for k, v in sorted(cited.items())}),
        mentions=MappingProxyType(
            {key: tuple(sorted(v)) for key, v in sorted(linker.mentions.items())}
        ),
        page_cites=MappingProxyType(dict(sorted(page_cites.items()))),
    )
