"""The JSON Schemas in ``generator/schemas/`` agree with the validator.

Editors check fact files with these schemas while the tool checks them with ``validate``; an
author must get the same verdict from both. The central test loads every YAML file (and every
page's front matter) of ``content/`` and of each ``tests/cases/<name>/`` with
``yaml.safe_load``, validates it against the schema of its kind, runs the real pipeline on
the project, and asserts for each file:

    schema-valid  ⇔  no *shape* diagnostic for that file.

Shape codes are the problems a schema can see in one file on its own (``SHAPE_CODES``):

    E101 unknown key        E102 missing key           E103 wrong type
    E104 YAML 1.1 surprise  E105 empty value           E106 bad date form
    E107 bad id             E108 bad kind/relation     E109 bad citation form
    E110 empty cite list    E112 bad URL               E113 coordinates out of range
    E116 bad language tag   E025 key that is not a plain string
    E305 empty quote (the schema asks for a non-blank quote; the tool finds out in ``cite``)

Every other code is not a shape code: file-level problems (E00x: encoding, BOM, size, names,
symlinks), YAML constructs the tool refuses but ``safe_load`` accepts (E020–E027), order
between two fields (E115), and everything that needs other files (E2xx links, E3xx quotes) or
counts (W120, W220, W310).

Exceptions, decided here and tested as such (``is_shape``):

- An impossible calendar day (``2021-02-30``, ``2021-04-31``, ``2023-02-29``) is E106 for the
  tool, but a pattern cannot know month lengths: the schema checks the form only (month
  01–12, day 01–31, no year 0000). Such an E106 is not a shape diagnostic.
- A list field spelled ``~`` or ``null`` is E103 for the tool (only an empty value means "no
  items"), but ``safe_load`` gives None for all three, so the schema allows null for lists.
- A number spelled in a way the tool refuses (``069.2``, ``1.0e3``, ``.5``, ``0x1F``) is E103
  for the tool and a number for ``safe_load``.
- A value YAML 1.2 reads as a number but YAML 1.1 leaves a string (``1e3``, ``0o17``, ``09``)
  is E104 for the tool (other YAML readers convert it) and a string for ``safe_load``.

Files the tool does not read as YAML of a known kind are not compared (the schema is not
consulted; ``skip_reason`` says why): files refused whole by ``load`` (``REFUSED``: not UTF-8,
too large, a symlink out of the project, empty, a syntax error…), files whose name is not a
valid id (the validator skips them), files that ``safe_load`` cannot load, and files with
anchors, aliases, merge keys or duplicate keys (``DIVERGENT``), which the tool and
``safe_load`` read differently on purpose: the tool drops an alias and keeps the first of two
duplicate keys, ``safe_load`` expands the alias and keeps the last. For a page, only the
diagnostics located in its front matter count.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from regenerate_cases import ROOT, case_names, prepare

from generator.dates import parse_partial_date
from generator.diagnostics import Diagnostic, Diagnostics
from generator.graph import graph_data
from generator.ids import MAX_ID_LENGTH, is_valid_id
from generator.model import ActorKind, PlaceKind
from generator.pipeline import check
from generator.relations import RELATION_TYPES

SCHEMAS = ROOT / "generator" / "schemas"
KINDS = ("site", "actor", "province", "event", "source", "page")
FOLDER_KIND = {"actors": "actor", "provinces": "province", "events": "event", "sources": "source"}

SHAPE_CODES = frozenset(
    {
        "E025",
        "E101",
        "E102",
        "E103",
        "E104",
        "E105",
        "E106",
        "E107",
        "E108",
        "E109",
        "E110",
        "E112",
        "E113",
        "E116",
        "E305",
    }
)
REFUSED = frozenset({"E003", "E004", "E006", "E007", "E008", "E009", "E011", "E014",
                     "E020", "E026", "E027"})  # fmt: skip
"""Codes after which the file is not read, or not wholly, as YAML of its kind. E011 drops the
later of two files with one id; E004 (not UTF-8) makes the tool read on with U+FFFD, which no
other reader would see. A byte-order mark (E005) is not here: both readers skip it."""
DIVERGENT = frozenset({"E021", "E022", "E024"})

_CALENDAR = re.compile(r"has \d+ days, not \d+")
_READS_AS = re.compile(r"'(?P<value>[^']*)' would be read by YAML as")


def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    return loaded


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind))


def is_shape(diagnostic: Diagnostic) -> bool:
    """True when the schema is expected to see this diagnostic's problem (see the docstring)."""
    if diagnostic.code not in SHAPE_CODES:
        return False
    message = diagnostic.message
    if diagnostic.code == "E106" and _CALENDAR.search(message):
        return False
    if diagnostic.code == "E103" and (
        "must be a list, not null" in message or "is not a plain number" in message
    ):
        return False
    if diagnostic.code == "E104":
        match = _READS_AS.search(message)
        if match and isinstance(yaml.safe_load(match["value"]), str):
            return False
    return True


