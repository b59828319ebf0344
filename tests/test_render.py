"""Rendering the hand-made test site (and the default project) into HTML."""

from __future__ import annotations

import json
import os
import posixpath
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from msgspec.structs import replace

from generator.diagnostics import Diagnostics
from generator.link import link
from generator.model import Content, SiteConfig
from generator.render import render_site

from sitefixture import HOSTILE, UNCITED_SENTENCE, make_site

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "themes" / "default"
ADDED_BY_THE_PIPELINE = frozenset({"explainer.json"})


class Page(HTMLParser):
    """What the tests look at in a page: ids, links, JSON-LD and a few attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.jsonld: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._in_jsonld = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.elements.append((tag, found))
        if "id" in found:
            assert found["id"] not in self.ids, f"duplicate id {found['id']}"
            self.ids.add(found["id"])
        if tag in ("a", "link") and "href" in found:
            self.links.append(found["href"])
        if tag == "script" and "src" in found:
            self.links.append(found["src"])
        self._in_jsonld = tag == "script" and found.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)
        else:
            self.text.append(data)

    def with_attr(self, name: str, value: str | None = None) -> list[tuple[str, dict[str, str]]]:
        return [
            (tag, attrs)
            for tag, attrs in self.elements
            if name in attrs and (value is None or attrs[name] == value)
        ]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_site(make_site(hostile=True), (THEME,))


@pytest.fixture(scope="module")
def parsed(files: dict[str, bytes]) -> dict[str, Page]:
    return {path: Page(data.decode()) for path, data in files.items() if path.endswith(".html")}


def check_links(files: dict[str, bytes]) -> int:
    """Every relative link leads to a file of the site, and its #fragment to an id there."""
    pages = {p: Page(d.decode()) for p, d in files.items() if p.endswith(".html")}
    checked = 0
    for path, page in pages.items():
        for href in page.links:
            if href.startswith(("https:", "http:", "mailto:")):
                continue
            target, _, fragment = href.partition("#")
            if target:
                assert not target.startswith("/") and ":" not in target, (path, href)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            else:
                target = path
            known = target in files or target in ADDED_BY_THE_PIPELINE
            assert known, f"{path}: {href} leads to no file"
            if fragment and target in pages:
                assert fragment in pages[target].ids, f"{path}: {href}: no id '{fragment}'"
            checked += 1
    return checked


def test_every_link_resolves_to_a_page_and_an_anchor(files: dict[str, bytes]) -> None:
    assert check_links(files) > 200
    assert check_links(render_site(make_site(coordinates=False), (THEME,))) > 200


def test_marks_link_to_the_sentence_and_name_their_note(files: dict[str, bytes]) -> None:
    html = files["actors/alice.html"].decode()
    assert (
        '<sup class="cite"><a href="../sources/src.html#s1" id="mark-2" data-note="note-2"'
        ' aria-label="Source 2">[2]</a></sup>' in html
    )
    # Reused, without an id.
    assert '<a href="../sources/src.html#s1" data-note="note-2" aria-label="Source 2">' in html
    assert html.count('<li id="note-') == 5
    assert '<a href="../sources/src.html#s2">sentence 2</a>' in html
    assert 'href="https://example.org/news/1#:~:text=She%20was%20born%20in%201970"' in html
    assert '<q class="note-quote" lang="en">She was born in 1970</q>' in html
    assert '<a class="note-back" href="#mark-4"' in html


def test_facts_are_list_items_with_their_anchor(parsed: dict[str, Page]) -> None:
    page = parsed["actors/bob.html"]
    assert ("li", {"id": "fact-org-controls", "class": "is-contested"}) in page.elements
    assert "According to " in "".join(page.text)
    assert {"contested-1", "relations"} <= page.ids
    assert {"fact-1", "fact-2", "fact-3", "dates", "relations", "affiliations"} <= parsed[
        "actors/alice.html"
    ].ids


def test_hostile_text_is_escaped(files: dict[str, bytes]) -> None:
    html = files["actors/hostile.html"].decode()
    assert "<script>alert" not in html
    assert "<img" not in html and "<b>bold" not in html and "<i>x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co</h1>" in html
    assert 'href="javascript:' not in html
    for path, data in files.items():
        if path.endswith(".html"):
            assert "<script>alert" not in data.decode(), path


def test_jsonld_is_json_of_the_right_type(parsed: dict[str, Page]) -> None:
    types = {}
    for path, page in parsed.items():
        (text,) = page.jsonld
        assert "<" not in text, path
        data = json.loads(text)
        assert data["@context"] == "https://schema.org"
        types[path] = data["@type"]
        if path == "sources/src.html":
            assert data["publisher"] == {"@type": "Organization", "name": "Example News"}
            assert data["datePublished"] == "2021-09-05"
        if path == "events/battle.html":
            assert (data["startDate"], data["endDate"]) == ("2021-08", "2021-09")
            assert data["location"][0]["url"] == "../provinces/town.html"
        if path == "actors/alice.html":
            assert data["alternateName"] == ["Alicia Example", "آلیس"]
            assert (data["url"], data["birthDate"]) == ("alice.html", "1970")
        if path == "events/founding.html":
            assert "startDate" not in data  # a decade has no ISO 8601 date
        if path == "actors/hostile.html":
            assert data["name"] == HOSTILE
    assert types["index.html"] == "WebSite"
    assert types["actors/alice.html"] == "Person"
    assert types["actors/org.html"] == "Organization"
    assert types["provinces/land.html"] == "Country"
    assert types["provinces/town.html"] == "City"
    assert types["provinces/village.html"] == "AdministrativeArea"
    assert types["events/battle.html"] == "Event"
    assert types["sources/src.html"] == "NewsArticle"


