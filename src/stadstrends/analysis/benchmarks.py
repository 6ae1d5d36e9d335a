"""Benchmarks of every G40 city against the G40 distribution, NL, province, COROP and ommeland.

The ommeland is the city's COROP region (2025 membership) without the city, recomputed from
the harmonised numerators and denominators in ``series_all``: counts are summed over the other
municipalities, ratios and weighted means are sum(num) / sum(den) * scale. Every other
municipality must have a value; a non-additive (level) indicator has no ommeland.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import row_count

CITY_SET = "G40"
MAD_SCALE = 1.4826

NOTE_LEVEL = "not computable for a non-additive indicator"
NOTE_ALONE = "the COROP region consists of the city alone"
NOTE_MISSING = "not all other municipalities of the COROP region have a value"


def city_geography_sql(city_set: str = CITY_SET) -> str:
    """SELECT region_code, province_code, corop_code for the cities of ``city_set``."""
    return f"""
SELECT c.region_code, p.set_id AS province_code, r.set_id AS corop_code
FROM region_sets c
LEFT JOIN region_sets p ON p.region_code = c.region_code AND p.set_id LIKE 'PV%'
LEFT JOIN region_sets r ON r.region_code = c.region_code AND r.set_id LIKE 'CR%'
WHERE c.set_id = '{city_set}'
"""


def ommeland_sql(city_set: str = CITY_SET) -> str:
    """SELECT one row per city x indicator x year where the city has a value:
    region_code, indicator_id, year, value, province_code, corop_code, ommeland_value,
    ommeland_note (why ommeland_value is NULL)."""
    return f"""
WITH geo AS ({city_geography_sql(city_set)}),
others AS (
    SELECT g.region_code AS city, m.region_code AS member
    FROM geo g JOIN region_sets m ON m.set_id = g.corop_code AND m.region_code <> g.region_code
),
n_others AS (SELECT city, count(*) AS n_other FROM others GROUP BY city),
ind AS (SELECT * FROM catalogue_indicators WHERE method <> 'level'),
num AS (
    SELECT o.city, i.indicator_id, s.year, sum(s.value) AS num, count(s.value) AS n_num
    FROM others o
    JOIN series_all s ON s.region_code = o.member
    JOIN ind i ON s.series_id = i.indicator_id || ':num'
    GROUP BY ALL
),
den AS (
    SELECT o.city, i.indicator_id, s.year, sum(s.value) AS den, count(s.value) AS n_den
    FROM others o
    JOIN series_all s ON s.region_code = o.member
    JOIN ind i ON s.series_id = i.denominator_series
    GROUP BY ALL
),
omm AS (
    SELECT num.city AS region_code, num.indicator_id, num.year,
           CASE WHEN num.n_num < z.n_other THEN NULL
                WHEN i.denominator_series IS NULL THEN num.num * i.scale
                WHEN coalesce(den.n_den, 0) < z.n_other OR den.den = 0 THEN NULL
                ELSE num.num / den.den * i.scale END AS ommeland_value
    FROM num
    JOIN n_others z USING (city)
    JOIN ind i USING (indicator_id)
    LEFT JOIN den USING (city, indicator_id, year)
)
SELECT v.region_code, v.indicator_id, v.year, v.value, g.province_code, g.corop_code,
       o.ommeland_value,
       CASE WHEN o.ommeland_value IS NOT NULL THEN NULL
            WHEN c.method = 'level' THEN '{NOTE_LEVEL}'
            WHEN z.n_other IS NULL THEN '{NOTE_ALONE}'
            ELSE '{NOTE_MISSING}' END AS ommeland_note
FROM indicator_values v
JOIN geo g USING (region_code)
LEFT JOIN catalogue_indicators c USING (indicator_id)
LEFT JOIN n_others z ON z.city = v.region_code
LEFT JOIN omm o USING (region_code, indicator_id, year)
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


def build_benchmarks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create table ``benchmarks`` (G40 city x indicator x year with a city value) and view
    ``benchmark_latest`` (each city and indicator's latest year).

    rank_g40: 1 = highest value; percentile_g40: 0 = lowest, 100 = highest of the G40;
    robust_z = (value - G40 median) / (1.4826 * G40 MAD), NULL when the MAD is 0."""
    con.execute(BENCHMARKS_SQL.format(ommeland=ommeland_sql(), mad_scale=MAD_SCALE))
    con.execute(LATEST_SQL)
    return {"benchmarks": row_count(con, "benchmarks"),
            "benchmark_latest": row_count(con, "benchmark_latest")}