# -- the documents of a project ------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One YAML document of a project, as an editor's schema checker sees it."""

    path: str
    """Relative to the project, as diagnostics print it."""
    kind: str
    """Which schema applies."""
    text: str | None
    """The YAML text (a page's front matter), or None when there is none to read."""
    unread: str
    """Why ``text`` is None: not UTF-8, or a page without closed front matter."""
    front_end: int
    """For a page, the line of the closing ``---``; diagnostics at or after it are in the
    body. 0 for YAML files."""


def documents(project: Path) -> Iterator[Document]:
    content = project / "content"
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(project).as_posix()
        parts = path.relative_to(content).parts
        kind = None
        if parts == ("site.yaml",):
            kind = "site"
        elif len(parts) == 2 and parts[0] in FOLDER_KIND and path.suffix == ".yaml":
            kind = FOLDER_KIND[parts[0]]
        elif len(parts) == 2 and parts[0] == "pages" and path.suffix == ".md":
            kind = "page"
        if kind is None or path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            yield Document(rel, kind, None, "not UTF-8", 0)
            continue
        if kind != "page":
            yield Document(rel, kind, text, "", 0)
            continue
        lines = text.splitlines()
        if not lines or lines[0].rstrip() != "---" or "---" not in (x.rstrip() for x in lines[1:]):
            yield Document(rel, kind, None, "no closed front matter", 0)  # E012, E013
            continue
        close = next(i for i, x in enumerate(lines[1:], start=1) if x.rstrip() == "---")
        yield Document(rel, kind, "\n".join(lines[1:close]) + "\n", "", close + 1)


def skip_reason(doc: Document, diags: list[Diagnostic]) -> str:
    """Why ``doc`` is not compared ("" when it is)."""
    codes = {d.code for d in diags}
    stem = Path(doc.path).stem
    if doc.kind != "site" and not is_valid_id(stem):
        return "file name is not an id"
    if doc.text is None:
        return doc.unread
    if codes & REFUSED:
        return f"refused by load ({', '.join(sorted(codes & REFUSED))})"
    if codes & DIVERGENT:
        return "anchors, aliases, merge or duplicate keys"
    return ""


@dataclass(frozen=True)
class Verdict:
    path: str
    schema_errors: tuple[str, ...]
    shape: tuple[str, ...]
    skipped: str

    @property
    def agrees(self) -> bool:
        return bool(self.skipped) or bool(self.schema_errors) == bool(self.shape)


def verdicts(project: Path) -> list[Verdict]:
    diags = Diagnostics()
    check(project, diags)
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diags.sorted():
        by_path[d.location.path].append(d)
    out = []
    for doc in documents(project):
        mine = [
            d for d in by_path[doc.path] if not doc.front_end or d.location.line < doc.front_end
        ]
        reason = skip_reason(doc, mine)
        errors: tuple[str, ...] = ()
        if not reason:
            assert doc.text is not None
            try:
                value = yaml.safe_load(doc.text)
            except yaml.YAMLError:
                reason = "safe_load refuses it"
            else:
                errors = tuple(
                    f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in validator(doc.kind).iter_errors(value)
                )
        shape = tuple(f"{d.code} {d.message}" for d in mine if is_shape(d))
        out.append(Verdict(doc.path, errors, shape, reason))
    return out


