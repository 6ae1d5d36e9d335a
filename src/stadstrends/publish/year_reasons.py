"""Why no region has a figure in given years of an indicator, for the tweedeling's 'geen
cijfers' clause and the overview's cells without a figure: the reasons the indicators stage
stores in ``indicator_results`` (every year of a series' span without a figure has one:
``indicators/span_gaps.py``); nothing here derives a reason. A row: ``reason``,
``reason_detail``, ``years`` (ascending)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from stadstrends.publish.relations import relations

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb

#: the reason of a year without any stored reason (none of the region, of a municipality
#: or of the indicator)
UNKNOWN = ("no_reason_recorded", None)


def of_years(con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str,
             years: Iterable[int]) -> list[dict]:
    """``years`` of one indicator grouped by their reason, in the order of their first year:
    why the tweedeling's years without any region's figure have none. Such a year says the
    reason most municipalities store for it (the over-75s of 2018-2022: 'waarde ontbreekt in
    de bron', 60039fvw's rows without age figures; Zwolle's own, a copy cut before it, is not
    why no region has one), else ``region_code``'s stored one, else the indicator's
    (``unsourced_years``: the migration background by the Gemeentefonds' measure, 2017-2022,
    no source table before its figures of 2023), else :data:`UNKNOWN`."""
    years = sorted({int(y) for y in years})
    found: dict[int, tuple[str, str | None]] = {}
    for year, reason, detail in con.execute("""
            SELECT year, reason, reason_detail FROM indicator_results
            WHERE indicator_id = ? AND list_contains(?, year) AND value IS NULL
              AND reason IS NOT NULL AND (region_code LIKE 'GM%' OR region_code = ?)
            GROUP BY year, reason, reason_detail
            QUALIFY row_number() OVER (PARTITION BY year ORDER BY
                count(*) FILTER (WHERE region_code LIKE 'GM%') DESC,
                bool_or(region_code = ?) DESC, reason, reason_detail) = 1""",
                                            [indicator_id, years, region_code,
                                             region_code]).fetchall():
        found[int(year)] = (reason, detail)
    if "unsourced_years" in relations(con):  # the indicator's years without a source
        for year, reason, detail in con.execute(
                "SELECT year, reason, reason_detail FROM unsourced_years "
                "WHERE indicator_id = ? AND list_contains(?, year)",
                [indicator_id, [y for y in years if y not in found]]).fetchall():
            found[int(year)] = (reason, detail)
    groups: dict[tuple, list[int]] = {}
    for year in years:
        groups.setdefault(found.get(year, UNKNOWN), []).append(year)
    return [{"reason": r, "reason_detail": d, "years": ys} for (r, d), ys in groups.items()]
