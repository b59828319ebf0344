"""The view models built from the hand-made test site (tests/sitefixture.py)."""

from __future__ import annotations

import json

import pytest
from markupsafe import Markup, escape

from generator.views import PageView, page_views, rel, site_views
from generator.views_base import index_site
from generator.views_cite import CitationBook
from generator.views_layout import json_text
from generator.views_model import Link, Mark, Marks, OtherName, OtherNames, time_html
from generator.views_pages import (
    EntityPage,
    EventsPage,
    HomePage,
    PlacesPage,
    SourcePage,
    StoryPage,
    TimelinePage,
)

from sitefixture import SOURCE_URL, UNCITED_SENTENCE, make_site


def views(**kwargs: bool) -> dict[str, PageView]:
    return {page.path: page for page in site_views(make_site(**kwargs))}


@pytest.fixture(scope="module")
def pages() -> dict[str, PageView]:
    return views()


def entity(pages: dict[str, PageView], path: str) -> EntityPage:
    view = pages[path].view
    assert isinstance(view, EntityPage)
    return view


@pytest.mark.parametrize(
    ("start", "target", "expected"),
    [
        ("index.html", "actors/nrf.html", "actors/nrf.html"),
        ("actors/nrf.html", "actors/taliban.html", "taliban.html"),
        ("actors/nrf.html", "sources/tass.html#s5", "../sources/tass.html#s5"),
        ("actors/nrf.html", "index.html", "../index.html"),
        ("actors/nrf.html", "actors/nrf.html#fact-2", "nrf.html#fact-2"),
        ("timeline.html", "static/style.css", "static/style.css"),
    ],
)
def test_rel_makes_relative_urls_that_name_a_file(start: str, target: str, expected: str) -> None:
    assert rel(start, target) == expected


def test_every_page_of_the_url_layout_is_there(pages: dict[str, PageView]) -> None:
    assert sorted(pages) == [
        "actors/alice.html",
        "actors/bob.html",
        "actors/index.html",
        "actors/org.html",
        "events/battle.html",
        "events/founding.html",
        "events/index.html",
        "index.html",
        "pages/index.html",
        "pages/story.html",
        "provinces/index.html",
        "provinces/land.html",
        "provinces/town.html",
        "provinces/village.html",
        "search.html",
        "sources/index.html",
        "sources/src.html",
        "timeline.html",
    ]
    assert pages["actors/alice.html"].template == "actor.html"
    assert pages["pages/story.html"].template == "page.html"


def test_marks_are_numbered_in_reading_order_and_reused(pages: dict[str, PageView]) -> None:
    alice = entity(pages, "actors/alice.html")
    # The cited birth date comes first on the page, then the facts.
    assert [m.number for m in alice.dates[0].marks] == [1]
    assert [[m.number for m in f.marks] for f in alice.facts] == [[2, 3], [4], [2]]
    assert [m.number for m in alice.relations[0].marks] == [5]
    assert [m.number for m in alice.affiliations[0].marks] == [2]
    assert [n.number for n in alice.notes] == [1, 2, 3, 4, 5]
    assert [n.passage.quote for n in alice.notes][:3] == [
        "born in 1970",
        "Alice Example leads the Org",
        "leads the Org in Town",
    ]


def test_only_the_first_mark_of_a_note_has_an_id(pages: dict[str, PageView]) -> None:
    alice = entity(pages, "actors/alice.html")
    first, reused = alice.facts[0].marks[0], alice.facts[2].marks[0]
    assert (first.id, reused.id) == ("mark-2", "")
    assert first.href == reused.href == "../sources/src.html#s1"  # the cited sentence
    assert first.label == "Source 2"
    assert 'aria-label="Source 2"' in first.html and 'id="mark-2"' in first.html
    assert 'data-note="note-2"' in first.html and 'data-note="note-2"' in reused.html


