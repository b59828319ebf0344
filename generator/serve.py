"""serve: a rebuild callable and the folders to watch → the site served over HTTP
(``serve_http``), rebuilt whenever a watched file changes, open pages told to reload.

The site lives in memory (``{output path: bytes}``); this module never writes a file, so the
live-reload script that served HTML pages get never reaches ``output/``. It never prints
either: messages go to the ``out`` and ``err`` callables it is given. It does not import the
pipeline: the command line passes in the rebuild.
"""

from __future__ import annotations

import errno
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from importlib.resources import files as package_files
from pathlib import Path

import watchfiles
from watchfiles import Change

from generator.diagnostics import Diagnostics, format_text
from generator.serve_http import LiveHTTPServer, LiveSite

__all__ = ["LiveServer", "ServeError", "serve_until_interrupted", "watch_roots"]

Rebuild = Callable[[Diagnostics], Mapping[str, bytes] | None]
"""Builds the whole site in memory; None (with the errors in the sink) when it fails."""
Say = Callable[[str], None]


class ServeError(Exception):
    """The server cannot start (address in use, unknown host): a usage error."""


def watch_roots(paths: Iterable[Path]) -> tuple[Path, ...]:
    """Existing folders among ``paths``, resolved, without any that lie inside another."""
    found = sorted({p.resolve() for p in paths if p.is_dir()})
    return tuple(p for p in found if not any(p != q and p.is_relative_to(q) for q in found))


class EditorFilter(watchfiles.DefaultFilter):
    """watchfiles' default filter, plus editors' scratch files and hidden files."""

    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,
        r"^\.",  # .#lock files, .DS_Store, hidden files that are never content
        r"^4913$",  # vim checks a folder is writable with this file
        r"\.kate-swp$",
        r"\.tmp$",
        r"^\.goutputstream-",
    )


class _StopFlag:
    """The stop event handed to watchfiles, which polls it while it watches: its first poll
    says that watching has begun, so that ``start`` can wait for it and no edit is missed."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.watching = threading.Event()

    def is_set(self) -> bool:
        self.watching.set()
        return self.stopping.is_set()


class LiveServer:
    """The server, the watcher and the rebuilds; a context manager (``start``/``stop``)."""

    def __init__(
        self,
        rebuild: Rebuild,
        watch: Iterable[Path],
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        strict: bool = False,
        root: Path | None = None,
        out: Say,
        err: Say,
        keepalive: float = 15.0,
    ) -> None:
        """Bind the address at once (``ServeError`` if it cannot); build and serve on
        ``start``. ``root`` shortens the paths printed for changed files."""
        self._rebuild, self._strict, self._out, self._err = rebuild, strict, out, err
        self._root = (root or Path.cwd()).resolve()
        self.watched = watch_roots(watch)
        self.live = LiveSite()
        self._stop = _StopFlag()
        self._threads: list[threading.Thread] = []
        self._warnings = ""
        live_js = package_files("generator").joinpath("live.js").read_bytes()
        try:
            self._server = LiveHTTPServer(host, port, self.live, live_js, keepalive)
        except OSError as error:
            in_use = error.errno == errno.EADDRINUSE
            reason = "the address is in use" if in_use else error.strerror or str(error)
            raise ServeError(f"cannot listen on {host} port {port}: {reason}") from None

    @property
    def url(self) -> str:
        host, port = (str(part) for part in self._server.server_address[:2])
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    @property
    def is_loopback(self) -> bool:
        host = str(self._server.server_address[0])
        return host.startswith("127.") or host == "::1"

    def start(self) -> None:
        """Build once, then serve and watch in background threads; returns once watching."""
        self.build()
        for name, target in (("serve", self._server.serve_forever), ("watch", self._watch)):
            thread = threading.Thread(target=target, name=f"explainer-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        self._stop.watching.wait(timeout=10.0)

    def stop(self) -> None:
        """Stop watching, end the event streams and the server; release the port."""
        self._stop.stopping.set()
        self.live.close()
        if self._threads:
            self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=2.0)  # a rebuild under way is abandoned: it writes nothing

    def __enter__(self) -> LiveServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def build(self) -> bool:
        """Rebuild; serve the result if good, else print and push the diagnostics."""
        diags = Diagnostics()
        first = self.live.now.files is None and not self.live.now.error
        start = time.perf_counter()
        try:
            files = self._rebuild(diags)
        except Exception as error:  # a broken template must not stop the server
            files, crash = None, f"{type(error).__name__}: {error}\n"
        else:
            crash = ""
        seconds = time.perf_counter() - start
        text = format_text(diags.sorted(strict=self._strict))
        if files is None:
            problems = text + crash or "the build failed\n"
            self._err(problems)
            self.live.fail(problems)
            kept = "keeping the last good site" if self.live.now.files else "no site to show yet"
            self._out(f"build failed in {seconds:.2f} s: {kept}; fix and save to retry")
            return False
        if text != self._warnings:  # warnings once, not on every rebuild
            self._err(text)
        self._warnings = text
        if not first and files == self.live.now.files and not self.live.now.error:
            self._out(f"rebuilt in {seconds:.2f} s: no change")
            return True
        self.live.publish(files)
        verb = "built" if first else "rebuilt"
        self._out(f"{verb} in {seconds:.2f} s ({len(files)} files)")
        return True

    def _watch(self) -> None:
        try:
            for changes in watchfiles.watch(
                *self.watched, watch_filter=EditorFilter(), stop_event=self._stop,
                raise_interrupt=False,
            ):  # fmt: skip
                if self._stop.stopping.is_set():
                    break
                # A file both made and gone by now is an editor's or tool's scratch file.
                made = {path for change, path in changes if change == Change.added}
                real = {(c, p) for c, p in changes if p not in made or os.path.exists(p)}
                if real:
                    self._out(f"changed: {self._describe(real)}")
                    self.build()
        except Exception as error:  # e.g. a watched folder was deleted
            self._err(f"stopped watching for changes: {type(error).__name__}: {error}\n")
        finally:
            self._stop.watching.set()  # start() must not wait for a watcher that failed

    def _describe(self, changes: set[tuple[Change, str]]) -> str:
        paths = sorted({self._shown(path) for _, path in changes})
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        return ", ".join(paths[:3]) + more

    def _shown(self, path: str) -> str:
        resolved = Path(path)
        if resolved.is_relative_to(self._root):
            return resolved.relative_to(self._root).as_posix()
        return path


def serve_until_interrupted(server: LiveServer, out: Say) -> None:
    """Build, serve and watch until Ctrl-C (or SIGTERM); then stop cleanly and say so."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with server:
            out(f"serving on {server.url} (Ctrl-C to stop)")
            if not server.is_loopback:
                out("note: this address may be reachable from other machines")
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    out("stopped")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
