"""Why a municipality has no value of an indicator in a year when ``indicator_gaps`` records
no reason and no cut file of this snapshot explains it: what the year's CBS tables
(``indicator_sources``) hold for it, read from ``observations``, the municipality and the
municipalities it was formed from (``region_successors``) together. The ranking said 'geen
gegevens' for 291 municipalities on 'voelt zich weleens onveilig' in 2013: CBS table 81877NED
(the Veiligheidsmonitor) has only about 60 municipalities; of house prices in 2014 table
83625NED has Leeuwarden in other years, not in 2014. Four answers, per table in order:

- ``absent``: not in the table in any year ('niet in CBS-tabel 81877NED'; a table the build
  read from a snapshot: 'niet in de momentopname van CBS-tabel 81877NED', what is known);
- ``not_this_year``: in the table, not in that year ('niet in CBS-tabel 83625NED voor 2014
  (wel voor andere jaren)', of a snapshot 'niet in de momentopname van CBS-tabel ...');
- ``no_figure``: in the table that year, the measure without a value or without a row
  ('geen cijfer in de bron': CBS publishes none);
- none of these (every measure has a value): left out, the caller says 'geen gegevens'.

A municipality formed after the year (Hoeksche Waard, 2019) adds that it did not exist yet
and that the table lacks its predecessors too."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.web.i18n import texts
from stadstrends.publish.web.state import WebWarehouse


def _predecessors(wh: WebWarehouse, codes: list[str]) -> dict[str, set[str]]:
    """Code -> itself and every municipality it was formed from, over all mergers (one
    recursive query over ``region_successors``)."""
    out: dict[str, set[str]] = {code: {code} for code in codes}
    for r in wh.rows("""
            WITH RECURSIVE back(code, region_code) AS (
                SELECT s.successor_code, s.region_code FROM region_successors s
                WHERE s.successor_code IN (SELECT unnest(?::VARCHAR[]))
                UNION
                SELECT b.code, s.region_code FROM back b
                JOIN region_successors s ON s.successor_code = b.region_code)
            SELECT DISTINCT code, region_code FROM back""", [codes]):
        out[r["code"]].add(r["region_code"])
    return out


def _sources(wh: WebWarehouse, indicator_id: str, year: int) -> list[tuple[str, str]]:
    """(table, measure) the indicator's value of ``year`` is made from, in their order."""
    rows = wh.rows("SELECT tables, measures FROM indicator_sources WHERE indicator_id = ? "
                   "AND year = ?", [indicator_id, year]) if wh.has("indicator_sources") else []
    if not rows or not rows[0]["tables"]:
        return []
    tables = [t.strip() for t in str(rows[0]["tables"]).split(",")]
    measures = [m.strip() for m in str(rows[0]["measures"] or "").split(",")]
    return [(t, measures[i] if i < len(measures) else "") for i, t in enumerate(tables)]


def absence(wh: WebWarehouse, indicator_id: str, codes: list[str], year: int
            ) -> dict[str, dict[str, Any]]:
    """Code -> ``kind`` (see the module), ``table``, ``since`` (the year a municipality
    formed after ``year`` began, else None); codes the tables do not explain are left out."""
    sources = _sources(wh, indicator_id, year)
    if not codes or not sources:
        return {}
    family = _predecessors(wh, codes)
    every = sorted(set().union(*family.values()))
    born = {r["region_code"]: r["since"] for r in wh.rows(
        "SELECT region_code, year(min(valid_from)) AS since FROM regions WHERE "
        "list_contains(?, region_code) GROUP BY 1", [codes])}
    out: dict[str, dict[str, Any]] = {}
    for table, measure in sources:
        rows = wh.rows(
            "SELECT region_code, bool_or(year = $2) AS in_year, bool_or(year = $2 AND "
            "measure = $3 AND value IS NOT NULL) AS valued FROM observations WHERE "
            "lower(table_id) = lower($1) AND list_contains($4, region_code) GROUP BY 1",
            [table, year, measure, every])
        seen = {r["region_code"]: r for r in rows}
        for code in codes:
            if code in out:
                continue
            mine = [seen[c] for c in family[code] if c in seen]
            kind = "absent" if not mine else "not_this_year" if not any(
                r["in_year"] for r in mine) else None if any(
                r["valued"] for r in mine) else "no_figure"
            if kind:
                since = born.get(code)
                out[code] = {"kind": kind, "table": table,
                             "since": since if since and since > year else None}
    return out


def absence_reasons(wh: WebWarehouse, indicator_id: str, codes: list[str], year: int,
                    lang: str) -> dict[str, tuple[str, bool]]:
    """Code -> (the words of :func:`absence`, False: no cut file of this snapshot); a table
    read from a snapshot is named as its copy unless all its files are CBS's whole table
    (:func:`~stadstrends.publish.report.gap_words.partial_copy`: 81877NED, which CBS
    publishes only for municipalities with a large enough sample): then CBS's table lacks
    it."""
    from stadstrends.publish.report.gap_words import partial_copy

    t = texts(lang)
    sources = wh.memo(("source_rows",), lambda: wh.rows("SELECT * FROM sources"))
    copied = {str(s["table_id"]).lower() for s in sources
              if partial_copy(sources, str(s["table_id"]))}
    out = {}
    for code, a in absence(wh, indicator_id, codes, year).items():
        key = f"absent_{a['kind']}"
        if a["table"].lower() in copied and f"{key}_snapshot" in t:
            key += "_snapshot"
        words = t[key].format(table=a["table"], year=year)
        if a["since"]:
            words = t["absent_younger"].format(reason=words, year=year, since=a["since"])
        out[code] = (words, False)
    return out
