"""``build`` with the cache renders again only the pages whose inputs changed (``rendermemo``,
kept beside the check cache, ``cache.open_render``), and still writes exactly what a build
afresh writes: after edits, after pages of the output were changed or deleted by hand, with a
memo of another output folder, and with a damaged memo."""

from __future__ import annotations

import os
import pickle
import re
import stat
import time
from pathlib import Path

import pytest
from test_cache import edit, run

from generator.cache import RENDER_MAGIC, compiled_path, open_render, render_path
from generator.pipeline import BUILTIN_THEMES
from generator.write import file_stamp

from conftest import snapshot

NRF = Path("content/actors/nrf.yaml")


def _build(capsys: pytest.CaptureFixture[str], project: Path, output: Path, *more: str) -> str:
    code, out, err = run(capsys, "build", str(project), "-o", str(output), "--timings", *more)
    assert code == 0, err
    return out


def _afresh(capsys: pytest.CaptureFixture[str], project: Path, tmp_path: Path) -> dict[str, bytes]:
    _build(capsys, project, tmp_path / "afresh", "--no-cache")
    return snapshot(tmp_path / "afresh")


def test_an_incremental_build_writes_what_a_build_afresh_writes(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    _build(capsys, project_dir, output)
    memo = open_render(project_dir, output)
    assert "actors/nrf.html" in memo.pages and "explainer.json" in memo.pages
    inode = (output / "events/fall-of-kabul.html").stat().st_ino
    edit(project_dir, NRF, "Demanded that", "Demanded once more that")
    code, _, err = run(capsys, "build", str(project_dir), "-o", str(output), "--timings")
    assert code == 0
    made = re.search(r"^  rendered (\d+) of (\d+) files, the rest as they were$", err, re.M)
    assert made is not None and 0 < int(made[1]) < int(made[2]) // 2, err
    assert snapshot(output) == _afresh(capsys, project_dir, tmp_path)
    assert b"Demanded once more that" in (output / "actors/nrf.html").read_bytes()
    # a page that shows nothing of the edit is the very file it was
    assert (output / "events/fall-of-kabul.html").stat().st_ino == inode
    after = open_render(project_dir, output)
    assert after.pages["actors/nrf.html"] != memo.pages["actors/nrf.html"]
    assert after.pages["events/fall-of-kabul.html"] == memo.pages["events/fall-of-kabul.html"]
    # what recognises each page next time is the stamp of the file as written
    for path in ("actors/nrf.html", "events/fall-of-kabul.html", "explainer.json"):
        assert after.pages[path][1] == file_stamp(os.stat(output / path)), path


@pytest.mark.parametrize("change", ["changed", "same size", "deleted", "made a link"])
def test_a_page_changed_in_the_output_by_hand_is_made_again(
    change: str, project_dir: Path, tmp_path: Path, cache: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    output = tmp_path / "out"
    _build(capsys, project_dir, output)
    page = output / "actors/nrf.html"
    if change == "changed":
        page.write_bytes(page.read_bytes().replace(b"National", b"Nationwide"))
    elif change == "same size":  # in place: the same file, of the same size, at a later time
        time.sleep(0.05)  # (file times move in steps of a few milliseconds)
        with open(page, "r+b") as file:
            data = file.read()
            file.seek(0)
            file.write(data.replace(b"National", b"Nxtional"))
    elif change == "deleted":
        page.unlink()
    else:  # a link to a file with the very bytes: not a file of the output
        elsewhere = tmp_path / "nrf.html"
        elsewhere.write_bytes(page.read_bytes())
        page.unlink()
        os.symlink(elsewhere, page)
    _build(capsys, project_dir, output)
    assert snapshot(output) == _afresh(capsys, project_dir, tmp_path)
    assert not page.is_symlink()


def test_a_memo_of_another_output_folder_is_not_used(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    _build(capsys, project_dir, one)
    assert open_render(project_dir, one).pages
    _build(capsys, project_dir, two)
    assert not open_render(project_dir, one).pages
    assert open_render(project_dir, two).pages
    edit(project_dir, NRF, "Demanded that", "Demanded once more that")
    (one / "actors/nrf.html").write_bytes(b"stale")
    _build(capsys, project_dir, one)
    assert snapshot(one) == _afresh(capsys, project_dir, tmp_path)


@pytest.mark.parametrize(
    "damage", ["garbage", "truncated", "another version", "not a dict", "not digests", "not parts"]
)
def test_a_damaged_memo_is_no_memo(
    damage: str, project_dir: Path, tmp_path: Path, cache: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    output = tmp_path / "out"
    _build(capsys, project_dir, output)
    path = render_path(project_dir)
    data = path.read_bytes()
    head = len(RENDER_MAGIC) + 32
    path.write_bytes(
        {
            "garbage": data[:head] + b"\x80\x05garbage" * 20,
            "truncated": data[: len(data) // 2],
            "another version": data[: len(RENDER_MAGIC)] + bytes(32) + data[head:],
            "not a dict": data[:head] + pickle.dumps((str(output), [1, 2], {})),
            "not digests": data[:head]
            + pickle.dumps((str(output.resolve()), {"index.html": 5}, {})),
            "not parts": data[:head] + pickle.dumps((str(output.resolve()), {}, {b"k": 5})),
        }[damage]
    )
    assert not open_render(project_dir, output).pages
    edit(project_dir, NRF, "Demanded that", "Demanded once more that")
    _build(capsys, project_dir, output)
    assert snapshot(output) == _afresh(capsys, project_dir, tmp_path)
    assert open_render(project_dir, output).pages, "the damaged memo was not replaced"


def test_an_unchanged_build_leaves_the_memo_as_it_was(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    _build(capsys, project_dir, output)
    written = render_path(project_dir).stat().st_mtime_ns
    _build(capsys, project_dir, output)
    assert render_path(project_dir).stat().st_mtime_ns == written


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    _build(capsys, project_dir, output)
    assert list(compiled_path().glob("*.cache")), "no compiled template was kept"
    assert stat.S_IMODE(compiled_path().stat().st_mode) == 0o700
    theme = project_dir / "themes" / "default" / "templates"
    theme.mkdir(parents=True)
    builtin = (BUILTIN_THEMES / "default" / "templates" / "base.html").read_text("utf-8")
    assert "</footer>" in builtin
    for mark in ("first", "second"):
        themed = builtin.replace("</footer>", f"<!-- {mark} --></footer>")
        (theme / "base.html").write_text(themed, "utf-8")
        _build(capsys, project_dir, output)
        assert f"<!-- {mark} -->".encode() in (output / "actors/nrf.html").read_bytes()
        assert snapshot(output) == _afresh(capsys, project_dir, tmp_path)


def test_a_compiled_templates_folder_others_may_write_is_not_used(
    project_dir: Path, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(capsys, project_dir, tmp_path / "out")
    folder = compiled_path()
    for kept in folder.iterdir():
        kept.unlink()
    folder.chmod(0o777)
    edit(project_dir, NRF, "Demanded that", "Demanded once more that")
    _build(capsys, project_dir, tmp_path / "out")
    assert not list(folder.iterdir()), "compiled templates were kept where others may write"
    assert snapshot(tmp_path / "out") == _afresh(capsys, project_dir, tmp_path)
