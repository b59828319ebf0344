"""Compare two versions of Explainer on the same generated project, the two taking turns.

    python bench/compare.py BASE [HEAD] [--command build|check] [--sizes 4000] [--runs 7]

BASE and HEAD are git revisions of this repository; ``.`` is the working tree (the default
for HEAD). Each version's ``generator/`` and ``themes/`` are copied into a folder of their own
and run from there as ``python -m generator`` (this virtualenv's Python and packages, so only
the project's code differs). For each size, the project is generated once (bench/generate.py);
each version then runs once untimed (Python compiles its modules; for ``build``, the two
sites are compared byte for byte), and after that ``--runs`` times, one run of each version in
turn, every run a cold one (a new process, ``--no-cache``, a build into an empty folder).
Reports the median and the lowest CPU time (user + sys of the child) of each version, and the
change of the median.

Why take turns: this machine's speed drifts by up to 40 % within minutes, so two versions
timed one after the other can differ by more than any change between them.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build import run_once

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("generator", "themes")


def copy_version(revision: str, folder: Path) -> None:
    """Put ``revision``'s ``generator/`` and ``themes/`` in ``folder`` (``.``: the working
    tree's)."""
    folder.mkdir(parents=True)
    if revision == ".":
        for part in PARTS:
            shutil.copytree(
                ROOT / part,
                folder / part,
                symlinks=True,
                ignore=shutil.ignore_patterns("__pycache__"),
            )
        return
    done = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, *PARTS],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"cannot read revision {revision!r}: {done.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(folder, filter="data")


def run(folder: Path, command: str, project: Path, output: Path) -> float:
    """One cold run of ``command`` by the version in ``folder``, into an empty ``output``;
    its CPU time. Exits on a failure."""
    shutil.rmtree(output, ignore_errors=True)
    return run_once(project, output, None, command, cwd=folder)[1]


def differing_files(one: Path, other: Path) -> list[str]:
    """Output paths whose bytes differ, or that only one of the two folders has."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file()
        }

    a, b = files(one), files(other)
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def compare(
    folders: list[Path], command: str, size: int, runs: int, work: Path
) -> tuple[str, list[str]]:
    """Time ``command`` on a project of ``size`` entities; a table row and the files that
    differ between the two versions' sites (always empty for ``check``)."""
    project = work / f"project-{size}"
    if not project.exists():
        generate(size, project)
    outputs = [work / f"site-{index}" for index in range(len(folders))]
    for folder, output in zip(folders, outputs, strict=True):
        run(folder, command, project, output)  # untimed: compiles the modules
    differ = differing_files(*outputs) if command == "build" else []
    cpu: list[list[float]] = [[] for _ in folders]
    for _ in range(runs):
        for times, folder, output in zip(cpu, folders, outputs, strict=True):
            times.append(run(folder, command, project, output))
    base, head = (statistics.median(times) for times in cpu)
    change = (head - base) / base * 100 if base else 0.0
    cells = [command, f"{size:,}", str(runs)]
    cells += [f"{statistics.median(t):.2f} (lowest {min(t):.2f})" for t in cpu]
    cells.append(f"{change:+.0f} %")
    return "| " + " | ".join(cells) + " |", differ


def main(argv: list[str] | None = None) -> None:
    # Time what a user's Python does: it keeps compiled modules (__pycache__) between runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="a git revision, or . for the working tree")
    parser.add_argument("head", nargs="?", default=".", help="the same (default: .)")
    parser.add_argument("--command", choices=("build", "check"), default="build")
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="explainer-compare-") as tmp:
        work = Path(tmp)
        folders = [work / "version-0", work / "version-1"]
        for revision, folder in zip((args.base, args.head), folders, strict=True):
            copy_version(revision, folder)
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.runs} runs of"
            " each version in turn, cold (--no-cache), median CPU in s"
        )
        print()
        print(f"| command | entities | runs each | {args.base} | {args.head} | change |")
        print("|---|---:|---:|---:|---:|---:|")
        notes = []
        for size in args.sizes:
            row, differ = compare(folders, args.command, size, args.runs, work)
            print(row, flush=True)
            if differ:
                shown = ", ".join(differ[:5]) + (", …" if len(differ) > 5 else "")
                notes.append(f"{size:,} entities: {len(differ)} files differ ({shown})")
        if args.command == "build":
            print()
            print("\n".join(notes) if notes else "The two versions built identical sites.")


if __name__ == "__main__":
    main()
