"""The ``explainer`` command: arguments → one pipeline call → diagnostics printed → exit code.

Exit status: 0 ok, 1 content errors (or warnings under ``--strict``), 2 usage errors.
Heavy imports happen inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import __version__
from generator.diagnostics import (
    Diagnostics,
    format_github,
    format_json,
    format_text,
)

if TYPE_CHECKING:
    from generator.memo import CheckMemo
    from generator.model import LinkedSite
    from generator.pipeline import Timings

__all__ = ["main", "tune_collector"]

FORMATS = ("text", "json", "github")


class ContentFailure(click.ClickException):
    """Content errors were printed; exit 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        pass


def _project(path: str) -> Path:
    root = Path(path)
    if not (root / "content").is_dir():
        raise click.UsageError(f"no content/ folder in '{path}': is this an explainer project?")
    return root


NO_CACHE = click.option(
    "--no-cache", is_flag=True,
    help="Check every file afresh, and neither read nor write the cache (docs/cache.md).",
)  # fmt: skip


@contextmanager
def _memo(
    root: Path, no_cache: bool, clock: Timings | None = None, *, write: bool = True
) -> Iterator[CheckMemo | None]:
    """The project's cached check memo, written back after the command's work (also when the
    content has errors: they are the same next time for the same bytes) unless not ``write``."""
    if no_cache:
        yield None
        return
    from generator.cache import open_memo, save_memo
    from generator.pipeline import Timings

    t = clock or Timings()
    memo = t.run("cache", lambda: open_memo(root))
    yield memo
    if write:
        t.run("cache", lambda: save_memo(root, memo))


def _report(diags: Diagnostics, fmt: str, *, strict: bool) -> bool:
    """Print the diagnostics; True when the run must fail."""
    items = diags.sorted(strict=strict)
    if fmt == "json":
        click.echo(format_json(items), nl=False)
    elif fmt == "github":
        click.echo(format_github(items), nl=False)
        click.echo(format_text(items), nl=False, err=True)
    elif items:
        click.echo(format_text(items), nl=False, err=True)
    failing = diags.has_errors() or (strict and diags.warning_count > 0)
    return failing


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="explainer")
def cli() -> None:
    """Explainer: background sites where every statement cites its source sentence."""


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option("--output", "-o", type=click.Path(file_okay=False), help="Default: PROJECT/output.")
@click.option("--strict", is_flag=True, help="Treat warnings (coverage, uncited dates) as errors.")
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None)
@NO_CACHE
def build(
    project: str, output: str | None, strict: bool, timings: bool, fmt: str | None,
    no_cache: bool,
) -> None:  # fmt: skip
    """Build the site into output/ (all or nothing)."""
    from generator.cache import open_render, save_render
    from generator.pipeline import Timings
    from generator.pipeline import build as run_build

    root = _project(project)
    diags, clock = Diagnostics(), Timings()
    target = Path(output) if output else root / "output"
    with _memo(root, no_cache, clock) as memo:
        render = None if memo is None else clock.run("cache", lambda: open_render(root, target))
        result = run_build(root, target, diags, strict=strict, timings=clock, memo=memo,
                           render=render)  # fmt: skip
        if render is not None and result is not None:
            clock.run("cache", lambda: save_render(root, target, render))
    failed = _report(diags, fmt or _default_format(), strict=strict)
    if timings:
        _print_timings(clock)
        if render is not None and result is not None:
            made = len(render.pages) - len(render.taken)
            click.echo(f"  rendered {made} of {len(render.pages)} files, the rest as they were",
                       err=True)  # fmt: skip
    if failed or result is None:
        raise ContentFailure("build failed")
    written = result.written
    click.echo(
        f"built {written.files} files ({written.bytes / 1024:.0f} KiB) into "
        f"{output or os.path.join(project, 'output')}; coverage: {_coverage(result.site)}"
    )


def _print_timings(clock: Timings) -> None:
    for name, seconds in clock.stages.items():
        click.echo(f"{name:>10} {seconds * 1000:9.1f} ms", err=True)


