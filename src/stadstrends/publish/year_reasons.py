"""Why a region lacks a figure in a year that ``indicator_gaps`` says nothing of: the one
source of these reasons for `show`, the report's 'Wat ontbreekt' table and the tweedeling's
'geen cijfers' clause (the warehouse only).

Per year between the region's first and last year of an indicator (with a figure or a gap
row) that has neither: ``indicator_results``' reason where it has one; else
``no_source_for_year`` (for more than one year ``no_source_for_years``) where the indicator
reads that year from no CBS table (no ``indicator_sources`` row: Zwolle's share of over-65s,
2018 and 2020-2022; its social assistance per 1 000, 2015-2023); else ``no_reason_recorded``,
the warehouse saying no more (never a guessed reason). A row: ``reason``, ``reason_detail``,
``years`` (ascending), as :func:`stadstrends.publish.queries.series_gaps` gives them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from stadstrends.publish.relations import once

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb

#: the reason of a year no source and no result row explain
UNKNOWN = ("no_reason_recorded", None)


def grouped(years: Iterable[int], sourced: set[int],
            results: Mapping[int, tuple[str, str | None]]) -> list[dict]:
    """``years`` grouped by their reason (see above; ``sourced``: the indicator's years with
    a source table; ``results``: year -> (reason, detail) of the region's result rows), in the
    order of their first year."""
    groups: dict[tuple, list[int]] = {}
    for year in sorted({int(y) for y in years}):
        why = results.get(year) or (UNKNOWN if year in sourced else ("no_source_for_year", None))
        groups.setdefault(why, []).append(year)
    return [{"reason": f"{r}s" if r == "no_source_for_year" and len(ys) > 1 else r,
             "reason_detail": d, "years": ys} for (r, d), ys in groups.items()]


def _sourced_years(con: duckdb.DuckDBPyConnection) -> dict[str, frozenset[int]]:
    """indicator -> the years it has a source table for (every indicator: one query, kept for
    a read-only warehouse by :func:`~stadstrends.publish.relations.once`)."""
    years: dict[str, set[int]] = {}
    for ind, year in con.execute(
            "SELECT DISTINCT indicator_id, year FROM indicator_sources").fetchall():
        years.setdefault(ind, set()).add(int(year))
    return {ind: frozenset(ys) for ind, ys in years.items()}


def _reasons(con: duckdb.DuckDBPyConnection, region_code: str
             ) -> dict[str, dict[int, tuple[str, str | None]]]:
    """indicator -> year -> (reason, detail) of ``region_code``'s result rows with a reason
    (every indicator: one query)."""
    out: dict[str, dict[int, tuple[str, str | None]]] = {}
    for ind, year, reason, detail in con.execute(
            "SELECT indicator_id, year, reason, reason_detail FROM indicator_results "
            "WHERE region_code = ? AND reason IS NOT NULL", [region_code]).fetchall():
        out.setdefault(ind, {})[int(year)] = (reason, detail)
    return out


def _sources(con: duckdb.DuckDBPyConnection, region_code: str, ids: list[str]
             ) -> tuple[dict[str, set[int]], dict[str, dict[int, tuple[str, str | None]]]]:
    """(indicator -> years with a source table, indicator -> year -> (reason, detail) of
    ``region_code``'s result rows) for the indicators ``ids``: the sources' years read once
    per read-only warehouse, a region's reasons once per region (a report asks for one
    indicator at a time, ~7 times)."""
    every = once(con, "indicator_sources years", lambda: _sourced_years(con))
    sourced = {i: set(every.get(i, ())) for i in ids}
    reasons = once(con, f"year reasons {region_code}", lambda: _reasons(con, region_code))
    return sourced, {i: dict(reasons.get(i, {})) for i in ids}


def unexplained(con: duckdb.DuckDBPyConnection, region_code: str,
                have: Mapping[str, Iterable[int]],
                said: Mapping[str, Iterable[int]] | None = None) -> dict[str, list[dict]]:
    """indicator -> the rows of the years between the first and last of ``have[indicator]``
    (the region's years with a figure or an ``indicator_gaps`` row) that it lacks, grouped
    by :func:`grouped`; ``said``: years whose reason is given elsewhere (the catalogue's
    omitted years, each with its caveat), left out without widening the span. Indicators
    without such a year are left out."""
    missing: dict[str, list[int]] = {}
    for ind, years in have.items():
        known = {int(y) for y in years}
        if known:
            skip = known | {int(y) for y in (said or {}).get(ind, ())}
            gone = sorted(set(range(min(known), max(known) + 1)) - skip)
            if gone:
                missing[ind] = gone
    if not missing:
        return {}
    sourced, results = _sources(con, region_code, sorted(missing))
    return {ind: grouped(years, sourced[ind], results[ind]) for ind, years in missing.items()}


def of_years(con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str,
             years: Iterable[int]) -> list[dict]:
    """:func:`grouped` for given ``years`` of one indicator: why the tweedeling's years
    without any region's figure have none. Such a year says the reason most municipalities
    store for it (the over-75s of 2018-2022: 'waarde ontbreekt in de bron', 60039fvw's rows
    without age figures; Zwolle's own, a copy cut before it, is not why no region has one),
    else ``region_code``'s (:func:`grouped`: social assistance 2015-2023, no source)."""
    years = sorted({int(y) for y in years})
    sourced, results = _sources(con, region_code, [indicator_id])
    mine = dict(results[indicator_id])
    for year, reason, detail in con.execute("""
            SELECT year, reason, reason_detail FROM indicator_results
            WHERE indicator_id = ? AND list_contains(?, year) AND region_code LIKE 'GM%'
              AND value IS NULL AND reason IS NOT NULL
            GROUP BY year, reason, reason_detail
            QUALIFY row_number() OVER (PARTITION BY year ORDER BY count(*) DESC, reason,
                                                            reason_detail) = 1""",
                                            [indicator_id, years]).fetchall():
        mine[int(year)] = (reason, detail)
    return grouped(years, sourced[indicator_id], mine)


def with_unexplained(con: duckdb.DuckDBPyConnection, code: str, coverage: Mapping[str, dict],
                     gap_rows: list[dict], catalogue: Mapping[str, dict]) -> list[dict]:
    """The report's gap rows (``indicator_id``, ``reason``, ``reason_detail``, ``n``,
    ``first_year``, ``last_year``, ``years``: ``indicator_gaps`` of municipality ``code``)
    with those of :func:`unexplained` added, between the years of ``coverage`` (indicator ->
    its ``years`` with a figure) and the gap rows; the catalogue's omitted years (``said``
    with their caveat) are not repeated. Ordered as the gap rows: by indicator, most years
    first."""
    have: dict[str, set[int]] = {i: set(c["years"] or ()) for i, c in coverage.items()}
    for g in gap_rows:
        have.setdefault(g["indicator_id"], set()).update(g["years"])
    said = {i: (catalogue.get(i) or {}).get("omitted_years") or () for i in have}
    added = [{"indicator_id": ind, **row, "n": len(row["years"]),
              "first_year": row["years"][0], "last_year": row["years"][-1]}
             for ind, rows in unexplained(con, code, have, said).items() for row in rows]
    return sorted([*gap_rows, *added], key=lambda g: (
        g["indicator_id"], -g["n"], g["first_year"], g["reason"], g["reason_detail"] or ""))
