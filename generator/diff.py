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

A side with errors still has a graph: what the stages kept, every file or item that failed
dropped out (a reference to an unknown id stays as written). At BASE that graph is compared,
with a note, so that fixing one broken file does not show the whole project as added. At
HEAD errors stop the comparison; what is reported then is the errors and the citations that
a change to a source's text broke.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from msgspec import Struct
from msgspec.structs import replace

from generator.diagnostics import Diagnostics, Severity
from generator.diffbroken import broken_citations
from generator.diffcompare import compare
from generator.diffreport import BrokenCite, DiffReport
from generator.diffsnap import EMPTY, SnapMemo, snapshot
from generator.gitread import GitError, read_contents, resolve_revision
from generator.model import LinkedSite

__all__ = ["Checker", "DiffOutcome", "GitError", "diff_revisions"]

WORKING_TREE = "the working tree"
SOURCES = "content/sources/"


class Checker(Protocol):
    """The stages of ``explainer check``, given by the caller (this module does not import
    the pipeline); both methods share their work (``pipeline.SharedChecker``). With errors,
    each returns what the stages kept (``SharedChecker(partial=True)``), or None when nothing
    could be checked (an unusable ``site.yaml``)."""

    def tree(self, root: Path, diags: Diagnostics) -> LinkedSite | None:
        """Check the project at ``root`` on disk."""

    def files(self, files: Mapping[str, bytes], diags: Diagnostics) -> LinkedSite | None:
        """Check content held in memory (``content/…`` → bytes)."""


class DiffOutcome(Struct, frozen=True):
    """What ``explainer diff`` prints: HEAD's diagnostics first, then the report. When HEAD
    has errors, the report holds them and the citations a source change broke, and nothing
    was compared."""

    head_diagnostics: Diagnostics
    report: DiffReport
    changed_sources: tuple[str, ...]
    """Sources whose text differs between the sides."""

    @property
    def failed(self) -> bool:
        return self.head_diagnostics.has_errors()


class _Side(Struct, frozen=True):
    site: LinkedSite | None
    """The side's fact graph (partial when it has errors), or None when it has none."""
    diags: Diagnostics
    sources: dict[str, bytes]
    """Its source texts by path."""
    absent: bool
    """No ``content/`` folder at all."""


def _sources_of(files: Mapping[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if k.startswith(SOURCES) and k.endswith(".txt")}


def _commit_side(files: dict[str, bytes], checker: Checker) -> _Side:
    """Check a revision's files, read from git."""
    diags = Diagnostics()
    if not files:
        return _Side(None, diags, {}, absent=True)
    return _Side(checker.files(files, diags), diags, _sources_of(files), False)


def _tree_side(root: Path, checker: Checker) -> _Side:
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
    return _Side(checker.tree(root, diags), diags, sources, False)


def _changed_sources(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> tuple[str, ...]:
    return tuple(Path(k).stem for k in sorted(old.keys() | new.keys()) if old.get(k) != new.get(k))


def _base_note(label: str, side: _Side) -> str:
    """What errors at BASE mean for the comparison."""
    count = side.diags.error_count
    said = f"{label} has {count} content error{'s' if count != 1 else ''}"
    check = "(see 'explainer check' there)"
    if side.site is None:
        return f"{said} {check}: its site.yaml did not check, so it is compared as empty."
    paths = sorted({d.location.path for d in side.diags if d.severity is Severity.ERROR})
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more files" if len(paths) > 5 else "")
    return (
        f"{said}, in {shown} {check}: what failed to check there is left out of the "
        "comparison, so it shows as added here."
    )


def _failed(
    base: str,
    head: str,
    head_side: _Side,
    base_side: Callable[[], _Side],
    changed: tuple[str, ...],
) -> DiffReport:
    """The report when HEAD has errors: the errors, and the citations a source change broke
    (BASE is checked only when a source changed)."""
    errors = tuple(d for d in head_side.diags.sorted() if d.severity is Severity.ERROR)
    broken: tuple[BrokenCite, ...] = ()
    if changed and head_side.site is not None:
        base_site = base_side().site
        if base_site is not None:
            broken = broken_citations(base_site, head_side.site, changed, errors)
    base_url = head_side.site.content.config.base_url if head_side.site else ""
    return DiffReport(base, head, (), (), (), (), base_url, errors, broken)


def diff_revisions(root: Path, base: str, head: str | None, checker: Checker) -> DiffOutcome:
    """Compare ``base`` with ``head`` (None: the working tree) in the project at ``root``.

    Raises :class:`GitError` for a revision that does not exist or a folder outside git.
    Errors at BASE are tolerated: what checked cleanly there is compared, with a note. Errors
    at HEAD stop the comparison: the report then holds them and the citations they show a
    source change broke.
    """
    base_commit = resolve_revision(root, base)
    head_commit = resolve_revision(root, head) if head is not None else None
    if head_commit is None:
        (base_files,) = read_contents(root, (base_commit,))
        head_side = _tree_side(root, checker)
    else:
        base_files, head_files = read_contents(root, (base_commit, head_commit))
        head_side = _commit_side(head_files, checker)
    head_label = head if head is not None else WORKING_TREE
    changed = _changed_sources(_sources_of(base_files), head_side.sources)
    if head_side.diags.has_errors():
        report = _failed(
            base, head_label, head_side, lambda: _commit_side(base_files, checker), changed
        )
        return DiffOutcome(head_side.diags, report, changed)
    base_side = _commit_side(base_files, checker)
    notes: list[str] = []
    for label, side in ((base, base_side), (head_label, head_side)):
        if side.absent:
            notes.append(f"{label} has no content/ folder: it is compared as an empty project.")
    if base_side.diags.has_errors():
        notes.append(_base_note(base, base_side))
    memo = SnapMemo()
    base_snap = snapshot(base_side.site, memo) if base_side.site else EMPTY
    head_snap = snapshot(head_side.site, memo) if head_side.site else EMPTY
    report = compare(base_snap, head_snap, base, head_label, tuple(notes))
    if base_side.site is not None and head_side.site is not None:
        broken = broken_citations(base_side.site, head_side.site, changed)
        report = replace(report, broken_citations=broken)
    return DiffOutcome(head_side.diags, report, changed)
