"""Tests for ``generator.cite``: the quote fixture cases, error messages, offsets, coverage and
text fragments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.cite import (
    SourceIndex,
    closest_passage,
    coverage,
    index_source,
    resolve_citation,
)
from generator.diagnostics import ContentError, Location
from generator.model import CiteSpec, PartialDate, Sentence, Source
from generator.textfragment import text_fragment
from generator.textnorm import find_directive, fold, normalise

FIXTURE = Path(__file__).parent / "fixtures" / "quotes.txt"
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
WHERE = Location("content/actors/ahmad-massoud.yaml", 7, 18)
MARKERS = {"⏎": "\n", "␍": "\r", "␉": "\t", "␠": " "}


@dataclass(frozen=True, slots=True)
class QuoteCase:
    """One fixture case: a source with sentence marks, a quote and what it must resolve to."""

    title: str
    marked: str
    """The source text with "¦" at each sentence boundary."""
    quote: str
    sentences: tuple[int, ...]
    """Expected sentence indexes; empty when an error is expected."""
    expected: str
    """The exact matched source text, or the expected error code."""
    line: int

    @property
    def error(self) -> str | None:
        return self.expected if re.fullmatch(r"E\d{3}", self.expected) else None


def unescape(text: str) -> str:
    """Undo the fixture markers: ⏎ ␍ ␉ ␠ and ``\\uXXXX``."""
    for marker, char in MARKERS.items():
        text = text.replace(marker, char)
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def read_quote_cases(path: Path = FIXTURE) -> tuple[QuoteCase, ...]:
    """Read the fixture file in the format its header describes."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[QuoteCase] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        title, title_line = lines[i], i + 1
        if lines[i + 1] != ".":
            raise ValueError(f"{path}:{i + 2}: expected '.' after the title")
        parts: list[list[str]] = []
        i += 2
        for _ in range(3):
            part: list[str] = []
            while lines[i] != ".":
                part.append(lines[i])
                i += 1
            parts.append(part)
            i += 1
        marked, quote, expected = ("\n".join(p) for p in parts)
        sentences: tuple[int, ...] = ()
        if " | " in expected:
            ids, expected = expected.split(" | ", 1)
            sentences = tuple(int(s.strip().lstrip("s")) for s in ids.split(","))
        cases.append(
            QuoteCase(
                title, unescape(marked), unescape(quote), sentences, unescape(expected), title_line
            )
        )
    return tuple(cases)


def split_marked(marked: str) -> tuple[str, tuple[Sentence, ...]]:
    """The text without "¦" and its sentences: the stripped pieces between the marks."""
    sentences: list[Sentence] = []
    at = 0
    for piece in marked.split("¦"):
        body = piece.strip()
        if body:
            start = at + len(piece) - len(piece.lstrip())
            sentences.append(Sentence(len(sentences) + 1, start, start + len(body), body))
        at += len(piece)
    return marked.replace("¦", ""), tuple(sentences)


def make_index(marked: str, source_id: str = "tass-2021-09-05") -> SourceIndex:
    text, sentences = split_marked(marked)
    source = Source(
        source_id, "Title", "TASS", PartialDate(2021, 9, 5), "https://example.org/article",
        "en", "", "", text, Location(f"content/sources/{source_id}.yaml"),
        f"content/sources/{source_id}.txt",
    )  # fmt: skip
    return index_source(source, sentences)


def cite(index: SourceIndex, quote: str | None, sentence: int | None = None) -> CiteSpec:
    return CiteSpec(index.source.id, quote, sentence, WHERE)


def error_of(index: SourceIndex, quote: str | None, sentence: int | None = None) -> str:
    with pytest.raises(ContentError) as caught:
        resolve_citation(cite(index, quote, sentence), index)
    assert caught.value.diagnostic.location == WHERE
    return str(caught.value.diagnostic)


CASES = read_quote_cases()


def test_fixture_has_enough_distinct_cases() -> None:
    titles = [case.title for case in CASES]
    assert len(titles) >= 40
    assert len(set(titles)) == len(titles), "fixture titles must be unique"
    assert {case.error for case in CASES} >= {None, "E301", "E302", "E304", "E305"}


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_fixture_case(case: QuoteCase) -> None:
    index = make_index(case.marked)
    if case.error:
        with pytest.raises(ContentError) as caught:
            resolve_citation(cite(index, case.quote), index)
        assert caught.value.diagnostic.code == case.error, caught.value.diagnostic
        return
    resolved = resolve_citation(cite(index, case.quote), index)
    assert resolved.quote == case.expected
    assert index.source.text[resolved.start : resolved.end] == case.expected
    assert resolved.sentences == case.sentences
    assert resolved.source == index.source.id
    assert resolved.location == WHERE


