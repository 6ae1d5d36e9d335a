"""City-ommeland gaps and sigma convergence within COROP regions, with their trends.

Both trend tables reuse ``trend_sql`` from :mod:`stadstrends.analysis.trends`:
a gap is *diverging* when |city - ommeland| rises significantly, *converging* when it falls;
a COROP region converges (sigma convergence) when the population-weighted coefficient of
variation across its municipalities falls significantly.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import ommeland_sql
from stadstrends.analysis.mann_kendall import register_exact_table
from stadstrends.analysis.trends import INDICATIVE_BELOW, MIN_POINTS, row_count, trend_sql

WEIGHT_INDICATOR = "population"

CLASSIFY = """CASE t.trend WHEN 'rising' THEN 'diverging' WHEN 'falling' THEN 'converging'
                ELSE 'stable' END"""

REGION_GAPS_SQL = """
CREATE OR REPLACE TABLE region_gaps AS
SELECT region_code, indicator_id, year, corop_code, value AS city_value, ommeland_value,
       value - ommeland_value AS gap,
       CASE WHEN ommeland_value <> 0 THEN value / ommeland_value END AS ratio
FROM ({ommeland})
WHERE ommeland_value IS NOT NULL
ORDER BY indicator_id, region_code, year
"""

GAP_TRENDS_SQL = """
CREATE OR REPLACE TABLE region_gap_trends AS
SELECT t.region_code, t.indicator_id, t.first_year, t.last_year, t.n_points,
       f.gap AS first_gap, l.gap AS last_gap,
       sign(f.gap) * sign(l.gap) < 0 AS gap_sign_changed,
       t.theil_sen_slope AS abs_gap_slope, t.mk_s, t.mk_p, t.mk_p_method, t.tau,
       {classify} AS classification,
       t.n_points < {indicative} AS indicative
FROM ({stats}) t
JOIN region_gaps f
  ON f.region_code = t.region_code AND f.indicator_id = t.indicator_id
 AND f.year = t.first_year
JOIN region_gaps l
  ON l.region_code = t.region_code AND l.indicator_id = t.indicator_id
 AND l.year = t.last_year
ORDER BY t.indicator_id, t.region_code
"""

SIGMA_SQL = """
CREATE OR REPLACE TABLE sigma_convergence AS
WITH members AS (
    SELECT set_id AS corop_code, region_code FROM region_sets WHERE set_id LIKE 'CR%'
),
n_members AS (SELECT corop_code, count(*) AS n_members FROM members GROUP BY ALL),
weights AS (
    SELECT region_code, year, value AS w FROM indicator_values
    WHERE indicator_id = '{weight}' AND value > 0
),
vals AS (
    SELECT m.corop_code, v.indicator_id, v.year, v.value AS x, w.w
    FROM indicator_values v
    JOIN members m USING (region_code)
    JOIN weights w USING (region_code, year)
    JOIN catalogue_indicators c USING (indicator_id)
    WHERE c.method <> 'count'
),
agg AS (
    SELECT corop_code, indicator_id, year, count(*) AS n, sum(w * x) / sum(w) AS wmean,
           min(x) AS min_x
    FROM vals GROUP BY ALL HAVING count(*) >= 2
),
spread AS (
    SELECT corop_code, indicator_id, year,
           sqrt(sum(v.w * (v.x - a.wmean) ^ 2) / sum(v.w)) AS wsd
    FROM vals v JOIN agg a USING (corop_code, indicator_id, year) GROUP BY ALL
)
SELECT a.corop_code, a.indicator_id, a.year, a.n::INTEGER AS n_municipalities,
       z.n_members::INTEGER AS n_members, a.n = z.n_members AS complete,
       a.wmean AS weighted_mean, s.wsd AS weighted_sd,
       CASE WHEN a.min_x >= 0 AND a.wmean > 0 THEN s.wsd / a.wmean END AS cv
FROM agg a
JOIN spread s USING (corop_code, indicator_id, year)
JOIN n_members z USING (corop_code)
ORDER BY a.indicator_id, a.corop_code, a.year
"""

SIGMA_TRENDS_SQL = """
CREATE OR REPLACE TABLE sigma_convergence_trends AS
SELECT t.corop_code, t.indicator_id, t.first_year, t.last_year, t.n_points,
       t.first_value AS first_cv, t.last_value AS last_cv,
       t.theil_sen_slope AS cv_slope, t.mk_s, t.mk_p, t.mk_p_method, t.tau,
       {classify} AS classification,
       t.n_points < {indicative} AS indicative
FROM ({stats}) t
ORDER BY t.indicator_id, t.corop_code
"""


def build_region_gaps(
    con: duckdb.DuckDBPyConnection, window: int = 8, min_points: int = MIN_POINTS
) -> dict[str, int]:
    """Create ``region_gaps`` (G40 city x indicator x year with both a city and an ommeland
    value: gap = city - ommeland, ratio = city / ommeland) and ``region_gap_trends`` (trend
    of |gap| over the last ``window`` years with a gap: diverging / converging / stable)."""
    register_exact_table(con)
    con.execute(REGION_GAPS_SQL.format(ommeland=ommeland_sql()))
    stats = trend_sql(
        "(SELECT region_code, indicator_id, year, abs(gap) AS abs_gap FROM region_gaps)",
        ["region_code", "indicator_id"], value_col="abs_gap", window=window,
        min_points=min_points,
    )
    con.execute(GAP_TRENDS_SQL.format(stats=stats, classify=CLASSIFY,
                                      indicative=INDICATIVE_BELOW))
    return {t: row_count(con, t) for t in ("region_gaps", "region_gap_trends")}


def build_sigma_convergence(
    con: duckdb.DuckDBPyConnection, window: int = 8, min_points: int = MIN_POINTS
) -> dict[str, int]:
    """Create ``sigma_convergence`` (COROP x indicator x year: population-weighted mean, SD
    and coefficient of variation across the member municipalities with a value) and
    ``sigma_convergence_trends`` (trend of the CV over the last ``window`` complete years).

    Weights are the ``population`` indicator of the same year. Counts are left out; the CV
    is NULL when a value is negative or the weighted mean is not positive."""
    register_exact_table(con)
    con.execute(SIGMA_SQL.format(weight=WEIGHT_INDICATOR))
    stats = trend_sql(
        "(SELECT corop_code, indicator_id, year, cv FROM sigma_convergence WHERE complete)",
        ["corop_code", "indicator_id"], value_col="cv", window=window, min_points=min_points,
    )
    con.execute(SIGMA_TRENDS_SQL.format(stats=stats, classify=CLASSIFY,
                                        indicative=INDICATIVE_BELOW))
    return {t: row_count(con, t) for t in ("sigma_convergence", "sigma_convergence_trends")}


def build_gaps(con: duckdb.DuckDBPyConnection, window: int = 8) -> dict[str, int]:
    """Build all four gap and convergence tables."""
    return {**build_region_gaps(con, window), **build_sigma_convergence(con, window)}