def _explain(bad: list[Verdict]) -> str:
    lines = []
    for v in bad:
        schema_says = list(v.schema_errors) or "valid"
        tool_says = list(v.shape) or "no shape error"
        lines.append(f"{v.path}: schema says {schema_says}; tool says {tool_says}")
    return "\n".join(lines)


# -- the schemas themselves -----------------------------------------------------------------


@pytest.mark.parametrize("kind", [*KINDS, "explainer"])
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    body = schema(kind)
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(body)
    assert body["title"] and body["description"]


def _properties(node: object, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/{name}", sub
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}/{i}")


@pytest.mark.parametrize("kind", [*KINDS, "explainer"])
def test_every_property_is_described(kind: str) -> None:
    body = schema(kind)
    assert body["properties"]
    for where, prop in _properties(body):
        assert prop.get("description"), f"{kind}: {where} has no description"
        if kind != "explainer":
            assert prop.get("markdownDescription"), f"{kind}: {where} has no markdownDescription"


@pytest.mark.parametrize("kind", KINDS)
def test_files_are_closed(kind: str) -> None:
    """additionalProperties is false on every object that has properties (unknown key = E101)."""

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if "properties" in node:
                assert node.get("additionalProperties") is False, f"{kind}: {where}"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema(kind), "")


def test_shared_definitions_are_identical() -> None:
    """Each schema is self-contained (editors load one file); a shared $def may not drift."""
    seen: dict[str, tuple[str, object]] = {}
    for kind in KINDS:
        for name, body in schema(kind).get("$defs", {}).items():
            first = seen.setdefault(name, (kind, body))
            assert first[1] == body, f"$defs/{name} differs between {first[0]} and {kind}"


def test_vocabularies_match_the_code() -> None:
    actor = schema("actor")
    province = schema("province")
    assert actor["properties"]["kind"]["enum"] == [k.value for k in ActorKind]
    assert province["properties"]["kind"]["enum"] == [k.value for k in PlaceKind]
    for kind in ("actor", "province", "event"):
        relation = schema(kind)["$defs"]["relation"]["properties"]["type"]
        assert relation["enum"] == list(RELATION_TYPES)
    assert schema("explainer")["$defs"]["relation"]["properties"]["type"]["enum"] == list(
        RELATION_TYPES
    )
    assert actor["$defs"]["id"]["maxLength"] == MAX_ID_LENGTH


@pytest.mark.parametrize(
    "value",
    ["ahmad-massoud", "a", "1990s", "a" * 64, "a" * 65, "Ahmad", "a_b", "a--b", "-a", "a-",
     "../etc", "a/b", "", "ä"],
)  # fmt: skip
def test_id_pattern_agrees_with_is_valid_id(value: str) -> None:
    ok = validator("actor").evolve(schema=schema("actor")["$defs"]["id"]).is_valid(value)
    assert ok == is_valid_id(value)


@pytest.mark.parametrize(
    ("value", "calendar"),
    [("2021-08-15", False), ("2021-08", False), ("2021", False), ("1990s", False),
     ("2000s", False), ("1995s", False), ("21-8-15", False), ("2021-8", False),
     ("2021-13", False), ("2021-00", False), ("2021-08-00", False), ("2021-08-32", False),
     ("0000", False), ("Aug 2021", False), ("2021-08-15T10:00", False), ("12021", False),
     ("2021-02-30", True), ("2021-04-31", True), ("2023-02-29", True), ("2024-02-29", False)],
)  # fmt: skip
def test_date_pattern_agrees_with_parse_partial_date(value: str, calendar: bool) -> None:
    """Same verdict as the tool, except on impossible calendar days (a documented exception)."""
    ok = validator("event").evolve(schema=schema("event")["$defs"]["date"]).is_valid(value)
    try:
        parse_partial_date(value)
        parsed = True
    except ValueError:
        parsed = False
    assert ok == (parsed or calendar)


