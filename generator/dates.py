"""Partial dates: ``2021-08-15``, ``2021-08``, ``2021`` and decades such as ``1990s``.

``parse_partial_date`` refuses anything else with a message saying the expected form; it never
guesses (``21-8-15`` or ``Aug 2021`` are errors, not dates).
"""

from __future__ import annotations

import calendar
import re

from generator.model import PartialDate, Precision

__all__ = ["DATE_FORMS", "parse_partial_date"]

DATE_FORMS = '"YYYY-MM-DD", "YYYY-MM", "YYYY" or a decade such as "1990s"'

_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|(?P<decade>\d{3}0)s")


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
