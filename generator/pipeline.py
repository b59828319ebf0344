"""The pipeline, written once and in order: load → validate → segment → cite → link
(that is ``check``), then render → write (``build``).

Each stage is a function from explicit inputs to a new value; problems go to one
``Diagnostics`` sink. Any error stops the pipeline before rendering, so nothing unresolved is
ever written and the previous output stays as it was.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from msgspec import Struct, field

from generator.citations import report_coverage, resolve_citations
from generator.diagnostics import Diagnostics, Location
from generator.link import link as link_site
from generator.load import load_files, load_project
from generator.memo import CheckMemo
from generator.model import EntityKind, LinkedSite, SiteConfig
from generator.raw import RawProject
from generator.segment import segment
from generator.validate import page_cites, validate

if TYPE_CHECKING:
    from generator.rendermemo import RenderMemo
    from generator.write import WriteStats

# The stages after ``check`` (render, graph, search, write, export) are imported where they
# are used: ``check`` and ``diff`` never run them, and importing them (Jinja among them)
# would add a tenth of a second to every such run.

__all__ = [
    "BuildResult",
    "ExportResult",
    "SharedChecker",
    "Timings",
    "build",
    "check",
    "check_files",
    "export",
    "site_files",
    "site_rebuilder",
    "theme_dirs",
]

T = TypeVar("T")
BUILTIN_THEMES = Path(__file__).parent / "themes"


class Timings(Struct):
    """Seconds spent per stage, in pipeline order (for ``build --timings`` and benchmarks)."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    def run(self, name: str, action: Callable[[], T]) -> T:
        with self.stage(name):
            return action()


class ExportResult(Struct, frozen=True):
    """A finished export."""

    target: Path
    """The file written."""
    pages: int
    """HTML pages in it."""
    size: int
    """Its size in bytes."""


class BuildResult(Struct, frozen=True):
    """A finished build."""

    site: LinkedSite
    written: WriteStats


def _known_ids(raw: RawProject) -> dict[str, EntityKind]:
    known: dict[str, EntityKind] = {}
    for kind, files in (
        (EntityKind.ACTOR, raw.actors),
        (EntityKind.PROVINCE, raw.provinces),
        (EntityKind.EVENT, raw.events),
    ):
        for file in files:
            known.setdefault(file.stem, kind)
    return known


def check(
    root: Path,
    diags: Diagnostics,
    timings: Timings | None = None,
    memo: CheckMemo | None = None,
    *,
    partial: bool = False,
) -> LinkedSite | None:
    """Load and check a project; the fact graph, or None when there are errors (``partial``:
    what the stages kept, see :func:`_finish`)."""
    t = timings or Timings()
    raw = t.run("load", lambda: load_project(root, diags, memo.load if memo else None))
    site = _check_raw(raw, diags, t, memo)
    if site is not None:
        check_theme(root, site.content.config, diags)
    return _finish(site, diags, partial=partial)


def check_files(
    files: Mapping[str, bytes],
    diags: Diagnostics,
    memo: CheckMemo | None = None,
    *,
    partial: bool = False,
) -> LinkedSite | None:
    """:func:`check` for a project's content held in memory (``content/…`` path → bytes, as
    read from a git revision); its theme is not checked."""
    t = Timings()
    raw = t.run("load", lambda: load_files(files, diags, memo.load if memo else None))
    return _finish(_check_raw(raw, diags, t, memo), diags, partial=partial)


def _check_raw(
    raw: RawProject, diags: Diagnostics, t: Timings, memo: CheckMemo | None
) -> LinkedSite | None:
    """The stages after ``load``: validate → segment → cite → link."""
    content = t.run("validate", lambda: validate(raw, diags, memo.validate if memo else None))
    if content is None:
        return None
    split = memo.segment if memo else segment
    sentences = t.run("segment", lambda: {s.id: split(s.text) for s in content.sources})
    marks = memo.page_cites if memo else page_cites
    cites = t.run("validate", lambda: {p.slug: marks(p) for p in content.pages})
    known_sources = frozenset(f.stem for f in raw.source_meta)
    citations = t.run(
        "cite",
        lambda: resolve_citations(
            content, sentences, cites, known_sources, diags, memo.cite if memo else None
        ),
    )
    return t.run(
        "link",
        lambda: link_site(
            content, sentences, citations, cites, _known_ids(raw), diags,
            memo.link if memo else None,
        ),
    )  # fmt: skip


