"""Text offsets → 1-based ``(line, column)`` pairs, the way editors and ``git`` count them.

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``; a column counts code points from 1. This
module reads nothing and imports nothing of ours, so every stage can use it.
"""

from __future__ import annotations

import bisect
import re

from msgspec import Struct

__all__ = ["LineIndex", "line_col"]

_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex(Struct, frozen=True):
    """Where each line of a text starts: build once, then look up many offsets cheaply."""

    starts: tuple[int, ...]
    """Offset of the first character of each line; ``starts[0]`` is always 0."""
    length: int
    """Length of the text, in code points."""

    @classmethod
    def of(cls, text: str) -> LineIndex:
        """Index ``text``; O(len(text))."""
        starts = (0, *(match.end() for match in _LINE_BREAK.finditer(text)))
        return cls(starts, len(text))

    @property
    def line_count(self) -> int:
        """How many lines the text has (a final line break starts one more, empty, line)."""
        return len(self.starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``; ``len(text)`` (the end) is allowed.

        Raises:
            ValueError: if ``offset`` lies outside ``0 … len(text)``.
        """
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside the text (0…{self.length})")
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text`` (for many look-ups: LineIndex)."""
    return LineIndex.of(text).line_col(offset)
