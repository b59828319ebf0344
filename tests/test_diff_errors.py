"""``explainer diff`` with content errors: at BASE what checked cleanly is compared; at HEAD
the errors come first, with the citations a change to a source's text broke. On real git
repositories made from a copy of the default content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_diff import NRF, PANJSHIR, SOURCE, Repo, new_repo, run
from test_shared_check import files_of

from generator.diagnostics import Diagnostics
from generator.pipeline import SharedChecker, check_files

ULEMA = "content/actors/ulema-council.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return new_repo(tmp_path, monkeypatch)


def test_a_partial_check_keeps_what_checked_and_a_check_stays_strict(project_dir: Path) -> None:
    files = files_of(project_dir)
    files[ULEMA] = b"name: [unclosed\n"
    files[NRF] = files[NRF].replace(b"target: taliban\n", b"target: talibann\n")
    strict, partial = Diagnostics(), Diagnostics()
    assert check_files(files, strict) is None
    site = SharedChecker(partial=True).files(files, partial)
    assert site is not None
    assert list(partial) == list(strict) and strict.error_count == 2
    assert "ulema-council" not in site.entities  # the file that failed dropped out
    kinds = ("content/actors/", "content/provinces/", "content/events/")
    assert len(site.entities) == sum(1 for path in files if path.startswith(kinds)) - 1
    assert SharedChecker().files(files, Diagnostics()) is None


def break_base(repo: Repo) -> str:
    """Commit three errors (a file that is not YAML, an unknown id, a quote not in the
    source), then the fix; the broken commit's id."""
    good = {path: repo.read(path) for path in (ULEMA, NRF, PANJSHIR)}
    repo.write(ULEMA, "name: [unclosed\nkind: organisation\n")
    repo.edit(NRF, "target: taliban\n", "target: talibann\n")
    repo.edit(PANJSHIR, '"It is led by Ahmad Massoud"', '"It is led by Ahmed Massoud"')
    broken = repo.commit("broken")
    for path, text in good.items():
        repo.write(path, text)
    repo.commit("fixed")
    return broken


