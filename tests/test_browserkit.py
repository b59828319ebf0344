"""The browser harness itself: Chromium starts, requests are recorded, the network is off."""

from __future__ import annotations

from pathlib import Path

from browserkit import OpenPage, is_local


def test_is_local() -> None:
    assert is_local("file:///tmp/x.html")
    assert is_local("http://127.0.0.1:8000/")
    assert is_local("data:text/plain,hi")
    assert not is_local("https://example.org/")
    assert not is_local("http://10.0.0.1/")


def test_records_requests_and_blocks_remote(open_page: OpenPage, tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<!DOCTYPE html><title>t</title><img src="https://example.org/x.png" alt="">'
        '<link rel="stylesheet" href="s.css">',
        encoding="utf-8",
    )
    (tmp_path / "s.css").write_text("body{}", encoding="utf-8")
    tab = open_page()
    tab.page.goto(page.as_uri())  # type: ignore[attr-defined]
    assert page.as_uri() in tab.requests
    assert (tmp_path / "s.css").as_uri() in tab.requests
    assert tab.remote == ["https://example.org/x.png"]
    assert tab.blocked == ["https://example.org/x.png"]
