"""Accessibility and layout of every page type of the default site, in real Chromium from
``file://``: axe-core (bundled with axe-playwright-python, run offline) finds no serious or
critical violation of WCAG 2.2 A/AA or best practice, in light and dark colours, with the
search list open too; no page scrolls sideways on a phone. Screenshots of every page type at
1280×800 and 390×844 are kept in ``test-artifacts/screenshots/`` for review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from browserkit import ARTIFACTS, OpenPage, Tab
from test_browser_site import PAGE_TYPES, SEARCH_PAGE

if TYPE_CHECKING:
    from playwright.sync_api import Page

SCREENSHOTS = ARTIFACTS / "screenshots"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = frozenset({"serious", "critical"})
ALL_TYPES = {**PAGE_TYPES, "search": SEARCH_PAGE + "?q=ceasefire"}
TIMEOUT_MS = 10_000


def page_of(tab: Tab) -> Page:
    return cast("Page", tab.page)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:4])
        for v in violations
    ]


def open_type(tab: Tab, site: Path, name: str) -> Page:
    page = page_of(tab)
    path, _, query = ALL_TYPES[name].partition("?")
    page.goto((site / path).as_uri() + (f"?{query}" if query else ""), wait_until="load")
    if name == "search":
        page.locator(".search-results .search-result-link").first.wait_for(timeout=TIMEOUT_MS)
    return page


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", sorted(ALL_TYPES))
def test_axe_finds_nothing_serious(
    default_site: Path, open_page: OpenPage, name: str, dark: bool
) -> None:
    tab = open_page(dark=dark)
    page = open_type(tab, default_site, name)
    assert tab.console_errors == []  # before axe, whose own reading of the styles may log some
    violations = run_axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    print("\n".join(describe(violations)))  # the lesser ones, for the log
    assert describe(blocking) == []
    assert tab.remote == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_nothing_serious_with_the_search_list_open(
    default_site: Path, open_page: OpenPage, dark: bool
) -> None:
    tab = open_page(dark=dark)
    page = open_type(tab, default_site, "actor")
    page.keyboard.press("/")
    page.keyboard.type("mas")
    page.locator("#site-search-input-results [role=option]").first.wait_for(timeout=TIMEOUT_MS)
    page.keyboard.press("ArrowDown")
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert describe(blocking) == []


@pytest.mark.parametrize("name", sorted(ALL_TYPES))
def test_no_page_scrolls_sideways_on_a_phone(
    default_site: Path, open_page: OpenPage, name: str
) -> None:
    tab = open_page(width=390, height=844)
    page = open_type(tab, default_site, name)
    overflow = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          return Array.from(document.querySelectorAll('body *'))
            .filter((e) => e.getBoundingClientRect().right > width + 1
                     && getComputedStyle(e).position !== 'absolute'
                     && !e.closest('.visually-hidden, [hidden]'))
            .map((e) => e.tagName.toLowerCase() + '.' + e.className).slice(0, 5);
        }"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, overflow
    assert overflow == []


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("name", sorted(ALL_TYPES))
def test_screenshot_every_page_type(
    default_site: Path, open_page: OpenPage, name: str, size: str
) -> None:
    width, height = SIZES[size]
    tab = open_page(width=width, height=height)
    page = open_type(tab, default_site, name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    first = SCREENSHOTS / f"{name}-{width}x{height}.png"
    page.screenshot(path=str(first))
    whole = SCREENSHOTS / f"{name}-{width}-full.png"
    page.screenshot(path=str(whole), full_page=True)
    assert first.stat().st_size > 5_000 and whole.stat().st_size >= first.stat().st_size // 2
    if name == "actor":  # the search list open over a page, and the dark colours
        page.keyboard.press("/")
        page.keyboard.type("Masoud")
        page.locator("#site-search-input-results [role=option]").first.wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(SCREENSHOTS / f"search-list-{width}x{height}.png"))
        dark = open_page(width=width, height=height, dark=True)
        open_type(dark, default_site, name).screenshot(
            path=str(SCREENSHOTS / f"{name}-dark-{width}x{height}.png")
        )
    assert tab.remote == [] and tab.console_errors == []


def test_the_axe_harness_catches_what_it_should(open_page: OpenPage) -> None:
    """The check above can fail: a page with an unlabelled field and an image without text."""
    tab = open_page()
    page = page_of(tab)
    page.set_content(
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><input type="text">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    found = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    assert {"image-alt", "label", "html-has-lang"} <= found
