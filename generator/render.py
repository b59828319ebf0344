"""render: ``LinkedSite`` + theme → ``{output path: bytes}``; never writes a file.

Each page's view model (``views``) goes through its Jinja template; the theme's ``static/``
files are added under ``static/``. A theme is a list of folders searched in order (the
project's theme first, then the built-in one), for templates and static files alike. The
output is UTF-8 with ``\\n`` newlines and byte-identical for the same content. ``explainer.json``
is not made here: the pipeline adds it (``graph``) to the same mapping.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from functools import partial
from pathlib import Path
from types import CodeType, FunctionType
from typing import Any, cast

import jinja2
from markupsafe import escape

from generator.htmlsafe import escape_output
from generator.model import LinkedSite
from generator.rendermemo import ALL, RenderMemo
from generator.views import PageView, PlannedPage, page_plan

__all__ = ["make_environment", "render_page", "render_site", "static_files"]


class _Template(jinja2.Template):
    """A Jinja template whose printed values (``{{ … }}``) are escaped by
    :func:`escape_output`.

    The code Jinja compiles a template to escapes each printed value with ``markupsafe.escape``,
    which makes every result a new ``Markup`` through a Python-level ``__new__``: a third of
    the time spent rendering an entity page. The results are only joined into the page, so a
    ``str`` of the same characters does: the compiled code's ``escape`` is rebound to a function
    that returns one. Filters (``|e``, ``|safe``…), macros and ``{% set %}`` blocks keep their
    ``Markup``. Should a later Jinja no longer call ``escape`` there, nothing changes but speed.
    """

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        namespace = cast(FunctionType, template.root_render_func).__globals__
        if namespace.get("escape") is escape:
            namespace["escape"] = escape_output
        return template


class _Environment(jinja2.Environment):
    """Jinja's environment, with each template's globals as one ``dict``.

    Jinja makes them a ``ChainMap`` over the environment's globals, so that globals changed
    after a template is loaded still show through; none are here (Jinja's docs ask that they
    are not). Every ``{% import %}`` compares the page's globals with the imported template's,
    and against a ``ChainMap`` that takes Python-level set operations: about a tenth of the
    time spent rendering an entity page.
    """

    template_class = _Template

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def make_environment(
    theme_dirs: tuple[Path, ...], compiled: Path | None = None
) -> jinja2.Environment:
    """A Jinja environment over the theme folders: autoescaping, strict about undefined names.
    ``compiled``: a private folder where compiled templates are kept between processes (each
    by a digest of its source, so an edited template is compiled again)."""
    cache = None
    if compiled is not None and _private(compiled):
        cache = jinja2.FileSystemBytecodeCache(str(compiled))
    return _Environment(
        bytecode_cache=cache,
        cache_size=-1,  # a theme has few templates: a dict, not a locked LRU cache per lookup
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def _private(folder: Path) -> bool:
    """Make ``folder`` (and its parent) private to this user if they are not there; True when
    both are this user's and nobody else may write them (compiled templates are code: none
    is read from a folder others could write)."""
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        for path in (folder.parent, folder):
            info = os.stat(path)
            if hasattr(os, "getuid") and (
                info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            ):
                return False
    except OSError:
        return False  # compiled each time, and nothing else changes
    return True


def render_page(env: jinja2.Environment, page: PageView) -> bytes:
    """One page as UTF-8 bytes, ending with a single newline."""
    return _encode(env.get_template(page.template).render(view=page.view))


def _encode(html: str) -> bytes:
    return (html.rstrip("\n") + "\n").encode("utf-8")


def _theme_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Regular files under ``folder`` (sorted); symlinks leading out of it are left out."""
    if not folder.is_dir():
        return
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if not path.resolve().is_relative_to(root):
            continue
        yield path.relative_to(folder).as_posix(), path


def static_files(theme_dirs: tuple[Path, ...]) -> dict[str, bytes]:
    """The theme's ``static/`` files as ``static/<path>``; an earlier folder's file wins."""
    out: dict[str, bytes] = {}
    for theme in theme_dirs:
        for name, path in _theme_files(theme / "static"):
            out.setdefault(f"static/{name}", path.read_bytes())
    return out


def render_site(
    site: LinkedSite,
    theme_dirs: tuple[Path, ...],
    inputs: Mapping[str, bytes] | None = None,
    memo: RenderMemo | None = None,
) -> dict[str, bytes]:
    """Every page and static file of the site, by output path, in path order.

    With ``inputs`` (each page's inputs digest, ``rendermemo.page_inputs``) and the ``memo``
    of the last render (between its ``start`` and ``finish``), a page whose inputs are
    unchanged is taken as it was.

    Refuses (``ValueError``) two pages with the same output path, which would otherwise make
    one of them vanish without a word.
    """
    env = make_environment(theme_dirs, memo.compiled if memo is not None else None)
    templates: dict[str, jinja2.Template] = {}
    files: dict[str, bytes] = {}

    def render(page: PlannedPage) -> bytes:
        template = templates.get(page.template)
        if template is None:
            template = templates[page.template] = env.get_template(page.template)
        return _encode(template.render(view=page.make()))

    everything = inputs.get(ALL, b"") if inputs is not None else b""
    for page in page_plan(site):
        if page.path in files:
            raise ValueError(f"two pages would be written to {page.path}")
        if inputs is not None and memo is not None:
            key = inputs.get(page.path, everything)
            files[page.path] = memo.use(page.path, key, partial(render, page))
        else:
            files[page.path] = render(page)
    for name, data in static_files(theme_dirs).items():
        files.setdefault(name, data)
    return dict(sorted(files.items()))
