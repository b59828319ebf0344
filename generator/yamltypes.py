"""The YAML node types (``YScalar``, ``YMap``, ``YSeq``) and what YAML would have made of a
scalar (:func:`yaml11_type`). Nodes are made by ``yamlnodes`` and ``yamlblock``; nothing here
parses or reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple, TypeAlias

import yaml

from generator.diagnostics import Location

__all__ = [
    "MAX_DEPTH",
    "ScalarStyle",
    "YMap",
    "YNode",
    "YScalar",
    "YSeq",
    "YamlType",
    "yaml11_type",
]

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted (E027 beyond)."""

ScalarStyle: TypeAlias = Literal["plain", "quoted", "block"]
YamlType: TypeAlias = Literal["str", "bool", "null", "int", "float", "timestamp"]

_TAG_TYPES: Mapping[str, YamlType] = {
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
# YAML 1.2 core-schema numbers that YAML 1.1 leaves as strings (1e3, 0o17, 09): other tools
# and editors read them as numbers, so they are just as surprising.
_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_RESOLVERS: Mapping[str | None, Sequence[tuple[str, re.Pattern[str]]]] = (
    yaml.SafeLoader.yaml_implicit_resolvers
)
_RESOLVER_STARTS = frozenset({"", *(k for k in _RESOLVERS if k is not None), *"0123456789+-."})

# The node types are named tuples, not frozen dataclasses: a project has hundreds of
# thousands of nodes, and a tuple is made in half the time.


class YScalar(NamedTuple):
    """A scalar exactly as written: its text after YAML unescaping, never converted."""

    value: str
    """The text (escapes and folding applied, as YAML defines them)."""
    style: ScalarStyle
    """``plain`` (unquoted), ``quoted`` (single or double) or ``block`` (``|`` or ``>``)."""
    location: Location
    """Where the scalar (or its first property) starts."""


class YMap(NamedTuple):
    """A mapping: string keys, unique, in file order."""

    items: tuple[tuple[YScalar, YNode], ...]
    """``(key, value)`` pairs in file order; keys are unique."""
    location: Location
    """Where the mapping starts (its first key, or the ``{``)."""

    def get(self, key: str) -> YNode | None:
        """The value under ``key``, or None when there is no such key."""
        for name, value in self.items:
            if name.value == key:
                return value
        return None


class YSeq(NamedTuple):
    """A sequence (list)."""

    items: tuple[YNode, ...]
    """The items, in file order."""
    location: Location
    """Where the list starts (its first ``-``, or the ``[``)."""


YNode: TypeAlias = YScalar | YMap | YSeq


def yaml11_type(scalar: YScalar) -> YamlType:
    """What YAML would have made of ``scalar``: ``str`` unless a plain scalar looks like more.

    Follows PyYAML's SafeLoader implicit resolvers (YAML 1.1: ``yes``/``No``/``ON`` booleans,
    ``~``/``null``/empty nulls, ``0755`` octal, ``0x1F``, ``0b101``, ``1:30`` sexagesimal,
    ``1.10``/``.inf``/``.nan`` floats, ``2021-08-15`` timestamps), widened by the YAML 1.2
    core-schema numbers (``1e3``, ``0o17``, ``09``) that other YAML readers convert. Quoted
    and block scalars are always ``str``.
    """
    if scalar.style != "plain":
        return "str"
    value = scalar.value
    if value[:1] not in _RESOLVER_STARTS:
        return "str"  # no resolver and no number starts with this character
    table = _RESOLVERS
    for tag, regexp in (*table.get(value[:1], ()), *table.get(None, ())):
        if regexp.match(value):
            return _TAG_TYPES.get(tag, "str")
    if _YAML12_INT.fullmatch(value):
        return "int"
    if _YAML12_FLOAT.fullmatch(value):
        return "float"
    return "str"
