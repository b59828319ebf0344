"""PyYAML syntax errors → one located diagnostic (E020) in plain words, with what to do.

The parser cannot go on after a syntax error, so a file gets one such diagnostic, at the point
where the parser gave up; the message names what it was reading and where that started. This
module reads nothing.
"""

from __future__ import annotations

import yaml

from generator.diagnostics import Diagnostics, Location

__all__ = ["report_syntax_error"]

_TOKEN_WORDS = (
    ("<block end>", "the end of the indented block"),
    ("<stream end>", "the end of the file"),
    ("<document start>", "'---'"),
    ("<document end>", "'...'"),
    ("<block mapping start>", "a new mapping"),
    ("<block sequence start>", "a new list"),
    ("<scalar>", "a value"),
    ("'?'", "a new key"),  # PyYAML's name for the token that starts a mapping entry
)
_SYNTAX_HINTS = (
    ("'\\t'", "indent with spaces: YAML does not allow tabs for indentation"),
    ("cannot start any token", "quote the value: a plain value cannot start with this character"),
    ("found '<scalar>'", "quote the whole value when it continues after a quoted part"),
    ("mapping values are not allowed", 'quote a value that contains ": ", e.g. title: "A: B"'),
    ("could not find expected ':'", "write 'key: value'; quote a value that spans several lines"),
    ("unknown escape character", "inside double quotes write a backslash as \\\\"),
    ("undefined tag handle", "remove the '!' (tags are not allowed), or quote the value"),
    ("',' or ']'", "close the list with ']' and separate its items with commas"),
    ("',' or '}'", "close the mapping with '}' and separate its entries with commas"),
    ("'-' indicator", "start every item of a list with '- ' in the same column"),
    ("expected <block end>", "check the indentation: the entries of one mapping or list start "
     "in the same column"),
    ("expected key", "check the indentation: the entries of one mapping start in the same column"),
)  # fmt: skip


def report_syntax_error(
    error: yaml.YAMLError, path: str, first_line: int, diags: Diagnostics
) -> None:
    """One E020 at the point where the parser gave up, in words, with what to do."""
    location = Location(path, first_line, 1)
    context = ""
    if isinstance(error, yaml.MarkedYAMLError):
        problem = error.problem or "syntax error"
        if error.problem_mark is not None:
            mark = error.problem_mark
            location = Location(path, mark.line + first_line, mark.column + 1)
        if error.context and error.context_mark is not None:
            mark = error.context_mark
            context = f" {error.context} at line {mark.line + first_line}, column {mark.column + 1}"
    else:
        problem = str(error).splitlines()[0] if str(error) else "syntax error"
    hint = next((hint for key, hint in _SYNTAX_HINTS if key in problem), "")
    if not hint and "end of stream" in problem and "quoted" in context:
        hint = f"close the quote opened{context.split(' scalar', 1)[1]}"
    for token, words in _TOKEN_WORDS:
        problem = problem.replace(f"'{token}'", words).replace(token, words)
    message = " ".join(f"invalid YAML: {problem}{context}".split())
    diags.error(
        location, "E020", message, hint or "fix the YAML here; quoting the value often helps"
    )
