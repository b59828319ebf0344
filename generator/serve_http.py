"""serve_http: the HTTP side of ``explainer serve``: the last good site (a ``Snapshot``) →
responses, with the live-reload script injected into HTML and an event stream for open pages.

Serves from memory only; never reads or writes a file of the site, never prints. The server's
own endpoints live under ``/__explainer/``: ``live.js`` (the reload script, injected before
``</body>`` of every HTML response) and ``events`` (``text/event-stream``: ``ready`` with the
build id on connect, ``reload`` with the new build id after a good rebuild, ``error`` with the
diagnostics as text after a failed one, comments to keep the stream alive).
"""

from __future__ import annotations

import html
import http.server
import secrets
import socket
import socketserver
import sys
import threading
from collections.abc import Mapping
from typing import NamedTuple, cast
from urllib.parse import unquote

from msgspec import Struct

from generator.mediatypes import content_type

__all__ = [
    "LIVE_SCRIPT_TAG",
    "LiveHTTPServer",
    "LiveSite",
    "Snapshot",
    "inject_live_script",
    "site_path",
]

PREFIX = "/__explainer/"
LIVE_SCRIPT_TAG = b'<script src="/__explainer/live.js"></script>'
RETRY_MS = 1000
_HTML = content_type("index.html")
_JS = content_type("live.js")


class Snapshot(Struct, frozen=True):
    """What the server shows at one moment; a new one replaces it after each rebuild."""

    version: int
    """Counts every change (good or failed build), so waiting threads notice one."""
    files: Mapping[str, bytes] | None
    """The last good site, or None while no build has succeeded yet."""
    build: str
    """Id of the last good build (this run's token and a counter); "" before the first."""
    error: str
    """Diagnostics of the latest build when it failed; "" when it succeeded."""
    closed: bool = False
    """The server is stopping: event streams end."""


class LiveSite:
    """The snapshot every request thread reads and the rebuild thread replaces."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._now = Snapshot(0, None, "", "")
        self._run = secrets.token_hex(4)  # a page from an earlier run always reloads
        self._builds = 0

    @property
    def now(self) -> Snapshot:
        with self._changed:
            return self._now

    def publish(self, files: Mapping[str, bytes]) -> str:
        """A good build: serve it and tell pages to reload; its build id."""
        with self._changed:
            self._builds += 1
            build = f"{self._run}.{self._builds}"
            self._set(Snapshot(self._now.version + 1, files, build, ""))
            return build

    def fail(self, text: str) -> None:
        """A failed build: keep the last good files, show ``text`` in open pages."""
        with self._changed:
            now = self._now
            self._set(Snapshot(now.version + 1, now.files, now.build, text))

    def close(self) -> None:
        with self._changed:
            now = self._now
            self._set(Snapshot(now.version + 1, now.files, now.build, now.error, closed=True))

    def wait(self, version: int, timeout: float) -> Snapshot:
        """The snapshot once it differs from ``version``, or the same one after ``timeout``."""
        with self._changed:
            self._changed.wait_for(lambda: self._now.version != version, timeout)
            return self._now

    def _set(self, snapshot: Snapshot) -> None:
        self._now = snapshot
        self._changed.notify_all()


def inject_live_script(page: bytes) -> bytes:
    """The page with the reload script before its last ``</body>`` (at the end if none)."""
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + LIVE_SCRIPT_TAG + b"\n"
    return page[:at] + LIVE_SCRIPT_TAG + b"\n" + page[at:]


def site_path(url_path: str) -> str | None:
    """The site file a URL path names (``/actors/`` → ``actors/index.html``); None for a
    path that is not a plain relative one (``..``, ``.``, empty segments, backslashes, NUL,
    bad percent-encoding), whatever its encoding."""
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded.startswith("/") or "\\" in decoded or "\0" in decoded:
        return None
    name = decoded[1:]
    parts = name.split("/")
    if any(part in {".", ".."} for part in parts) or "" in parts[:-1]:
        return None
    return name + "index.html" if name == "" or name.endswith("/") else name


def _event(name: str, data: str) -> str:
    return f"event: {name}\n" + "".join(f"data: {line}\n" for line in data.splitlines() or [""])


def _state_events(snapshot: Snapshot) -> str:
    """What a newly connected page needs: the current build and, if broken, the errors."""
    out = f"retry: {RETRY_MS}\n\n"
    if snapshot.build:
        out += _event("ready", snapshot.build) + "\n"
    if snapshot.error:
        out += _event("error", snapshot.error) + "\n"
    return out


def _change_events(before: Snapshot, after: Snapshot) -> str:
    if after.build != before.build:
        return _event("reload", after.build) + "\n"
    if after.error and after.version != before.version and not after.closed:
        return _event("error", after.error) + "\n"
    return ""


def _message_page(title: str, text: str) -> bytes:
    """A small page of the server's own (not found, no build yet), reload script included."""
    return inject_live_script(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{text}</p>\n</main>\n</body>\n</html>\n".encode()
    )


