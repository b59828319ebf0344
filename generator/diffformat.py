"""DiffReport → text: Markdown for a pull-request comment, plain text for a terminal, or the
versioned JSON of docs/diff-json.md; never prints.

Every format opens with the same plain-words summary (:mod:`generator.diffsummary`). When
HEAD has errors, its errors come next, then the citations a source change broke. Markdown
shows the content's own words inert: Markdown in them is escaped, and a word that GitHub
would turn into a mention or a reference (``@name``, ``#12``), or a cross-reference
``[text](@id)``, is shown as code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from msgspec import Struct, to_builtins

from generator.diagnostics import format_json as diagnostics_json
from generator.diagnostics import format_text as diagnostics_text
from generator.diffreport import (
    BrokenCite,
    CiteChange,
    DiffReport,
    EntityChange,
    FactChange,
    FieldChange,
    SourceChange,
)
from generator.diffsnap import CiteView
from generator.diffsummary import summarise
from generator.diffwords import word_diff, words_of
from generator.model import coverage_percent

__all__ = ["JSON_VERSION", "format_json", "format_markdown", "format_text", "summarise"]

JSON_VERSION = 2
FOLD_AFTER = 8
"""Lists longer than this are folded in ``<details>`` in Markdown."""
CONTEXT = 6
"""Unchanged words shown either side of a change in a page's text."""
INERT = re.compile(r"@|#[0-9]|\]\(")
"""A word holding one of these is shown as code in Markdown: GitHub would make a mention or
a reference of it, or it is a link."""
ESCAPE = re.compile(r"[\\`*~]|<(?=[A-Za-z/!?])|&(?=[A-Za-z#])|^_|_$")
"""What is escaped in the other words: what could start emphasis, code, strike-through, an
HTML tag or an entity (an ``_`` inside a word cannot)."""


def _code(text: str) -> str:
    """A Markdown code span that holds ``text`` whatever backticks it has."""
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{'`' * ticks}{pad}{text}{pad}{'`' * ticks}"


def _md_prose(text: str) -> str:
    """The content's words on one line, inert in Markdown."""
    return " ".join(
        _code(w) if INERT.search(w) else ESCAPE.sub(lambda m: "\\" + m[0], w)
        for w in words_of(text)
    )


class _Style(Struct, frozen=True):
    code: Callable[[str], str]
    prose: Callable[[str], str]
    """The content's words, on one line."""
    ins: Callable[[str], str]
    dele: Callable[[str], str]
    heading: str
    markdown: bool


MARKDOWN = _Style(_code, _md_prose, lambda s: f"**{s}**", lambda s: f"~~{s}~~", "### ", True)
TEXT = _Style(
    lambda s: s,
    lambda s: " ".join(s.split()),
    lambda s: "{+" + s + "+}",
    lambda s: "[-" + s + "-]",
    "",
    False,
)


def _words(words: tuple[tuple[str, str], ...], st: _Style) -> str:
    show = {"=": lambda s: s, "-": st.dele, "+": st.ins}
    return " ".join(show[op](st.prose(w)) for op, w in words)


def _excerpts(
    words: tuple[tuple[str, str], ...], context: int = CONTEXT
) -> list[tuple[tuple[str, str], ...]]:
    """A long text's word diff as one excerpt per place that changed, with a few unchanged
    words either side (``…`` where words are left out)."""
    parts: list[list[tuple[str, str]]] = [[]]
    for i, (op, run) in enumerate(words):
        if op != "=":
            parts[-1].append((op, run))
            continue
        kept = words_of(run)
        first, last = i == 0, i == len(words) - 1
        if len(kept) <= 2 * context and not (first or last):
            parts[-1].append((op, run))
            continue
        if not first:
            parts[-1].append(
                ("=", " ".join(kept[:context]) + (" …" if len(kept) > context else ""))
            )
        if not last:
            if not first:
                parts.append([])
            lead = "… " if len(kept) > context else ""
            parts[-1].append(("=", lead + " ".join(kept[-context:])))
    return [tuple(p) for p in parts if any(op != "=" for op, _ in p)]


def _cite(c: CiteView, st: _Style) -> str:
    said = " / ".join(st.prose(t) for t in c.sentence_texts)
    return f"{st.code(c.label)} “{said}”"


def _cite_line(c: CiteChange, st: _Style) -> str:
    if c.before and c.after:
        return f"citation retargeted: {_cite(c.before, st)} → {_cite(c.after, st)}"
    one = c.after or c.before
    return f"citation {c.status}: {_cite(one, st)}" if one else f"citation {c.status}"