def test_yaml_dates_are_not_strings() -> None:
    """An unquoted date reaches the schema as a date object, which no string type accepts."""
    loaded = yaml.safe_load('date: 2021-08-15\nname: "x"\n')
    assert isinstance(loaded["date"], datetime.date)
    assert not validator("event").evolve(schema={"type": "string"}).is_valid(loaded["date"])


# -- schema and validator agree on real files ---------------------------------------------


def test_schema_and_validator_agree_on_the_default_content() -> None:
    results = verdicts(ROOT)
    assert len(results) > 10
    assert all(not v.skipped for v in results), [v for v in results if v.skipped]
    bad = [v for v in results if not v.agrees]
    assert not bad, _explain(bad)
    assert not any(v.schema_errors for v in results), _explain(results)


CASE_NAMES = case_names()


@pytest.fixture(scope="module")
def case_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Verdict]]:
    scratch = tmp_path_factory.mktemp("cases")
    return {name: verdicts(prepare(name, scratch)) for name in CASE_NAMES}


@pytest.mark.parametrize("name", CASE_NAMES)
def test_schema_and_validator_agree_on_case(
    name: str, case_verdicts: dict[str, list[Verdict]]
) -> None:
    bad = [v for v in case_verdicts[name] if not v.agrees]
    assert not bad, _explain(bad)


def test_the_cases_exercise_both_verdicts(case_verdicts: dict[str, list[Verdict]]) -> None:
    """The agreement is not vacuous: many files are compared, valid and invalid alike."""
    compared = [v for vs in case_verdicts.values() for v in vs if not v.skipped]
    invalid = [v for v in compared if v.schema_errors]
    assert len(compared) >= 60
    assert len(invalid) >= 30
    assert len(compared) - len(invalid) >= 30
    codes = {s.split()[0] for v in invalid for s in v.shape}
    assert codes == SHAPE_CODES, sorted(SHAPE_CODES ^ codes)


# -- every key, required or not, on both sides -------------------------------------------

CITE = ["news#s1"]
FULL: dict[str, dict[str, Any]] = {
    "site": {
        "title": "T",
        "language": "en",
        "description": "",
        "base_url": "https://example.org/",
        "theme": "default",
    },
    "actor": {
        "name": "X",
        "kind": "person",
        "aliases": ["Ex"],
        "names": {"fa": "ایکس"},
        "summary": "S.",
        "facts": [
            {
                "text": "T.",
                "cite": [{"source": "news", "quote": "One sentence"}],
                "id": "f-1",
                "claimed_by": "a",
                "disputes": ["f-2"],
                "as_of": "2021",
            },
            {"text": "U.", "cite": CITE, "id": "f-2"},
        ],
        "relations": [{"type": "leads", "target": "a", "cite": CITE}],
        "born": "1950",
        "died": {"value": "2000s", "cite": CITE},
        "affiliations": [{"actor": "a", "role": "member", "cite": CITE}],
    },
    "province": {
        "name": "X",
        "kind": "city",
        "part_of": "p",
        "coordinates": {"lat": 35.5, "lon": -69},
        "summary": "",
        "aliases": [],
    },
    "event": {
        "name": "X",
        "kind": "military",
        "date": {"value": "2021-09-05", "cite": CITE},
        "end": "2021-09",
        "actors": ["a"],
        "places": ["p"],
    },
    "source": {
        "title": "T",
        "publisher": "P",
        "published": "2021-09-05",
        "url": "https://example.org/a",
        "language": "en",
        "dateline": "KABUL, Sept. 5",
        "license": "CC BY 4.0",
    },
    "page": {"title": "T", "order": 2, "description": "D."},
}
"""A document of each kind using every key; every key but the required ones can go."""
PATHS = {
    "site": "content/site.yaml",
    "actor": "content/actors/x.yaml",
    "province": "content/provinces/x.yaml",
    "event": "content/events/x.yaml",
    "source": "content/sources/news.yaml",
    "page": "content/pages/x.md",
}


