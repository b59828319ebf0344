"""``explainer diff``: facts moving between entities and entities renamed, on real git
repositories made from a copy of the default content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_diff import NRF, Repo, new_repo, run

RELIGIOUS = "content/actors/religious-leaders.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return new_repo(tmp_path, monkeypatch)


def move_named_fact(repo: Repo, reword: bool = False) -> None:
    """Move the NRF's last fact ("Was named with the Taliban …") to the religious leaders."""
    text = repo.read(NRF)
    start = text.index('  - text: "Was named')
    end = text.index("relations:")
    fact = text[start:end]
    repo.write(NRF, text[:start] + text[end:])
    if reword:
        fact = fact.replace("Was named with", "Was, it says, named with")
    repo.edit(RELIGIOUS, "facts:\n", "facts:\n" + fact)
    repo.commit("move")


def test_moved_fact_is_listed_on_both_entities_in_every_format(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    move_named_fact(repo)
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    # the fact's link to the group left the NRF's page with it
    assert out.splitlines()[2] == (
        "1 fact moved from nrf to religious-leaders; 1 cross-link removed."
    )
    assert (
        "### actor `nrf` (National Resistance Front of Afghanistan): changed\n"
        "- fact `fact-5` moved to `religious-leaders`: Was named with the"
    ) in out
    assert (
        "### actor `religious-leaders` (Group of religious leaders): changed\n"
        "- fact `fact-1` moved from `nrf`: Was named with the"
    ) in out
    assert "added" not in out and not re.search(r"fact `[^`]*` removed", out)

    _, text, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "text")
    assert "  fact fact-5 moved to religious-leaders: Was named with" in text
    assert "  fact fact-1 moved from nrf: Was named with" in text

    _, raw, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "json")
    facts = {e["id"]: e["facts"] for e in json.loads(raw)["entities"]}
    (away,) = facts["nrf"]
    (came,) = facts["religious-leaders"]
    assert (away["status"], away["anchor"], away["moved_to"], away["moved_from"]) == (
        "moved", "fact-5", "religious-leaders", "",
    )  # fmt: skip
    assert (came["status"], came["anchor"], came["moved_to"], came["moved_from"]) == (
        "moved", "fact-1", "", "nrf",
    )  # fmt: skip
    assert away["before"] == came["after"]


def test_reworded_fact_with_the_same_citations_is_a_move(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    move_named_fact(repo, reword=True)
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines()[2].startswith("1 fact moved from nrf to religious-leaders;")
    assert "- fact `fact-5` moved to `religious-leaders`: Was named with" in out
    assert "- fact `fact-1` moved from `nrf`: ~~Was~~ **Was, it says,** named with" in out


def test_fact_moved_out_of_a_removed_entity(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """Merging one entity into another: its facts are listed as moved on both."""
    tajik = repo.read("content/actors/tajik-community.yaml")
    facts = tajik[tajik.index("facts:\n") + len("facts:\n") :]
    facts = facts[: facts.index("\n", facts.index("quote:")) + 1]
    (repo.path / "content/actors/tajik-community.yaml").unlink()
    for path in sorted((repo.path / "content").rglob("*")):
        if path.suffix in (".yaml", ".md"):  # references to it now name the other
            text = path.read_text(encoding="utf-8").replace("tajik-community", "religious-leaders")
            path.write_text(text, encoding="utf-8")
    repo.edit(RELIGIOUS, "facts:\n", "facts:\n" + facts)
    repo.commit("merge")
    code, out, err = run(repo, capsys, "HEAD~1", "HEAD")
    assert (code, err) == (0, "")
    assert "1 actor removed" in out
    assert "1 fact moved from tajik-community to religious-leaders" in out
    section = out[out.index("### actor `tajik-community`") :]
    assert "- fact `fact-1` moved to `religious-leaders`:" in section.split("###")[1]
    assert "- fact `fact-1` moved from `tajik-community`:" in out


def rename_everywhere(repo: Repo, old: str, new: str) -> None:
    """``git mv`` an entity's file and update every reference to it."""
    (path,) = (repo.path / "content").rglob(f"{old}.yaml")
    repo.git("mv", str(path), str(path.with_name(f"{new}.yaml")))
    for file in sorted((repo.path / "content").rglob("*")):
        if file.suffix not in (".yaml", ".md"):
            continue
        text = file.read_text(encoding="utf-8")
        text = text.replace(f"(@{old})", f"(@{new})")
        text = re.sub(
            rf"^(\s*(?:- |target: |claimed_by: |part_of: |actor: )){old}$",
            rf"\g<1>{new}",
            text,
            flags=re.MULTILINE,
        )
        file.write_text(text, encoding="utf-8")


def test_a_rename_takes_the_updated_references_with_it(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    rename_everywhere(repo, "nrf", "resistance-front")
    repo.commit("rename")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines()[2] == (
        "1 actor renamed (nrf → resistance-front; references updated on 12 entities and 1 page)."
    )
    assert out.count("###") == 1  # no referring entity or page shows a change of its own
    assert "links added" not in out and "links removed" not in out
    assert ("- references to it updated on: actor `ahmad-massoud`, actor `fahim-dashti`, ") in out
    assert out.rstrip().endswith("province `parwan`, page `the-story`")

    _, raw, _ = run(repo, capsys, "HEAD~1", "HEAD", "--format", "json")
    (entity,) = json.loads(raw)["entities"]
    assert (entity["status"], entity["old_id"], entity["id"]) == (
        "renamed", "nrf", "resistance-front",
    )  # fmt: skip
    assert {"kind": "page", "id": "the-story"} in entity["references_updated"]
    assert {"kind": "event", "id": "nrf-ceasefire-offer"} in entity["references_updated"]


def test_a_referring_entity_shows_only_its_own_changes(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    rename_everywhere(repo, "nrf", "resistance-front")
    repo.edit(
        "content/actors/taliban.yaml",
        "(@resistance-front) as a party",
        "(@resistance-front) as one party",
    )
    repo.commit("rename and edit")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    section = out[out.index("### actor `taliban`") :]
    assert section.splitlines()[1:] == [
        "- fact `fact-5` changed: Was named with the `[NRF](@resistance-front)` as ~~a~~ "
        "**one** party to the peace talks proposed by a "
        "`[group of religious leaders](@religious-leaders)` on 5 September 2021."
    ]


def test_two_entities_renamed_that_refer_to_each_other(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    rename_everywhere(repo, "nrf", "resistance-front")
    rename_everywhere(repo, "taliban", "the-taliban")
    repo.commit("two renames")
    code, out, _ = run(repo, capsys, "HEAD~1", "HEAD")
    assert code == 0
    summary = out.splitlines()[2]
    assert summary.startswith(
        "2 actors renamed (nrf → resistance-front, taliban → the-taliban; references updated on "
    )
    assert out.count("###") == 2
    assert "links added" not in out and "changed:" not in out
