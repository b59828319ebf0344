"""Time a cold ``explainer build`` against peers building the same explainer: Hugo and Pelican.

    python bench/peers.py [--sizes 1000 4000] [--runs 5] [--hugo PATH] [--pelican PYTHON]

For each size, bench/generate.py makes an explainer project; the same content is then written
as Markdown for each peer (``hugo_site``, ``pelican_site``): a page per actor, place, event and
source, and the story page. An entity's page holds what Explainer's holds: its name, kind,
other names, summary, facts, relations, dates, the entities it links to, and a footnote per
citation with the quoted words, the source, a link to the cited sentence and a link to the
words in the original. A source's page holds its sentences, each with an anchor, and the pages
that cite it. Each peer renders them through a small layout with the same header and navigation
as Explainer's theme. So a peer renders about what Explainer renders, but checks nothing: no
quote is looked up in its source, no link is checked, there is no search index, no timeline and
no ``explainer.json``. Each peer also keeps its own extras: Hugo its section lists, Pelican its
category, tag, author and archive pages.

Every run is a cold build in a new process into an empty folder, with no cache: ``explainer
build --no-cache``, ``hugo`` (nothing in the layouts uses Hugo's resource cache) and
``pelican`` (its content cache is off by default). The tools take turns within each round, so
a slow minute on a shared machine falls on all of them alike. Reported: the median wall and
CPU time (user + sys of the process and its threads: Hugo uses every core), CPU per entity,
and each peer's CPU as a multiple of Explainer's. Before timing, each peer's output is checked
for a page per entity and source holding its facts and notes, so a peer that silently renders
nothing cannot look fast.

Where the output goes matters on some file systems: on this project's development machine
(ext4 without a journal) creating a file is slower the more files were deleted in the minutes
before, and every run here deletes the previous run's output; ``--where /dev/shm`` puts the
projects and output on a RAM-backed file system, which times the tools without that.

Hugo is Debian's (``apt-get install hugo``); Pelican and Python-Markdown are installed in a
virtualenv of their own under ``bench/.peers/`` on first use (pinned below), unless
``--pelican`` names a Python that has them. A peer that is missing is left out, with a message.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).parent
PELICAN_VENV = HERE / ".peers" / "venv"
PELICAN_PINS = ("pelican==4.12.0", "markdown==3.11.3")
FOLDERS = {"actor": "actors", "place": "provinces", "event": "events"}
KINDS = {"actors": "Actor", "provinces": "Place", "events": "Event"}
SECTIONS = (
    ("pages", "Story"),
    ("actors", "Actors"),
    ("provinces", "Places"),
    ("events", "Events"),
    ("sources", "Sources"),
)
LINK = re.compile(r"\[([^\]]*)\]\(@([a-z0-9-]+)\)")
SENTENCE_BREAK = re.compile(r"(?<=\.) (?=Report \d)")
QUOTED_SENTENCE = re.compile(r"^Report \d+-(\d+) ")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Data = dict[str, Any]


# The content, read from the generated project -----------------------------------------------


@dataclass
class Page:
    """One page of the peer sites: where it goes, its title and metadata, its Markdown body."""

    folder: str
    slug: str
    title: str
    kind: str
    body: str
    cites: frozenset[str] = frozenset()
    """The sources its notes cite."""


def _folder(entity_id: str) -> str:
    return FOLDERS[entity_id.split("-", 1)[0]]


def _href(from_folder: str, folder: str, slug: str, anchor: str = "") -> str:
    page = f"{slug}.html" if folder == from_folder else f"../{folder}/{slug}.html"
    return page + (f"#{anchor}" if anchor else "")


class _Notes:
    """The footnotes of one page: one per citation, as Explainer's notes."""

    def __init__(self, folder: str, sources: dict[str, Data]) -> None:
        self.folder = folder
        self.sources = sources
        self.lines: list[str] = []
        self.cited: set[str] = set()

    def cite(self, cites: list[dict[str, str]]) -> str:
        marks = ""
        for cite in cites:
            number = len(self.lines) + 1
            source = self.sources[cite["source"]]
            self.cited.add(cite["source"])
            sentence = QUOTED_SENTENCE.match(cite["quote"])
            assert sentence, cite
            href = _href(self.folder, "sources", cite["source"], f"s{sentence[1]}")
            fragment = url_quote(cite["quote"], safe="")
            self.lines.append(
                f"[^{number}]: “{cite['quote']}” — *{source['title']}*, {source['publisher']},"
                f" {source['published']}, [sentence {sentence[1]}]({href})."
                f" [Find these words in the original]({source['url']}#:~:text={fragment})"
            )
            marks += f"[^{number}]"
        return marks

    def text(self) -> str:
        return "\n\n".join(self.lines)


