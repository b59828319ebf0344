"""bench/compare.py runs two versions of the code, each from its own copy, on one project.

Run against this repository's git history: a revision is copied out with ``git archive``,
and the version copied must be the one that runs (not the installed package).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_revision_is_copied_out_with_its_theme(bench: None, tmp_path: Path) -> None:
    from compare import copy_version

    copy_version("HEAD", tmp_path / "v")
    assert (tmp_path / "v" / "generator" / "__init__.py").is_file()
    # generator/themes is a link to ../themes: it must resolve inside the copy.
    templates = tmp_path / "v" / "generator" / "themes" / "default" / "templates"
    assert (templates / "base.html").is_file()
    assert templates.resolve().is_relative_to((tmp_path / "v").resolve())


def test_the_copied_version_is_the_one_that_runs(bench: None, tmp_path: Path) -> None:
    from compare import copy_version

    copy_version(".", tmp_path / "v")
    marker = "COPIED_VERSION_MARKER"
    init = tmp_path / "v" / "generator" / "__init__.py"
    init.write_text(init.read_text("utf-8") + f"\n{marker} = True\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", f"import generator; print(generator.{marker})"],
        cwd=tmp_path / "v",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "True", done.stderr


def test_differing_files_finds_changed_missing_and_extra_files(bench: None, tmp_path: Path) -> None:
    from compare import differing_files

    one, other = tmp_path / "one", tmp_path / "other"
    for root in (one, other):
        (root / "actors").mkdir(parents=True)
        (root / "index.html").write_bytes(b"same")
    assert differing_files(one, other) == []
    (one / "actors" / "a.html").write_bytes(b"<p>a</p>")
    (other / "actors" / "a.html").write_bytes(b"<p>b</p>")
    (one / "only-here.html").write_bytes(b"")
    (other / "only-there.css").write_bytes(b"")
    assert differing_files(one, other) == ["actors/a.html", "only-here.html", "only-there.css"]


def test_two_versions_take_turns_and_their_sites_are_compared() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), "HEAD", "HEAD",
         "--sizes", "10", "--runs", "2"],
        capture_output=True, text=True, check=False, env=env, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| build |")]
    assert len(rows) == 1
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert cells[:3] == ["build", "10", "2"]
    for cell in cells[3:5]:
        median, lowest = cell.removesuffix(")").split(" (lowest ")
        assert 0 < float(lowest) <= float(median)
    assert cells[5].endswith("%")
    assert "The two versions built identical sites." in done.stdout


def test_an_unknown_revision_is_refused_in_one_line() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), "no-such-revision"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("cannot read revision 'no-such-revision'")
    assert "Traceback" not in done.stderr
