"""memo: what one check leaves for the next to reuse, stage by stage (``CheckMemo``).

``diff`` shares one between the two revisions it checks, ``serve`` keeps one across
rebuilds, and ``cache`` keeps one on disk between runs.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from generator.citations import CiteMemo
from generator.link import LinkMemo
from generator.memotable import MemoTable
from generator.model import CiteSpec, Page, Sentence
from generator.raw import LoadMemo
from generator.segment import segment
from generator.validate import ValidateMemo, page_cites

__all__ = ["CheckMemo"]


class CheckMemo(Struct):
    """Work that later checks reuse, stage by stage: a file with the same bytes is parsed and
    validated once, a source text is split and indexed once, a citation is resolved once
    against it, an entity's references are checked once (while what they name stays).
    ``diff`` checks two revisions of one project with one memo, so that what they share is
    checked once; ``serve`` keeps one across rebuilds; ``cache`` keeps one on disk between
    runs. :meth:`prune` forgets what the checks
    since the last prune did not use, so that a memo never grows past what a project holds."""

    load: LoadMemo = field(default_factory=LoadMemo)
    validate: ValidateMemo = field(default_factory=ValidateMemo)
    sentences: MemoTable[str, tuple[Sentence, ...]] = field(default_factory=MemoTable)
    marks: MemoTable[tuple[str, int, str], tuple[CiteSpec, ...]] = field(default_factory=MemoTable)
    """A page's citation marks, by its path, first line of body and body (the citations must
    be the same objects in every run: ``cite`` knows them by identity)."""
    cite: CiteMemo = field(default_factory=CiteMemo)
    link: LinkMemo = field(default_factory=LinkMemo)

    def segment(self, text: str) -> tuple[Sentence, ...]:
        return self.sentences.get(text, lambda: segment(text))

    def page_cites(self, page: Page) -> tuple[CiteSpec, ...]:
        key = (page.location.path, page.body_line, page.body)
        return self.marks.get(key, lambda: page_cites(page))

    def tables(self) -> tuple[MemoTable[Any, Any], ...]:
        """Every stage's tables."""
        return (
            self.load.records, self.validate.made, self.sentences, self.marks,
            self.cite.indexes, self.cite.holders, self.link.entities,
        )  # fmt: skip

    def prune(self) -> None:
        """Forget, in every stage, what was not used since the last prune."""
        for table in self.tables():
            table.prune()

    @property
    def changed(self) -> bool:
        """Something was added or pruned since the tables were made."""
        return any(table.changed for table in self.tables())

    @property
    def changes(self) -> int:
        """Entries added, replaced or pruned since the tables were made, in every stage."""
        return sum(table.changes for table in self.tables())

    @property
    def size(self) -> int:
        """Entries in every stage."""
        return sum(len(table) for table in self.tables())
