"""``explainer serve`` in real Chromium: an edited fact file reloads the open page with the new
text; a broken edit shows the errors over the old page, and the fix reloads it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from browserkit import OpenPage, Tab
from test_browser_a11y import BLOCKING, run_axe

from generator.pipeline import BUILTIN_THEMES, site_rebuilder
from generator.serve import LiveServer

if TYPE_CHECKING:
    from playwright.sync_api import Page

NRF = Path("content/actors/nrf.yaml")
TIMEOUT_MS = 15_000


@pytest.fixture
def server(project_dir: Path) -> Iterator[LiveServer]:
    said: list[str] = []
    with LiveServer(
        site_rebuilder(project_dir), (project_dir / "content", BUILTIN_THEMES),
        port=0, root=project_dir, out=said.append, err=said.append,
    ) as live:  # fmt: skip
        yield live


def edit(project: Path, old: str, new: str) -> None:
    path = project / NRF
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def open_live(open_page: OpenPage, url: str) -> Tab:
    """The page, once its event stream is connected; marked so that a reload shows."""
    tab = open_page()
    page = cast("Page", tab.page)
    page.goto(url)
    page.wait_for_selector(
        "html[data-explainer-live=connected]", state="attached", timeout=TIMEOUT_MS
    )
    page.evaluate("window.notReloaded = true")
    return tab


def reloaded(tab: Tab) -> bool:
    return bool(cast("Page", tab.page).evaluate("window.notReloaded !== true"))


def test_editing_a_fact_reloads_the_open_page(
    open_page: OpenPage, server: LiveServer, project_dir: Path
) -> None:
    tab = open_live(open_page, server.url + "actors/nrf.html")
    page = cast("Page", tab.page)
    main = page.locator("main")
    assert "Warmly welcomed" not in main.inner_text()
    edit(project_dir, '"Welcomed the resolution', '"Warmly welcomed the resolution')
    page.wait_for_function(
        "document.querySelector('main').innerText.includes('Warmly welcomed')", timeout=TIMEOUT_MS
    )
    assert reloaded(tab)
    assert page.locator("#explainer-live-overlay").count() == 0
    assert tab.remote == [] and tab.blocked == []
    assert tab.console_errors == []


def test_a_broken_edit_shows_the_errors_over_the_old_page(
    open_page: OpenPage, server: LiveServer, project_dir: Path
) -> None:
    tab = open_live(open_page, server.url + "actors/nrf.html")
    page = cast("Page", tab.page)
    before = page.locator("main").inner_text()
    edit(project_dir, "(@kabul)", "(@kabull)")
    dialog = page.get_by_role("alertdialog", name="The site did not build")
    dialog.wait_for(timeout=TIMEOUT_MS)
    text = dialog.inner_text()
    assert "content/actors/nrf.yaml:" in text and "'kabull'" in text
    assert "did you mean 'kabul'?" in text
    assert not reloaded(tab)  # the old page stays, under the overlay
    assert page.locator("main").inner_text() == before
    serious = [v["id"] for v in run_axe(page) if v["impact"] in BLOCKING]
    assert serious == []  # the overlay is accessible too (axe reads its shadow root)
    # the dismiss button has focus; Escape (or the button) closes the overlay
    assert (
        page.evaluate(
            "document.getElementById('explainer-live-overlay').shadowRoot.activeElement.textContent"
        )
        == "Dismiss"
    )
    page.keyboard.press("Escape")
    assert page.locator("#explainer-live-overlay").count() == 0
    # a page opened while the build is broken shows the errors at once, over the last good site
    late = open_page()
    late_page = cast("Page", late.page)
    late_page.goto(server.url + "actors/nrf.html")
    late_dialog = late_page.get_by_role("alertdialog")
    late_dialog.wait_for(timeout=TIMEOUT_MS)
    assert "'kabull'" in late_dialog.inner_text()
    assert late_page.locator("main").inner_text() == before
    late_page.get_by_role("button", name="Dismiss").click()
    assert late_page.locator("#explainer-live-overlay").count() == 0
    # the fix reloads both pages, with no overlay left
    edit(project_dir, "(@kabull)", "(@kabul)")
    page.wait_for_function("window.notReloaded !== true", timeout=TIMEOUT_MS)
    page.wait_for_selector(
        "html[data-explainer-live=connected]", state="attached", timeout=TIMEOUT_MS
    )
    assert page.locator("#explainer-live-overlay").count() == 0
    for each in (tab, late):
        assert each.remote == [] and each.blocked == []
        assert each.console_errors == []


def test_a_page_opened_before_any_good_build_waits_for_the_fix(
    open_page: OpenPage, project_dir: Path
) -> None:
    edit(project_dir, "(@kabul)", "(@kabull)")

    said: list[str] = []
    with LiveServer(
        site_rebuilder(project_dir), (project_dir / "content",),
        port=0, out=said.append, err=said.append,
    ) as live:  # fmt: skip
        tab = open_page()
        page = cast("Page", tab.page)
        page.goto(live.url + "actors/nrf.html")
        dialog = page.get_by_role("alertdialog")
        dialog.wait_for(timeout=TIMEOUT_MS)
        assert "'kabull'" in dialog.inner_text()
        page.evaluate("window.notReloaded = true")
        edit(project_dir, "(@kabull)", "(@kabul)")
        page.wait_for_function(
            "document.title.includes('National Resistance Front')", timeout=TIMEOUT_MS
        )
        assert reloaded(tab)
        assert tab.remote == []
        # the 503 of the first load is the only console error: the status of the placeholder
        assert all("503" in message for message in tab.console_errors)
