"""Located diagnostics: where, how bad, which code, what happened, what to do.

Every stage reports problems into one :class:`Diagnostics` sink so that a run shows all of
them at once. A deep helper raises :class:`ContentError`; the stage catches it per item,
records it and goes on. This module imports nothing of ours.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from typing import NamedTuple

from msgspec import Struct

__all__ = [
    "ContentError",
    "Diagnostic",
    "Diagnostics",
    "Location",
    "Severity",
    "format_github",
    "format_json",
    "format_text",
]

JSON_FORMAT_VERSION = 1


class Location(NamedTuple):
    """A place in a project file; ``line`` and ``col`` count from 1 (0: the whole file).

    A named tuple rather than a frozen dataclass: every YAML node carries one, and a tuple is
    made in half the time. Immutable, ordered by (path, line, col), hashable all the same.
    """

    path: str
    """Path relative to the project root, with forward slashes."""
    line: int = 0
    """1-based line, or 0 when the problem concerns the whole file."""
    col: int = 0
    """1-based column, or 0 when the problem concerns the whole line or file."""

    def __str__(self) -> str:
        return f"{self.path}:{max(self.line, 1)}:{max(self.col, 1)}"


class Severity(enum.Enum):
    """How bad a diagnostic is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


class Diagnostic(Struct, frozen=True):
    """One problem: ``path:line:col: error[CODE]: message`` and a hint saying what to do."""

    location: Location
    """Where the problem is."""
    severity: Severity
    """Error or warning."""
    code: str
    """Stable code: E0xx files and YAML, E1xx validation, E2xx links, E3xx citations."""
    message: str
    """What is wrong, in one line."""
    hint: str = ""
    """What to do about it (did-you-mean, closest passage, expected form)."""

    def __str__(self) -> str:
        head = f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"
        if not self.hint:
            return head
        lines = self.hint.splitlines() or [""]
        rest = "".join(f"\n        {line}" for line in lines[1:])
        return f"{head}\n  hint: {lines[0]}{rest}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


class ContentError(Exception):
    """Raised by a deep helper for one bad item; the stage records it and goes on."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class Diagnostics:
    """The sink every stage reports into. Not shared between runs."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic)

    def error(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self.add(Diagnostic(location, Severity.ERROR, code, message, hint))

    def warning(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self.add(Diagnostic(location, Severity.WARNING, code, message, hint))

    def extend(self, other: Diagnostics) -> None:
        self._items.extend(other._items)

    @property
    def error_count(self) -> int:
        return sum(1 for d in self._items if d.severity is Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(1 for d in self._items if d.severity is Severity.WARNING)

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self._items)

    def sorted(self, *, strict: bool = False) -> tuple[Diagnostic, ...]:
        """All diagnostics, deduplicated, in file order; ``strict`` turns warnings into errors."""
        seen: dict[Diagnostic, None] = {}
        for d in self._items:
            if strict and d.severity is Severity.WARNING:
                d = Diagnostic(d.location, Severity.ERROR, d.code, d.message, d.hint)
            seen.setdefault(d, None)
        return tuple(sorted(seen, key=Diagnostic.sort_key))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def _summary(items: tuple[Diagnostic, ...]) -> str:
    errors = sum(1 for d in items if d.severity is Severity.ERROR)
    warnings = len(items) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


def format_text(items: tuple[Diagnostic, ...]) -> str:
    """One diagnostic per paragraph, then a one-line count; empty when there is nothing."""
    if not items:
        return ""
    return "\n".join(str(d) for d in items) + f"\n{_summary(items)}\n"


def format_json(items: tuple[Diagnostic, ...]) -> str:
    """The documented, versioned JSON shape (see docs/check-json.md)."""
    payload = {
        "version": JSON_FORMAT_VERSION,
        "errors": sum(1 for d in items if d.severity is Severity.ERROR),
        "warnings": sum(1 for d in items if d.severity is Severity.WARNING),
        "diagnostics": [
            {
                "path": d.location.path,
                "line": d.location.line,
                "col": d.location.col,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            }
            for d in items
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(items: tuple[Diagnostic, ...]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,col=…::``), escaped."""
    out = []
    for d in items:
        loc = d.location
        props = [f"file={_escape_property(loc.path)}"]
        if loc.line:
            props.append(f"line={loc.line}")
        if loc.col:
            props.append(f"col={loc.col}")
        props.append(f"title={_escape_property(f'{d.severity.value}[{d.code}]')}")
        text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        out.append(f"::{d.severity.value} {','.join(props)}::{_escape_data(text)}\n")
    return "".join(out)
