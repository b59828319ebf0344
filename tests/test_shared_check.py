"""The check ``diff`` runs: content read from memory (``check_files``) and work shared between
checks (``CheckMemo``) give exactly the diagnostics and the fact graph of a plain ``check`` of
the same files on disk, for the default content and every invalid project of ``tests/cases``."""

from __future__ import annotations

from pathlib import Path

import pytest
from regenerate_cases import case_names, prepare

from generator.diagnostics import Diagnostics, format_text
from generator.graph import graph_json
from generator.pipeline import CheckMemo, SharedChecker, check, check_files

# What a folder on disk can hold and bytes from git cannot: symbolic links.
DISK_ONLY = {"symlink-outside", "broken-symlink"}


def files_of(project: Path) -> dict[str, bytes]:
    """``content/…`` → bytes of every regular file, as ``gitread`` gives a revision."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted((project / "content").rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def printed(diags: Diagnostics) -> str:
    return format_text(diags.sorted(strict=False))


def plain_check(project: Path) -> tuple[str, bytes | None]:
    diags = Diagnostics()
    site = check(project, diags)
    return printed(diags), graph_json(site) if site else None


@pytest.mark.parametrize("name", sorted(set(case_names()) - DISK_ONLY))
def test_a_case_checked_from_memory_says_what_a_check_on_disk_says(
    tmp_path: Path, name: str
) -> None:
    project = prepare(name, tmp_path)
    expected, _ = plain_check(project)
    assert "error[" in expected
    diags = Diagnostics()
    assert check_files(files_of(project), diags) is None
    assert printed(diags) == expected


def test_default_content_from_memory_gives_the_same_graph(project_dir: Path) -> None:
    expected, graph = plain_check(project_dir)
    assert graph is not None
    diags = Diagnostics()
    site = check_files(files_of(project_dir), diags)
    assert site is not None and graph_json(site) == graph
    assert printed(diags) == expected


@pytest.mark.parametrize("name", ["many-errors", "quote-not-found", "unknown-id-did-you-mean"])
def test_a_shared_memo_repeats_every_diagnostic(tmp_path: Path, name: str) -> None:
    project = prepare(name, tmp_path)
    expected, _ = plain_check(project)
    checker = SharedChecker(CheckMemo())
    for _ in range(2):  # the second run takes everything from the memo
        diags = Diagnostics()
        assert checker.tree(project, diags) is None
        assert printed(diags) == expected
        diags = Diagnostics()
        assert checker.files(files_of(project), diags) is None
        assert printed(diags) == expected
    assert checker.memo.load.records  # the memo was used


def test_a_shared_memo_notices_a_changed_file(project_dir: Path) -> None:
    checker = SharedChecker()
    before = files_of(project_dir)
    assert checker.files(before, Diagnostics()) is not None
    nrf = "content/actors/nrf.yaml"
    after = {**before, nrf: before[nrf].replace(b"(@kabul)", b"(@kabull)", 1)}
    assert after[nrf] != before[nrf]
    diags = Diagnostics()
    assert checker.files(after, diags) is None
    assert "did you mean 'kabul'?" in printed(diags)
    diags = Diagnostics()
    assert checker.files(before, diags) is not None  # and back
    assert diags.error_count == 0