class _Target(NamedTuple):
    """A request's path and query."""

    path: str
    query: str


class LiveHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, live: LiveSite, live_js: bytes, keepalive: float):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.live = live
        self.live_js = live_js
        self.keepalive = keepalive
        super().__init__((host, port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name, which can take seconds.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):  # a reader going away is fine
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(http.server.BaseHTTPRequestHandler):
    def version_string(self) -> str:
        return "explainer"

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the rebuild messages

    def _respond(self, *, with_body: bool) -> None:
        server = cast(LiveHTTPServer, self.server)
        # Not urlsplit: it would read "//etc/passwd" as a host name and a path.
        url = _Target(*self.path.partition("#")[0].partition("?")[::2])
        if url.path == PREFIX + "events":
            self._events(server, with_body=with_body)
            return
        if url.path == PREFIX + "live.js":
            self._send(200, _JS, server.live_js, with_body=with_body)
            return
        name = site_path(url.path)
        if name is None:
            self._send(400, "text/plain; charset=utf-8", b"bad path\n", with_body=with_body)
            return
        snapshot = server.live.now
        files = snapshot.files
        if files is None:
            page = _message_page(
                "The site has errors",
                "No build has succeeded yet. The errors are shown in the terminal (and here, "
                "with JavaScript on); fix them and save: this page reloads by itself.",
            )
            self._send(503, _HTML, page, with_body=with_body)
            return
        data = files.get(name) if not url.path.startswith(PREFIX) else None
        if data is None and f"{name}/index.html" in files:
            self.send_response(301)
            self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if data is None:
            page = _message_page(
                "Not found",
                f"The site has no file <code>{html.escape(name)}</code>. "
                'Go to the <a href="/">home page</a>.',
            )
            self._send(404, _HTML, page, with_body=with_body)
            return
        kind = content_type(name)
        if kind.startswith("text/html"):
            data = inject_live_script(data)
        self._send(200, kind, data, with_body=with_body, build=snapshot.build)

    def _send(
        self, status: int, kind: str, data: bytes, *, with_body: bool, build: str = ""
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if build and kind.startswith("text/html"):
            # live.js reads it to tell whether the page is older than the latest build.
            self.send_header("Server-Timing", f'explainer-build;desc="{build}"')
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _events(self, server: LiveHTTPServer, *, with_body: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not with_body:
            return
        snapshot = server.live.now
        self._write(_state_events(snapshot))
        while not snapshot.closed:
            later = server.live.wait(snapshot.version, server.keepalive)
            if later.version == snapshot.version:
                self._write(": keep-alive\n\n")  # fails once the reader is gone: thread ends
                continue
            self._write(_change_events(snapshot, later))
            snapshot = later

    def _write(self, text: str) -> None:
        if text:
            self.wfile.write(text.encode("utf-8"))
            self.wfile.flush()
