"""The COROP regions' sigma convergence: how far their member municipalities' figures lie
apart, and its trend (``sigma_convergence``, ``sigma_convergence_trends``)."""

from __future__ import annotations

import duckdb

from stadstrends.analysis.gaps import CLASSIFY, WEIGHT_INDICATOR
from stadstrends.analysis.mann_kendall import ensure_exact_table
from stadstrends.analysis.segments import ensure_segments
from stadstrends.analysis.trends import NOT_TESTED, row_count, trend_sql, values_relation
from stadstrends.settings import BuildSettings, default_settings

SIGMA_SQL = """
CREATE OR REPLACE TABLE sigma_convergence AS
WITH members AS (
    SELECT set_id AS corop_code, region_code FROM region_sets WHERE set_id LIKE 'CR%'
),
n_members AS (SELECT corop_code, count(*) AS n_members FROM members GROUP BY ALL),
weights AS (  -- the values (trends.values_relation) without the view's joins on their
             -- sources: 0.54 -> 0.39 s of CPU for the step (medians of 3 x 5 alternated runs)
    SELECT region_code, year, value AS w FROM {values}
    WHERE indicator_id = '{weight}' AND value > 0
),
vals AS (
    SELECT m.corop_code, v.indicator_id, v.year, v.value AS x, w.w
    FROM {values} v
    JOIN members m USING (region_code)
    JOIN weights w USING (region_code, year)
    JOIN catalogue_indicators c USING (indicator_id)
    WHERE c.method <> 'count'
),
agg AS (
    SELECT corop_code, indicator_id, year, count(*) AS n, fsum(w * x) / fsum(w) AS wmean,
           min(x) AS min_x, max(x) AS max_x
    FROM vals GROUP BY ALL HAVING count(*) >= 2
),
spread AS (
    SELECT corop_code, indicator_id, year,  -- equal values: exactly 0, not rounding noise
           CASE WHEN any_value(a.min_x) = any_value(a.max_x) THEN 0.0
                ELSE sqrt(fsum(v.w * (v.x - a.wmean) ^ 2) / fsum(v.w)) END AS wsd
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
       -- fewer years than a test needs: no test, no 'stable' verdict (as the city gaps)
       CASE WHEN t.n_points < {indicative} THEN '{not_tested}' ELSE {classify} END
           AS classification,
       t.n_points < {indicative} AS indicative
FROM ({stats}) t
ORDER BY t.indicator_id, t.corop_code
"""


def build_sigma_convergence(
    con: duckdb.DuckDBPyConnection, window: int | None = None, min_points: int | None = None,
    settings: BuildSettings | None = None,
) -> dict[str, int]:
    """Create ``sigma_convergence`` (COROP x indicator x year: population-weighted mean, SD
    and coefficient of variation across the member municipalities with a value) and
    ``sigma_convergence_trends`` (trend of the CV over the calendar window, complete years).

    Weights are the ``population`` indicator of the same year. Counts are left out; the CV
    is NULL when a value is negative or the weighted mean is not positive."""
    s = settings or default_settings()
    ensure_exact_table(con)
    ensure_segments(con)
    con.execute(SIGMA_SQL.format(weight=WEIGHT_INDICATOR, values=values_relation(con)))
    stats = trend_sql(
        "(SELECT c.corop_code, c.indicator_id, c.year, c.cv, s.segment_start "
        "FROM sigma_convergence c JOIN series_segments s USING (indicator_id, year) "
        "WHERE c.complete)",
        ["corop_code", "indicator_id"], value_col="cv", window=window or s.window,
        min_points=min_points or s.min_trend_points, segment_col="segment_start",
        alpha=s.significance, min_significant=s.min_significant_points)
    con.execute(SIGMA_TRENDS_SQL.format(stats=stats, classify=CLASSIFY, not_tested=NOT_TESTED,
                                        indicative=s.min_significant_points))
    return {t: row_count(con, t) for t in ("sigma_convergence", "sigma_convergence_trends")}
