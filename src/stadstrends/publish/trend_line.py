"""A trend's change along its Theil–Sen line where a raw end point is an outlier.

A trend sentence gives the change from the window's first to its last figure. Where one of
those two figures lies far off the line through all the window's years, that change
describes one exceptional year, not the trend: Vaals's new dwellings per 1 000, 60,1 in
2016 (315 dwellings, against 5 in 2015 and 2017) and 0,9 in 2023 read as '−99%' while the
line through 2016-2023 falls 3,5 a year. The rule (:func:`outlier_end`), on the tested
window's figures and the ``trends`` row's Theil–Sen slope ``b``:

1. the line: through the median year and the median figure with slope ``b`` (Conover's
   Theil–Sen intercept, as ``scipy.stats.theilslopes``), fitted values
   ``a + b * (year - first_year)``, residuals the figures minus those, their spread the
   median absolute residual;
2. the raw change misstates the line's when it differs from the change along the line
   between the window's first and last year by more than :data:`MISSTATE_SHARE` (three
   quarters) of that change (the raw change of the other sign, below a quarter of the
   line's or over one and three quarters of it). Vlieland's deaths per 1 000, 22,2 in
   2016 (24 deaths, against 14 in 2015 and 13 in 2017) and 7,7 in 2023 (on 1 January's
   population; CBS's rates since: 22,1 and 7,9, the line −7,4), read '−14,5 ...
   2016–2023' beside 'significante trend' where the line falls 7,2 over those years: twice
   the line's, which the rule's first form (more than the line's change itself) let pass by
   0,03. Not half: Zwolle's births, 12,3 in 2016 to 10,7 in 2023 (from 13,1 in 2014), 1,5
   times the line's, would have read '2016 ligt ver boven de trendlijn' of a fall the years
   before 2016 began;
3. and the first year lies more than :data:`OUTLIER_FACTOR` times the spread from the line
   (the first only: a last year off the line is the newest figure, which the sentence
   states as it is);
4. but not a first year whose year before (outside the window, no series break between)
   lies as far off the line on the same side: the window then starts on an old level and
   the series stepped after it (Vaals's dwellings, 5 555 in 2017 and 5 524 in 2018, then
   5 748 in 2019), so the change between the ends is the change the stock made.

Not for a slope of zero or a spread of zero (steps of a rounded series, where the line says
nothing the figures do not) nor for an indicative trend (too few years for a line), nor for
a trend the analysis left untested for its few distinct values, its own or those of the count
CBS rounds behind it (:func:`~stadstrends.publish.sentence_verdicts.steps_only`): a year off
the line there is one CBS's rounding can make (Schiermonnikoog's payment arrears per 1 000,
20 persons in 2017 against 10 in the other years, rounded to tens, was '2017 ver boven de
trendlijn' beside 'niet getoetst, afgerond'), as a hump rounding can make is none. The
sentence then keeps the two figures but gives, instead of their change, which end lies off
the line and the slope: 'Trend 2016–2023: van 60,1 in 2016 naar 0,9 in 2023 (2016 en 2018
liggen ver boven de trendlijn; langs die lijn gemiddeld −3,5 per 1 000 woningen per jaar)'
(the line's years are the trend's, which head the sentence: until session 53 the bracket
said them again, 'de trendlijn door 2016–2023').

It names every year of the window that lies that far off the line (:func:`far_years`), not
the first alone: Noord-Beveland's deaths per 1 000, 15,0 in 2016 and 15,7 in 2021 (3,4 and
3,2 above the line, its spread 0,8), read '2016 ver boven de trendlijn' as if 2016 were the
one odd year, and Vaals's new dwellings so beside 39,8 in 2018; now '2016 en 2021 ver boven
de trendlijn' (:func:`off_words`: by side, the
first year's first, '2016 ver boven, 2018 ver onder'; more than :data:`NAMED_MAX` years:
'2016 en 3 andere jaren ver van de trendlijn'). 112 of the 218 municipal trends the rule
holds for on the 2025 snapshot have another such year; 63 one as far off as the first or
further.
"""

from __future__ import annotations

import math
from statistics import median
from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list, round_half_away
from stadstrends.publish.sentence_numbers import change_number, change_unit, join

if TYPE_CHECKING:
    import duckdb

    from stadstrends.publish.sentences import Sentence, Writer

#: an end year is an outlier when its residual exceeds this many times the median absolute
#: residual of the window's figures
OUTLIER_FACTOR = 3.0
#: the raw change between the ends misstates the line's when it departs from the change along
#: the line by more than this share of that change
MISSTATE_SHARE = 0.75
#: at most this many years far off the line are named; more: the first and how many others
NAMED_MAX = 3


