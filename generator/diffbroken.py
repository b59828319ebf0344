"""Two fact graphs and the sources whose text differs → the citations that change broke;
never reads files.

A citation is broken by a source change when it is written the same on both sides, names a
source whose text changed, resolved at BASE, and at HEAD either does not resolve (HEAD then
has an error for it) or, written as ``source#sN``, now lands on a sentence with other words.
A quote that still resolves still says what it said, so it is not broken here; if the words
around it changed, the fact that holds it shows the citation retargeted.

Either graph may be partial (``pipeline.check`` with ``partial``): a side with errors still
says which of its citations resolved.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.citesites import cite_sites
from generator.diagnostics import Diagnostic, Location
from generator.diffreport import BrokenCite
from generator.diffsnap import cite_view
from generator.model import LinkedSite, ResolvedCitation

__all__ = ["broken_citations"]

Written = tuple[str, str | None, int | None]
"""A citation as written, wherever it is: (source, quote, sentence number)."""


def _owners(site: LinkedSite) -> dict[str, tuple[str, str]]:
    """Output page → (kind, id) of who is shown there."""
    owners = {f"{e.kind.value}/{e.id}.html": (e.kind.singular, e.id) for e in site.content.entities}
    owners.update({f"pages/{p.slug}.html": ("page", p.slug) for p in site.content.pages})
    return owners


def _problem(diagnostics: dict[Location, Diagnostic], location: Location) -> str:
    found = diagnostics.get(location)
    if found is None:
        return ""
    return found.message + (f" ({' '.join(found.hint.split())})" if found.hint else "")


def broken_citations(
    base: LinkedSite,
    head: LinkedSite,
    changed: Iterable[str],
    head_errors: Iterable[Diagnostic] = (),
) -> tuple[BrokenCite, ...]:
    """The citations at HEAD that the change to the text of the sources ``changed`` broke, in
    file order; ``head_errors`` give what HEAD says about each one that no longer resolves."""
    sources = frozenset(changed)
    if not sources:
        return ()
    at_base: dict[Written, ResolvedCitation] = {
        (spec.source, spec.quote, spec.sentence): resolved
        for spec, resolved in base.citations.items()
        if spec.source in sources
    }
    problems: dict[Location, Diagnostic] = {}
    for d in head_errors:
        if d.code.startswith(("E3", "E205")):
            problems.setdefault(d.location, d)
    owners = _owners(head)
    found: list[tuple[Location, BrokenCite]] = []
    for site in cite_sites(head.content, head.page_cites):
        spec = site.spec
        old = at_base.get((spec.source, spec.quote, spec.sentence))
        if old is None:
            continue  # a new citation, or one that did not resolve at BASE either
        now = head.citations.get(spec)
        before = cite_view(base, old)
        after = cite_view(head, now) if now is not None else None
        if after is not None and (spec.quote is not None or after.key == before.key):
            continue
        kind, owner = owners[site.citer.page]
        found.append((
            spec.location,
            BrokenCite(
                spec.source,
                kind,
                owner,
                site.citer.anchor,
                site.citer.label,
                spec.quote,
                spec.sentence,
                str(spec.location),
                before,
                after,
                _problem(problems, spec.location) if after is None else "",
            ),
        ))  # fmt: skip
    return tuple(c for _, c in sorted(found, key=lambda f: f[0]))
