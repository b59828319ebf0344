"""The values a diff reports: what changed on each entity, fact, citation, source and page.

Plain frozen values, with no behaviour beyond a few properties; ``diffcompare`` makes them and
``diffformat`` prints them. The JSON output (docs/diff-json.md) is these, field for field.
"""

from __future__ import annotations

from msgspec import Struct

from generator.diagnostics import Diagnostic
from generator.diffsnap import CiteView

__all__ = [
    "BrokenCite",
    "CiteChange",
    "DiffReport",
    "EntityChange",
    "FactChange",
    "FieldChange",
    "PageChange",
    "Referrer",
    "Shift",
    "SourceChange",
]


class FieldChange(Struct, frozen=True):
    field: str
    before: str
    after: str


class CiteChange(Struct, frozen=True):
    status: str
    """``added``, ``removed`` or ``retargeted`` (same source, other words or sentences)."""
    before: CiteView | None
    after: CiteView | None


class FactChange(Struct, frozen=True):
    status: str
    """``added``, ``removed``, ``changed`` or ``moved``."""
    anchor: str
    """The fact's anchor on the side that has it: HEAD when both, except on the entity a
    fact moved away from (its anchor there, at BASE)."""
    before: str
    """Old text (empty when added)."""
    after: str
    """New text (empty when removed)."""
    words: tuple[tuple[str, str], ...]
    """Word diff of the text: (``=``/``-``/``+``, words); empty when the text is unchanged."""
    moved_from: str
    """For a move, on the entity it arrived on: the entity it came from."""
    moved_to: str
    """For a move, on the entity it left: the entity it went to."""
    cites: tuple[CiteChange, ...]
    fields: tuple[FieldChange, ...]
    """``id``, ``claimed_by``, ``disputes``, ``as_of``."""


class EntityChange(Struct, frozen=True):
    id: str
    kind: str
    folder: str
    name: str
    status: str
    """``added``, ``removed``, ``renamed`` or ``changed``."""
    old_id: str
    """The id at BASE (differs from ``id`` only for a rename)."""
    fields: tuple[FieldChange, ...]
    facts: tuple[FactChange, ...]
    links_added: tuple[str, ...]
    links_removed: tuple[str, ...]
    references_updated: tuple[Referrer, ...]
    """For a rename: the entities and pages whose references to ``old_id`` now name ``id``
    (those edits are part of the rename and are not shown on them)."""


class Referrer(Struct, frozen=True):
    kind: str
    """``actor``, ``province``, ``event`` or ``page``."""
    id: str
    """The entity's id or the page's slug."""


class Shift(Struct, frozen=True):
    """Sentences ``s<first>…s<last>`` at BASE are ``s<first+by>…s<last+by>`` at HEAD, with
    the same text."""

    first: int
    last: int
    by: int


class SourceChange(Struct, frozen=True):
    id: str
    status: str
    """``added``, ``removed`` or ``changed``."""
    fields: tuple[FieldChange, ...]
    sentences_added: tuple[str, ...]
    sentences_removed: tuple[str, ...]
    coverage_before: tuple[int, int] | None
    coverage_after: tuple[int, int] | None
    shifted: tuple[Shift, ...]
    """Runs of unchanged sentences whose ids changed."""


class BrokenCite(Struct, frozen=True):
    """A citation, as written and unchanged, that a change to its source's text broke: it
    resolved at BASE and at HEAD no longer resolves, or (written ``source#sN``) now cites a
    sentence with other words."""

    source: str
    kind: str
    """Who cites: ``actor``, ``province``, ``event`` or ``page``."""
    owner: str
    """The entity's id or the page's slug."""
    anchor: str
    """Where on its page: ``fact-3``, ``relations``, ``affiliations``, ``dates``; empty for a
    page."""
    label: str
    """In words: ``National Resistance Front of Afghanistan, fact 3``."""
    quote: str | None
    """The quote as written, or None for the ``source#sN`` shorthand."""
    sentence: int | None
    """N of the shorthand, or None for a quote."""
    location: str
    """``path:line:col`` of the citation at HEAD."""
    before: CiteView
    """What it cited at BASE."""
    after: CiteView | None
    """What it cites at HEAD; None when it no longer resolves."""
    problem: str
    """HEAD's diagnostic for it (message and hint), when it no longer resolves."""


class PageChange(Struct, frozen=True):
    slug: str
    status: str
    fields: tuple[FieldChange, ...]
    words: tuple[tuple[str, str], ...]
    """Word diff of the body."""
    cites: tuple[CiteChange, ...]


class DiffReport(Struct, frozen=True):
    base: str
    head: str
    notes: tuple[str, ...]
    entities: tuple[EntityChange, ...]
    sources: tuple[SourceChange, ...]
    pages: tuple[PageChange, ...]
    base_url: str
    head_errors: tuple[Diagnostic, ...] = ()
    """HEAD's errors; when there are any, HEAD is not compared (the changes are empty)."""
    broken_citations: tuple[BrokenCite, ...] = ()
    site: tuple[FieldChange, ...] = ()
    """Settings of ``site.yaml`` that changed (they show on every page)."""

    @property
    def empty(self) -> bool:
        return not (
            self.entities or self.sources or self.pages or self.broken_citations or self.site
        )
