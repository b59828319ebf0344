"""The view models' HTML helpers give exactly what ``markupsafe`` gives."""

from __future__ import annotations

import random

import pytest
from markupsafe import Markup, escape

from generator.htmlsafe import escape_text, markup

CASES = [
    "",
    "plain",
    "a & b",
    "<script>alert('x')</script>",
    "\"quoted\" & 'single'",
    "&amp; already an entity",
    "احمد مسعود",
    "../sources/x.html#s5",
    "https://example.org/a?b=1&c=<2>#:~:text=it%27s",
]


@pytest.mark.parametrize("text", CASES)
def test_escape_text_is_markupsafe_escape(text: str) -> None:
    assert escape_text(text) == str(escape(text))
    assert type(escape_text(text)) is str


def test_escape_text_on_random_strings() -> None:
    rng = random.Random(5)
    alphabet = "ab <>&'\"é\u2060;#"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert escape_text(text) == str(escape(text))


def test_html_is_kept_as_it_is() -> None:
    html = Markup("<b>bold</b> &amp;")
    assert escape_text(html) == "<b>bold</b> &amp;"


@pytest.mark.parametrize("text", CASES)
def test_markup_is_markupsafe_markup(text: str) -> None:
    made = markup(text)
    assert type(made) is Markup
    assert made == Markup(text)
    assert made.__html__() == text
    assert str(escape(made)) == text
