"""Project folder → raw records (YAML node trees, source texts, pages; ``generator.raw``): the
only stage that reads.

``load_project`` lists ``content/`` in sorted order (never file-system order), refuses what it
must not read (symlinks out of the project, files over the size limits, names that are not
valid ids, unexpected entries) and reports every file-level and YAML-level problem, all of them
in one run. It never interprets content beyond YAML syntax (that is ``validate``), never
rewrites line endings (source offsets stay exact) and never writes.

``load_files`` does the same for files held in memory (a git revision, for ``diff``), and
a :class:`LoadMemo` lets several loads in one process share the work for files whose bytes
are the same: each such file is decoded and parsed once, and its record and diagnostics are
reused.

Every validly named YAML file gets a record, with ``node=None`` when it could not be read or
composed (an error has been reported, so later stages skip it silently, and references to its
id still resolve); a source text or page that could not be read has no record. Ids are unique
across actors, provinces, events and sources in the result (E011 drops the later file).
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal, TypeVar

from msgspec import Struct

from generator.diagnostics import Diagnostics, Location
from generator.filenames import display_name, id_problem, is_valid_file_id, suggest_file_id
from generator.loadfile import (
    FileKind,
    decode_utf8,
    parse_yaml_file,
    read_bytes,
    split_page,
    within_limit,
)
from generator.raw import LoadMemo, RawFile, RawPage, RawProject, RawText

__all__ = ["FOLDERS", "KINDS", "ProjectNotFound", "load_files", "load_project"]

KINDS = ("actors", "provinces", "events")
"""The folders of fact files, one per entity kind."""
FOLDERS = (*KINDS, "sources", "pages")
"""Every folder ``content/`` may hold."""
_CONTENT_EXTENSIONS = (".yaml", ".yml", ".txt", ".md")
_RENAMES: Mapping[str, str] = {"yml": "yaml", "text": "txt", "markdown": "md", "mdown": "md"}
_EXTENSIONS: Mapping[str, tuple[FileKind, ...]] = {"sources": ("txt", "yaml"), "pages": ("md",)}
_ACCESS_HINT = "check that it exists and that you may read it"
R = TypeVar("R")


class ProjectNotFound(Exception):
    """The folder is not a project (no ``content/`` folder): a usage error, not a diagnostic."""

    code = "E001"
    exit_code = 2

    def __init__(self, root: Path) -> None:
        self.message = f"{root} is not an Explainer project: it has no content/ folder"
        self.hint = "run the command in a project folder, or give its path as an argument"
        super().__init__(f"{self.message}\n  hint: {self.hint}")


class _Entry(Struct, frozen=True):
    """One listed entry: its name, where to report it, where to read it, what it is."""

    name: str
    rel: str
    real: str
    kind: Literal["file", "dir", "other"]

    @property
    def stem_ext(self) -> tuple[str, str]:
        stem, dot, ext = self.name.rpartition(".")
        return (stem, ext) if dot else (self.name, "")


def load_project(root: Path, diags: Diagnostics, memo: LoadMemo | None = None) -> RawProject:
    """Read ``root/content`` into raw records, reporting every problem into ``diags``.

    Raises:
        ProjectNotFound: when ``root`` has no ``content/`` folder (E001, a usage error).
    """
    content = root / "content"
    if not content.is_dir():
        raise ProjectNotFound(root)
    return _Loader(os.path.realpath(root), diags, memo).project(os.path.realpath(content))


def load_files(
    files: Mapping[str, bytes], diags: Diagnostics, memo: LoadMemo | None = None
) -> RawProject:
    """Like :func:`load_project`, for regular files held in memory: path relative to the
    project (``content/actors/nrf.yaml``) → bytes. Gives the same records and diagnostics as
    :func:`load_project` on those files written out to a folder."""
    return _MemoryLoader(files, diags, memo).project("content")


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath((path, root)) == root


class _Loader:
    """One run's reader: lists, refuses, reads and parses; remembers which files it read."""

    __slots__ = ("_diags", "_memo", "_read", "_renamed", "_root")

    def __init__(self, root: str, diags: Diagnostics, memo: LoadMemo | None = None) -> None:
        self._root = root
        self._diags = diags
        self._memo = memo
        self._read: list[str] = []
        self._renamed: set[str] = set()
        """Paths that misnamed files are told to take (E009): no E010 for their absence."""

    def _error(self, rel: str, code: str, message: str, hint: str, line: int = 1) -> None:
        self._diags.error(Location(rel, line, 1), code, message, hint)

    def project(self, content: str) -> RawProject:
        if self._memo is not None:
            self._memo.digests = {}
        if not self._inside(content):
            self._error(
                "content",
                "E003",
                "content/ is a symbolic link to a folder outside the project",
                "move the content into the project instead of linking to it",
            )
            return RawProject(None, (), (), (), (), (), (), ())
        site: RawFile | None = None
        folders: dict[str, _Entry] = {}
        entries = self._list("content", content)
        for entry in entries:
            if entry.name == "site.yaml" and entry.kind == "file":
                site = self._yaml(entry, "site")
            elif entry.name in FOLDERS and entry.kind == "dir":
                folders[entry.name] = entry
            else:
                self._unexpected_top(entry)
        if not self._exists(content, "site.yaml"):  # else reported above
            self._error(
                "content/site.yaml",
                "E002",
                "content/site.yaml is missing",
                "create it with at least a title, e.g. 'title: The Panjshir resistance'",
            )
        plan = {name: self._scan(folders[name]) if name in folders else [] for name in FOLDERS}
        self._pair_sources(plan["sources"])
        self._drop_duplicate_ids(plan)
        sources = plan["sources"]
        return RawProject(
            site=site,
            actors=tuple(self._yaml(e, e.stem_ext[0]) for e in plan["actors"]),
            provinces=tuple(self._yaml(e, e.stem_ext[0]) for e in plan["provinces"]),
            events=tuple(self._yaml(e, e.stem_ext[0]) for e in plan["events"]),
            source_meta=tuple(
                self._yaml(e, e.stem_ext[0]) for e in sources if e.stem_ext[1] == "yaml"
            ),
            source_texts=tuple(
                text
                for e in sources
                if e.stem_ext[1] == "txt" and (text := self._text(e)) is not None
            ),
            pages=tuple(page for e in plan["pages"] if (page := self._page(e)) is not None),
            files=tuple(sorted(self._read)),
        )

    # --- listing -------------------------------------------------------------------------

    def _inside(self, real: str) -> bool:
        return _inside(real, self._root)

    def _exists(self, folder: str, name: str) -> bool:
        return os.path.lexists(os.path.join(folder, name))

    def _list(self, rel: str, real: str) -> list[_Entry]:
        """The entries of a folder, sorted by name; symlinks out of the project are refused."""
        try:
            with os.scandir(real) as listing:
                found = sorted(listing, key=lambda item: item.name)
        except OSError as error:
            self._error(rel, "E014", f"cannot read folder {rel}: {error.strerror}", _ACCESS_HINT)
            return []
        entries: list[_Entry] = []
        for item in found:
            name = item.name
            if name.startswith(".") and not name.endswith(_CONTENT_EXTENSIONS):
                continue  # .gitkeep, .DS_Store, editor swap files
            child = f"{rel}/{display_name(name)}"
            path = os.path.join(real, name)
            try:
                if item.is_symlink():
                    path = os.path.realpath(path)
                    if not _inside(path, self._root):
                        self._error(
                            child,
                            "E003",
                            f"{child} is a symbolic link to a place outside the project",
                            "copy what it points at into the project instead of linking to it",
                        )
                        continue
                    mode = os.stat(path).st_mode
                else:
                    mode = item.stat(follow_symlinks=False).st_mode
            except OSError as error:
                if item.is_symlink():
                    message = f"{child} is a broken symbolic link"
                    hint = "point it at an existing file inside the project, or delete it"
                else:
                    message, hint = f"cannot read {child}: {error.strerror}", _ACCESS_HINT
                self._error(child, "E014", message, hint)
                continue
            kind: Literal["file", "dir", "other"] = (
                "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"
            )
            entries.append(_Entry(name, child, path, kind))
        return entries

    def _unexpected_top(self, entry: _Entry) -> None:
        """Warn about an entry directly in content/ that is not read."""
        if entry.name in ("site.yaml", *FOLDERS):
            self._error(
                entry.rel,
                "E009",
                f"{entry.rel} must be a {'file' if entry.name == 'site.yaml' else 'folder'}",
                "replace it with the right kind of entry",
            )
            return
        if entry.kind == "dir":
            close = difflib.get_close_matches(entry.name, FOLDERS, n=1, cutoff=0.8)
            if close:  # a misspelt content folder: everything in it would be lost silently
                self._error(
                    entry.rel, "E009", f"unexpected folder {entry.rel}: its files are not read",
                    f"did you mean content/{close[0]}/? rename the folder",
                )  # fmt: skip
                return
            what, hint = "folder", ""
        else:
            what = "file" if entry.kind == "file" else "entry"
            hint = "rename it to site.yaml; " if entry.stem_ext[0] == "site" else ""
        self._diags.warning(
            Location(entry.rel, 1, 1),
            "W009",
            f"unexpected {what} {entry.rel} is ignored",
            f"{hint}content/ holds only site.yaml, actors/, provinces/, events/, sources/ "
            "and pages/",
        )

    def _scan(self, folder: _Entry) -> list[_Entry]:
        """The readable, validly named files of a content folder; the rest is reported."""
        expected = _EXTENSIONS.get(folder.name, ("yaml",))
        shown = " or ".join(f".{ext}" for ext in expected)
        planned: list[_Entry] = []
        for entry in self._list(folder.rel, folder.real):
            stem, ext = entry.stem_ext
            if entry.kind != "file":
                self._error(
                    entry.rel,
                    "E009",
                    f"unexpected folder {entry.rel}"
                    if entry.kind == "dir"
                    else f"{entry.rel} is not a regular file",
                    f"files go directly in {folder.rel}/ and end in {shown}; move or delete it",
                )
            elif ext not in expected:
                better = _RENAMES.get(ext.lower(), ext.lower())
                hint = f"files in {folder.rel}/ end in {shown}"
                if better in expected:
                    target = f"{suggest_file_id(stem) or display_name(stem)}.{better}"
                    self._renamed.add(f"{folder.rel}/{target}")
                    hint = f"rename it to {target}"
                self._error(entry.rel, "E009", f"unexpected file {entry.rel}", hint)
            elif not is_valid_file_id(stem):
                self._error(entry.rel, "E008", *id_problem(display_name(stem), ext))
            else:
                planned.append(entry)
        return planned

    def _pair_sources(self, sources: list[_Entry]) -> None:
        """Report a source text without its metadata file, or the other way round (E010)."""
        stems: dict[str, set[str]] = {}
        for entry in sources:
            stem, ext = entry.stem_ext
            stems.setdefault(stem, set()).add(ext)
        for entry in sources:
            stem, ext = entry.stem_ext
            other = "yaml" if ext == "txt" else "txt"
            missing = f"{entry.rel.rpartition('/')[0]}/{stem}.{other}"
            if other in stems[stem] or missing in self._renamed:
                continue  # a misnamed sibling has its own E009, which says how to rename it
            if ext == "txt":
                message = f"source text has no metadata file {missing}"
                hint = f"create {missing} with title, publisher, published, url and language"
            else:
                message = f"source metadata has no text file {missing}"
                hint = f"save the verbatim text of the source as {missing}"
            self._error(entry.rel, "E010", message, hint)

    def _drop_duplicate_ids(self, plan: dict[str, list[_Entry]]) -> None:
        """Keep the first file of each id (by path) across kinds; report the others (E011)."""
        first: dict[str, str] = {}
        candidates = sorted(
            (entry.rel, entry.stem_ext[0], name)
            for name in (*KINDS, "sources")
            for entry in plan[name]
        )
        dropped: set[str] = set()
        for rel, stem, name in candidates:
            owner = first.setdefault(stem, rel)
            if owner == rel or (name == "sources" and owner.startswith("content/sources/")):
                continue
            dropped.add(rel)
            self._error(
                rel,
                "E011",
                f"id '{stem}' is already used by {owner}",
                "ids are unique across actors, provinces, events and sources: rename one of them",
            )
        for name in (*KINDS, "sources"):
            plan[name] = [entry for entry in plan[name] if entry.rel not in dropped]

    # --- reading -------------------------------------------------------------------------

    def _read_bytes(self, entry: _Entry, kind: FileKind) -> bytes | None:
        return read_bytes(entry.real, entry.rel, kind, self._diags)

    def _bytes(self, entry: _Entry, kind: FileKind) -> bytes | None:
        data = self._read_bytes(entry, kind)
        if data is not None:
            self._read.append(entry.rel)
        return data

    def _made(self, entry: _Entry, data: bytes, make: Callable[[Diagnostics], R]) -> R:
        """``make(sink)``, or what it made for the same file before (see :class:`LoadMemo`)."""
        if self._memo is None:
            return make(self._diags)
        return self._memo.reuse(entry.rel, data, self._diags, make)

    def _yaml(self, entry: _Entry, stem: str) -> RawFile:
        data = self._bytes(entry, "yaml")
        if data is None:
            return RawFile(entry.rel, stem, None)

        def make(diags: Diagnostics) -> RawFile:
            text = decode_utf8(data, entry.rel, diags)
            return RawFile(entry.rel, stem, parse_yaml_file(text, entry.rel, diags))

        return self._made(entry, data, make)

    def _text(self, entry: _Entry) -> RawText | None:
        data = self._bytes(entry, "txt")
        if data is None:
            return None

        def make(diags: Diagnostics) -> RawText:
            text = decode_utf8(data, entry.rel, diags)
            if not text.strip():
                diags.error(
                    Location(entry.rel, 1, 1), "E006", "the source text is empty",
                    "paste the source's text in",
                )  # fmt: skip
            return RawText(entry.rel, entry.stem_ext[0], text)

        return self._made(entry, data, make)

    def _page(self, entry: _Entry) -> RawPage | None:
        data = self._bytes(entry, "md")
        if data is None:
            return None

        def make(diags: Diagnostics) -> RawPage:
            parts = split_page(decode_utf8(data, entry.rel, diags), entry.rel, diags)
            top = Location(entry.rel, 1, 1)
            return RawPage(
                entry.rel, entry.stem_ext[0], parts.front, top, parts.body, parts.body_line
            )

        return self._made(entry, data, make)


