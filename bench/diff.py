"""Time ``explainer diff`` as a whole process between two revisions of a generated project.

    python bench/diff.py [--entities 10000] [--changed 20] [--runs 5]

Generates a project (bench/generate.py), commits it in a new git repository, edits the first
fact of ``--changed`` actor files, commits again, then runs ``python -m generator diff HEAD~1
HEAD`` ``--runs`` times, each in a fresh process, and reports the median wall and CPU time.
Also times a plain ``check`` of the same project, for scale: a diff checks both sides.

Each is timed without the check cache (``--no-cache``: every file parsed and checked), with
the cache a ``check`` at HEAD left (what the workflow in .github/workflows does: check, build,
then diff, in one job); a check also with the cache an identical earlier check left. (A diff
reads the cache but does not write it.)

Measured on a 2-core machine (Python 3.11.7), 10,000 entities, 20 files changed, 5 runs
(docs/benchmarks.md): diff 4.94 s wall without a cache, 1.56 s with the cache of a check at
HEAD; check 4.25 s without a cache, 1.26 s with the cache of an identical check.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(project: Path, *args: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def make_repo(project: Path, entities: int, changed: int) -> None:
    generate(entities, project)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    for k in range(changed):
        path = project / "content" / "actors" / f"actor-{k * 37}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Statement 0 about", "First statement about"), "utf-8")
    git(project, "commit", "-q", "-a", "-m", "head")


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.runs} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        make_repo(project, args.entities, args.changed)
        cache = Path(tmp) / "cache"
        env = {**os.environ, "EXPLAINER_CACHE_DIR": str(cache)}
        python = [sys.executable, "-m", "generator"]
        diff = [*python, "diff", "HEAD~1", "HEAD", "--project", str(project)]
        check = [*python, "check", str(project)]

        def fresh() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def check_head() -> None:
            fresh()
            timed(check, env)

        def same() -> None:
            pass

        # (label, command, what runs untimed before each timed run); "same": the cache the
        # previous run of the same command left
        plans = [
            ("diff, no cache", [*diff, "--no-cache"], fresh),
            ("diff, cache of a check at HEAD", diff, check_head),
            ("check, no cache", [*check, "--no-cache"], fresh),
            ("check, cache of a check", check, same),
        ]
        for label, command, before in plans:
            if before is same:
                fresh()
                timed(command, env)  # fill the cache once
            runs = []
            for _ in range(args.runs):
                before()
                runs.append(timed(command, env))
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"{label:>31}: median wall {wall:.2f} s, CPU {cpu:.2f} s")
            if label.startswith("diff, no"):
                print(f"{'':>31}  {runs[0][2].splitlines()[2]}")


if __name__ == "__main__":
    main()
