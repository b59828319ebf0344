"""Two snapshots → a DiffReport of what changed in meaning; never reads or prints.

Entities are matched by id, then an unmatched pair with the same content (or the same kind
and name) is a rename. A rename is read into BASE before anything else is compared: a
reference to the old id that now names the new one is part of the rename (the rename lists
who holds it), not a change of the entity or page that holds it. Facts are matched by ``id``,
then by text; a fact that left one entity and arrived in another is a move, listed on both;
what is left is paired by word similarity into "changed"; a fact that left one entity and
arrived reworded in another, with the same citations, is a move too; the rest is added or
removed.
Every list in the report is sorted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.diffreport import CiteChange, DiffReport, EntityChange, FactChange, Referrer
from generator.diffsnap import XREF, EntityView, FactView, Snapshot, retarget, unchanged
from generator.diffsources import page_changes, source_changes
from generator.diffwords import compare_cites, field_changes, similarity, word_diff

__all__ = ["compare"]

SIMILAR = 0.5
"""Word similarity from which an unmatched old and new fact are one fact, changed."""
ORDER = {"removed": 0, "moved": 1, "changed": 2, "added": 3}
"""The order of a entity's fact changes."""

Pair = tuple[EntityView | None, EntityView | None]


def _fact_fields(fact: FactView) -> tuple[tuple[str, str], ...]:
    return (
        ("id", fact.id or ""),
        ("claimed_by", fact.claimed_by),
        ("disputes", ", ".join(fact.disputes)),
        ("as_of", fact.as_of),
    )


def _one_sided(status: str, old: FactView | None, new: FactView | None) -> FactChange:
    """A fact added (``new``) or removed (``old``), with its citations."""
    only = new if new is not None else old
    if only is None:
        raise ValueError("a fact change needs a side")
    cites = tuple(
        CiteChange(status, c if new is None else None, c if new else None) for c in only.cites
    )
    before, after = (old.text if old else ""), (new.text if new else "")
    return FactChange(status, only.anchor, before, after, (), "", "", cites, ())


def _fact_change(status: str, old: FactView, new: FactView, moved_from: str = "") -> FactChange:
    """A fact on both sides: what changed in it (on the entity it is on at HEAD)."""
    return FactChange(
        status,
        new.anchor,
        old.text,
        new.text,
        word_diff(old.text, new.text),
        moved_from,
        "",
        compare_cites(old.cites, new.cites),
        field_changes(_fact_fields(old), _fact_fields(new)),
    )


def _moved_away(old: FactView, new: FactView, moved_to: str) -> FactChange:
    """The other end of a move, on the entity the fact left: where it went (what changed in
    it is told where it arrived)."""
    return FactChange("moved", old.anchor, old.text, new.text, (), "", moved_to, (), ())


def _pair(
    old: list[FactView], new: list[FactView], same: Callable[[FactView, FactView], bool]
) -> list[tuple[FactView, FactView]]:
    """Take out of ``old`` and ``new`` the pairs for which ``same(a, b)``, in order."""
    pairs = []
    for a in list(old):
        b = next((b for b in new if same(a, b)), None)
        if b is not None:
            old.remove(a)
            new.remove(b)
            pairs.append((a, b))
    return pairs


def _by_id(a: FactView, b: FactView) -> bool:
    return a.id is not None and a.id == b.id


def _by_text(a: FactView, b: FactView) -> bool:
    return a.text == b.text


def _renames(pairs: list[Pair]) -> dict[str, str]:
    return {a.id: b.id for a, b in pairs if a and b and a.id != b.id}