def test_errors_at_base_compare_what_checked_cleanly(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = break_base(repo)
    code, out, err = run(repo, capsys, broken, "HEAD")
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == (
        "1 actor added; 1 fact changed on 1 province; relation changed on 1 actor; "
        "1 citation added; 1 cross-link removed."
    )
    assert (
        f"> {broken} has 3 content errors, in content/actors/nrf.yaml, "
        "content/actors/ulema-council.yaml, content/provinces/panjshir.yaml (see 'explainer "
        "check' there): what failed to check there is left out of the comparison, so it shows "
        "as added here."
    ) in out
    # the file that did not load is all that shows as added ...
    assert re.findall(r"^### .*$", out, re.MULTILINE) == [
        "### actor `nrf` (National Resistance Front of Afghanistan): changed",
        "### actor `ulema-council` (Ulema Council): added",
        "### province `panjshir` (Panjshir): changed",
    ]
    # ... and where an item failed, the fix shows as what it is
    assert "- relation: opposes ~~talibann~~ **taliban** (tass-2021-09-05:" in out
    assert "- links removed: `@talibann`" in out
    assert (
        "- fact `fact-4` changed: The resistance there is led by `[Ahmad Massoud](@ahmad-massoud).`"
        "\n  - citation added: `tass-2021-09-05#s12` “It is led by Ahmad Massoud, a son of"
    ) in out


def test_a_base_whose_site_yaml_fails_is_compared_as_empty(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    good = repo.read("content/site.yaml")
    repo.edit("content/site.yaml", "title:", "titel:")
    broken = repo.commit("broken")
    repo.write("content/site.yaml", good)
    repo.commit("fixed")
    code, out, _ = run(repo, capsys, broken, "HEAD")
    assert code == 0
    assert f"> {broken} has 1 content error (see 'explainer check' there): its site.yaml" in out
    assert "14 actors added" in out


def edit_source(repo: Repo) -> None:
    """A source edit that breaks every citation of one passage (and adds a sentence)."""
    text = repo.read(SOURCE)
    repo.write(SOURCE, "A new first sentence. " + text.replace("withdraw their troops", "pull"))
    repo.commit("source edit")


def test_citations_a_source_change_broke_are_named_after_the_errors(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_source(repo)
    code, out, err = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 1
    # stderr: HEAD's diagnostics first, as 'explainer check' prints them
    first = err.splitlines()[0]
    assert first.startswith("content/actors/ahmad-massoud.yaml:33:9: error[E301]: quote not found")
    assert (
        err.splitlines()[-1]
        == "HEAD has content errors: no diff (sources changed: tass-2021-09-05)"
    )
    # stdout: the report for the pull request, errors first, then what the edit broke
    assert out.splitlines()[2] == (
        "HEAD has 5 content errors: nothing is compared until they are fixed. The change to the "
        "text of tass-2021-09-05 broke 5 citations that resolved at HEAD\\~1."
    )
    assert out.index(
        "### Errors at `HEAD`\n\n```\ncontent/actors/ahmad-massoud.yaml:33:9"
    ) < out.index("### Citations broken by the change to source `tass-2021-09-05`")
    section = out[out.index("### Citations broken") :]
    assert (
        "- National Resistance Front of Afghanistan, fact 3 (actor `nrf`, `fact-3`) quotes "
        "“withdraw their troops from Panjshir and Andarabad”\n"
        "  - at `HEAD~1` it cited `tass-2021-09-05#s3` “<…> We insist the Taliban stop their "
        "attacks and provocations against Panjshir, Andarabad, Parwan, and Kapisa and withdraw "
        "their troops from Panjshir and Andarabad.”\n"
        "  - at `HEAD`: quote not found in tass-2021-09-05 (closest passage (s4):"
    ) in section
    assert "  - written at `content/actors/nrf.yaml:26:9`" in section
    assert "- The story (page `the-story`) quotes “We insist the Taliban" in section
    assert "### actor" not in out  # nothing was compared

    code, text, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "text")
    assert code == 1
    assert "Citations broken by the change to source tass-2021-09-05" in text
    assert "  National Resistance Front of Afghanistan, fact 3 (actor nrf, fact-3) quotes" in text

    code, raw, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "json")
    assert code == 1
    payload = json.loads(raw)
    assert payload["version"] == 2
    assert (payload["entities"], payload["sources"], payload["pages"]) == ([], [], [])
    assert [e["code"] for e in payload["head_errors"]] == ["E301"] * 5
    assert payload["head_errors"][1]["path"] == NRF
    nrf = next(c for c in payload["broken_citations"] if c["owner"] == "nrf")
    assert nrf["kind"] == "actor" and nrf["anchor"] == "fact-3"
    assert nrf["quote"] == "withdraw their troops from Panjshir and Andarabad"
    assert nrf["sentence"] is None and nrf["after"] is None
    assert nrf["before"]["sentences"] == [3]
    assert nrf["location"] == "content/actors/nrf.yaml:26:9"
    assert nrf["problem"].startswith("quote not found in tass-2021-09-05 (closest passage")


def test_errors_at_head_without_a_source_change_name_no_citations(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit(NRF, "(@kabul)", "(@kabull)")
    code, out, err = run(repo, capsys, "main")
    assert code == 1
    assert "did you mean 'kabul'?" in err
    assert out.splitlines()[2] == (
        "The working tree has 1 content error: nothing is compared until it is fixed."
    )
    assert "Citations broken" not in out


def test_a_source_change_that_moves_a_shorthand_citation(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """``source#s5`` still resolves after a sentence is added before it, to other words: the
    report names it, though HEAD has no error."""
    repo.edit(
        "content/actors/taliban.yaml",
        "facts:\n",
        "facts:\n  - text: Was named in a peace initiative.\n    cite: [tass-2021-09-05#s5]\n",
    )
    repo.commit("a shorthand citation")
    repo.write(SOURCE, "A new first sentence. " + repo.read(SOURCE))
    repo.commit("source grows")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines()[2].startswith(
        "The change to the text of tass-2021-09-05 made 1 citation written as "
        "tass-2021-09-05#sN cite other words; 1 fact changed on 1 actor; "
        "1 citation now points to a different sentence;"
    )
    section = out[out.index("### Citations broken") : out.index("### actor")]
    assert "- Taliban, fact 1 (actor `taliban`, `fact-1`) cites `tass-2021-09-05#s5`" in section
    assert "  - at `HEAD~1` it cited `tass-2021-09-05#s5` “Earlier on Sunday, a group" in section
    assert "  - at `HEAD` it cites `tass-2021-09-05#s5` “In this case, the NRF leaders" in section
    code, raw, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "json")
    (broken,) = json.loads(raw)["broken_citations"]
    assert (broken["quote"], broken["sentence"]) == (None, 5)
    assert broken["after"]["sentence_texts"][0].startswith("In this case")
