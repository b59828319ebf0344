"""The fast reader of plain block YAML gives exactly the nodes a YAML parser gives, or leaves the
text to it: on every YAML text of the repository, on generated projects, on tricky cases
written here, and on thousands of seeded random edits of them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.yamlblock import NOT_BLOCK, compose_block
from generator.yamlnodes import _Composer, parse_yaml
from generator.yamltypes import YNode

from conftest import ROOT

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def reference(text: str, first_line: int = 1) -> tuple[YNode | None, int] | None:
    """The event-by-event composer's nodes and number of diagnostics; None on a syntax error."""
    diags = Diagnostics()
    try:
        node = _Composer(yaml.parse(text, Loader=LOADER), "f.yaml", diags, first_line).stream()
    except yaml.YAMLError:
        return None
    except Exception:  # too deep, for instance: not a text the fast reader may take
        return None
    return node, len(list(diags))


def agrees(text: str, first_line: int = 1) -> bool:
    """True when the fast reader leaves ``text`` alone or gives the reference's nodes for a
    text without problems; False (a bug) otherwise."""
    if any(c in text for c in "\x00\x07\x1b\ufeff"):
        return True  # parse_yaml refuses these before the fast reader sees them
    fast = compose_block(text, "f.yaml", first_line)
    if fast is NOT_BLOCK:
        return True
    slow = reference(text, first_line)
    return slow is not None and slow == (fast, 0)


