"""Time ``explainer build`` as a whole process on generated projects.

    python bench/build.py [--sizes 1000 4000 10000] [--runs 5] [--warm [--edit]] [--fresh]
    python bench/build.py --command check [--sizes …] [--runs …] [--warm [--edit]]

For each size: generate the project once (bench/generate.py), then run the build ``--runs``
times in a fresh process each; report the median wall time, the median CPU time (user + sys
of the child), CPU per entity (all of it, start-up included), the marginal CPU per entity
between this size and the previous one (start-up and other fixed costs cancel out), and the
median of each stage (from ``build --timings``). Every build is a cold one: a new process,
and ``--no-cache`` (docs/cache.md). With ``--warm`` each build reads the caches (the check
cache and the render memo) that an untimed build of the same project into the same output
folder left first, in a cache folder of this benchmark: with nothing changed in between, or
with ``--edit`` after changing one fact of one actor (another actor each run), the everyday
case of an author rebuilding after an edit. Each run builds over the previous run's output,
as a user's rebuild does (files whose bytes did not change are linked, not written again;
see generator/write.py); with ``--fresh`` each run builds into a new, empty output folder
instead (and so renders every page). ``--command check`` times ``explainer check`` instead:
the core stages alone (load, validate, segment, cite, link), with nothing rendered or written.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

STAGE = re.compile(r"^\s*(\w+)\s+([0-9.]+) ms$")


def run_once(
    project: Path,
    output: Path,
    cache: Path | None,
    command: str = "build",
    cwd: Path | None = None,
) -> tuple[float, float, dict[str, float]]:
    """One run of ``command`` in a new process: wall time, CPU time of the child, and the
    stages it timed. ``cwd``: the folder to run in, whose ``generator/`` is the one run
    (``python -m`` imports from there first; see bench/compare.py)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "EXPLAINER_CACHE_DIR": str(cache)} if cache else None
    where = ["--output", str(output)] if command == "build" else []
    done = subprocess.run(
        [sys.executable, "-m", "generator", command, str(project), *where,
         "--timings", *([] if cache else ["--no-cache"])],
        capture_output=True, text=True, check=False, env=env, cwd=cwd,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command} failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stages = {}
    for line in done.stderr.splitlines():
        match = STAGE.match(line)
        if match:
            stages[match[1]] = float(match[2])
    return wall, cpu, stages


def edit_one_fact(project: Path, n: int, run: int) -> None:
    """Change the first fact of an actor (another one each run) as an author would."""
    actors = n // 2
    if not actors:
        return
    path = project / "content" / "actors" / f"actor-{(run * 7919) % actors}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("- text: ", f"- text: As edited in run {run}, ", 1), "utf-8")


def main() -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 4000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="build into a new folder each run")
    parser.add_argument("--warm", action="store_true", help="read the caches (see above)")
    parser.add_argument("--edit", action="store_true", help="with --warm: one fact changed")
    parser.add_argument("--command", choices=("build", "check"), default="build")
    args = parser.parse_args()
    if args.edit and not args.warm:
        parser.error("--edit needs --warm")
    where = "into a new folder" if args.fresh else "over the previous output"
    cached = "the caches of an earlier build" if args.warm else "no cache"
    if args.edit:
        cached += ", one fact of one actor changed before each run"
    if args.command == "check":
        where = "explainer check"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.runs} runs, {where}, "
          f"{cached}\n")  # fmt: skip
    print("| entities | wall (s) | CPU (s) | CPU/entity (ms) | marginal (ms) | stages, median ms |")
    print("|---:|---:|---:|---:|---:|---|")
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            project = Path(tmp) / f"project-{n}"
            generate(n, project)
            walls: list[float] = []
            cpus: list[float] = []
            stages: dict[str, list[float]] = {}
            cache = Path(tmp) / f"cache-{n}" if args.warm else None
            if cache:
                fill = Path(tmp) / (f"fill-{n}" if args.fresh else f"out-{n}")
                run_once(project, fill, cache, args.command)
            for run in range(args.runs):
                output = Path(tmp) / (f"out-{n}-{run}" if args.fresh else f"out-{n}")
                if args.edit:
                    edit_one_fact(project, n, run)
                wall, cpu, st = run_once(project, output, cache, args.command)
                walls.append(wall)
                cpus.append(cpu)
                for key, ms in st.items():
                    stages.setdefault(key, []).append(ms)
            cpu = statistics.median(cpus)
            stage_text = ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in stages.items())
            per = f"{cpu / n * 1000:.3f}" if n else "—"
            marginal = "—"
            if previous is not None and n > previous[0]:
                marginal = f"{(cpu - previous[1]) / (n - previous[0]) * 1000:.3f}"
            previous = (n, cpu)
            print(
                f"| {n} | {statistics.median(walls):.2f} | {cpu:.2f} | {per} | {marginal} | "
                f"{stage_text} |"
            )


if __name__ == "__main__":
    main()
