"""memotable: one table of a stage's memo (``memo.CheckMemo`` holds them all).

A table keeps what a stage made, by key, for a later run to reuse. It also remembers which
keys were asked for since its last :meth:`MemoTable.prune`, so that pruning forgets the
rest (a memo never grows past what the project holds), and whether anything was added or
dropped since it was made (``cache`` writes a memo back only then).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

__all__ = ["MemoTable"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class MemoTable(Generic[K, V]):
    """Values by key, made on first request; see the module's text."""

    __slots__ = ("changed", "changes", "entries", "used")

    def __init__(self, entries: dict[K, V] | None = None) -> None:
        self.entries: dict[K, V] = {} if entries is None else entries
        self.used: set[K] = set()
        self.changed = False
        """Something was added or pruned since the table was made."""
        self.changes = 0
        """How many entries were added, replaced or pruned since the table was made."""

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``, made by ``make()`` the first time it is asked for."""
        self.used.add(key)
        try:
            return self.entries[key]
        except KeyError:
            value = self.entries[key] = make()
            self.changed = True
            self.changes += 1
            return value

    def find(self, key: K) -> V | None:
        """The value for ``key`` if there is one, else None; not counted as asked for (the
        caller says :meth:`keep` if it is still good, or :meth:`put` a new one)."""
        return self.entries.get(key)

    def keep(self, key: K) -> None:
        """Count ``key`` as asked for: its value is still wanted (a key without a value is
        left alone, so that what was asked for stays a part of what is kept)."""
        if key in self.entries:
            self.used.add(key)

    def put(self, key: K, value: V) -> None:
        """Keep ``value`` for ``key`` (counted as asked for), in place of any before."""
        self.used.add(key)
        self.entries[key] = value
        self.changed = True
        self.changes += 1

    def prune(self) -> None:
        """Forget the keys not asked for since the last prune."""
        if len(self.used) != len(self.entries):  # every key asked for is an entry
            kept = {k: v for k, v in self.entries.items() if k in self.used}
            self.changes += len(self.entries) - len(kept)
            self.entries = kept
            self.changed = True
        self.used = set()

    def values(self) -> Iterator[V]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)
