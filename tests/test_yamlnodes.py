"""The YAML composer: nodes as written, exact locations, and every refused feature reported.

Each test runs twice, once with libyaml and once with the pure-Python parser, and both must
give the same nodes and the same diagnostics.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import yaml

from generator.diagnostics import Diagnostics, Location, Severity
from generator.yamlnodes import parse_yaml
from generator.yamltypes import MAX_DEPTH, YMap, YNode, YScalar, YSeq, yaml11_type

Found = tuple[str, int, int, str]
"""(code, line, col, message) of one diagnostic."""


@pytest.fixture(params=["libyaml", "pure"], autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run every test with libyaml, then as if PyYAML had been built without it."""
    if request.param == "libyaml" and not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    if request.param == "pure":
        monkeypatch.delattr(yaml, "CSafeLoader")
    yield request.param


def parse(text: str, *, first_line: int = 1) -> tuple[YNode | None, list[Found]]:
    diags = Diagnostics()
    node = parse_yaml(text, "f.yaml", diags, first_line=first_line)
    assert all(d.severity is Severity.ERROR and d.location.path == "f.yaml" for d in diags)
    found = [(d.code, d.location.line, d.location.col, d.message) for d in diags.sorted()]
    return node, found


def hints(text: str) -> list[str]:
    diags = Diagnostics()
    parse_yaml(text, "f.yaml", diags)
    return [d.hint for d in diags.sorted()]


def at(line: int, col: int) -> Location:
    return Location("f.yaml", line, col)


def plain(value: str, line: int, col: int) -> YScalar:
    return YScalar(value, "plain", at(line, col))


# --- nodes and locations --------------------------------------------------------------------


def test_nothing_is_converted() -> None:
    text = "a: no\nb: 1.10\nc: 0755\nd: 2021-08-15\ne: ~\nf:\ng: 1e3\n"
    node, found = parse(text)
    assert found == []
    assert isinstance(node, YMap)
    assert [(k.value, v) for k, v in node.items] == [
        ("a", plain("no", 1, 4)),
        ("b", plain("1.10", 2, 4)),
        ("c", plain("0755", 3, 4)),
        ("d", plain("2021-08-15", 4, 4)),
        ("e", plain("~", 5, 4)),
        ("f", plain("", 6, 3)),
        ("g", plain("1e3", 7, 4)),
    ]


def test_styles_and_unescaping() -> None:
    text = "a: \"x\\u00e9\\\"y\"\nb: 'it''s'\nc: |\n  line 1\n  line 2\nd: >-\n  folded\n  text\n"
    node, found = parse(text)
    assert found == []
    assert isinstance(node, YMap)
    assert [v for _, v in node.items] == [
        YScalar('xé"y', "quoted", at(1, 4)),
        YScalar("it's", "quoted", at(2, 4)),
        YScalar("line 1\nline 2\n", "block", at(3, 4)),
        YScalar("folded text", "block", at(6, 4)),
    ]


def test_nested_locations() -> None:
    text = (
        "name: Ahmad Massoud\n"
        "facts:\n"
        "  - text: Leads the front.\n"
        "    cite:\n"
        '      - {source: tass, quote: "It is led"}\n'
        "tags: [a, 'b']\n"
    )
    node, found = parse(text)
    assert found == []
    assert node == YMap(
        (
            (plain("name", 1, 1), plain("Ahmad Massoud", 1, 7)),
            (
                plain("facts", 2, 1),
                YSeq(
                    (
                        YMap(
                            (
                                (plain("text", 3, 5), plain("Leads the front.", 3, 11)),
                                (
                                    plain("cite", 4, 5),
                                    YSeq(
                                        (
                                            YMap(
                                                (
                                                    (plain("source", 5, 10), plain("tass", 5, 18)),
                                                    (
                                                        plain("quote", 5, 24),
                                                        YScalar("It is led", "quoted", at(5, 31)),
                                                    ),
                                                ),
                                                at(5, 9),
                                            ),
                                        ),
                                        at(5, 7),
                                    ),
                                ),
                            ),
                            at(3, 5),
                        ),
                    ),
                    at(3, 3),
                ),
            ),
            (
                plain("tags", 6, 1),
                YSeq((plain("a", 6, 8), YScalar("b", "quoted", at(6, 11))), at(6, 7)),
            ),
        ),
        at(1, 1),
    )


