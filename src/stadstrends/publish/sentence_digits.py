"""The decimals a sentence of :class:`~stadstrends.publish.sentences.Writer` prints an
indicator's figures with: the figures it prints share one number of decimals
(:func:`~stadstrends.publish.sentence_numbers.shared_digits`)."""

from __future__ import annotations

import math

from stadstrends.publish.sentence_jumps import after_figures, leads
from stadstrends.publish.sentence_numbers import (
    MAX_DIGITS,
    agrees,
    relative_digits,
    shared_digits,
)


def figures(f: dict, level: bool, bench: dict | None) -> list[float | None]:
    """The figures of ``f`` that :meth:`Writer.indicator` prints (not its gap sentence): the
    trend's first and last, else or with ``level`` the benchmark's value, with a ``bench``
    its group median and ommeland (sizes have none)."""
    t, b = f.get("trend"), f.get("bench")
    shown = ([] if leads(f) else [t["first_value"], t["last_value"]]) + after_figures(f) \
        if t else []
    if b and (level or not t):
        shown.append(b["value"])
    if bench:
        shown.append(bench["median"])
        if f.get("method") != "count":
            shown.append(bench.get("ommeland_value"))
    return shown


def digits_of(f: dict, level: bool, bench: dict | None) -> int:
    """The decimals :meth:`Writer.indicator` prints its figures with: the indicator's
    catalogue decimals (``f['decimals']``, whatever the figures); without them
    :func:`shared_digits`, raised where the trend's relative change would not agree with
    its printed levels (:func:`relative_digits`)."""
    if f.get("decimals") is not None:
        return int(f["decimals"])
    digits = shared_digits(figures(f, level, bench), f["unit"], f.get("signed"))
    t = f["jump_trend"] if leads(f) else f.get("trend")  # the change the sentence prints
    if t and not f.get("signed") and relative(t):
        digits = relative_digits(t["first_value"], t["last_value"], t["rel_change"], f["unit"],
                                 digits)
    return digits


def relative(t: dict) -> bool:
    """Whether the trend clause prints a relative change (see :meth:`Writer._delta`)."""
    first, last, rel = t.get("first_value"), t.get("last_value"), t.get("rel_change")
    return (first is not None and last is not None and first * last > 0
            and rel is not None and math.isfinite(rel))


def gap_digits(f: dict) -> int:
    """The decimals of a gap sentence's levels (the city's and the ommeland's of the last
    year, ``f['gap']``): the catalogue's, never more (what CBS publishes: 's-Hertogenbosch's
    lowest-10% households of 2023 print '9% ... (6%)', not '9,0% ... (5,7%)', its
    self-employed per 1 000 '85 ... (86)', not '85,0 ... (85,8)'; the relative gap is then
    CBS's unrounded one). Without catalogue decimals :func:`shared_digits`, raised (to at
    most :data:`MAX_DIGITS`) until the printed relative gap follows from the printed levels
    within one unit of its last digit (:func:`agrees`)."""
    g = f["gap"]
    city, omm = g.get("city_last"), g.get("omm_last")
    digits = shared_digits([city, omm], f["unit"], f.get("signed"), f.get("decimals"))
    rel = g.get("last_pct")
    catalogue = f.get("decimals") is not None and f["decimals"] == f["decimals"]  # not NaN
    if catalogue or city is None or omm is None or rel is None \
            or not math.isfinite(rel):
        return digits
    while digits < MAX_DIGITS and not agrees(omm, city, rel / 100, digits, units=1):
        digits += 1
    return digits


def gap_levels_agree(f: dict, digits: int) -> bool:
    """Whether a gap sentence prints the last year's two levels (``f['gap']``'s city_last
    and omm_last) with ``digits`` decimals beside its relative gap: only where a reader
    computing the gap from them finds the printed one within one unit of its last digit
    (:func:`agrees`); else it prints the relative gap alone ('in 2023 lag X 16% lager dan
    het ommeland'), as the catalogue's decimals allow no more precise levels."""
    g = f["gap"]
    city, omm, rel = g.get("city_last"), g.get("omm_last"), g.get("last_pct")
    if city is None or omm is None:
        return False
    if rel is None or not math.isfinite(rel):
        return True
    return agrees(omm, city, rel / 100, digits, units=1)
