"""The sentence input of one indicator of a city's report, from its :class:`CityData`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.rounding import marked_coarse
from stadstrends.publish.sentence_verdicts import MISSING_WHY, weather_dependent
from stadstrends.publish.small_base_words import survey_span

if TYPE_CHECKING:
    from stadstrends.publish.report.data import CityData


def fact(data: CityData, indicator_id: str, lang: str = "nl", base_said: bool = False) -> dict:
    """The sentence input for one indicator (see :mod:`stadstrends.publish.sentences`);
    ``base_said``: the text beside it says its share's small base in full (Kies richting's
    Waarom), so its figure's bracket leaves it out."""
    meta = data.catalogue[indicator_id]
    years = [int(r["year"]) for r in data.series.get(indicator_id, []) if r["value"] is not None]
    gap = data.gap_trends.get(indicator_id)
    if gap is not None:
        last = next((r for r in data.gaps.get(indicator_id, [])
                     if r["year"] == gap["last_year"]), None)
        if last is not None:
            gap = {**gap, "city_last": last["city_value"], "omm_last": last["ommeland_value"]}
    return {"indicator_id": indicator_id, "title": meta[f"title_{lang}"], "unit": meta["unit"],
            "direction": meta["direction"], "method": meta["method"],
            "signed": bool(meta.get("signed")), "decimals": meta.get("decimals"),
            "trend": data.trends.get(indicator_id),
            # the city's figure by year (the trend's line: publish/trend_line.py)
            "values": {int(r["year"]): r["value"] for r in data.series.get(indicator_id, [])
                       if r["value"] is not None},
            # the years with a figure for the city (a trend's missing years are named)
            "years": years,
            # the city's years without a figure -> their stored reason (indicator_gaps)
            "missing": {int(y): g["reason"] for g in data.gap_reasons
                        if g["indicator_id"] == indicator_id for y in g["years"]},
            # of those, the years whose empty cells are other codes' (missing_in_source with
            # reason_detail: Weesp's for Amsterdam), and their names
            "missing_of": {int(y): g["reason_detail"] for g in data.gap_reasons
                           if g["indicator_id"] == indicator_id and g["reason_detail"]
                           and g["reason"] == "missing_in_source" for y in g["years"]},
            "names": data.region_names,
            # their CBS tables: those whose cells are empty that year (empty_tables: only
            # 86050NED for Weesp's Wmo clients, not 37259eng), else the tables the catalogue
            # reads that year; for a cut copy the table whose copy is cut (reason_detail:
            # '60039fvw', '81575NED:GM0457')
            "missing_tables": {int(y): _missing_tables(g, i) for g in data.gap_reasons
                               if g["indicator_id"] == indicator_id
                               for i, y in enumerate(g["years"])},
            "bench": data.latest.get(indicator_id), "gap": gap,
            "provisional": data.provisional.get(indicator_id, set()),
            # the latest figure's base where CBS computes the share from few cases
            "small_base": None if base_said else _latest_base(data, indicator_id, years),
            # the years that are a small municipality's sample figures (survey_estimates)
            "sampled_years": [y for y in years if ((data.small_bases.get(indicator_id) or {})
                                                   .get(y) or {}).get("survey")],
            # the city's CBS table per year: a change between two tables says so
            "tables": data.tables.get(indicator_id, {}),
            "coarse": data.coarse.get(indicator_id),
            # the coarse_positions row of the benchmark's year
            "coarse_place": (data.coarse_places.get(indicator_id) or {}).get(
                (data.latest.get(indicator_id) or {}).get("year")),
            "jumps": data.jumps.get(indicator_id, []),
            "jump_trend": data.jump_trends.get(indicator_id),
            "fresh_from": data.fresh_from,
            "harmonised": data.harmonised.get(indicator_id, set()),
            "recomputed": data.recomputed.get(indicator_id, set()),
            # the years whose count CBS rounded to 0 ('berekend uit afgerond aantal')
            "rounded_zero": (data.coarse.get(indicator_id) or {}).get("zeros", set()),
            # the years whose count CBS rounds coarsely for the city (the same words)
            "coarse_years": set(marked_coarse(meta["method"], data.coarse.get(indicator_id))),
            "ommeland_left_out": data.ommeland_left_out.get(indicator_id, {}),
            "ommeland_rounding": data.omm_rounding.get(indicator_id, {}),
            "ommeland_zeros": data.omm_zeros.get(indicator_id, {}),  # 0 on counts at 0
            "ommeland_dominant": data.omm_dominant.get(indicator_id, {}),  # its main member
            "rounding": data.rounding.get(indicator_id),
            "computed": data.computed.get(indicator_id),
            "published": data.published.get(indicator_id),  # CBS's unit: 'tientallen'
            "kies": next((r["label"] for r in data.kies if r["indicator_id"] == indicator_id),
                         None),
            "weather": weather_dependent(meta),
            "current_prices": bool(meta.get("current_prices")),
            # a multiple's rule (multiple_rule.base_allows_multiple): wealth can be below zero;
            # the Netherlands' figure by year, the typical level a first figure is held to
            "can_be_negative": bool(meta.get("can_be_negative")),
            "nl_values": {int(r["year"]): r["nl_value"] for r in data.series.get(
                indicator_id, []) if r.get("nl_value") is not None},
            # a stock on 31 December shown at the next year (payment arrears)
            "year_offset": meta.get("year_offset") or 0}


def _missing_tables(gap: dict, i: int) -> list[str]:
    """The CBS tables behind the ``i``-th missing year of a group (a row of
    ``ReportData.gap_reasons``): the cut table for a cut copy, else that year's (``tables``,
    one text per year: those whose cells are empty, else those the catalogue reads)."""
    detail = gap.get("reason_detail")  # a cut's: the table, and after a colon predecessors
    if MISSING_WHY.get(gap.get("reason")) == "missing_why_cut" and detail:
        return [str(detail).split(":")[0]]
    tables = gap.get("tables") or []
    return [tables[i]] if i < len(tables) and tables[i] else []


def _latest_base(data: CityData, indicator_id: str, years: list[int]) -> dict | None:
    """The latest figure's small base (``small_bases``); a sample figure's with which of the
    series' years are sample figures too (:func:`~stadstrends.publish.small_base_words.
    survey_span`), that its mark speaks of the series."""
    bases = data.small_bases.get(indicator_id) or {}
    row = bases.get(max(years, default=0))
    if row is None or not row.get("survey"):
        return row
    sampled = [y for y in years if (bases.get(y) or {}).get("survey")]
    return {**row, **survey_span(years, sampled, min(years), max(years))}