def test_columns_count_characters_not_bytes() -> None:
    node, found = parse("fa: پنجشیر\nname: 'Çağrı'  # comment\n\U0001f600: x\n")
    assert isinstance(node, YMap)
    assert [(k.location, v.location) for k, v in node.items] == [
        (at(1, 1), at(1, 5)),
        (at(2, 1), at(2, 7)),
        (at(3, 1), at(3, 4)),
    ]
    assert found == []


def test_crlf_line_endings() -> None:
    node, found = parse("a: 1\r\nb:\r\n  - x\r\n")
    assert found == []
    assert node == YMap(
        (
            (plain("a", 1, 1), plain("1", 1, 4)),
            (plain("b", 2, 1), YSeq((plain("x", 3, 5),), at(3, 3))),
        ),
        at(1, 1),
    )


def test_first_line_offsets_every_location() -> None:
    node, found = parse("title: x\ntitle: y\n", first_line=2)
    assert node == YMap(((plain("title", 2, 1), plain("x", 2, 8)),), at(2, 1))
    assert found == [("E024", 3, 1, "duplicate key 'title'")]
    assert parse("a: b: c\n", first_line=5)[1][0][:3] == ("E020", 5, 5)


def test_ymap_get() -> None:
    node, _ = parse("a: 1\nb: [2]\n")
    assert isinstance(node, YMap)
    assert node.get("a") == plain("1", 1, 4)
    assert isinstance(node.get("b"), YSeq)
    assert node.get("c") is None


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", "  # indented\n# two\n"])
def test_no_document(text: str) -> None:
    assert parse(text) == (None, [])


def test_scalar_document() -> None:
    assert parse("just text\n") == (plain("just text", 1, 1), [])


# --- E021 anchors and aliases ---------------------------------------------------------------


def test_anchor_is_reported_and_node_kept() -> None:
    node, found = parse("a: &x 1\nb: &list [1]\n")
    assert found == [
        ("E021", 1, 4, "anchor '&x' is not allowed"),
        ("E021", 2, 4, "anchor '&list' is not allowed"),
    ]
    assert node == YMap(
        (
            (plain("a", 1, 1), plain("1", 1, 4)),
            (plain("b", 2, 1), YSeq((plain("1", 2, 11),), at(2, 4))),
        ),
        at(1, 1),
    )


def test_alias_is_reported_and_dropped() -> None:
    node, found = parse("a: &x 1\nb: *x\nc: [1, *x, 2]\n*x : d\n")
    assert found == [
        ("E021", 1, 4, "anchor '&x' is not allowed"),
        ("E021", 2, 4, "alias '*x' is not allowed (used 3 times; the first is here)"),
    ]
    assert node == YMap(
        (
            (plain("a", 1, 1), plain("1", 1, 4)),
            (plain("c", 3, 1), YSeq((plain("1", 3, 5), plain("2", 3, 12)), at(3, 4))),
        ),
        at(1, 1),
    )
    assert hints("b: *x\n") == ["write the value out in full wherever '*x' stands"]


def test_undefined_alias_and_alias_root() -> None:
    assert parse("*nowhere\n") == (None, [("E021", 1, 1, "alias '*nowhere' is not allowed")])


