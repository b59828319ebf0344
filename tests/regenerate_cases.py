"""Rewrite ``tests/cases/<name>/expected.txt`` from what ``explainer check`` prints now.

Usage: ``.venv/bin/python tests/regenerate_cases.py [NAME ...]`` (default: every case).

Each case is run exactly as ``tests/test_cases.py`` runs it (see :func:`prepare` and
:func:`run_check`), and the expected file is rewritten with the stderr it produced. Review
every changed file before committing it: a message or location that does not help the user
is a bug in the tool, not a new expectation. The script prints the cases whose exit status
is not 1 or whose output holds a traceback: those must never be blessed.

This module is also the shared runner of the case tests and of ``tests/test_schemas.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
import runpy
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
MAKE = "make.py"
"""Optional per-case script: ``make(project: Path) -> None`` adds what git cannot keep or
should not store (a symlink, a file of several megabytes) to the copy of the case. Files it
places outside the project go into ``project.parent``, a scratch folder of the run."""

if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))


def case_names() -> list[str]:
    """Every case folder, sorted."""
    return sorted(p.name for p in CASES.iterdir() if (p / "content").is_dir())


def prepare(name: str, workdir: Path) -> Path:
    """Copy the case's ``content/`` into ``workdir/<name>`` and run its ``make.py``, if any.

    The copy keeps the repository clean (nothing is generated inside ``tests/cases``) and
    gives every run the same relative paths.
    """
    case = CASES / name
    project = workdir / name
    shutil.copytree(case / "content", project / "content", symlinks=True)
    script = case / MAKE
    if script.is_file():
        make: Callable[[Path], None] = runpy.run_path(str(script))["make"]
        make(project)
    return project


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    """Run with ``folder`` as the working directory, so that paths print relative to it."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run_check(project: Path) -> tuple[int, str]:
    """``explainer check .`` in ``project``, in process: (exit status, stderr)."""
    from generator.cli import main

    err = io.StringIO()
    with (
        inside(project),
        contextlib.redirect_stderr(err),
        contextlib.redirect_stdout(io.StringIO()),
    ):
        status = main(["check", "."])
    return status, err.getvalue()


def regenerate(names: list[str], scratch: Path) -> list[str]:
    """Rewrite the expected files of ``names``; return the names that must not be blessed."""
    refused = []
    for name in names:
        status, stderr = run_check(prepare(name, scratch))
        if status != 1 or "Traceback" in stderr:
            refused.append(f"{name}: exit status {status}")
            continue
        expected = CASES / name / "expected.txt"
        old = expected.read_text(encoding="utf-8") if expected.exists() else None
        if old != stderr:
            expected.write_text(stderr, encoding="utf-8", newline="\n")
            print(f"updated {expected.relative_to(ROOT)}")
    return refused


def main(argv: list[str]) -> int:
    names = argv or case_names()
    unknown = sorted(set(names) - set(case_names()))
    if unknown:
        print(f"no such case: {', '.join(unknown)}", file=sys.stderr)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        refused = regenerate(names, Path(scratch))
    for line in refused:
        print(f"not blessed: {line}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
