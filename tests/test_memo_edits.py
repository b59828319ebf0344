"""Work kept between checks (``memo.CheckMemo``: parsed files, validated values, source
indexes, each entity's resolutions and lookups) never changes a result: along a seeded run of
random edits to the default content — files deleted, copied under another id, moved to another
kind, a fact's words changed, a quote broken, a cross-reference pointed elsewhere, a source's
text grown or cut, YAML broken, a file put back — a check that shares one memo with all the
checks before it says and makes exactly what a check afresh says and makes; and the diff of
each step's two revisions, whose comparison skips the entities that are the very same on
both sides, reports exactly what a comparison of every entity's view reports."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_shared_check import files_of

from generator.diagnostics import Diagnostics, format_text
from generator.diffcompare import compare
from generator.diffformat import format_json
from generator.diffsnap import EMPTY, SnapMemo, Snapshot, snapshot
from generator.graph import graph_json
from generator.model import LinkedSite
from generator.pipeline import SharedChecker, check_files

Files = dict[str, bytes]
SOURCE = "content/sources/tass-2021-09-05.txt"
KINDS = ("actors", "provinces", "events")


def _entities(files: Files) -> list[str]:
    return sorted(k for k in files if k.split("/")[1] in KINDS)


def _delete(rng: random.Random, files: Files, original: Files) -> None:
    del files[rng.choice(_entities(files))]


def _copy(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    files[path.replace(".yaml", f"-{rng.randrange(100)}.yaml")] = files[path]


def _move(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    kind = rng.choice([k for k in KINDS if k != path.split("/")[1]])
    files[f"content/{kind}/{path.rsplit('/', 1)[1]}"] = files.pop(path)


def _reword(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    files[path] = files[path].replace(b"- text: ", b"- text: Reportedly, ", 1)


def _break_quote(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    files[path] = re.sub(rb'quote: "(\w)', rb'quote: "Xq \1', files[path], count=1)


def _retarget(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    target = rng.choice([*(p.rsplit("/", 1)[1][:-5] for p in _entities(files)), "nobody"])
    files[path] = re.sub(rb"\]\(@[a-z0-9-]+\)", f"](@{target})".encode(), files[path], count=1)


def _grow_source(rng: random.Random, files: Files, original: Files) -> None:
    files[SOURCE] = f"A new sentence number {rng.randrange(100)}. ".encode() + files[SOURCE]


def _cut_source(rng: random.Random, files: Files, original: Files) -> None:
    text = files[SOURCE].decode()
    sentences = text.split(". ")
    del sentences[rng.randrange(len(sentences))]
    files[SOURCE] = ". ".join(sentences).encode()


def _break_yaml(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    files[path] = files[path].replace(b"\n", b"\n\t", 1)


def _put_back(rng: random.Random, files: Files, original: Files) -> None:
    gone = sorted(k for k in original if files.get(k) != original[k])
    if gone:
        path = rng.choice(gone)
        files[path] = original[path]


EDITS: list[Callable[[random.Random, Files, Files], None]] = [
    _delete, _copy, _move, _reword, _reword, _break_quote, _retarget, _grow_source,
    _cut_source, _break_yaml, *[_put_back] * 6,
]  # fmt: skip
"""Putting files back is the most likely, so that a run goes in and out of errors."""


def _said(diags: Diagnostics) -> str:
    return format_text(diags.sorted(strict=False))


def _views(site: LinkedSite | None, memo: SnapMemo | None) -> Snapshot:
    return EMPTY if site is None else snapshot(site, memo)


@pytest.mark.parametrize("seed", range(8))
def test_a_shared_memo_gives_what_a_check_afresh_gives_along_random_edits(
    project_dir: Path, seed: int
) -> None:
    rng = random.Random(seed)
    original = files_of(project_dir)
    files = dict(original)
    checker = SharedChecker(partial=True)
    for step in range(16):
        previous = dict(files)
        rng.choice(EDITS)(rng, files, original)
        # the memo sees BASE and HEAD of this step, as a diff does: BASE first, then HEAD
        base = checker.files(previous, Diagnostics())
        diags, fresh = Diagnostics(), Diagnostics()
        head = checker.files(files, diags)
        afresh = check_files(files, fresh, partial=True)
        assert _said(diags) == _said(fresh), f"seed {seed}, step {step}"
        if afresh is None:
            assert head is None
        else:
            assert head is not None
            if not fresh.has_errors():  # a graph with errors is kept for diff, never shown
                assert graph_json(head) == graph_json(afresh), f"seed {seed}, step {step}"
            assert head.mentions == afresh.mentions
            assert dict(head.cited) == dict(afresh.cited)
            assert dict(head.cited_by) == dict(afresh.cited_by)
        # the diff's shortcut (no view for an entity that is the very same on both sides)
        # against views of every entity of checks afresh
        memo = SnapMemo()
        quick = compare(_views(base, memo), _views(head, memo), "BASE", "HEAD")
        before_afresh = check_files(previous, Diagnostics(), partial=True)
        full = compare(_views(before_afresh, None), _views(afresh, None), "BASE", "HEAD")
        assert format_json(quick) == format_json(full), f"seed {seed}, step {step}"