def test_billion_laughs_is_never_expanded() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 30):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    node, found = parse("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert isinstance(node, YMap)
    assert len(node.items) == 30
    assert sum(1 for f in found if f[3].startswith("anchor")) == 30
    assert sum(1 for f in found if f[3].startswith("alias")) == 29
    assert ("E021", 2, 10, "alias '*a0' is not allowed (used 9 times; the first is here)") in found


# --- E022 merge keys ------------------------------------------------------------------------


def test_merge_key() -> None:
    text = "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\nother:\n  <<: {z: 1, w: !!str 2}\n"
    node, found = parse(text)
    assert found == [
        ("E021", 1, 7, "anchor '&b' is not allowed"),
        ("E022", 3, 3, "merge key '<<' is not allowed"),
        ("E022", 6, 3, "merge key '<<' is not allowed"),
    ]
    assert isinstance(node, YMap)
    item = node.get("item")
    assert item == YMap(((plain("y", 4, 3), plain("2", 4, 6)),), at(3, 3))
    assert node.get("other") == YMap((), at(6, 3))
    assert hints("a:\n  <<: {x: 1}\n") == ["write the keys out in full in this mapping"]


def test_quoted_merge_key_is_a_plain_string() -> None:
    node, found = parse("'<<': x\n")
    assert found == []
    assert node == YMap(((YScalar("<<", "quoted", at(1, 1)), plain("x", 1, 7)),), at(1, 1))


# --- E023 tags ------------------------------------------------------------------------------


def test_tags() -> None:
    text = (
        "a: !!str 1\n"
        "b: !foo bar\n"
        "c: ! baz\n"
        "d: !!python/object:os.system {x: 1}\n"
        "e: !!seq [1]\n"
        "!!str f: 2\n"
    )
    node, found = parse(text)
    assert found == [
        ("E023", 1, 4, "tag '!!str' is not allowed"),
        ("E023", 2, 4, "tag '!foo' is not allowed"),
        ("E023", 3, 4, "tag '!' is not allowed"),
        ("E023", 4, 4, "tag '!!python/object:os.system' is not allowed"),
        ("E023", 5, 4, "tag '!!seq' is not allowed"),
        ("E023", 6, 1, "tag '!!str' is not allowed"),
    ]
    assert isinstance(node, YMap)
    assert node.get("a") == plain("1", 1, 4)
    assert node.get("d") == YMap(((plain("x", 4, 31), plain("1", 4, 34)),), at(4, 4))
    assert hints("a: !!int 3\n") == ["remove the tag; to keep a value as text, quote it instead"]
    assert hints("a: !!map {}\n") == ["remove the tag"]


def test_python_object_tag_is_never_constructed() -> None:
    node, found = parse("!!python/object/apply:os.system ['echo hacked']\n")
    assert found == [("E023", 1, 1, "tag '!!python/object/apply:os.system' is not allowed")]
    assert node == YSeq((YScalar("echo hacked", "quoted", at(1, 34)),), at(1, 1))


# --- E024 duplicate keys --------------------------------------------------------------------


def test_duplicate_keys_at_any_depth() -> None:
    text = "a: 1\nb:\n  c: 1\n  d: [{e: 1, e: 2}]\n  c: 3\n'a': 4\n"
    node, found = parse(text)
    assert found == [
        ("E024", 4, 14, "duplicate key 'e'"),
        ("E024", 5, 3, "duplicate key 'c'"),
        ("E024", 6, 1, "duplicate key 'a'"),
    ]
    assert hints("a: 1\n\nb: 2\na: 3\n") == [
        "'a' is already set on line 1: remove one of them or merge them"
    ]
    assert isinstance(node, YMap)
    assert node.get("a") == plain("1", 1, 4)  # the first value is kept
    b = node.get("b")
    assert isinstance(b, YMap)
    assert b.get("c") == plain("1", 3, 6)


# --- E025 keys that are not plain strings ---------------------------------------------------


def test_keys_that_are_not_strings() -> None:
    text = (
        "yes: 1\n"
        "1: 2\n"
        "null: 3\n"
        "2021-01-01: 4\n"
        "? [a]\n"
        ": 5\n"
        "? {a: 1}\n"
        ": 6\n"
        "1.5: 7\n"
        "'no': ok\n"
        "Off: 8\n"
        "?\n"
        ": 9\n"
    )
    node, found = parse(text)
    assert found == [
        ("E025", 1, 1, "key 'yes' would be read as a boolean, not a name"),
        ("E025", 2, 1, "key '1' would be read as a number, not a name"),
        ("E025", 3, 1, "key 'null' would be read as null, not a name"),
        ("E025", 4, 1, "key '2021-01-01' would be read as a date, not a name"),
        ("E025", 5, 3, "a list cannot be a key"),
        ("E025", 7, 3, "a mapping cannot be a key"),
        ("E025", 9, 1, "key '1.5' would be read as a number, not a name"),
        ("E025", 11, 1, "key 'Off' would be read as a boolean, not a name"),
        ("E025", 12, 2, "empty key (YAML reads it as null)"),
    ]
    assert isinstance(node, YMap)
    # Scalar keys are kept as written, so later stages do not report them missing.
    assert [k.value for k, _ in node.items] == [
        "yes", "1", "null", "2021-01-01", "1.5", "no", "Off", ""
    ]  # fmt: skip
    assert hints("on: x\n") == ['quote it ("on":) or rename it']


# --- E026 several documents -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"), [("a: 1\n---\nb: 2\n", 2), ("---\na: 1\n--- \nb: 2\n---\nc: 3\n", 3)]
)
def test_second_document(text: str, line: int) -> None:
    node, found = parse(text)
    assert found == [
        ("E026", line, 1, "a second YAML document starts here; a file holds exactly one")
    ]
    assert isinstance(node, YMap)
    assert [k.value for k, _ in node.items] == ["a"]


