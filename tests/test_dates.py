from __future__ import annotations

import pytest

from generator.dates import parse_partial_date
from generator.model import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "iso", "display", "precision"),
    [
        ("2021-08-15", "2021-08-15", "15 August 2021", Precision.DAY),
        ("2021-08", "2021-08", "August 2021", Precision.MONTH),
        ("2021", "2021", "2021", Precision.YEAR),
        ("1990s", "1990s", "the 1990s", Precision.DECADE),
        ("2020-02-29", "2020-02-29", "29 February 2020", Precision.DAY),
        ("0953", "0953", "953", Precision.YEAR),
    ],
)
def test_forms(text: str, iso: str, display: str, precision: Precision) -> None:
    date = parse_partial_date(text)
    assert (date.iso, date.display, date.precision) == (iso, display, precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021-02-29", "February 2021 has 28 days, not 29"),
        ("2021-04-31", "April 2021 has 30 days, not 31"),
        ("2021-13", "there is no month 13"),
        ("2021-00-10", "there is no month 0"),
        ("0000", "there is no year 0"),
        ("1995s", "not a date in a supported form"),
        ("21-08-15", "not a date in a supported form"),
        ("Aug 2021", "not a date in a supported form"),
        ("2021/08/15", "not a date in a supported form"),
        ("2021-8-15", "not a date in a supported form"),
        ("", "not a date in a supported form"),
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_partial_date(text)


def test_chronological_order_mixes_precisions() -> None:
    dates = [parse_partial_date(t) for t in ("2021-08-15", "1990s", "2021", "2021-08", "2001")]
    assert [d.iso for d in sorted(dates)] == ["1990s", "2001", "2021", "2021-08", "2021-08-15"]
    assert PartialDate(2021, 8, 15) == parse_partial_date("2021-08-15")
