"""The sentence on a projection (a catalogue ``projection: true`` series, e.g. the
population forecast): from its own figure for its first year, the observed one beside it,
to the horizon. Takes the report's :class:`~stadstrends.publish.sentences.Writer`."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from stadstrends.publish.format import round_half_away
from stadstrends.publish.harmonised import source_precision
from stadstrends.publish.read import records
from stadstrends.publish.sentence_cites import Sentence
from stadstrends.publish.sentence_numbers import (
    change_unit,
    number,
    printed_difference,
    shared_digits,
)

if TYPE_CHECKING:
    import duckdb

    from stadstrends.publish.sentences import Writer


def forecasts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[tuple]]:
    """The forecasts behind the projection indicators ``ids``: indicator -> [(first year,
    last year, year made)], one per CBS table, the year made the one before the table's
    first year (CBS names a forecast by it: 82220NED 'prognose 2013-2040' from 2014 on,
    85171NED 'prognose 2022-2050' from 2023 on)."""
    out: dict[str, list[tuple]] = {}
    for r in records(con, """
            SELECT indicator_id, min(year) AS first, max(year) AS last FROM indicator_values
            WHERE list_contains($1, indicator_id) GROUP BY indicator_id, source_tables
            ORDER BY 1, 2""", [ids]):
        out.setdefault(r["indicator_id"], []).append(
            (int(r["first"]), int(r["last"]), int(r["first"]) - 1))
    return out


def made_in(spans: list[tuple], year: int) -> int | None:
    """The year the forecast giving ``year`` was made (:func:`forecasts` spans), or None."""
    return next((m for a, b, m in spans if a <= year <= b), None)

def projection_sentence(w: Writer, f: dict, start: dict, end: dict,
                        observed: dict | None = None, made: int | None = None) -> Sentence:
    """A projection from ``start`` (its own figure for its first year from the last
    observed year on) to ``end`` (the horizon), with the ``observed`` figure beside its
    first year, also where the two print the same: 'van 162.700 in 2026 (waargenomen:
    163.764) naar 179.000 in 2050'; Deventer's 65-plussers 'van 19,3% in 2024 (waargenomen:
    19,3%)', the forecast's 19,27 beside the observed 19,25 (it read 'van 19,3% in 2024',
    as if observed, while its population line said which was which). A path never starts
    from an observed figure: Amersfoort's read
    'van 163.764 in 2026 naar 179.000 in 2050', 163.764 being the register's count and
    CBS's forecast for 2026 (85171NED) 162.700 (Leeuwarden 130.162 against 129.400); before
    that, Zwolle's an observed start with a projected end (a change 4 000 too large). A unit
    in words is printed once, at the horizon ('from 162,700 in 2026 (observed: 163,764) to
    179,000 inhabitants in 2050', not 'inhabitants' three times). A forecast ``made`` before
    the build's first fresh year (``f['fresh_from']``, the rule that marks old figures
    'verouderd') says so after its title: 'Prognose aandeel 65-plussers (prognose uit 2013,
    verouderd): ...' (Maastricht's, from 82220NED, read as current; only the notes below
    said 'verouderde prognose')."""
    s = Sentence("", indicator_id=f["indicator_id"])
    shown = [start, end] + ([observed] if observed is not None else [])
    f = {**f, "digits": shared_digits([x["value"] for x in shown], f["unit"],
                                     decimals=f.get("decimals"))}
    a = w._val(s, {**f, "indicator_id": start["indicator_id"]}, start["year"], "value",
               start["value"], unit=False)
    y0 = w._year(s, start["year"])
    if observed is not None:  # printed alike or not: the reader sees both
        seen = w._val(s, {**f, "indicator_id": observed["indicator_id"]},
                      observed["year"], "value", observed["value"], unit=False)
        aside = (w.t("observed_aside", value=seen) if observed["year"] == start["year"]
                 else w.t("observed_aside_year", value=seen,
                          year=w._year(s, observed["year"])))
        y0 = f"{y0} ({aside})"
    b = w._val(s, f, end["year"], "value", end["value"])
    y1 = w._year(s, end["year"])
    fresh = f.get("fresh_from")
    title = f["title"]
    if made is not None and fresh and made < fresh:
        title = f"{title} ({w.t('projection_made_stale', year=w._year(s, made))})"
    s.text = w.t("projection", title=title, first=a, y0=y0, last=b, y1=y1)
    apart = off_observed(w, s, f, start, observed)
    if apart:
        s.text = f"{s.text} {apart}"
    return s


def off_observed(w: Writer, s: Sentence, f: dict, start: dict,
                 observed: dict | None) -> str:
    """'De prognose ligt in 2026 al 1.900 inwoners onder het waargenomen aantal.' where the
    forecast's first year is observed too and the two lie further apart than the forecast's
    rounding can explain: more than half CBS's unit of the forecast (``f['rounding']``: 100
    inhabitants), or than the printed unit of a share of rounded counts (0,1 procentpunt);
    the difference of the printed figures, to that unit, cited
    (``projection_gap``). Heerlen's 'van 85.900 in 2026 (waargenomen: 87.764) naar 82.400 in
    2050' did not say that the forecast starts 1 864 (2,1%) too low, and a reader took its
    fall of 3 500 at face value. '' where the two agree within the rounding."""
    if observed is None or observed["year"] != start["year"]:
        return ""
    year = int(start["year"])
    decimals = f.get("decimals")
    rounded = source_precision(f, year)  # CBS's unit of the forecast itself (a count)
    if decimals is None:  # the catalogue's default: a share to 0,1, a count whole
        decimals = 1 if f["unit"] == "%" else 0
    unit = rounded or 10.0 ** -decimals
    gap = observed["value"] - start["value"]
    # a forecast to CBS's unit lies within half of it; a share of two rounded counts
    # (82220NED's 65-plussers) is no finer than its printed unit: a whole one
    if abs(gap) <= (unit / 2 if rounded else unit) + 1e-9:
        return ""
    # as a reader subtracts the printed figures (21,7% against 22,1%: 0,4, not the 0,3 of
    # the unrounded ones), to the forecast's unit (85.900 against 87.764: 1.900)
    shown_gap = printed_difference(start["value"], observed["value"], f.get("digits") or 0)
    size = round_half_away(abs(shown_gap) / unit) * unit
    digits = max(0, -math.floor(math.log10(unit) + 1e-9))
    shown = w.cite(s, f["indicator_id"], year, "projection_gap", abs(gap),
                   number(size, "" if f["unit"] == "%" else f["unit"], w.lang, digits),
                   precision=unit)  # percentage points, not '0,4% procentpunt'
    words = change_unit(f["unit"], w.lang, shown=shown)
    return w.t("projection_off_observed", year=w._year(s, year),
               gap=f"{shown} {words}".strip(),
               side=w.t("projection_below" if gap > 0 else "projection_above"),
               what=w.t("projection_observed_share" if f["unit"] == "%"
                        else "projection_observed_count"))