def _finish(
    site: LinkedSite | None, diags: Diagnostics, *, partial: bool = False
) -> LinkedSite | None:
    """The checked graph; on errors None, or with ``partial`` what the stages kept: a file
    or item that failed has dropped out (STYLE E4), a reference to an unknown id stays as
    written. ``diff`` compares it at BASE; it is never rendered. None when ``site.yaml``
    itself is unusable."""
    if site is None or diags.has_errors():
        # coverage would count citations that failed elsewhere as missing
        return site if partial else None
    report_coverage(site, diags)
    return site


class SharedChecker(Struct):
    """:func:`check` and :func:`check_files` sharing one :class:`CheckMemo` (for ``diff``);
    ``partial``: on errors, what the stages kept instead of None."""

    memo: CheckMemo = field(default_factory=CheckMemo)
    partial: bool = False

    def tree(self, root: Path, diags: Diagnostics) -> LinkedSite | None:
        return check(root, diags, memo=self.memo, partial=self.partial)

    def files(self, files: Mapping[str, bytes], diags: Diagnostics) -> LinkedSite | None:
        return check_files(files, diags, self.memo, partial=self.partial)


def check_theme(root: Path, config: SiteConfig, diags: Diagnostics) -> None:
    if not theme_dirs(root, config.theme):
        diags.error(
            config.theme_location, "E140", f"no theme '{config.theme}'",
            f"create themes/{config.theme}/ or leave 'theme' out for the built-in 'default'",
        )  # fmt: skip


def theme_dirs(root: Path, name: str) -> tuple[Path, ...]:
    """Where a theme's files are looked up: the project's ``themes/<name>``, then built-in."""
    return tuple(d for d in (root / "themes" / name, BUILTIN_THEMES / name) if d.is_dir())


def site_files(
    root: Path,
    diags: Diagnostics,
    *,
    strict: bool = False,
    timings: Timings | None = None,
    memo: CheckMemo | None = None,
    render: RenderMemo | None = None,
) -> tuple[LinkedSite, dict[str, bytes]] | None:
    """Check and render the whole site in memory: the fact graph and ``{output path: bytes}``;
    None on errors, or on warnings when ``strict``. ``build``, ``serve`` and ``export`` share it.

    With both memos, pages whose inputs did not change since the render ``render`` recorded
    are taken as they were (``rendermemo``); ``render`` then records this render."""
    t = timings or Timings()
    site = check(root, diags, t, memo)
    if site is None or (strict and diags.warning_count):
        return None
    dirs = theme_dirs(root, site.content.config.theme)
    try:
        return _render(site, root, dirs, t, memo, render)
    except Exception as error:
        problem = theme_problem(error, root)
        if problem is None:
            raise  # not the project's theme: a fault of this tool, to be reported as such
        diags.error(
            problem[0], "E141", f"the theme's template failed: {problem[1]}",
            "fix the template; templates see only 'view' (docs/errors.md#e141)",
        )  # fmt: skip
        return None


def theme_problem(error: BaseException, root: Path) -> tuple[Location, str] | None:
    """Where in a template of the project's own theme (``root/themes``) rendering failed, and
    why; None when no such template is where it failed."""
    import jinja2

    themes = os.path.realpath(root / "themes") + os.sep
    where: tuple[str, int] | None = None
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = (error.filename, error.lineno)
    else:
        trace = error.__traceback__
        while trace is not None:
            name = trace.tb_frame.f_code.co_filename
            if os.path.realpath(name).startswith(themes):
                where = (name, trace.tb_lineno)  # the innermost one wins
            trace = trace.tb_next
    if where is None or not os.path.realpath(where[0]).startswith(themes):
        return None
    path = Path(os.path.relpath(os.path.realpath(where[0]), os.path.realpath(root))).as_posix()
    if isinstance(error, jinja2.TemplateSyntaxError):
        why = error.message or "syntax error"
    elif isinstance(error, jinja2.TemplateError):
        why = str(error)
    else:
        why = f"{type(error).__name__}: {error}"
    return Location(path, max(where[1], 1), 1), why


