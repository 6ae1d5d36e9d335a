"""Why no region has a figure in given years of an indicator, for the tweedeling's 'geen
cijfers' clause and the overview's cells without a figure: the reasons the indicators stage
stores in ``indicator_results`` (every year of a series' span without a figure has one:
``indicators/span_gaps.py``); nothing here derives a reason. A row: ``reason``,
``reason_detail``, ``years`` (ascending)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from stadstrends.publish.relations import once, relations

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb

#: the reason of a year without any stored reason (none of the region, of a municipality
#: or of the indicator)
UNKNOWN = ("no_reason_recorded", None)


#: per wanted (indicator, year), each reason municipalities store for a year without a
#: figure and how many store it (``n``)
COUNTS_SQL = """
WITH w AS (SELECT unnest($1::VARCHAR[]) AS indicator_id, unnest($2::BIGINT[]) AS year)
SELECT r.indicator_id, r.year, r.reason, r.reason_detail, count(*) AS n
FROM indicator_results r SEMI JOIN w USING (indicator_id, year)
WHERE r.value IS NULL AND r.reason IS NOT NULL AND r.region_code LIKE 'GM%'
GROUP BY ALL"""

#: the reasons a region stores for its years without a figure of indicators ``$2``
OWN_SQL = """
SELECT indicator_id, year, reason, reason_detail FROM indicator_results
WHERE region_code = $1 AND list_contains($2, indicator_id) AND value IS NULL
  AND reason IS NOT NULL"""

#: the wanted (indicator, year) pairs' reasons of the indicator itself (``unsourced_years``)
UNSOURCED_SQL = """
WITH w AS (SELECT unnest($1::VARCHAR[]) AS indicator_id, unnest($2::BIGINT[]) AS year)
SELECT u.indicator_id, u.year, u.reason, u.reason_detail
FROM unsourced_years u SEMI JOIN w USING (indicator_id, year)"""

Reason = tuple[str, "str | None"]


def of_years(con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str,
             years: Iterable[int]) -> list[dict]:
    """``years`` of one indicator grouped by their reason, in the order of their first year:
    why the tweedeling's years without any region's figure have none. Such a year says the
    reason most municipalities store for it (the over-75s of 2018-2022: 'waarde ontbreekt in
    de bron', 60039fvw's rows without age figures; Zwolle's own, a copy cut before it, is not
    why no region has one; of equally many, ``region_code``'s own, then the first by reason
    and detail), else ``region_code``'s stored one, else the indicator's
    (``unsourced_years``: the migration background by the Gemeentefonds' measure, 2017-2022,
    no source table before its figures of 2023), else :data:`UNKNOWN`."""
    return of_indicators(con, region_code, {indicator_id: years})[indicator_id]


def of_indicators(con: duckdb.DuckDBPyConnection, region_code: str,
                  wanted: Mapping[str, Iterable[int]],
                  own: Mapping[tuple[str, int], Reason] | None = None) -> dict[str, list[dict]]:
    """:func:`of_years` of each indicator of ``wanted`` (indicator -> years) at once (a city
    report's gaps without a trend: ~6 indicators, two queries each before). The
    municipalities' reasons of a year are read once per read-only connection (the same for
    every report of a set run: :func:`_counts`); ``own``: (indicator, year) -> the reason
    ``region_code`` stores, when the caller has read them (a report's ``gap_reasons``)."""
    years = {i: sorted({int(y) for y in ys}) for i, ys in wanted.items()}
    pairs = [(i, y) for i, ys in years.items() for y in ys]
    if not pairs:
        return {i: [] for i in years}
    if own is None:
        own = own_reasons(con, region_code, sorted(years))
    counts = _counts(con, pairs)
    found: dict[tuple[str, int], Reason] = {}
    for pair in pairs:
        options = dict(counts[pair])  # (reason, detail) -> municipalities
        mine = own.get(pair)
        if mine is not None:
            options.setdefault(mine, 0)  # a region that is no municipality: its own counts 0
        if options:  # most municipalities, the region's own, by reason, detail (NULL last)
            found[pair] = min(options, key=lambda k: (-options[k], k != mine, k[0],
                                                      k[1] is None, k[1] or ""))
    if "unsourced_years" in relations(con):  # the indicator's years without a source
        found.update(_found(con, UNSOURCED_SQL, [p for p in pairs if p not in found]))
    return {ind: by_reason(ind, ys, found) for ind, ys in years.items()}


def own_reasons(con: duckdb.DuckDBPyConnection, region_code: str, indicators: list[str]
                ) -> dict[tuple[str, int], Reason]:
    """(indicator, year) -> the reason ``region_code`` stores for a year without a figure of
    one of ``indicators`` (:data:`OWN_SQL`)."""
    return {(i, int(y)): (r, d) for i, y, r, d in con.execute(
        OWN_SQL, [region_code, indicators]).fetchall()}


def by_reason(indicator: str, years: Iterable[int], found: Mapping[tuple[str, int], Reason]
              ) -> list[dict]:
    """``years`` of ``indicator`` grouped by their reason in ``found`` ((indicator, year) ->
    reason; :data:`UNKNOWN` where it has none), in the order of their first year: rows of
    ``reason``, ``reason_detail``, ``years``."""
    groups: dict[Reason, list[int]] = {}
    for year in years:
        groups.setdefault(tuple(found.get((indicator, int(year)), UNKNOWN)), []).append(year)
    return [{"reason": r, "reason_detail": d, "years": y} for (r, d), y in groups.items()]


def _counts(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, int]]
            ) -> dict[tuple[str, int], dict[Reason, int]]:
    """(indicator, year) -> (reason, reason_detail) -> how many municipalities store it, for
    ``pairs``: kept per read-only connection (:func:`~stadstrends.publish.relations.once`),
    the pairs not kept yet read in one query."""
    known = once(con, "year reasons", dict)
    wanted = [p for p in pairs if p not in known]
    if wanted:
        for pair in wanted:
            known[pair] = {}
        for ind, year, reason, detail, n in con.execute(COUNTS_SQL, [
                [i for i, _ in wanted], [y for _, y in wanted]]).fetchall():
            known[(ind, int(year))][(reason, detail)] = int(n)
    return known


def _found(con: duckdb.DuckDBPyConnection, sql: str, pairs: list[tuple[str, int]]
           ) -> dict[tuple[str, int], Reason]:
    """(indicator, year) -> (reason, reason_detail) of ``sql`` for ``pairs``."""
    if not pairs:
        return {}
    rows = con.execute(sql, [[i for i, _ in pairs], [y for _, y in pairs]]).fetchall()
    return {(ind, int(year)): (reason, detail) for ind, year, reason, detail in rows}
