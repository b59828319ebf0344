"""Time the closest-passage hint of a failed quote on a large synthetic source.

Builds, deterministically, a source of 5,000 news-like sentences (about 700 KB, with curly
quotes, hard-wrapped lines and paragraphs), indexes it once, then resolves quotes that are
*not* in it: copies of real passages with one typo, a dropped or swapped word, changed case,
a span over two sentences, and unrelated text. For each it times ``resolve_citation`` (which
raises E301 with the hint) and checks that the passage shown overlaps the one the quote was
made from.

    .venv/bin/python bench/closest_passage.py [--sentences N] [--quotes N] [--compare]

``--compare`` also times other rapidfuzz scorers for the sentence search, with their hit rate.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from rapidfuzz import fuzz, process

from generator.cite import SourceIndex, closest_passage, index_source, resolve_citation
from generator.diagnostics import ContentError, Location
from generator.model import CiteSpec, PartialDate, Sentence, Source

SEED = 20210905
SYLLABLES = (
    "ka ta ri mo lu sen dar pan jir ah mad mas soud tal ib an kab ul res ist fro nat ion al pro"
    " vin gov ern for lead er sa lim ba sha raf zai qa di hel man gar dez kun duz"
).split()
COMMON = "the of and to in a that is was he for on with as by said at from its it".split()


def make_source(sentences: int, rng: random.Random) -> tuple[str, tuple[Sentence, ...]]:
    """A deterministic text of ``sentences`` sentences and their offsets."""
    vocabulary = sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(6000)}
    )
    parts: list[str] = []
    spans: list[Sentence] = []
    at = 0
    for index in range(1, sentences + 1):
        words = [
            rng.choice(COMMON) if rng.random() < 0.3 else rng.choice(vocabulary)
            for _ in range(rng.randint(10, 26))
        ]
        words[0] = words[0].capitalize()
        if rng.random() < 0.2:
            i = rng.randrange(1, len(words))
            words[i] = f"“{words[i]}’s”"
        if rng.random() < 0.3:
            words[rng.randrange(1, len(words))] += ","
        body = " ".join(words) + "."
        if rng.random() < 0.3:  # a hard-wrapped line inside the sentence
            cut = body.index(" ", len(body) // 2)
            body = body[:cut] + "\n" + body[cut + 1 :]
        spans.append(Sentence(index, at, at + len(body), body))
        gap = "\n\n" if index % 5 == 0 else " "
        parts.append(body + gap)
        at += len(body) + len(gap)
    return "".join(parts), tuple(spans)


def mutate(words: list[str], rng: random.Random) -> list[str]:
    """One small change a person might make when copying a passage."""
    words = list(words)
    kind = rng.choice(("typo", "drop", "swap", "case"))
    i = rng.randrange(len(words))
    if kind == "typo" and len(words[i]) > 3:
        j = rng.randrange(1, len(words[i]) - 1)
        words[i] = words[i][:j] + words[i][j + 1 :]
    elif kind == "drop" and len(words) > 4:
        del words[i]
    elif kind == "swap" and len(words) > 2:
        j = min(i + 1, len(words) - 1)
        words[i], words[j] = words[j], words[i]
    else:
        words[i] = words[i].upper()
    return words


def make_quotes(
    text: str, sentences: tuple[Sentence, ...], count: int, rng: random.Random
) -> list[tuple[str, tuple[int, int]]]:
    """Failed quotes with the original span each was made from (empty for unrelated text)."""
    quotes: list[tuple[str, tuple[int, int]]] = []
    while len(quotes) < count:
        k = rng.randrange(len(sentences) - 1)
        if len(quotes) % 10 == 9:  # unrelated text
            words = [rng.choice(SYLLABLES) * 2 for _ in range(rng.randint(4, 10))]
            quotes.append((" ".join(words), (0, 0)))
            continue
        if len(quotes) % 10 == 8:  # over two sentences
            start, end = sentences[k].end - 30, sentences[k + 1].start + 30
        else:
            s = sentences[k]
            start = rng.randrange(s.start, max(s.start + 1, s.end - 60))
            end = min(s.end, start + rng.randint(25, 160))
        words = text[start:end].split()[1:-1]  # whole words only
        if len(words) < 3:
            continue
        quote = " ".join(mutate(words, rng))
        if quote not in " ".join(text.split()):
            quotes.append((quote, (start, end)))
    return quotes


def run(index: SourceIndex, quotes: list[tuple[str, tuple[int, int]]]) -> None:
    times: list[float] = []
    hits = 0
    related = 0
    for quote, (start, end) in quotes:
        spec = CiteSpec(index.source.id, quote, None, Location("bench.yaml", 1, 1))
        began = time.perf_counter()
        try:
            resolve_citation(spec, index)
        except ContentError as error:
            hint = error.diagnostic.hint
        else:
            raise SystemExit(f"quote unexpectedly found: {quote!r}")
        times.append((time.perf_counter() - began) * 1000)
        if end:
            related += 1
            shown = hint.split('"')[1].rstrip("…")
            words = shown.split()[1:-1] or shown.split()
            hits += any(w in " ".join(index.source.text[start:end].split()) for w in words[:3])
    times.sort()
    print(
        f"resolve_citation, failed quote: median {statistics.median(times):.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms "
        f"({len(times)} quotes)"
    )
    print(f"closest passage from the quote's origin: {hits}/{related}")


def compare(index: SourceIndex, quotes: list[tuple[str, tuple[int, int]]]) -> None:
    """Other scorers for the sentence search: time per quote and hit rate."""
    scorers: dict[str, Callable[..., float]] = {
        "partial_ratio": fuzz.partial_ratio,
        "ratio": fuzz.ratio,
        "token_set_ratio": fuzz.token_set_ratio,
        "partial_token_set_ratio": fuzz.partial_token_set_ratio,
        "WRatio": fuzz.WRatio,
    }
    related = [(q, span) for q, span in quotes if span[1]]
    began = time.perf_counter()
    hits = 0
    for quote, (start, end) in related:
        found = closest_passage(quote, index)
        hits += found is not None and found[0] < end and found[1] > start
    spent = (time.perf_counter() - began) * 1000 / len(related)
    label = "closest_passage (used)"
    print(f"  {label:24} {spent:6.1f} ms/quote   right passage  {hits}/{len(related)}")
    for name, scorer in scorers.items():
        began = time.perf_counter()
        hits = 0
        for quote, (start, end) in related:
            best = process.extractOne(quote, index.norm_sentences, scorer=scorer)
            sentence = index.sentences[best[2]]
            hits += sentence.start < end and sentence.end > start
        spent = (time.perf_counter() - began) * 1000 / len(related)
        print(f"  {name:24} {spent:6.1f} ms/quote   right sentence {hits}/{len(related)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    rng = random.Random(SEED)
    text, sentences = make_source(args.sentences, rng)
    source = Source(
        "bench", "Bench", "bench", PartialDate(2021, 9, 5), "", "en", "", "", text,
        Location("bench.yaml"), "bench.txt",
    )  # fmt: skip
    began = time.perf_counter()
    index = index_source(source, sentences)
    print(
        f"source: {len(sentences)} sentences, {len(text) / 1000:.0f} kB; "
        f"index_source {(time.perf_counter() - began) * 1000:.0f} ms"
    )
    quotes = make_quotes(text, sentences, args.quotes, rng)
    run(index, quotes)
    if args.compare:
        print("closest_passage alone, then the sentence search with process.extractOne")
        print("over all normalised sentences and other scorers:")
        compare(index, quotes)


if __name__ == "__main__":
    main()
