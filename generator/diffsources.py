"""Two snapshots → what changed in their sources and narrative pages; never reads or prints.

A source changes by its metadata, its sentences (added, removed, and the ids of those that
stayed but moved along) and its coverage; a page by its title, order, text and citation
marks. Sentences are compared by their text, so a sentence that only got a new id is no
change of its own: it shows as a shift.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from generator.diffreport import PageChange, Shift, SourceChange
from generator.diffsnap import PageView, Snapshot, SourceView, retarget_text
from generator.diffwords import compare_cites, field_changes, word_diff

__all__ = ["page_changes", "source_changes"]


def _status(a: object | None, b: object | None) -> str:
    if a is None and b is None:
        raise ValueError("a change needs a side")
    return "added" if a is None else "removed" if b is None else "changed"


def _source_change(a: SourceView | None, b: SourceView | None) -> SourceChange | None:
    status = _status(a, b)
    one = b or a
    old = a.sentences if a else ()
    new = b.sentences if b else ()
    removed: list[str] = []
    added: list[str] = []
    shifted: list[Shift] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
        elif j1 != i1:
            shifted.append(Shift(i1 + 1, i2, j1 - i1))
    fields = field_changes(a.fields, b.fields) if a and b else ()
    cov_a, cov_b = (a.coverage if a else None), (b.coverage if b else None)
    if status == "changed" and not (fields or added or removed or cov_a != cov_b):
        return None
    return SourceChange(
        one.id if one else "",
        status,
        fields,
        tuple(added),
        tuple(removed),
        cov_a,
        cov_b,
        tuple(shifted) if a and b else (),
    )


def source_changes(base: Snapshot, head: Snapshot) -> tuple[SourceChange, ...]:
    """Sources added, removed or changed, by id."""
    ids = sorted(base.sources.keys() | head.sources.keys())
    changes = (_source_change(base.sources.get(i), head.sources.get(i)) for i in ids)
    return tuple(c for c in changes if c is not None)


def _page_change(a: PageView | None, b: PageView | None) -> PageChange | None:
    status = _status(a, b)
    one = b or a
    fields = (
        field_changes(
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
    return PageChange(one.slug if one else "", status, fields, words, cites)


def page_changes(
    base: Snapshot, head: Snapshot, renamed: Mapping[str, str]
) -> tuple[PageChange, ...]:
    """Pages added, removed or changed, by slug; a cross-reference to a renamed entity
    (``renamed``: old id → new id) that now names the new id is no change."""
    slugs = sorted(base.pages.keys() | head.pages.keys())
    changes = []
    for slug in slugs:
        a, b = base.pages.get(slug), head.pages.get(slug)
        if a is not None and renamed:
            a = PageView(a.slug, a.title, a.order, retarget_text(a.body, renamed), a.cites)
        changes.append(_page_change(a, b))
    return tuple(c for c in changes if c is not None)