def test_notes_link_to_the_source_sentence_and_to_the_original(
    pages: dict[str, PageView],
) -> None:
    note = entity(pages, "actors/alice.html").notes[3]
    assert note.id == "note-4"
    assert note.sentence.href == "../sources/src.html#s2"
    assert note.passage.original == f"{SOURCE_URL}#:~:text=She%20was%20born%20in%201970"
    assert note.back == "#mark-4"
    passage = note.passage
    assert (passage.source_title, passage.publisher, passage.published) == (
        "Report on Town",
        "Example News",
        "5 September 2021",
    )


def test_disputed_facts_are_paired_across_entities(pages: dict[str, PageView]) -> None:
    bob = entity(pages, "actors/bob.html")
    org = entity(pages, "actors/org.html")
    for page, other in ((bob, "org.html#fact-org-denies"), (org, "bob.html#fact-org-controls")):
        assert len(page.contested) == 1
        block = page.contested[0]
        assert block.id == "contested-1"
        assert [c.claimant.text if c.claimant else "" for c in block.claims] in (
            ["Bob Other", "The Org"],
            ["The Org", "Bob Other"],
        )
        assert other in [c.fact.href for c in block.claims]
        assert page.facts[0].contested == "#contested-1"
    # Bob's page numbers Bob's fact first, then the Org's account it shows beside it.
    assert [n.passage.quote for n in bob.notes][:2] == [
        "Bob Other said the Org controls Town",
        "The Org said it does not control Town",
    ]


def test_claims_name_who_claims_them(pages: dict[str, PageView]) -> None:
    fact = entity(pages, "actors/bob.html").facts[0]
    assert fact.claimed_by is not None
    assert (fact.claimed_by.text, fact.claimed_by.href) == ("Bob Other", "bob.html")
    assert fact.as_of == "5 September 2021"


def test_relations_are_shown_from_both_sides(pages: dict[str, PageView]) -> None:
    bob = entity(pages, "actors/bob.html")
    labels = [(r.label, r.target.text) for r in bob.relations]
    assert ("Parent of", "Alice Example") in labels
    assert ("Opposed by", "The Org") in labels
    org = entity(pages, "actors/org.html")
    assert [(r.label, r.target.text) for r in org.affiliations] == [("Leader:", "Alice Example")]


def test_dates_show_precision_and_uncited_ones_have_no_marks(pages: dict[str, PageView]) -> None:
    battle = entity(pages, "events/battle.html")
    assert [(d.label, d.display, d.iso, bool(d.marks)) for d in battle.dates] == [
        ("Began", "August 2021", "2021-08", True),
        ("Ended", "September 2021", "2021-09", False),
    ]
    assert [a.text for a in battle.actors] == ["Alice Example", "The Org"]
    assert [p.href for p in battle.places] == ["../provinces/town.html"]


def test_names_in_other_scripts_carry_lang_and_dir(pages: dict[str, PageView]) -> None:
    (name,) = entity(pages, "actors/alice.html").names
    assert (name.lang, name.dir, name.language) == ("fa", "rtl", "Persian")


def test_places_follow_part_of(pages: dict[str, PageView]) -> None:
    index = pages["provinces/index.html"].view
    assert isinstance(index, PlacesPage)
    (land,) = index.tree
    assert land.item.link.text == "Land"
    assert [n.item.link.text for n in land.children] == ["Town"]
    assert [n.item.link.text for n in land.children[0].children] == ["Village"]
    village = entity(pages, "provinces/village.html")
    assert [b.text for b in village.breadcrumb] == ["Land", "Town"]
    assert [w.text for w in entity(pages, "provinces/town.html").within] == ["Village"]


def test_a_map_only_when_places_have_coordinates(pages: dict[str, PageView]) -> None:
    index = pages["provinces/index.html"].view
    assert isinstance(index, PlacesPage) and index.map is not None
    points = {p.text: p for p in index.map.points}
    assert sorted(points) == ["Land", "Town"]
    # North is up, and the more eastern place is further right.
    assert points["Town"].y < points["Land"].y
    assert points["Town"].x > points["Land"].x
    assert all(
        0 <= p.x <= index.map.width and 0 <= p.y <= index.map.height for p in points.values()
    )
    assert "1 other place without coordinates" in index.map.caption
    town = entity(pages, "provinces/town.html")
    assert town.map is not None and [p.text for p in town.map.points if p.current] == ["Town"]
    bare = views(coordinates=False)
    index = bare["provinces/index.html"].view
    assert isinstance(index, PlacesPage) and index.map is None
    assert entity(bare, "provinces/town.html").map is None