PANJSHIR = (
    "The northern province of Panjshir is the only pocket of resistance to the Taliban.¦ "
    "It is led by Ahmad Massoud, a son of Ahmad Shah Massoud (1953-2001).\n¦"
    "The Taliban said they controlled “almost the entire Panjshir province”.¦ "
    "Fahim Dashti wrote that the Taliban had been driven out."
)


@pytest.fixture
def panjshir() -> SourceIndex:
    return make_index(PANJSHIR)


def test_offsets_are_those_of_the_original_text(panjshir: SourceIndex) -> None:
    resolved = resolve_citation(cite(panjshir, "almost the entire Panjshir province"), panjshir)
    text = panjshir.source.text
    assert (resolved.start, resolved.end) == (text.index("almost"), text.index("”"))
    assert text[resolved.start : resolved.end] == "almost the entire Panjshir province"
    assert resolved.sentences == (3,)


def test_shorthand_cites_the_whole_sentence(panjshir: SourceIndex) -> None:
    resolved = resolve_citation(cite(panjshir, None, 2), panjshir)
    sentence = panjshir.sentences[1]
    assert (resolved.start, resolved.end, resolved.sentences) == (
        sentence.start,
        sentence.end,
        (2,),
    )
    assert resolved.quote == "It is led by Ahmad Massoud, a son of Ahmad Shah Massoud (1953-2001)."


def test_e301_message_shows_the_closest_passage_and_the_difference(panjshir: SourceIndex) -> None:
    assert error_of(panjshir, "led by Ahmad Masoud, a son") == (
        "content/actors/ahmad-massoud.yaml:7:18: error[E301]: "
        "quote not found in tass-2021-09-05\n"
        '  hint: closest passage (s2): "led by Ahmad Massoud, a son"\n'
        '        first difference: the quote has "Masoud" where the source has "Massoud"'
    )


def test_e301_says_when_only_case_differs(panjshir: SourceIndex) -> None:
    assert error_of(panjshir, "It Is Led By Ahmad Massoud") == (
        "content/actors/ahmad-massoud.yaml:7:18: error[E301]: "
        "quote not found in tass-2021-09-05\n"
        '  hint: closest passage (s2): "It is led by Ahmad Massoud"\n'
        "        only letter case differs"
    )


def test_e301_names_a_missing_word(panjshir: SourceIndex) -> None:
    message = error_of(panjshir, "Fahim Dashti wrote that the Taliban had driven out")
    assert '(s4): "Fahim Dashti wrote that the Taliban had been driven out"' in message
    assert 'first difference: the source has "been", which the quote has not' in message


def test_e301_for_a_quote_over_two_sentences(panjshir: SourceIndex) -> None:
    message = error_of(panjshir, "resistance to the Taliban. It is lead by Ahmad")
    assert '(s1–s2): "resistance to the Taliban. It is led by Ahmad"' in message
    assert 'the quote has "lead" where the source has "led"' in message


def test_e301_cuts_a_long_passage(panjshir: SourceIndex) -> None:
    quote = "The northern province of Panjshir is the only pocket of resistance to the Taliban. "
    quote += "It is led by Ahmad Massoud, a son of Ahmad Shah Masoud"
    message = error_of(panjshir, quote)
    passage = re.search(r'closest passage \(s1–s2\): "(.*)"', message)
    assert passage is not None
    assert passage.group(1).endswith("…")
    assert len(passage.group(1)) == 101


def test_e302_names_every_place_with_line_and_column(panjshir: SourceIndex) -> None:
    assert error_of(panjshir, "the Taliban") == (
        "content/actors/ahmad-massoud.yaml:7:18: error[E302]: "
        "quote found 2 times in tass-2021-09-05: "
        "s1 (content/sources/tass-2021-09-05.txt:1:71), "
        "s4 (content/sources/tass-2021-09-05.txt:2:97)\n"
        "  hint: quote a longer passage so that it occurs only once, "
        "or cite a whole sentence as tass-2021-09-05#s1"
    )


def test_e303_gives_the_valid_range(panjshir: SourceIndex) -> None:
    expected = (
        "content/actors/ahmad-massoud.yaml:7:18: error[E303]: "
        "sentence s{} is out of range for tass-2021-09-05\n"
        "  hint: tass-2021-09-05 has s1 to s4"
    )
    assert error_of(panjshir, None, 5) == expected.format(5)
    assert error_of(panjshir, None, 0) == expected.format(0)
    empty = make_index("")
    assert error_of(empty, None, 1).endswith("hint: tass-2021-09-05 has no sentences")