def beyond(residual: float, limit: float) -> bool:
    """Whether a residual lies more than ``limit`` off the line, not by float noise alone:
    Amersfoort's Wmo clients per 1 000 (whole numbers, a slope of −1/3) lie 1 off the line in
    2020 and 2023 and 3 times the spread is 1 - 1e-14, which made them far off beside 2017's
    4 (a billionth of the limit is the margin)."""
    return abs(residual) > limit * (1 + 1e-9)


def line(trend: dict, by_year: dict[int, float]) -> dict | None:
    """The Theil–Sen line of a ``trends`` row over its window's figures ``by_year`` (year ->
    value of the tested series): ``slope`` (per year, the row's ``theil_sen_slope``),
    ``start`` and ``end`` (fitted values in its first and last year), ``residuals`` (year ->
    figure minus fitted value) and ``spread`` (their median absolute value); None without a
    finite slope or figures."""
    b = trend.get("theil_sen_slope")
    if b is None or not math.isfinite(b):
        return None
    y0, y1 = int(trend["first_year"]), int(trend["last_year"])
    pts = [(y, by_year[y]) for y in range(y0, y1 + 1)
           if by_year.get(y) is not None and math.isfinite(by_year[y])]
    if len(pts) < 3:
        return None
    a = median(v for _, v in pts) - b * median(y - y0 for y, _ in pts)
    res = {y: v - (a + b * (y - y0)) for y, v in pts}
    return {"slope": b, "start": a, "end": a + b * (y1 - y0), "residuals": res,
            "spread": median(abs(r) for r in res.values())}


def outlier_end(trend: dict | None, by_year: dict[int, float],
                min_distinct: int = 0) -> tuple[int, str] | None:
    """(year, 'above' or 'below') of the window's first year where it lies far off the
    trend's line and that makes the raw change misstate the line's (the module's rule); None
    otherwise, and for a trend not tested for fewer than ``min_distinct`` (the build's
    ``min_distinct_values``) distinct values of its figure or its rounded count."""
    from stadstrends.publish.sentence_verdicts import steps_only  # it imports this module

    if not trend or trend.get("indicative") or not trend.get("theil_sen_slope") \
            or steps_only(trend, min_distinct):
        return None
    fit = line(trend, by_year)
    first, last = trend.get("first_value"), trend.get("last_value")
    if fit is None or not fit["spread"] or first is None or last is None:
        return None
    along = fit["end"] - fit["start"]
    if abs((last - first) - along) <= MISSTATE_SHARE * abs(along):
        return None
    res, year = fit["residuals"], int(trend["first_year"])
    limit = OUTLIER_FACTOR * fit["spread"]
    # the first year only: a last year far off the line is the newest figure, the news a
    # reader comes for ('van 32,1% naar 29,8%' where 2024 fell), not a start that misleads
    if year not in res or not beyond(res[year], limit):
        return None
    before = year - 1  # the year before a first year off the line, off it the same way
    if by_year.get(before) is not None and trend.get("segment_start") != year:
        off = by_year[before] - (fit["start"] - fit["slope"])
        if beyond(off, limit) and (off > 0) == (res[year] > 0):
            return None  # a level the window starts on (a step after it), not one year
    return year, "above" if res[year] > 0 else "below"


def far_years(trend: dict, by_year: dict[int, float]) -> list[tuple[int, str]]:
    """(year, 'above' or 'below') of every year of the trend's window lying more than
    :data:`OUTLIER_FACTOR` times the spread off its line, as :func:`outlier_end` measures
    the first year, in year order; [] without a line or a spread."""
    fit = line(trend, by_year)
    if fit is None or not fit["spread"]:
        return []
    limit = OUTLIER_FACTOR * fit["spread"]
    return [(y, "above" if r > 0 else "below") for y, r in sorted(fit["residuals"].items())
            if beyond(r, limit)]


def far_off(trend: dict, by_year: dict[int, float],
            end: tuple[int, str]) -> list[tuple[int, str]]:
    """:func:`far_years` of a trend whose first year :func:`outlier_end` found (``end``),
    that year first; [``end``] should the two ever disagree."""
    off = far_years(trend, by_year)
    return off if off and off[0] == end else [end]


