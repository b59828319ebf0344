"""Two git revisions of a project → a DiffReport of what changed in its facts, citations and
links; never renders, and never changes the repository or the working tree.

Each side goes through the stages of ``explainer check``, given by the caller as a
:class:`Checker` (this module does not import the pipeline): a revision's ``content/`` is read
straight from git (:mod:`generator.gitread`) into memory, the working tree is read where it
is, so uncommitted and untracked files count. The two sides share their work: the checker
parses, validates and resolves what is the same on both sides once, and an entity that is the
same on both sides gets one view that the comparison passes over. A large project with a
small change is thus checked about once, not twice. The two fact graphs are then compared by
meaning (:mod:`generator.diffcompare`): whitespace, key order, quoting and comments never
show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.diagnostics import Diagnostics
from generator.diffcompare import compare
from generator.diffreport import DiffReport
from generator.diffsnap import EMPTY, SnapMemo, Snapshot, snapshot
from generator.gitread import GitError, read_contents, resolve_revision
from generator.model import LinkedSite

__all__ = ["Checker", "DiffOutcome", "GitError", "diff_revisions"]

WORKING_TREE = "the working tree"
SOURCES = "content/sources/"


class Checker(Protocol):
    """The stages of ``explainer check``, given by the caller (this module does not import
    the pipeline); both methods share their work (``pipeline.SharedChecker``)."""

    def tree(self, root: Path, diags: Diagnostics) -> LinkedSite | None:
        """Check the project at ``root`` on disk; None when it has errors."""

    def files(self, files: Mapping[str, bytes], diags: Diagnostics) -> LinkedSite | None:
        """Check content held in memory (``content/…`` → bytes); None when it has errors."""


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
    sources: dict[str, bytes]
    """Its source texts by path."""
    absent: bool
    """No ``content/`` folder at all."""


def _sources_of(files: Mapping[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if k.startswith(SOURCES) and k.endswith(".txt")}


def _commit_side(files: dict[str, bytes], checker: Checker, memo: SnapMemo) -> _Side:
    """Check a revision's files, read from git."""
    diags = Diagnostics()
    if not files:
        return _Side(None, diags, {}, absent=True)
    site = checker.files(files, diags)
    return _Side(snapshot(site, memo) if site else None, diags, _sources_of(files), False)


def _tree_side(root: Path, checker: Checker, memo: SnapMemo) -> _Side:
    """Check the working tree in place."""
    diags = Diagnostics()
    folder = root / "content" / "sources"
    sources = (
        {f"{SOURCES}{p.name}": p.read_bytes() for p in sorted(folder.glob("*.txt"))}
        if folder.is_dir()
        else {}
    )
    if not (root / "content").is_dir():
        return _Side(None, diags, sources, absent=True)
    site = checker.tree(root, diags)
    return _Side(snapshot(site, memo) if site else None, diags, sources, False)


def _changed_sources(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> tuple[str, ...]:
    return tuple(Path(k).stem for k in sorted(old.keys() | new.keys()) if old.get(k) != new.get(k))


def diff_revisions(root: Path, base: str, head: str | None, checker: Checker) -> DiffOutcome:
    """Compare ``base`` with ``head`` (None: the working tree) in the project at ``root``.

    Raises :class:`GitError` for a revision that does not exist or a folder outside git.
    Errors at BASE are tolerated (the base side is then compared as empty, with a note);
    errors at HEAD leave ``report`` None.
    """
    base_commit = resolve_revision(root, base)
    head_commit = resolve_revision(root, head) if head is not None else None
    memo = SnapMemo()
    if head_commit is None:
        (base_files,) = read_contents(root, (base_commit,))
        head_side = _tree_side(root, checker, memo)
    else:
        base_files, head_files = read_contents(root, (base_commit, head_commit))
        head_side = _commit_side(head_files, checker, memo)
    # HEAD first: when it has errors there is nothing to compare, and BASE need not be read.
    head_label = head if head is not None else WORKING_TREE
    if head_side.diags.has_errors():
        changed = _changed_sources(_sources_of(base_files), head_side.sources)
        return DiffOutcome(head_side.diags, None, changed)
    base_side = _commit_side(base_files, checker, memo)
    changed = _changed_sources(base_side.sources, head_side.sources)
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
