"""Nothing lost: the output folder is replaced all at once or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import write
from generator.cli import main
from generator.write import staging_folders, write_site

from conftest import ROOT, snapshot


def test_write_replaces_exactly(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site({"a.html": b"1", "d/b.html": b"2"}, out)
    write_site({"a.html": b"3", "e/c.html": b"4"}, out)
    assert snapshot(out).keys() == {"a.html", os.path.join("e", "c.html")}
    assert (out / "a.html").read_bytes() == b"3"
    assert staging_folders(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_unchanged_files_are_linked_not_written(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(
        {"same.html": b"same", "d/same.html": b"s2", "grows.html": b"1", "edit.html": b"a"}, out
    )
    before = {name: (out / name).stat() for name in ("same.html", "d/same.html", "edit.html")}
    write_site(
        {"same.html": b"same", "d/same.html": b"s2", "grows.html": b"12", "edit.html": b"b"}, out
    )
    assert (out / "same.html").stat().st_ino == before["same.html"].st_ino
    assert (out / "d" / "same.html").stat().st_ino == before["d/same.html"].st_ino
    assert (out / "edit.html").stat().st_ino != before["edit.html"].st_ino
    assert (out / "grows.html").read_bytes() == b"12"
    assert (out / "edit.html").read_bytes() == b"b"
    assert (out / "same.html").stat().st_nlink == 1  # the previous output is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_links_in_the_previous_output_are_never_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(b"page")
    out = tmp_path / "output"
    write_site({"a.html": b"page", "b.html": b"page"}, out)
    (out / "a.html").unlink()
    (out / "a.html").symlink_to(elsewhere)
    (out / "b.html").unlink()
    os.mkfifo(out / "b.html")  # reading it would wait for a writer forever
    write_site({"a.html": b"page", "b.html": b"page"}, out)
    assert not (out / "a.html").is_symlink()
    assert (out / "a.html").stat().st_ino != elsewhere.stat().st_ino
    assert (out / "b.html").read_bytes() == b"page"
    assert elsewhere.read_bytes() == b"page"


@pytest.mark.parametrize("bad", ["../x.html", "/etc/x", "a/../../x", "", "./", "a//b", "a\\..\\x"])
def test_write_refuses_paths_outside(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "output"
    write_site({"keep.html": b"k"}, out)
    before = snapshot(out)
    with pytest.raises(ValueError, match="outside the output folder"):
        write_site({"ok.html": b"1", bad: b"2"}, out)
    assert snapshot(out) == before
    assert staging_folders(out) == []


def test_failing_build_leaves_output_untouched(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(project_dir)]) == 0
    before = snapshot(project_dir / "output")
    assert before
    actor = project_dir / "content" / "actors" / "ahmad-massoud.yaml"
    actor.write_text(actor.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(project_dir)]) == 1
    assert "error[E101]" in capsys.readouterr().err
    assert snapshot(project_dir / "output") == before
    assert staging_folders(project_dir / "output") == []


def test_strict_build_failing_on_warnings_leaves_output(project_dir: Path) -> None:
    assert main(["build", str(project_dir)]) == 0
    before = snapshot(project_dir / "output")
    # An extra source sentence nobody cites makes coverage fall below 100 %.
    source = project_dir / "content" / "sources" / "tass-2021-09-05.txt"
    source.write_bytes(source.read_bytes() + b"\nA new sentence nobody cites.\n")
    assert main(["build", "--strict", str(project_dir)]) == 1
    assert snapshot(project_dir / "output") == before
    assert main(["build", str(project_dir)]) == 0


def test_sigkill_while_writing_leaves_output_untouched(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    project = tmp_path / "big"
    generate(1500, project)
    out = project / "output"
    assert main(["build", str(project)]) == 0
    before = snapshot(out)
    killed_while_writing = False
    for _attempt in range(5):
        child = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", str(project)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            staging = staging_folders(out)
            if staging and sum(1 for _ in staging[0].rglob("*.html")) > 50:
                child.send_signal(signal.SIGKILL)
                killed_while_writing = True
                break
            time.sleep(0.002)
        child.wait()
        if killed_while_writing:
            break
    assert killed_while_writing, "never caught the build while it was writing"
    assert snapshot(out) == before
    assert staging_folders(out)  # the killed build's staging folder is still there…
    assert main(["build", str(project)]) == 0
    assert staging_folders(out) == []  # …and the next build removed it
    assert snapshot(out) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_swap_is_one_exchange_on_linux(tmp_path: Path) -> None:
    """On Linux the new site and the old one trade places in one system call: no moment
    when the output folder is missing."""
    new, old = tmp_path / "new", tmp_path / "old"
    new.mkdir()
    old.mkdir()
    (new / "index.html").write_bytes(b"new")
    (old / "index.html").write_bytes(b"old")
    assert write._exchange(new, old) is True
    assert (old / "index.html").read_bytes() == b"new"
    assert (new / "index.html").read_bytes() == b"old"
    assert write._exchange(tmp_path / "missing", old) is False
    assert (old / "index.html").read_bytes() == b"new"
