"""``explainer new``: scaffold a fact file, a page or a whole project.

Each YAML file starts with a schema modeline so that YAML editors complete and check it. The
schemas ship inside the package; a project outside this repository gets a copy in
``.schemas/`` the first time a file is scaffolded. Never overwrites an existing file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.ids import is_valid_id, suggest_id

__all__ = ["SCHEMAS", "ScaffoldError", "modeline", "new_file", "new_site"]

SCHEMAS = Path(__file__).parent / "schemas"
FOLDERS = {"actor": "actors", "province": "provinces", "event": "events"}

_BODIES = {
    "actor": """name: {name}
kind: person  # person, organisation, group or government
aliases: []
summary: >-
  One or two sentences for readers.
facts:
  - text: One statement, in Markdown; link entities with [their name](@their-id).
    cite:
      - source: SOURCE-ID
        quote: "the exact words of the source that support it"
""",
    "province": """name: {name}
kind: province  # province, district, city or country
# part_of: country-id
summary: >-
  One or two sentences for readers.
facts:
  - text: One statement, in Markdown.
    cite:
      - source: SOURCE-ID
        quote: "the exact words of the source that support it"
""",
    "event": """name: {name}
date:
  value: "2021-08-15"  # or "2021-08", "2021", "1990s"
  cite:
    - source: SOURCE-ID
      quote: "the exact words that give the date"
actors: []
places: []
summary: >-
  One or two sentences for readers.
facts:
  - text: One statement, in Markdown.
    cite:
      - source: SOURCE-ID
        quote: "the exact words of the source that support it"
""",
}


class ScaffoldError(Exception):
    """A usage mistake (bad id, existing file, missing project)."""


def _schema_dir(root: Path) -> Path:
    """The schemas a project's files point at: this repository's own, or a copy in .schemas/."""
    own = root / "generator" / "schemas"
    if own.is_dir():
        return own
    copy = root / ".schemas"
    copy.mkdir(parents=True, exist_ok=True)
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        target = copy / schema.name
        if not target.exists():
            target.write_bytes(schema.read_bytes())
    return copy


def modeline(root: Path, file: Path, kind: str) -> str:
    """``# yaml-language-server: $schema=<relative path>`` for a file of ``kind``."""
    schema = _schema_dir(root) / f"{kind}.schema.json"
    relative = os.path.relpath(schema, file.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}\n"


def _write_new(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def new_file(root: Path, kind: str, target: str, *, name: str | None = None) -> list[Path]:
    """Write ``content/<kind>s/<id>.yaml`` (or ``content/pages/<slug>.md``)."""
    if not is_valid_id(target):
        raise ScaffoldError(f"'{target}' is not a valid id; try '{suggest_id(target)}'")
    display = name or target.replace("-", " ").title()
    if kind == "page":
        path = root / "content" / "pages" / f"{target}.md"
        body = f"---\ntitle: {json.dumps(display, ensure_ascii=False)}\norder: 1\n---\n\n"
        body += 'Write the story here; cite with [^SOURCE-ID "exact words"].\n'
        return [_write_new(path, body)]
    path = root / "content" / FOLDERS[kind] / f"{target}.yaml"
    quoted = json.dumps(display, ensure_ascii=False)
    return [_write_new(path, modeline(root, path, kind) + _BODIES[kind].format(name=quoted))]


def new_site(directory: Path) -> list[Path]:
    """A new project: site.yaml, the content folders and a first page."""
    if (directory / "content").exists():
        raise ScaffoldError(f"{directory / 'content'} already exists")
    site = directory / "content" / "site.yaml"
    title = json.dumps(directory.resolve().name.replace("-", " ").title(), ensure_ascii=False)
    written = [
        _write_new(
            site,
            modeline(directory, site, "site") + f'title: {title}\nlanguage: en\ndescription: ""\n',
        )
    ]
    for folder in ("actors", "provinces", "events", "sources", "pages"):
        (directory / "content" / folder).mkdir(parents=True, exist_ok=True)
    written.append(
        _write_new(directory / ".gitignore", "/output/\n")
        if not (directory / ".gitignore").exists()
        else directory / ".gitignore"
    )
    return written