def _match_entities(base: Snapshot, head: Snapshot) -> tuple[list[Pair], list[str]]:
    """Entities paired by id, then renames: the same content (once the renames found so far
    are read into it), then the same kind and name; the rest removed or added. Also the ids
    of the entities that are certainly the same on both sides (left out of the pairs)."""
    common = sorted(base.entities.keys() & head.entities.keys())
    same = unchanged(base.entities, head.entities, common)
    kept = set(same)
    pairs: list[Pair] = [(base.entities[i], head.entities[i]) for i in common if i not in kept]
    gone = [base.entities[i] for i in sorted(base.entities.keys() - head.entities.keys())]
    came = [head.entities[i] for i in sorted(head.entities.keys() - base.entities.keys())]
    keys: tuple[Callable[[EntityView, Mapping[str, str]], object], ...] = (
        lambda e, renamed: e.signature,
        lambda e, renamed: retarget(e, renamed).signature,
        lambda e, renamed: (e.kind, e.name),
    )
    for key in keys:
        renamed = _renames(pairs)
        for a in list(gone):
            k = key(a, renamed)
            b = next((b for b in came if key(b, {}) == k), None)
            if b is not None:
                gone.remove(a)
                came.remove(b)
                pairs.append((a, b))
    return pairs + [(a, None) for a in gone] + [(None, b) for b in came], same


def _moves(
    left: dict[str, list[FactView]], right: dict[str, list[FactView]]
) -> list[tuple[str, FactView, str, FactView]]:
    """Facts that left one entity and arrived in another, matched by id, then by text; taken
    out of ``left`` and ``right``. Indexed, so that it costs no more than the facts left over."""
    moves = []
    keys: tuple[Callable[[FactView], str | None], ...] = (lambda f: f.id, lambda f: f.text)
    for key in keys:
        arrived: dict[str, list[tuple[str, FactView]]] = {}
        for dst in sorted(right):
            for y in right[dst]:
                k = key(y)
                if k is not None:
                    arrived.setdefault(k, []).append((dst, y))
        for src in sorted(left):
            for x in list(left[src]):
                k = key(x)
                options = arrived.get(k, []) if k is not None else []
                found = next(((d, y) for d, y in options if d != src and y in right[d]), None)
                if found is not None:
                    dst, y = found
                    options.remove(found)
                    left[src].remove(x)
                    right[dst].remove(y)
                    moves.append((src, x, dst, y))
    return moves


def _reworded_moves(
    left: dict[str, list[FactView]], right: dict[str, list[FactView]]
) -> list[tuple[str, FactView, str, FactView]]:
    """Facts that left one entity and arrived, reworded, in another: the same citations and
    similar words (the most similar first); taken out of ``left`` and ``right``."""
    arrived: dict[tuple[object, ...], list[tuple[str, FactView]]] = {}
    for dst in sorted(right):
        for y in right[dst]:
            arrived.setdefault(tuple(c.key for c in y.cites), []).append((dst, y))
    moves = []
    for src in sorted(left):
        for x in list(left[src]):
            options = [
                (similarity(x.text, y.text), d, y)
                for d, y in arrived.get(tuple(c.key for c in x.cites), [])
                if d != src and y in right[d]
            ]
            best = max(options, key=lambda o: o[0], default=None)
            if best is not None and best[0] >= SIMILAR:
                _, dst, y = best
                left[src].remove(x)
                right[dst].remove(y)
                moves.append((src, x, dst, y))
    return moves


def _either(a: EntityView | None, b: EntityView | None) -> EntityView:
    """The HEAD side of an entity pair, or the BASE side when it was removed."""
    if b is not None:
        return b
    if a is None:
        raise ValueError("an entity pair needs a side")
    return a


