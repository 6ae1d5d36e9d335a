"""Which of a municipality's figures are Stadstrends' own recalculation ('omgerekend'), and
how precisely their source publishes them.

A figure is harmonised when the harmonisation summed one of the series it rests on (its
numerator, its denominator) from more than one code or took a part of one code for it
(``harmonised_cells``, :mod:`stadstrends.indicators.harmonised_cells`): the value is an
estimate for today's boundaries, not a figure CBS published for this code. A percentage or
median CBS published for the municipality's own code and kept as published (Tilburg's share
with payment arrears before 2021) is none, nor a figure CBS gives on boundaries that already
hold the merged municipality (Amsterdam's of 2023, on 31 December 2022, with Weesp).
Súdwest-Fryslân's jobs of 2016 (83582NED) are 33 166: CBS published 31,9 thousand for the
Súdwest-Fryslân of then and rounds jobs to hundreds (``numerator_rounding``), so the
estimate is printed '33.200 (omgerekend ...)'. `show` marks the same years
(:func:`stadstrends.publish.queries.indicator_series`).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb
    import pandas as pd

from stadstrends.publish.format import round_half_away
from stadstrends.publish.relations import relations
from stadstrends.publish.sentence_numbers import COUNT_UNITS
from stadstrends.publish.sentence_words import EURO_UNITS

#: the marked figures, as :func:`marked_years` names them: two kinds Stadstrends made itself,
#: ``harmonised``, recalculated for today's boundaries (see above; marked '*', 'omgerekend'),
#: and ``recomputed``, divided from CBS's rounded count because CBS publishes no rate
#: (``recomputed_cells``, :mod:`stadstrends.indicators.fallback`: Schiermonnikoog's crimes
#: per 1 000 every year, Leeuwarden's thefts 2010-2017; marked '°'); and ``rounded_zero``, a
#: figure on a count CBS rounded to 0 (``rounded_zero_cells``, :mod:`stadstrends.analysis.
#: coarse`: Schiermonnikoog's new dwellings of 2023, 0 to 2 of 615, not none)
Mark = Literal["harmonised", "recomputed", "rounded_zero"]
MARKS: tuple[Mark, ...] = ("harmonised", "recomputed", "rounded_zero")
#: per mark, the tables it is read from (a warehouse built before them has no such figures)
NEEDS: dict[Mark, set[str]] = {
    "harmonised": {"harmonised_cells"},
    "recomputed": {"recomputed_cells"},
    "rounded_zero": {"rounded_zero_cells"}}

#: per mark and question, the SQL of the marked cells: ``years``, (indicator, year) of
#: municipality ``$code``; ``codes``, the municipalities of indicator ``$ind`` in ``$year``;
#: ``cells``, (municipality, year) of indicator ``$ind``; ``of_codes``, (indicator,
#: municipality, year) of the municipalities ``$codes`` (:func:`mark_cells`)
SQL: dict[Mark, dict[str, str]] = {mark: {
    "years": f"SELECT indicator_id, year FROM {mark}_cells WHERE region_code = $code",
    "codes": f"SELECT region_code FROM {mark}_cells WHERE indicator_id = $ind "
             "AND year = $year",
    "cells": f"SELECT region_code, year FROM {mark}_cells WHERE indicator_id = $ind",
    "of_codes": f"SELECT indicator_id, region_code, year FROM {mark}_cells "
                "WHERE list_contains($codes, region_code)"} for mark in MARKS}


def _marked(con: duckdb.DuckDBPyConnection, mark: Mark, question: str, params: dict,
            have: set[str] | None = None) -> list[tuple]:
    """The rows of ``SQL[mark][question]``; none where the warehouse (its relations
    ``have``, read when not given) lacks the mark's tables."""
    if not NEEDS[mark] <= (relations(con) if have is None else have):
        return []
    return con.execute(SQL[mark][question], params).fetchall()


def marked_years(con: duckdb.DuckDBPyConnection, code: str, mark: Mark) -> dict[str, set[int]]:
    """indicator_id -> the years of municipality ``code`` whose figure is ``mark``ed
    (``harmonised`` or ``recomputed``, see :data:`Mark`)."""
    out: dict[str, set[int]] = {}
    for ind, year in _marked(con, mark, "years", {"code": code}):
        out.setdefault(ind, set()).add(int(year))
    return out


def marked_years_of(con: duckdb.DuckDBPyConnection, codes: list[str], mark: Mark
                    ) -> dict[str, dict[str, set[int]]]:
    """:func:`marked_years` of each of the municipalities ``codes`` (each one there, empty
    without marks), in one query: the comparison page's table."""
    out: dict[str, dict[str, set[int]]] = {c: {} for c in codes}
    for ind, code, year in (_marked(con, mark, "of_codes", {"codes": codes}) if codes else ()):
        out[code].setdefault(ind, set()).add(int(year))
    return out


