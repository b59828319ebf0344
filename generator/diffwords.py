"""The small comparisons a diff is made of: words of Markdown, field values, citation lists;
pure functions on plain values, shared by :mod:`generator.diffcompare` (entities and facts),
:mod:`generator.diffsources` (sources and pages) and :mod:`generator.diffformat`.
"""

from __future__ import annotations

import difflib
import re

from generator.diffreport import CiteChange, FieldChange
from generator.diffsnap import CiteView

__all__ = ["compare_cites", "field_changes", "similarity", "word_diff", "words_of"]

WORD = re.compile(r"\S*\[[^\]]*\]\(@[^)\s]*\)\S*|\S+")
"""A word of Markdown: a cross-reference ``[a few words](@id)`` counts as one, so that a diff
never splits it (and a changed target shows as the whole reference replaced)."""


def words_of(text: str) -> list[str]:
    """The words of ``text``: runs of non-space, a cross-reference with what touches it."""
    return WORD.findall(text)


def word_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """(op, words) runs turning ``before`` into ``after``; empty when they are equal."""
    if before == after:
        return ()
    a, b = words_of(before), words_of(after)
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


def similarity(a: str, b: str) -> float:
    """How alike two texts are, word for word, from 0 to 1."""
    return difflib.SequenceMatcher(None, words_of(a), words_of(b), autojunk=False).ratio()


def field_changes(
    before: tuple[tuple[str, str], ...], after: tuple[tuple[str, str], ...]
) -> tuple[FieldChange, ...]:
    """The fields whose value differs, sorted by name; a field given several times (relations,
    affiliations) is compared as its values sorted and joined by newlines."""

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
