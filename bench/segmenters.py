"""Compare sentence segmenters on the fixture cases, the seed and a large synthetic text.

Run from the repository root (pySBD and syntok come with the ``dev`` extra)::

    .venv/bin/python -m bench.segmenters [--runs 5] [--size 1000000]

For each candidate it prints how many fixture cases (``tests/fixtures/segment.txt``) it gets
exactly right, whether it splits the seed's body into the sentences that
``tests/test_segment.py`` expects, and its speed: the median of ``--runs`` timed runs over all
fixture inputs (µs per case) and over a synthetic news text of ``--size`` characters (KB/s,
1 KB = 1,000 characters). The synthetic text repeats the fixture's and the seed's sentences in
a seeded random order, in paragraphs of two to six sentences. Each library's sentences are
mapped back to the original text and compared as stripped strings.
"""

from __future__ import annotations

import argparse
import importlib
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_83f70abcbde0c6a6.txt"

Segmenter = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Result:
    """One candidate's measurements."""

    name: str
    score: int
    cases: int
    seed_exact: bool
    seed_count: int
    us_per_case: float
    kb_per_s: float


def explainer_segmenter() -> Segmenter:
    from generator.segment import segment

    return lambda text: [s.text for s in segment(text)]


def pysbd_segmenter() -> Segmenter:
    import pysbd  # type: ignore[import-untyped]

    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)

    def run(text: str) -> list[str]:
        # Without char_span pySBD returns the text's own pieces; keep the non-blank ones.
        return [s.strip() for s in seg.segment(text) if s.strip()]

    return run


def syntok_segmenter() -> Segmenter:
    from syntok import segmenter  # type: ignore[import-untyped]

    def run(text: str) -> list[str]:
        sentences: list[str] = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                sentences.append(text[start:end].strip())
        return [s for s in sentences if s]

    return run


_NAIVE = re.compile(r"(?<=[.?!…])[\"'”’)\]]*\s+|\n\s*\n")


def naive_segmenter() -> Segmenter:
    """A baseline: split after every . ? ! … followed by white space, and at blank lines."""

    def run(text: str) -> list[str]:
        pieces: list[str] = []
        start = 0
        for m in _NAIVE.finditer(text):
            pieces.append(text[start : m.start() + len(m.group().rstrip())].strip())
            start = m.end()
        pieces.append(text[start:].strip())
        return [p for p in pieces if p]

    return run


CANDIDATES: tuple[tuple[str, Callable[[], Segmenter]], ...] = (
    ("explainer (generator.segment)", explainer_segmenter),
    ("pySBD 0.3.4", pysbd_segmenter),
    ("syntok 1.4.4", syntok_segmenter),
    ("naive regex baseline", naive_segmenter),
)


def synthetic_text(sentences: Sequence[str], size: int, seed: int = 5) -> str:
    """News-like text of at least ``size`` characters from ``sentences``, deterministically."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def measure(
    name: str,
    run: Segmenter,
    cases: Sequence[tuple[str, tuple[str, ...]]],
    seed: tuple[str, tuple[str, ...]] | None,
    big: str,
    runs: int,
) -> Result:
    score = sum(1 for text, expected in cases if tuple(run(text)) == expected)
    seed_exact = False
    seed_out: list[str] = []
    if seed is not None:
        seed_out = run(seed[0])
        seed_exact = tuple(seed_out) == seed[1]
    inputs = [text for text, _ in cases]
    per_case = median_seconds(lambda: [run(text) for text in inputs], runs) / len(inputs)
    big_seconds = median_seconds(lambda: run(big), runs)
    return Result(
        name=name,
        score=score,
        cases=len(cases),
        seed_exact=seed_exact,
        seed_count=len(seed_out),
        us_per_case=per_case * 1e6,
        kb_per_s=len(big) / big_seconds / 1e3,
    )


def format_table(results: Sequence[Result], big: int, runs: int) -> str:
    lines = [
        f"| segmenter | fixture score | seed body | µs/case (fixture) "
        f"| KB/s ({big:,} chars, median of {runs}) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in results:
        seed = f"{'exact' if r.seed_exact else 'differs'} ({r.seed_count} sentences)"
        lines.append(
            f"| {r.name} | {r.score}/{r.cases} | {seed} | {r.us_per_case:,.1f} "
            f"| {r.kb_per_s:,.0f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")
    parser.add_argument("--size", type=int, default=1_000_000, help="synthetic text length")
    parser.add_argument("--failures", action="store_true", help="list each candidate's misses")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    fixture = importlib.import_module("tests.test_segment")
    cases = [(case.text, case.expected) for case in fixture.read_cases()]
    titles = [case.title for case in fixture.read_cases()]
    seed: tuple[str, tuple[str, ...]] | None = None
    if SEED.is_file():
        body = SEED.read_text(encoding="utf-8").split("/TASS/. ", 1)[1]
        seed = (body, tuple(fixture.SEED_BODY_SENTENCES))
    pool = [s for _, expected in cases for s in expected if "\n" not in s and len(s) > 20]
    pool += list(fixture.SEED_BODY_SENTENCES)
    big = synthetic_text(pool, args.size)

    results = []
    for name, make in CANDIDATES:
        run = make()
        results.append(measure(name, run, cases, seed, big, args.runs))
        if args.failures:
            for title, (text, expected) in zip(titles, cases, strict=True):
                if tuple(run(text)) != expected:
                    print(f"  {name} misses {title!r}: {run(text)!r}")
    print(format_table(results, len(big), args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
