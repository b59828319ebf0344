"""The built default site in real Chromium, from ``file://``: every link and anchor resolves and
nothing leaves the machine; a citation mark lands on its highlighted sentence; every page works
with JavaScript off; names in right-to-left scripts carry ``dir="rtl"`` and ``lang``.

The accessibility checks, the screenshots and the phone layout are in test_browser_a11y.py.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import unquote, urlsplit

import pytest
from browserkit import ARTIFACTS, OpenPage, Tab

from conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

# One page of each type of the default site (the search page joins them when the site has one).
PAGE_TYPES = {
    "home": "index.html",
    "story": "pages/the-story.html",
    "actor": "actors/ahmad-massoud.html",
    "province": "provinces/panjshir.html",
    "event": "events/conflicting-control-claims.html",
    "source": "sources/tass-2021-09-05.html",
    "actors": "actors/index.html",
    "places": "provinces/index.html",
    "events": "events/index.html",
    "sources": "sources/index.html",
    "stories": "pages/index.html",
    "timeline": "timeline.html",
}
SEARCH_PAGE = "search.html"
SIZES = ((1280, 800), (390, 844))
SCREENSHOTS = ARTIFACTS / "screenshots"
TIMEOUT_MS = 10_000

# Every URL a page refers to, as the browser resolves it (SVG links included).
REFERENCES_JS = """() => Array.from(
  document.querySelectorAll("a[href], link[href], script[src], img[src]"),
  (e) => {
    const raw = e.getAttribute("href") ?? e.getAttribute("src");
    return {tag: e.localName, raw, url: new URL(raw, document.baseURI).href};
  })"""
IDS_JS = "() => Array.from(document.querySelectorAll('[id]'), (e) => e.id)"
# Right-to-left letters: Hebrew, Arabic (Persian, Pashto…), Syriac, Thaana, NKo, presentation forms.
RTL_JS = r"""() => {
  const rtl = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  const found = [];
  const check = (element, text, where) => {
    const dir = element.closest("[dir]");
    const lang = element.closest("[lang]");
    found.push({
      text, where, dir: dir ? dir.getAttribute("dir") : null,
      lang: lang && lang !== document.documentElement ? lang.getAttribute("lang") : null,
      html: element.outerHTML.slice(0, 200),
    });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (rtl.test(node.data) && !parent.closest("script, style, template")) {
      check(parent, node.data.trim(), "text");
    }
  }
  for (const element of document.body.querySelectorAll("*")) {
    for (const name of ["aria-label", "title", "alt", "placeholder"]) {
      const value = element.getAttribute(name);
      if (value && rtl.test(value)) { check(element, value, name); }
    }
  }
  return found;
}"""
IN_VIEW_JS = """(element) => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
}"""
# With scripting on, a <noscript> holds raw text; with it off, elements, which are shown.
NOSCRIPT_SHOWN_JS = "() => document.querySelector('main noscript > *') !== null"
MAIN_TEXT_JS = "() => document.querySelector('main').innerText"


def rtl_names() -> list[str]:
    """Every name in a right-to-left language in the default content's fact files."""
    import yaml

    found = []
    for path in sorted((ROOT / "content").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        names = data.get("names") if isinstance(data, dict) else None
        found += [text for lang, text in (names or {}).items() if lang in ("fa", "ps", "ar")]
    return found


def page_types(site: Path) -> dict[str, str]:
    """``PAGE_TYPES``, and ``search`` when the site has a search page."""
    types = dict(PAGE_TYPES)
    if (site / SEARCH_PAGE).is_file():
        types["search"] = SEARCH_PAGE
    return types


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_of(tab: Tab) -> Page:
    return cast("Page", tab.page)


def visit(tab: Tab, site: Path, path: str) -> Page:
    """Open ``path`` of ``site`` from ``file://`` and wait until it has loaded."""
    page = page_of(tab)
    page.goto((site / path).as_uri(), wait_until="load")
    return page


def site_path(site: Path, url: str) -> str:
    """The path of a ``file://`` URL relative to the site root; fails for one outside it."""
    path = Path(unquote(urlsplit(url).path))
    assert path.is_relative_to(site), f"{url} leaves the site"
    return path.relative_to(site).as_posix()


# 1. The crawl


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_link_of_every_page_resolves_from_file(
    default_site: Path, open_page: OpenPage, javascript: bool
) -> None:
    tab = open_page(javascript=javascript)
    ids: dict[str, set[str]] = {}
    references: dict[str, list[dict[str, str]]] = {}
    needs_script: list[str] = []
    for path in html_pages(default_site):
        page = visit(tab, default_site, path)
        ids[path] = set(page.evaluate(IDS_JS))
        references[path] = page.evaluate(REFERENCES_JS)
        if not page.locator("main h1").is_visible() or page.evaluate(NOSCRIPT_SHOWN_JS):
            needs_script.append(path)
    # Every page reads without JavaScript but search, which says that it needs it.
    assert needs_script == ([] if javascript else [SEARCH_PAGE])
    problems: list[str] = []
    external: set[str] = set()
    checked = 0
    for path, refs in references.items():
        for ref in refs:
            url = ref["url"]
            scheme = urlsplit(url).scheme
            if scheme in {"http", "https"}:
                external.add(url)  # listed, never followed
                continue
            if scheme != "file":
                problems.append(f"{path}: {ref['raw']} ({scheme}: is neither a file nor the web)")
                continue
            target = site_path(default_site, url)
            fragment = unquote(urlsplit(url).fragment)
            checked += 1
            if not (default_site / target).is_file():
                problems.append(f"{path}: <{ref['tag']}> {ref['raw']}: no file {target}")
            elif fragment and target.endswith(".html") and fragment not in ids[target]:
                problems.append(f"{path}: {ref['raw']}: no id {fragment!r} in {target}")
            elif fragment and not target.endswith(".html"):
                problems.append(f"{path}: {ref['raw']}: a fragment on a file that is no page")
    print(f"{checked} references checked; external links, not followed: {sorted(external)}")
    assert problems == []
    assert checked > 1000 and len(references) > 30
    assert tab.remote == [] and tab.blocked == []
    assert tab.console_errors == []
    assert all(url.startswith("file://") for url in tab.requests)


# 2. Citation marks


def click_first_mark(page: Page) -> tuple[str, str]:
    """Click the page's first citation mark; its note's id and the sentence it leads to."""
    mark = page.locator("sup.cite a").first
    note, href = mark.get_attribute("data-note"), mark.get_attribute("href")
    assert note and href and "#s" in href
    mark.click()
    page.wait_for_url(f"**/sources/*.html#{href.rsplit('#', 1)[1]}", timeout=TIMEOUT_MS)
    return note, href.rsplit("#", 1)[1]


def assert_on_highlighted_sentence(page: Page, sentence: str) -> None:
    target = page.locator(".sentence:target")
    assert target.get_attribute("id") == sentence
    # Polled from here: with JavaScript off the page's own timers, which wait_for_function
    # polls with, do not run; the scroll to the sentence may still be under way (smooth).
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not target.evaluate(IN_VIEW_JS):
        assert time.monotonic() < deadline, f"#{sentence} never came into view"
        page.wait_for_timeout(100)
    highlight = target.evaluate("(e) => getComputedStyle(e).backgroundColor")
    other = page.locator(".sentence:not(:target)").first
    plain = other.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert highlight != plain, (highlight, plain)
    assert highlight not in {"rgba(0, 0, 0, 0)", "transparent"}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}px" for w, _ in SIZES])
