"""citations: every citation written in the content → its resolved sentences; coverage.

Each source is indexed once; each citation is resolved against its source by ``cite`` (exact
quote after normalisation, or a sentence number). A citation that does not resolve is
reported and left out, so nothing unresolved can reach a page. Codes E205, E3xx, W310.

A :class:`CiteMemo` keeps source indexes and what each entity's (or page's) citations came to,
for another run: ``diff`` resolves an entity that is the same on both sides, against the same
sources, once; the disk cache (``cache``) keeps them between runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from msgspec import Struct, field

from generator.cite import SourceIndex, index_source, resolve_citation
from generator.citesites import entity_specs
from generator.diagnostics import ContentError, Diagnostic, Diagnostics
from generator.ids import did_you_mean
from generator.memotable import MemoTable
from generator.model import (
    CiteSpec,
    Content,
    LinkedSite,
    ResolvedCitation,
    Sentence,
    Source,
    coverage_percent,
)

__all__ = ["CiteMemo", "report_coverage", "resolve_citations"]


Resolutions = tuple[
    object,
    tuple[tuple[str, SourceIndex], ...],
    tuple[tuple[CiteSpec, ResolvedCitation], ...],
    tuple[Diagnostic, ...],
]
"""What a holder's citations came to: the holder, the index of each source they cite, the
citations that resolved and the errors of those that did not."""


class CiteMemo(Struct):
    """Indexes by source and sentences, and what each holder of citations (an entity, or a
    page's marks) came to against them; both by identity: unchanged inputs are the same
    objects (``validate.ValidateMemo``, ``memo.CheckMemo.page_cites``). A holder whose sources
    have the very same indexes as before is not resolved again."""

    indexes: MemoTable[tuple[int, int], tuple[object, object, SourceIndex]] = field(
        default_factory=MemoTable
    )
    holders: MemoTable[int, Resolutions] = field(default_factory=MemoTable)

    def index(self, source: Source, sentences: tuple[Sentence, ...]) -> SourceIndex:
        key = (id(source), id(sentences))  # both kept alive by the entry
        made = self.indexes.get(key, lambda: (source, sentences, index_source(source, sentences)))
        return made[2]

    def entries(self) -> tuple[list[tuple[object, object, SourceIndex]], list[Resolutions]]:
        """The memo without its identity keys, to be pickled (see :meth:`rekey`)."""
        return list(self.indexes.values()), list(self.holders.values())

    def rekey(
        self, indexes: list[tuple[object, object, SourceIndex]], holders: list[Resolutions]
    ) -> None:
        """Take unpickled :meth:`entries` (new objects, new ids) as this memo's own."""
        self.indexes = MemoTable({(id(e[0]), id(e[1])): e for e in indexes})
        self.holders = MemoTable({id(entry[0]): entry for entry in holders})


def _resolve(spec: CiteSpec, index: SourceIndex) -> ResolvedCitation | Diagnostic:
    try:
        return resolve_citation(spec, index)
    except ContentError as error:
        return error.diagnostic


class _Resolver:
    """One run of :func:`resolve_citations`."""

    def __init__(
        self,
        content: Content,
        sentences: Mapping[str, tuple[Sentence, ...]],
        known_sources: frozenset[str],
        diags: Diagnostics,
        memo: CiteMemo | None,
    ) -> None:
        self.sources = {s.id: s for s in content.sources}
        self.sentences = sentences
        self.known_sources = known_sources
        self.diags = diags
        self.memo = memo
        self.indexes: dict[str, SourceIndex | None] = {}
        self.resolved: dict[CiteSpec, ResolvedCitation] = {}

    def index(self, source_id: str) -> SourceIndex | None:
        """The index of a source; None when there is no such source (or it failed)."""
        try:
            return self.indexes[source_id]
        except KeyError:
            pass
        source = self.sources.get(source_id)
        index = None
        if source is not None:
            text = self.sentences[source_id]
            index = self.memo.index(source, text) if self.memo else index_source(source, text)
        self.indexes[source_id] = index
        return index

    def holder(self, holder: object, specs: Iterable[CiteSpec]) -> None:
        """Resolve the citations of ``holder``, or take what they came to before."""
        if self.memo is None:
            self.resolve(specs)
            return
        table = self.memo.holders
        entry = table.find(id(holder))  # an entry keeps its holder alive: the id stays its own
        if (
            entry is not None
            and entry[0] is holder
            and all(self.index(source) is index for source, index in entry[1])
        ):
            table.keep(id(holder))
            self.resolved.update(entry[2])
            for diagnostic in entry[3]:
                self.diags.add(diagnostic)
            return
        made = self.resolve(specs)
        if made is not None:
            table.put(id(holder), (holder, *made))

    def resolve(
        self, specs: Iterable[CiteSpec]
    ) -> (
        tuple[
            tuple[tuple[str, SourceIndex], ...],
            tuple[tuple[CiteSpec, ResolvedCitation], ...],
            tuple[Diagnostic, ...],
        ]
        | None
    ):
        """Resolve ``specs``; what they came to, or None when one names no source."""
        used: dict[str, SourceIndex] = {}
        found: list[tuple[CiteSpec, ResolvedCitation]] = []
        errors: list[Diagnostic] = []
        whole = True
        for spec in specs:
            index = self.index(spec.source)
            if index is None:
                whole = False
                if spec.source not in self.known_sources:
                    self.diags.error(
                        spec.location, "E205", f"unknown source '{spec.source}'",
                        did_you_mean(spec.source, self.known_sources)
                        or "add it with 'explainer add-source FILE --id ID'",
                    )  # fmt: skip
                continue  # a source that failed validation was reported there
            used[spec.source] = index
            outcome = _resolve(spec, index)
            if isinstance(outcome, Diagnostic):
                self.diags.add(outcome)
                errors.append(outcome)
            else:
                self.resolved[spec] = outcome
                found.append((spec, outcome))
        return (tuple(used.items()), tuple(found), tuple(errors)) if whole else None


def resolve_citations(
    content: Content,
    sentences: Mapping[str, tuple[Sentence, ...]],
    page_cites: Mapping[str, tuple[CiteSpec, ...]],
    known_sources: frozenset[str],
    diags: Diagnostics,
    memo: CiteMemo | None = None,
) -> Mapping[CiteSpec, ResolvedCitation]:
    """Resolve every citation, in the order of ``link.cite_specs``; report each one that
    names no source or does not match."""
    resolver = _Resolver(content, sentences, known_sources, diags, memo)
    for entity in content.entities:
        resolver.holder(entity, entity_specs(entity))
    for narrative in content.pages:
        marks = page_cites.get(narrative.slug, ())
        resolver.holder(marks, marks)
    return MappingProxyType(resolver.resolved)


def report_coverage(site: LinkedSite, diags: Diagnostics) -> None:
    """Warn (an error under ``--strict``) for each source with uncited sentences."""
    for source in site.content.sources:
        cited_here = site.cited.get(source.id, frozenset())
        uncited = [s.id for s in site.sentences[source.id] if s.index not in cited_here]
        if not uncited:
            continue
        cited, total = site.coverage(source.id)
        shown = ", ".join(uncited[:12]) + (", …" if len(uncited) > 12 else "")
        diags.warning(
            source.location, "W310",
            f"coverage of '{source.id}' is {cited}/{total} sentences"
            f" ({coverage_percent(cited, total)} %)",
            f"cite the sentences nobody cites: {shown} "
            f"(list them: explainer sentences {source.id})",
        )  # fmt: skip
