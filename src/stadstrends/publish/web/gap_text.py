"""The dashboard's city-versus-ommeland figure in words (the tweedeling rows of the city
page): '12% hoger', '0,9 %-punt lager', 'gelijk'."""

from __future__ import annotations

import math
from typing import Any

from stadstrends.publish.format import fmt_number
from stadstrends.publish.web import units
from stadstrends.publish.web.i18n import texts


def gap_words(row: dict[str, Any], lang: str) -> str:
    """The city against its ommeland in words: as a ratio, '12% hoger' (the tweedeling's
    relative measure); a measure that can be negative (growth, a migration balance:
    ``indicators.signed``) as a difference, '0,9 %-punt lager' (a ratio of two growth
    rates, '98% lager', says nothing)."""
    city, omm, unit = row.get("city_value"), row.get("ommeland_value"), row["unit"]
    places = units.digits([city, omm], unit, True, decimals=row.get("decimals"))
    if row.get("signed"):
        if city is None or omm is None:
            return "–"
        diff = city - omm
        shown = units.change(abs(diff), unit, lang, places=places).lstrip("+")
        if units.show(city, unit, lang, places) == units.show(omm, unit, lang, places):
            return texts(lang)["gap_equal"]  # equal as shown, not '0,0 %-punt hoger'
        return f"{shown} {texts(lang)['gap_higher' if diff > 0 else 'gap_lower']}"
    return relative_gap(row.get("ratio"), lang)


def relative_gap(ratio: float | None, lang: str) -> str:
    """The city relative to its ommeland in plain words: '12% hoger', '3,5% lager',
    'gelijk'; '–' without a ratio (an ommeland value of zero has none)."""
    if ratio is None or not math.isfinite(ratio):
        return "–"
    pct = (ratio - 1) * 100
    digits = 0 if abs(pct) >= 9.95 else 1  # as in the report: '7%', '0,4%'
    shown = fmt_number(abs(pct), digits, lang)
    if shown.strip("0,.") == "":
        return texts(lang)["gap_equal"]
    return f"{shown}% {texts(lang)['gap_higher' if pct > 0 else 'gap_lower']}"