@pytest.mark.parametrize("path", [PAGE_TYPES["actor"], PAGE_TYPES["story"]])
def test_a_citation_mark_lands_on_its_highlighted_sentence(
    default_site: Path,
    open_page: OpenPage,
    path: str,
    size: tuple[int, int],
    javascript: bool,
) -> None:
    tab = open_page(javascript=javascript, width=size[0], height=size[1])
    page = visit(tab, default_site, path)
    quote = page.locator("#note-1 q.note-quote").inner_text()
    note_link = page.locator("#note-1 .note-source a").get_attribute("href")
    note, sentence = click_first_mark(page)
    assert note == "note-1"
    assert note_link is not None and note_link.endswith(f"#{sentence}")  # the note agrees
    assert_on_highlighted_sentence(page, sentence)
    sentence_text = page.locator(f"#{sentence} .sentence-text").inner_text()
    assert quote.strip('“”"').split()[0] in sentence_text
    assert tab.remote == [] and tab.console_errors == []


def test_a_citation_mark_still_pops_up_its_note(default_site: Path, open_page: OpenPage) -> None:
    tab = open_page()
    page = visit(tab, default_site, PAGE_TYPES["actor"])
    mark = page.locator("sup.cite a").nth(1)
    note_id = mark.get_attribute("data-note")
    note = page.locator(f"#{note_id}")
    mark.hover()
    popover = page.locator(".cite-popover")
    popover.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert popover.locator("q").inner_text() == note.locator("q").inner_text()
    page.keyboard.press("Escape")
    popover.wait_for(state="detached", timeout=TIMEOUT_MS)
    mark.focus()  # the keyboard shows it too
    popover.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert mark.get_attribute("aria-describedby") == "cite-popover"
    assert tab.console_errors == []


# 3. JavaScript off


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_type_reads_the_same_without_javascript(
    default_site: Path, open_page: OpenPage, name: str
) -> None:
    path = PAGE_TYPES[name]
    with_js = visit(open_page(), default_site, path)
    shown = with_js.evaluate(MAIN_TEXT_JS)
    tab = open_page(javascript=False)
    page = visit(tab, default_site, path)
    assert page.evaluate(MAIN_TEXT_JS) == shown  # no content waits for a script
    assert page.locator("noscript").count() == 0
    assert page.locator("main h1").is_visible()
    assert len(shown) > 200
    # The navigation works: every section is a plain link.
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Actors").click()
    page.wait_for_url("**/actors/index.html", timeout=TIMEOUT_MS)
    assert page.locator("main h1").inner_text() == "Actors"
    assert tab.remote == [] and tab.console_errors == []


# 5. Right-to-left names


def test_names_in_right_to_left_scripts_carry_dir_and_lang(
    default_site: Path, open_page: OpenPage
) -> None:
    tab = open_page()
    wrong: list[str] = []
    seen = 0
    for path in html_pages(default_site):
        if path == SEARCH_PAGE:
            continue
        page = visit(tab, default_site, path)
        for item in page.evaluate(RTL_JS):
            seen += 1
            if item["dir"] != "rtl" or not item["lang"]:
                wrong.append(f"{path}: {item['where']} {item['text']!r} in {item['html']}")
    assert wrong == []
    # Each name in Persian or Pashto shows on its entity's page and in its kind's index.
    assert seen >= 2 * len(rtl_names()) > 0
