"""Two snapshots → a DiffReport of what changed in meaning; never reads or prints.

Entities are matched by id, then an unmatched pair with the same content (or the same kind
and name) is a rename. Facts are matched by ``id``, then by text; a fact that left one
entity and arrived in another is a move; what is left is paired by word similarity into
"changed", and the rest is added or removed. Every list in the report is sorted.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from generator.diffreport import (
    CiteChange,
    DiffReport,
    EntityChange,
    FactChange,
    FieldChange,
    PageChange,
    SourceChange,
)
from generator.diffsnap import CiteView, EntityView, FactView, PageView, Snapshot, SourceView

__all__ = ["compare", "compare_cites", "word_diff"]

SIMILAR = 0.5
"""Word similarity from which an unmatched old and new fact are one fact, changed."""


def word_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """(op, words) runs turning ``before`` into ``after``; empty when they are equal."""
    if before == after:
        return ()
    a, b = before.split(), after.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _fields(
    before: tuple[tuple[str, str], ...], after: tuple[tuple[str, str], ...]
) -> tuple[FieldChange, ...]:
    def grouped(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
        out: dict[str, list[str]] = {}
        for k, v in items:
            out.setdefault(k, []).append(v)
        return {k: "\n".join(sorted(v)) for k, v in out.items()}

    old, new = grouped(before), grouped(after)
    return tuple(
        FieldChange(k, old.get(k, ""), new.get(k, ""))
        for k in sorted(old.keys() | new.keys())
        if old.get(k, "") != new.get(k, "")
    )


def compare_cites(
    before: tuple[CiteView, ...], after: tuple[CiteView, ...]
) -> tuple[CiteChange, ...]:
    """Citations added, removed and retargeted (paired by source, in order)."""
    old, new = list(before), list(after)
    for cite in list(old):
        same = next((c for c in new if c.key == cite.key), None)
        if same is not None:
            old.remove(cite)
            new.remove(same)
    out: list[CiteChange] = []
    for cite in old:
        other = next((c for c in new if c.source == cite.source), None)
        if other is None:
            out.append(CiteChange("removed", cite, None))
        else:
            new.remove(other)
            out.append(CiteChange("retargeted", cite, other))
    out += [CiteChange("added", None, c) for c in new]
    return tuple(out)


def _fact_change(
    status: str, old: FactView | None, new: FactView | None, moved_from: str = ""
) -> FactChange:
    if old is None or new is None:
        only = new if new is not None else old
        if only is None:
            raise ValueError("a fact change needs a side")
        cites = tuple(
            CiteChange(status, c if new is None else None, c if new else None) for c in only.cites
        )
        return FactChange(
            status,
            only.anchor,
            old.text if old else "",
            new.text if new else "",
            (),
            moved_from,
            cites,
            (),
        )
    fields = _fields(
        (
            ("id", old.id or ""),
            ("claimed_by", old.claimed_by),
            ("disputes", ", ".join(old.disputes)),
            ("as_of", old.as_of),
        ),
        (
            ("id", new.id or ""),
            ("claimed_by", new.claimed_by),
            ("disputes", ", ".join(new.disputes)),
            ("as_of", new.as_of),
        ),
    )
    return FactChange(
        status,
        new.anchor,
        old.text,
        new.text,
        word_diff(old.text, new.text),
        moved_from,
        compare_cites(old.cites, new.cites),
        fields,
    )


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


def _match_entities(
    base: Snapshot, head: Snapshot
) -> list[tuple[EntityView | None, EntityView | None]]:
    pairs: list[tuple[EntityView | None, EntityView | None]] = [
        (base.entities[i], head.entities[i]) for i in base.entities.keys() & head.entities.keys()
    ]
    gone = [base.entities[i] for i in sorted(base.entities.keys() - head.entities.keys())]
    came = [head.entities[i] for i in sorted(head.entities.keys() - base.entities.keys())]
    for same in (
        lambda a, b: a.signature == b.signature,
        lambda a, b: (a.kind, a.name) == (b.kind, b.name),
    ):
        for a in list(gone):
            b = next((b for b in came if same(a, b)), None)
            if b is not None:
                gone.remove(a)
                came.remove(b)
                pairs.append((a, b))
    return pairs + [(a, None) for a in gone] + [(None, b) for b in came]


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


def _either(a: EntityView | None, b: EntityView | None) -> EntityView:
    """The HEAD side of an entity pair, or the BASE side when it was removed."""
    if b is not None:
        return b
    if a is None:
        raise ValueError("an entity pair needs a side")
    return a


def compare(
    base: Snapshot, head: Snapshot, base_label: str, head_label: str, notes: tuple[str, ...] = ()
) -> DiffReport:
    """What changed in meaning from ``base`` to ``head``."""
    pairs = _match_entities(base, head)
    left: dict[str, list[FactView]] = {}
    right: dict[str, list[FactView]] = {}
    facts: dict[str, list[FactChange]] = {}
    for a, b in pairs:
        if a is b:
            continue  # the same view on both sides (see ``diffsnap.SnapMemo``): no change
        key = _either(a, b).id
        old, new = list(a.facts if a else ()), list(b.facts if b else ())
        facts[key] = [
            _fact_change("changed", x, y)
            for x, y in _pair(old, new, _by_id) + _pair(old, new, _by_text)
        ]
        left[key], right[key] = old, new
    for src, x, dst, y in _moves(left, right):
        facts[dst].append(_fact_change("moved", x, y, moved_from=src))
    for key in sorted(facts):
        old, new = left[key], right[key]
        similar = _pair(old, new, lambda x, y: _similarity(x.text, y.text) >= SIMILAR)
        facts[key] += [_fact_change("changed", x, y) for x, y in similar]
        facts[key] += [_fact_change("removed", x, None) for x in old]
        facts[key] += [_fact_change("added", None, y) for y in new]
    entities: list[EntityChange] = []
    for a, b in pairs:
        if a is b:
            continue
        one = _either(a, b)
        changed = tuple(
            f for f in facts[one.id] if f.status != "changed" or f.words or f.cites or f.fields
        )
        old_links = a.links if a else frozenset()
        new_links = b.links if b else frozenset()
        fields = _fields(a.fields if a else (), b.fields if b else ())
        status = (
            "added"
            if a is None
            else "removed"
            if b is None
            else ("renamed" if a.id != b.id else "changed")
        )
        if status == "changed" and not (changed or fields or old_links != new_links):
            continue
        order = {"removed": 0, "moved": 1, "changed": 2, "added": 3}
        entities.append(
            EntityChange(
                one.id,
                one.kind,
                one.folder,
                one.name,
                status,
                (a or one).id,
                fields if a and b else (),
                tuple(
                    sorted(changed, key=lambda f: (order[f.status], f.anchor, f.before, f.after))
                ),
                tuple(sorted(new_links - old_links)),
                tuple(sorted(old_links - new_links)),
            )
        )
    entities.sort(key=lambda e: (e.kind, e.id))
    return DiffReport(
        base_label,
        head_label,
        notes,
        tuple(entities),
        _sources(base, head),
        _pages(base, head),
        head.base_url,
    )


def _source_change(a: SourceView | None, b: SourceView | None) -> SourceChange | None:
    one = b if b is not None else a
    if one is None:
        raise ValueError("a change needs a side")
    status = "added" if a is None else "removed" if b is None else "changed"
    old = a.sentences if a else ()
    new = b.sentences if b else ()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    fields = _fields(a.fields, b.fields) if a and b else ()
    cov_a, cov_b = (a.coverage if a else None), (b.coverage if b else None)
    if status == "changed" and not (fields or added or removed or cov_a != cov_b):
        return None
    return SourceChange(one.id, status, fields, tuple(added), tuple(removed), cov_a, cov_b)


def _sources(base: Snapshot, head: Snapshot) -> tuple[SourceChange, ...]:
    ids = sorted(base.sources.keys() | head.sources.keys())
    changes = (_source_change(base.sources.get(i), head.sources.get(i)) for i in ids)
    return tuple(c for c in changes if c is not None)


def _page_change(a: PageView | None, b: PageView | None) -> PageChange | None:
    one = b if b is not None else a
    if one is None:
        raise ValueError("a change needs a side")
    status = "added" if a is None else "removed" if b is None else "changed"
    fields = (
        _fields(
            (("title", a.title), ("order", str(a.order))),
            (("title", b.title), ("order", str(b.order))),
        )
        if a and b
        else ()
    )
    words = word_diff(a.body, b.body) if a and b else ()
    cites = compare_cites(a.cites if a else (), b.cites if b else ())
    if status == "changed" and not (fields or words or cites):
        return None
    return PageChange(one.slug, status, fields, words, cites)


def _pages(base: Snapshot, head: Snapshot) -> tuple[PageChange, ...]:
    slugs = sorted(base.pages.keys() | head.pages.keys())
    changes = (_page_change(base.pages.get(s), head.pages.get(s)) for s in slugs)
    return tuple(c for c in changes if c is not None)