def _field_line(f: FieldChange, st: _Style) -> str:
    before, after = st.prose(f.before) or "(none)", st.prose(f.after) or "(none)"
    if len(f.before) > 60 or len(f.after) > 60:
        return f"{f.field}: {_words(word_diff(f.before, f.after), st)}"
    return f"{f.field}: {before} → {after}"


def _field_lines(f: FieldChange, st: _Style) -> list[str]:
    """A field's change; a field given several times (relations, affiliations) by the values
    that went and came, a pair of them word by word."""
    old, new = f.before.splitlines(), f.after.splitlines()
    if len(old) <= 1 and len(new) <= 1:
        return [_field_line(f, st)]
    gone, came = [x for x in old if x not in new], [x for x in new if x not in old]
    if len(gone) == 1 and len(came) == 1:
        return [_field_line(FieldChange(f.field, gone[0], came[0]), st)]
    return [f"{f.field} removed: {st.prose(x)}" for x in gone] + [
        f"{f.field} added: {st.prose(x)}" for x in came
    ]


def _sub(lines: list[str]) -> list[str]:
    """Lines under the line before (indented; ``_bullets`` makes them bullets)."""
    return [f"  {line}" for line in lines]


def _fact_lines(f: FactChange, st: _Style) -> list[str]:
    where = st.code(f.anchor)
    if f.status == "added":
        cites = [f"cites {_cite(c.after, st)}" for c in f.cites if c.after]
        return [f"fact {where} added: {st.prose(f.after)}", *_sub(cites)]
    if f.status == "removed":
        return [f"fact {where} removed: {st.prose(f.before)}"]
    if f.moved_to:
        return [f"fact {where} moved to {st.code(f.moved_to)}: {st.prose(f.before)}"]
    text = _words(f.words, st) if f.words else st.prose(f.after)
    verb = f"moved from {st.code(f.moved_from)}" if f.moved_from else "changed"
    sub = [_field_line(x, st) for x in f.fields] + [_cite_line(c, st) for c in f.cites]
    return [f"fact {where} {verb}: {text}", *_sub(sub)]


def _entity_lines(e: EntityChange, st: _Style) -> list[str]:
    lines: list[str] = []
    if e.references_updated:
        refs = ", ".join(f"{r.kind} {st.code(r.id)}" for r in e.references_updated)
        lines.append(f"references to it updated on: {refs}")
    for field in e.fields:
        if e.status == "added":  # what it holds besides its name and facts
            values = field.after.splitlines() if field.field != "name" else []
            lines += [f"{field.field}: {st.prose(value)}" for value in values]
        elif e.status != "removed":
            lines += _field_lines(field, st)
    for f in e.facts:
        lines += _fact_lines(f, st)
    if e.links_added and e.status != "added":
        lines.append("links added: " + ", ".join(st.code("@" + x) for x in e.links_added))
    if e.links_removed and e.status != "removed":
        lines.append("links removed: " + ", ".join(st.code("@" + x) for x in e.links_removed))
    return lines


def _bullets(lines: list[str], st: _Style, noun: str = "changes") -> list[str]:
    """Lines as a list (a line that starts with two spaces goes under the one before), folded
    in ``<details>`` in Markdown when it is long."""
    bullet = "- " if st.markdown else "  "
    items = [f"  {bullet}{line[2:]}" if line.startswith("  ") else bullet + line for line in lines]
    count = sum(1 for line in lines if not line.startswith("  "))
    if st.markdown and count > FOLD_AFTER:
        return _folded(f"{count} {noun}", items)
    return items


def _folded(summary: str, lines: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *lines, "", "</details>"]


def _errors(report: DiffReport, st: _Style) -> list[str]:
    """HEAD's errors, as ``explainer check`` prints them."""
    shown = diagnostics_text(report.head_errors).rstrip("\n").splitlines()
    out = ["", f"{st.heading}Errors at {st.code(report.head)}"]
    if not st.markdown:  # a terminal shows them just above, on standard error
        return [*out, "  printed above, as 'explainer check' prints them"]
    fence = "`" * max([3, *(len(m) + 1 for m in re.findall(r"`+", "\n".join(shown)))])
    block = [fence, *shown, fence]
    count = len(report.head_errors)
    return out + [""] + (_folded(f"{count} errors", block) if count > FOLD_AFTER else block)


def _title(st: _Style, base_url: str, kind: str, ident: str, name: str, path: str) -> str:
    """``actor `nrf` (National Resistance Front)``, linked to its page when there is a URL."""
    if st.markdown and base_url and path:
        if not name:
            return f"{kind} [{st.code(ident)}]({base_url}/{path})"
        return f"{kind} [{st.prose(name)}]({base_url}/{path}) {st.code(ident)}"
    return f"{kind} {st.code(ident)}" + (f" ({st.prose(name)})" if name else "")