def _links(text: str, folder: str) -> str:
    return LINK.sub(lambda m: f"[{m[1]}]({_href(folder, _folder(m[2]), m[2])})", text)


def _entity_page(folder: str, slug: str, data: Data, sources: dict[str, Data]) -> Page:
    notes = _Notes(folder, sources)
    parts = []
    if data.get("aliases"):
        parts.append("Also spelled " + ", ".join(data["aliases"]) + ".")
    if isinstance(data.get("date"), dict):
        parts.append(f"Date: {data['date']['value']}{notes.cite(data['date']['cite'])}")
    if data.get("part_of"):
        parent = data["part_of"]
        parts.append(f"Part of [{parent}]({_href(folder, _folder(parent), parent)}).")
    parts.append(_links(data["summary"], folder))
    parts.append("## Facts")
    parts.append(
        "\n".join(
            f"{i}. {_links(fact['text'], folder)}{notes.cite(fact['cite'])}"
            for i, fact in enumerate(data["facts"], 1)
        )
    )
    if data.get("relations"):
        parts.append("## Relations")
        parts.append(
            "\n".join(
                f"- {r['type'].replace('-', ' ').capitalize()}"
                f" [{r['target']}]({_href(folder, _folder(r['target']), r['target'])})"
                f"{notes.cite(r['cite'])}"
                for r in data["relations"]
            )
        )
    for key, heading in (("actors", "Who"), ("places", "Where")):
        if data.get(key):
            parts.append(f"## {heading}")
            parts.append("\n".join(f"- [{i}]({_href(folder, _folder(i), i)})" for i in data[key]))
    parts.append("## Notes")
    parts.append(notes.text())
    kind = data.get("kind", KINDS[folder].lower())
    body = "\n\n".join(parts) + "\n"
    return Page(folder, slug, data["name"], kind, body, frozenset(notes.cited))


def _source_page(slug: str, meta: Data, text: str, cited_by: dict[str, set[str]]) -> Page:
    paragraphs, number = [], 0
    for paragraph in text.split("\n\n"):
        spans = []
        for sentence in SENTENCE_BREAK.split(paragraph.strip()):
            number += 1
            spans.append(f'<span id="s{number}">{sentence}</span>')
        paragraphs.append(" ".join(spans))
    citing = sorted(cited_by.get(slug, ()), key=lambda i: (_folder(i), int(i.rsplit("-", 1)[1])))
    lines = "\n".join(f"- [{i}]({_href('sources', _folder(i), i)})" for i in citing)
    body = (
        f"Published by {meta['publisher']} on {meta['published']}: <{meta['url']}>\n\n"
        + "\n\n".join(paragraphs)
        + f"\n\n## Cited by\n\n{lines}\n"
    )
    return Page("sources", slug, meta["title"], "source", body)


def read_project(project: Path) -> list[Page]:
    """Every page of the peer sites, from the fact files and sources of ``project``."""
    content = project / "content"

    def load(path: Path) -> Data:
        return load_text(path.read_text("utf-8"))

    sources = {p.stem: load(p) for p in sorted((content / "sources").glob("*.yaml"))}
    pages: list[Page] = []
    cited_by: dict[str, set[str]] = {}
    for folder in ("actors", "provinces", "events"):
        for path in sorted((content / folder).glob("*.yaml")):
            page = _entity_page(folder, path.stem, load(path), sources)
            pages.append(page)
            for source in page.cites:
                cited_by.setdefault(source, set()).add(path.stem)
    for slug, meta in sources.items():
        text = (content / "sources" / f"{slug}.txt").read_text("utf-8")
        pages.append(_source_page(slug, meta, text, cited_by))
    for path in sorted((content / "pages").glob("*.md")):
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        title = str(load_text(front)["title"])
        body = re.sub(r'\[\^(source-\d+) "([^"]*)"\]', r"(\2, \1)", body)
        pages.append(Page("pages", path.stem, title, "page", body))
    return pages


def load_text(text: str) -> Data:
    data: Data = yaml.load(text, Loader=LOADER)
    return data


def _site_title(project: Path) -> str:
    return str(load_text((project / "content" / "site.yaml").read_text("utf-8"))["title"])


# Hugo ----------------------------------------------------------------------------------------

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="site-title" href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a>
  <nav class="site-nav" aria-label="Sections">
    <ul>
      <li><a href="{{ "index.html" | relURL }}">Home</a></li>
      {{- range .Site.Params.sections }}
      <li><a href="{{ (printf "%s.html" .folder) | relURL }}">{{ .title }}</a></li>
      {{- end }}
    </ul>
  </nav>
  <form class="site-search" role="search" action="{{ "search.html" | relURL }}" method="get">
    <input type="search" name="q" placeholder="Search">
  </form>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}
