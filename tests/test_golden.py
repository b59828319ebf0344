"""The golden site: the default content's build, compared byte for byte.

After an intended change of the output, run ``make golden`` and review the diff of
tests/golden/ in the pull request.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.cli import main

from conftest import ROOT, snapshot

GOLDEN = ROOT / "tests" / "golden" / "default"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content built once per session (strict: full coverage)."""
    out = tmp_path_factory.mktemp("site") / "output"
    assert main(["build", "--strict", str(ROOT), "--output", str(out)]) == 0
    return out


def test_golden_site_matches_byte_for_byte(built_site: Path) -> None:
    expected, actual = snapshot(GOLDEN), snapshot(built_site)
    assert sorted(actual) == sorted(expected), "files differ: run 'make golden' and review"
    for name in sorted(expected):
        if expected[name] != actual[name]:
            old = (GOLDEN / name).read_text("utf-8", errors="replace").splitlines()
            new = (built_site / name).read_text("utf-8", errors="replace").splitlines()
            diff = "\n".join(list(difflib.unified_diff(old, new, lineterm=""))[:40])
            pytest.fail(f"{name} differs from the golden copy ('make golden'):\n{diff}")


def test_two_builds_are_identical(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["build", "--strict", str(ROOT), "--output", str(again)]) == 0
    assert snapshot(again) == snapshot(built_site)


def test_site_has_the_fixed_url_layout(built_site: Path) -> None:
    files = set(snapshot(built_site))
    for required in (
        "index.html", "timeline.html", "explainer.json",
        "actors/index.html", "actors/ahmad-massoud.html", "provinces/panjshir.html",
        "events/fall-of-kabul.html", "sources/tass-2021-09-05.html", "pages/the-story.html",
    ):  # fmt: skip
        assert required in files
    for path in files:
        assert not Path(path).is_absolute() and ".." not in Path(path).parts


def test_build_never_touches_the_content(project_dir: Path, tmp_path: Path) -> None:
    """Sources and fact files are read, never written: byte for byte and mtime alike."""
    content = project_dir / "content"
    before = snapshot(content)
    times = {p: p.stat().st_mtime_ns for p in content.rglob("*")}
    assert main(["build", "--strict", str(project_dir)]) == 0
    assert main(["check", str(project_dir)]) == 0
    assert snapshot(content) == before
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*")} == times
