"""What the least a build must do costs, in this language and with these libraries.

    python bench/floor.py [--entities 10000] [--runs 5]

A build of N entities must at least start Python, parse N YAML files keeping where each value
is (for located messages), render N pages through Jinja with autoescaping, and write them.
This times each of those alone, as a whole process each (median CPU of ``--runs``), on a
project made by bench/generate.py, and sets them beside ``explainer build --no-cache`` of the
same project; it reports CPU per entity against the 0.4 ms budget of the core issue.

- ``start``: the interpreter and ``import generator.cli`` (what every command pays);
- ``yaml``: read every fact file and compose its nodes with libyaml (``yaml.compose`` with
  ``CSafeLoader``: nodes with their line and column, no Python values made);
- ``jinja``: render N pages from one template shaped like an entity page (about 9 KB, 85
  autoescaped expressions: the means of this project's generated entity pages);
- ``write``: write N such pages into a new folder.

The floor is their sum. It leaves out validation, citations, links, the view models and the
graph and search files, which a build also needs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 0.4
EXPRESSIONS = 85
"""Autoescaped expressions per generated entity page (markupsafe calls / pages rendered)."""
PAGE_BYTES = 9000
"""The mean size of a generated entity page."""


def _template() -> str:
    static = "x" * (PAGE_BYTES // EXPRESSIONS - 24)
    return "".join(f"<p>{{{{ v{k % 5} }}}} {static}</p>\n" for k in range(EXPRESSIONS))


def _step(name: str, project: Path, count: int, folder: Path) -> None:
    """One step, in this (child) process."""
    if name == "start":
        import generator.cli  # noqa: F401
    elif name == "yaml":
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for path in sorted((project / "content").glob("*/*.yaml")):
            yaml.compose(path.read_bytes(), Loader=loader)
    elif name in ("jinja", "write"):
        import jinja2

        template = jinja2.Environment(autoescape=True).from_string(_template())
        values = {f"v{k}": f"Value <{k}> & more" for k in range(5)}
        pages = [template.render(values).encode() for _ in range(count)]
        if name == "write":
            folder.mkdir()
            for k, page in enumerate(pages):
                (folder / f"{k}.html").write_bytes(page)


def _timed(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        _step(args.step, args.project, args.entities, args.folder)
        return
    n = args.entities
    python = sys.version.split()[0]
    print(f"python {python}, {os.cpu_count()} cores; {n} entities, {args.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        generate(n, project)
        me = [sys.executable, str(Path(__file__).resolve())]
        rows: list[tuple[str, float]] = []
        for step in ("start", "yaml", "jinja", "write"):
            runs = []
            for k in range(args.runs):
                folder = Path(tmp) / f"{step}-{k}"
                runs.append(_timed([*me, "--step", step, "--project", str(project),
                                    "--entities", str(n), "--folder", str(folder)]))  # fmt: skip
            rows.append((step, statistics.median(runs)))
        jinja = dict(rows)["jinja"]
        rows[-1] = ("write", dict(rows)["write"] - jinja)  # the write step renders first
        floor = sum(cpu for _, cpu in rows)
        build = [sys.executable, "-m", "generator", "build", str(project), "--no-cache",
                 "--output", str(Path(tmp) / "output")]  # fmt: skip
        built = statistics.median(_timed(build) for _ in range(args.runs))
        print("| step | CPU (s) | per entity (ms) |\n|---|---:|---:|")
        for name, cpu in [*rows, ("floor (sum)", floor), ("explainer build --no-cache", built)]:
            print(f"| {name} | {cpu:.2f} | {1000 * cpu / n:.3f} |")
        print(f"budget: {BUDGET_MS} ms per entity = {BUDGET_MS * n / 1000:.1f} s of CPU")


if __name__ == "__main__":
    main()