def marked_codes(con: duckdb.DuckDBPyConnection, indicator_id: str, year: int,
                 mark: Mark) -> set[str]:
    """The municipalities whose figure of ``indicator_id`` in ``year`` is ``mark``ed
    (:func:`marked_years` for all of them at once: the ranking page)."""
    return {r[0] for r in _marked(con, mark, "codes", {"ind": indicator_id, "year": int(year)})}


def mark_cells(con: duckdb.DuckDBPyConnection, rows: list[dict],
               marks: tuple[Mark, ...] = MARKS) -> None:
    """Set ``marks`` (``harmonised``, ``recomputed``: True or False) on ``rows`` of
    ``indicator_values`` read anyway (``indicator_id``, ``region_code``, ``year``):
    :func:`marked_years` for the cells of a COROP region's map or a municipality's own
    figures, one query per mark for all their municipalities. False where the warehouse
    lacks a mark's table."""
    have = relations(con)
    codes = sorted({r["region_code"] for r in rows})
    for mark in marks:
        cells = {(i, c, int(y)) for i, c, y in _marked(con, mark, "of_codes",
                                                       {"codes": codes}, have)} if codes else set()
        for r in rows:
            r[mark] = (r["indicator_id"], r["region_code"], int(r["year"])) in cells


def count_rounding(con: duckdb.DuckDBPyConnection) -> dict[str, dict[int, int]]:
    """indicator_id -> year -> the unit CBS rounds the count to (``numerator_rounding``:
    jobs in 83582NED to 100), for the indicators whose value is that count
    (``catalogue_indicators.method`` 'count'); empty without those tables."""
    have = relations(con)
    if not {"numerator_rounding", "indicators"} <= have:
        return {}
    out: dict[str, dict[int, int]] = {}
    for ind, year, unit in con.execute("""
            SELECT n.indicator_id, n.year, max(n.unit) FROM numerator_rounding n
            JOIN indicators i USING (indicator_id) WHERE i.method = 'count'
            GROUP BY ALL""").fetchall():
        out.setdefault(ind, {})[int(year)] = int(unit)
    return out


#: significant digits of a computed figure (a share, a rate, a mean) wherever Stadstrends gives
#: values as data: every real digit of the catalogue's figures (population growth of one
#: person in 120 000: 0.000833%), none of a sum's float noise (15991389.999999998)
DOWNLOAD_SIGNIFICANT = 6


def download_decimals(unit: str) -> int | None:
    """Decimals of a value wherever values go out as data (:func:`as_downloaded`): counts and
    euros whole, '1 000 euro' to CBS's hundred euros; None for everything computed (shares,
    rates, means): :data:`DOWNLOAD_SIGNIFICANT` significant digits instead."""
    if unit in COUNT_UNITS or unit == "euro":
        return 0
    if unit in EURO_UNITS:
        return 1
    return None


def as_downloaded(value: float | None, unit: str) -> float | int | None:
    """``value`` as every data output gives it, one rule for all (the downloads in CSV, XLSX
    and Parquet, the API's /series and /values, `show`, the ranking's CSV;
    :func:`download_decimals`; an int when whole, missing unchanged): Amsterdam's population
    of 1999 recalculated for today's boundaries (with Weesp), 746148.9695, is 746149; NL01's
    of 2001, summed, 15991389.999999998, is 15991390; Schiermonnikoog's crimes per 1 000 of
    2024, 40.733197556, are 40.7332."""
    if value is None or value != value:  # None, NaN
        return value
    decimals = download_decimals(unit)
    if decimals is None:
        return float(f"{float(value):.{DOWNLOAD_SIGNIFICANT}g}")
    return int(round(value)) if decimals == 0 else round(float(value), decimals)


def download_text(value: float | None, unit: str) -> str:
    """:func:`as_downloaded` as CSV text, never in exponent form ('0.000833'); '' missing."""
    return _text(as_downloaded(value, unit))


#: the fields of a data record in its indicator's ``unit`` (a level, a difference of levels:
#: the profile's signals and indicators, ``changes``); every other float of a record is
#: computed (a relative change, a slope, a p-value, a strength)
UNIT_FIELDS = frozenset({"value", "first_value", "change", "median", "p25", "p75",
                         "ommeland_value", "gap", "ommeland_gap", "city_value", "old_value",
                         "new_value"})


def field_as_data(key: str, value: float | None, unit: str | None) -> float | int | None:
    """A record's float ``value`` in field ``key`` as data outputs give it: in ``unit`` by
    :func:`as_downloaded` for a field of :data:`UNIT_FIELDS`, else (or without a unit)
    :data:`DOWNLOAD_SIGNIFICANT` significant digits (Zwolle's crimes per 1 000 of 2024,
    0.25184963754577383, are 0.25185; a p-value 0.0003968253968253968 is 0.000396825)."""
    if value is None or value != value:
        return value
    return as_downloaded(value, unit if key in UNIT_FIELDS and unit else "")


