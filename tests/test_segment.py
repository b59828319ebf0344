"""Tests for ``generator.segment``: the fixture cases, the span invariants and the seed."""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model import Sentence
from generator.segment import segment

FIXTURE = Path(__file__).parent / "fixtures" / "segment.txt"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_83f70abcbde0c6a6.txt"

_MARKERS = (("␍", "\r"), ("␉", "\t"), ("␠", " "))


@dataclass(frozen=True, slots=True)
class Case:
    """One fixture case: a text and the sentences it must split into."""

    title: str
    text: str
    expected: tuple[str, ...]
    line: int
    """The 1-based line of the title in the fixture file."""


def _unescape(line: str) -> str:
    for marker, char in _MARKERS:
        line = line.replace(marker, char)
    return line


def read_cases(path: Path = FIXTURE) -> tuple[Case, ...]:
    """Read a fixture file in the format its header describes.

    Raises ValueError, naming the line, on a case that is not closed by ``.`` lines.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        title = lines[i]
        if not title.strip() or title.startswith("#"):
            i += 1
            continue
        if i + 1 >= len(lines) or lines[i + 1] != ".":
            raise ValueError(f"{path}:{i + 1}: expected '.' after the title {title!r}")
        blocks: list[list[str]] = []
        j = i + 2
        for _ in range(2):
            block: list[str] = []
            while j < len(lines) and lines[j] != ".":
                block.append(lines[j])
                j += 1
            if j >= len(lines):
                raise ValueError(f"{path}:{i + 1}: case {title!r} is not closed by '.'")
            blocks.append(block)
            j += 1
        text = _unescape("\n".join(blocks[0]))
        expected = tuple(_unescape(s).replace("⏎", "\n") for s in blocks[1])
        cases.append(Case(title, text, expected, i + 1))
        i = j
    return tuple(cases)


CASES = read_cases()


def check_invariants(text: str, sentences: tuple[Sentence, ...]) -> None:
    """Fail unless the sentences are in-order, stripped, non-overlapping spans of ``text``
    that together hold every non-space character of it."""
    previous_end = 0
    for number, sentence in enumerate(sentences, start=1):
        assert sentence.index == number
        assert sentence.id == f"s{number}"
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text, "empty sentence"
        assert sentence.text == sentence.text.strip(), "sentence not stripped"
        assert sentence.start >= previous_end, "sentences overlap or are out of order"
        assert not text[previous_end : sentence.start].strip(), "text left out"
        previous_end = sentence.end
    assert not text[previous_end:].strip(), "text left out at the end"


def test_fixture_has_enough_distinct_cases() -> None:
    titles = [case.title for case in CASES]
    assert len(titles) >= 90
    assert len(set(titles)) == len(titles), "fixture titles must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case.title for case in CASES])
def test_fixture_case(case: Case) -> None:
    sentences = segment(case.text)
    assert tuple(s.text for s in sentences) == case.expected
    check_invariants(case.text, sentences)


_FRAGMENTS = (
    "Kabul", "the", "Taliban", "said", "U.S.", "Gen.", "S.", "e.g.", "etc.", "No.", "5",
    "10.30", "5:45", "p.m.", "$2.5", "Sept.", "1996.", "Massoud’s", "Панджшер", "طالبان",
    "喀布尔", ".", ".", "?", "!", "…", "...", ". . .", "?!", "؟", "۔", "。", '"', "“", "”",
    "'", "‘", "’", "«", "»", "(", ")", "[", "]", "<…>", "[…]", "(...)", "[1]", "/TASS/.",
    "https://tass.com/a.b?x=1", "press@nrf.af", "#Panjshir", "@NRFafg", "- ", "* ", "• ",
    "1. ", "a) ", "# ", "MASSOUD: ", "Q: ", "—", ",", ":", ";", "\n", "\n", "\n\n",
    "\r\n", "\r\n\r\n", "\r", " ", " ", " ", "  ", "\t", "\u00a0", "\u2029", "\x0c",
)  # fmt: skip


def _random_text(rng: random.Random) -> str:
    size = rng.randint(0, 60)
    return "".join(rng.choice(_FRAGMENTS) + rng.choice(("", " ", " ", "\n")) for _ in range(size))


def test_invariants_and_determinism_on_random_texts() -> None:
    rng = random.Random(20210905)
    for _ in range(3000):
        text = _random_text(rng)
        sentences = segment(text)
        check_invariants(text, sentences)
        assert segment(text) == sentences


def test_no_sentence_is_only_punctuation_when_words_exist() -> None:
    rng = random.Random(7)
    for _ in range(1000):
        text = _random_text(rng) + " Kabul."
        assert all(any(ch.isalnum() for ch in s.text) for s in segment(text))


@pytest.mark.parametrize(
    "text",
    [
        "A. " * 50_000,
        "." * 200_000,
        " " * 200_000 + "Kabul.",
        "a" * 200_000 + ". B",
        "\n" * 100_000 + "x",
        "- x\n" * 30_000,
        "1. x\n" * 30_000,
        "<…> " * 30_000,
        '"' * 200_000 + ". The",
        ")" * 200_000,
        "MASSOUD: go\n" * 20_000,
        "U.S. " * 30_000,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_pathological_inputs_take_linear_time(text: str) -> None:
    """Texts of 100,000 characters or more: quadratic work would take minutes, not seconds."""
    began = time.process_time()
    check_invariants(text, segment(text))
    assert time.process_time() - began < 2.0


SEED_BODY_SENTENCES = (
    "Resistance forces in Afghanistan’s northern Panjshir province, which steadfastly refuses "
    "to recognize Taliban (outlawed in Russia) authority, are ready to cease fire and sit down "
    "at the negotiating table if the Taliban withdraw forces from the region, resistance leader "
    "Ahmad Massoud said on Sunday.",
    '"The National Resistance Front of Afghanistan (NRF) welcomes a resolution on an immediate '
    "ceasefire [in Panjshir] that was passed by the Ulema Council in Kabul.",
    "<…> We insist the Taliban stop their attacks and provocations against Panjshir, Andarabad, "
    "Parwan, and Kapisa and withdraw their troops from Panjshir and Andarabad.",
    'In this case, the NRF leaders will order their forces to cease fire," he wrote on his '
    "Facebook account.",
    "Earlier on Sunday, a group of religious leaders came out with an initiative of peace talks "
    "between the Taliban and the NRF.",
    "Meanwhile, spokesman for the Taliban political office in Qatar Muhammad Sohail Shahin told "
    "TASS on Sunday that the Taliban was controlling almost the entire Panjshir province while "
    "spokesman for the resistance movement Fahim Dashti wrote on his Twitter account that the "
    "Taliban have been driven out of the province.",
    "After the Biden administration announced the end of its US military operation in "
    "Afghanistan and the launch of its troop pullout, the Taliban embarked on an offensive "
    "against Afghan government forces.",
    "On August 15, Taliban fighters swept into Kabul without encountering any resistance and "
    "gained full control over the Afghan capital within a few hours.",
    "Afghanistan’s President Ashraf Ghani said he had stepped down to prevent any bloodshed and "
    "subsequently fled the country.",
    'Vice President Amrullah Saleh said that under the constitution, he becomes "the caretaker '
    'president" in the absence of the president and called for armed resistance against the '
    "Taliban.",
    "The northern province of Panjshir is the only pocket of resistance to the Taliban.",
    "It is led by Ahmad Massoud, a son of Ahmad Shah Massoud (1953-2001), a once influential "
    "leader of Afghanistan’s Tajik community who fought against the Taliban back in the 1990s.",
)
"""The seed's body as the project's source file holds it, sentence by sentence (s1…s12)."""


def _seed() -> str:
    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed not found at {SEED}: CI must have shared/ beside the repository")
        pytest.skip(f"seed not found at {SEED} (shared/ is expected beside the repository)")
    return SEED.read_text(encoding="utf-8")


def test_seed_body_sentences() -> None:
    body = _seed().split("/TASS/. ", 1)[1]
    sentences = segment(body)
    check_invariants(body, sentences)
    assert tuple(s.text for s in sentences) == SEED_BODY_SENTENCES


def test_raw_seed_keeps_the_dateline_apart() -> None:
    raw = _seed()
    sentences = segment(raw)
    check_invariants(raw, sentences)
    assert sentences[0].text == "date 2021-09-05 CAIRO, September 5. /TASS/."
    assert tuple(s.text for s in sentences[1:]) == SEED_BODY_SENTENCES
