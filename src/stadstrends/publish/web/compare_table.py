"""The comparison page's table (``/vergelijk``): per key indicator and municipality the
latest figure as the city page's tile shows it (:mod:`.tile_verdict`, :mod:`.tile_gaps`):
its year with the report's marks ('34,4% (2019, verouderd)', Leeuwarden's safety survey;
'(2014, voorlopig, verouderd)', Ameland's social assistance), the values missing after it
with the report's reason, and for a municipality without any figure why ('Geen cijfer voor
2024: niet in deze momentopname: het CBS-bestand van tabel 85984NED is afgekapt ...',
Vlieland's establishments in transport and ICT; 'Geen cijfer: de momentopname van CBS-tabel
81877NED heeft geen cijfers voor Eemsdelta.', its safety survey), never a bare '–' nor 'geen
gegevens'.
"""

from __future__ import annotations

from typing import Any

from stadstrends.publish.harmonised import marked_years_of
from stadstrends.publish.read import fresh_from
from stadstrends.publish.rounding import zeros_and_coarse_of
from stadstrends.publish.small_base_words import MARKED_BASES
from stadstrends.publish.web import gaps, recalculated, tile_gaps, tile_jumps, tile_verdict, units
from stadstrends.publish.web.page_parts import indicator_meta
from stadstrends.publish.web.state import WebWarehouse


def latest(wh: WebWarehouse, codes: list[str], indicator_ids: list[str]
           ) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (region, indicator) the latest figure as a tile reads it: ``latest_year``,
    ``latest_value``, ``provisional`` (the years of provisional figures, a list: the
    latest one's year or none), ``harmonised`` (the years Stadstrends recalculated) and a
    share's small base (``base_year``, ``base_count``, ``base_unit``: ``small_bases``)."""
    rows = wh.rows(
        f"""
        SELECT v.*, b.year AS base_year, b.base_count, b.base_unit, b.survey FROM (
            SELECT region_code, indicator_id, max(year) AS latest_year,
                   arg_max(value, year) AS latest_value,
                   arg_max(provisional, year) AS last_provisional
            FROM indicator_values
            WHERE list_contains(?, region_code) AND list_contains(?, indicator_id)
              AND value IS NOT NULL
            GROUP BY ALL) v
        LEFT JOIN {MARKED_BASES} b ON b.region_code = v.region_code
         AND b.indicator_id = v.indicator_id AND b.year = v.latest_year
        """, [codes, indicator_ids])
    fresh = fresh_from(wh.build_info)
    with wh.cursor() as cur:  # one query each for all codes (one per code each was 4 x 5)
        own = marked_years_of(cur, codes, "harmonised")  # recalculated: 'omgerekend'
        quotients = marked_years_of(cur, codes, "recomputed")  # of a rounded count
        rounded = zeros_and_coarse_of(cur, codes)  # on a count CBS rounded to 0 or coarsely
    zeros = {c: z for c, (z, _) in rounded.items()}
    coarse = {c: y for c, (_, y) in rounded.items()}  # as the tiles
    return {(r["region_code"], r["indicator_id"]):
            {**r, "fresh_from": fresh,  # payment arrears: 'stand op 31 december 2023'
             "year_offset": wh.indicators[r["indicator_id"]].get("year_offset"),
             "provisional": [r["latest_year"]] if r.pop("last_provisional") else [],
             "harmonised": sorted(own[r["region_code"]].get(r["indicator_id"], ())),
             "recomputed": sorted(quotients[r["region_code"]].get(r["indicator_id"], ())),
             "rounded_zero": zeros[r["region_code"]].get(r["indicator_id"], []),
             "coarse_years": coarse[r["region_code"]].get(r["indicator_id"], [])}
            for r in rows}


def cell(wh: WebWarehouse, code: str, indicator_id: str, row: dict[str, Any] | None,
         newer: list[dict[str, Any]], why: Any, w: tile_jumps.Writer, lang: str
         ) -> dict[str, Any]:
    """One cell: ``value`` (None without a figure), ``shown``, ``year``, ``marks``
    ('voorlopig', 'verouderd') and ``missing`` (sentences: after the latest figure, or why
    there is none)."""
    if row is None:  # the heatmap's empty cells say the same (:func:`.gaps.no_figure`)
        return {"value": None, "shown": None, "year": None, "marks": [],
                "missing": gaps.no_figure(wh, code, indicator_id, newer, why, lang)}
    notes = tile_gaps.notes(newer, why, lang) if newer else []
    meta = wh.indicators[indicator_id]
    return {"value": row["latest_value"],
            "shown": recalculated.shown(wh, meta, row["latest_value"], row["latest_year"], lang)
            if row["latest_year"] in (row.get("harmonised") or ()) else units.show(
                row["latest_value"], meta["unit"], lang, decimals=meta.get("decimals")),
            "year": row["latest_year"], "marks": tile_verdict.marks(row, w),
            "missing": notes}


def table(wh: WebWarehouse, codes: list[str], indicator_ids: list[str], lang: str
          ) -> list[dict[str, Any]]:
    """Rows ``{indicator, cells}``, one cell per code in order (:func:`cell`)."""
    found = latest(wh, codes, indicator_ids)
    w = tile_jumps.writer(lang)
    newer = {c: tile_gaps.newer_gaps(wh, c) for c in codes}
    why = {c: tile_gaps.context(wh, c, newer[c]) for c in codes}
    return [{"indicator": indicator_meta(wh.indicators[i], lang),
             "cells": [cell(wh, c, i, found.get((c, i)), newer[c].get(i) or [], why[c], w, lang)
                       for c in codes]}
            for i in indicator_ids]
