"""What a city report reads that does not depend on the city, or that its COROP region's
other municipalities read as well: read once per read-only warehouse connection
(:func:`stadstrends.publish.relations.once`) and handed to each report as its own copy.

A worker of ``report --all`` writes ~170 reports on one connection: the table list with its
CBS titles, the catalogue, the forecasts, the rounding units, Nederland's left-out members
and a COROP region's map figures (one of ~40 regions) were read again for every report
(~0.1 s of CPU a report, a sixth of its queries). Each caller gets fresh dicts and lists
(:func:`fresh`): the report localises and marks its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import duckdb

from stadstrends.publish.cuts import CUT_DETAIL
from stadstrends.publish.harmonised import mark_cells
from stadstrends.publish.read import records
from stadstrends.publish.relations import columns, once

T = TypeVar("T")
_COPIED = (dict, list, set)


def fresh(value: T) -> T:
    """A copy of ``value``'s dicts, lists and sets, all the way down (tuples, strings and
    numbers shared: never changed in place)."""
    if isinstance(value, dict):  # a number or string is kept without a call (~16 000 a report)
        return {k: fresh(v) if isinstance(v, _COPIED) else v  # type: ignore[return-value]
                for k, v in value.items()}
    if isinstance(value, list):
        return [fresh(v) if isinstance(v, _COPIED) else v  # type: ignore[return-value]
                for v in value]
    if isinstance(value, set):
        return set(value)  # type: ignore[return-value]
    return value


def kept(con: duckdb.DuckDBPyConnection, key: str, read: Callable[[], T]) -> T:
    """``read()`` once per read-only connection (every time for another), as a fresh copy."""
    return fresh(once(con, f"report {key}", read))


def sources(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The warehouse's CBS tables (``sources``): one row per table and API (83625NED is read
    from v4 and v3), CBS titles per language where the table metadata gave them (warehouses
    built before have no such columns), the last year the catalogue marks provisional."""
    cols = columns(con, "sources")
    titles = ", ".join(c if c in cols else f"NULL AS {c}" for c in ("title_nl", "title_en"))
    api = "api" if "api" in cols else "'v3' AS api"
    cut = "cut_after" if "cut_after" in cols else "NULL AS cut_after"
    only = "status_only" if "status_only" in cols else "NULL AS status_only"
    kind = "retrieved_kind" if "retrieved_kind" in cols else "'retrieved' AS retrieved_kind"
    coded = "completeness_code" if "completeness_code" in cols else (  # built before it
        "CASE WHEN completeness LIKE 'not read%' THEN 'not_read' WHEN completeness LIKE 'cut%' "
        "THEN 'cut' ELSE 'complete' END AS completeness_code")
    detail = (CUT_DETAIL if {"cut_after", "rows_read"} <= cols
              else "NULL AS cut_rows, NULL AS cut_ended")
    return kept(con, "sources", lambda: records(con, f"""
        WITH latest AS (SELECT lower(table_id) AS tid, max(year) AS latest_provisional
                        FROM provisional_latest_years GROUP BY 1)
        SELECT table_id, title, {titles}, {api}, origin, retrieved_at, {kind}, modified,
               completeness,
               {coded}, {cut}, {only}, latest.latest_provisional, {detail}
        FROM sources LEFT JOIN latest ON latest.tid = lower(table_id)
        ORDER BY lower(table_id), api DESC"""))


def corop_members(con: duckdb.DuckDBPyConnection, corop: str | None) -> list[dict]:
    """The current municipalities of COROP region ``corop``: code, name and population (its
    latest inhabitants on 1 January, indicator ``population``; None without), by code. The
    figures from ``indicator_results`` (the rows of the view ``indicator_values``, without
    its joins and source lists: 15 -> 7 ms of CPU a region)."""
    return kept(con, f"members {corop}", lambda: records(con, """
        SELECT s.region_code AS code, any_value(r.name) AS name,
               (SELECT arg_max(v.value, v.year) FROM indicator_results v
                WHERE v.indicator_id = 'population' AND v.region_code = s.region_code
                  AND v.value IS NOT NULL) AS population
        FROM region_sets s
        JOIN regions r ON r.region_code = s.region_code AND r.valid_to IS NULL
        WHERE s.set_id = ? GROUP BY 1 ORDER BY 1""", [corop]))


def corop_values(con: duckdb.DuckDBPyConnection, corop: str | None) -> list[dict]:
    """The map table's figures: every region of COROP region ``corop`` (its members and
    itself) in each indicator's last four years (not counts, not projections), with their
    marks ``harmonised`` and ``recomputed`` ('29,4*', '18,2°')."""
    return kept(con, f"values {corop}", lambda: _corop_values(con, corop))


def _corop_values(con: duckdb.DuckDBPyConnection, corop: str | None) -> list[dict]:
    # the members as values: DuckDB then filters ``indicator_results`` before the view's
    # joins and source lists (joined with ``region_sets`` it built them for all 343 000
    # rows: 0.08 -> 0.04 s of CPU a report of a set run, where each city has its own COROP)
    members = [r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = ?", [corop]).fetchall()]
    if not members:
        return []
    rows = records(con, f"""
        SELECT v.indicator_id, v.region_code, v.year, v.value, v.provisional, v.source_tables
        FROM indicator_values v
        JOIN indicators i USING (indicator_id)
        WHERE v.region_code IN ({", ".join("?" * len(members))})
          AND i.method <> 'count' AND NOT i.projection
        QUALIFY v.year > max(v.year) OVER (PARTITION BY v.indicator_id) - 4
        ORDER BY v.indicator_id, v.region_code, v.year""", members)  # a fixed order
    mark_cells(con, rows, ("harmonised", "recomputed"))  # on the figures' own tables
    for r in rows:
        del r["source_tables"]
    return rows


def shared(con: duckdb.DuckDBPyConnection, key: str, read: Callable[..., Any],
           *args: Any) -> Any:
    """``read(con, *args)`` kept under ``key`` and its arguments (:func:`kept`)."""
    return kept(con, f"{key} {args!r}", lambda: read(con, *args))
