"""DiffReport → its first paragraph, in plain words ("3 facts changed on 2 actors; 1 citation
now points to a different sentence; coverage of tass-2021-09-05 fell from 100 % to 93 %");
never prints.

Every format opens with it, and the JSON carries it as ``summary``. When HEAD has errors it
says so first, and what a change to a source's text broke.
"""

from __future__ import annotations

from collections import Counter

from generator.diffreport import BrokenCite, CiteChange, DiffReport, EntityChange
from generator.model import coverage_percent

__all__ = ["NO_CHANGES", "plural", "summarise"]

NO_CHANGES = "No changes to the facts."
NAMED = 3
"""Up to this many renames or moves are named one by one."""


def plural(count: int, noun: str) -> str:
    """``1 fact``, ``2 facts``, ``3 entities``."""
    many = {"entity": "entities"}.get(noun, noun + "s")
    return f"{count} {noun if count == 1 else many}"


def _on(kinds: list[str]) -> str:
    """``2 actors`` or ``3 entities`` for the entities concerned."""
    distinct = set(kinds)
    return plural(len(kinds), distinct.pop() if len(distinct) == 1 else "entity")


def _content_cites(report: DiffReport) -> list[CiteChange]:
    """Citation changes of facts that stayed (those of added or removed facts come with them)."""
    cites = [c for p in report.pages for c in p.cites]
    for e in report.entities:
        for f in e.facts:
            if f.status == "changed" or f.moved_from:
                cites += f.cites
    return cites


def _broken(broken: tuple[BrokenCite, ...], base: str) -> list[str]:
    parts = []
    for source in sorted({c.source for c in broken}):
        mine = [c for c in broken if c.source == source]
        lost = sum(1 for c in mine if c.after is None)
        moved = len(mine) - lost
        if lost:
            parts.append(
                f"the change to the text of {source} broke {plural(lost, 'citation')} that "
                f"resolved at {base}"
            )
        if moved:
            parts.append(
                f"the change to the text of {source} made {plural(moved, 'citation')} "
                f"written as {source}#sN cite other words"
            )
    return parts


def _entities(entities: tuple[EntityChange, ...]) -> list[str]:
    parts: list[str] = []
    for status in ("added", "removed"):
        kinds = Counter(e.kind for e in entities if e.status == status)
        parts += [f"{plural(n, kind)} {status}" for kind, n in sorted(kinds.items())]
    renamed = [e for e in entities if e.status == "renamed"]
    if renamed:
        said = [", ".join(f"{e.old_id} → {e.id}" for e in renamed)] if len(renamed) <= NAMED else []
        if any(e.references_updated for e in renamed):
            said.append(f"references updated on {_referrers_phrase(renamed)}")
        parts.append(f"{_on([e.kind for e in renamed])} renamed" + (
            f" ({'; '.join(said)})" if said else ""
        ))  # fmt: skip
    return parts


def _referrers_phrase(renamed: list[EntityChange]) -> str:
    holders = {r for e in renamed for r in e.references_updated}
    pages = sum(1 for r in holders if r.kind == "page")
    others = len(holders) - pages
    said = [plural(n, noun) for n, noun in ((others, "entity"), (pages, "page")) if n]
    return " and ".join(said)


def _facts(entities: tuple[EntityChange, ...]) -> list[str]:
    parts: list[str] = []
    kept = [e for e in entities if e.status in ("changed", "renamed")]
    for status in ("changed", "added", "removed"):
        on = [(e.kind, e.id) for e in kept for f in e.facts if f.status == status]
        if on:
            holders = sorted(set(on))
            parts.append(f"{plural(len(on), 'fact')} {status} on {_on([k for k, _ in holders])}")
    moves = [(f.moved_from, e.id) for e in entities for f in e.facts if f.moved_from]
    if moves:
        routes = sorted(set(moves))
        if len(routes) == 1:
            src, dst = routes[0]
            parts.append(f"{plural(len(moves), 'fact')} moved from {src} to {dst}")
        else:
            ends = {x for route in routes for x in route}
            parts.append(f"{plural(len(moves), 'fact')} moved between {len(ends)} entities")
    fielded: dict[str, list[str]] = {}
    for e in kept:
        for fc in e.fields:
            fielded.setdefault(fc.field, []).append(e.kind)
    parts += [f"{name} changed on {_on(kinds)}" for name, kinds in sorted(fielded.items())]
    claims = Counter(fc.field for e in entities for f in e.facts for fc in f.fields)
    parts += [f"{name} changed on {plural(n, 'fact')}" for name, n in sorted(claims.items())]
    return parts


def _links(report: DiffReport) -> list[str]:
    parts = []
    cites = Counter(c.status for c in _content_cites(report))
    if cites["retargeted"]:
        n = cites["retargeted"]
        verb = "now points to a different sentence" if n == 1 else "now point to other sentences"
        parts.append(f"{plural(n, 'citation')} {verb}")
    parts += [f"{plural(cites[s], 'citation')} {s}" for s in ("added", "removed") if cites[s]]
    linked = [e for e in report.entities if e.status in ("changed", "renamed")]
    for label, count in (
        ("added", sum(len(e.links_added) for e in linked)),
        ("removed", sum(len(e.links_removed) for e in linked)),
    ):
        if count:
            parts.append(f"{plural(count, 'cross-link')} {label}")
    return parts


def _sources(report: DiffReport) -> list[str]:
    parts = []
    for s in report.sources:
        if s.status != "changed":
            parts.append(f"source {s.id} {s.status}")
            continue
        if s.fields:
            parts.append(f"{', '.join(f.field for f in s.fields)} of {s.id} changed")
        if s.sentences_added:
            parts.append(f"{plural(len(s.sentences_added), 'sentence')} added to {s.id}")
        if s.sentences_removed:
            parts.append(f"{plural(len(s.sentences_removed), 'sentence')} removed from {s.id}")
        if s.coverage_before and s.coverage_after:
            a, b = coverage_percent(*s.coverage_before), coverage_percent(*s.coverage_after)
            if a != b:
                trend = "fell" if b < a else "rose"
                parts.append(f"coverage of {s.id} {trend} from {a} % to {b} %")
    parts += [f"page {p.slug} {p.status}" for p in report.pages]
    return parts


def _site(report: DiffReport) -> list[str]:
    names = [f.field for f in report.site]
    if not names:
        return []
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return [f"the site's {listed} changed (every page shows {'it' if len(names) == 1 else 'them'})"]


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def summarise(report: DiffReport) -> str:
    """The first paragraph: what changed, in plain words."""
    if report.head_errors:
        n = len(report.head_errors)
        said = _sentence([
            f"{report.head} has {plural(n, 'content error')}: nothing is compared until "
            f"{'it is' if n == 1 else 'they are'} fixed"
        ])  # fmt: skip
        broken = _broken(report.broken_citations, report.base)
        return said + (" " + _sentence(broken) if broken else "")
    parts = _broken(report.broken_citations, report.base) + _site(report)
    parts += _entities(report.entities) + _facts(report.entities)
    parts += _links(report) + _sources(report)
    return _sentence(parts) if parts else NO_CHANGES
