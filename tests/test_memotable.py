"""MemoTable: made once per key, pruned to the keys asked for, and telling when it changed."""

from __future__ import annotations

import functools

from generator.memotable import MemoTable


def test_a_value_is_made_once_per_key() -> None:
    made: list[str] = []
    table: MemoTable[str, int | None] = MemoTable()

    def make(key: str) -> int | None:
        made.append(key)
        return None if key == "none" else len(made)

    for key in ("a", "b", "a", "none", "none"):
        table.get(key, functools.partial(make, key))
    assert made == ["a", "b", "none"]
    assert table.entries == {"a": 1, "b": 2, "none": None}
    assert table.get("a", lambda: 99) == 1
    assert table.changed and len(table) == 3


def test_prune_keeps_what_was_asked_for_since_the_last_prune() -> None:
    table = MemoTable({"a": 1, "b": 2, "c": 3})
    assert not table.changed
    table.get("a", lambda: 0)
    table.get("c", lambda: 0)
    table.prune()
    assert table.entries == {"a": 1, "c": 3} and table.changed
    table.changed = False
    table.get("a", lambda: 0)
    table.get("c", lambda: 0)
    table.prune()
    assert table.entries == {"a": 1, "c": 3} and not table.changed, "nothing dropped"
    table.prune()
    assert table.entries == {} and table.changed, "nothing asked for since the last prune"


def test_a_table_read_whole_is_unchanged() -> None:
    table = MemoTable({"a": 1})
    assert table.get("a", lambda: 2) == 1
    table.prune()
    assert not table.changed and list(table.values()) == [1]


def test_find_keep_and_put_for_values_checked_before_reuse() -> None:
    """``find`` looks without asking; what is neither kept nor put again is pruned."""
    table = MemoTable({"a": 1, "b": 2, "c": 3})
    assert table.find("a") == 1 and table.find("z") is None
    table.keep("a")
    table.keep("z")  # no such key: nothing to keep
    table.put("b", 20)
    table.prune()
    assert table.entries == {"a": 1, "b": 20} and table.changed
    table.changed = False
    table.keep("a")
    table.keep("b")
    table.prune()
    assert table.entries == {"a": 1, "b": 20} and not table.changed


def test_changes_counts_entries_added_replaced_and_pruned() -> None:
    table = MemoTable({"a": 1, "b": 2, "c": 3})
    assert table.changes == 0
    table.get("a", lambda: 0)  # found: no change
    table.get("d", lambda: 4)  # made
    table.put("c", 30)  # replaced
    table.keep("b")
    assert table.changes == 2
    table.prune()  # nothing dropped: a, b, c and d were all asked for
    assert table.changes == 2
    table.get("a", lambda: 0)
    table.prune()  # b, c and d dropped
    assert table.changes == 5 and table.entries == {"a": 1}