def _fact_changes(pairs: list[Pair]) -> dict[str, list[FactChange]]:
    """Each changed entity's fact changes, by its id (at HEAD, or at BASE when removed)."""
    left: dict[str, list[FactView]] = {}
    right: dict[str, list[FactView]] = {}
    facts: dict[str, list[FactChange]] = {}
    for a, b in pairs:
        key = _either(a, b).id
        old, new = list(a.facts if a else ()), list(b.facts if b else ())
        facts[key] = [
            _fact_change("changed", x, y)
            for x, y in _pair(old, new, _by_id) + _pair(old, new, _by_text)
        ]
        left[key], right[key] = old, new
    for src, x, dst, y in _moves(left, right):
        facts[dst].append(_fact_change("moved", x, y, moved_from=src))
        facts[src].append(_moved_away(x, y, dst))
    for key in sorted(facts):
        old, new = left[key], right[key]
        similar = _pair(old, new, lambda x, y: similarity(x.text, y.text) >= SIMILAR)
        facts[key] += [_fact_change("changed", x, y) for x, y in similar]
    for src, x, dst, y in _reworded_moves(left, right):
        facts[dst].append(_fact_change("moved", x, y, moved_from=src))
        facts[src].append(_moved_away(x, y, dst))
    for key in sorted(facts):
        old, new = left[key], right[key]
        facts[key] += [_one_sided("removed", x, None) for x in old]
        facts[key] += [_one_sided("added", None, y) for y in new]
    return facts


def _referrers(
    pairs: list[Pair], same: list[str], base: Snapshot, head: Snapshot, old: str, new: str
) -> tuple[Referrer, ...]:
    """Entities and pages that referred to ``old`` at BASE and refer to ``new`` at HEAD
    (``same``: the ids of the entities left out of ``pairs``, the same on both sides)."""
    everyone = pairs + [(base.entities[i], head.entities[i]) for i in same]
    found = [
        Referrer(b.kind, b.id)
        for a, b in everyone
        if a and b and a.id != old and old in a.links and new in b.links
    ]
    for slug in sorted(base.pages.keys() & head.pages.keys()):
        if old in XREF.findall(base.pages[slug].body) and new in XREF.findall(
            head.pages[slug].body
        ):
            found.append(Referrer("page", slug))
    return tuple(sorted(found, key=lambda r: (r.kind == "page", r.kind, r.id)))


def _entity_change(
    a: EntityView | None,
    b: EntityView | None,
    facts: list[FactChange],
    referrers: tuple[Referrer, ...],
) -> EntityChange | None:
    """What changed on one entity (``a`` with the renames read in); None when nothing did."""
    one = _either(a, b)
    changed = [f for f in facts if f.status != "changed" or f.words or f.cites or f.fields]
    old_links = a.links if a else frozenset()
    new_links = b.links if b else frozenset()
    fields = field_changes(a.fields if a else (), b.fields if b else ())
    status = (
        "added"
        if a is None
        else "removed"
        if b is None
        else ("renamed" if a.id != b.id else "changed")
    )
    if status == "changed" and not (changed or fields or old_links != new_links):
        return None
    changed.sort(key=lambda f: (ORDER[f.status], f.anchor, f.before, f.after))
    return EntityChange(
        one.id,
        one.kind,
        one.folder,
        one.name,
        status,
        (a or one).id,
        fields,
        tuple(changed),
        tuple(sorted(new_links - old_links)),
        tuple(sorted(old_links - new_links)),
        referrers,
    )


def compare(
    base: Snapshot, head: Snapshot, base_label: str, head_label: str, notes: tuple[str, ...] = ()
) -> DiffReport:
    """What changed in meaning from ``base`` to ``head``."""
    matched, same = _match_entities(base, head)
    renamed: Mapping[str, str] = _renames(matched)
    # The same view on both sides (see ``diffsnap.SnapMemo``) is no change.
    pairs = [(retarget(a, renamed) if a else None, b) for a, b in matched if a is not b]
    facts = _fact_changes(pairs)
    entities = []
    for a, b in pairs:
        referrers = (
            _referrers(matched, same, base, head, a.id, b.id) if a and b and a.id != b.id else ()
        )
        change = _entity_change(a, b, facts[_either(a, b).id], referrers)
        if change is not None:
            entities.append(change)
    entities.sort(key=lambda e: (e.kind, e.id))
    return DiffReport(
        base_label,
        head_label,
        notes,
        tuple(entities),
        source_changes(base, head),
        page_changes(base, head, renamed),
        head.base_url,
        site=field_changes(base.site, head.site),
    )