def test_e304_shows_the_whole_words(panjshir: SourceIndex) -> None:
    assert error_of(panjshir, "Ahmad Mass") == (
        "content/actors/ahmad-massoud.yaml:7:18: error[E304]: "
        "quote found in tass-2021-09-05 only as part of longer words\n"
        '  hint: the whole words are "Ahmad Massoud" (s2); quote whole words'
    )


def test_e304_shows_distinct_places_and_counts_the_rest() -> None:
    index = make_index("Massoud met Massoudi, Massouda and Massoudis.¦ Massoud left.")
    assert error_of(index, "ass").endswith(
        'hint: the whole words are "Massoud" (s1), "Massoudi" (s1), "Massouda" (s1) and 2 more; '
        "quote whole words"
    )


def test_e305_for_an_empty_quote(panjshir: SourceIndex) -> None:
    assert error_of(panjshir, " \n ") == (
        "content/actors/ahmad-massoud.yaml:7:18: error[E305]: "
        "empty quote for tass-2021-09-05\n"
        "  hint: quote the exact words of the source, "
        "or cite a whole sentence as tass-2021-09-05#sN"
    )


def test_a_quote_outside_every_sentence_is_not_resolved() -> None:
    index = make_index("CAIRO, September 5. /TASS/.¦ The Taliban advanced.")
    index = SourceIndex(
        index.source, index.sentences[1:], index.norm, index.starts[1:],
        index.norm_sentences[1:], index.line_starts,
    )  # fmt: skip
    assert error_of(index, "CAIRO") == (
        "content/actors/ahmad-massoud.yaml:7:18: error[E301]: "
        "quote found in tass-2021-09-05 only outside its sentences\n"
        "  hint: it is at content/sources/tass-2021-09-05.txt:1:1, which no sentence covers; "
        "quote words of a sentence"
    )


def test_closest_passage_on_a_source_without_sentences() -> None:
    empty = make_index("")
    assert closest_passage("anything", empty) is None
    assert error_of(empty, "anything").endswith("hint: tass-2021-09-05 has no text to compare with")


def test_closest_passage_is_whole_words_of_the_best_sentence(panjshir: SourceIndex) -> None:
    found = closest_passage(normalise("Dashti wrote that the Talibn").text, panjshir)
    assert found is not None
    assert panjshir.source.text[found[0] : found[1]] == "Dashti wrote that the Taliban"


def test_coverage_counts_cited_sentences(panjshir: SourceIndex) -> None:
    assert coverage(panjshir.sentences, [2, 4, 4, 9]) == (2, 4)
    assert coverage(panjshir.sentences, ()) == (0, 4)
    assert coverage((), [1]) == (0, 0)


# Text fragments ------------------------------------------------------------------------------


def lands_on(text: str, directive: str) -> str:
    """The text a browser would highlight for ``directive`` (a test-side parse of it)."""
    assert directive.startswith(":~:text=")
    tokens = directive.removeprefix(":~:text=").split(",")
    prefix = unquote(tokens.pop(0)[:-1]) if tokens[0].endswith("-") else None
    suffix = unquote(tokens.pop()[1:]) if tokens[-1].startswith("-") else None
    start, end = unquote(tokens[0]), unquote(tokens[1]) if len(tokens) > 1 else None
    folded = fold(text)

    def key(term: str | None) -> str | None:
        return None if term is None else fold(term).text.strip()

    landed = find_directive(folded.text, key(prefix), key(start) or "", key(end), key(suffix))
    assert landed is not None
    a, b = folded.original_span(*landed)
    return text[a:b]


def test_fragment_of_a_unique_quote_has_no_context() -> None:
    text = "It is led by Ahmad Massoud, a son of Ahmad Shah Massoud."
    start = text.index("Ahmad Massoud")
    assert text_fragment(text, start, start + 13) == ":~:text=Ahmad%20Massoud"


def test_fragment_encodes_tricky_characters() -> None:
    text = "Start. Taliban-led, so-called “50% & more” don’t — افغانستان پنجشیر (NRF) end."
    start, end = text.index("Taliban"), text.index(" end")
    assert text_fragment(text, start, end) == (
        ":~:text=Taliban%2Dled%2C%20so%2Dcalled%20%E2%80%9C50%25%20%26%20more%E2%80%9D"
        "%20don%E2%80%99t%20%E2%80%94%20"
        "%D8%A7%D9%81%D8%BA%D8%A7%D9%86%D8%B3%D8%AA%D8%A7%D9%86%20"
        "%D9%BE%D9%86%D8%AC%D8%B4%DB%8C%D8%B1%20(NRF)"
    )


def test_fragment_keeps_the_characters_a_directive_allows() -> None:
    text = "Go: a!b$c'd(e)f*g+h.i/j;k=l?m@n_o~p now."
    assert text_fragment(text, 0, text.index(" now")) == (
        ":~:text=Go:%20a!b$c'd(e)f*g+h.i/j;k=l?m@n_o~p"
    )


