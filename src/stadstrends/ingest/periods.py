"""Parse CBS period labels and keys into (year, period_type, part, provisional)."""

from __future__ import annotations

import re
from typing import NamedTuple

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_ORDINALS = {"1e": 1, "2e": 2, "3e": 3, "4e": 4, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}


class Period(NamedTuple):
    year: int | None
    period_type: str  # "year", "half", "quarter", "month" or "unknown"
    part: int | None  # half (1-2), quarter (1-4) or month (1-12); None for a year
    provisional: bool = False


_CODE = re.compile(r"^(\d{4})(JJ|KW|HJ|MM|X0)(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(\*{0,2})$")
_MONTH = re.compile(r"^(\d{4}) ([a-z]+)(\*{0,2})$")
_PART_FIRST = re.compile(r"^(1e|2e|3e|4e) (half ?jaar|kwartaal) (\d{4})(\*{0,2})$")
_PART_LAST = re.compile(r"^(\d{4}) (eerste|tweede|derde|vierde) (helft|kwartaal)(\*{0,2})$")


def parse_period(raw: str) -> Period:
    """Parse a period label (``2019``, ``2010 december``, ``1e halfjaar 2019``,
    ``2e kwartaal 2015``, ``2024 eerste helft``) or an OData key (``2019JJ00``, ``2019KW02``,
    ``2019HJ01``, ``2019MM12``). A trailing ``*`` marks a provisional figure.
    Unknown forms give ``Period(None, "unknown", None)``."""
    text = " ".join(str(raw).strip().lower().split())
    if m := _CODE.match(text.upper()):
        year, kind, num = int(m[1]), m[2], int(m[3])
        if kind == "JJ":
            return Period(year, "year", None)
        if kind == "KW":
            return Period(year, "quarter", num)
        if kind == "HJ":
            return Period(year, "half", num)
        if kind == "MM":
            return Period(year, "month", num)
        return Period(year, "unknown", None)
    if m := _YEAR.match(text):
        return Period(int(m[1]), "year", None, bool(m[2]))
    if (m := _MONTH.match(text)) and m[2] in MONTHS:
        return Period(int(m[1]), "month", MONTHS[m[2]], bool(m[3]))
    if m := _PART_FIRST.match(text):
        kind = "quarter" if m[2] == "kwartaal" else "half"
        return Period(int(m[3]), kind, _ORDINALS[m[1]], bool(m[4]))
    if m := _PART_LAST.match(text):
        kind = "quarter" if m[3] == "kwartaal" else "half"
        return Period(int(m[1]), kind, _ORDINALS[m[2]], bool(m[4]))
    return Period(None, "unknown", None)
