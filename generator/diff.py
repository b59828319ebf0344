"""Two git revisions of a project → a DiffReport of what changed in its facts, citations and
links; never renders, and never changes the repository or the working tree.

Each side is checked with the same stages as ``explainer check``: a revision's ``content/`` is
read straight from git (:mod:`generator.gitread`) into a temporary folder, which the checker
reads like any project; the working tree is checked where it is, so uncommitted and untracked
files count. The check function is passed in by the caller (the command line), so that this
module does not depend on the pipeline. The two fact graphs are then compared by meaning
(:mod:`generator.diffcompare`): whitespace, key order, quoting and comments never show.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.diffcompare import compare
from generator.diffreport import DiffReport
from generator.diffsnap import EMPTY, Snapshot, snapshot
from generator.gitread import GitError, materialise, read_content, resolve_revision
from generator.model import LinkedSite

__all__ = ["CheckFunction", "DiffOutcome", "GitError", "diff_revisions"]

CheckFunction = Callable[[Path, Diagnostics], LinkedSite | None]
WORKING_TREE = "the working tree"
SOURCES = "content/sources/"


@dataclass(frozen=True, slots=True)
class DiffOutcome:
    """What ``explainer diff`` prints: HEAD's diagnostics first, then the report (None when
    HEAD has errors and cannot be compared)."""

    head_diagnostics: Diagnostics
    report: DiffReport | None
    changed_sources: tuple[str, ...]
    """Sources whose text differs between the sides (to explain citations they broke)."""


@dataclass(frozen=True, slots=True)
class _Side:
    snap: Snapshot | None
    """The side's fact graph, or None when it has errors or no content."""
    diags: Diagnostics
    sources: dict[str, bytes] | None
    """Its source texts by path (None for the working tree, read from disk when needed)."""
    absent: bool
    """No ``content/`` folder at all."""


def _read_side(root: Path, commit: str | None, check: CheckFunction) -> _Side:
    """Check one side: a commit (read from git into a temporary folder) or, for None, the
    working tree in place. Runs in a worker process when both sides are read at once."""
    diags = Diagnostics()
    if commit is None:
        if not (root / "content").is_dir():
            return _Side(None, diags, None, absent=True)
        site = check(root, diags)
        return _Side(snapshot(site) if site else None, diags, None, absent=False)
    files = read_content(root, commit)
    sources = {k: v for k, v in files.items() if k.startswith(SOURCES) and k.endswith(".txt")}
    if not files:
        return _Side(None, diags, sources, absent=True)
    with tempfile.TemporaryDirectory(prefix="explainer-diff-") as tmp:
        materialise(files, Path(tmp))
        site = check(Path(tmp), diags)
    return _Side(snapshot(site) if site else None, diags, sources, absent=False)


def _read_sides(root: Path, commits: tuple[str, str | None], check: CheckFunction) -> list[_Side]:
    """Both sides; in two processes at once when there are two processors (the checks are
    independent and CPU-bound, so this nearly halves the time on a large project)."""
    if (os.cpu_count() or 1) < 2:
        return [_read_side(root, c, check) for c in commits]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        return list(pool.map(_read_side, (root, root), commits, (check, check)))


def _source_texts(root: Path, side: _Side) -> dict[str, bytes]:
    if side.sources is not None:
        return side.sources
    folder = root / "content" / "sources"
    if not folder.is_dir():
        return {}
    return {f"content/sources/{p.name}": p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def _changed_sources(root: Path, base: _Side, head: _Side) -> tuple[str, ...]:
    old, new = _source_texts(root, base), _source_texts(root, head)
    return tuple(Path(k).stem for k in sorted(old.keys() | new.keys()) if old.get(k) != new.get(k))


def diff_revisions(root: Path, base: str, head: str | None, check: CheckFunction) -> DiffOutcome:
    """Compare ``base`` with ``head`` (None: the working tree) in the project at ``root``.

    Raises :class:`GitError` for a revision that does not exist or a folder outside git.
    Errors at BASE are tolerated (the base side is then compared as empty, with a note);
    errors at HEAD leave ``report`` None.
    """
    base_commit = resolve_revision(root, base)
    head_commit = resolve_revision(root, head) if head is not None else None
    base_side, head_side = _read_sides(root, (base_commit, head_commit), check)
    head_label = head if head is not None else WORKING_TREE
    changed = _changed_sources(root, base_side, head_side)
    if head_side.diags.has_errors():
        return DiffOutcome(head_side.diags, None, changed)
    notes: list[str] = []
    for label, side in ((base, base_side), (head_label, head_side)):
        if side.absent:
            notes.append(f"{label} has no content/ folder: it is compared as an empty project.")
    if base_side.diags.has_errors():
        count = base_side.diags.error_count
        notes.append(
            f"{base} has {count} content error{'s' if count != 1 else ''} (see 'explainer "
            "check' there): it is compared as an empty project."
        )
    report = compare(
        base_side.snap or EMPTY, head_side.snap or EMPTY, base, head_label, tuple(notes)
    )
    return DiffOutcome(head_side.diags, report, changed)