def _broken_lines(c: BrokenCite, st: _Style, base: str, head: str) -> list[str]:
    what = (
        f"quotes “{st.prose(c.quote)}”"
        if c.quote is not None
        else f"cites {st.code(f'{c.source}#s{c.sentence}')}"
    )
    now = (
        f"at {st.code(head)}: {st.prose(c.problem) or 'it does not resolve'}"
        if c.after is None
        else f"at {st.code(head)} it cites {_cite(c.after, st)}"
    )
    where = f"{c.kind} {st.code(c.owner)}" + (f", {st.code(c.anchor)}" if c.anchor else "")
    return [
        f"{st.prose(c.label)} ({where}) {what}",
        f"  at {st.code(base)} it cited {_cite(c.before, st)}",
        f"  {now}",
        f"  written at {st.code(c.location)}",
    ]


def _source_lines(s: SourceChange, st: _Style) -> list[str]:
    lines = [_field_line(f, st) for f in s.fields]
    if s.coverage_before and s.coverage_after:
        before, after = coverage_percent(*s.coverage_before), coverage_percent(*s.coverage_after)
        lines.append(f"coverage: {before} % → {after} %")
    lines += [f"sentence removed: “{st.prose(x)}”" for x in s.sentences_removed]
    lines += [f"sentence added: “{st.prose(x)}”" for x in s.sentences_added]
    for shift in s.shifted:
        if shift.first == shift.last:
            lines.append(f"sentence id shifted: s{shift.first} is now s{shift.first + shift.by}")
        else:
            old, new = (f"s{shift.first + d}–s{shift.last + d}" for d in (0, shift.by))
            lines.append(f"sentence ids shifted: {old} are now {new}")
    return lines


def _sections(report: DiffReport, st: _Style) -> list[str]:
    out: list[str] = []
    url = report.base_url.rstrip("/")
    if report.head_errors:
        out += _errors(report, st)
    for source in sorted({c.source for c in report.broken_citations}):
        title = _title(st, url, "source", source, "", f"sources/{source}.html")
        out += ["", f"{st.heading}Citations broken by the change to {title}"]
        lines: list[str] = []
        for c in report.broken_citations:
            if c.source == source:
                lines += _broken_lines(c, st, report.base, report.head)
        out += _bullets(lines, st, "citations")
    if report.site:
        out += ["", f"{st.heading}Site settings ({st.code('content/site.yaml')}): changed"]
        out += _bullets([_field_line(f, st) for f in report.site], st)
    for e in report.entities:
        title = _title(st, url if e.status != "removed" else "", e.kind, e.id, e.name,
                       f"{e.folder}/{e.id}.html")  # fmt: skip
        status = f"renamed from {st.code(e.old_id)}" if e.status == "renamed" else e.status
        out += ["", f"{st.heading}{title}: {status}"]
        out += _bullets(_entity_lines(e, st), st)
    for s in report.sources:
        title = _title(st, url if s.status != "removed" else "", "source", s.id, "",
                       f"sources/{s.id}.html")  # fmt: skip
        out += ["", f"{st.heading}{title}: {s.status}"]
        out += _bullets(_source_lines(s, st), st)
    for p in report.pages:
        title = _title(st, url if p.status != "removed" else "", "page", p.slug, "",
                       f"pages/{p.slug}.html")  # fmt: skip
        out += ["", f"{st.heading}{title}: {p.status}"]
        lines = [_field_line(f, st) for f in p.fields]
        lines += [f"text: {_words(part, st)}" for part in _excerpts(p.words)]
        lines += [_cite_line(c, st) for c in p.cites]
        out += _bullets(lines, st)
    return out


def format_markdown(report: DiffReport) -> str:
    """A pull-request comment."""
    lines = [f"**Explainer diff** {_code(report.base)} → {_code(report.head)}", ""]
    lines.append(_md_prose(summarise(report)))
    lines += [f"\n> {_md_prose(note)}" for note in report.notes]
    lines += _sections(report, MARKDOWN)
    return "\n".join(lines) + "\n"


def format_text(report: DiffReport) -> str:
    """For a terminal: the same content, without Markdown."""
    lines = [f"explainer diff {report.base} → {report.head}", "", summarise(report)]
    lines += [f"note: {note}" for note in report.notes]
    lines += _sections(report, TEXT)
    return "\n".join(lines) + "\n"


def format_json(report: DiffReport) -> str:
    """The versioned JSON of docs/diff-json.md."""
    payload = {"version": JSON_VERSION, "summary": summarise(report), **to_builtins(report)}
    # each error in the shape of docs/check-json.md, made by the code that makes that
    payload["head_errors"] = json.loads(diagnostics_json(report.head_errors))["diagnostics"]
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
