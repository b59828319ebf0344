"""The command line, run in process through ``main(argv) -> int``."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from conftest import ROOT


def test_check_default_content_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(ROOT)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "ok\n"
    assert captured.err == ""


def test_check_timings_name_each_stage_of_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--no-cache", "--timings", str(ROOT)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "ok\n"
    stages = [line.split()[0] for line in captured.err.splitlines()]
    assert stages == ["load", "validate", "segment", "cite", "link"]
    assert all(line.endswith(" ms") for line in captured.err.splitlines())


def test_check_json_and_github_formats(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actor = project_dir / "content" / "actors" / "taliban.yaml"
    actor.write_text(actor.read_text("utf-8").replace("name:", "nmae:", 1), "utf-8")
    assert main(["check", "--format", "json", str(project_dir)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["version"] == 1 and payload["errors"] == 1
    codes = {(d["code"], d["path"]) for d in payload["diagnostics"]}
    # One typo, one error: the missing 'name' is not reported again (E102).
    assert codes == {("E101", "content/actors/taliban.yaml")}
    unknown = next(d for d in payload["diagnostics"] if d["code"] == "E101")
    assert unknown["hint"] == "did you mean 'name' or 'names'?"
    assert main(["check", "--format", "github", str(project_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("::error file=content/actors/taliban.yaml,line=")
    assert "error[E101]: unknown key 'nmae' in an actor" in captured.err


def test_github_format_is_the_default_in_actions(
    project_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project_dir / "content" / "actors" / "x.yaml").write_text("name: X\n", "utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check", str(project_dir)]) == 1
    captured = capsys.readouterr()
    assert "::error file=content/actors/x.yaml,line=1,col=1,title=error[E102]::" in captured.out
    assert "content/actors/x.yaml:1:1: error[E102]: an actor has no 'kind'" in captured.err


def test_not_a_project_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "no content/ folder" in capsys.readouterr().err
    assert main(["build", "--no-such-flag"]) == 2
    assert main(["frobnicate"]) == 2


def test_build_reports_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(ROOT), "--output", str(out)]) == 0
    assert "coverage: tass-2021-09-05 12/12 (100 %)" in capsys.readouterr().out
    graph = json.loads((out / "explainer.json").read_text("utf-8"))
    assert graph["version"] == 1
    source = graph["sources"][0]
    assert source["coverage"] == {"cited": 12, "total": 12}


def test_build_sums_up_the_coverage_of_many_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bench: None
) -> None:
    from generate import generate

    generate(200, tmp_path / "p")  # 8 sources, each partly cited
    assert main(["build", str(tmp_path / "p"), "--output", str(tmp_path / "out")]) == 0
    graph = json.loads((tmp_path / "out" / "explainer.json").read_text("utf-8"))
    sources = {s["id"]: s["coverage"] for s in graph["sources"]}
    assert len(sources) == 8
    cited = sum(c["cited"] for c in sources.values())
    total = sum(c["total"] for c in sources.values())
    lowest = min(sources, key=lambda i: (100 * sources[i]["cited"] // sources[i]["total"], i))
    low = sources[lowest]
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.endswith(
        f"coverage: {cited:,} of {total:,} sentences in 8 sources ({100 * cited // total} %);"
        f" lowest {lowest} {low['cited']}/{low['total']} ({100 * low['cited'] // low['total']} %)"
    )


def test_sentences_lists_ids_and_citers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sentences", "tass-2021-09-05", "--project", str(ROOT), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    sentences = payload["sentences"]
    assert [s["id"] for s in sentences] == [f"s{i}" for i in range(1, 13)]
    text = (ROOT / "content" / "sources" / "tass-2021-09-05.txt").read_text("utf-8")
    for s in sentences:
        assert text[s["start"] : s["end"]] == s["text"]
        assert s["cited_by"], f"{s['id']} is not cited"
    assert sentences[10]["text"].startswith("The northern province of Panjshir")


def test_sentences_of_any_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "any.txt"
    path.write_text("Gen. Smith arrived. He spoke.\n", "utf-8")
    assert main(["sentences", str(path)]) == 0
    assert capsys.readouterr().out == "   s1  Gen. Smith arrived.\n   s2  He spoke.\n"
    assert main(["sentences", "no-such-source"]) == 2


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("explainer, version ")


def test_strict_turns_uncited_date_into_failure(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = project_dir / "content" / "events" / "fall-of-kabul.yaml"
    text = event.read_text("utf-8")
    start = text.index("date:")
    end = text.index("\n", text.index("quote:", start))
    event.write_text(text[:start] + 'date: "2021-08-15"' + text[end:], "utf-8")
    assert main(["check", str(project_dir)]) == 0
    assert "warning[W120]: 'date' is not cited" in capsys.readouterr().err
    assert main(["check", "--strict", str(project_dir)]) == 1
    assert "error[W120]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "--help"], "False"),
        (["build", "--help"], "False"),
        (["serve", "--help"], "True 100000"),
    ],
)
def test_a_command_in_its_own_process_sets_up_the_garbage_collector(
    argv: list[str], expected: str
) -> None:
    # One-shot commands run without the cyclic collector; serve, which runs for hours, keeps
    # it (less often). A test calling main(argv) in process leaves the collector alone.
    probe = (
        "import gc, sys\n"
        "from generator.cli import main\n"
        "sys.argv = ['explainer', *sys.argv[1:]]\n"
        "main()\n"
        "on = gc.isenabled()\n"
        "print(on, *gc.get_threshold()[:1] if on else (), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True
    )
    assert done.stderr.strip() == expected
    before = (gc.isenabled(), gc.get_threshold())
    main(["check", "--help"])
    assert (gc.isenabled(), gc.get_threshold()) == before
