"""Invalid projects: ``tests/cases/<name>/`` holds a minimal broken project and the exact
diagnostics ``explainer check`` must print for it.

Each case folder has:

- ``content/``: the few files needed to show one mistake (or, in ``many-errors``, many
  mistakes in several files, all reported in one run);
- ``expected.txt``: the exact stderr of ``explainer check`` run in the case folder, so paths
  print relative to it (``content/actors/x.yaml:3:7: error[E101]: …`` and ``  hint: …``);
- optionally ``make.py``, whose ``make(project)`` adds at test time what should not be
  committed: a symlink pointing out of the project (git may not keep it) or a file of several
  megabytes. It runs on a copy, never in ``tests/cases``.

Every case runs in process through ``generator.cli.main(["check", "."])`` on a copy of the case
in a temporary folder, with that copy as the working directory; the test asserts exit status
1, no traceback, nothing on stdout, stderr equal to ``expected.txt``, and that the case took
less than ``SLOW`` seconds. Diagnostics print paths relative to the project root whatever the
working directory; running inside the copy also keeps the command line the one a user types.

To update the expectations after a deliberate change of messages, run
``.venv/bin/python tests/regenerate_cases.py [NAME ...]`` and review every changed
``expected.txt`` by eye before committing: the message must be the one a user needs.

``expected.txt`` pins what the tool prints today, so that any change shows. Where that is not
what a user needs (a wrong line, a misleading hint, a second message for one mistake), the
case is listed in ``KNOWN_ISSUES`` with what should hold instead; its check is a strict xfail,
so fixing the tool makes it fail until the entry is removed and the case regenerated.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from regenerate_cases import CASES, case_names, prepare

from generator.cli import main

SLOW = 2.0
"""Seconds one case may take: mistakes such as an alias bomb or a huge file must be refused
fast, not by exhausting the machine."""

NAMES = case_names()


@dataclass(frozen=True)
class Issue:
    """A known flaw in a case's output: ``expect`` must match, ``refuse`` must not."""

    case: str
    reason: str
    expect: str = ""
    refuse: str = ""
    fixed: bool = False
    """True once the tool does what ``expect``/``refuse`` say: the check then guards it."""


KNOWN_ISSUES = (
    Issue(
        "raw-html",
        "raw HTML in a literal block summary is located at its own line",
        expect=r"^content/actors/taliban\.yaml:6:1: error\[E210\]: raw HTML '<script>",
        fixed=True,
    ),
    Issue(
        "raw-html",
        "raw HTML in a folded ('>-') fact is located at the line of 'text' that holds it; "
        "folding joins the lines, so only the value's first line is known",
        expect=r"^content/actors/taliban\.yaml:11:\d+: error\[E210\]: raw HTML '<marquee>'",
    ),
    Issue(
        "raw-html",
        "a closing tag is not a second mistake",
        refuse=r"raw HTML '</",
        fixed=True,
    ),
    Issue(
        "unsafe-links",
        "an unsafe link in a summary is located at the summary's line",
        expect=r"^content/actors/taliban\.yaml:4:\d+: error\[E211\]: unsafe link "
        r"'javascript:alert\(1\)'",
        fixed=True,
    ),
    Issue(
        "id-escape-in-markdown",
        "a cross-reference in a summary is located at the summary's line",
        expect=r"^content/actors/taliban\.yaml:3:\d+: error\[E207\]",
        fixed=True,
    ),
    Issue(
        "wrong-kind-target",
        "E202 (the file exists, of another kind) does not get the hint of an unknown id",
        refuse=r"error\[E202\].*\n  hint: no file of that name",
        fixed=True,
    ),
    Issue("wrong-kind-target", "grammar: 'is a actor'", refuse=r"is a actor", fixed=True),
    Issue(
        "unknown-key-did-you-mean",
        "a misspelt 'quote' gives E101 only, not also E102 and E109",
        refuse=r"error\[E109\]: incomplete|has no 'quote'",
        fixed=True,
    ),
    Issue(
        "cite-not-a-list",
        "'cite: news#s1' (not a list) gives E103 only, not also E110",
        refuse=r"error\[E110\]",
        fixed=True,
    ),
    Issue(
        "anchors-aliases",
        "the refused alias also reports the fact as having no 'cite'",
        refuse=r"error\[E102\]: a fact has no 'cite'",
    ),
    Issue(
        "end-before-date",
        "partial dates compare by the days they may mean: an event on 2021-08-15 may end "
        "in 2021-08",
        refuse=r"fall-of-kabul\.yaml:\d+:\d+: error\[E115\]",
        fixed=True,
    ),
    Issue(
        "yaml11-null",
        "the hint for '~' or 'null' does not say to quote it (that would make the text '~')",
        refuse=r'hint: quote it: "~"',
        fixed=True,
    ),
    Issue(
        "yaml-syntax-error",
        "an over-indented key gets the hint about quoting ': '",
        refuse=r"nrf\.yaml.*\n  hint: quote a value that contains",
    ),
    Issue(
        "unexpected-entries",
        "a warning carries an error code (E009), and a misspelt "
        "folder (content/actor/) is only a warning although its files are all ignored",
        refuse=r"warning\[E|warning\[W009\]: unexpected folder content/actor",
        fixed=True,
    ),
)


def test_there_are_enough_cases() -> None:
    assert len(NAMES) >= 35


def run_case(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str, float]:
    """``explainer check .`` in a copy of the case: (status, stdout, stderr, seconds)."""
    project = prepare(name, tmp_path)
    monkeypatch.chdir(project)
    capsys.readouterr()
    start = time.perf_counter()
    status = main(["check", "."])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    return status, out, err, elapsed


@pytest.mark.parametrize("name", NAMES)
def test_case(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err, elapsed = run_case(name, tmp_path, monkeypatch, capsys)
    expected = (CASES / name / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in err + out
    assert status == 1, err
    assert err == expected
    assert out == ""
    assert elapsed < SLOW, f"{name} took {elapsed:.1f} s"


@pytest.mark.parametrize(
    "issue",
    [
        pytest.param(i, marks=() if i.fixed else pytest.mark.xfail(strict=True, reason=i.reason))
        for i in KNOWN_ISSUES
    ],
    ids=[f"{i.case}-{n}" for n, i in enumerate(KNOWN_ISSUES)],
)
def test_known_issue(
    issue: Issue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = run_case(issue.case, tmp_path, monkeypatch, capsys)[2]
    if issue.expect:
        assert re.search(issue.expect, err, re.MULTILINE), issue.reason
    if issue.refuse:
        assert not re.search(issue.refuse, err, re.MULTILINE), issue.reason


def test_known_issues_name_cases() -> None:
    assert {i.case for i in KNOWN_ISSUES} <= set(NAMES)


def test_every_case_has_an_expectation() -> None:
    for name in NAMES:
        expected = CASES / name / "expected.txt"
        assert expected.is_file(), f"{name}: run tests/regenerate_cases.py {name}"
        assert "error[" in expected.read_text(encoding="utf-8"), name