def test_other_scripts_carry_lang_and_dir(parsed: dict[str, Page]) -> None:
    names = parsed["actors/alice.html"].with_attr("lang", "fa")
    assert names == [("span", {"lang": "fa", "dir": "rtl"})]


def test_uncited_things_are_marked_in_words(
    files: dict[str, bytes], parsed: dict[str, Page]
) -> None:
    source = files["sources/src.html"].decode()
    assert f'<li id="s{UNCITED_SENTENCE}" class="sentence not-cited">' in source
    assert source.count("Not cited</span>") == 1
    assert '<li id="s1" class="sentence">' in source
    assert "(uncited)" in files["events/battle.html"].decode()
    assert "(date uncited)" in files["timeline.html"].decode()
    page = parsed["sources/src.html"]
    assert {f"s{n}" for n in range(1, 8)} <= page.ids


def test_map_is_drawn_only_with_coordinates(files: dict[str, bytes]) -> None:
    assert "<svg" in files["provinces/index.html"].decode()
    town = files["provinces/town.html"].decode()
    assert '<a href="town.html" class="map-place current" aria-current="page">' in town
    bare = render_site(make_site(coordinates=False), (THEME,))
    assert not any(b"<svg" in data for path, data in bare.items() if path.endswith(".html"))


def test_every_page_has_the_frame(parsed: dict[str, Page]) -> None:
    for path, page in parsed.items():
        root = "../" * path.count("/")  # search.js loads search-index.js from the root
        assert ("html", {"lang": "en", "data-root": root}) in page.elements, path
        assert page.ids >= {"main"}, path
        assert ("a", {"class": "skip-link", "href": "#main"}) in page.elements, path
        assert page.with_attr("name", "description"), path
        if path != "search.html":  # the one page the navigation does not list
            assert page.with_attr("aria-current"), path
    nav = parsed["actors/alice.html"].with_attr("aria-current")
    assert ("a", {"href": "index.html", "aria-current": "true"}) in nav


def test_output_is_utf8_with_unix_newlines_and_deterministic(files: dict[str, bytes]) -> None:
    again = render_site(make_site(hostile=True), (THEME,))
    assert again == files
    assert list(files) == sorted(files)
    for path, data in files.items():
        if path.endswith(".html"):
            text = data.decode("utf-8")
            assert "\r" not in text and text.endswith("</html>\n"), path


def test_static_files_come_from_the_theme_and_a_project_theme_wins(tmp_path: Path) -> None:
    project = tmp_path / "theme"
    (project / "static").mkdir(parents=True)
    (project / "static" / "style.css").write_text("body{}\n")
    (project / "templates").mkdir()
    (project / "templates" / "timeline.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>mine</p>{% endblock %}'
    )
    files = render_site(make_site(), (project, THEME))
    assert files["static/style.css"] == b"body{}\n"
    assert files["static/cite.js"] == (THEME / "static" / "cite.js").read_bytes()
    assert "<p>mine</p>" in files["timeline.html"].decode()
    assert "static/style.css" in files["index.html"].decode()


def test_the_default_explainer_renders_with_working_links() -> None:
    from generator.pipeline import check, theme_dirs

    diags = Diagnostics()
    site = check(ROOT, diags)
    assert site is not None, [str(d) for d in diags]
    files = render_site(site, theme_dirs(ROOT, site.content.config.theme))
    assert check_links(files) > 1000
    assert "static/style.css" in files and "pages/the-story.html" in files
    assert files == render_site(site, theme_dirs(ROOT, site.content.config.theme))


def test_output_does_not_depend_on_the_hash_seed() -> None:
    script = (
        "import hashlib, sys; sys.path.insert(0, 'tests');"
        "from pathlib import Path; from sitefixture import make_site;"
        "from generator.render import render_site;"
        "files = render_site(make_site(hostile=True), (Path('themes/default'),));"
        "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_an_empty_explainer_renders() -> None:
    content = Content(SiteConfig(title="Nothing yet"), (), (), (), (), ())
    site = link(content, {}, {}, {}, {}, Diagnostics())
    files = render_site(site, (THEME,))
    assert "There are no events yet." in files["timeline.html"].decode()
    assert check_links(files) > 50


def test_two_pages_on_one_path_are_refused() -> None:
    site = make_site()
    bob = replace(site.content.actors[1], id="index")
    clash = replace(
        site,
        content=replace(site.content, actors=(*site.content.actors, bob)),
        entities={**site.entities, "index": bob},
    )
    with pytest.raises(ValueError, match=r"actors/index\.html"):
        render_site(clash, (THEME,))
