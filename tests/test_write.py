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

from conftest import snapshot


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


def test_sigkill_while_writing_leaves_output_untouched(tmp_path: Path, bench: None) -> None:
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


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_kept_file_is_linked_unread_and_counted(tmp_path: Path) -> None:
    """A page an incremental build took as it was (write.Kept) is linked from where it is,
    its bytes never read; the stats count its size."""
    out = tmp_path / "out"
    write_site({"a.html": b"page a", "b.html": b"page b"}, out)
    found = write.keep(str(out / "a.html"))
    assert found is not None
    kept, stamp = found
    assert kept == b"" and kept.size == 6 and stamp == write.file_stamp(os.stat(out / "a.html"))
    inode = (out / "a.html").stat().st_ino
    stats = write_site({"a.html": kept, "b.html": b"page B"}, out)
    assert (out / "a.html").stat().st_ino == inode
    assert _contents(out) == {"a.html": b"page a", "b.html": b"page B"}
    assert stats.files == 2 and stats.bytes == 12
    assert set(stats.stamps) == {"b.html"}  # a kept file keeps the stamp it had
    assert stats.stamps["b.html"] == write.file_stamp(os.stat(out / "b.html"))
    assert write.keep(str(out / "missing.html")) is None
    os.symlink(out / "b.html", out / "link.html")
    assert write.keep(str(out / "link.html")) is None  # not a file of the output


def test_a_kept_file_is_copied_where_links_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_site({"a.html": b"page a"}, out)
    found = write.keep(str(out / "a.html"))
    assert found is not None

    def no_links(source: str, target: str) -> None:
        raise OSError("links are not supported here")

    monkeypatch.setattr(os, "link", no_links)
    inode = (out / "a.html").stat().st_ino
    write_site({"a.html": found[0], "b.html": b"b"}, out)
    assert _contents(out) == {"a.html": b"page a", "b.html": b"b"}
    assert (out / "a.html").stat().st_ino != inode


def test_unchanged_files_are_written_where_links_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links the first refused link is the last tried: every
    file, unchanged or not, is written, and each written file's stamp is reported."""
    out = tmp_path / "out"
    files = {"a.html": b"page a", "b.html": b"page b", "c.html": b"page c"}
    write_site(files, out)
    inodes = {name: (out / name).stat().st_ino for name in files}
    tried: list[str] = []

    def no_links(source: str, target: str) -> None:
        tried.append(target)
        raise OSError("links are not supported here")

    monkeypatch.setattr(os, "link", no_links)
    stats = write_site(files, out)
    assert _contents(out) == files
    assert len(tried) == 1
    assert all((out / name).stat().st_ino != inodes[name] for name in files)
    assert stats.stamps == {name: write.file_stamp(os.stat(out / name)) for name in files}


def test_a_kept_file_gone_before_the_write_fails_it_and_leaves_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept file changed or removed behind the build's back cannot be linked nor copied:
    the write fails as a whole and the previous output stays as it was."""
    out = tmp_path / "out"
    write_site({"a.html": b"page a", "b.html": b"page b"}, out)
    before = snapshot(out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.html").write_bytes(b"page a")
    found = write.keep(str(elsewhere / "a.html"))
    assert found is not None
    (elsewhere / "a.html").unlink()
    with pytest.raises(OSError):
        write_site({"a.html": found[0], "b.html": b"new"}, out)
    assert snapshot(out) == before
    assert not write.staging_folders(out)