def _render(
    site: LinkedSite,
    root: Path,
    dirs: tuple[Path, ...],
    t: Timings,
    memo: CheckMemo | None,
    render: RenderMemo | None,
) -> tuple[LinkedSite, dict[str, bytes]]:
    """Render, graph and search index: the rest of :func:`site_files`."""
    from generator.graph import graph_json
    from generator.render import render_site
    from generator.search import INDEX_PATH, Piece, search_index

    if memo is None or render is None:
        files = t.run("render", lambda: render_site(site, dirs))
        files["explainer.json"] = t.run("graph", lambda: graph_json(site))
        files[INDEX_PATH] = t.run("search", lambda: search_index(site))
        return site, dict(sorted(files.items()))
    from generator.cache import code_stamp
    from generator.rendermemo import ALL, global_token, page_inputs

    base = global_token(code_stamp(), dirs)
    inputs = t.run("plan", lambda: page_inputs(site, memo.load.digests, base))
    render.start()
    files = t.run("render", lambda: render_site(site, dirs, inputs, render))
    every = inputs[ALL]

    def lines(name: str, make: Callable[[], str]) -> str:
        return render.part(inputs[f"graph {name}"], make)

    def pieces(name: str, make: Callable[[], Piece]) -> Piece:
        return render.part(inputs[f"search {name}"], make)

    files["explainer.json"] = t.run(
        "graph", lambda: render.use("explainer.json", every, lambda: graph_json(site, lines))
    )
    files[INDEX_PATH] = t.run(
        "search", lambda: render.use(INDEX_PATH, every, lambda: search_index(site, pieces))
    )
    render.finish([key for name, key in inputs.items() if name.startswith(("graph ", "search "))])
    return site, dict(sorted(files.items()))


def build(
    root: Path,
    output: Path,
    diags: Diagnostics,
    *,
    strict: bool = False,
    timings: Timings | None = None,
    memo: CheckMemo | None = None,
    render: RenderMemo | None = None,
) -> BuildResult | None:
    """Check, render and swap the new site into ``output``; None (output untouched) on
    errors, or on warnings when ``strict``. ``render``: see :func:`site_files`."""
    from generator.write import write_site

    t = timings or Timings()
    made = site_files(root, diags, strict=strict, timings=t, memo=memo, render=render)
    if made is None:
        return None
    site, files = made
    written = t.run("write", lambda: write_site(files, output))
    if render is not None and render.folder == os.path.realpath(output):
        render.wrote(written.stamps)
    return BuildResult(site, written)


def site_rebuilder(
    root: Path, *, strict: bool = False, memo: CheckMemo | None = None
) -> Callable[[Diagnostics], dict[str, bytes] | None]:
    """What ``serve`` calls on every change: the whole site in memory, or None on errors.
    One :class:`CheckMemo` (``memo``, e.g. read from the cache, or a new one) is kept across
    rebuilds and pruned after each, so that a rebuild checks again only the files that
    changed; and one ``RenderMemo`` with the last site made, so that it renders again only
    the pages whose inputs changed."""
    from generator.rendermemo import RenderMemo, in_memory

    if memo is None:
        memo = CheckMemo()
    served: dict[str, bytes] = {}
    render = RenderMemo(previous=in_memory(served))

    def rebuild(diags: Diagnostics) -> dict[str, bytes] | None:
        made = site_files(root, diags, strict=strict, memo=memo, render=render)
        memo.prune()
        if made is None:
            return None
        served.clear()
        served.update(made[1])
        return made[1]

    return rebuild


def export(
    root: Path,
    diags: Diagnostics,
    *,
    fmt: str,
    target: Path | None = None,
    strict: bool = False,
    memo: CheckMemo | None = None,
) -> ExportResult | None:
    """Check and render in memory, then write the site as one file: ``fmt`` ``html`` (self-
    contained) or ``zip``, into ``target`` (default: the project folder, named after the
    site's title). None (nothing written) on errors, or on warnings when ``strict``; raises
    ``OSError`` when the file cannot be written."""
    from generator.export import export_stem, single_file, site_zip
    from generator.write import write_file

    made = site_files(root, diags, strict=strict, memo=memo)
    if made is None:
        return None
    site, files = made
    data = single_file(files) if fmt == "html" else site_zip(files)
    path = target or root / f"{export_stem(site.content.config.title)}.{fmt}"
    write_file(path, data)
    return ExportResult(path, sum(1 for p in files if p.endswith(".html")), len(data))
