"""Harmonise selected series to today's municipalities, in SQL.

Input table ``series_raw(series_id, region_code, year, boundary_year, value, additive)``
holds values at the boundaries of their own year. Output ``series_harmonised`` holds, per
series, today's municipality and year, the harmonised value or the reason it is left out.
"""

from __future__ import annotations

import duckdb

HARMONISE_SQL = """
CREATE OR REPLACE TABLE series_harmonised AS
WITH src AS (
    SELECT * FROM series_raw WHERE region_code LIKE 'GM%'
),
keys AS (
    SELECT DISTINCT series_id, year, boundary_year, additive FROM src
),
expected AS (
    SELECT k.series_id, k.year, k.additive, c.target_code, c.source_code, c.weight,
           (h.valid_from <= make_date(k.boundary_year, 1, 1)
            AND (h.valid_to IS NULL OR h.valid_to >= make_date(k.boundary_year + 1, 1, 1)))
               AS required
    FROM keys k
    CROSS JOIN crosswalk c
    JOIN region_history h ON h.code = c.source_code
    WHERE h.valid_from < make_date(k.boundary_year + 1, 1, 1)
      AND (h.valid_to IS NULL OR h.valid_to > make_date(k.boundary_year, 1, 1))
),
joined AS (
    SELECT e.*, s.region_code IS NOT NULL AS present, s.value
    FROM expected e
    LEFT JOIN src s
      ON s.series_id = e.series_id AND s.year = e.year AND s.region_code = e.source_code
),
grouped AS (
    SELECT series_id, year, target_code, any_value(additive) AS additive,
           sum(value * weight) AS total,
           bool_or(present) AS any_present,
           bool_and(CASE WHEN present THEN value IS NOT NULL ELSE NOT required END) AS complete,
           bool_or(required AND NOT present) AS missing_predecessor,
           bool_or(present AND value IS NULL) AS suppressed,
           count(*) AS n_sources,
           bool_and(source_code = target_code AND weight = 1) AS unchanged,
           string_agg(CASE WHEN required AND NOT present THEN source_code END, ',')
               AS missing_codes
    FROM joined
    GROUP BY series_id, year, target_code
)
SELECT series_id, target_code AS region_code, year,
       CASE WHEN complete AND (additive OR (n_sources = 1 AND unchanged)) THEN total END
           AS value,
       CASE
           WHEN suppressed THEN 'value suppressed or missing in the source'
           WHEN missing_predecessor THEN 'no data for predecessor(s) ' || missing_codes
           WHEN NOT complete THEN 'incomplete source data'
           WHEN NOT additive AND NOT (n_sources = 1 AND unchanged)
               THEN 'boundary change: a non-additive value cannot be recomputed'
       END AS reason
FROM grouped
WHERE any_present
"""


def harmonise_series(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``series_harmonised(series_id, region_code, year, value, reason)`` from
    ``series_raw``, ``crosswalk`` and ``region_history`` (set-based, one statement).

    Additive series are summed over predecessors with their crosswalk weights, and only when
    every predecessor that existed all year has a value. Non-additive series are kept only for
    municipalities untouched by boundary changes in that year."""
    con.execute(HARMONISE_SQL)
