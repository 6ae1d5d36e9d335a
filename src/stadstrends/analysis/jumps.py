"""Jumps: a series that changes by a large factor from one year to the next where the
catalogue declares no series break (a level shift the reader must be told about).

Zwolle's delivered gas per inhabitant (82538NED) falls from 6 818 m³ in 2014 to 492 m³ in
2017 (839 692 -> 61 792 thousand m³; the catalogue has no 2015-2016); CBS declares no break
there. ``series_jumps`` lists
every such change of every region's series (municipalities, COROP, provinces, NL):

* between two consecutive years with a value (``previous_year`` may lie further back when
  years are missing), both positive (a factor between 0 and a value means nothing);
* inside one comparable segment (:mod:`stadstrends.analysis.segments`): a change at a
  declared break or an undeclared change of source tables is already told as a break;
* by a factor of at least ``jump_factor`` (settings), up or down, also at its smallest
  within CBS's rounding of the two figures (each moved by its spread, the trends' and gaps'
  :data:`~.coarse_trends.FIGURE_SPREADS`: Rozendaal's thefts per 1 000, 25 in 2019 and 5
  in 2020 rounded to fives, 15,1 -> 2,9 is a factor 5,2 but can be 3,1: no jump);
* not for balances (an indicator with a negative value somewhere, ``indicators.signed``:
  migration balance, growth pass through zero) nor for indicators whose usual change is
  itself large: the median factor of all year-on-year changes of the municipalities'
  series is at least ``jump_max_usual_factor`` (demolition, new construction: one project
  makes a year; a factor cannot tell a level shift from their ordinary swings).

Columns: indicator_id, region_code, year, previous_year, previous_value, value, ratio
(value / previous_value), factor (the ratio or its inverse, >= 1), usual_factor (the
indicator's median factor over municipalities), in_tested_years (both years inside the
years the region's trend was tested over, ``trends.first_year`` .. ``last_year``).

``jump_trends``: every series with a jump in its tested years, tested again as
:mod:`~stadstrends.analysis.trends` does (same window and settings) over the years from its
last jump on only: does the verdict stand without the jump? Columns: indicator_id,
region_code, jump_year (the last jump's ``year``), and as in ``trends``: first_year,
last_year, n_points, first_value, last_value, abs_change, rel_change, theil_sen_slope,
sen_slope_rel, mk_p, n_distinct, n_counts, count_unit, classification, indicative,
direction_label; all but jump_year NULL when fewer than ``min_trend_points`` years follow
the jump. A ratio whose count CBS rounds to fewer than ``min_distinct_values`` values in
those years is not tested, as in ``trends`` (:data:`~.trends.COUNT_STEPS_SQL`). The signals
and 'kies richting' take a series' trend from here when it has a row
(:mod:`stadstrends.analysis.signals`). Codes and numbers only; the report words them.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.coarse_trends import FIGURE_SPREADS, figure_spreads, has_figure_spreads
from stadstrends.analysis.segments import ensure_segments
from stadstrends.analysis.trends import (
    classification_sql,
    count_steps,
    row_count,
    slopes_sql,
    trend_sql,
    values_relation,
)
from stadstrends.settings import BuildSettings, default_settings

JUMPS_SQL = """
CREATE OR REPLACE TABLE series_jumps AS
WITH pairs AS (
    SELECT v.indicator_id, v.region_code, v.year, v.value, g.segment_start,
           lag(v.year) OVER w AS previous_year, lag(v.value) OVER w AS previous_value
    FROM {values} v JOIN series_segments g USING (indicator_id, year)
    WHERE v.value IS NOT NULL AND isfinite(v.value)
    WINDOW w AS (PARTITION BY v.indicator_id, v.region_code ORDER BY v.year)
),
checked AS (  -- comparable pairs of positive values
    SELECT *, abs(ln(value / previous_value)) AS log_factor FROM pairs
    WHERE previous_year IS NOT NULL AND segment_start <= previous_year
      AND value > 0 AND previous_value > 0
),
usual AS (  -- over the municipalities' series (the others are their sums: smoother)
    SELECT indicator_id, exp(median(log_factor)) AS usual_factor FROM checked
    WHERE region_code IN (SELECT region_code FROM regions WHERE level = 'gemeente')
    GROUP BY ALL
),
signed AS (
    SELECT indicator_id, {signed} AS signed FROM indicators
)
SELECT c.indicator_id, c.region_code, c.year::INTEGER AS year,
       c.previous_year::INTEGER AS previous_year, c.previous_value, c.value,
       c.value / c.previous_value AS ratio, exp(c.log_factor) AS factor, u.usual_factor,
       coalesce(t.first_year <= c.previous_year AND c.year <= t.last_year, false)
           AS in_tested_years
