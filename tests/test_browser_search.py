"""Search in real Chromium, on the built default site, from ``file://`` and from a web server:
the box in the header finds names, other spellings, names in other scripts, facts and source
sentences; it is driven by the keyboard alone; ``search.html`` lists every result; the query is
folded exactly as the index was; nothing is fetched from anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from browserkit import OpenPage, Tab, http_server

from generator.search import fold_text

if TYPE_CHECKING:
    from playwright.sync_api import Page

TIMEOUT_MS = 10_000
BOX = "#site-search-input"
LIST = "#site-search-input-results"


@pytest.fixture(params=["file", "http"])
def base_url(request: pytest.FixtureRequest, default_site: Path) -> Iterator[str]:
    """The default site's root URL: from disk, or from a static web server on 127.0.0.1."""
    if request.param == "file":
        yield default_site.as_uri() + "/"
    else:
        with http_server(default_site) as url:
            yield url


def page_of(tab: Tab) -> Page:
    return cast("Page", tab.page)


def visit(open_page: OpenPage, base_url: str, path: str) -> tuple[Tab, Page]:
    """A fresh tab on ``path`` of the site."""
    tab = open_page()
    page = page_of(tab)
    page.goto(base_url + path)
    return tab, page


def type_query(page: Page, text: str) -> None:
    """Focus the box with "/" (as a reader would), type, and wait for the list."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == BOX[1:]
    page.keyboard.type(text)
    page.wait_for_function(
        f"document.querySelector({LIST!r}) && !document.querySelector({LIST!r}).hidden"
        f" && document.querySelector({BOX!r}).getAttribute('aria-expanded') === 'true'",
        timeout=TIMEOUT_MS,
    )


def options(page: Page) -> list[str]:
    return page.locator(f"{LIST} [role=option]").all_inner_texts()


def assert_offline(tab: Tab) -> None:
    assert tab.remote == [] and tab.blocked == []
    assert tab.console_errors == []


def test_masoud_finds_ahmad_massoud_and_enter_opens_it(base_url: str, open_page: OpenPage) -> None:
    tab, page = visit(open_page, base_url, "events/index.html")
    assert page.locator("script[src$='search-index.js']").count() == 0  # loaded on first use
    type_query(page, "Masoud")
    first = page.locator(f"{LIST} [role=option]").first
    assert "Ahmad Massoud" in first.inner_text()
    assert first.locator(".search-kind").text_content() == "Actor"
    assert "also written Ahmad Masoud" in first.inner_text()  # why it matched
    # The first result is active: the box says so to assistive technology.
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    assert "result" in page.locator(".search-status").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/ahmad-massoud.html", timeout=TIMEOUT_MS)
    assert page.locator("main h1").inner_text() == "Ahmad Massoud"
    assert_offline(tab)


def test_arrows_move_and_escape_closes(base_url: str, open_page: OpenPage) -> None:
    tab, page = visit(open_page, base_url, "index.html")
    type_query(page, "Massoud")
    found = options(page)
    assert len(found) >= 3, found
    box = page.locator(BOX)
    ids = [o.get_attribute("id") for o in page.locator(f"{LIST} [role=option]").all()]
    assert box.get_attribute("aria-activedescendant") == ids[0]
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == ids[1]
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == ids[2]
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == ids[1]
    selected = page.locator(f"{LIST} [aria-selected=true]").all()
    assert len(selected) == 1 and selected[0].get_attribute("id") == ids[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # wraps round to the last
    assert box.get_attribute("aria-activedescendant") == ids[-1]
    page.keyboard.press("Escape")
    assert page.locator(LIST).is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "Massoud"
    page.keyboard.press("Escape")  # a second Escape clears the box
    assert box.input_value() == ""
    assert_offline(tab)


def test_a_fact_result_opens_the_fact(base_url: str, open_page: OpenPage) -> None:
    tab, page = visit(open_page, base_url, "index.html")
    type_query(page, "negotiating table")
    kinds = page.locator(f"{LIST} [role=option] .search-kind").all_text_contents()
    at = kinds.index("Fact")
    for _ in range(at):
        page.keyboard.press("ArrowDown")
    chosen = page.locator(f"{LIST} [aria-selected=true]")
    assert chosen.locator("mark").all_inner_texts() == ["negotiating table"]  # as a phrase
    page.keyboard.press("Enter")
    page.wait_for_url("**/*.html#fact-*", timeout=TIMEOUT_MS)
    fact = page.url.rsplit("#", 1)[1]
    assert "negotiating table" in page.locator(f"[id='{fact}']").inner_text()
    assert_offline(tab)


def test_a_sentence_result_lands_on_the_highlighted_sentence(
    base_url: str, open_page: OpenPage
) -> None:
    tab, page = visit(open_page, base_url, "index.html")
    type_query(page, "Ulema Council in Kabul")
    kinds = page.locator(f"{LIST} [role=option] .search-kind").all_text_contents()
    sentence = page.locator(f"{LIST} [role=option]").nth(kinds.index("Sentence"))
    assert ", sentence " in sentence.inner_text()
    sentence.click()
    page.wait_for_url("**/sources/tass-2021-09-05.html#s*", timeout=TIMEOUT_MS)
    target = page.locator(".sentence:target")
    assert "Ulema Council in Kabul" in target.inner_text()
    assert_offline(tab)


def test_a_name_in_persian_is_found_and_shown_right_to_left(
    base_url: str, open_page: OpenPage
) -> None:
    tab, page = visit(open_page, base_url, "index.html")
    type_query(page, "مسعود")
    first = page.locator(f"{LIST} [role=option]").first
    assert "Ahmad Massoud" in first.inner_text()
    snippet = first.locator(".search-snippet")
    assert snippet.get_attribute("lang") == "fa" and snippet.get_attribute("dir") == "rtl"
    assert "in Persian" in first.inner_text()
    assert_offline(tab)


def test_a_spelling_mistake_in_a_name_still_finds_it(base_url: str, open_page: OpenPage) -> None:
    tab, page = visit(open_page, base_url, "index.html")
    type_query(page, "Panjshere")  # one letter off "Panjshir"
    assert "Panjshir" in options(page)[0]
    assert_offline(tab)


def test_nothing_found_says_so(base_url: str, open_page: OpenPage) -> None:
    tab, page = visit(open_page, base_url, "index.html")
    type_query(page, "zzqxv")
    assert page.locator(f"{LIST} .search-none").inner_text() == "No results for “zzqxv”"
    assert page.locator(f"{LIST} [role=option]").count() == 0
    assert page.locator(".search-status").inner_text() == "No results"
    assert_offline(tab)


def test_enter_with_many_results_leads_to_the_search_page(
    base_url: str, open_page: OpenPage
) -> None:
    tab, page = visit(open_page, base_url, "actors/nrf.html")
    type_query(page, "ceasefire")
    all_results = page.locator(f"{LIST} .search-all")
    assert all_results.inner_text().startswith("All ")
    all_results.click()
    page.wait_for_url("**/search.html?q=ceasefire", timeout=TIMEOUT_MS)
    status = page.locator(".search-page-status")
    page.wait_for_function(
        "document.querySelector('.search-page-status').textContent.includes('for')",
        timeout=TIMEOUT_MS,
    )
    count = int(status.inner_text().split()[0])
    results = page.locator(".search-results .search-result-link")
    assert results.count() == count > 8
    assert page.locator("#search-page-input").input_value() == "ceasefire"
    # Every result is a link to a page of the site, and the first one opens.
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(count)]
    assert all(h.endswith(".html") or ".html#" in h for h in hrefs), hrefs
    first_title = results.first.locator(".search-title").inner_text()
    results.first.click()
    page.wait_for_load_state()
    assert first_title.split(",")[0] in page.locator("main h1").inner_text()
    assert_offline(tab)


def test_the_search_page_searches_again_in_place(base_url: str, open_page: OpenPage) -> None:
    tab, page = visit(open_page, base_url, "search.html?q=Saleh")
    page.wait_for_selector(".search-results .search-result-link", timeout=TIMEOUT_MS)
    assert "Amrullah Saleh" in page.locator(".search-results").inner_text()
    field = page.locator("#search-page-input")
    field.fill("Ghani")
    field.press("Enter")
    page.wait_for_function(
        "document.querySelector('.search-page-status').textContent.includes('Ghani')",
        timeout=TIMEOUT_MS,
    )
    titles = page.locator(".search-results .search-title").all_inner_texts()
    assert titles[0] == "Ashraf Ghani"
    marked = {m.lower() for m in page.locator(".search-results mark").all_inner_texts()}
    assert marked == {"ghani"}  # every result shows where it matched
    if base_url.startswith("http"):
        assert page.url.endswith("search.html?q=Ghani")  # a reload shows the same results
    assert_offline(tab)


def test_without_javascript_the_search_page_says_why(
    default_site: Path, open_page: OpenPage
) -> None:
    tab = open_page(javascript=False)
    page = page_of(tab)
    page.goto((default_site / "index.html").as_uri())
    page.locator(BOX).fill("Massoud")
    page.locator(BOX).press("Enter")  # the plain form leads to search.html
    page.wait_for_url("**/search.html?q=Massoud", timeout=TIMEOUT_MS)
    assert "Search needs JavaScript" in page.locator("main").inner_text()
    assert page.locator(".search-page-form").is_hidden()
    assert tab.remote == []


# The query is folded exactly as the index was: NFKD, nonspacing marks dropped, case folded.
FOLD_CASES = [
    "Masoud",
    "MASSOUD",
    "Ahmad Shāh Mas‘ūd",
    "احمد مسعود",
    "مُحَمَّد",
    "پنجشیر",
    "Straße",
    "GROẞE",
    "ΣΊΣΥΦΟΣ",
    "ﬁnal ﬂow",
    "İstanbul",
    "Ǆemal",
    "Ångström",
    "naïve café",
    "½ x²",
    "Ｆｕｌｌ ｗｉｄｔｈ",
    "  spaced \t out \n ",
    "日本語のテキスト",
    "𝔄𝔥𝔪𝔞𝔡",
    "Ḍūst Muḥammad",
    "Ö̈",
]


def test_query_folding_matches_the_index(default_site: Path, open_page: OpenPage) -> None:
    tab = open_page()
    page = page_of(tab)
    page.goto((default_site / "index.html").as_uri())
    page.wait_for_function("window.explainerSearch !== undefined", timeout=TIMEOUT_MS)
    folded = page.evaluate("(texts) => texts.map(window.explainerSearch.fold)", FOLD_CASES)
    assert folded == [fold_text(text)[0] for text in FOLD_CASES]


def test_the_api_ranks_names_first(default_site: Path, open_page: OpenPage) -> None:
    tab = open_page()
    page = page_of(tab)
    page.goto((default_site / "index.html").as_uri())
    results = page.evaluate("window.explainerSearch.query('Panjshir', 50)")
    assert results[0]["title"] == "Panjshir" and results[0]["kind"] == "Place"
    kinds = [r["kind"] for r in results]
    assert kinds.index("Fact") > kinds.index("Place")
    assert "Sentence" in kinds and kinds.index("Sentence") > kinds.index("Fact")
    assert all(r["url"].endswith(".html") or ".html#" in r["url"] for r in results)
    assert_offline(tab)
