"""Parse CBS period labels and keys into (year, period_type, part, provisional).

CBS writes periods as keys (OData: ``2019JJ00``, ``2019KW01``, ``2019MM12``, ``2019HJ01``,
``2019X000``, weeks ``2019W101``) and as titles in several orders and spellings (``2019``,
``2010 december``, ``december 2010``, ``1e kwartaal 2019``, ``2019 1e kwartaal``,
``1e halfjaar 2019``, ``1e half jaar 2019``, ``2024 eerste helft``, ``2019 week 5``), with
``*`` (voorlopig) or ``**`` (nader voorlopig) appended. Both marks are *provisional*:
stored as ``voorlopig`` and ``nader voorlopig`` (:data:`PROVISIONAL`), like CBS's period
``Status`` Voorlopig and NaderVoorlopig. A form that is none of these parses to
``Period(None, "unknown", None)``; the build counts and names those
(:func:`unknown_periods`), it never drops them silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_ORDINALS = {"1e": 1, "2e": 2, "3e": 3, "4e": 4, "eerste": 1, "tweede": 2, "derde": 3,
             "vierde": 4}
#: stored statuses that mean provisional
PROVISIONAL = ("voorlopig", "nader voorlopig")


class Period(NamedTuple):
    year: int | None
    period_type: str  # "year", "half", "quarter", "month", "week", "other" or "unknown"
    part: int | None  # half (1-2), quarter (1-4), month (1-12) or week; None for a year
    provisional: bool = False


_CODE = re.compile(r"^(\d{4})(JJ|KW|HJ|MM|X0|W\d)(\d{2})$")
_STARS = r"\s*(?P<stars>\*{0,2})"
_ORD = r"(1e|2e|3e|4e|eerste|tweede|derde|vierde)"
_KIND = r"(half ?jaar|helft|kwartaal)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?P<year>\d{{4}}){_STARS}$"), "year"),
    (re.compile(rf"^(?P<year>\d{{4}}) (?P<month>[a-z]+){_STARS}$"), "month"),
    (re.compile(rf"^(?P<month>[a-z]+) (?P<year>\d{{4}}){_STARS}$"), "month"),
    (re.compile(rf"^(?P<ord>{_ORD[1:-1]}) (?P<kind>{_KIND[1:-1]}) (?P<year>\d{{4}}){_STARS}$"),
     "part"),
    (re.compile(rf"^(?P<year>\d{{4}}) (?P<ord>{_ORD[1:-1]}) (?P<kind>{_KIND[1:-1]}){_STARS}$"),
     "part"),
    (re.compile(rf"^(?P<year>\d{{4}}) week (?P<week>\d{{1,2}}){_STARS}$"), "week"),
    (re.compile(rf"^week (?P<week>\d{{1,2}}) (?P<year>\d{{4}}){_STARS}$"), "week"),
]


def _from_code(m: re.Match[str]) -> Period:
    year, kind, num = int(m[1]), m[2], int(m[3])
    if kind == "JJ":
        return Period(year, "year", None)
    if kind == "KW" and 1 <= num <= 4:
        return Period(year, "quarter", num)
    if kind == "HJ" and 1 <= num <= 2:
        return Period(year, "half", num)
    if kind == "MM" and 1 <= num <= 12:
        return Period(year, "month", num)
    if kind == "X0":  # CBS's code for a period that is no year, half, quarter or month
        return Period(year, "other", num)
    if kind.startswith("W") and num <= 53:
        return Period(year, "week", num)
    return Period(None, "unknown", None)


def parse_period(raw: str) -> Period:
    """Parse a period label or OData key (see the module docstring). A trailing ``*`` or
    ``**`` marks a provisional figure. Unknown forms give ``Period(None, "unknown", None)``."""
    text = " ".join(str(raw).strip().lower().split())
    if m := _CODE.match(text.upper()):
        return _from_code(m)
    for pattern, form in _PATTERNS:
        if not (m := pattern.match(text)):
            continue
        year, provisional = int(m["year"]), bool(m["stars"])
        if form == "year":
            return Period(year, "year", None, provisional)
        if form == "month":
            if m["month"] not in MONTHS:
                continue
            return Period(year, "month", MONTHS[m["month"]], provisional)
        if form == "week":
            return Period(year, "week", int(m["week"]), provisional)
        kind = "quarter" if m["kind"] == "kwartaal" else "half"
        part = _ORDINALS[m["ord"]]
        if kind == "half" and part > 2:
            continue
        return Period(year, kind, part, provisional)
    return Period(None, "unknown", None)


def canonical_status(raw: str | None) -> str | None:
    """CBS status words as stored, lower case with spaces: ``NaderVoorlopig`` and
    ``Nader voorlopig`` -> ``nader voorlopig`` (provisional, like ``voorlopig``)."""
    if raw is None:
        return None
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(raw).strip()).lower()
    return " ".join(text.split()) or None


def status_of(raw_period: str) -> str:
    """The status a period label states by itself: ``**`` nader voorlopig, ``*`` voorlopig."""
    text = str(raw_period).strip()
    if text.endswith("**"):
        return "nader voorlopig"
    return "voorlopig" if text.endswith("*") else "definitief"


def unknown_periods(raw_periods: Iterable[str]) -> list[str]:
    """The period forms among ``raw_periods`` that :func:`parse_period` cannot read."""
    return sorted({str(p) for p in raw_periods if parse_period(p).period_type == "unknown"})
