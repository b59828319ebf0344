"""``explainer serve``: a real server on 127.0.0.1, real HTTP requests, a real event-stream
client, real file edits seen by watchfiles, and the command itself as a process."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.pipeline import BUILTIN_THEMES, build, site_rebuilder
from generator.serve import LiveServer
from generator.serve_http import inject_live_script, site_path

from conftest import ROOT

SCRIPT = b'<script src="/__explainer/live.js"></script>'
NRF = Path("content/actors/nrf.yaml")
OLD_TEXT = '"Welcomed the resolution'
NEW_TEXT = '"Warmly welcomed the resolution'


class EventStream:
    """A client of ``/__explainer/events`` that reads the stream line by line."""

    def __init__(self, url: str, timeout: float = 15.0) -> None:
        host, port = url.removeprefix("http://").strip("/").rsplit(":", 1)
        self.conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
        self.conn.request("GET", "/__explainer/events")
        self.response = self.conn.getresponse()
        self.comments: list[str] = []
        self.retry: int | None = None

    def next(self) -> tuple[str, str]:
        """The next event as (name, data); comments and ``retry`` are recorded on the way."""
        name, data = "message", []
        while True:
            line = self.response.readline().decode("utf-8")
            if not line:
                raise EOFError("the stream ended")
            line = line.rstrip("\n")
            if line.startswith(":"):
                self.comments.append(line)
            elif line.startswith("retry: "):
                self.retry = int(line.removeprefix("retry: "))
            elif line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data.append(line.removeprefix("data: "))
            elif line == "" and data:
                return name, "\n".join(data)

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def served(project_dir: Path) -> Iterator[tuple[LiveServer, list[str]]]:
    """The default project served by a real server on a free port; its messages in a list."""
    said: list[str] = []
    server = LiveServer(
        site_rebuilder(project_dir),
        (project_dir / "content", project_dir / "themes", BUILTIN_THEMES),
        host="127.0.0.1", port=0, root=project_dir, out=said.append, err=said.append,
        keepalive=0.3,
    )  # fmt: skip
    with server:
        yield server, said


def get(url: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One raw request (http.client sends the path exactly as given)."""
    host, port = url.removeprefix("http://").strip("/").rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=15)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def assert_port_free(port: int) -> None:
    """A new server can listen on the port (as ours does: with SO_REUSEADDR, since closed
    connections linger in TIME_WAIT)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


# ---- what is served ----------------------------------------------------------------------


def test_html_gets_the_live_script_and_output_does_not(
    served: tuple[LiveServer, list[str]], project_dir: Path, tmp_path: Path
) -> None:
    server, _ = served
    files = server.live.now.files
    assert files is not None
    status, headers, body = get(server.url, "/actors/nrf.html")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == inject_live_script(files["actors/nrf.html"])
    assert body.count(SCRIPT) == 1 and body.index(SCRIPT) < body.rindex(b"</body>")
    assert headers["Server-Timing"] == f'explainer-build;desc="{server.live.now.build}"'
    assert headers["Cache-Control"] == "no-store"
    # the same project built into output/ has no trace of the server
    diags = Diagnostics()
    assert build(project_dir, tmp_path / "output", diags) is not None
    built = [p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()]
    assert built and not any(b"__explainer" in data for data in built)
    assert (tmp_path / "output" / "actors" / "nrf.html").read_bytes() == files["actors/nrf.html"]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/cite.js", "text/javascript; charset=utf-8"),
        ("/explainer.json", "application/json"),
        ("/__explainer/live.js", "text/javascript; charset=utf-8"),
    ],
)
def test_content_types_and_no_script_outside_html(
    served: tuple[LiveServer, list[str]], path: str, kind: str
) -> None:
    server, _ = served
    status, headers, body = get(server.url, path)
    assert status == 200
    assert headers["Content-Type"] == kind
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert int(headers["Content-Length"]) == len(body)
    files = server.live.now.files
    assert files is not None
    if not path.startswith("/__explainer/"):
        assert body == files[path[1:]]


def test_head_sends_headers_only(served: tuple[LiveServer, list[str]]) -> None:
    server, _ = served
    status, headers, body = get(server.url, "/index.html", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 0


def test_folders_serve_their_index(served: tuple[LiveServer, list[str]]) -> None:
    server, _ = served
    files = server.live.now.files
    assert files is not None
    assert get(server.url, "/")[2] == inject_live_script(files["index.html"])
    assert get(server.url, "/actors/")[2] == inject_live_script(files["actors/index.html"])
    status, headers, body = get(server.url, "/actors?x=1")
    assert (status, headers["Location"], body) == (301, "/actors/?x=1", b"")


def test_not_found_page(served: tuple[LiveServer, list[str]]) -> None:
    server, _ = served
    status, headers, body = get(server.url, "/actors/nobody.html")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"actors/nobody.html" in body and SCRIPT in body
    status, _, body = get(server.url, "/actors/%3Cb%3E.html")
    assert status == 404 and b"<b>" not in body and b"&lt;b&gt;" in body


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/static/..%5c..%5c..%5cetc%5cpasswd",
        "/static/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/./index.html",
        "/actors/%00.html",
        "/%ff.html",
    ],
)
def test_paths_outside_the_site_are_refused(
    served: tuple[LiveServer, list[str]], path: str
) -> None:
    server, _ = served
    status, _, body = get(server.url, path)
    assert status == 400
    assert b"root:" not in body


def test_a_double_slash_is_a_path_in_the_site(served: tuple[LiveServer, list[str]]) -> None:
    server, _ = served
    status, _, body = get(server.url, "//etc/passwd")
    assert status == 404 and b"root:" not in body


def test_site_path() -> None:
    assert site_path("/") == "index.html"
    assert site_path("/actors/") == "actors/index.html"
    assert site_path("/actors/nrf.html") == "actors/nrf.html"
    assert site_path("/pages/a%20b.html") == "pages/a b.html"
    assert site_path("/a/../b") is None
    assert site_path("relative") is None


def test_inject_live_script() -> None:
    assert (
        inject_live_script(b"<p>x</p></BODY></html>") == b"<p>x</p>" + SCRIPT + b"\n</BODY></html>"
    )
    assert inject_live_script(b"<p>x</p>") == b"<p>x</p>" + SCRIPT + b"\n"
    two = b"<body><pre></body></pre></body>"
    assert inject_live_script(two) == b"<body><pre></body></pre>" + SCRIPT + b"\n</body>"


# ---- rebuilds and events ------------------------------------------------------------------


def test_edit_rebuilds_and_sends_reload(
    served: tuple[LiveServer, list[str]], project_dir: Path
) -> None:
    server, said = served
    stream = EventStream(server.url)
    try:
        first = server.live.now.build
        assert stream.next() == ("ready", first)
        assert stream.retry == 1000
        edit(project_dir / NRF, OLD_TEXT, NEW_TEXT)
        name, build = stream.next()
        assert name == "reload" and build != first
        assert build == server.live.now.build
        assert b"Warmly welcomed" in get(server.url, "/actors/nrf.html")[2]
        assert any(re.fullmatch(r"rebuilt in \d+\.\d\d s \(\d+ files\)", line) for line in said)
        assert "changed: content/actors/nrf.yaml" in said
    finally:
        stream.close()


def test_broken_edit_keeps_the_last_good_site_and_sends_the_errors(
    served: tuple[LiveServer, list[str]], project_dir: Path
) -> None:
    server, said = served
    stream = EventStream(server.url)
    try:
        assert stream.next()[0] == "ready"
        good = get(server.url, "/actors/nrf.html")[2]
        edit(project_dir / NRF, "(@kabul)", "(@kabull)")
        name, text = stream.next()
        assert name == "error"
        assert "content/actors/nrf.yaml:" in text and "'kabull'" in text
        assert "did you mean 'kabul'?" in text and text.endswith("1 error")
        assert any(line.startswith(text.splitlines()[0]) for line in said)  # the terminal too
        assert any(line.startswith("build failed in ") for line in said)
        assert get(server.url, "/actors/nrf.html")[2] == good  # the old page stays
        # a page opened now learns of the errors at once
        late = EventStream(server.url)
        try:
            assert late.next() == ("ready", server.live.now.build)
            assert late.next() == ("error", text)
        finally:
            late.close()
        # a YAML syntax error on top of it: a new error event
        (project_dir / NRF).write_text((project_dir / NRF).read_text("utf-8") + "  bad: [\n")
        name, text = stream.next()
        assert name == "error" and "error[E020]: invalid YAML" in text
        # fixed: a reload with a new build
        fixed = (project_dir / NRF).read_text("utf-8").replace("(@kabull)", "(@kabul)")
        (project_dir / NRF).write_text(fixed.removesuffix("  bad: [\n"), "utf-8")
        assert stream.next()[0] == "reload"
        assert server.live.now.error == ""
    finally:
        stream.close()


def test_keep_alive_comments_and_stop_ends_streams(project_dir: Path) -> None:
    said: list[str] = []
    server = LiveServer(
        site_rebuilder(project_dir),
        (project_dir / "content",), port=0, out=said.append, err=said.append, keepalive=0.1,
    )  # fmt: skip
    server.start()
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    stream = EventStream(server.url)
    try:
        stream.next()
        time.sleep(0.35)
        server.stop()
        with pytest.raises(EOFError):
            stream.next()
        assert ": keep-alive" in stream.comments
    finally:
        stream.close()
    assert_port_free(port)


def test_scratch_files_do_not_rebuild(
    served: tuple[LiveServer, list[str]], project_dir: Path
) -> None:
    server, said = served
    stream = EventStream(server.url)
    try:
        stream.next()
        actors = project_dir / "content" / "actors"
        scratch = [
            actors / n for n in (".#nrf.yaml", "nrf.yaml~", ".nrf.yaml.swp", "4913", "x.tmp")
        ]
        for path in scratch:
            path.write_text("junk: [", "utf-8")
        time.sleep(0.3)
        for path in scratch:  # the loader would (rightly) refuse them as content
            path.unlink()
        time.sleep(0.3)
        edit(project_dir / NRF, OLD_TEXT, NEW_TEXT)
        assert stream.next()[0] == "reload"
        changed = [line for line in said if line.startswith("changed: ")]
        assert changed == ["changed: content/actors/nrf.yaml"]
    finally:
        stream.close()


def test_a_broken_theme_template_is_an_error_not_a_crash(project_dir: Path) -> None:
    theme = project_dir / "themes" / "default" / "templates"
    theme.mkdir(parents=True)
    base = (BUILTIN_THEMES / "default" / "templates" / "base.html").read_text("utf-8")
    (theme / "base.html").write_text(base, "utf-8")
    said: list[str] = []
    with LiveServer(
        site_rebuilder(project_dir),
        (project_dir / "content", project_dir / "themes"), port=0, out=said.append,
        err=said.append,
    ) as server:  # fmt: skip
        stream = EventStream(server.url)
        try:
            stream.next()
            (theme / "base.html").write_text(base.replace("</footer>", "{% if %}</footer>"))
            name, text = stream.next()
            assert name == "error" and "themes/default/templates/base.html" in text
            assert "error[E141]" in text
            (theme / "base.html").write_text(base.replace("</footer>", "<p>themed</p></footer>"))
            assert stream.next()[0] == "reload"
            assert b"<p>themed</p>" in get(server.url, "/index.html")[2]
        finally:
            stream.close()


def test_failing_first_build_still_serves_and_waits_for_a_fix(project_dir: Path) -> None:
    edit(project_dir / NRF, "(@kabul)", "(@kabull)")
    said: list[str] = []
    with LiveServer(
        site_rebuilder(project_dir),
        (project_dir / "content",), port=0, out=said.append, err=said.append,
    ) as server:  # fmt: skip
        status, headers, body = get(server.url, "/actors/nrf.html")
        assert status == 503 and SCRIPT in body
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        stream = EventStream(server.url)
        try:
            name, text = stream.next()
            assert name == "error" and "'kabull'" in text
            edit(project_dir / NRF, "(@kabull)", "(@kabul)")
            assert stream.next()[0] == "reload"
            assert get(server.url, "/actors/nrf.html")[0] == 200
        finally:
            stream.close()


# ---- the command --------------------------------------------------------------------------


def start_command(project: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(project), "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:
        match = re.match(r"serving on (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)$", line)
        if match:
            return process, match[1]
    process.kill()
    raise AssertionError(f"no 'serving on' line; stderr: {process.communicate()[1]}")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_command_serves_and_stops_cleanly(project_dir: Path, stop: signal.Signals) -> None:
    process, url = start_command(project_dir)
    try:
        status, _, body = get(url, "/")
        assert status == 200 and SCRIPT in body
        stream = EventStream(url)
        assert stream.next()[0] == "ready"
        process.send_signal(stop)
        out, err = process.communicate(timeout=20)
        with pytest.raises(EOFError):
            stream.next()
        stream.close()
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.strip().splitlines()[-1] == "stopped"
    assert "Traceback" not in err and "Traceback" not in out
    assert not (project_dir / "output").exists()  # served from memory
    assert_port_free(int(url.rsplit(":", 1)[1].strip("/")))


def test_command_reports_a_port_in_use(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(project_dir), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1 port {port}: the address is in use" in err
    assert "Traceback" not in err


def test_command_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path)]) == 2
    assert "no content/ folder" in capsys.readouterr().err
    assert main(["serve", str(tmp_path), "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def test_live_script_ships_with_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert re.search(r'generator = \[[^\]]*"live\.js"', pyproject)
    script = (ROOT / "generator" / "live.js").read_text("utf-8")
    assert '"/__explainer/events"' in script
