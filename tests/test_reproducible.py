"""Reviewable output: the same content gives the same bytes, whatever the machine, and an edit
changes only the output files that show what was edited."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from conftest import ROOT, snapshot


def _build_in_process_env(project: Path, out: Path, **env: str) -> dict[str, str]:
    """Build in a fresh process with ``env`` added; the output's snapshot."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict", str(project), "-o", str(out)],
        env={**os.environ, **env}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return snapshot(out)


def _copy_reversed(target: Path) -> Path:
    """A copy of the default content whose files are created in reverse order, with mtimes
    that differ from the original's."""
    files = sorted(p for p in (ROOT / "content").rglob("*") if p.is_file())
    for n, path in enumerate(reversed(files)):
        copy = target / "content" / path.relative_to(ROOT / "content")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
        os.utime(copy, (1_000_000_000 + n * 3600, 1_000_000_000 + n * 3600))
    return target


def test_same_bytes_under_other_hash_seed_locale_time_zone_and_file_order(tmp_path: Path) -> None:
    reference = _build_in_process_env(
        ROOT, tmp_path / "a", PYTHONHASHSEED="0", LC_ALL="C", TZ="UTC"
    )
    other = _copy_reversed(tmp_path / "other")
    variant = _build_in_process_env(
        other, tmp_path / "b", PYTHONHASHSEED="4242", LC_ALL="C.UTF-8", TZ="Asia/Kabul",
        LANG="fa_AF.UTF-8",
    )  # fmt: skip
    assert variant == reference


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    file.write_text(text.replace(old, new), "utf-8")


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (
            "content/actors/ahmad-massoud.yaml",
            "withdrew their forces from the region.",
            "withdrew their forces from that region.",
            {"actors/ahmad-massoud.html", "explainer.json", "search-index.js"},
        ),
        (
            # A contested fact also shows on the page of the fact it disputes.
            "content/provinces/panjshir.yaml",
            "had been driven out of the province.",
            "had been driven out of that province.",
            {"provinces/panjshir.html", "explainer.json", "search-index.js"},
        ),
    ],
)
def test_one_fact_edit_changes_only_the_files_that_show_it(
    project_dir: Path, path: str, old: str, new: str, expected: set[str]
) -> None:
    out = project_dir / "output"
    assert main(["build", "--strict", str(project_dir)]) == 0
    before = snapshot(out)
    _edit(project_dir, path, old, new)
    assert main(["build", "--strict", str(project_dir)]) == 0
    assert _changed(before, snapshot(out)) == expected


def test_whitespace_comments_and_key_order_change_nothing(project_dir: Path) -> None:
    out = project_dir / "output"
    assert main(["build", "--strict", str(project_dir)]) == 0
    before = snapshot(out)
    path = project_dir / "content" / "actors" / "nrf.yaml"
    lines = path.read_text("utf-8").splitlines()
    # Move 'kind' to the end of the top-level keys, add comments and blank lines.
    kind = next(line for line in lines if line.startswith("kind:"))
    lines.remove(kind)
    text = "# a comment\n\n" + "\n".join(lines) + f"\n{kind}   # trailing comment\n\n"
    path.write_text(text, "utf-8")
    assert main(["build", "--strict", str(project_dir)]) == 0
    assert snapshot(out) == before
    shutil.rmtree(out)