def _coverage(site: LinkedSite) -> str:
    """Each source's coverage, or for more than a few sources the total and the lowest."""
    from generator.model import coverage_percent

    counts = [(s.id, *site.coverage(s.id)) for s in site.content.sources]
    if not counts:
        return "no sources"
    if len(counts) <= 5:
        return ", ".join(f"{i} {c}/{t} ({coverage_percent(c, t)} %)" for i, c, t in counts)
    cited, total = sum(c for _, c, _ in counts), sum(t for _, _, t in counts)
    low, low_cited, low_total = min(counts, key=lambda c: (coverage_percent(*c[1:]), c[0]))
    return (
        f"{cited:,} of {total:,} sentences in {len(counts)} sources "
        f"({coverage_percent(cited, total)} %); "
        f"lowest {low} {low_cited}/{low_total} ({coverage_percent(low_cited, low_total)} %)"
    )


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="text (default), json, or github (default when GITHUB_ACTIONS=true).",
)
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@NO_CACHE
def check(project: str, strict: bool, fmt: str | None, timings: bool, no_cache: bool) -> None:
    """Check the content; write nothing in the project."""
    from generator.pipeline import Timings
    from generator.pipeline import check as run_check

    root = _project(project)
    diags, clock = Diagnostics(), Timings()
    with _memo(root, no_cache, clock) as memo:
        run_check(root, diags, clock, memo=memo)
    failed = _report(diags, fmt or _default_format(), strict=strict)
    if timings:
        _print_timings(clock)
    if failed:
        raise ContentFailure("check failed")
    if (fmt or _default_format()) == "text":
        click.echo("ok" + (f" ({diags.warning_count} warnings)" if diags.warning_count else ""))


