"""The search index (``generator.search``): folding and unfolding texts, what the index holds,
and that it is a script safe to inline and deterministic (the browser tests run it)."""

from __future__ import annotations

import re

import pytest

from generator.search import (
    FIELDS,
    INDEX_VARIABLE,
    KINDS,
    fold,
    fold_text,
    read_index,
    search_index,
    unfold_text,
)

from sitefixture import HOSTILE, make_site

FOLDING = [
    # (text, folded)
    ("Masoud", "masoud"),
    ("MASSOUD Ahmad", "massoud ahmad"),
    ("already folded", "already folded"),
    ("Ahmad Shāh Mas‘ūd", "ahmad shah mas‘ud"),
    ("Ångström", "angstrom"),
    ("naïve café", "naive cafe"),
    ("Straße", "strasse"),
    ("GROẞE", "grosse"),
    ("ΣΊΣΥΦΟΣ", "σισυφοσ"),
    ("ﬁnal", "final"),
    ("İstanbul", "istanbul"),
    ("Ǆemal", "dzemal"),
    ("½", "1⁄2"),
    ("Ｆｕｌｌ", "full"),
    ("𝔄𝔥𝔪𝔞𝔡", "ahmad"),
    ("مُحَمَّد", "محمد"),  # Arabic vowel marks are nonspacing marks
    ("احمد مسعود", "احمد مسعود"),
    ("پنجشیر", "پنجشیر"),
    ("日本語", "日本語"),
    ("  two \t\n spaces  ", "two spaces"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "folded"), FOLDING)
def test_fold_text_folds_and_unfolds_back(text: str, folded: str) -> None:
    got, case = fold_text(text)
    assert got == folded
    assert unfold_text(got, case) == " ".join(text.split())
    assert fold(" ".join(text.split())) == folded


def test_case_changes_are_stored_sparingly() -> None:
    assert fold_text("all lower case") == ("all lower case", [])
    assert fold_text("Kabul") == ("kabul", [0])
    assert fold_text("NRF") == ("nrf", [0, 1, 2])
    # A run of changed characters outside ASCII is one change.
    folded, case = fold_text("Ahmad Shāh")
    assert case == [0, 6, [8, 9, "ā"]]
    assert unfold_text(folded, case) == "Ahmad Shāh"


def test_fold_and_unfold_round_trip_on_many_strings() -> None:
    import random

    rng = random.Random(7)
    alphabet = "aAzZ ßẞİıΣσςﬁéÉōŌ\u0301\u064e\u0650مسعودپ½²日本ǄǅǆÅ\u00a0\t"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        folded, case = fold_text(text)
        assert unfold_text(folded, case) == " ".join(text.split()), repr(text)
        assert folded == fold(" ".join(text.split()))


def parse(index: bytes) -> dict[str, object]:
    text = index.decode("ascii")
    assert text.startswith(f"window.{INDEX_VARIABLE} = JSON.parse('") and text.endswith("');\n")
    return read_index(index)


def test_the_index_keeps_one_entry_per_line() -> None:
    index = search_index(make_site()).decode("ascii")
    lines = index.splitlines()
    entries = parse(index.encode("ascii"))["entries"]
    assert isinstance(entries, list)
    assert len(lines) > len(entries)  # an edit shows in a diff as the entries it changes
    assert all(line.endswith("\\") for line in lines[:-1])  # continued string lines


def test_read_index_refuses_other_scripts() -> None:
    with pytest.raises(ValueError, match="not a search index"):
        read_index(b"window.x = 1;\n")
    with pytest.raises(ValueError, match="unexpected escape"):
        read_index(f"window.{INDEX_VARIABLE} = JSON.parse('\\x41');\n".encode())


def test_the_index_holds_every_kind_of_text() -> None:
    site = make_site()
    data = parse(search_index(site))
    assert data["version"] == 1
    assert data["kinds"] == list(KINDS) and data["fields"] == list(FIELDS)
    pages = data["pages"]
    docs = data["docs"]
    entries = data["entries"]
    assert isinstance(pages, list) and isinstance(docs, list) and isinstance(entries, list)

    def texts(kind: str, field: str) -> list[str]:
        k, f = KINDS.index(kind), FIELDS.index(field)
        return [unfold_text(e[2], e[3] or []) for e in entries if e[0] == f and docs[e[1]][0] == k]

    assert "Alice Example" in texts("Actor", "name")
    assert texts("Actor", "alias")  # the fixture's aliases
    others = [e for e in entries if e[0] == FIELDS.index("other-name")]
    assert others and all(len(e) == 6 and e[5] in ("rtl", "ltr") for e in others)
    assert any(e[4] == "fa" and e[5] == "rtl" for e in others)
    assert "Alice Example leads the Org in Town." in texts("Sentence", "sentence")
    facts = texts("Fact", "text")
    assert facts and not any("[" in text or "](@" in text for text in facts)  # plain text
    # Every document points at a page of the site and, for facts and sentences, an anchor.
    for kind, page, anchor in docs:
        path = pages[page][0]
        assert re.fullmatch(r"[a-z]+/[a-z0-9-]+\.html|index\.html", path), path
        if KINDS[kind] == "Fact":
            assert re.fullmatch(r"fact-[a-z0-9-]+", anchor)
        elif KINDS[kind] == "Sentence":
            assert re.fullmatch(r"s\d+", anchor) and path.startswith("sources/")
        else:
            assert anchor == ""


def test_the_index_is_ascii_without_a_raw_less_than_and_deterministic() -> None:
    site = make_site(hostile=True)
    index = search_index(site)
    assert index == search_index(make_site(hostile=True))
    assert index.isascii()
    assert b"<" not in index  # safe to inline in <script>, even with hostile names
    data = parse(index)
    names = [unfold_text(e[2], e[3] or []) for e in data["entries"]]  # type: ignore[attr-defined]
    assert any(HOSTILE in name for name in names)


def _rendered_words(text: str, block: bool) -> str:
    from markupsafe import Markup

    from generator.markdown import create_markdown, render_block, render_inline
    from generator.search import _PlainText
    from generator.views_base import plain_text

    render = render_block if block else render_inline
    return plain_text(Markup(render(create_markdown(), text, _PlainText())))


def test_plain_words_read_as_the_rendered_text() -> None:
    import random

    from test_markdown import SAMPLES

    from generator.markdown import plain_words

    rng = random.Random(11)
    alphabet = [*list("abc XYZ 019.,;:'\"()-/?%$"), "[w](@id)", "[x y](@a-b)", "’", "ف", "  "]
    hard = [*list("*_`\\<>&[]!~\n#|"), "http://", "1. ", "- "]
    texts = list(SAMPLES)
    for _ in range(3000):
        pieces = [rng.choice(alphabet) for _ in range(rng.randint(0, 12))]
        if rng.random() < 0.3:
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(hard))
        texts.append("".join(pieces))
    fast = 0
    for text in texts:
        for block in (False, True):
            words = plain_words(text, block=block)
            if words is not None:
                fast += 1
                assert " ".join(words.split()) == _rendered_words(text, block), repr(text)
    assert fast > 2000
