"""bench/peers.py gives Hugo and Pelican the same explainer as Explainer builds.

The peers themselves run in the benchmark only (it checks their pages before timing them);
these tests check the content they are given: a page per entity and source, with every fact,
its notes, the links between pages and the anchors of the cited sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project(bench: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generate import generate

    root = tmp_path_factory.mktemp("peers") / "project"
    generate(100, root)  # 50 actors, 20 places, 30 events, 4 sources, a story
    return root


def test_every_entity_source_and_page_becomes_a_peer_page(project: Path, tmp_path: Path) -> None:
    from peers import hugo_site, pelican_site

    assert hugo_site(project, tmp_path / "hugo") == 105
    assert pelican_site(project, tmp_path / "pelican") == 105
    for site in (tmp_path / "hugo", tmp_path / "pelican"):
        content = site / "content"
        assert len(list((content / "actors").glob("actor-*.md"))) == 50
        assert len(list((content / "provinces").glob("place-*.md"))) == 20
        assert len(list((content / "events").glob("event-*.md"))) == 30
        assert len(list((content / "sources").glob("source-*.md"))) == 4
        assert (content / "pages" / "story.md").exists()


def test_an_entity_page_holds_its_facts_notes_and_links(project: Path) -> None:
    from peers import read_project

    pages = {(p.folder, p.slug): p for p in read_project(project)}
    actor = pages["actors", "actor-7"]
    assert actor.title == "Actor 7"
    assert actor.kind == "person"
    facts = re.findall(r"^\d\. (Statement \d about actor-7 mentions .*)$", actor.body, re.M)
    assert len(facts) == 3
    # A mark per citation (three facts, one relation), each with its note.
    marks = re.findall(r"\[\^(\d+)\](?!:)", actor.body)
    note = (
        r"^\[\^(\d+)\]: “Report \d+-(\d+) says the” — \*Synthetic report \d+\*.*"
        r"\[sentence (\d+)\]\(\.\./sources/source-\d+\.html#s(\d+)\)"
    )
    notes = re.findall(note, actor.body, re.M)
    assert marks == ["1", "2", "3", "4"]
    assert [n[0] for n in notes] == marks
    assert all(n[1] == n[2] == n[3] for n in notes)
    # Every @link is a relative link to a page that exists.
    assert "(@" not in actor.body
    for href in re.findall(r"\]\(([^)#:]+\.html)\)", actor.body):
        folder, slug = ("actors", href) if "/" not in href else href.split("/")[1:]
        assert (folder, slug.removesuffix(".html")) in pages, href
    event = pages["events", "event-3"]
    assert re.search(r"^Date: 2021-08-04\[\^1\]$", event.body, re.M)
    assert "## Who" in event.body and "## Where" in event.body
    place = pages["provinces", "place-5"]
    assert "Part of [place-1](place-1.html)." in place.body


def test_a_source_page_anchors_every_sentence_and_lists_who_cites_it(project: Path) -> None:
    from peers import read_project

    pages = {(p.folder, p.slug): p for p in read_project(project)}
    source = pages["sources", "source-2"]
    ids = re.findall(r'<span id="s(\d+)">Report 2-(\d+) says', source.body)
    assert [int(a) for a, _ in ids] == list(range(1, 61))
    assert all(a == b for a, b in ids)
    text = (project / "content" / "sources" / "source-2.txt").read_text("utf-8")
    spans = re.sub(r"</?span[^>]*>", "", source.body.split("\n\n", 1)[1].split("\n\n## ")[0])
    assert spans == text.strip()
    cited_by = re.findall(r"^- \[([a-z]+-\d+)\]", source.body.split("## Cited by")[1], re.M)
    citing = [
        p.stem
        for folder in ("actors", "provinces", "events")
        for p in (project / "content" / folder).glob("*.yaml")
        if "source: source-2\n" in p.read_text("utf-8")
    ]
    assert sorted(cited_by) == sorted(citing)
    assert len(cited_by) == len(set(cited_by)) > 0