def off_words(lang: str, off: list[tuple[int, str]], verb: bool = True) -> str:
    """The years far off the line (:func:`far_off`, the first year first) in words, before
    the line's noun: '2016 ligt ver boven', '2016 en 2021 liggen ver boven', '2016 ligt ver
    boven, 2018 ver onder' (the first year's side first); more than :data:`NAMED_MAX`: '2016
    en 3 andere jaren liggen ver van'. ``verb`` False: without the verb, as a tile says it
    ('2016 en 2021 ver boven')."""
    def w(key: str, **kw: object) -> str:
        return vocabulary.word(lang, "sentences", key, **kw)

    if len(off) > NAMED_MAX:
        return w("line_off_others" if verb else "line_off_others_bare", year=off[0][0],
                 n=len(off) - 1)
    parts = []
    for side in dict.fromkeys(s for _, s in off):  # the first year's side first
        years = [str(y) for y, s in off if s == side]
        key = "line_off_bare" if parts or not verb else (
            "line_off_one" if len(years) == 1 else "line_off_many")
        parts.append(w(key, years=fmt_list(years, lang), side=w(f"line_{side}")))
    return ", ".join(parts)


def line_clause(w: Writer, s: Sentence, f: dict) -> str | None:
    """The bracket's text in place of the change where an end year is an outlier
    (:func:`outlier_end` on ``f['trend']`` and ``f['values']``, year -> the city's figure):
    '2016 ligt ver boven de trendlijn; langs die lijn gemiddeld −3,5 per 1 000 woningen per
    jaar' (every year that far off named, :func:`off_words`; the line's years head the
    sentence, 'Trend 2016–2023: ...'), the slope cited as ``theil_sen_slope`` with the
    figures' decimals (one more where those print it as zero); a slope zero even then is a
    flat line ('die lijn is vrijwel vlak'). None where the rule does not hold."""
    t = f["trend"]
    end = outlier_end(t, f.get("values") or {}, w.settings.min_distinct_values)
    if end is None:
        return None
    off = far_off(t, f.get("values") or {}, end)
    s.years.extend([*(y for y, _ in off), int(t["first_year"]), int(t["last_year"])])  # said
    said = off_words(w.lang, off)
    b = t["theil_sen_slope"]
    digits = 1 if f.get("digits") is None else int(f["digits"])
    if round_half_away(b, digits) == 0:
        digits += 1
    if round_half_away(b, digits) == 0:
        return w.t("line_flat", off=said)
    shown = change_number(b, f["unit"], w.lang, digits=digits)
    slope = join(w.cite(s, f["indicator_id"], t["last_year"], "theil_sen_slope", b, shown),
                 change_unit(f["unit"], w.lang, shown=shown))
    return w.t("line_change", off=said, slope=slope)


#: one municipality's trends with all its figures (``?``: the region code), for
#: :func:`city_lines`
CITY_LINES_SQL = """
SELECT t.indicator_id, t.first_year, t.last_year, t.first_value, t.last_value,
       t.theil_sen_slope, t.indicative, t.n_distinct, t.n_counts, t.segment_start,
       list(v.year ORDER BY v.year) AS years, list(v.value ORDER BY v.year) AS vals
FROM trends t JOIN indicator_values v USING (indicator_id, region_code)
WHERE t.region_code = ? AND v.value IS NOT NULL AND t.theil_sen_slope <> 0
GROUP BY ALL
"""


def city_lines(con: duckdb.DuckDBPyConnection, code: str,
               min_distinct: int) -> dict[str, dict]:
    """indicator_id -> ``{'year', 'side', 'off', 'slope', 'first_year'}`` for each trend of
    municipality ``code`` whose first year lies far off its Theil–Sen line (:func:`outlier_end`
    on ``trends`` and ``indicator_values``; ``off``: every year that far off, :func:`far_off`):
    the CLI's profile gives the line's slope there, as the tile and the report (Vlieland's
    deaths per 1 000, 2016). ``min_distinct``: the build's ``min_distinct_values``."""
    out = {}
    for row in con.execute(CITY_LINES_SQL, [code]).fetchall():
        t = dict(zip([d[0] for d in con.description], row, strict=True))
        by_year = dict(zip(t["years"], t["vals"], strict=True))
        end = outlier_end(t, by_year, min_distinct)
        if end is not None:
            out[t["indicator_id"]] = {"year": end[0], "side": end[1],
                                      "off": far_off(t, by_year, end),
                                      "slope": t["theil_sen_slope"],
                                      "first_year": t["first_year"]}
    return out


def line_places(line: dict, digits: int | None) -> int:
    """The decimals a :func:`city_lines` row's slope is printed with: the figures' ``digits``
    (1 without), one more where those print it as zero, as :func:`line_clause` gives it."""
    places = 1 if digits is None else int(digits)
    return places + 1 if round_half_away(line["slope"], places) == 0 else places