class _MemoryLoader(_Loader):
    """A loader over files held in memory (regular files only: there are no links to follow
    and nothing to refuse for want of access)."""

    __slots__ = ("_dirs", "_files")

    def __init__(
        self, files: Mapping[str, bytes], diags: Diagnostics, memo: LoadMemo | None
    ) -> None:
        super().__init__("", diags, memo)
        self._files = files
        self._dirs: dict[str, dict[str, bool]] = {}
        """Folder → {name: is a folder} for every folder that holds something."""
        for path in files:
            parts = path.split("/")
            for depth in range(1, len(parts)):
                folder = "/".join(parts[:depth])
                self._dirs.setdefault(folder, {})[parts[depth]] = depth < len(parts) - 1

    def _inside(self, real: str) -> bool:
        return True

    def _exists(self, folder: str, name: str) -> bool:
        return name in self._dirs.get(folder, {})

    def _list(self, rel: str, real: str) -> list[_Entry]:
        entries: list[_Entry] = []
        for name, is_dir in sorted(self._dirs.get(real, {}).items()):
            if name.startswith(".") and not name.endswith(_CONTENT_EXTENSIONS):
                continue
            kind: Literal["dir", "file"] = "dir" if is_dir else "file"
            entries.append(_Entry(name, f"{rel}/{display_name(name)}", f"{real}/{name}", kind))
        return entries

    def _read_bytes(self, entry: _Entry, kind: FileKind) -> bytes | None:
        return within_limit(self._files[entry.real], entry.rel, kind, self._diags)
