"""Our Markdown: cross-references, citation marks, refused HTML and links, and the fast path
for plain statements, which must give exactly what markdown-it gives."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from generator import markdown
from generator.markdown import create_markdown, render_block, render_inline, scan_markdown


class Resolver:
    def xref_href(self, entity_id: str) -> str:
        return f"../actors/{entity_id}.html?a=1&b=2"

    def cite_mark(self, source: str, quote: str | None, sentence: int | None) -> str:
        return f"<sup>{source}|{quote}|{sentence}</sup>"


MD = create_markdown()


def _full(text: str, block: bool) -> str:
    """markdown-it itself, with the fast path switched off."""
    original = markdown._simple_parts
    markdown._simple_parts = lambda text: None  # type: ignore[assignment]
    try:
        return (render_block if block else render_inline)(MD, text, Resolver())
    finally:
        markdown._simple_parts = original


SAMPLES = [
    "Leads the [National Resistance Front](@nrf), the only resistance in [Panjshir](@panjshir).",
    "Plain text with \"quotes\" and 'apostrophes' and Afghanistan’s curly ones.",
    "Said on 5 September 2021 that forces were ready (if the Taliban withdrew).",
    "A [link](@a-b) at the start and one at the end [x](@y)",
    "[Only a link](@only)",
    "Numbers 1.5, 10:30 and 50% of 1953-2001 fighters; colons: yes.",
    "Dari names: پنجشیر and احمد مسعود in text.",
    "Text with *emphasis* and **strong**.",
    "Text with `code` and a \\ backslash.",
    "A <b>tag</b> and an & ampersand and AT&T.",
    "An [external](https://example.org) link and www.example.org.",
    "1. A list item",
    "- A bullet",
    "# A heading",
    "> A quote",
    "Line one\nline two",
    "Trailing spaces  ",
    " Leading space",
    "A [link with *emphasis*](@x).",
    "A [nested [bracket]](@x).",
    "Images ![alt](@x) are not links.",
    "Strike ~~this~~ out.",
    "Email someone@example.org or visit http://x.y.",
    "Table | pipe",
    "Ends with a hard break\\",
    'A [link](@x "title") with a title.',
    "A [ spaced ](@x) link.",
    "Tabs\tinside.",
    "Underscores_in_words and snake_case.",
    "Setext\n===",
    "----",
    "",
    "1) numbered",
    "12345. big number",
    "+ plus",
    "    indented code",
    "Unicode ‹…> elision and […] too.",
    "Entities &amp; &copy; &#169;",
    "An [@mention](@x) inside.",
    "A [link](@x)(paren) after.",
    "Quote \" and apostrophe ' and <less and >greater.",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("block", [False, True])
def test_fast_path_agrees_with_markdown_it(text: str, block: bool) -> None:
    render = render_block if block else render_inline
    assert render(MD, text, Resolver()) == _full(text, block)


def test_fast_path_agrees_on_random_texts() -> None:
    rng = random.Random(7)
    alphabet = [*list("abc XYZ 019.,;:'\"()-/?%$"), "[w](@id)", "[x y](@a-b)", "’", "ف", "  "]
    hard = [*list("*_`\\<>&[]!~\n#|"), "http://", "@x.y", "1. ", "- ", "www."]
    seen_fast = 0
    for _ in range(3000):
        pieces = [rng.choice(alphabet) for _ in range(rng.randint(0, 12))]
        if rng.random() < 0.3:
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(hard))
        text = "".join(pieces)
        seen_fast += markdown._simple_parts(text) is not None
        for block in (False, True):
            render = render_block if block else render_inline
            assert render(MD, text, Resolver()) == _full(text, block), repr(text)
            if block:
                fast_scan = scan_markdown(MD, text)
                original = markdown._simple_parts
                markdown._simple_parts = lambda text: None  # type: ignore[assignment]
                try:
                    assert fast_scan == scan_markdown(MD, text), repr(text)
                finally:
                    markdown._simple_parts = original
    assert seen_fast > 1000  # the fast path was really exercised


def test_cite_marks_and_xrefs() -> None:
    html = render_block(
        MD, 'Led by [him](@ahmad-massoud).[^tass#s5] Said "x".[^tass "It is \\"led\\" by"]',
        Resolver(),
    )  # fmt: skip
    assert 'href="../actors/ahmad-massoud.html?a=1&amp;b=2" class="xref">him</a>' in html
    assert "<sup>tass|None|5</sup>" in html
    assert '<sup>tass|It is "led" by|None</sup>' in html


def test_scan_reports_html_and_unsafe_links_with_lines() -> None:
    scan = scan_markdown(
        MD, "Hello [a](@a)\n\n<b>x</b> [b](javascript:alert(1))\n\n[c](DATA:text/html,x) [d](@d)"
    )
    assert scan.xrefs == (("a", 0), ("d", 4))
    assert scan.unsafe_links == (("javascript:alert(1)", 2), ("DATA:text/html,x", 4))
    assert scan.raw_html == (("<b>", 2), ("</b>", 2))


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "x <img src=x onerror=alert(1)>", "<!-- c -->"],
)
def test_raw_html_is_escaped_when_rendered(text: str) -> None:
    html = render_block(MD, text, Resolver())
    assert "<script" not in html and "<img" not in html and "<!--" not in html


def test_unsafe_link_is_never_rendered() -> None:
    html = render_inline(MD, "[x](javascript:alert(1)) [y](vbscript:z)", Resolver())
    assert "javascript:" not in html and "vbscript:" not in html
    assert html.count('href="#"') == 2


def test_the_fast_path_test_for_special_text_is_the_one_pattern_it_replaced() -> None:
    import random
    import re

    from generator.markdown import _is_special

    one = re.compile(r"[*_`\\<>&\[\]!~\n\r\t|]|https?:|www\.|@\w+\.|\w+@")
    rng = random.Random(7)
    alphabet = ["a", "b", " ", ".", "@", "http", "s:", "www", "é", "_", "<", ":", "1", "ht"]
    texts = ["Report 1-2 says the", "mail me@example.org", "see www.example.org", "a @b.c"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        assert _is_special(text) == (one.search(text) is not None), text


def test_markdown_it_is_imported_only_when_a_text_needs_it() -> None:
    """Plain statements take the fast path, and a process that renders only those never pays
    for importing markdown-it; the first text that needs it imports it."""
    script = """
import sys
from generator.markdown import create_markdown, render_block, render_inline, scan_markdown

class Resolver:
    def xref_href(self, id): return id + "/"
    def cite_mark(self, source, quote, sentence): return ""

md = create_markdown()
print(render_inline(md, "Leads the [front](@nrf).", Resolver()))
print(scan_markdown(md, "Leads the [front](@nrf)."))
print("markdown_it" in sys.modules)
print(render_block(md, "Leads *the* [front](@nrf).", Resolver()).strip())
print("markdown_it" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == [
        'Leads the <a href="nrf/" class="xref">front</a>.',
        "MarkdownScan(xrefs=(('nrf', 0),), unsafe_links=(), raw_html=())",
        "False",
        '<p>Leads <em>the</em> <a href="nrf/" class="xref">front</a>.</p>',
        "True",
    ]
