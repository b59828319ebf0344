"""Offsets → (line, column) as editors count them."""

from __future__ import annotations

import pytest

from generator.textpos import LineIndex, line_col


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("", 0, (1, 1)),
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\nb", 2, (2, 1)),
        ("a\nb", 1, (1, 2)),
        ("a\r\nb", 3, (2, 1)),
        ("a\r\nb", 2, (1, 3)),  # the \n of a \r\n still belongs to the first line
        ("a\rb", 2, (2, 1)),
        ("a\n\nb", 3, (3, 1)),
        ("پنج\nشیر", 6, (2, 3)),
        ("\U0001f600x", 1, (1, 2)),
        ("a\u2028b", 2, (1, 3)),  # only \n, \r\n and \r end lines
    ],
)
def test_line_col(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_col(text, offset) == expected
    assert LineIndex.of(text).line_col(offset) == expected


def test_line_index() -> None:
    index = LineIndex.of("one\r\ntwo\rthree\nfour\n")
    assert index.starts == (0, 5, 9, 15, 20)
    assert index.line_count == 5
    assert [index.line_col(o) for o in (0, 4, 5, 9, 15, 20)] == [
        (1, 1), (1, 5), (2, 1), (3, 1), (4, 1), (5, 1)
    ]  # fmt: skip


@pytest.mark.parametrize("offset", [-1, 4])
def test_offset_outside_the_text(offset: int) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        line_col("abc", offset)