def test_timeline_is_chronological_and_grouped_by_year(pages: dict[str, PageView]) -> None:
    timeline = pages["timeline.html"].view
    assert isinstance(timeline, TimelinePage)
    assert [(y.id, y.label) for y in timeline.years] == [("y1990s", "The 1990s"), ("y2021", "2021")]
    decade, battle = timeline.years[0].events[0], timeline.years[1].events[0]
    assert (decade.when, decade.iso, decade.uncited) == ("the 1990s", "", True)
    assert (battle.when, battle.until, battle.uncited) == ("August 2021", "September 2021", False)
    events = pages["events/index.html"].view
    assert isinstance(events, EventsPage) and events.timeline == "../timeline.html"


def test_source_page_lists_every_sentence_in_paragraphs(pages: dict[str, PageView]) -> None:
    source = pages["sources/src.html"].view
    assert isinstance(source, SourcePage)
    assert [[s.number for s in p.sentences] for p in source.paragraphs] == [[1, 2, 3], [4, 5, 6, 7]]
    sentences = {s.number: s for p in source.paragraphs for s in p.sentences}
    assert sentences[UNCITED_SENTENCE].cited_by == ()
    first = {g.page.text: g for g in sentences[1].cited_by}
    assert first["Alice Example"].page.href == "../actors/alice.html"
    assert "../actors/alice.html#fact-1" in [p.href for p in first["Alice Example"].parts]
    assert first["The story"].parts == ()
    assert (source.coverage.cited, source.coverage.total, source.coverage.percent) == (6, 7, 85)


def test_story_page_numbers_its_marks(pages: dict[str, PageView]) -> None:
    story = pages["pages/story.html"].view
    assert isinstance(story, StoryPage)
    assert [n.passage.quote for n in story.notes] == [
        "Alice Example leads the Org",
        "Bob Other is her father.",
        "The Org said it does not control Town",
    ]
    # The repeated quote reuses mark 1; the page's '#' heading is demoted below the title.
    assert story.body.count('href="../sources/src.html#s1" id="mark-1" data-note="note-1"') == 1
    assert story.body.count('href="../sources/src.html#s1" data-note="note-1"') == 1
    assert "<h2>The story</h2>" in story.body and "<h3>Later</h3>" in story.body
    assert [g.label for g in story.mentions] == ["Actors"]


def test_home_page(pages: dict[str, PageView]) -> None:
    home = pages["index.html"].view
    assert isinstance(home, HomePage)
    assert home.layout.title == "Test explainer"
    assert [e.link.href for e in home.latest] == ["events/battle.html", "events/founding.html"]
    assert [p.link.href for p in home.pages] == ["pages/story.html"]
    assert "[1]" not in home.pages[0].teaser  # teasers carry no marks (their notes are elsewhere)
    assert home.coverage.percent == 85


def test_navigation_marks_the_current_section(pages: dict[str, PageView]) -> None:
    nav = entity(pages, "actors/alice.html").layout.nav
    assert [(n.label, n.href, n.current) for n in nav] == [
        ("Home", "../index.html", ""),
        ("Story", "../pages/index.html", ""),
        ("Actors", "index.html", "true"),
        ("Places", "../provinces/index.html", ""),
        ("Events", "../events/index.html", ""),
        ("Timeline", "../timeline.html", ""),
        ("Sources", "../sources/index.html", ""),
    ]
    home_nav = pages["index.html"].view.layout.nav
    assert home_nav[0].current == "page"


def test_views_are_the_same_every_time() -> None:
    assert site_views(make_site()) == site_views(make_site())


