"""memo: what one check leaves for the next to reuse, stage by stage (``CheckMemo``).

``diff`` shares one between the two revisions it checks, ``serve`` keeps one across
rebuilds, and ``cache`` keeps one on disk between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.citations import CiteMemo
from generator.link import LinkMemo
from generator.load import LoadMemo
from generator.model import Sentence
from generator.segment import segment
from generator.validate import ValidateMemo

__all__ = ["CheckMemo"]


@dataclass(slots=True)
class CheckMemo:
    """Work that later checks reuse, stage by stage: a file with the same bytes is parsed and
    validated once, a source text is split and indexed once, a citation is resolved once
    against it, a Markdown text is scanned once. ``diff`` checks two revisions of one project
    with one memo, so that what they share is checked once; ``serve`` keeps one across
    rebuilds; ``cache`` keeps one on disk between runs. :meth:`prune` forgets what the checks
    since the last prune did not use, so that a memo never grows past what a project holds."""

    load: LoadMemo = field(default_factory=LoadMemo)
    validate: ValidateMemo = field(default_factory=ValidateMemo)
    sentences: dict[str, tuple[Sentence, ...]] = field(default_factory=dict)
    cite: CiteMemo = field(default_factory=CiteMemo)
    link: LinkMemo = field(default_factory=LinkMemo)
    sentences_used: set[str] = field(default_factory=set)

    def segment(self, text: str) -> tuple[Sentence, ...]:
        self.sentences_used.add(text)
        found = self.sentences.get(text)
        if found is None:
            found = self.sentences[text] = segment(text)
        return found

    def prune(self) -> None:
        """Forget, in every stage, what was not used since the last prune."""
        self.load.prune()
        self.validate.prune()
        self.sentences = {k: v for k, v in self.sentences.items() if k in self.sentences_used}
        self.sentences_used = set()
        self.cite.prune()
        self.link.prune()