def test_document_markers_around_one_document_are_fine() -> None:
    node, found = parse("---\na: 1\n...\n")
    assert found == []
    assert node == YMap(((plain("a", 2, 1), plain("1", 2, 4)),), at(2, 1))


def test_syntax_error_after_second_document_is_still_reported() -> None:
    _, found = parse("a: 1\n---\nb: [\n")
    assert [f[:3] for f in found] == [("E026", 2, 1), ("E020", 4, 1)]


# --- E020 syntax errors ---------------------------------------------------------------------

SYNTAX_ERRORS = [
    (
        "title: Kabul: the fall\n",
        (1, 13),
        "invalid YAML: mapping values are not allowed here",
        'quote a value that contains ": ", e.g. title: "A: B"',
    ),
    (
        "a:\n\tb: 1\n",
        (2, 1),
        "invalid YAML: found character '\\t' that cannot start any token",
        "indent with spaces: YAML does not allow tabs for indentation",
    ),
    (
        "name: x\nquote: 'unclosed\n",
        (3, 1),
        "invalid YAML: found unexpected end of stream while scanning a quoted scalar at line 2, "
        "column 8",
        "close the quote opened at line 2, column 8",
    ),
    (
        "aliases: [a, b\n",
        (2, 1),
        "invalid YAML: expected ',' or ']', but got the end of the file while parsing a flow "
        "sequence at line 1, column 10",
        "close the list with ']' and separate its items with commas",
    ),
    (
        "- a\nb: 1\n",
        (2, 1),
        "invalid YAML: expected the end of the indented block, but found a new key while "
        "parsing a block collection at line 1, column 1",
        "check the indentation: the entries of one mapping or list start in the same column",
    ),
    (
        "a: @x\n",
        (1, 4),
        "invalid YAML: found character '@' that cannot start any token",
        "quote the value: a plain value cannot start with this character",
    ),
    (
        'a: "\\q"\n',
        (1, 6),
        "invalid YAML: found unknown escape character 'q' while scanning a double-quoted "
        "scalar at line 1, column 4",
        "inside double quotes write a backslash as \\\\",
    ),
    (
        "a: 'x' y\n",
        (1, 8),
        "invalid YAML: expected the end of the indented block, but found a value while parsing "
        "a block mapping at line 1, column 1",
        "quote the whole value when it continues after a quoted part",
    ),
    (
        "a: x\x07y\n",
        (1, 5),
        "invalid YAML: character U+0007 is not allowed",
        "delete the character (a control character, usually pasted by accident)",
    ),
    (
        "a:\n  b: 1\n c: 2\n",
        (3, 2),
        "invalid YAML: expected the end of the indented block, but found a new mapping while "
        "parsing a block mapping at line 1, column 1",
        "check the indentation: the entries of one mapping or list start in the same column",
    ),
]


@pytest.mark.parametrize(("text", "where", "message", "hint"), SYNTAX_ERRORS)
def test_syntax_error(text: str, where: tuple[int, int], message: str, hint: str) -> None:
    diags = Diagnostics()
    assert parse_yaml(text, "f.yaml", diags) is None
    assert [(d.code, d.location, d.message, d.hint) for d in diags] == [
        ("E020", at(*where), message, hint)
    ]