def as_data(obj: object, unit: str | None = None) -> object:
    """``obj`` (dicts and lists of numbers and text: the profile) with every float as data
    outputs give it (:func:`field_as_data`); a dict's ``unit`` holds for the dicts inside it
    without one (a better peer's ``value``). Ints, text, bools and None unchanged."""
    if isinstance(obj, dict):
        unit = obj["unit"] if isinstance(obj.get("unit"), str) else unit
        return {k: field_as_data(k, v, unit) if isinstance(v, float) else as_data(v, unit)
                for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [as_data(v, unit) for v in obj]
    return obj


def frame_as_data(frame: pd.DataFrame, units: pd.Series, text: bool = False) -> pd.DataFrame:
    """``frame`` with every float column as data outputs give it (:func:`field_as_data`),
    ``units`` the unit of each row; ``text``: as CSV text (:func:`download_text`, '' missing,
    never an exponent)."""
    out = frame.copy()
    for col in frame.columns:
        if frame[col].dtype.kind != "f":
            continue
        shown = [field_as_data(col, v, u) for v, u in zip(frame[col], units, strict=True)]
        # object: a count stays an int (746149, not 746149.0)
        out[col] = type(frame[col])([_text(v) for v in shown] if text else shown,
                                    index=frame.index, dtype=object)
    return out


def _text(value: float | int | None) -> str:
    """A value of :func:`as_downloaded` as CSV text, never in exponent form; '' missing."""
    if value is None or value != value:
        return ""
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


def source_precision(f: dict, year: int) -> float | None:
    """The unit a harmonised figure of fact ``f`` in ``year`` is printed to: its sources'
    rounding (``f['rounding']``, one indicator's :func:`recalculated_rounding`), None when
    the catalogue's decimals are their precision already."""
    return (f.get("rounding") or {}).get(int(year))


def computed_rounding(con: duckdb.DuckDBPyConnection) -> dict[str, dict[int, int]]:
    """indicator_id -> year -> the unit a figure Stadstrends computes from the
    municipalities' figures (an ommeland, Nederland from their sum) is printed to: the
    rounding of the counts (:func:`count_rounding`) and of the published means CBS rounds
    (``mean_rounding``: gas use per dwelling of 81528NED to tens, so Zwolle's ommeland of
    2012 is printed 1 890 m³, not 1 888). Other indicators: the catalogue's decimals, as
    the municipalities' figures."""
    out = count_rounding(con)
    if "mean_rounding" in relations(con):
        for ind, year, unit in con.execute(
                "SELECT indicator_id, year, unit FROM mean_rounding").fetchall():
            out.setdefault(ind, {})[int(year)] = int(unit)
    return out


#: :func:`published_rounding`'s rows (the website's too): units coarser than the printed ones
PUBLISHED_STEPS_SQL = """
SELECT p.indicator_id, p.year, p.unit FROM published_rounding p
JOIN indicators i USING (indicator_id)
WHERE p.unit > 1.5 * power(10, -coalesce(i.decimals,
    CASE WHEN i.unit IN ('%', 'rapportcijfer') THEN 1 ELSE 0 END))"""


def published_rounding(con: duckdb.DuckDBPyConnection) -> dict[str, dict[int, float]]:
    """indicator_id -> year -> the unit CBS publishes a figure it computes itself in (a
    level, a share, a mean: ``published_rounding``, the unit of which 80% of the year's
    municipal figures are multiples), where that is coarser than the catalogue's decimals:
    Rozendaal's regional customer potential, 30 and 40, to tens. Empty without the tables."""
    if not {"published_rounding", "indicators"} <= relations(con):
        return {}
    out: dict[str, dict[int, float]] = {}
    for ind, year, unit in con.execute(PUBLISHED_STEPS_SQL).fetchall():
        out.setdefault(ind, {})[int(year)] = float(unit)
    return out


#: :func:`recalculated_rounding`'s published means: the unit CBS publishes the figures of a
#: ``weighted_mean`` in where coarser than the catalogue's decimals (district heating 2010:
#: whole percents), beside ``mean_rounding`` (gas use: tens)
_MEAN_STEPS_SQL = f"""
SELECT s.indicator_id, s.year, s.unit FROM ({PUBLISHED_STEPS_SQL}) s
JOIN indicators i USING (indicator_id) WHERE i.method = 'weighted_mean'"""


def recalculated_rounding(con: duckdb.DuckDBPyConnection) -> dict[str, dict[int, float]]:
    """indicator_id -> year -> the unit a municipality's figure recalculated for today's
    boundaries (``harmonised_cells``) is printed to, the one rule of every printed one (the
    report, the website's pages, ranking and tiles, `show`): no finer than the CBS figures it
    is made of. A count summed over codes to CBS's rounding of the count
    (:func:`count_rounding`: Súdwest-Fryslân's jobs of 2016, 33 166, printed 33 200); a mean
    weighted from published means to the coarsest unit CBS publishes them in (``mean_rounding``
    and :data:`PUBLISHED_STEPS_SQL`: Land van Cuijk's gas use per dwelling of 2019, 1 434.3
    m³ from figures in tens, printed 1 430; Rotterdam's district heating of 2010 from whole
    percents, 14.7%, printed 15%). A ratio Stadstrends divides itself, as for every
    municipality: the catalogue's decimals. The downloads and the API keep the figure
    (:func:`as_downloaded`). Empty without the tables."""
    out = count_rounding(con)
    have = relations(con)
    parts = [q for q, need in (("SELECT indicator_id, year, unit FROM mean_rounding",
                                {"mean_rounding"}),
                               (_MEAN_STEPS_SQL, {"published_rounding", "indicators"}))
             if need <= have]
    for ind, year, unit in con.execute(" UNION ALL ".join(parts)).fetchall() if parts else []:
        steps = out.setdefault(ind, {})
        steps[int(year)] = max(steps.get(int(year), 0), float(unit))
    return out


def step_digits(digits: int | None, step: float | None) -> int | None:
    """``digits`` decimals, fewer where a figure is printed to a coarser ``step``
    (:func:`recalculated_rounding`): 15%, not '15,0%' (a step of 1); 1 430 m³ (10: none).
    ``digits`` None: the step's own."""
    if not step:
        return digits
    own = max(0, math.ceil(-math.log10(step) - 1e-9))
    return own if digits is None else min(digits, own)


def cbs_steps(*steps: dict[int, float] | None) -> dict[int, float]:
    """year -> the coarsest of CBS's units in ``steps`` (an indicator's
    :func:`computed_rounding` and :func:`published_rounding`): what the report names as the
    rounding of a series with few distinct values."""
    out: dict[int, float] = {}
    for one in steps:
        for year, unit in (one or {}).items():
            out[int(year)] = max(out.get(int(year), 0), unit)
    return out


def cbs_units(con: duckdb.DuckDBPyConnection) -> dict[str, dict[int, float]]:
    """indicator_id -> year -> CBS's unit as a series with few distinct values names it
    (:func:`cbs_steps` of :func:`computed_rounding` and :func:`published_rounding`)."""
    counts, published = computed_rounding(con), published_rounding(con)
    return {ind: cbs_steps(counts.get(ind), published.get(ind))
            for ind in counts.keys() | published.keys()}


def is_computed(region_code: str, method: str | None) -> bool:
    """Whether a region's figure of an indicator of ``method`` is Stadstrends' sum over
    municipalities (a COROP region, a province, an ommeland, Nederland), printed with
    :func:`round_computed`: not a municipality's, not a level's region (CBS's own figure),
    not Nederland of a published mean (``weighted_mean``: CBS publishes it)."""
    own_nl = region_code == "NL01" and method == "weighted_mean"
    return not region_code.startswith("GM") and method != "level" and not own_nl


def round_computed(value: float | None, steps: dict[int, int] | None,
                   year: int | None) -> float | None:
    """``value`` of ``year`` rounded (halves away from zero) to its unit in ``steps`` (one
    indicator's :func:`computed_rounding`); unchanged without one."""
    if value is None or year is None or not steps or value != value:  # None, NaN
        return value
    step = steps.get(int(year))
    if not step:
        return value
    return round_half_away(value / step) * step



def median_step(median: float, value: float, step: float | None) -> float:
    """The unit a group's ``median`` is printed to beside the municipality's ``value``: the
    computed figures' ``step`` (:func:`computed_rounding`), unless rounded to it the median
    prints as ``value`` while the two differ; then the coarsest finer unit (a tenth, a
    hundredth, ...) that tells them apart, else 0 (unrounded). Hollands Kroon's gas use per
    dwelling in 2023, 970 m³ above the median of 965 m³ of its size class: 'mediaan 965 m³',
    not 'boven de mediaan (mediaan 970 m³)'."""
    if not step or median == value or median != median or value != value:
        return step or 0
    for _ in range(4):
        if round_half_away(median / step) != round_half_away(value / step):
            return step
        step = step / 10
    return 0


def round_median(median: float | None, value: float | None, steps: dict[int, int] | None,
                 year: int | None) -> float | None:
    """A group's ``median`` of ``year`` as printed beside the municipality's ``value``
    (:func:`median_step`; without a value as :func:`round_computed`)."""
    if median is None or value is None or year is None or not steps or median != median:
        return round_computed(median, steps, year)
    step = median_step(median, value, steps.get(int(year)))
    return round_half_away(median / step) * step if step else median
