"""Generate a synthetic explainer project with N entities, for benchmarks.

    python bench/generate.py N DIR [--seed 1]

Half the entities are actors, a fifth places (in a part_of tree), the rest events; each has
three facts citing quotes from its sources by exact words, cross-references to other entities
and a relation. One source of 60 sentences per 25 entities. Deterministic for a given N and
seed: the same command makes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

WORDS = (
    "officials commanders fighters talks ceasefire province district council spokesman "
    "resistance government forces negotiations statement report region capital offensive "
    "withdrawal leaders delegation agreement control valley"
).split()
SENTENCES_PER_SOURCE = 60
ENTITIES_PER_SOURCE = 25


def _sentence(rng: random.Random, source: int, index: int) -> str:
    words = rng.sample(WORDS, 6)
    return (
        f"Report {source}-{index} says the {words[0]} and {words[1]} of unit {index * 7 + source}"
        f" discussed {words[2]} near the {words[3]} on day {index}, according to {words[4]}."
    )


def _quote(source: int, index: int) -> str:
    return f"Report {source}-{index} says the"


def generate(n: int, root: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    for folder in ("actors", "provinces", "events", "sources", "pages"):
        (content / folder).mkdir(parents=True)
    (content / "site.yaml").write_text(
        f'title: "Benchmark explainer, {n} entities"\nlanguage: en\n', encoding="utf-8"
    )
    n_sources = max(1, n // ENTITIES_PER_SOURCE)
    for s in range(n_sources):
        paragraphs = []
        for p in range(0, SENTENCES_PER_SOURCE, 6):
            paragraphs.append(" ".join(_sentence(rng, s, i) for i in range(p + 1, p + 7)))
        (content / "sources" / f"source-{s}.txt").write_text(
            "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        (content / "sources" / f"source-{s}.yaml").write_text(
            f'title: "Synthetic report {s}"\npublisher: Bench Agency\npublished: "2021-09-05"\n'
            f'url: "https://example.org/reports/{s}"\nlanguage: en\n',
            encoding="utf-8",
        )
    n_actors, n_places = n // 2, n // 5
    n_events = n - n_actors - n_places
    actors = [f"actor-{i}" for i in range(n_actors)]
    places = [f"place-{i}" for i in range(n_places)]
    events = [f"event-{i}" for i in range(n_events)]
    everything = actors + places + events

    def cite(k: int) -> str:
        source = k % n_sources
        sentence = rng.randrange(1, SENTENCES_PER_SOURCE + 1)
        quote = json.dumps(_quote(source, sentence))
        return f"      - source: source-{source}\n        quote: {quote}\n"

    def facts(k: int, entity_id: str) -> str:
        out = "facts:\n"
        for f in range(3):
            other = rng.choice(everything)
            out += (
                f"  - text: Statement {f} about {entity_id} mentions [{other}](@{other}).\n"
                f"    cite:\n{cite(k)}"
            )
        return out

    for k, actor in enumerate(actors):
        other = actors[(k + 1) % len(actors)]
        text = (
            f'name: Actor {k}\nkind: person\naliases: ["Actor number {k}"]\n'
            f"summary: A synthetic actor linked to [{other}](@{other}).\n"
            f"relations:\n  - type: allied-with\n    target: {other}\n    cite:\n{cite(k)}"
            + facts(k, actor)
        )
        (content / "actors" / f"{actor}.yaml").write_text(text, encoding="utf-8")
    for k, place in enumerate(places):
        parent = f"part_of: place-{(k - 1) // 4}\n" if k else ""
        text = f"name: Place {k}\nkind: district\n{parent}summary: A synthetic place.\n"
        (content / "provinces" / f"{place}.yaml").write_text(text + facts(k, place), "utf-8")
    for k, event in enumerate(events):
        day = 1 + k % 28
        text = (
            f'name: Event {k}\ndate:\n  value: "2021-08-{day:02d}"\n  cite:\n{cite(k)}'
            f"actors: [{actors[k % len(actors)]}]\nplaces: [{places[k % len(places)]}]\n"
            f"summary: A synthetic event.\n"
        )
        (content / "events" / f"{event}.yaml").write_text(text + facts(k, event), "utf-8")
    (content / "pages" / "story.md").write_text(
        "---\ntitle: The story\norder: 1\n---\n\nA synthetic story citing a source"
        f' [^source-0 "{_quote(0, 1)}"].\n',
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.n, args.dir, args.seed)


if __name__ == "__main__":
    main()
