"""The single-file export in real Chromium with every network request blocked (only the file
itself may load): navigation, citation marks, search and the back button work inside the file,
with JavaScript and, for navigation and citations, without it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from browserkit import OpenPage, Tab

from generator.diagnostics import Diagnostics
from generator.export import single_file
from generator.pipeline import site_files

from conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

TIMEOUT_MS = 10_000
SHOWN_JS = """() => Array.from(document.querySelectorAll('.xp-page'))
  .filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.id)"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    diags = Diagnostics()
    made = site_files(ROOT, diags, strict=True)
    assert made is not None
    path = tmp_path_factory.mktemp("export") / "explainer.html"
    path.write_bytes(single_file(made[1]))
    return path


def page_of(tab: Tab) -> Page:
    return cast("Page", tab.page)


def shown(page: Page) -> list[str]:
    result: list[str] = page.evaluate(SHOWN_JS)
    return result


def wait_shown(page: Page, section: str) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while shown(page) != [section]:
        assert time.monotonic() < deadline, f"{section} never showed alone: {shown(page)}"
        page.wait_for_timeout(50)


def assert_only_the_file(tab: Tab, exported: Path) -> None:
    assert tab.blocked == [], tab.blocked
    assert {url.split("#")[0] for url in tab.requests} == {exported.as_uri()}
    assert tab.console_errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_navigation_and_citations_work_inside_the_file(
    exported: Path, open_page: OpenPage, javascript: bool
) -> None:
    tab = open_page(offline=True, javascript=javascript)
    page = page_of(tab)
    page.goto(exported.as_uri())
    assert shown(page) == ["/index.html"]  # the home page, with nothing targeted
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Actors").click()
    wait_shown(page, "/actors/index.html")
    assert page.url.endswith("#/actors/index.html")
    section = page.locator("[id='/actors/index.html']")
    assert section.locator("h1").inner_text() == "Actors"
    section.get_by_role("link", name="Ahmad Massoud", exact=True).first.click()
    wait_shown(page, "/actors/ahmad-massoud.html")
    actor = page.locator("[id='/actors/ahmad-massoud.html']")
    assert actor.locator("h1").inner_text() == "Ahmad Massoud"
    if javascript:
        assert page.title().startswith("Ahmad Massoud")
        current = page.locator("nav a[aria-current]")
        assert current.inner_text() == "Actors"
    # A citation mark leads to the source's section, at the highlighted sentence.
    mark = actor.locator("sup.cite a").first
    href = mark.get_attribute("href") or ""
    assert href.startswith("#/sources/tass-2021-09-05.html/s")
    mark.click()
    wait_shown(page, "/sources/tass-2021-09-05.html")
    target = page.locator(".sentence:target")
    assert target.get_attribute("id") == href[1:]
    background = target.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 800
    # Back goes to the actor again.
    page.go_back()
    wait_shown(page, "/actors/ahmad-massoud.html")
    assert_only_the_file(tab, exported)


def test_search_works_inside_the_file(exported: Path, open_page: OpenPage) -> None:
    tab = open_page(offline=True)
    page = page_of(tab)
    page.goto(exported.as_uri() + "#/timeline.html")
    wait_shown(page, "/timeline.html")
    page.keyboard.press("/")
    page.keyboard.type("Masoud")
    listbox = page.locator("#site-search-input-results")
    listbox.locator("[role=option]").first.wait_for(timeout=TIMEOUT_MS)
    assert "Ahmad Massoud" in listbox.locator("[role=option]").first.inner_text()
    page.keyboard.press("Enter")
    wait_shown(page, "/actors/ahmad-massoud.html")
    # All results: the search page inside the file.
    page.keyboard.press("/")
    page.keyboard.type("ceasefire")
    listbox.locator(".search-all").wait_for(timeout=TIMEOUT_MS)
    listbox.locator(".search-all").click()
    wait_shown(page, "/search.html")
    results = page.locator("[id='/search.html'] .search-result-link")
    results.first.wait_for(timeout=TIMEOUT_MS)
    assert results.count() > 8
    assert all(
        (results.nth(i).get_attribute("href") or "").startswith("#/")
        for i in range(results.count())
    )
    results.first.click()
    assert shown(page) != ["/search.html"]
    assert_only_the_file(tab, exported)


def test_the_citation_pop_up_finds_its_note_inside_the_file(
    exported: Path, open_page: OpenPage
) -> None:
    tab = open_page(offline=True)
    page = page_of(tab)
    page.goto(exported.as_uri() + "#/actors/nrf.html")
    wait_shown(page, "/actors/nrf.html")
    mark = page.locator("[id='/actors/nrf.html'] sup.cite a").first
    mark.hover()
    popover = page.locator(".cite-popover")
    popover.wait_for(state="visible", timeout=TIMEOUT_MS)
    note = page.locator(f"[id='/actors/nrf.html/{mark.get_attribute('data-note')}']")
    assert popover.locator("q").inner_text() == note.locator("q").inner_text()
    assert_only_the_file(tab, exported)