def _write_project(root: Path, kind: str, doc: dict[str, Any]) -> None:
    files = {
        "content/site.yaml": json.dumps(FULL["site"]),
        "content/sources/news.txt": "One sentence.\n",
        "content/sources/news.yaml": json.dumps(FULL["source"]),
        "content/actors/a.yaml": json.dumps({"name": "A", "kind": "group"}),
        "content/provinces/p.yaml": json.dumps({"name": "P", "kind": "country"}),
    }
    text = json.dumps(doc, ensure_ascii=False)  # JSON is YAML, with every string quoted
    files[PATHS[kind]] = f"---\n{text}\n---\nBody.\n" if kind == "page" else text
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")


def _both_verdicts(tmp: Path, kind: str, doc: dict[str, Any]) -> tuple[bool, list[str]]:
    """(schema-valid, the tool's shape diagnostics) for ``doc`` as the file of ``kind``."""
    if tmp.exists():
        shutil.rmtree(tmp)
    _write_project(tmp, kind, doc)
    diags = Diagnostics()
    check(tmp, diags)
    shape = [str(d) for d in diags.sorted() if d.location.path == PATHS[kind] and is_shape(d)]
    return validator(kind).is_valid(doc), shape


def _mutations(doc: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """``doc`` with one key removed, for every key at every depth, and with one key added."""
    yield f"{where}+zzz", {**doc, "zzz": "x"}
    for key, value in doc.items():
        yield f"{where}-{key}", {k: v for k, v in doc.items() if k != key}
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if not isinstance(item, dict) or key == "names":
                continue
            for label, inner in _mutations(item, f"{where}{key}[{i}]."):
                changed = [inner if j == i else x for j, x in enumerate(items)]
                yield label, {**doc, key: changed if isinstance(value, list) else inner}


@pytest.mark.parametrize("kind", KINDS)
def test_every_key_is_required_or_optional_on_both_sides(kind: str, tmp_path: Path) -> None:
    """The full document is valid for both; each removal (a required key or not) and each
    unknown key (also nested: in a fact, a citation, a relation…) gets the same verdict."""
    valid, shape = _both_verdicts(tmp_path / "full", kind, FULL[kind])
    assert valid and not shape, shape
    disagree = []
    for label, doc in _mutations(FULL[kind]):
        valid, shape = _both_verdicts(tmp_path / "m", kind, doc)
        if valid == bool(shape):
            disagree.append(f"{label}: schema {'accepts' if valid else 'refuses'}; tool {shape}")
    assert not disagree, "\n".join(disagree)


# -- explainer.json --------------------------------------------------------------------------


def _graph() -> dict[str, Any]:
    diags = Diagnostics()
    site = check(ROOT, diags)
    assert site is not None, [str(d) for d in diags.sorted()]
    data: dict[str, Any] = json.loads(json.dumps(graph_data(site)))
    return data


def _graph_errors(data: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator("explainer").iter_errors(data)
    ]


def test_explainer_json_of_the_default_content_matches_its_schema() -> None:
    data = _graph()
    errors = _graph_errors(data)
    assert not errors, errors[:10]
    assert {e["kind"] for e in data["entities"]} == {"actor", "province", "event"}


def test_mentioned_by_holds_only_entity_ids() -> None:
    errors = _graph_errors(_graph())
    assert not errors, errors[:10]


def test_the_documented_example_matches_the_schema() -> None:
    """docs/explainer-json.md shows a complete file; it must stay valid."""
    text = (ROOT / "docs" / "explainer-json.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert block is not None
    errors = _graph_errors(json.loads(block[1]))
    assert not errors, errors[:10]
