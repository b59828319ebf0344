"""DiffReport → text: Markdown for a pull-request comment, plain text for a terminal, or the
versioned JSON of docs/diff-json.md; never prints.

Every format opens with the same plain-words summary ("3 facts changed on 2 actors; …").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass

from generator.diffcompare import word_diff
from generator.diffreport import CiteChange, DiffReport, EntityChange, FactChange, FieldChange
from generator.diffsnap import CiteView

__all__ = ["JSON_VERSION", "format_json", "format_markdown", "format_text", "summarise"]

JSON_VERSION = 1
FOLD_AFTER = 8
"""Lists longer than this are folded in ``<details>`` in Markdown."""
NO_CHANGES = "No changes to the facts."


def _n(count: int, noun: str) -> str:
    plural = {"entity": "entities", "citation": "citations"}.get(noun, noun + "s")
    return f"{count} {noun if count == 1 else plural}"


def _percent(cov: tuple[int, int]) -> int:
    cited, total = cov
    return 100 * cited // total if total else 100


def _on(kinds: list[str]) -> str:
    """``2 actors`` or ``3 entities`` for the entities concerned."""
    distinct = set(kinds)
    return _n(len(kinds), distinct.pop() if len(distinct) == 1 else "entity")


def _content_cites(report: DiffReport) -> list[CiteChange]:
    cites = [c for p in report.pages for c in p.cites]
    for e in report.entities:
        for f in e.facts:
            if f.status in ("changed", "moved"):
                cites += f.cites
    return cites


def summarise(report: DiffReport) -> str:
    """The first paragraph: what changed, in plain words."""
    parts: list[str] = []
    for status in ("added", "removed", "renamed"):
        kinds = Counter(e.kind for e in report.entities if e.status == status)
        parts += [f"{_n(n, kind)} {status}" for kind, n in sorted(kinds.items())]
    for status in ("changed", "added", "removed", "moved"):
        on = [
            (e.kind, e.id)
            for e in report.entities
            if e.status in ("changed", "renamed")
            for f in e.facts
            if f.status == status
        ]
        if on:
            holders = sorted(set(on))
            parts.append(f"{_n(len(on), 'fact')} {status} on {_on([k for k, _ in holders])}")
    fielded = [e.kind for e in report.entities if e.status in ("changed", "renamed") and e.fields]
    if fielded:
        parts.append(f"fields changed on {_on(fielded)}")
    claims = Counter(fc.field for e in report.entities for f in e.facts for fc in f.fields)
    parts += [f"{name} changed on {_n(n, 'fact')}" for name, n in sorted(claims.items())]
    cites = Counter(c.status for c in _content_cites(report))
    if cites["retargeted"]:
        n = cites["retargeted"]
        verb = "now points to a different sentence" if n == 1 else "now point to other sentences"
        parts.append(f"{_n(n, 'citation')} {verb}")
    parts += [f"{_n(cites[s], 'citation')} {s}" for s in ("added", "removed") if cites[s]]
    linked = [e for e in report.entities if e.status in ("changed", "renamed")]
    for label, count in (
        ("added", sum(len(e.links_added) for e in linked)),
        ("removed", sum(len(e.links_removed) for e in linked)),
    ):
        if count:
            parts.append(f"{_n(count, 'cross-link')} {label}")
    for s in report.sources:
        if s.status != "changed":
            parts.append(f"source {s.id} {s.status}")
            continue
        if s.sentences_added or s.sentences_removed:
            parts.append(
                f"sentences of {s.id} changed (+{len(s.sentences_added)} "
                f"−{len(s.sentences_removed)})"
            )
        if s.coverage_before and s.coverage_after:
            a, b = _percent(s.coverage_before), _percent(s.coverage_after)
            if a != b:
                parts.append(
                    f"coverage of {s.id} {'fell' if b < a else 'rose'} from {a} % to {b} %"
                )
    parts += [f"page {p.slug} {p.status}" for p in report.pages]
    if not parts:
        return NO_CHANGES
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


@dataclass(frozen=True, slots=True)
class _Style:
    code: Callable[[str], str]
    ins: Callable[[str], str]
    dele: Callable[[str], str]
    bullet: str


MARKDOWN = _Style(lambda s: f"`{s}`", lambda s: f"**{s}**", lambda s: f"~~{s}~~", "- ")
TEXT = _Style(lambda s: s, lambda s: "{+" + s + "+}", lambda s: "[-" + s + "-]", "  ")


def _words(words: tuple[tuple[str, str], ...], st: _Style) -> str:
    show = {"=": lambda s: s, "-": st.dele, "+": st.ins}
    return " ".join(show[op](w) for op, w in words)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cite(c: CiteView | None, st: _Style) -> str:
    if c is None:
        return ""
    said = " / ".join(_one_line(t) for t in c.sentence_texts)
    return f"{st.code(c.label)} “{said}”"


def _cite_line(c: CiteChange, st: _Style) -> str:
    if c.status == "retargeted":
        return f"citation retargeted: {_cite(c.before, st)} → {_cite(c.after, st)}"
    return f"citation {c.status}: {_cite(c.after or c.before, st)}"


def _field_line(f: FieldChange, st: _Style) -> str:
    before, after = _one_line(f.before) or "(none)", _one_line(f.after) or "(none)"
    if len(before) > 60 or len(after) > 60:
        return f"{f.field}: {_words(word_diff(f.before, f.after), st)}"
    return f"{f.field}: {before} → {after}"


def _fact_lines(f: FactChange, st: _Style) -> list[str]:
    where = st.code(f.anchor)
    if f.status == "added":
        head = f"fact {where} added: {_one_line(f.after)}"
    elif f.status == "removed":
        head = f"fact removed: {_one_line(f.before)}"
    else:
        moved = f" (moved from {st.code(f.moved_from)})" if f.status == "moved" else ""
        text = _words(f.words, st) if f.words else _one_line(f.after)
        head = f"fact {where} {'moved' if moved else 'changed'}{moved}: {text}"
    sub = [_field_line(x, st) for x in f.fields]
    if f.status in ("changed", "moved"):
        sub += [_cite_line(c, st) for c in f.cites]
    return [head] + [f"  {st.bullet}{s}" for s in sub]


def _entity_lines(e: EntityChange, st: _Style) -> list[str]:
    lines: list[str] = []
    if e.status == "renamed":
        lines.append(f"renamed from {st.code(e.old_id)}")
    lines += [_field_line(f, st) for f in e.fields]
    for f in e.facts:
        lines += _fact_lines(f, st)
    if e.links_added:
        lines.append("links added: " + ", ".join(st.code("@" + x) for x in e.links_added))
    if e.links_removed:
        lines.append("links removed: " + ", ".join(st.code("@" + x) for x in e.links_removed))
    return lines


def _bullets(lines: list[str], st: _Style, fold: bool) -> list[str]:
    items = [line if line.startswith("  ") else st.bullet + line for line in lines]
    if fold and sum(1 for line in lines if not line.startswith("  ")) > FOLD_AFTER:
        return [
            "<details>",
            f"<summary>{len(lines)} changes</summary>",
            "",
            *items,
            "",
            "</details>",
        ]
    return items


def _sections(report: DiffReport, st: _Style, markdown: bool) -> list[str]:
    out: list[str] = []
    base_url = report.base_url.rstrip("/")
    for e in report.entities:
        title = f"{e.kind} {st.code(e.id)} ({e.name}): {e.status}"
        if markdown and base_url and e.status != "removed":
            link = f"[{e.name}]({base_url}/{e.folder}/{e.id}.html)"
            title = f"{e.kind} {link} {st.code(e.id)}: {e.status}"
        out += ["", ("### " if markdown else "") + title]
        if e.status in ("added", "removed"):
            out += _bullets([f"{len(e.facts)} facts"], st, markdown)
        else:
            out += _bullets(_entity_lines(e, st), st, markdown)
    for s in report.sources:
        out += ["", ("### " if markdown else "") + f"source {st.code(s.id)}: {s.status}"]
        lines = [_field_line(f, st) for f in s.fields]
        if s.coverage_before and s.coverage_after:
            lines.append(
                f"coverage: {_percent(s.coverage_before)} % → {_percent(s.coverage_after)} %"
            )
        lines += [f"sentence removed: “{_one_line(x)}”" for x in s.sentences_removed]
        lines += [f"sentence added: “{_one_line(x)}”" for x in s.sentences_added]
        out += _bullets(lines, st, markdown)
    for p in report.pages:
        out += ["", ("### " if markdown else "") + f"page {st.code(p.slug)}: {p.status}"]
        lines = [_field_line(f, st) for f in p.fields]
        if p.words:
            lines.append("text: " + _words(tuple(w for w in p.words if w[0] != "="), st))
        lines += [_cite_line(c, st) for c in p.cites]
        out += _bullets(lines, st, markdown)
    return out


def format_markdown(report: DiffReport) -> str:
    """A pull-request comment."""
    lines = [f"**Explainer diff** `{report.base}` → `{report.head}`", "", summarise(report)]
    lines += [f"\n> {note}" for note in report.notes]
    lines += _sections(report, MARKDOWN, markdown=True)
    return "\n".join(lines) + "\n"


def format_text(report: DiffReport) -> str:
    """For a terminal: the same content, without Markdown."""
    lines = [f"explainer diff {report.base} → {report.head}", "", summarise(report)]
    lines += [f"note: {note}" for note in report.notes]
    lines += _sections(report, TEXT, markdown=False)
    return "\n".join(lines) + "\n"


def format_json(report: DiffReport) -> str:
    """The versioned JSON of docs/diff-json.md."""
    payload = {"version": JSON_VERSION, "summary": summarise(report), **asdict(report)}
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
