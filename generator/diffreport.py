"""The values a diff reports: what changed on each entity, fact, citation, source and page.

Plain frozen values, with no behaviour beyond a few properties; ``diffcompare`` makes them and
``diffformat`` prints them. The JSON output (docs/diff-json.md) is these, field for field.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diffsnap import CiteView

__all__ = [
    "CiteChange",
    "DiffReport",
    "EntityChange",
    "FactChange",
    "FieldChange",
    "PageChange",
    "SourceChange",
]


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class CiteChange:
    status: str
    """``added``, ``removed`` or ``retargeted`` (same source, other words or sentences)."""
    before: CiteView | None
    after: CiteView | None


@dataclass(frozen=True, slots=True)
class FactChange:
    status: str
    """``added``, ``removed``, ``changed`` or ``moved``."""
    anchor: str
    """The fact's anchor on the side that has it (HEAD when both)."""
    before: str
    """Old text (empty when added)."""
    after: str
    """New text (empty when removed)."""
    words: tuple[tuple[str, str], ...]
    """Word diff of the text: (``=``/``-``/``+``, words); empty when the text is unchanged."""
    moved_from: str
    """The entity it was on, for a move."""
    cites: tuple[CiteChange, ...]
    fields: tuple[FieldChange, ...]
    """``id``, ``claimed_by``, ``disputes``, ``as_of``."""


@dataclass(frozen=True, slots=True)
class EntityChange:
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


@dataclass(frozen=True, slots=True)
class SourceChange:
    id: str
    status: str
    """``added``, ``removed`` or ``changed``."""
    fields: tuple[FieldChange, ...]
    sentences_added: tuple[str, ...]
    sentences_removed: tuple[str, ...]
    coverage_before: tuple[int, int] | None
    coverage_after: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class PageChange:
    slug: str
    status: str
    fields: tuple[FieldChange, ...]
    words: tuple[tuple[str, str], ...]
    """Word diff of the body."""
    cites: tuple[CiteChange, ...]


@dataclass(frozen=True, slots=True)
class DiffReport:
    base: str
    head: str
    notes: tuple[str, ...]
    entities: tuple[EntityChange, ...]
    sources: tuple[SourceChange, ...]
    pages: tuple[PageChange, ...]
    base_url: str

    @property
    def empty(self) -> bool:
        return not (self.entities or self.sources or self.pages)
