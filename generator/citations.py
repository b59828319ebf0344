"""citations: every citation written in the content → its resolved sentences; coverage.

Each source is indexed once; each citation is resolved against its source by ``cite`` (exact
quote after normalisation, or a sentence number). A citation that does not resolve is
reported and left out, so nothing unresolved can reach a page. Codes E205, E3xx, W310.

A :class:`CiteMemo` keeps source indexes and resolutions for another run in the same process
(``diff`` resolves a citation that is the same on both sides, against the same source, once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.cite import SourceIndex, index_source, resolve_citation
from generator.diagnostics import ContentError, Diagnostic, Diagnostics
from generator.ids import did_you_mean
from generator.link import cite_specs
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


@dataclass(slots=True)
class CiteMemo:
    """Indexes by source and sentences (by identity: unchanged inputs are the same objects),
    and each citation's resolution (or the error it gave) against an index."""

    indexes: MemoTable[tuple[int, int], tuple[object, object, SourceIndex]] = field(
        default_factory=MemoTable
    )
    resolved: MemoTable[tuple[int, int], tuple[CiteSpec, ResolvedCitation | Diagnostic]] = field(
        default_factory=MemoTable
    )
    """By the identities of the citation and the index: a citation is the same object in
    every run that shares its entity's validated value (``validate.ValidateMemo``)."""

    def index(self, source: Source, sentences: tuple[Sentence, ...]) -> SourceIndex:
        key = (id(source), id(sentences))  # both kept alive by the entry
        made = self.indexes.get(key, lambda: (source, sentences, index_source(source, sentences)))
        return made[2]

    def resolve(self, spec: CiteSpec, index: SourceIndex) -> ResolvedCitation | Diagnostic:
        # the spec is kept alive by the entry, the index by ``indexes``
        return self.resolved.get((id(spec), id(index)), lambda: (spec, _resolve(spec, index)))[1]

    def entries(
        self,
    ) -> tuple[
        list[tuple[object, object, SourceIndex]],
        list[tuple[CiteSpec, SourceIndex, ResolvedCitation | Diagnostic]],
    ]:
        """The memo without its identity keys, to be pickled (see :meth:`rekey`)."""
        by_id = {id(entry[2]): entry[2] for entry in self.indexes.values()}
        resolved = [
            (spec, by_id[key], found)
            for (_, key), (spec, found) in self.resolved.entries.items()
            if key in by_id
        ]
        return list(self.indexes.values()), resolved

    def rekey(
        self,
        indexes: list[tuple[object, object, SourceIndex]],
        resolved: list[tuple[CiteSpec, SourceIndex, ResolvedCitation | Diagnostic]],
    ) -> None:
        """Take unpickled :meth:`entries` (new objects, new ids) as this memo's own."""
        self.indexes = MemoTable({(id(e[0]), id(e[1])): e for e in indexes})
        self.resolved = MemoTable(
            {(id(spec), id(index)): (spec, found) for spec, index, found in resolved}
        )


def _resolve(spec: CiteSpec, index: SourceIndex) -> ResolvedCitation | Diagnostic:
    try:
        return resolve_citation(spec, index)
    except ContentError as error:
        return error.diagnostic


def resolve_citations(
    content: Content,
    sentences: Mapping[str, tuple[Sentence, ...]],
    page_cites: Mapping[str, tuple[CiteSpec, ...]],
    known_sources: frozenset[str],
    diags: Diagnostics,
    memo: CiteMemo | None = None,
) -> Mapping[CiteSpec, ResolvedCitation]:
    """Resolve every citation; report each one that names no source or does not match."""
    indexes: dict[str, SourceIndex] = {}
    sources = {s.id: s for s in content.sources}
    resolved: dict[CiteSpec, ResolvedCitation] = {}
    for spec in cite_specs(content, page_cites):
        source = sources.get(spec.source)
        if source is None:
            if spec.source not in known_sources:
                diags.error(
                    spec.location, "E205", f"unknown source '{spec.source}'",
                    did_you_mean(spec.source, known_sources)
                    or "add it with 'explainer add-source FILE --id ID'",
                )  # fmt: skip
            continue  # a source that failed validation was reported there
        index = indexes.get(source.id)
        if index is None:
            text = sentences[source.id]
            index = memo.index(source, text) if memo else index_source(source, text)
            indexes[source.id] = index
        found = memo.resolve(spec, index) if memo else _resolve(spec, index)
        if isinstance(found, Diagnostic):
            diags.add(found)
        else:
            resolved[spec] = found
    return MappingProxyType(resolved)


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