@cli.command("add-source")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--id", "source_id", required=True, help="The new source's id (a slug).")
@click.option("--project", default=".", type=click.Path(file_okay=False))
@click.option("--title", help="Default: the first sentence, shortened.")
@click.option("--publisher", help="Default: from the dateline (/TASS/ → TASS).")
@click.option("--url", help="The original's address (http or https).")
@click.option("--published", help="YYYY-MM-DD; default: the text's ' date' token.")
@click.option("--language", default="en", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite an existing source of that id.")
def add_source(
    file: str, source_id: str, project: str, title: str | None, publisher: str | None,
    url: str | None, published: str | None, language: str, force: bool,
) -> None:  # fmt: skip
    """Ingest raw text (with a ' date YYYY-MM-DD' token and a dateline) as a source."""
    from generator.ingest import IngestError, ingest_source

    root = _project(project)
    try:
        written = ingest_source(
            Path(file), root, source_id,
            title=title, publisher=publisher, url=url, published=published, language=language,
            force=force,
        )  # fmt: skip
    except IngestError as error:
        raise click.UsageError(str(error)) from None
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("source")
@click.option("--project", default=".", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
def sentences(source: str, project: str, fmt: str) -> None:
    """List a source's sentences with ids and who cites them (SOURCE: an id or a text file)."""
    from generator.pipeline import check as run_check
    from generator.sentences import SentencesError, list_sentences

    diags = Diagnostics()
    try:
        out = list_sentences(source, Path(project), fmt, diags, run_check)
    except SentencesError as error:
        raise click.UsageError(str(error)) from None
    if diags.has_errors():
        click.echo(
            f"note: the project has {diags.error_count} errors (see 'explainer check'); "
            "citations that do not resolve are not counted",
            err=True,
        )
    click.echo(out, nl=False)


@cli.command()
@click.argument("kind", type=click.Choice(("actor", "province", "event", "page", "site")))
@click.argument("target")
@click.option("--project", default=".", type=click.Path(file_okay=False))
@click.option("--name", help="The display name (default: from the id).")
def new(kind: str, target: str, project: str, name: str | None) -> None:
    """Scaffold a fact file (KIND ID), a page (page SLUG) or a project (site DIR)."""
    from generator.scaffold import ScaffoldError, new_file, new_site

    try:
        written = (
            new_site(Path(target))
            if kind == "site"
            else new_file(_project(project), kind, target, name=name)
        )
    except ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("--project", default=".", type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(("markdown", "text", "json")), default="markdown"
)
@NO_CACHE
def diff(base: str, head: str | None, project: str, fmt: str, no_cache: bool) -> None:
    """What changed in facts, citations and links from BASE to HEAD (default: working tree)."""
    from generator.diff import GitError, diff_revisions
    from generator.diffformat import format_json, format_markdown, format_text
    from generator.pipeline import SharedChecker

    root = Path(project)
    try:
        # A diff reads the cache but leaves it as it was: what it adds is mostly BASE's
        # versions of the changed files, and writing costs more than they would save.
        with _memo(root, no_cache, write=False) as memo:
            checker = SharedChecker(partial=True) if memo is None else SharedChecker(memo, True)
            done = diff_revisions(root, base, head, checker)
    except GitError as error:
        raise click.UsageError(str(error)) from None
    if done.failed:  # HEAD's errors first, as 'explainer check' prints them
        _report(done.head_diagnostics, "text", strict=False)
        changed = ", ".join(done.changed_sources)
        click.echo(f"{head or 'the working tree'} has content errors: no diff"
                   + (f" (sources changed: {changed})" if changed else ""), err=True)  # fmt: skip
    formats = {"markdown": format_markdown, "text": format_text, "json": format_json}
    click.echo(formats[fmt](done.report), nl=False)
    if done.failed:
        raise ContentFailure("diff failed")


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")  # fmt: skip
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@NO_CACHE
def serve(project: str, host: str, port: int, strict: bool, no_cache: bool) -> None:
    """Build, serve from memory, rebuild on change and reload open pages (Ctrl-C stops)."""
    from generator.cache import open_memo
    from generator.pipeline import BUILTIN_THEMES, site_rebuilder
    from generator.serve import LiveServer, ServeError, serve_until_interrupted

    root = _project(project)
    watched = (root / "content", root / "themes", BUILTIN_THEMES)
    # The first build starts from the cache; later ones from the memory of the earlier ones.
    # The cache is not written: stopping stays immediate.
    memo = None if no_cache else open_memo(root)
    try:
        server = LiveServer(
            site_rebuilder(root, strict=strict, memo=memo), watched,
            host=host, port=port, strict=strict, root=root,
            out=click.echo, err=lambda text: click.echo(text, nl=False, err=True),
        )  # fmt: skip
    except ServeError as error:
        raise click.UsageError(str(error)) from None
    serve_until_interrupted(server, click.echo)


@cli.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(("html", "zip")), default="html", show_default=True,
    help="html: one self-contained file; zip: the site's files.",
)  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Default: PROJECT/<the site title as a slug>.html (or .zip).")  # fmt: skip
@click.option("--strict", is_flag=True, help="Treat warnings (coverage, uncited dates) as errors.")
@NO_CACHE
def export(project: str, fmt: str, output: str | None, strict: bool, no_cache: bool) -> None:
    """Export the site as one offline HTML file, or as a zip (written atomically)."""
    from generator.pipeline import export as run_export

    root = _project(project)
    diags = Diagnostics()
    target = Path(output) if output else None
    try:
        with _memo(root, no_cache) as memo:
            done = run_export(root, diags, fmt=fmt, target=target, strict=strict, memo=memo)
    except OSError as error:
        _report(diags, _default_format(), strict=strict)
        raise click.UsageError(f"cannot write '{error.filename}': {error.strerror}") from None
    if _report(diags, _default_format(), strict=strict) or done is None:
        raise ContentFailure("export failed")
    click.echo(f"exported {done.pages} pages ({done.size / 1024:.0f} KiB) into {done.target}")


# A one-shot command keeps nearly everything it makes until it ends and makes few reference
# cycles: in a 10,000-entity build, 58 passes of the cyclic garbage collector (already run 100
# times less often than by default) freed 490 objects and cost 0.31 s of CPU, and in a 4,000-entity
# export 0.39 s. Such commands run without it, at the same peak memory. `serve` runs for hours,
# rebuilding: it keeps the collector, at these thresholds.
GC_THRESHOLDS = (100_000, 50, 100)


def tune_collector(args: Sequence[str]) -> None:
    """Set up the cyclic garbage collector for the command ``args`` runs (this process is
    the command's own): off for one-shot commands, less frequent for ``serve``."""
    if args and args[0] == "serve":
        gc.set_threshold(*GC_THRESHOLDS)
    else:
        gc.disable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:  # the process is ours (not a test calling in)
        tune_collector(args)
    try:
        cli.main(args=args, prog_name="explainer", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    return 0
