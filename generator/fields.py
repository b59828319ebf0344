"""Reading typed fields out of YAML nodes, reporting every mistake with its location.

The validator describes each kind of file as calls on a :class:`MapReader`; the reader checks
unknown keys (with did-you-mean), missing keys, node types and YAML 1.1 surprises, and raises
:class:`~generator.diagnostics.ContentError` for the one field at fault. Nothing is converted
behind the author's back: a value YAML 1.1 would read as a boolean, a number, a null or a date
must be quoted where a string is expected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from generator.diagnostics import ContentError, Diagnostic, Diagnostics, Location, Severity
from generator.ids import did_you_mean, is_valid_id, suggest_id
from generator.yamltypes import YMap, YNode, YScalar, YSeq, yaml11_type

__all__ = ["Dropped", "MapReader", "fail", "guarded", "node_kind", "read_id", "read_str"]

T = TypeVar("T")
P = ParamSpec("P")

_READS_AS = {
    "bool": "a boolean",
    "null": "null (nothing)",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
}


def fail(location: Location, code: str, message: str, hint: str = "") -> ContentError:
    """The one way validation code makes an error (raise what it returns)."""
    return ContentError(Diagnostic(location, Severity.ERROR, code, message, hint))


def node_kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return "a string" if yaml11_type(node) == "str" else _READS_AS[yaml11_type(node)]


def read_str(node: YNode, what: str, *, allow_empty: bool = False) -> str:
    """A string: a scalar that YAML 1.1 reads as a string, or one that was quoted."""
    if not isinstance(node, YScalar):
        raise fail(node.location, "E103", f"{what} must be a string, not {node_kind(node)}")
    kind = yaml11_type(node)
    if kind != "str":
        if kind == "null":
            shown = f" ('{node.value}' means nothing in YAML)" if node.value.strip() else ""
            raise fail(
                node.location, "E105", f"{what} is empty{shown}", "write a value or remove the key"
            )
        raise fail(
            node.location,
            "E104",
            f"{what} '{node.value}' would be read by YAML as {_READS_AS[kind]}",
            f'quote it: "{node.value}"',
        )
    if not allow_empty and not node.value.strip():
        raise fail(node.location, "E105", f"{what} is empty", "write a value or remove the key")
    return node.value


def read_id(node: YNode, what: str) -> str:
    """An id in a reference field: a lowercase slug that cannot become a path."""
    value = read_str(node, what)
    if not is_valid_id(value):
        raise fail(
            node.location,
            "E107",
            f"{what} '{value}' is not a valid id",
            f"ids are lowercase slugs like '{suggest_id(value)}'",
        )
    return value


class Dropped(Exception):
    """An item whose own errors were already recorded: it drops out with no new message."""


def guarded(
    diags: Diagnostics, action: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Run ``action(*args, **kwargs)``; on ContentError record it and return None (the item
    drops out)."""
    try:
        return action(*args, **kwargs)
    except ContentError as error:
        diags.add(error.diagnostic)
        return None
    except Dropped:
        return None


class MapReader:
    """Typed access to one YAML mapping whose keys are fixed."""

    def __init__(
        self,
        node: YNode,
        what: str,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        diags: Diagnostics,
    ) -> None:
        if not isinstance(node, YMap):
            raise fail(node.location, "E103", f"{what} must be a mapping, not {node_kind(node)}")
        self.node = node
        self.location = node.location
        self.what = what
        self.diags = diags
        self._values: dict[str, tuple[YScalar, YNode]] = {}
        allowed = (*required, *optional)
        misspelt: set[str] = set()
        for key, value in node.items:
            if key.value not in allowed:
                hint = did_you_mean(key.value, allowed)
                misspelt.update(name for name in allowed if f"'{name}'" in hint)
                diags.error(
                    key.location,
                    "E101",
                    f"unknown key '{key.value}' in {what}",
                    hint or f"allowed keys: {', '.join(sorted(allowed))}",
                )
                continue
            self._values[key.value] = (key, value)
        for name in required:
            if name not in self._values and name not in misspelt:
                diags.error(
                    node.location,
                    "E102",
                    f"{what} has no '{name}'",
                    f"add '{name}:' (required)",
                )

    def has(self, key: str) -> bool:
        return key in self._values

    def get(self, key: str) -> YNode | None:
        """The value node, or None when the key is absent."""
        entry = self._values.get(key)
        return entry[1] if entry else None

    def read(self, key: str, parse: Callable[[YNode], T]) -> T | None:
        """``parse`` the value if the key is present; a failure is recorded, None returned."""
        node = self.get(key)
        return None if node is None else guarded(self.diags, parse, node)

    def string(self, key: str, *, allow_empty: bool = False) -> str | None:
        node = self.get(key)
        if node is None:
            return None
        if isinstance(node, YScalar) and node.value.strip() and yaml11_type(node) == "str":
            return node.value  # what read_str gives, without making its label
        return guarded(self.diags, read_str, node, f"'{key}'", allow_empty=allow_empty)

    def items(self, key: str) -> Iterator[YNode]:
        """The items of a list field (a missing key is an empty list)."""
        node = self.get(key)
        if node is None:
            return iter(())
        if isinstance(node, YScalar) and yaml11_type(node) == "null" and not node.value:
            return iter(())
        if not isinstance(node, YSeq):
            hint = (
                f"write a list, e.g. '{key}: [{node.value}]', or one '- ' item per line"
                if isinstance(node, YScalar)
                else f"write a list: one '- ' item per line under '{key}:'"
            )
            self.diags.error(
                node.location, "E103", f"'{key}' must be a list, not {node_kind(node)}", hint
            )
            return iter(())
        return iter(node.items)