def test_problems_before_a_syntax_error_are_kept() -> None:
    _, found = parse("a: &x 1\na: 2\nb: [\n")
    assert [f[:3] for f in found] == [("E021", 1, 4), ("E024", 2, 1), ("E020", 4, 1)]


# --- E027 nesting ---------------------------------------------------------------------------


def test_nesting_up_to_the_limit_is_fine() -> None:
    node, found = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert found == []
    depth = 0
    while isinstance(node, YSeq):
        depth += 1
        node = node.items[0] if node.items else None
    assert depth == MAX_DEPTH


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 200_000])
def test_too_deep_flow(depth: int) -> None:
    start = time.perf_counter()
    node, found = parse("[" * depth + "]" * depth)
    assert time.perf_counter() - start < 2.0
    assert node is None
    assert found == [
        ("E027", 1, MAX_DEPTH + 1, "mappings and lists are nested more than 64 levels deep")
    ]


def test_too_deep_block() -> None:
    text = "".join("  " * i + "a:\n" for i in range(3000))
    node, found = parse(text)
    assert node is None
    assert found == [("E027", 65, 129, "mappings and lists are nested more than 64 levels deep")]


def test_too_deep_inside_a_merge_value() -> None:
    _, found = parse("a:\n  <<: " + "[" * 100 + "]" * 100 + "\n")
    assert [f[0] for f in found] == ["E022", "E027"]


def test_big_input() -> None:
    text = "".join(f"key{i}: value number {i} with some words\n" for i in range(20_000))
    start = time.perf_counter()
    node, found = parse(text)
    assert time.perf_counter() - start < 10.0
    assert found == []
    assert isinstance(node, YMap)
    assert len(node.items) == 20_000
    assert node.items[-1][1] == plain("value number 19999 with some words", 20_000, 11)


def test_many_problems_in_one_run() -> None:
    text = "a: &x 1\nb: *x\nc: !!str 2\na: 3\nyes: 4\nd:\n  <<: {}\n"
    _, found = parse(text)
    assert [f[0] for f in found] == ["E021", "E021", "E023", "E024", "E025", "E022"]


# --- yaml11_type ----------------------------------------------------------------------------

TYPES = {
    "str": ["text", "y", "n", "yEs", "2021-08", "1990s", "2021-8-5", "<<", "=", "0x", "1.2.3"],
    "bool": ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
             "FALSE", "on", "On", "ON", "off", "Off", "OFF"],
    "null": ["", "~", "null", "Null", "NULL"],
    "int": ["0", "1", "-1", "+1", "1_000", "0755", "0o17", "09", "0x1F", "0b101", "1:30",
            "190:20:30"],
    "float": ["1.10", "1.0", ".5", "5.", "1e3", "1.0e3", "1.0e+3", "-1E-3", "1_000.5", ".inf",
              "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", "190:20:30.15"],
    "timestamp": ["2021-08-15", "2021-08-15T10:00:00Z", "2021-8-5 10:00:00",
                  "2001-12-14t21:59:43.10-05:00"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "kind"), [(value, kind) for kind, values in TYPES.items() for value in values]
)
def test_yaml11_type(value: str, kind: str) -> None:
    assert yaml11_type(YScalar(value, "plain", at(1, 1))) == kind
    assert yaml11_type(YScalar(value, "quoted", at(1, 1))) == "str"
    assert yaml11_type(YScalar(value, "block", at(1, 1))) == "str"


def test_yaml11_type_agrees_with_safe_load() -> None:
    """Where PyYAML converts a plain scalar, yaml11_type names the type it converts to."""
    names = {bool: "bool", type(None): "null", int: "int", float: "float", str: "str"}
    for kind, values in TYPES.items():
        for value in values:
            if value in ("<<", "="):
                continue
            loaded = yaml.safe_load(f"k: {value}\n")["k"]
            expected = names.get(type(loaded), "timestamp")
            if expected == "str":  # YAML 1.2 numbers PyYAML leaves as strings
                assert kind in ("str", "int", "float"), value
            else:
                assert kind == expected, value
