from __future__ import annotations

import pytest

from generator.ids import did_you_mean, is_valid_id, suggest_id


@pytest.mark.parametrize("value", ["a", "ahmad-massoud", "tass-2021-09-05", "x" * 64, "a1-b2"])
def test_valid(value: str) -> None:
    assert is_valid_id(value)


@pytest.mark.parametrize(
    "value",
    ["", "..", "../etc", "a/b", "A", "a_b", "a--b", "-a", "a-", "a b", "x" * 65, "é", "a.b"],
)
def test_invalid(value: str) -> None:
    assert not is_valid_id(value)


@pytest.mark.parametrize(
    ("value", "slug"),
    [("Ahmad Massoud", "ahmad-massoud"), ("Ulema Council (Kabul)", "ulema-council-kabul"),
     ("Çağri_Şen", "cagri-sen"), ("../../etc", "etc"), ("!!!", "item")],
)  # fmt: skip
def test_suggest(value: str, slug: str) -> None:
    assert suggest_id(value) == slug
    assert is_valid_id(suggest_id(value))


def test_did_you_mean() -> None:
    assert did_you_mean("masoud", ["massoud", "taliban"]) == "did you mean 'massoud'?"
    assert did_you_mean("zzz", ["massoud"]) == ""
    assert did_you_mean("Taliban", ["taliban"], noun="actor") == "did you mean actor 'taliban'?"
