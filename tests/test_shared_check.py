"""The check ``diff`` runs: content read from memory (``check_files``) and work shared between
checks (``CheckMemo``) give exactly the diagnostics and the fact graph of a plain ``check`` of
the same files on disk, for the default content and every invalid project of ``tests/cases``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from regenerate_cases import case_names, prepare

from generator import citations as citations_module
from generator import link as link_module
from generator.diagnostics import Diagnostics, format_text
from generator.graph import graph_json
from generator.memo import CheckMemo
from generator.pipeline import SharedChecker, check, check_files

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


def checks_as_afresh(checker: SharedChecker, files: dict[str, bytes]) -> str:
    """Check ``files`` with ``checker``, assert that a check without a memo says and makes
    exactly the same, and return what was said."""
    diags, fresh = Diagnostics(), Diagnostics()
    site, expected = checker.files(files, diags), check_files(files, fresh)
    assert printed(diags) == printed(fresh)
    if expected is None:
        assert site is None
    else:
        assert site is not None and graph_json(site) == graph_json(expected)
        assert site.mentions == expected.mentions
    return printed(diags)


def test_an_unchanged_entity_sees_what_its_references_now_name(project_dir: Path) -> None:
    """An entity's references are looked up again when what they name is gone or of another
    kind, although the entity's own file did not change."""
    checker = SharedChecker()
    before = files_of(project_dir)
    assert "error" not in checks_as_afresh(checker, before)
    kabul = "content/provinces/kabul.yaml"
    gone = {k: v for k, v in before.items() if k != kabul}
    said = checks_as_afresh(checker, gone)
    assert "content/actors/nrf.yaml" in said and "error[E201]: unknown" in said
    # 'kabul' is now an actor: the events that are placed there are wrong
    actor = {**gone, "content/actors/kabul.yaml": before["content/actors/ulema-council.yaml"]}
    said = checks_as_afresh(checker, actor)
    assert "content/events/fall-of-kabul.yaml" in said and "error[E202]" in said
    assert "error" not in checks_as_afresh(checker, before)  # and back


def spy(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, say: Any) -> list[str]:
    """Replace ``owner.name`` by itself, noting ``say(*arguments)`` of every call."""
    calls: list[str] = []
    original = getattr(owner, name)

    def noted(*args: Any) -> Any:
        calls.append(say(*args))
        return original(*args)

    monkeypatch.setattr(owner, name, noted)
    return calls


def test_a_second_check_redoes_only_what_an_edit_reaches(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a changed entity is linked again; only its citations are resolved again, or all
    the citations of a source whose text changed."""
    checker = SharedChecker()
    before = files_of(project_dir)
    checks_as_afresh(checker, before)
    linked = spy(monkeypatch, link_module._Linker, "link_entity", lambda _, e: e.id)
    resolved = spy(monkeypatch, citations_module, "_resolve", lambda c, _: c.location.path)
    checks_as_afresh(checker, before)  # the check afresh resolves every citation
    everything = sorted(resolved)
    resolved.clear()
    linked.clear()
    checker.files(before, Diagnostics())
    assert (linked, resolved) == ([], [])
    nrf = "content/actors/nrf.yaml"
    edited = {**before, nrf: before[nrf].replace(b"(@kabul)", b"(@kabul) ", 1)}
    checker.files(edited, Diagnostics())
    assert linked == ["nrf"]
    assert resolved == [nrf] * everything.count(nrf)
    resolved.clear()
    linked.clear()
    source = "content/sources/tass-2021-09-05.txt"
    grown = {**edited, source: b"A new first sentence. " + edited[source]}
    checker.files(grown, Diagnostics())
    assert sorted(resolved) == everything  # every citation is of that source
    assert linked == []


def test_a_source_that_goes_away_is_unknown_to_unchanged_entities(project_dir: Path) -> None:
    checker = SharedChecker()
    before = files_of(project_dir)
    checks_as_afresh(checker, before)
    gone = {k: v for k, v in before.items() if "/sources/" not in k}
    said = checks_as_afresh(checker, gone)
    assert "content/actors/nrf.yaml" in said and "error[E205]: unknown source" in said
    assert "error" not in checks_as_afresh(checker, before)
