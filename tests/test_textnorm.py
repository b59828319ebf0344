"""Tests for ``generator.textnorm``: the normalisation rules, the offset map, folding, word
boundaries and the text-directive search."""

from __future__ import annotations

import random
import time
import unicodedata

import pytest
from test_cite import CASES, QuoteCase, split_marked

from generator.textnorm import (
    DOUBLE_QUOTES,
    SINGLE_QUOTES,
    Normalised,
    find_directive,
    fold,
    inside_word,
    is_word_char,
    normalise,
    whole_words,
)

MATCHES = [case for case in CASES if case.error is None]


@pytest.mark.parametrize("case", MATCHES, ids=[c.title for c in MATCHES])
def test_fixture_quote_and_match_normalise_alike(case: QuoteCase) -> None:
    text, _ = split_marked(case.marked)
    assert normalise(case.quote).text.strip(" ") == normalise(case.expected).text
    norm = normalise(text)
    wanted = normalise(case.expected).text
    spans = []
    at = norm.text.find(wanted)
    while at >= 0:
        start, end = norm.original_span(at, at + len(wanted))
        spans.append(text[start:end])
        at = norm.text.find(wanted, at + 1)
    assert case.expected in spans


@pytest.mark.parametrize("char", SINGLE_QUOTES)
def test_single_quotes_become_apostrophes(char: str) -> None:
    assert normalise(f"it{char}s").text == "it's"


@pytest.mark.parametrize("char", DOUBLE_QUOTES)
def test_double_quotes_become_straight(char: str) -> None:
    assert normalise(f"{char}NRF{char}").text == '"NRF"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb", "a b"),
        ("a\r\nb", "a b"),
        ("a \t \n b", "a b"),
        ("a\u00a0b", "a b"),
        ("a\u2009b\u202fc\u3000d", "a b c d"),
        ("\n\nlead and trail  ", " lead and trail "),
        ("wait…", "wait..."),
        ("<…> […] <...> [...]", "<...> [...] <...> [...]"),
        ("Cafe\u0301", "Café"),
        ("\u2126", "\u03a9"),
        ("Taliban-led — 1953–2001", "Taliban-led — 1953–2001"),
        ("Case Counts", "Case Counts"),
        ("مقاومت در پنجشیر", "مقاومت در پنجشیر"),
        ("می\u200cخواهند", "می\u200cخواهند"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text).text == expected


def test_normalise_is_idempotent_and_nfc() -> None:
    text = "“Vie\u0323\u0302t”\r\n  Nam… ‘ok’ Cafe\u0301 \u1100\u1161 x\u0301\u0323"
    once = normalise(text).text
    assert normalise(once).text == once
    assert unicodedata.is_normalized("NFC", once)


def _random_text(rng: random.Random, length: int) -> str:
    alphabet = "ab Z9.,'’“”…\n\t\u00a0e\u0301\u0323é\u1100\u1161\u11a8پن\u200c-"
    return "".join(rng.choice(alphabet) for _ in range(length))


def _boundaries(norm: Normalised) -> list[int]:
    return [i for i in range(len(norm.text) + 1) if norm.is_boundary(i)]


def test_offset_map_gives_back_the_original_of_every_span() -> None:
    rng = random.Random(5)
    for _ in range(200):
        text = _random_text(rng, rng.randint(0, 40))
        norm = normalise(text)
        cuts = _boundaries(norm)
        assert cuts[0] == 0
        assert cuts[-1] == len(norm.text)
        for _ in range(20):
            i, j = sorted(rng.sample(cuts, 2)) if len(cuts) > 1 else (0, 0)
            start, end = norm.original_span(i, j)
            assert 0 <= start <= end <= len(text)
            assert normalise(text[start:end]).text == norm.text[i:j], (text, i, j)


def test_offset_map_is_monotonic_and_round_trips() -> None:
    rng = random.Random(11)
    for _ in range(100):
        text = _random_text(rng, 30)
        norm = normalise(text)
        starts = [norm.original_start(i) for i in range(len(norm.text) + 1)]
        assert starts == sorted(starts)
        assert norm.original_start(len(norm.text)) == len(text)
        assert norm.original_end(len(norm.text)) == len(text)
        for i in _boundaries(norm):
            assert norm.normalised_offset(norm.original_start(i)) == i


def test_a_replaced_chunk_maps_only_as_a_whole() -> None:
    text = "on… and"
    norm = normalise(text)
    assert norm.text == "on... and"
    assert [norm.is_boundary(i) for i in range(2, 6)] == [True, False, False, True]
    assert norm.original_span(2, 3) == (2, 3)  # one "." of three: the whole "…"
    assert norm.original_span(0, 5) == (0, 3)
    assert norm.normalised_offset(3) == 5
    assert norm.normalised_offset(2, end=True) == 2


def test_white_space_run_maps_to_the_whole_run() -> None:
    text = "led by \n\t Ahmad"
    norm = normalise(text)
    at = norm.text.index("by Ahmad")
    assert text[slice(*norm.original_span(at, at + 8))] == "by \n\t Ahmad"


def test_decomposed_text_maps_letter_by_letter() -> None:
    text = "Cafe\u0301 Kabul re\u0301sume\u0301"
    norm = normalise(text)
    assert norm.text == "Café Kabul résumé"
    at = norm.text.index("résumé")
    assert text[slice(*norm.original_span(at, at + 6))] == "re\u0301sume\u0301"
    assert text[slice(*norm.original_span(at, at + 2))] == "re\u0301"