def test_a_span_cited_twice_in_one_statement_gives_one_mark_with_its_id() -> None:
    site = make_site()
    spec = site.content.actors[0].facts[0].cites[0]
    book = CitationBook(index_site(site), "actors/alice.html")
    (mark,) = book.marks((spec, spec))
    assert (mark.number, mark.id) == (1, "mark-1")
    assert book.marks((spec,))[0].id == ""
    assert [n.back for n in book.notes()] == ["#mark-1"]


def test_unresolved_marks_in_markdown_are_never_rendered() -> None:
    book = CitationBook(index_site(make_site()), "actors/alice.html")
    html = book.block('Text.[^src "words that were never checked"]')
    assert "cite" not in html and "[^" not in html
    assert book.notes() == ()


def test_pages_come_one_at_a_time_and_are_the_same_pages() -> None:
    site = make_site()
    assert sorted(page_views(site), key=lambda p: p.path) == list(site_views(site))


def test_pages_of_one_folder_share_what_they_both_show(pages: dict[str, PageView]) -> None:
    alice, bob, org = (entity(pages, f"actors/{name}.html") for name in ("alice", "bob", "org"))
    (from_org,) = [r.target for r in org.affiliations if r.target.text == "Alice Example"]
    (from_bob,) = [r.target for r in bob.relations if r.target.text == "Alice Example"]
    assert from_org is from_bob  # one link per folder and entity
    assert from_org.html == '<a href="alice.html">Alice Example</a>'
    assert alice.layout.nav is bob.layout.nav  # one navigation per folder
    assert pages["index.html"].view.layout.nav is not pages["timeline.html"].view.layout.nav


def test_a_place_map_marks_only_the_page_of_its_place(pages: dict[str, PageView]) -> None:
    town, village = entity(pages, "provinces/town.html"), entity(pages, "provinces/village.html")
    assert town.map is not None and village.map is not None
    assert [p.text for p in town.map.points if p.current] == ["Town"]
    assert [p.text for p in village.map.points if p.current] == []  # it has no coordinates
    index = pages["provinces/index.html"].view
    assert isinstance(index, PlacesPage) and index.map is not None
    assert not any(p.current for p in index.map.points)


def test_markdown_with_marks_is_numbered_on_its_page_only() -> None:
    site = make_site()
    index = index_site(site)
    text = 'Alice leads the Org.[^src "Alice Example leads the Org"]'
    spec = site.page_cites["story"][0]
    teaser = CitationBook(index, "pages/index.html", (spec,), numbered=False).block(text)
    body = CitationBook(index, "pages/story.html", (spec,)).block(text)
    again = CitationBook(index, "pages/index.html", (spec,), numbered=False).block(text)
    assert "cite" not in teaser and teaser == again
    assert 'href="../sources/src.html#s1" id="mark-1" data-note="note-1"' in body


def test_pieces_print_as_their_html() -> None:
    hostile = Link("a.html?x=1&y=2", '<b>"Bold" & co</b>')
    assert hostile.html == (
        '<a href="a.html?x=1&amp;y=2">&lt;b&gt;&#34;Bold&#34; &amp; co&lt;/b&gt;</a>'
    )
    mark = Mark(1, "../sources/s.html#s1", "Source 1", "", Markup("<sup>1</sup>"))
    assert escape(Marks((mark, mark))) == "<sup>1</sup><sup>1</sup>"
    assert escape(Marks()) == ""
    name = OtherName("<x>", "fa", "rtl", "Persian")
    assert escape(OtherNames((name,))) == f"{name.html}\n"
    assert time_html("the 1990s", "") == "the 1990s"
    assert time_html("5 May 2021", "2021-05-05") == '<time datetime="2021-05-05">5 May 2021</time>'


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "",
        {"b": 1, "a": [1, 2.5, True, None, "x"], "c": {"z": {}, "y": []}},
        {"@type": "Person", "name": 'Ahmad "Massoud" <3> & co', "alternateName": ["آلیس", "é"]},
        ("tuple", {"k": ("nested",)}),
        {"float": 1e20, "neg": -0.5, "big": 10**20, "escape": "line\nbreak\t\\ \u2028"},
    ],
)
def test_json_text_is_what_json_dumps_writes(value: object) -> None:
    assert json_text(value) == json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)
