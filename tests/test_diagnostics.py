from __future__ import annotations

import json

from generator.diagnostics import (
    Diagnostics,
    Location,
    format_github,
    format_json,
    format_text,
)


def _sink() -> Diagnostics:
    diags = Diagnostics()
    diags.warning(Location("content/b.yaml", 3, 1), "W120", "'date' is not cited", "cite it")
    diags.error(
        Location("content/a.yaml", 7, 5), "E201", "unknown actor 'masoud'", "did you mean 'x'?"
    )
    diags.error(Location("content/a.yaml", 2, 9), "E101", "unknown key 'nmae'")
    diags.error(Location("content/a.yaml", 2, 9), "E101", "unknown key 'nmae'")  # duplicate
    return diags


def test_text_is_sorted_deduplicated_and_hinted() -> None:
    text = format_text(_sink().sorted())
    assert text == (
        "content/a.yaml:2:9: error[E101]: unknown key 'nmae'\n"
        "content/a.yaml:7:5: error[E201]: unknown actor 'masoud'\n"
        "  hint: did you mean 'x'?\n"
        "content/b.yaml:3:1: warning[W120]: 'date' is not cited\n"
        "  hint: cite it\n"
        "2 errors, 1 warning\n"
    )


def test_strict_turns_warnings_into_errors() -> None:
    items = _sink().sorted(strict=True)
    assert [d.severity.value for d in items] == ["error", "error", "error"]
    assert format_text(items).endswith("3 errors\n")


def test_json_shape() -> None:
    payload = json.loads(format_json(_sink().sorted()))
    assert payload["version"] == 1
    assert (payload["errors"], payload["warnings"]) == (2, 1)
    assert payload["diagnostics"][1] == {
        "path": "content/a.yaml", "line": 7, "col": 5, "severity": "error", "code": "E201",
        "message": "unknown actor 'masoud'", "hint": "did you mean 'x'?",
    }  # fmt: skip


def test_github_commands_are_escaped() -> None:
    diags = Diagnostics()
    diags.error(Location("content/a,b:c.yaml", 4, 2), "E301", "100% wrong\nsecond", "try: x, y")
    assert format_github(diags.sorted()) == (
        "::error file=content/a%2Cb%3Ac.yaml,line=4,col=2,title=error[E301]::"
        "100%25 wrong%0Asecond%0Ahint: try: x, y\n"
    )


def test_whole_file_location_prints_line_one() -> None:
    diags = Diagnostics()
    diags.error(Location("content/x.yaml"), "E006", "the file is empty")
    assert format_text(diags.sorted()).startswith("content/x.yaml:1:1: error[E006]")
