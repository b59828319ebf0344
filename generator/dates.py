"""Partial dates: ``2021-08-15``, ``2021-08``, ``2021`` and decades such as ``1990s``.

``parse_partial_date`` refuses anything else with a message saying the expected form; it never
guesses (``21-8-15`` or ``Aug 2021`` are errors, not dates).
"""

from __future__ import annotations

import calendar
import re

from generator.model import PartialDate, Precision

__all__ = ["DATE_FORMS", "ends_before", "parse_partial_date"]

DATE_FORMS = '"YYYY-MM-DD", "YYYY-MM", "YYYY" or a decade such as "1990s"'

_DATE = re.compile(
    r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?|(?P<decade>[0-9]{3}0)s"
)


def parse_partial_date(text: str) -> PartialDate:
    """Parse one of the four forms; raise ``ValueError`` with a readable reason otherwise."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a date in a supported form")
    if match["decade"]:
        return PartialDate(int(match["decade"]), precision=Precision.DECADE)
    year = int(match["y"])
    if year == 0:
        raise ValueError(f"'{text}': there is no year 0")
    if match["m"] is None:
        return PartialDate(year, precision=Precision.YEAR)
    month = int(match["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}': there is no month {month}")
    if match["d"] is None:
        return PartialDate(year, month, precision=Precision.MONTH)
    day = int(match["d"])
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"'{text}': {calendar.month_name[month]} {year} has {last} days, not {day}"
        )
    return PartialDate(year, month, day, Precision.DAY)


def _last_day(date: PartialDate) -> tuple[int, int, int]:
    """The latest day a partial date may mean, as (year, month, day)."""
    if date.precision is Precision.DECADE:
        return (date.year + 9, 12, 31)
    if date.precision is Precision.YEAR:
        return (date.year, 12, 31)
    if date.precision is Precision.MONTH:
        return (date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return (date.year, date.month, date.day)


def ends_before(end: PartialDate, start: PartialDate) -> bool:
    """True when ``end`` surely lies before ``start``: its last possible day is earlier than
    the first possible day of ``start`` (``2021-08`` does not end before ``2021-08-15``)."""
    return _last_day(end) < (start.year, max(start.month, 1), max(start.day, 1))
