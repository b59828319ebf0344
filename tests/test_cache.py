"""The check cache kept between runs (generator/cache.py): a warm run prints and builds exactly
what a cold one does, sees every edit, and a cache that is damaged, foreign or unwritable
is no cache."""

from __future__ import annotations

import importlib
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_cases import NAMES, prepare
from test_diff import new_repo

import generator.cache as cache_module
from generator.cache import (
    MAGIC,
    REWRITE_SHARE,
    cache_path,
    compiled_path,
    open_memo,
    render_path,
)
from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.pipeline import site_rebuilder

from conftest import snapshot

NRF = Path("content/actors/nrf.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def edit(project: Path, rel: Path, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def memo_sizes(project: Path) -> tuple[int, int]:
    """(files, validated values) in the project's cache."""
    memo = open_memo(project)
    return len(memo.load.records), len(memo.validate.made)


@pytest.mark.parametrize("name", NAMES)
def test_a_warm_check_prints_what_a_cold_check_prints(
    name: str, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = prepare(name, tmp_path)
    for fmt in ("text", "json"):
        cold = run(capsys, "check", "--no-cache", "--format", fmt, str(project))
        filling = run(capsys, "check", "--format", fmt, str(project))
        warm = run(capsys, "check", "--format", fmt, str(project))
        assert cold[0] == 1
        assert filling == cold
        assert warm == cold
    assert cache_path(project).is_file()


def test_the_default_content_warm_and_cold(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cold = run(capsys, "build", "--no-cache", str(project_dir), "-o", str(tmp_path / "cold"))
    assert not cache.exists(), "--no-cache wrote a cache"
    filling = run(capsys, "build", str(project_dir), "-o", str(tmp_path / "filling"))
    warm = run(capsys, "build", str(project_dir), "-o", str(tmp_path / "warm"))
    assert cold[0] == filling[0] == warm[0] == 0
    assert cold[2] == filling[2] == warm[2]
    assert snapshot(tmp_path / "cold") == snapshot(tmp_path / "warm")
    assert snapshot(tmp_path / "cold") == snapshot(tmp_path / "filling")
    files = len(list((project_dir / "content").rglob("*.*")))
    assert memo_sizes(project_dir)[0] == files
    kept = sorted(p.name for p in cache.iterdir())
    names = [cache_path(project_dir).name, render_path(project_dir).name, compiled_path().name]
    assert kept == sorted(names)


def test_the_cache_lives_outside_the_project(
    project_dir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project_dir)
    assert run(capsys, "check", str(project_dir))[0] == 0
    assert snapshot(project_dir) == before
    assert cache_path(project_dir).parent == cache
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


def test_every_edit_is_seen(
    project_dir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", str(project_dir))[0] == 0
    edit(project_dir, NRF, "name:", "nmae:")
    code, _, err = run(capsys, "check", str(project_dir))
    assert code == 1 and "error[E101]: unknown key 'nmae'" in err
    edit(project_dir, NRF, "nmae:", "name:")
    assert run(capsys, "check", str(project_dir)) == (0, "ok\n", "")
    # a source edit reaches the citations of files that did not change
    text = project_dir / "content" / "sources" / "tass-2021-09-05.txt"
    text.write_text(text.read_text("utf-8").replace("ceasefire", "truce"), "utf-8")
    code, _, err = run(capsys, "check", str(project_dir))
    assert code == 1 and "error[E301]" in err and "content/actors/" in err
    assert err == run(capsys, "check", "--no-cache", str(project_dir))[2]


def test_a_source_whose_text_comes_later(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source's metadata is validated against its text: the same metadata bytes with a new
    text are validated again."""
    text = project_dir / "content" / "sources" / "tass-2021-09-05.txt"
    kept = tmp_path / "kept.txt"
    shutil.move(text, kept)
    code, _, err = run(capsys, "check", str(project_dir))
    assert code == 1 and "error[E010]" in err
    shutil.move(kept, text)
    assert run(capsys, "check", str(project_dir)) == (0, "ok\n", "")


def test_an_unchanged_run_writes_nothing_and_a_change_prunes(
    project_dir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", str(project_dir))[0] == 0
    path = cache_path(project_dir)
    before = path.stat()
    files, values = memo_sizes(project_dir)
    assert run(capsys, "check", str(project_dir))[0] == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    extra = project_dir / "content" / "actors" / "extra-actor.yaml"
    extra.write_text("name: Extra\nkind: person\n", "utf-8")
    run(capsys, "check", str(project_dir))
    assert memo_sizes(project_dir) == (files + 1, values + 1)
    extra.unlink()
    assert run(capsys, "check", str(project_dir))[0] == 0
    assert memo_sizes(project_dir) == (files, values)


def test_a_few_changes_in_a_large_project_are_not_worth_writing_the_cache(
    tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str], bench: None
) -> None:
    """A cache is written again only when at least one entry in REWRITE_SHARE changed: an
    edit to one file of 200 is checked again by every run until edits add up to enough."""
    from generate import generate

    project = tmp_path / "p"
    generate(200, project)
    assert run(capsys, "check", str(project))[0] == 0
    path = cache_path(project)
    written = path.stat().st_mtime_ns
    actors = sorted((project / "content" / "actors").glob("*.yaml"))
    edits = 0
    for actor in actors[:40]:
        edit(project, actor.relative_to(project), "text: Statement", "text: Another statement")
        edits += 1
        afresh = run(capsys, "check", "--no-cache", str(project))
        assert run(capsys, "check", str(project)) == afresh
        if path.stat().st_mtime_ns != written:
            break
    # each edit changes a file's entry in four stages, and drops its old one from each
    memo = open_memo(project)
    assert edits > 1, "one edit was worth writing"
    assert (edits - 1) * 8 < memo.size / REWRITE_SHARE <= edits * 8
    assert memo.changes == 0


@pytest.mark.parametrize(
    "damage",
    ["garbage after the header", "truncated", "empty", "another version", "not a pickle"],
)
def test_a_damaged_cache_is_no_cache(
    damage: str, project_dir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = run(capsys, "check", "--no-cache", str(project_dir))
    assert run(capsys, "check", str(project_dir)) == expected
    path = cache_path(project_dir)
    data = path.read_bytes()
    head = len(MAGIC) + 32
    damaged = {
        "garbage after the header": data[:head] + b"\x80\x05garbage" * 50,
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "another version": data[: len(MAGIC)] + bytes(32) + data[head:],
        "not a pickle": b"hello",
    }[damage]
    path.write_bytes(damaged)
    assert memo_sizes(project_dir) == (0, 0)
    assert run(capsys, "check", str(project_dir)) == expected
    assert memo_sizes(project_dir)[0] > 0, "the damaged cache was not replaced"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_others_may_write_is_ignored(
    project_dir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", str(project_dir))[0] == 0
    assert memo_sizes(project_dir) != (0, 0)
    cache_path(project_dir).chmod(0o666)
    assert memo_sizes(project_dir) == (0, 0)
    assert run(capsys, "check", str(project_dir)) == (0, "ok\n", "")


def test_an_unwritable_cache_folder_changes_nothing(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(blocker / "cache"))
    code, out, err = run(capsys, "build", str(project_dir), "-o", str(tmp_path / "out"))
    assert code == 0 and err == "" and out.startswith("built ")
    assert blocker.read_text("utf-8") == "not a folder"


def test_the_cache_folder_by_environment(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EXPLAINER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_path(project_dir).parent == tmp_path / "xdg" / "explainer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_path(project_dir).parent == tmp_path / "home" / ".cache" / "explainer"
    other = tmp_path / "other"
    assert cache_path(other) != cache_path(project_dir)


def test_a_warm_diff_is_the_cold_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    repo = new_repo(tmp_path, monkeypatch)
    edit(repo.path, NRF, "Demanded that", "Demanded once more that")
    repo.commit("edit")
    edit(repo.path, Path("content/sources/tass-2021-09-05.txt"), "ceasefire", "truce")
    args = ("diff", "HEAD~1", "--project", str(repo.path), "--format", "json")
    assert run(capsys, *args)[0] == 1  # the working tree's citations of the edited sentence
    assert not cache.exists(), "a diff wrote the cache"
    assert run(capsys, "check", str(repo.path))[0] == 1  # fills the cache
    written = cache_path(repo.path).stat().st_mtime_ns
    for revisions in (("HEAD~1", "HEAD"), ("HEAD~1",), ("HEAD", "HEAD~1")):
        args = ("diff", *revisions, "--project", str(repo.path), "--format", "json")
        cold = run(capsys, *args, "--no-cache")
        assert run(capsys, *args) == cold
    assert cache_path(repo.path).stat().st_mtime_ns == written


def test_serve_rebuilds_reuse_and_see_edits(project_dir: Path) -> None:
    rebuild = site_rebuilder(project_dir)
    first = rebuild(Diagnostics())
    assert first is not None
    edit(project_dir, NRF, "Demanded that", "Demanded once more that")
    second = rebuild(Diagnostics())
    assert second is not None
    changed = {p for p in first if first[p] != second.get(p)}
    assert "actors/nrf.html" in changed
    assert b"Demanded once more that" in second["actors/nrf.html"]
    edit(project_dir, NRF, "Demanded once more that", "Demanded that")
    assert rebuild(Diagnostics()) == first


def test_serve_starts_from_the_cache(
    project_dir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", str(project_dir))[0] == 0
    written = cache_path(project_dir).stat().st_mtime_ns
    memo = open_memo(project_dir)
    assert memo.validate.made
    warm = site_rebuilder(project_dir, memo=memo)(Diagnostics())
    assert warm is not None and warm == site_rebuilder(project_dir)(Diagnostics())
    assert cache_path(project_dir).stat().st_mtime_ns == written


def test_a_build_process_uses_the_cache(project_dir: Path, tmp_path: Path, cache: Path) -> None:
    """Whole processes, as users run them: the second build reads the first one's cache."""
    command = [sys.executable, "-m", "generator", "build", str(project_dir), "--timings"]
    env = {**os.environ, "EXPLAINER_CACHE_DIR": str(cache)}
    outputs = []
    for name in ("one", "two"):
        done = subprocess.run(
            [*command, "-o", str(tmp_path / name)], capture_output=True, text=True, env=env,
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done.stderr)
    assert "cache" in outputs[1]
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert memo_sizes(project_dir)[0] == len(list((project_dir / "content").rglob("*.*")))


def test_model_values_are_restored_field_by_field(project_dir: Path) -> None:
    """The cache pickles frozen dataclasses as class and fields (the faster way to read);
    what comes back equals what went in."""
    from generator import cache
    from generator.pipeline import check

    site = check(project_dir, Diagnostics())
    assert site is not None and cache._DATACLASS_SETSTATE is not None
    values = (site.content, dict(site.sentences), dict(site.citations))
    data = cache._dumps(values)
    assert b"_restore" in data
    back = pickle.loads(data)
    assert back == values
    # fields left out of equality (a date's computed forms) come back too
    dates = [(e.date.value.iso, e.date.value.display) for e in site.content.events]
    assert [(e.date.value.iso, e.date.value.display) for e in back[0].events] == dates


def test_the_code_stamp_follows_the_installed_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installing a library again (another version, or the same) replaces its files: a cache
    written with the files as they were is then another code's cache. A library that is not
    installed stamps as such, and the stamp is the same from one call to the next."""
    package = tmp_path / "stamped_library"
    package.mkdir()
    init = package / "__init__.py"
    init.write_text("VERSION = 1\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cache_module, "LIBRARIES", ("stamped_library", "no_such_library_here"))
    stamp = cache_module.code_stamp.__wrapped__
    first = stamp()
    assert stamp() == first
    init.write_text("VERSION = 22\n", "utf-8")
    assert stamp() != first
    second = stamp()
    os.utime(init, ns=(1_000_000_000, 1_000_000_000))
    assert stamp() != second
    shutil.rmtree(package)
    importlib.invalidate_caches()
    assert stamp() not in (first, second)
