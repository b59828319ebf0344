"""``explainer diff`` on real git repositories made from a copy of the default content."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.gitread import read_content

ROOT = Path(__file__).resolve().parent.parent
NRF = "content/actors/nrf.yaml"
PANJSHIR = "content/provinces/panjshir.yaml"
SOURCE = "content/sources/tass-2021-09-05.txt"


class Repo:
    """A git repository holding a copy of the default project."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=True
        )
        return done.stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        (self.path / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.path / rel).write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))


def new_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository with one commit: the default content."""
    for name, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "repo"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    shutil.copytree(ROOT / "content", path / "content")
    repo.commit("the default content")
    return repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return new_repo(tmp_path, monkeypatch)


def run(repo: Repo, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args, "--project", str(repo.path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_fact_text_edit_shows_word_diff(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit(NRF, "Demanded that", "Demanded once more that")
    repo.commit("edit")
    code, out, err = run(repo, capsys, "HEAD~1", "HEAD")
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == "1 fact changed on 1 actor."
    assert "### actor `nrf` (National Resistance Front of Afghanistan): changed" in out
    assert "fact `fact-3` changed: Demanded **once more** that" in out
    code, text, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "text")
    assert "Demanded {+once more+} that" in text


def test_fact_added_and_removed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    text = repo.read(NRF)
    start = text.index('  - text: "Its leaders would order')
    end = text.index('  - text: "Was named')
    repo.write(NRF, text[:start] + text[end:])
    repo.edit(
        "content/actors/taliban.yaml",
        "facts:\n",
        "facts:\n  - text: Was offered a ceasefire.\n    cite: [tass-2021-09-05#s4]\n",
    )
    repo.commit("move things")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "1 fact added on 1 actor; 1 fact removed on 1 actor" in out
    assert "- fact `fact-4` removed: Its leaders would order their forces" in out
    assert (
        "- fact `fact-1` added: Was offered a ceasefire.\n  - cites `tass-2021-09-05#s4` “" in out
    )


def test_entity_renamed_with_git_mv(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("mv", "content/events/conflicting-control-claims.yaml", "content/events/claims.yaml")
    repo.edit("content/pages/the-story.md", "(@conflicting-control-claims)", "(@claims)")
    repo.commit("rename")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    # the page's link followed the rename: part of it, not a change of the page
    assert out.splitlines()[2] == (
        "1 event renamed (conflicting-control-claims → claims; references updated on 1 page)."
    )
    assert (
        "### event `claims` (Conflicting claims over the control of Panjshir): renamed from "
        "`conflicting-control-claims`\n- references to it updated on: page `the-story`\n"
    ) in out
    assert "page `the-story`:" not in out
    assert "removed" not in out and "added" not in out


def test_citation_retargeted(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit(
        NRF,
        'quote: "withdraw their troops from Panjshir and Andarabad"',
        'quote: "ready to cease fire and sit down at the negotiating table"',
    )
    repo.commit("retarget")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "1 citation now points to a different sentence" in out
    line = next(x for x in out.splitlines() if "citation retargeted" in x)
    assert "`tass-2021-09-05#s3` “<…> We insist the Taliban" in line
    assert "→ `tass-2021-09-05#s1` “Resistance forces in Afghanistan’s" in line


def test_claims_and_disputes_changed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit(PANJSHIR, "claimed_by: fahim-dashti", "claimed_by: nrf")
    repo.edit(PANJSHIR, "    disputes:\n      - taliban-driven-out-claim\n", "")
    repo.commit("claims")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "claimed_by changed on 1 fact; disputes changed on 1 fact" in out
    assert "claimed_by: fahim-dashti → nrf" in out
    assert "disputes: taliban-driven-out-claim → (none)" in out
    assert "links added: `@nrf`" in out
    assert "links removed: `@fahim-dashti`" in out


def test_cross_link_added(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit(NRF, "in [Kabul](@kabul).", "in [Kabul](@kabul), [Afghanistan](@afghanistan).")
    repo.commit("link")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "1 fact changed on 1 actor; 1 cross-link added." in out
    assert "links added: `@afghanistan`" in out


def test_new_sentence_lowers_coverage_and_renumbering_is_no_change(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(SOURCE, "A new first sentence. " + repo.read(SOURCE))
    repo.commit("source grows")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    summary = out.splitlines()[2]
    assert "coverage of tass-2021-09-05 fell from 100 % to" in summary
    assert "sentence added: “A new first sentence.”" in out
    assert "- sentence ids shifted: s1–s12 are now s2–s13" in out
    assert "citation" not in out  # every sentence id shifted, but no citation changed meaning


def test_formatting_only_commit_is_no_change(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    text = repo.read(NRF)
    text = text.replace("kind: organisation\n", "")
    text = text.replace("name: National", "# a comment\nkind: 'organisation'\nname:    National")
    repo.write(NRF, text.replace("  - NRF\n", '  - "NRF"   # short\n'))
    repo.commit("cosmetic")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines()[2] == "No changes to the facts."
    assert "###" not in out


def test_revision_without_content_is_an_empty_side(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.git("checkout", "-q", "--orphan", "bare")
    repo.git("rm", "-rq", "--cached", "content")
    shutil.rmtree(repo.path / "content")
    repo.write("README", "nothing yet\n")
    repo.commit("no content")
    code, out, _ = run(repo, capsys, "bare", "main")
    assert code == 0
    assert "> bare has no content/ folder: it is compared as an empty project." in out
    assert "14 actors added" in out and "source tass-2021-09-05 added" in out


def test_missing_revision_is_a_usage_error(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(repo, capsys, "no-such-branch")
    assert (code, out) == (2, "")
    assert "unknown revision 'no-such-branch'" in err


def test_working_tree_with_uncommitted_and_untracked_files(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit(NRF, "Demanded that", "Asked that")
    repo.write(
        "content/actors/new-group.yaml",
        "name: A new group\nkind: group\nfacts:\n"
        "  - text: Was mentioned.\n    cite: [tass-2021-09-05#s5]\n",
    )
    code, out, _ = run(repo, capsys, "main")
    assert code == 0
    assert "`main` → `the working tree`" in out
    assert "1 actor added; 1 fact changed on 1 actor" in out
    assert (
        "### actor `new-group` (A new group): added\n- kind: group\n"
        "- fact `fact-1` added: Was mentioned.\n"
        "  - cites `tass-2021-09-05#s5` “Earlier on Sunday, a group of religious leaders"
    ) in out


def test_branches_merge_and_json(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.edit(NRF, "Demanded that", "Asked that")
    repo.commit("feature")
    repo.git("checkout", "-q", "main")
    repo.edit("content/site.yaml", "language: en\n", "language: en\nbase_url: https://ex.org/\n")
    repo.commit("base url")
    repo.git("merge", "-q", "--no-edit", "feature")
    code, out, _ = run(repo, capsys, "main~1", "main", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["version"] == 2
    assert (payload["head_errors"], payload["broken_citations"]) == ([], [])
    assert payload["summary"] == "1 fact changed on 1 actor."
    (entity,) = payload["entities"]
    assert (entity["id"], entity["status"]) == ("nrf", "changed")
    assert entity["facts"][0]["words"][:2] == [["-", "Demanded"], ["+", "Asked"]]
    assert run(repo, capsys, "main~1", "main", "--format", "json")[1] == out
    _, markdown, _ = run(repo, capsys, "main~1", "main")
    assert "[National Resistance Front of Afghanistan](https://ex.org/actors/nrf.html)" in markdown


def test_read_content_matches_the_files(repo: Repo) -> None:
    files = read_content(repo.path, repo.git("rev-parse", "HEAD").strip())
    assert sorted(files) == sorted(
        str(p.relative_to(repo.path)) for p in (repo.path / "content").rglob("*") if p.is_file()
    )
    assert files[NRF] == (repo.path / NRF).read_bytes()


def test_long_lists_fold_in_details() -> None:
    from generator.diffformat import format_markdown
    from generator.diffreport import DiffReport, EntityChange, FactChange

    facts = tuple(
        FactChange("added", f"fact-{i}", "", f"Fact {i}.", (), "", "", (), ()) for i in range(10)
    )
    entity = EntityChange("x", "actor", "actors", "X", "changed", "x", (), facts, (), (), ())
    out = format_markdown(DiffReport("a", "b", (), (entity,), (), (), ""))
    assert "10 facts added on 1 actor." in out
    assert "<details>\n<summary>10 changes</summary>\n\n- fact `fact-0` added: Fact 0." in out


def test_markdown_shows_the_contents_words_inert() -> None:
    """No Markdown, HTML, mention or issue reference of the content's own comes alive in a
    pull-request comment; the text format shows the words as they are."""
    from generator.diffformat import format_markdown, format_text
    from generator.diffreport import DiffReport, EntityChange, FactChange

    text = "Met [the NRF](@nrf) and @joe on #12: *not* <b>bold</b> ~ snake_case _x_ `y`."
    fact = FactChange("added", "fact-1", "", text, (), "", "", (), ())
    entity = EntityChange("x", "actor", "actors", "X", "changed", "x", (), (fact,), (), (), ())
    report = DiffReport("main~1", "main", (), (entity,), (), (), "")
    assert (
        "- fact `fact-1` added: Met `[the NRF](@nrf)` and `@joe` on `#12:` \\*not\\* "
        "\\<b>bold\\</b> \\~ snake_case \\_x\\_ \\`y\\`." in format_markdown(report)
    )
    assert f"fact fact-1 added: {text}" in format_text(report)


def test_a_source_edit_outside_every_quote_shows_on_the_facts_citing_that_sentence(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The entity files did not change, nor did any quote, but the sentences the quotes lie in
    did: each citation of that sentence shows its old and new sentence."""
    repo.edit(SOURCE, "of the president and called", "of the president, and later called")
    repo.commit("a sentence reworded")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "json")
    assert code == 0
    report = json.loads(out)
    changed = {e["id"] for e in report["entities"]}
    assert {"amrullah-saleh", "saleh-caretaker-claim"} <= changed
    saleh = next(e for e in report["entities"] if e["id"] == "amrullah-saleh")
    texts = json.dumps(saleh)
    assert "president and called" in texts and "president, and later called" in texts
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert "citation" in out.splitlines()[2]


def test_site_settings_changed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """``site.yaml`` is no fact, but every page shows its settings: a reviewer is told."""
    repo.edit("content/site.yaml", 'title: "Panjshir 2021', 'title: "Panjshir, 2021')
    repo.write(
        "content/site.yaml", repo.read("content/site.yaml") + "base_url: https://example.org/x\n"
    )
    repo.commit("site settings")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines()[2] == ("The site's base_url and title changed (every page shows them).")
    section = out[out.index("### Site settings (`content/site.yaml`): changed") :]
    assert "- base_url: (none) → https://example.org/x" in section
    assert "- title: Panjshir 2021: the resistance to the Taliban → Panjshir, 2021:" in section
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "json")
    site = json.loads(out)["site"]
    assert [f["field"] for f in site] == ["base_url", "title"]
    assert site[0] == {"field": "base_url", "before": "", "after": "https://example.org/x"}
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "text")
    assert "Site settings (content/site.yaml): changed" in out
    assert "  base_url: (none) → https://example.org/x" in out
