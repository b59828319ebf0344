"""The vocabulary of typed relations between entities, with the label shown on each side.

A relation is written once, on one entity; its inverse is shown on the target's page.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from msgspec import Struct

__all__ = ["RELATION_TYPES", "RelationType"]


class RelationType(Struct, frozen=True):
    """How a relation reads from its subject and from its target."""

    name: str
    """The value written in ``type``."""
    label: str
    """Read from the subject: "child of"."""
    inverse: str
    """Read from the target: "parent of"."""


RELATION_TYPES: Mapping[str, RelationType] = MappingProxyType(
    {
        t.name: t
        for t in (
            RelationType("child-of", "child of", "parent of"),
            RelationType("parent-of", "parent of", "child of"),
            RelationType("leads", "leads", "led by"),
            RelationType("member-of", "member of", "has member"),
            RelationType("spokesperson-for", "spokesperson for", "spokesperson"),
            RelationType("deputy-of", "deputy of", "deputy"),
            RelationType("opposes", "opposes", "opposed by"),
            RelationType("allied-with", "allied with", "allied with"),
            RelationType("negotiates-with", "negotiates with", "negotiates with"),
            RelationType("part-of", "part of", "includes"),
            RelationType("based-in", "based in", "base of"),
            RelationType("successor-of", "successor of", "predecessor of"),
        )
    }
)
