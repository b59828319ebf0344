"""Measure search on a generated project: the index's size, and the time from a keystroke to
the results in headless Chromium (Debian's /usr/bin/chromium through Playwright), from file://.

    python bench/search.py [--entities 10000] [--runs 3]

Generates a project (bench/generate.py), builds it with ``explainer build`` in a new process,
then reports:

- the size of ``search-index.js`` (and gzipped, as a web server would send it), its number of
  entries, and the time the build spent making it;
- the time to load the index: from focusing the search box (which starts loading it) to the
  index being ready to search (loaded, parsed, prepared), in a fresh page each run;
- for every keystroke of a set of queries typed one character at a time: the time from the
  ``keydown`` event to the list of results being in the page (a MutationObserver on the list),
  and to the next animation frame after that (when the browser can paint them). Median, 95th
  percentile and maximum over all keystrokes of all runs.

The queries cover a name, a prefix typed letter by letter, words from facts and sentences, a
query found nowhere (every entry is scanned, and names again for spelling mistakes) and a
misspelt word.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generator.search import read_index

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
QUERIES = ("Actor 4321", "place", "report 12", "ceasefire talks", "zzqx", "comanders")
STAGE = re.compile(r"^\s*search\s+([0-9.]+) ms$", re.MULTILINE)

# Focuses the box (which starts loading the index) and times it until the index is ready.
LOAD = """() => {
  const start = performance.now();
  document.querySelector('#site-search-input').focus();
  return window.explainerSearch.query('', 1).then(() => performance.now() - start);
}"""

# Times each keystroke: keydown → list changed → next frame. Kept in window.__timings.
PROBE = """() => {
  window.__timings = [];
  let pending = null;
  document.addEventListener('keydown', (event) => {
    if (event.key.length === 1 || event.key === 'Backspace') pending = {down: event.timeStamp};
  }, true);
  const list = document.querySelector('#site-search-input-results');
  new MutationObserver(() => {
    if (!pending) return;
    const sample = pending;
    pending = null;
    sample.dom = performance.now();
    requestAnimationFrame(() => {
      sample.frame = performance.now();
      window.__timings.push(sample);
    });
  }).observe(list, {childList: true, subtree: true, characterData: true});
}"""


def build(project: Path) -> float:
    """Build the project; the milliseconds the build spent on the search index."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "--timings"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    found = STAGE.search(done.stderr)
    return float(found.group(1)) if found else float("nan")


def measure(site: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    loads: list[float] = []
    to_dom: list[float] = []
    to_frame: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )  # fmt: skip
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto((site / "index.html").as_uri(), wait_until="load")
            loads.append(page.evaluate(LOAD))
            page.evaluate(PROBE)
            for query in QUERIES:
                page.fill("#site-search-input", "")
                for char in query:
                    count = page.evaluate("window.__timings.length")
                    page.keyboard.type(char)
                    page.wait_for_function(f"window.__timings.length > {count}", polling=5)
            samples = page.evaluate("window.__timings")
            to_dom += [s["dom"] - s["down"] for s in samples]
            to_frame += [s["frame"] - s["down"] for s in samples]
            page.close()
        browser.close()
    return loads, to_dom, to_frame


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


def main() -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-bench-search-") as tmp:
        project = Path(tmp) / "project"
        generate(args.entities, project)
        stage_ms = build(project)
        site = project / "output"
        index = (site / "search-index.js").read_bytes()
        data = read_index(index)
        loads, to_dom, to_frame = measure(site, args.runs)
    print(f"{args.entities} entities; Chromium {CHROMIUM}; {args.runs} runs")
    print(
        f"  index: {len(index) / 1e6:.2f} MB ({len(gzip.compress(index, 6)) / 1e6:.2f} MB "
        f"gzipped), {len(data['entries']):,} entries, {len(data['docs']):,} results; "
        f"built in {stage_ms:.0f} ms"
    )
    print(f"  load on first focus: {summary(loads)}")
    keys = len(to_dom)
    print(f"  keystroke → results in the page ({keys} keystrokes): {summary(to_dom)}")
    print(f"  keystroke → next frame: {summary(to_frame)}")


if __name__ == "__main__":
    main()