def test_composition_across_clusters_stays_whole() -> None:
    text = "x \u1100\u1161\u11a8 y"  # Hangul jamo compose into one syllable
    norm = normalise(text)
    assert norm.text == "x \uac01 y"
    at = norm.text.index("\uac01")
    assert norm.original_span(at, at + 1) == (2, 5)


def test_fold_ignores_case_and_marks_and_collapses_space() -> None:
    text = "THE Café,\n  Cafe\u0301 İstanbul ß"
    folded = fold(text)
    assert folded.text == "the cafe, cafe istanbul ß"
    at = folded.text.index("cafe istanbul")
    assert text[slice(*folded.original_span(at, at + 13))] == "Cafe\u0301 İstanbul"
    assert fold("plain ascii").text == "plain ascii"


@pytest.mark.parametrize(
    ("text", "index", "browser", "inside"),
    [
        ("Massoud", 1, False, True),
        ("Massoud", 0, False, False),
        ("Massoud", 7, False, False),
        ("Ahmad Massoud", 5, False, False),
        ("11,000", 3, False, True),
        ("11,000", 2, False, True),
        ("3.5", 1, False, True),
        ("1953-2001", 4, False, False),
        ("Taliban’s", 7, False, False),
        ("Taliban’s", 7, True, True),
        ("U.S.", 1, True, True),
        ("U.S.", 3, True, False),
        ("end.", 3, True, False),
        ("می\u200cخواهند", 3, False, True),
        ("e\u0301t", 1, False, True),
    ],
)
def test_inside_word(text: str, index: int, browser: bool, inside: bool) -> None:
    assert inside_word(text, index, browser=browser) is inside


def _inside_word_by_the_rules(text: str, index: int, browser: bool) -> bool:
    """``inside_word`` as its docstring states it, without its shortcut for white space."""
    if index <= 0 or index >= len(text):
        return False
    if is_word_char(text[index - 1]) and is_word_char(text[index]):
        return True
    digits = ",.;'’" if browser else ",."
    letters = ".:'’·" if browser else ""
    for mid in (index - 1, index):  # the joining character, with a neighbour on each side
        if 0 < mid < len(text) - 1:
            left, joiner, right = text[mid - 1], text[mid], text[mid + 1]
            if joiner in digits and left.isdigit() and right.isdigit():
                return True
            if joiner in letters and left.isalpha() and right.isalpha():
                return True
    return False


@pytest.mark.parametrize(
    "text",
    [
        "11,000 and 3.5 or 3 .5 or 3. 5, 4;5 4 ;5 U.S. U. S U .S",
        "Taliban’s 'quoted' ’ s x·y x ·y x· y a:b a : b",
        "می\u200cخواهند \u200c x\u200d y e\u0301t \u0301 x\n1,\n2 1\t.\t2",
        "\u00a0x\u00a0,\u00a01\u2028.\u20282 \u3000ab\u3000",
    ],
)
def test_inside_word_agrees_with_its_rules_at_every_position(text: str) -> None:
    for browser in (False, True):
        for index in range(-1, len(text) + 2):
            expected = _inside_word_by_the_rules(text, index, browser)
            assert inside_word(text, index, browser=browser) is expected, (text, index, browser)


def test_word_chars_and_whole_words() -> None:
    assert is_word_char("a") and is_word_char("۵") and is_word_char("\u0301")
    assert not is_word_char("’") and not is_word_char("-")
    text = "in Afghanistan’s north"
    assert whole_words(text, 5, 8) == (3, 14)
    assert whole_words(text, 5, 8, browser=True) == (3, 16)


PAGE = fold("the quick brown fox. the lazy dog. the quick red fox jumps over the lazy dog.").text


@pytest.mark.parametrize(
    ("prefix", "start", "end", "suffix", "found"),
    [
        (None, "quick", None, None, (4, 9)),
        (None, "qui", None, None, None),  # not word-bounded
        ("the", "quick", None, "red", (39, 44)),
        (None, "lazy dog", None, None, (25, 33)),
        ("over the", "lazy", None, None, (68, 72)),
        (None, "the quick", "fox", None, (0, 19)),
        (None, "the quick", "fox", "jumps", (0, 52)),
        ("the", "lazy", "dog", None, (25, 33)),
        (None, "quick", None, "missing", None),
        ("missing", "quick", None, None, None),
        (None, "the quick", "missing", None, None),
    ],
)
def test_find_directive_follows_the_spec(
    prefix: str | None, start: str, end: str | None, suffix: str | None, found: object
) -> None:
    assert find_directive(PAGE, prefix, start, end, suffix) == found


def test_linear_time_on_a_large_source() -> None:
    rng = random.Random(3)
    words = ["Taliban", "Panjshir’s", "“quoted”", "Cafe\u0301", "…", "and", "the", "\n"]
    text = " ".join(rng.choice(words) for _ in range(120_000))  # about 700 kB
    began = time.perf_counter()
    norm = normalise(text)
    folded = fold(text)
    spent = time.perf_counter() - began
    assert len(norm.text) > len(text) // 2 and folded.text
    assert spent < 3, f"normalise + fold took {spent:.2f} s on {len(text)} characters"
    for pathological in ("…" * 100_000, " \n" * 100_000, "e\u0301" * 100_000):
        began = time.perf_counter()
        normalise(pathological)
        assert time.perf_counter() - began < 3


def test_ascii_fold_is_lower_and_single_spaces() -> None:
    """text_fragment folds ASCII terms as ``" ".join(term.lower().split())``: same as fold."""
    import random

    rng = random.Random(1)
    alphabet = [chr(i) for i in range(128)]
    for _ in range(5000):
        term = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert fold(term).text.strip(" ") == " ".join(term.lower().split()), repr(term)