<article class="entity entity-{{ .Params.kind }}">
  <header class="page-header">
    <p class="kicker">{{ .Params.kind | humanize }}</p>
    <h1>{{ .Title }}</h1>
  </header>
  {{ .Content }}
</article>
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="entity-list">
  {{- range .Pages.ByTitle }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
</ul>
{{ end }}
"""
HUGO_HOME = """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{- range .Site.Sections }}
<section>
  <h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <p>{{ len .Pages }} pages</p>
</section>
{{- end }}
{{ end }}
"""


def _front(page: Page, fmt: str) -> str:
    if fmt == "hugo":
        return f"---\ntitle: {json.dumps(page.title)}\nkind: {page.kind}\ndate: 2021-09-05\n---\n\n"
    return (
        f"Title: {page.title}\nDate: 2021-09-05\nCategory: {page.folder}\nSlug: {page.slug}\n"
        f"Summary: {page.kind}\n\n"
    )


def hugo_site(project: Path, site: Path) -> int:
    """Write ``project`` as a Hugo site in ``site``; return the number of content pages."""
    pages = read_project(project)
    sections = "".join(
        f'\n[[params.sections]]\nfolder = "{folder}"\ntitle = "{title}"\n'
        for folder, title in SECTIONS
    )
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(
        f'baseURL = "https://example.org/"\ntitle = {json.dumps(_site_title(project))}\n'
        'languageCode = "en"\nuglyURLs = true\nrelativeURLs = true\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n[params]\n" + sections,
        "utf-8",
    )
    layouts = site / "layouts"
    (layouts / "_default" / "baseof.html").write_text(HUGO_BASEOF, "utf-8")
    (layouts / "_default" / "single.html").write_text(HUGO_SINGLE, "utf-8")
    (layouts / "_default" / "list.html").write_text(HUGO_LIST, "utf-8")
    (layouts / "index.html").write_text(HUGO_HOME, "utf-8")
    for folder, title in SECTIONS:
        (site / "content" / folder).mkdir(parents=True)
        (site / "content" / folder / "_index.md").write_text(f"---\ntitle: {title}\n---\n", "utf-8")
    for page in pages:
        path = site / "content" / page.folder / f"{page.slug}.md"
        path.write_text(_front(page, "hugo") + page.body, "utf-8")
    return len(pages)


# Pelican -------------------------------------------------------------------------------------


def pelican_site(project: Path, site: Path) -> int:
    """Write ``project`` as a Pelican site in ``site``; return the number of content pages."""
    pages = read_project(project)
    menu = ", ".join(
        f"({title!r}, {(folder + '.html')!r})" for folder, title in SECTIONS if folder != "pages"
    )
    (site / "content" / "pages").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        f"SITENAME = {_site_title(project)!r}\nSITEURL = ''\nPATH = 'content'\n"
        "TIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nRELATIVE_URLS = True\n"
        "DEFAULT_PAGINATION = False\nARTICLE_URL = ARTICLE_SAVE_AS = '{category}/{slug}.html'\n"
        "PAGE_URL = PAGE_SAVE_AS = 'pages/{slug}.html'\n"
        "CATEGORY_URL = CATEGORY_SAVE_AS = '{slug}.html'\n"
        "FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None\n"
        f"MENUITEMS = [{menu}]\nDISPLAY_CATEGORIES_ON_MENU = False\n",
        "utf-8",
    )
    for page in pages:
        if page.folder == "pages":
            path = site / "content" / "pages" / f"{page.slug}.md"
        else:
            (site / "content" / page.folder).mkdir(exist_ok=True)
            path = site / "content" / page.folder / f"{page.slug}.md"
        path.write_text(_front(page, "pelican") + page.body, "utf-8")
    return len(pages)


def pelican_python(given: str | None) -> str | None:
    """A Python with Pelican and Python-Markdown: ``given``, or a virtualenv made on first use."""
    if given:
        return given
    python = PELICAN_VENV / "bin" / "python"
    if not python.exists():
        print(f"installing {', '.join(PELICAN_PINS)} into {PELICAN_VENV} …", file=sys.stderr)
        made = subprocess.run([sys.executable, "-m", "venv", str(PELICAN_VENV)], check=False)
        pip = [str(python), "-m", "pip", "install", "--quiet", *PELICAN_PINS]
        if made.returncode or subprocess.run(pip, check=False).returncode:
            shutil.rmtree(PELICAN_VENV, ignore_errors=True)
            return None
    return str(python)


# Timing --------------------------------------------------------------------------------------


@dataclass
class Tool:
    """A site generator under test: how to give it the project and how to run it."""

    name: str
    prepare: Callable[[Path, Path], int]  # (project, site folder) → the pages to expect
    argv: list[str]  # {site} and {out} are filled in
    env: dict[str, str] = field(default_factory=dict)

    def command(self, site: Path, out: Path) -> list[str]:
        return [a.format(site=site, out=out) for a in self.argv]


def _copy(project: Path, site: Path) -> int:
    shutil.copytree(project, site)
    return len(read_project(project))


def tools(hugo: str | None, pelican: str | None) -> Iterator[Tool]:
    explainer = [sys.executable, "-m", "generator", "build", "{site}", "--output", "{out}"]
    yield Tool("explainer", _copy, [*explainer, "--no-cache"])
    if hugo:
        name = f"hugo {_version([hugo, 'version'])}"
        argv = [hugo, "--quiet", "--source", "{site}", "--destination", "{out}"]
        yield Tool(name, hugo_site, argv)
        # Go spreads its work over every core; on one, its CPU time has no threading overhead.
        yield Tool(f"{name}, one core", hugo_site, argv, {"GOMAXPROCS": "1"})
    if pelican:
        name = f"pelican {_version([pelican, '-m', 'pelican', '--version'])}"
        argv = [pelican, "-m", "pelican", "{site}/content", "--settings",
                "{site}/pelicanconf.py", "--output", "{out}", "--quiet"]  # fmt: skip
        yield Tool(name, pelican_site, argv)


def _version(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    found = re.search(r"\d+\.\d+(\.\d+)?", done.stdout + done.stderr)
    return found[0] if found else "?"


def run_once(tool: Tool, site: Path, out: Path) -> tuple[float, float]:
    """Build ``site`` into the empty folder ``out``; return wall and CPU seconds."""
    if out.exists():
        shutil.rmtree(out)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        tool.command(site, out), cwd=site, env={**os.environ, **tool.env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{tool.name} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def check_output(tool: Tool, out: Path, pages: int) -> int:
    """The number of HTML files ``tool`` wrote; fail unless the site is there."""
    written = sum(1 for _ in out.rglob("*.html"))
    if written < pages:
        raise SystemExit(f"{tool.name} wrote {written} pages, fewer than the {pages} expected")
    html = (out / "actors" / "actor-0.html").read_text("utf-8")
    for expected in ("Statement 0 about actor-0", "Statement 2 about actor-0", "says the"):
        if expected not in html:
            raise SystemExit(f"{tool.name}: {expected!r} is missing from the page of actor-0")
    if len(re.findall(r"sentence \d+", html)) < 4:
        raise SystemExit(f"{tool.name}: the page of actor-0 lacks its notes")
    return written


def main() -> None:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # time what a user's Python does
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hugo", default=shutil.which("hugo"), help="Hugo's executable")
    parser.add_argument("--pelican", help="a Python with pelican (default: bench/.peers/venv)")
    parser.add_argument("--where", type=Path, help="the folder for projects and output")
    args = parser.parse_args()
    if not args.hugo:
        print("hugo not found (apt-get install hugo): left out", file=sys.stderr)
    pelican = pelican_python(args.pelican)
    if not pelican:
        print("pelican could not be installed: left out", file=sys.stderr)
    chosen = list(tools(args.hugo, pelican))
    where = args.where or Path(tempfile.gettempdir())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.runs} runs each, "
          f"the tools taking turns; cold builds into an empty folder in {where}\n")  # fmt: skip
    print("| entities | tool | pages written | wall (s) | CPU (s) | CPU/entity (ms) | CPU ÷ ours |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(dir=args.where) as tmp:
        out = Path(tmp) / "out"
        for n in args.sizes:
            project = Path(tmp) / f"project-{n}"
            generate(n, project)
            sites: dict[str, Path] = {}
            written: dict[str, int] = {}
            for tool in chosen:
                site = sites[tool.name] = Path(tmp) / f"site-{len(sites)}-{n}"
                pages = tool.prepare(project, site)
                run_once(tool, site, out)  # untimed: check what it makes
                written[tool.name] = check_output(tool, out, pages)
            times: dict[str, list[tuple[float, float]]] = {t.name: [] for t in chosen}
            for run in range(args.runs):
                turn = chosen[run % len(chosen):] + chosen[:run % len(chosen)]  # fmt: skip
                for tool in turn:
                    times[tool.name].append(run_once(tool, sites[tool.name], out))
            ours = statistics.median(cpu for _, cpu in times["explainer"])
            for tool in chosen:
                wall = statistics.median(w for w, _ in times[tool.name])
                cpu = statistics.median(c for _, c in times[tool.name])
                print(f"| {n} | {tool.name} | {written[tool.name]} | {wall:.2f} | {cpu:.2f} | "
                      f"{cpu / n * 1000:.3f} | {cpu / ours:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