def test_fragment_of_a_later_occurrence_gets_a_prefix() -> None:
    text = "Taliban forces advanced. Then the Taliban withdrew."
    second = text.index("Taliban", 1)
    assert text_fragment(text, 0, 7) == ":~:text=Taliban"
    assert text_fragment(text, second, second + 7) == ":~:text=the-,Taliban"


def test_fragment_gets_a_suffix_when_the_prefix_does_not_help() -> None:
    text = "The Taliban came. The Taliban left."
    second = text.index("Taliban", 5)
    assert text_fragment(text, second, second + 7) == ":~:text=Taliban,-left."


def test_fragment_context_grows_until_it_is_unique() -> None:
    text = "in the valley the Taliban came. Still in the valley the Taliban came back."
    second = text.index("Taliban", 20)
    directive = text_fragment(text, second, second + 7)
    assert directive == ":~:text=Taliban,-came%20back."
    assert lands_on(text, directive) == "Taliban"


def test_fragment_search_ignores_case_and_accents_like_a_browser() -> None:
    text = "THE CAFÉ opened. Later the cafe closed."
    second = text.index("cafe")
    # "the cafe" would land on "THE CAFÉ": only the suffix tells them apart
    assert text_fragment(text, second, second + 4) == ":~:text=cafe,-closed."


def test_fragment_ignores_matches_inside_longer_words() -> None:
    text = "The Talibans’ rivals and the Taliban met."
    at = text.index("Taliban ")
    assert text_fragment(text, at, at + 7) == ":~:text=Taliban"


def test_fragment_widens_to_the_word_a_browser_sees() -> None:
    text = "Forces in Afghanistan’s north."
    assert text_fragment(text, 10, 21) == ":~:text=Afghanistan%E2%80%99s"


def test_fragment_of_a_long_quote_is_a_range() -> None:
    text = (
        "Vice President Amrullah Saleh said that under the constitution, he becomes "
        "the caretaker president in the absence of the president."
    )
    directive = text_fragment(text, 0, len(text))
    assert (
        directive == ":~:text=Vice%20President%20Amrullah%20Saleh,absence%20of%20the%20president."
    )
    assert lands_on(text, directive) == text


def test_fragment_range_end_must_not_stop_early() -> None:
    text = (
        "one two three four five six seven eight four five six seven nine ten eleven "
        "twelve four five six seven."
    )
    directive = text_fragment(text, 0, len(text))
    assert lands_on(text, directive) == text


def test_fragment_over_a_paragraph_break_is_a_range() -> None:
    text = "The Taliban advanced on Sunday.\n\nTalks began on Monday."
    directive = text_fragment(text, text.index("on Sunday"), text.index(" on Monday"))
    assert directive == ":~:text=on%20Sunday.,Talks%20began"


def test_fragment_collapses_white_space() -> None:
    text = "It is led\n   by Ahmad Massoud."
    assert text_fragment(text, 0, 28) == ":~:text=It%20is%20led%20by%20Ahmad%20Massoud"


def test_fragment_trims_white_space_and_refuses_an_empty_span() -> None:
    text = "  Taliban  "
    assert text_fragment(text, 0, len(text)) == ":~:text=Taliban"
    with pytest.raises(ValueError):
        text_fragment(text, 0, 2)
    with pytest.raises(ValueError):
        text_fragment(text, 3, 99)


def test_fragment_of_identical_paragraphs_falls_back_to_the_plain_form() -> None:
    text = "We insist.\n\nWe insist."
    at = text.rindex("We")
    assert text_fragment(text, at, at + 9) == ":~:text=We%20insist"


def test_fragments_land_on_every_occurrence_in_the_seed() -> None:
    raw = (SEED / "000_83f70abcbde0c6a6.txt").read_text(encoding="utf-8")
    folded = fold(raw)
    for word in ("Taliban", "Panjshir", "the NRF", "resistance", "Massoud", "on Sunday"):
        for match in re.finditer(re.escape(word), raw):
            if raw[match.end() : match.end() + 1].isalpha():
                continue
            directive = text_fragment(raw, match.start(), match.end())
            assert lands_on(raw, directive) == word, (word, match.start(), directive)
            assert text_fragment(raw, match.start(), match.end(), folded=folded) == directive


def test_ascii_quotes_take_the_shortcut_to_the_same_result() -> None:
    import random

    from generator.cite import normalise_quote
    from generator.textnorm import normalise

    rng = random.Random(3)
    alphabet = [chr(i) for i in range(128)] + ["...", "  ", "\t\n"]
    for _ in range(5000):
        quote = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert normalise_quote(quote) == normalise(quote).text.strip(" "), repr(quote)
