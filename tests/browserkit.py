"""Real headless Chromium for the browser tests: Debian's ``/usr/bin/chromium`` driven by
Playwright's Python package (no browser download), with every request recorded.

Use the ``browser`` fixture (one Chromium per test session) and ``open_page`` (a fresh context
per call, closed after the test). Network is off: any request that is neither ``file:``,
``data:``/``blob:`` nor to 127.0.0.1/localhost is aborted, and all requests are recorded so a
test can assert that none left.

Outside CI a missing Chromium skips the browser tests; with ``CI=true`` it fails them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = (
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def is_local(url: str) -> bool:
    """True for URLs that never leave the machine: files, inline data, loopback servers."""
    parts = urlsplit(url)
    if parts.scheme in {"file", "data", "blob", "about"}:
        return True
    return parts.scheme in {"http", "https", "ws"} and (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class Tab:
    """A page in its own browser context, with every request it (or its frames) made."""

    page: object  # playwright.sync_api.Page; typed loosely so this module imports without it
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @property
    def remote(self) -> list[str]:
        """Requests that would have left the machine."""
        return [url for url in self.requests if not is_local(url)]


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(LAUNCH_ARGS)
        )
        try:
            yield chromium
        finally:
            chromium.close()


OpenPage = Callable[..., Tab]


@pytest.fixture
def open_page(browser: object) -> Iterator[OpenPage]:
    """``open_page(javascript=True, width=1280, height=800, offline=False, dark=False) -> Tab``.

    ``offline=True`` also blocks loopback HTTP (for the single-file export): only ``file:``,
    ``data:``, ``blob:`` and ``about:`` may load. ``dark=True`` asks for the dark colour scheme.
    """
    contexts: list[object] = []

    def make(
        *,
        javascript: bool = True,
        width: int = 1280,
        height: int = 800,
        offline: bool = False,
        dark: bool = False,
    ) -> Tab:
        context = browser.new_context(  # type: ignore[attr-defined]
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
            service_workers="block",
            color_scheme="dark" if dark else "light",
            reduced_motion="reduce",
        )
        contexts.append(context)
        page = context.new_page()
        tab = Tab(page)

        def allowed(url: str) -> bool:
            scheme = urlsplit(url).scheme
            if offline:
                return scheme in {"file", "data", "blob", "about"}
            return is_local(url)

        def route(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if allowed(url):
                route.continue_()  # type: ignore[attr-defined]
            else:
                tab.blocked.append(url)
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)  # type: ignore[attr-defined]
        context.on("request", lambda request: tab.requests.append(request.url))  # type: ignore[attr-defined]
        page.on(  # type: ignore[attr-defined]
            "console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text)
        )
        page.on("pageerror", lambda error: tab.console_errors.append(str(error)))  # type: ignore[attr-defined]
        return tab

    yield make
    for context in contexts:
        context.close()  # type: ignore[attr-defined]


@contextlib.contextmanager
def http_server(folder: Path) -> Iterator[str]:
    """A static web server for ``folder`` on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content built once per session (strict) into a temporary ``output/``."""
    from generator.diagnostics import Diagnostics
    from generator.pipeline import build

    root = Path(__file__).resolve().parent.parent
    output = tmp_path_factory.mktemp("default-site") / "output"
    diags = Diagnostics()
    result = build(root, output, diags, strict=True)
    assert result is not None, [str(d) for d in diags]
    return output