def _repository_texts() -> list[str]:
    texts = []
    for folder in ("content", "tests"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            texts.append(path.read_bytes().decode("utf-8", "replace"))
        for path in sorted((ROOT / folder).rglob("*.md")):
            text = path.read_bytes().decode("utf-8", "replace")
            if text.startswith("---\n") and "\n---\n" in text[4:]:
                texts.append(text[4 : text.index("\n---\n", 4) + 1])
    return texts


def _generated_texts(tmp: Path) -> list[str]:
    """The fact files of a generated project (``bench/`` importable: the ``bench`` fixture)."""
    from generate import generate

    generate(120, tmp / "project")
    return [p.read_text("utf-8") for p in sorted((tmp / "project").rglob("*.yaml"))]


CASES = [
    # (text, read by the fast reader?)
    ("name: A\nkind: person\n", True),
    ("# a comment\nname: A  # and another\n\n\nkind: person\n", True),
    ("name: 'it''s'\nother: \"double # not a comment\"\n", True),
    ("aliases: [a, 'b c', \"d\"]\nempty: []\n", True),
    ("aliases: [ a ,b ]  # c\n", True),
    ("names:\n  fa: احمد\n  ps: 'احمد'\nx: [احمد, y]\n", True),
    ("facts:\n- text: a\n  cite:\n  - source: s\n    quote: q\n- text: b\n", True),
    ("facts:\n  - text: a\n    cite:\n      - source: s\n        quote: q\n", True),
    ("list:\n  -   spaced\n  - [a]\n  - 'q'\n", True),
    ("a:\n  b:\n    c: d\n  e: f\ng: h\n", True),
    ("text: C# and F#, 1:2, a:b, [x](@y) and more\n", True),
    ("date: 2021-08-15\nn: 1.10\nb: no\nnull_value: ~\n", True),
    ("neg: -5\ndash: -x\n", True),
    ("key:    far\n", True),
    ("summary: >-\n  folded\n  text\n", True),
    ("summary: |\n  literal\n", True),
    ("s: >\n  a\n\n  b\n\n\n  c\n\n\nk: v\n", True),
    ("s: |\n  lit\n    more\n\n  x\nk: v\n", True),
    ("s: >\n\n  a\n  b", True),
    ("s: |-\n  trailing  \n  spaces\n", True),
    ("a:\n  s: >-\n    # not a comment\n    - x: y\n  t: 1\n", True),
    ("- x: >\n    in a list\n  y: 1\n".replace("- x", "l:\n- x"), True),
    ("s: >-\n  a\n  \n  b\n", True),
    ('a: ""\nb: "x" # c\nc: "C: d"\n', True),
    ('l:\n- "x"\n- y: "z"\n- a # c\n- b: c\n  d: e\n- f\n', True),
    ("l:\n- C# and F#\n- x:y\n- -5\n- 'q'\n", True),
    # Left to a YAML parser:
    ("s: >+\n  keep\n", False),
    ("s: >2\n   indented\n", False),
    ("s: > # comment\n  a\n", False),
    ("s: >\n  a\n    more indented\n", False),
    ("s: >\n    \n  a\n", False),
    ("s: >\nk: v\n", False),
    ("s: >\n", False),
    ("- >\n  item\n", False),
    ("s: >\n    a\n  b\n", False),
    ("text: a plain scalar\n  that goes on\n", False),
    ("text: 'quoted\n  on two lines'\n", False),
    ('escaped: "a\\tb"\n', False),
    ("map: {a: 1}\n", False),
    ("a: 1\na: 2\n", False),
    ("no: 1\n", False),
    ("'quoted key': 1\n", False),
    ("empty:\nnext: 1\n", False),
    ("- a\n- b\n", False),
    ("just a scalar\n", False),
    ("  indented: root\n", False),
    ("a:\n    b: 1\n  c: 2\n", False),
    ("a: b: c\n", False),
    ("a: b:\n", False),
    ("tabbed:\tx\n", False),
    ("crlf: x\r\n", False),
    ("a: &anchor x\n", False),
    ("a: *alias\n", False),
    ("a: !tag x\n", False),
    ("a: [b, [c]]\n", False),
    ("a: [b,]\n", False),
    ("a: [b\n", False),
    ('a: "b"c\n', False),
    ('a: "b" "c"\n', False),
    ('a: "b"\n  c\n', False),
    ('a: "\n', False),
    ("l:\n- b:\n", False),
    ("l:\n- b: c:\n", False),
    ("l:\n- b:\n- c\n", False),
    ("l:\n- b\n  c\n", False),
    ("a: 1\nyes: 2\n", False),
    ('a: "b"#c\n', False),
    ("a: [b]c\n", False),
    ("a: [b]#c\n", False),
    ("a: -\n", False),
    ("a:\n  -\n", False),
    ("a:\n  - - b\n", False),
    ("a: @b\n", False),
    ("a: `b\n", False),
    ("a: %b\n", False),
    ("a: ? b\n", False),
    ("a: |b\n", False),
    ("", False),
    ("# only a comment\n", False),
]


@pytest.mark.parametrize(("text", "fast"), CASES)
def test_written_cases(text: str, fast: bool) -> None:
    assert (compose_block(text, "f.yaml", 1) is not NOT_BLOCK) == fast
    assert agrees(text)
    assert agrees(text, first_line=5)


def test_every_yaml_text_of_the_repository() -> None:
    texts = _repository_texts()
    assert len(texts) > 150
    read = 0
    for text in texts:
        assert agrees(text), text
        read += compose_block(text, "f.yaml", 1) is not NOT_BLOCK
    assert read > 100  # most fact files are plain block YAML
    default = sorted((ROOT / "content").rglob("*.yaml"))
    assert all(compose_block(p.read_text("utf-8"), "f.yaml", 1) is not NOT_BLOCK for p in default)


def test_generated_projects(tmp_path: Path, bench: None) -> None:
    texts = _generated_texts(tmp_path)
    for text in texts:
        assert compose_block(text, "f.yaml", 1) is not NOT_BLOCK
        assert agrees(text), text


_EDITS = [" ", "  ", ":", ": ", "#", " #", "-", "- ", "'", '"', "[", "]", ",", "\n", "\n  ", "é"]
_EDITS += [": >", ": |-", "\n\n", "\n    ", ": >-\n  "]


def test_random_edits_agree_with_the_parser(tmp_path: Path, bench: None) -> None:
    rng = random.Random(20211)
    seeds = [t for t in _repository_texts() if len(t) < 3000][:60] + _generated_texts(tmp_path)[:20]
    checked = read = 0
    for _ in range(6000):
        text = rng.choice(seeds)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.3 and at < len(text):
                text = text[:at] + text[at + rng.randint(1, 4) :]
            else:
                text = text[:at] + rng.choice(_EDITS) + text[at:]
        assert agrees(text), repr(text)
        checked += 1
        read += compose_block(text, "f.yaml", 1) is not NOT_BLOCK
    assert read > checked // 10  # the edits did not all push the texts out of the subset


def test_parse_yaml_gives_the_same_nodes_with_or_without_the_fast_reader(
    tmp_path: Path, bench: None
) -> None:
    for text in _generated_texts(tmp_path)[:50]:
        diags = Diagnostics()
        assert parse_yaml(text, "f.yaml", diags) == reference(text)[0]  # type: ignore[index]
        assert not list(diags)
