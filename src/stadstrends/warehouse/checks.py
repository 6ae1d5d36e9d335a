"""Data checks on a built warehouse. Each returns the offending rows (empty = passed)."""

from __future__ import annotations

import duckdb

# a harmonised municipal total may differ from the published national total by this share
# (CBS itself reports small differences from late registrations and boundary corrections)
TOTAL_TOLERANCE = 0.0005


def municipalities_add_up(con: duckdb.DuckDBPyConnection, indicator_id: str = "population"
                          ) -> list[dict]:
    """Years where the municipalities' sum differs from the national figure CBS published
    in the same source table."""
    rows = con.execute(
        """
        WITH muni AS (
            SELECT year, sum(value) AS municipalities, count(*) AS n
            FROM indicator_results
            WHERE indicator_id = ? AND region_code LIKE 'GM%' AND value IS NOT NULL
            GROUP BY year
        ),
        published AS (
            SELECT year, value AS national FROM series_raw
            WHERE series_id = ? || ':num' AND region_code = 'NL01'
        )
        SELECT year, municipalities, national, n AS n_municipalities,
               municipalities - national AS difference
        FROM muni JOIN published USING (year)
        WHERE abs(municipalities - national) > ? * national
        ORDER BY year
        """,
        [indicator_id, indicator_id, TOTAL_TOLERANCE],
    ).df()
    return rows.to_dict("records")


def run_checks(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """All checks; returns a list of ``{check, message, rows}`` for the ones that failed."""
    failed = []
    rows = municipalities_add_up(con)
    if rows:
        failed.append({"check": "municipalities_add_up",
                       "message": "municipalities do not add up to the national total",
                       "rows": rows})
    return failed
