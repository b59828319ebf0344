"""Size and time of ``explainer export`` for the default content and for generated projects.

    python bench/export.py [--sizes 0 1000] [--runs 3]

Size 0 is the default content (the project itself); any other size is a project made by
bench/generate.py. For each, ``explainer export`` (single HTML file) and ``explainer export
--format zip`` run ``--runs`` times each as whole processes; the script reports the files'
sizes (the single file also gzipped, as a web server or mail program would send it), the
number of pages, and the median wall time of each command.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent


def export(project: Path, target: Path, fmt: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "export", str(project), "--format", fmt,
         "--output", str(target)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| project | pages | single file | gzipped | zip | export html (s) | export zip (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="explainer-bench-export-") as tmp:
        for size in args.sizes:
            project = ROOT if size == 0 else Path(tmp) / f"p{size}"
            if size:
                generate(size, project)
            html, archive = Path(tmp) / f"{size}.html", Path(tmp) / f"{size}.zip"
            html_times = [export(project, html, "html") for _ in range(args.runs)]
            zip_times = [export(project, archive, "zip") for _ in range(args.runs)]
            data = html.read_bytes()
            pages = data.count(b'<section id="/')
            name = "default content" if size == 0 else f"{size:,} entities"
            print(
                f"| {name} | {pages:,} | {len(data) / 1024:,.0f} KiB | "
                f"{len(gzip.compress(data, 6)) / 1024:,.0f} KiB | "
                f"{archive.stat().st_size / 1024:,.0f} KiB | "
                f"{statistics.median(html_times):.2f} | {statistics.median(zip_times):.2f} |"
            )


if __name__ == "__main__":
    main()
