"""Time ``explainer serve`` from saving a one-fact edit to the ``reload`` event.

    python bench/serve.py [--sizes 0 4000] [--edits 7]

Size 0 is the default content (a copy of content/); any other size is a project made by
bench/generate.py. For each: start ``explainer serve --port 0`` as a process, connect an
event-stream client to ``/__explainer/events`` like a page does, then ``--edits`` times
rewrite one fact's text in one file (a different text each time, so the site changes) and
measure from the moment the file is written and closed to the moment the client has read the
``reload`` event. Reports the median, minimum and maximum of that, the median rebuild time the
server printed ("rebuilt in X s"), and the first build. A rebuild checks again only the
changed file (the server keeps its check memo) and renders again only the pages whose inputs
changed (it keeps its render memo).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"serving on http://127\.0\.0\.1:(\d+)/")
REBUILT = re.compile(r"^(re)?built in ([0-9.]+) s")


class Events:
    """A minimal event-stream client: the names of the events, in order."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.conn.request("GET", "/__explainer/events")
        self.response = self.conn.getresponse()

    def next(self) -> tuple[str, str]:
        """The next event's name and data."""
        name, data = "", ""
        while True:
            line = self.response.readline().decode()
            if not line:
                raise SystemExit("the event stream ended")
            if line.startswith("event: "):
                name = line[7:].strip()
            elif line.startswith("data: "):
                data += line[6:]
            elif line == "\n" and name:
                return name, data


def edit_target(size: int, project: Path) -> tuple[Path, str]:
    """The file and the fact text that the edits change."""
    if size == 0:
        return project / "content" / "actors" / "nrf.yaml", '"Welcomed the resolution'
    return project / "content" / "actors" / "actor-7.yaml", "Statement 0 about actor-7"


def measure(size: int, project: Path, edits: int) -> dict[str, float]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(project), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None
    said: list[str] = []
    port = 0
    for line in process.stdout:
        said.append(line)
        match = SERVING.search(line)
        if match:
            port = int(match[1])
            break
    if not port:
        raise SystemExit(f"serve did not start:\n{''.join(said)}")
    reader = threading.Thread(target=lambda: said.extend(process.stdout or ()), daemon=True)
    reader.start()
    try:
        events = Events(port)
        if events.next()[0] != "ready":
            raise SystemExit("no 'ready' event")
        path, fact = edit_target(size, project)
        original = path.read_text("utf-8")
        latencies = []
        for k in range(edits):
            time.sleep(0.5)  # let the previous rebuild settle
            changed = original.replace(fact, fact.replace(" ", f" (edit {k}) ", 1), 1)
            with path.open("w", encoding="utf-8") as file:
                file.write(changed)
            saved = time.perf_counter()
            name, data = events.next()
            latencies.append(time.perf_counter() - saved)
            if name != "reload":
                raise SystemExit(f"expected a reload event, got {name!r}:\n{data}")
        path.write_text(original, "utf-8")
        time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=120)
        reader.join(timeout=5)
    builds = [float(m[2]) for line in said if (m := REBUILT.match(line))]
    return {
        "median": statistics.median(latencies),
        "min": min(latencies),
        "max": max(latencies),
        "first": builds[0],
        "rebuild": statistics.median(builds[1 : 1 + edits]),
    }


def main() -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 4000])
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.edits} edits each\n")
    print("| project | first build (s) | save → reload, median (s) | min–max (s) "
          "| rebuild alone, median (s) |")  # fmt: skip
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            project = Path(tmp) / f"project-{size}"
            if size == 0:
                shutil.copytree(ROOT / "content", project / "content")
            else:
                generate(size, project)
            got = measure(size, project, args.edits)
            name = "default content" if size == 0 else f"{size:,} entities"
            print(
                f"| {name} | {got['first']:.2f} | {got['median']:.2f} | "
                f"{got['min']:.2f}–{got['max']:.2f} | {got['rebuild']:.2f} |"
            )


if __name__ == "__main__":
    main()