FROM checked c
JOIN usual u USING (indicator_id)
LEFT JOIN signed s USING (indicator_id)
LEFT JOIN trends t USING (indicator_id, region_code)
LEFT JOIN {spreads} a ON a.indicator_id = c.indicator_id
     AND a.region_code = c.region_code AND a.year = c.previous_year
LEFT JOIN {spreads} b ON b.indicator_id = c.indicator_id
     AND b.region_code = c.region_code AND b.year = c.year
WHERE c.log_factor >= ln({factor}) AND u.usual_factor < {usual}
  AND NOT coalesce(s.signed, false)
  -- the factor at its smallest within CBS's rounding of both figures (their spreads): a
  -- jump only where the rounding cannot bring it under the threshold
  AND greatest(c.value - coalesce(b.spread, 0), c.previous_value - coalesce(a.spread, 0))
      >= {factor} * least(c.value + coalesce(b.spread, 0),
                          c.previous_value + coalesce(a.spread, 0))
ORDER BY c.indicator_id, c.region_code, c.year
"""


AFTER_POINTS_SQL = """
(SELECT v.indicator_id, v.region_code, v.year, v.value,
        greatest(g.segment_start, coalesce(max(j.year), g.segment_start)) AS seg
 FROM {values} v
 JOIN series_segments g USING (indicator_id, year)
 SEMI JOIN series_jumps k ON k.indicator_id = v.indicator_id
       AND k.region_code = v.region_code AND k.in_tested_years
 LEFT JOIN series_jumps j ON j.indicator_id = v.indicator_id
       AND j.region_code = v.region_code AND j.year <= v.year
 GROUP BY v.indicator_id, v.region_code, v.year, v.value, g.segment_start)
"""

JUMP_TRENDS_SQL = """
CREATE OR REPLACE TABLE jump_trends AS
SELECT k.indicator_id, k.region_code, k.jump_year, t.first_year, t.last_year, t.n_points,
       t.first_value, t.last_value, t.last_value - t.first_value AS abs_change,
       CASE WHEN t.first_value <> 0
            THEN (t.last_value - t.first_value) / abs(t.first_value) END AS rel_change,
       {slopes},
       t.mk_p, t.n_distinct, NULL::INTEGER AS n_counts, NULL::INTEGER AS count_unit,
       {classification}, t.n_points < {indicative} AS indicative,
       CASE WHEN coalesce(t.trend, 'no significant change') = 'no significant change'
                 OR i.direction IS NULL THEN NULL  -- no verdict after the jump: no label
            WHEN i.direction = 'neutral' OR i.current_prices THEN 'neutral'
            WHEN (i.direction = 'higher_better') = (t.trend = 'rising') THEN 'improving'
            ELSE 'worsening' END AS direction_label
FROM (SELECT indicator_id, region_code, max(year)::INTEGER AS jump_year FROM series_jumps
      WHERE in_tested_years GROUP BY ALL) k
LEFT JOIN ({stats}) t USING (indicator_id, region_code)
LEFT JOIN indicators i USING (indicator_id)
ORDER BY k.indicator_id, k.region_code
"""


def build_jumps(con: duckdb.DuckDBPyConnection,
                settings: BuildSettings | None = None) -> dict[str, int]:
    """Create ``series_jumps`` and ``jump_trends`` from ``indicator_values``,
    ``series_segments``, ``indicators``, ``regions`` and ``trends`` (so after
    :func:`~stadstrends.analysis.trends.build_trends`). Without an ``indicators.signed``
    column an indicator is a balance when one of its values is negative."""
    s = settings or default_settings()
    ensure_segments(con)
    columns = {d[0] for d in con.execute("SELECT * FROM indicators LIMIT 0").description}
    signed = "signed" if "signed" in columns else (
        "indicator_id IN (SELECT indicator_id FROM indicator_values WHERE value < 0)")
    values = values_relation(con)
    made = not has_figure_spreads(con)
    con.execute(JUMPS_SQL.format(signed=signed, factor=float(s.jump_factor),
                                 usual=float(s.jump_max_usual_factor), values=values,
                                 spreads=figure_spreads(con)))
    if made:  # the rounding step's (analysis/build.py) stays for the gaps, which drop it
        con.execute(f"DROP TABLE {FIGURE_SPREADS}")
    stats = trend_sql(
        AFTER_POINTS_SQL.format(values=values), ["indicator_id", "region_code"], window=s.window,
        min_points=s.min_trend_points, segment_col="seg", alpha=s.significance,
        min_significant=s.min_significant_points, min_distinct=s.min_distinct_values)
    con.execute(JUMP_TRENDS_SQL.format(stats=stats, indicative=s.min_significant_points,
                                       slopes=slopes_sql(s.min_significant_points,
                                                         s.min_distinct_values),
                                       classification=classification_sql(
                                           s.min_significant_points, s.min_distinct_values)))
    count_steps(con, "jump_trends", s.min_distinct_values)
    return {t: row_count(con, t) for t in ("series_jumps", "jump_trends")}
