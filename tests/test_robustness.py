"""Whatever the input, a content mistake gives diagnostics and exit 1, never a traceback.

Three kinds of seeded random cases, each on a copy of the default content, run in process:
damaged bytes and lines (deleted, duplicated or swapped lines, YAML's special characters
dropped in, bytes cut, invalid UTF-8, control characters, deep nesting) and values of the
wrong type, each through ``explainer check``; and awkward free text through ``explainer
build``, whose site must stay safe.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main

from conftest import ROOT

SPECIALS = [
    ":", "- ", "&a ", "*a", "!!str ", "<<: ", "{", "}", "[", "]", "'", '"', "|", ">", "#",
    "%", "@", "`", "? ", "---\n", "...\n", "\t", "~", "null", "no", "0o17", "1e3",
    "2021-02-30", "[^tass-2021-09-05#s99]", "](@nobody)", "<b>", "](javascript:x)",
]  # fmt: skip


def _damage(text: str, rng: random.Random) -> bytes:
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(7)
        i = rng.randrange(len(lines))
        if action == 0 and len(lines) > 1:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3:
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(SPECIALS) + line[at:]
        elif action == 4:
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + line[at + rng.randint(1, 8) :]
        elif action == 5:
            lines[i] = " " * rng.randint(1, 6) + lines[i]
        else:
            lines.insert(i, "x:\n" + "".join("  " * d + "- a:\n" for d in range(1, 40)))
    data = "".join(lines).encode("utf-8")
    if rng.random() < 0.1:
        at = rng.randrange(len(data) + 1)
        data = (
            data[:at]
            + rng.choice([b"\xff", b"\xc3", b"\x00", b"\x07", b"\xef\xbb\xbf"])
            + data[at:]
        )
    return data


FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*") if p.is_file())


def _default_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    return project


def _assert_no_crash(status: int, err: str) -> None:
    """Exit 0, or exit 1 with an error; every diagnostic located in a content file; never a
    traceback."""
    assert status in (0, 1), err
    assert "Traceback" not in err
    if status == 1:
        assert re.search(r"^content/\S+:\d+:\d+: error\[E\d+\]: ", err, re.M), err
    for line in err.splitlines():
        if "error[" in line or "warning[" in line:
            assert re.match(r"content/\S+:\d+:\d+: (error|warning)\[", line), line


@pytest.mark.parametrize("seed", range(120))
def test_damaged_content_never_crashes(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(seed)
    project = _default_project(tmp_path)
    for name in rng.sample(FILES, rng.randint(1, 3)):
        target = project / name
        target.write_bytes(_damage(target.read_text(encoding="utf-8"), rng))
    _assert_no_crash(main(["check", str(project)]), capsys.readouterr().err)


# Values of the wrong type: each case replaces, deletes or adds nodes of one or two fact files
# (parsed, changed and written back as YAML) with values of any type, so that the validator
# meets None, numbers, booleans, dates, lists and mappings where it expects something else.

ODD_TEXT = [
    "", " ", "\u202e", "x" * 5000, "../../etc", "@", "[x](@)", "[^", "#s0", "#s999999", "<b>",
    "javascript:alert(1)", "2021-13-45", "0000-00-00", "-1", "é", "tass-2021-09-05#s1", "{{ x }}",
]  # fmt: skip
KEYS = ["text", "cite", "quote", "source", "id", "x", "value", "type", "target", "name"]
YAML_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.yaml"))


def _any_value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(12)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([0, -1, 1, 10**30, 2**63])
    if choice == 2:
        return rng.choice([0.5, float("inf"), -0.0, 1e308])
    if choice == 3:
        return rng.choice([True, False])
    if choice == 4 and depth < 3:
        return [_any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if choice == 5 and depth < 3:
        return {rng.choice(KEYS): _any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if choice == 6:
        return datetime.date(2021, 9, 5)
    return rng.choice(ODD_TEXT)


def _retype(data: object, rng: random.Random) -> object:
    """``data`` with one node replaced by, or given, a value of any type, or deleted."""
    paths: list[list[str | int]] = []

    def walk(node: object, path: list[str | int]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, [*path, key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, [*path, i])

    walk(data, [])
    path = rng.choice(paths)
    if not path:
        return _any_value(rng)
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    action = rng.randrange(4)
    if action == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == 1 and isinstance(parent, list):
        parent.append(_any_value(rng))
    else:
        parent[path[-1]] = _any_value(rng)
    return data


@pytest.mark.parametrize("seed", range(100))
def test_values_of_the_wrong_type_never_crash(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(seed)
    project = _default_project(tmp_path)
    for name in rng.sample(YAML_FILES, rng.randint(1, 2)):
        data = yaml.safe_load((ROOT / name).read_text("utf-8"))
        for _ in range(rng.randint(1, 3)):
            data = _retype(data, rng)
        (project / name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    _assert_no_crash(main(["check", str(project), "--no-cache"]), capsys.readouterr().err)


# Awkward text: free text (names, summaries, facts, the story) gets Markdown, HTML, template
# syntax and Unicode oddities; ids, references, dates and quotes keep their values, so most
# cases build. A built site must still be safe: no script but the theme's own, no event
# handler, no javascript: or data: link, and JSON-LD that parses.

AWKWARD = [
    "*em*", "**strong**", "`code`", "``a`b``", "[link](https://example.org/a_(b))", "![i](x.png)",
    "<https://example.org>", "&amp;", "&#x202e;", "\\*", "_x_", "~~del~~", "# heading", "> quote",
    "1. list", "- item", "---", "[a]", "[a][b]", "[x](@ahmad-massoud)", "[x](@nobody)",
    "[^tass-2021-09-05#s1]", "</script>", "<script>alert(1)</script>", "<img src=x onerror=y>",
    "[x](javascript:alert(1))", "[x](data:text/html,y)", "<!-- c -->", "{{ view }}", "{%", "%}",
    "\u202e", "\u200d", "\u0645\u0633\u0639\u0648\u062f", "\U0001f600", "e\u0301", "\u00a0",
    "\ufeff", "a\u2028b", "\\", "'", '"', "   ", "\n\n", "\n  indented", "x" * 300, "--", "…",
]  # fmt: skip
NOT_FREE_TEXT = {
    "id", "source", "quote", "target", "value", "date", "published", "url", "language", "kind",
    "type", "claimed_by", "disputes", "part_of", "actor", "actors", "places", "as_of", "born",
    "died", "end", "theme", "lang", "script", "precision", "role", "coordinates", "order", "slug",
}  # fmt: skip


def _awkward(rng: random.Random) -> str:
    words = ["Word ", "and ", "the ", "Kabul "]
    return "".join(
        rng.choice(AWKWARD) if rng.random() < 0.5 else rng.choice(words)
        for _ in range(rng.randint(1, 8))
    )


def _reword(node: object, rng: random.Random) -> object:
    if isinstance(node, dict):
        return {k: v if k in NOT_FREE_TEXT else _reword(v, rng) for k, v in node.items()}
    if isinstance(node, list):
        return [_reword(v, rng) for v in node]
    if isinstance(node, str) and rng.random() < 0.3:
        return _awkward(rng) if rng.random() < 0.5 else f"{node} {_awkward(rng)}"
    return node


SCRIPT_URL = re.compile(r"\s*(javascript|data|vbscript):", re.I)


class _Unsafe(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"
        if tag == "script" and not values.get("src") and not self._in_jsonld:
            self.found.append(f"an inline <script> {attrs}")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src") and SCRIPT_URL.match(value or ""):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def test_the_safety_check_finds_what_it_looks_for() -> None:
    for html in (
        "<p>x</p><script>alert(1)</script>",
        '<a href=" javascript:x">x</a>',
        '<img src="data:image/png,x">',
        '<p onclick="x">',
        "<iframe></iframe>",
    ):
        parser = _Unsafe()
        parser.feed(html)
        assert parser.found, html
    parser = _Unsafe()
    parser.feed('<script type="application/ld+json">{"a": 1}</script><script src="s.js"></script>')
    assert parser.found == [] and parser.jsonld == ['{"a": 1}']


@pytest.mark.parametrize("seed", range(40))
def test_awkward_text_builds_a_safe_site(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(seed)
    project = _default_project(tmp_path)
    for name in rng.sample(FILES, rng.randint(1, 4)):
        target = project / name
        if name.endswith(".md"):
            lines = target.read_text("utf-8").split("\n")
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(lines))
                lines[i] = f"{lines[i]} {_awkward(rng)}"
            target.write_text("\n".join(lines), "utf-8")
        elif name.endswith(".yaml"):
            data = _reword(yaml.safe_load(target.read_text("utf-8")), rng)
            target.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6), "utf-8")
    out = tmp_path / "output"
    status = main(["build", str(project), "--output", str(out), "--no-cache"])
    _assert_no_crash(status, capsys.readouterr().err)
    if status == 1:
        return
    for page in sorted(out.rglob("*.html")):
        parser = _Unsafe()
        parser.feed(page.read_text("utf-8"))
        assert parser.found == [], page
        for data in parser.jsonld:
            json.loads(data)
