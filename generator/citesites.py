"""citesites: who cites what. Every citation written in the content with its *citer* (the
page and anchor that hold it, and a label such as "Ahmad Massoud, fact 2"), and the index
that ``LinkedSite.cited_by`` is: (source, sentence) → who cites that sentence.

Pure functions of the validated content and the resolved citations; nothing here reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from functools import partial

from msgspec import Struct

from generator.model import (
    Actor,
    Affiliation,
    Citer,
    CiteSpec,
    Content,
    DatedValue,
    Event,
    Fact,
    Province,
    Relation,
    ResolvedCitation,
)
from generator.relations import RELATION_TYPES

__all__ = [
    "AnyEntity", "CiteSite", "CitedBy", "cite_sites", "cite_specs", "entity_cite_sites",
    "entity_specs",
]  # fmt: skip

AnyEntity = Actor | Province | Event
"""Any kind of entity."""


class CiteSite(Struct, frozen=True):
    """A citation together with who wrote it (for ``cited_by`` lists)."""

    spec: CiteSpec
    citer: Citer


def _page_path(entity: AnyEntity) -> str:
    return f"{entity.kind.value}/{entity.id}.html"


def cite_sites(
    content: Content, page_cites: Mapping[str, tuple[CiteSpec, ...]]
) -> Iterator[CiteSite]:
    """Every citation written anywhere in the content, with its citer, in a stable order."""
    names = {e.id: e.name for e in content.entities}
    for entity in content.entities:
        yield from entity_cite_sites(entity, names)
    for narrative in content.pages:
        for spec in page_cites.get(narrative.slug, ()):
            yield CiteSite(spec, Citer(f"pages/{narrative.slug}.html", "", narrative.title))


def cite_specs(
    content: Content, page_cites: Mapping[str, tuple[CiteSpec, ...]]
) -> Iterator[CiteSpec]:
    """The citations of :func:`cite_sites`, in the same order, without their citers."""
    for entity in content.entities:
        yield from entity_specs(entity)
    for narrative in content.pages:
        yield from page_cites.get(narrative.slug, ())


_Holder = Fact | Affiliation | str | Relation
"""What holds a group of citations in an entity's file: a fact, an affiliation, the name of a
dated field (``born``, ``date``, …) or a relation."""


def _cite_groups(entity: AnyEntity) -> Iterator[tuple[_Holder, tuple[CiteSpec, ...]]]:
    """Each holder of citations in an entity's file, with its citations, in file order of
    kinds: facts, affiliations, dated fields, relations."""
    for fact in entity.facts:
        yield fact, fact.cites
    dated: list[tuple[str, DatedValue | None]] = []
    if isinstance(entity, Actor):
        dated = [("born", entity.born), ("died", entity.died)]
        for aff in entity.affiliations:
            yield aff, aff.cites
    elif isinstance(entity, Event):
        dated = [("date", entity.date), ("end", entity.end)]
    for key, value in dated:
        if value is not None:
            yield key, value.cites
    for rel in entity.relations:
        yield rel, rel.cites


def entity_specs(entity: AnyEntity) -> Iterator[CiteSpec]:
    """Every citation an entity's file holds, in the order of :func:`entity_cite_sites`."""
    for _, specs in _cite_groups(entity):
        yield from specs


def entity_cite_sites(entity: AnyEntity, names: Mapping[str, str]) -> Iterator[CiteSite]:
    """Every citation an entity's file holds, with its citer; ``names``: entity id → name,
    for the labels of relations."""
    page = _page_path(entity)
    for holder, specs in _cite_groups(entity):
        if not specs:
            continue
        if isinstance(holder, Fact):
            citer = Citer(page, holder.anchor, f"{entity.name}, fact {holder.index}")
        elif isinstance(holder, Affiliation):
            citer = Citer(page, "affiliations", f"{entity.name}, {holder.role}")
        elif isinstance(holder, str):
            citer = Citer(page, "dates", f"{entity.name}, {holder}")
        else:
            target = names.get(holder.target.id, holder.target.id)
            label = f"{entity.name}, {RELATION_TYPES[holder.type].label} {target}"
            citer = Citer(page, "relations", label)
        for spec in specs:
            yield CiteSite(spec, citer)


class CitedBy(Mapping[tuple[str, int], tuple[Citer, ...]]):
    """(source id, sentence index) → who cites that sentence, sorted; worked out for a source
    the first time one of its sentences is asked for (``check`` and ``diff`` never ask; a
    build that renders one source's page again asks for that source alone)."""

    __slots__ = ("_citations", "_citing", "_content", "_page_cites", "_sources")

    def __init__(
        self,
        content: Content,
        citations: Mapping[CiteSpec, ResolvedCitation],
        page_cites: Mapping[str, tuple[CiteSpec, ...]],
    ) -> None:
        self._content = content
        self._citations = citations
        self._page_cites = page_cites
        self._citing: dict[str, list[Callable[[], Iterator[CiteSite]]]] | None = None
        """Source id → what lists the cite sites of each entity or page that cites it."""
        self._sources: dict[str, dict[int, tuple[Citer, ...]]] = {}

    def _sites(self) -> dict[str, list[Callable[[], Iterator[CiteSite]]]]:
        if self._citing is None:
            names = {e.id: e.name for e in self._content.entities}
            self._citing = defaultdict(list)
            for entity in self._content.entities:
                sites = partial(entity_cite_sites, entity, names)
                for source in dict.fromkeys(spec.source for spec in entity_specs(entity)):
                    self._citing[source].append(sites)
            for narrative in self._content.pages:
                specs = self._page_cites.get(narrative.slug, ())
                citer = Citer(f"pages/{narrative.slug}.html", "", narrative.title)
                sites = partial(_page_sites, specs, citer)
                for source in dict.fromkeys(spec.source for spec in specs):
                    self._citing[source].append(sites)
        return self._citing

    def _source(self, source: str) -> dict[int, tuple[Citer, ...]]:
        made = self._sources.get(source)
        if made is None:
            cited: dict[int, set[Citer]] = defaultdict(set)
            for sites in self._sites().get(source, ()):
                for site in sites():
                    resolved = (
                        self._citations.get(site.spec) if site.spec.source == source else None
                    )
                    if resolved is not None:
                        for index in resolved.sentences:
                            cited[index].add(site.citer)
            made = {i: tuple(sorted(v, key=_citer_key)) for i, v in sorted(cited.items())}
            self._sources[source] = made
        return made

    def __getitem__(self, key: tuple[str, int]) -> tuple[Citer, ...]:
        return self._source(key[0])[key[1]]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for source in sorted(self._sites()):
            for index in self._source(source):
                yield (source, index)

    def __len__(self) -> int:
        return sum(len(self._source(source)) for source in self._sites())

    def __contains__(self, key: object) -> bool:
        if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)):
            return False
        return key[1] in self._source(key[0])


def _page_sites(specs: tuple[CiteSpec, ...], citer: Citer) -> Iterator[CiteSite]:
    for spec in specs:
        yield CiteSite(spec, citer)


def _citer_key(citer: Citer) -> tuple[str, str, str]:
    return (citer.page, citer.anchor, citer.label)
