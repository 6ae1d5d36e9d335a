"""Benchmarks of every city of the settings' city set against the set's distribution, NL,
province, COROP and ommeland.

The ommeland values and notes come from the ``ommeland`` table (see
:mod:`stadstrends.analysis.ommeland`: the COROP region without the city, from harmonised
numerators and denominators; a non-additive (level) indicator has none).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import row_count
from stadstrends.settings import default_settings

MAD_SCALE = 1.4826

NOTE_LEVEL = "not computable for a non-additive indicator"
NOTE_ALONE = "the COROP region consists of the city alone"
NOTE_MISSING = "not all other municipalities of the COROP region have a value"


BASE_SQL = """
SELECT o.region_code, o.indicator_id, o.year, v.value, o.province_code, o.corop_code,
       o.ommeland_value, o.ommeland_note
FROM ommeland o
JOIN indicator_values v USING (region_code, indicator_id, year)
JOIN region_sets c ON c.region_code = o.region_code AND c.set_id = '{city_set}'
"""


BENCHMARKS_SQL = """
CREATE OR REPLACE TABLE benchmarks AS
WITH base AS ({ommeland}),
stats AS (
    SELECT indicator_id, year, median(value) AS g40_median,
           quantile_cont(value, 0.25) AS g40_p25, quantile_cont(value, 0.75) AS g40_p75,
           count(*) AS g40_n
    FROM base GROUP BY ALL
),
mad AS (
    SELECT indicator_id, year, median(abs(b.value - s.g40_median)) AS g40_mad
    FROM base b JOIN stats s USING (indicator_id, year) GROUP BY ALL
),
ranked AS (
    SELECT region_code, indicator_id, year,
           rank() OVER (PARTITION BY indicator_id, year ORDER BY value DESC) AS rank_g40,
           100 * percent_rank() OVER (PARTITION BY indicator_id, year ORDER BY value)
               AS percentile_g40
    FROM base
)
SELECT b.region_code, b.indicator_id, b.year, b.value,
       s.g40_median, s.g40_p25, s.g40_p75, s.g40_n::INTEGER AS g40_n, m.g40_mad,
       nl.value AS nl_value,
       b.province_code, pv.value AS province_value,
       b.corop_code, cr.value AS corop_value,
       b.ommeland_value, b.ommeland_note,
       r.rank_g40::INTEGER AS rank_g40, r.percentile_g40,
       CASE WHEN m.g40_mad > 0
            THEN (b.value - s.g40_median) / ({mad_scale} * m.g40_mad) END AS robust_z
FROM base b
JOIN stats s USING (indicator_id, year)
JOIN mad m USING (indicator_id, year)
JOIN ranked r USING (region_code, indicator_id, year)
LEFT JOIN indicator_values nl
  ON nl.region_code = 'NL01' AND nl.indicator_id = b.indicator_id AND nl.year = b.year
LEFT JOIN indicator_values pv
  ON pv.region_code = b.province_code AND pv.indicator_id = b.indicator_id
 AND pv.year = b.year
LEFT JOIN indicator_values cr
  ON cr.region_code = b.corop_code AND cr.indicator_id = b.indicator_id AND cr.year = b.year
ORDER BY b.indicator_id, b.region_code, b.year
"""

LATEST_SQL = """
CREATE OR REPLACE VIEW benchmark_latest AS
SELECT * FROM benchmarks
QUALIFY year = max(year) OVER (PARTITION BY region_code, indicator_id)
"""


def build_benchmarks(con: duckdb.DuckDBPyConnection, city_set: str | None = None
                     ) -> dict[str, int]:
    """Create table ``benchmarks`` (city x indicator x year with a city value) and view
    ``benchmark_latest`` (each city and indicator's latest year).

    rank_g40: 1 = highest value; percentile_g40: 0 = lowest, 100 = highest of the city set;
    robust_z = (value - set median) / (1.4826 * set MAD), NULL when the MAD is 0."""
    city_set = city_set or default_settings().city_set
    con.execute(BENCHMARKS_SQL.format(ommeland=BASE_SQL.format(city_set=city_set),
                                      mad_scale=MAD_SCALE))
    con.execute(LATEST_SQL)
    return {"benchmarks": row_count(con, "benchmarks"),
            "benchmark_latest": row_count(con, "benchmark_latest")}
