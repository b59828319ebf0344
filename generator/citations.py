"""citations: every citation written in the content → its resolved sentences; coverage.

Each source is indexed once; each citation is resolved against its source by ``cite`` (exact
quote after normalisation, or a sentence number). A citation that does not resolve is
reported and left out, so nothing unresolved can reach a page. Codes E205, E3xx, W310.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from generator.cite import SourceIndex, index_source, resolve_citation
from generator.diagnostics import ContentError, Diagnostics
from generator.ids import did_you_mean
from generator.link import cite_sites
from generator.model import CiteSpec, Content, LinkedSite, ResolvedCitation, Sentence

__all__ = ["report_coverage", "resolve_citations"]


def resolve_citations(
    content: Content,
    sentences: Mapping[str, tuple[Sentence, ...]],
    page_cites: Mapping[str, tuple[CiteSpec, ...]],
    known_sources: frozenset[str],
    diags: Diagnostics,
) -> Mapping[CiteSpec, ResolvedCitation]:
    """Resolve every citation; report each one that names no source or does not match."""
    indexes: dict[str, SourceIndex] = {}
    sources = {s.id: s for s in content.sources}
    resolved: dict[CiteSpec, ResolvedCitation] = {}
    for site in cite_sites(content, page_cites):
        spec = site.spec
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
            index = indexes[source.id] = index_source(source, sentences[source.id])
        try:
            resolved[spec] = resolve_citation(spec, index)
        except ContentError as error:
            diags.add(error.diagnostic)
    return MappingProxyType(resolved)


def report_coverage(site: LinkedSite, diags: Diagnostics) -> None:
    """Warn (an error under ``--strict``) for each source with uncited sentences."""
    for source in site.content.sources:
        sentences = site.sentences[source.id]
        uncited = [s.id for s in sentences if (source.id, s.index) not in site.cited_by]
        if not uncited:
            continue
        cited, total = site.coverage(source.id)
        shown = ", ".join(uncited[:12]) + (", …" if len(uncited) > 12 else "")
        diags.warning(
            source.location, "W310",
            f"coverage of '{source.id}' is {cited}/{total} sentences ({100 * cited // total} %)",
            f"cite the sentences nobody cites: {shown} "
            f"(list them: explainer sentences {source.id})",
        )  # fmt: skip
