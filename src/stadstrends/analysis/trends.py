"""Trend statistics per series over a window: Theil-Sen slope and Mann-Kendall test, in SQL.

``trend_sql`` is the one set-based implementation; it is parameterised by source relation,
key columns, time and value column, and reused for gaps and sigma convergence. The window is
a fixed span of calendar years ending at the series' latest year with a value; with a
segment column only the points of the latest comparable segment inside it count (see
:mod:`stadstrends.analysis.segments`). All pairs of points within a series' window come from
one self-join; S = sum of signs, the slope is the median of pairwise slopes. The exact null
distribution (n <= 10, no ties) is a lookup join. A trend on fewer than ``min_significant_points``
(:mod:`stadstrends.settings`) points is indicative and never significant; so is one on fewer
than ``min_distinct_values`` distinct values (steps between a source's rounded levels), and
a ratio whose count CBS rounds in every tested year on fewer than that many distinct counts
(``n_counts``, :data:`COUNT_STEPS_SQL`: as a count, whose figure is the count).
``direction_label``: 'improving' / 'worsening' by the catalogue's direction, 'neutral' for a
significant trend without a verdict: a neutral direction, or an amount in euro in current
prices (``indicators.current_prices``: a rise in current euros is no improvement by itself).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from stadstrends.analysis.mann_kendall import (
    EXACT_MAX_N,
    EXACT_TABLE,
    normal_p_sql,
    register_exact_table,
)
from stadstrends.analysis.segments import build_segments
from stadstrends.settings import BuildSettings, default_settings


def _window_ctes(source: str, k: str, time_col: str, value_col: str, seg: str,
                 window: int) -> str:
    """The CTEs ``src`` (the finite values: keys, t, v, seg), ``latest`` (per series the
    window's first year, the segment of its latest point, ``has_before`` and the series'
    number ``sid``) and ``win`` (``sid, t, v``: the points a trend is tested on) shared by
    :func:`trend_sql` and :func:`untested_sql`."""
    return f"""src AS (
    SELECT {k}, {time_col} AS t, {value_col} AS v, {seg} AS seg FROM {source}
    WHERE {value_col} IS NOT NULL AND isfinite({value_col})
),
latest AS MATERIALIZED (  -- per series: its window, its latest segment, whether it has
    -- figures before that segment (any year), and a number (sid) the series is grouped and
    -- joined by below instead of its keys (materialized: numbered once); with has_before
    -- not counted over a second join of the values, the trends' statement 0.39 -> 0.27 s of
    -- CPU, the gap trends' 0.21 -> 0.15 s (medians of 4 alternated; the same rows)
    SELECT *, coalesce(first_t < segment_start, false) AS has_before,
           row_number() OVER () AS sid
    FROM (SELECT {k}, max(t) - {int(window)} + 1 AS window_first_year,
                 arg_max(seg, t) AS segment_start, min(t) AS first_t
          FROM src GROUP BY ALL)
),
win AS (
    SELECT l.sid, s.t, s.v FROM src s JOIN latest l USING ({k})
    WHERE s.t >= l.window_first_year
      AND (l.segment_start IS NULL OR s.t >= l.segment_start)
)"""


def trend_sql(
    source: str,
    keys: Sequence[str],
    *,
    time_col: str = "year",
    value_col: str = "value",
    window: int,
    min_points: int,
    alpha: float,
    segment_col: str | None = None,
    min_significant: int,
    min_distinct: int = 0,
    exact: bool = True,
    slopes: bool = False,
) -> str:
    """SELECT giving one row per series (``keys``) of ``source`` over the calendar years
    ``last - window + 1 .. last``, ``last`` being the series' latest time with a non-null
    value; with ``segment_col`` (the first year of a point's comparable segment) only the
    points of the latest segment count. Series with fewer than ``min_points`` points in the
    window are left out; with fewer than ``min_significant`` the trend is never significant,
    nor with fewer than ``min_distinct`` distinct values (a series that only steps between
    its source's rounded levels, e.g. 600 and 700 households: the change may be one household).

    Columns: keys, first_year, last_year, n_points, has_before (whether the series has
    figures before its latest segment, in any year), window_first_year, segment_start,
    first_value, last_value, mean_value, n_distinct, theil_sen_slope, mk_s, mk_var, mk_z, mk_p,
    mk_p_method ('exact'/'normal'), tau (Kendall's tau-b), trend ('rising'/'falling'/'no
    significant change'). The exact lookup table must exist (``register_exact_table``)
    unless ``exact`` is False (then every p-value is the normal approximation's); with
    ``slopes`` also ``slopes``, every pairwise slope in ascending order (for an interval)."""
    if window < 2:
        raise ValueError("window must be at least 2")
    k = ", ".join(keys)
    seg = segment_col or "NULL::INTEGER"
    pair_slope = "(b.v - a.v) / (b.t - a.t)"
    slope_list = f", list({pair_slope} ORDER BY {pair_slope}) AS slopes" if slopes else ""
    exact_join = f"""LEFT JOIN {EXACT_TABLE} e
      ON NOT s.has_ties AND s.n <= {EXACT_MAX_N} AND e.n = s.n AND e.s = s.s""" if exact \
        else "LEFT JOIN (SELECT NULL::DOUBLE AS p_two_sided) e ON false"
    return f"""
WITH {_window_ctes(source, k, time_col, value_col, seg, window)},
basic AS (
    SELECT sid, count(*) AS n, min(t) AS first_year, max(t) AS last_year,
           arg_min(v, t) AS first_value, arg_max(v, t) AS last_value, favg(v) AS mean_value
    FROM win GROUP BY ALL HAVING count(*) >= {int(min_points)}
),
pairs AS (
    SELECT sid, sum(sign(b.v - a.v))::INTEGER AS s,
           median({pair_slope}) AS slope{slope_list}
    FROM win a JOIN win b USING (sid)
    WHERE a.t < b.t
    GROUP BY ALL
),
ties AS (  -- the groups of equal values; their number is n_distinct (a count(DISTINCT v) in
    -- basic grouped win by value a second time; with RESULTS the statement of trends
    -- 0.77 -> 0.64 s of CPU, of the gap trends 0.98 -> 0.89, medians of 8 alternated)
    SELECT sid, sum(g * (g - 1) * (2 * g + 5)) AS tie_var,
           sum(g * (g - 1) / 2) AS tied_pairs, max(g) > 1 AS has_ties, count(*) AS n_distinct
    FROM (SELECT sid, count(*) AS g FROM win GROUP BY sid, v)
    GROUP BY ALL
),
stats AS (
    SELECT b.*, p.s, p.slope{", p.slopes" if slopes else ""}, t.has_ties, t.tied_pairs,
           t.n_distinct,
           (b.n * (b.n - 1) * (2 * b.n + 5) - t.tie_var) / 18.0 AS var_s
    FROM basic b JOIN pairs p USING (sid) JOIN ties t USING (sid)
),
tested AS (
    SELECT s.*,
           CASE WHEN s.s = 0 OR s.var_s <= 0 THEN 0.0
                ELSE (s.s - sign(s.s)) / sqrt(s.var_s) END AS z,
           e.p_two_sided AS p_exact
    FROM stats s
    {exact_join}
),
final AS (
    SELECT *, coalesce(p_exact, {normal_p_sql("z")}) AS p FROM tested
)
SELECT {k}, first_year, last_year, n::INTEGER AS n_points, has_before,
       window_first_year::INTEGER AS window_first_year, segment_start, first_value, last_value,
       mean_value, n_distinct::INTEGER AS n_distinct, slope AS theil_sen_slope, s AS mk_s,
       var_s AS mk_var, z AS mk_z,
       p AS mk_p, CASE WHEN p_exact IS NULL THEN 'normal' ELSE 'exact' END AS mk_p_method,
       CASE WHEN tied_pairs < n * (n - 1) / 2
            THEN s / sqrt(n * (n - 1) / 2 * (n * (n - 1) / 2 - tied_pairs)) END AS tau,
       CASE WHEN n < {int(min_significant)} OR p >= {float(alpha)}
                 OR n_distinct < {int(min_distinct)}
                THEN 'no significant change'
            WHEN s > 0 THEN 'rising'
            WHEN s < 0 THEN 'falling'
            ELSE 'no significant change' END AS trend{", slopes" if slopes else ""}
FROM final JOIN latest USING (sid)
"""


#: Why a series has no trend (``untested_series.reason``; words: ``trend_labels`` of the
#: language files): too few figures in the window, or enough figures in the window but too
#: few after the start of its latest comparable segment (a declared break, or a change of
#: source tables: :data:`~stadstrends.analysis.segments.SEGMENT_REASONS`).
UNTESTED_REASONS = ("few_recent_years", "short_after_break", "short_after_source_switch")


def untested_sql(source: str, keys: Sequence[str], *, window: int, min_points: int,
                 segment_col: str, time_col: str = "year", value_col: str = "value") -> str:
    """SELECT giving one row per series of ``source`` that :func:`trend_sql` leaves out
    (fewer than ``min_points`` points to test), with the same window and segment rule:
    keys, last_year, window_first_year, n_window (finite values in the window),
    segment_start (the latest segment's first year when it starts inside the window, else
    NULL), n_points (the values a trend would be tested on) and ``cut`` (whether the
    segment start left too few: the window held ``min_points`` or more)."""
    k = ", ".join(keys)
    return f"""
WITH {_window_ctes(source, k, time_col, value_col, segment_col, window)},
counted AS (  -- grouped by the series' number, its keys joined to the few left out
    SELECT l.sid, max(s.t) AS last_year,
           count(*) FILTER (WHERE s.t >= l.window_first_year) AS n_window,
           count(*) FILTER (WHERE s.t >= l.window_first_year
                            AND (l.segment_start IS NULL OR s.t >= l.segment_start))
               AS n_points
    FROM src s JOIN latest l USING ({k}) GROUP BY l.sid
)
SELECT {k}, c.last_year::INTEGER AS last_year,
       l.window_first_year::INTEGER AS window_first_year, c.n_window::INTEGER AS n_window,
       CASE WHEN l.segment_start > l.window_first_year THEN l.segment_start END::INTEGER
           AS segment_start,
       c.n_points::INTEGER AS n_points, c.n_window >= {int(min_points)} AS cut
FROM counted c JOIN latest l USING (sid) WHERE c.n_points < {int(min_points)}
"""


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Number of rows of ``table``."""
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


#: Whether a Mann-Kendall test was run on a trend ``t`` of :func:`trend_sql` (NULL where
#: ``t`` has no row): the one rule :data:`SLOPES_SQL` and :data:`CLASSIFICATION_SQL` read
TESTED_SQL = "(t.n_points >= {indicative} AND t.n_distinct >= {min_distinct})"


def tested_sql(indicative: int, min_distinct: int) -> str:
    """:data:`TESTED_SQL` for the build's ``min_significant_points`` and
    ``min_distinct_values``."""
    return TESTED_SQL.format(indicative=int(indicative), min_distinct=int(min_distinct))


#: The Theil–Sen slope and the slope over |mean level| of a trend a test was run on
#: (``{tested}``: :data:`TESTED_SQL`); NULL where none was (too few years, or steps between
#: rounded levels): a slope along a trend line is a trend claim ('langs die lijn −0,02 per
#: 1 000 woningen per jaar', Boekel's demolitions, 'niet getoetst'), and the API gave one for
#: 3 979 untested trends on the 2025 snapshot. ``trends`` and ``jump_trends``
#: (:mod:`stadstrends.analysis.jumps`); :data:`COUNT_STEPS_SQL` drops it too where the count
#: behind a ratio leaves too few values.
SLOPES_SQL = """CASE WHEN {tested} THEN t.theil_sen_slope END AS theil_sen_slope,
       CASE WHEN {tested} AND t.mean_value <> 0
            THEN t.theil_sen_slope / abs(t.mean_value) END AS sen_slope_rel"""


def slopes_sql(indicative: int, min_distinct: int) -> str:
    """:data:`SLOPES_SQL` for the build's ``min_significant_points`` and
    ``min_distinct_values``."""
    return SLOPES_SQL.format(tested=tested_sql(indicative, min_distinct))


#: ``classification``'s code where no Mann-Kendall test was run (too few points, too few
#: distinct values, or too few distinct counts behind a ratio: :data:`COUNT_STEPS_SQL`); not
#: 'no significant change', which a reader takes for a test's result, beside the API's
#: ``tested: false`` (words: ``trend_labels`` and ``words`` of the language files)
NOT_TESTED = "not tested"

#: A trend's classification: :func:`trend_sql`'s ``trend`` where a test was run, else
#: :data:`NOT_TESTED` (:data:`TESTED_SQL`; ``NOT`` keeps a missing row's NULL); ``trends``
#: and ``jump_trends``
CLASSIFICATION_SQL = (f"CASE WHEN NOT {{tested}} THEN '{NOT_TESTED}' ELSE t.trend END"
                      " AS classification")


def classification_sql(indicative: int, min_distinct: int) -> str:
    """:data:`CLASSIFICATION_SQL` for the build's ``min_significant_points`` and
    ``min_distinct_values``."""
    return CLASSIFICATION_SQL.format(tested=tested_sql(indicative, min_distinct))


TRENDS_SQL = """
CREATE OR REPLACE TABLE trends AS
SELECT t.indicator_id, t.region_code, t.first_year, t.last_year, t.n_points,
       t.window_first_year,
       CASE WHEN t.segment_start > t.window_first_year AND t.has_before
            THEN t.segment_start END AS segment_start,
       CASE WHEN t.segment_start > t.window_first_year AND t.has_before
            THEN g.segment_reason END AS segment_reason,
       t.first_value, t.last_value,
       t.last_value - t.first_value AS abs_change,
       CASE WHEN t.first_value <> 0
            THEN (t.last_value - t.first_value) / abs(t.first_value) END AS rel_change,
       {slopes},
       t.mk_s, t.mk_p, t.mk_p_method, t.tau, t.n_distinct,
       NULL::INTEGER AS n_counts, NULL::INTEGER AS count_unit,
       {classification},
       t.n_points < {indicative} AS indicative,
       CASE WHEN t.trend = 'no significant change' OR i.direction IS NULL THEN NULL
            WHEN i.direction = 'neutral' OR i.current_prices THEN 'neutral'
            WHEN (i.direction = 'higher_better') = (t.trend = 'rising') THEN 'improving'
            ELSE 'worsening' END AS direction_label
FROM ({stats}) t
LEFT JOIN indicators i USING (indicator_id)
LEFT JOIN series_segments g
  ON g.indicator_id = t.indicator_id AND g.year = t.segment_start
ORDER BY t.indicator_id, t.region_code
"""

#: A ratio whose numerator CBS rounds (``numerator_rounding``) in every tested year: the
#: count's distinct values there (``n_counts``) and its unit (``count_unit``); with fewer
#: than ``{min_distinct}`` it is not tested, as a count is (Vaals's self-employed per 1 000,
#: 600 in 2016-2021 and 2023, 700 in 2022, rounded to hundreds: only the population moved
#: the figure). ``{table}``: ``trends``, or ``jump_trends`` (the years after a jump,
#: :mod:`stadstrends.analysis.jumps`: the same columns, the same rule)
COUNT_STEPS_SQL = """
UPDATE {table} t SET n_counts = c.n_counts, count_unit = c.unit,
       classification = CASE WHEN c.n_counts < {min_distinct} THEN '{not_tested}'
                             ELSE t.classification END,
       direction_label = CASE WHEN c.n_counts < {min_distinct} THEN NULL
                              ELSE t.direction_label END,
       theil_sen_slope = CASE WHEN c.n_counts < {min_distinct} THEN NULL
                              ELSE t.theil_sen_slope END,
       sen_slope_rel = CASE WHEN c.n_counts < {min_distinct} THEN NULL
                            ELSE t.sen_slope_rel END
FROM (
    SELECT t.indicator_id, t.region_code, count(DISTINCT s.value)::INTEGER AS n_counts,
           max(n.unit)::INTEGER AS unit
    FROM {table} t
    JOIN catalogue_indicators i ON i.indicator_id = t.indicator_id AND i.method = 'ratio'
    JOIN series_all s ON s.series_id = t.indicator_id || ':num'
     AND s.region_code = t.region_code AND s.year BETWEEN t.first_year AND t.last_year
    LEFT JOIN numerator_rounding n ON n.indicator_id = t.indicator_id AND n.year = s.year
    WHERE t.region_code LIKE 'GM%' AND t.indicator_id IN (SELECT indicator_id
                                                          FROM numerator_rounding)
    -- a count in every tested year and in no other year between them (the figures' years
    -- without a scan of the values: 0.07 -> 0.04 s of CPU), each one rounded
    GROUP BY ALL HAVING count(n.unit) = count(*) AND count(s.value) = count(*)
                    AND count(*) = any_value(t.n_points)
) c
WHERE t.indicator_id = c.indicator_id AND t.region_code = c.region_code
"""

#: the tables :data:`COUNT_STEPS_SQL` reads besides its own (``trends``, ``jump_trends``)
COUNT_TABLES = {"catalogue_indicators", "series_all", "numerator_rounding"}


def count_steps(con: duckdb.DuckDBPyConnection, table: str, min_distinct: int) -> None:
    """Fill ``table``'s ``n_counts`` and ``count_unit`` and leave a ratio whose count CBS
    rounds to fewer than ``min_distinct`` values untested (:data:`COUNT_STEPS_SQL`); nothing
    without the :data:`COUNT_TABLES` (a test's mini warehouse)."""
    if COUNT_TABLES <= {r[0] for r in con.execute("SHOW TABLES").fetchall()}:
        con.execute(COUNT_STEPS_SQL.format(table=table, min_distinct=int(min_distinct),
                                           not_tested=NOT_TESTED))


UNTESTED_SQL = """
CREATE OR REPLACE TABLE untested_series AS
SELECT u.indicator_id, u.region_code, u.last_year, u.window_first_year, u.n_window,
       u.segment_start, u.n_points,
       CASE WHEN u.cut AND g.segment_reason IS NOT NULL THEN 'short_after_' || g.segment_reason
            ELSE 'few_recent_years' END
           AS reason
FROM ({untested}) u
LEFT JOIN series_segments g
  ON g.indicator_id = u.indicator_id AND g.year = u.segment_start
ORDER BY u.indicator_id, u.region_code
"""

POINTS_SQL = """
(SELECT v.indicator_id, v.region_code, v.year, v.value, g.segment_start
 FROM {values} v JOIN series_segments g USING (indicator_id, year))
"""

#: the rows of ``indicator_values`` without the columns it joins in (``source_tables``,
#: ``source_measures``, ``provisional``): ``indicator_results`` with a value. The view's LEFT
#: JOINs are on keys unique in ``indicator_sources`` (a GROUP BY) and ``provisional_cells``
#: (DISTINCT cells), so the rows are the same; DuckDB kept the join to provisional_cells in
#: most statements that read only the values (0.06 s of CPU per scan: 339 294 rows)
RESULTS = ("(SELECT indicator_id, region_code, year, value FROM indicator_results "
           "WHERE value IS NOT NULL)")


def values_relation(con: duckdb.DuckDBPyConnection) -> str:
    """:data:`RESULTS` where ``indicator_values`` is the indicator stage's view of
    ``indicator_results``; else ``indicator_values`` (a test's mini warehouse has it as a
    table of its own)."""
    kinds = dict(con.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = current_schema() "
        "AND table_name IN ('indicator_values', 'indicator_results')").fetchall())
    if kinds.get("indicator_values") == "VIEW" and "indicator_results" in kinds:
        return RESULTS
    return "indicator_values"


def build_trends(
    con: duckdb.DuckDBPyConnection, window: int | None = None, min_points: int | None = None,
    settings: BuildSettings | None = None,
) -> dict[str, int]:
    """Create tables ``series_segments``, ``trends`` (indicator x region) and
    ``untested_series`` (the series without a trend and why: :data:`UNTESTED_REASONS`) from
    ``indicator_values``.

    The window is the ``window`` calendar years ending at the latest year with a value for
    that indicator and region, cut to its latest comparable segment (``segment_start`` and
    ``segment_reason`` say where and why, when the series has figures before that segment:
    Zwolle's WOZ values start in 2019, the year of the series break, so no earlier years
    are cut off and none is said to be incomparable). Changes are fractions
    (0.1 = +10 %); sen_slope_rel is the slope over |mean level|. ``settings`` (default:
    :func:`~stadstrends.settings.default_settings`) give the window (``window`` overrides
    it), the significance level and the points and distinct values needed for a significant
    trend."""
    s = settings or default_settings()
    register_exact_table(con)
    build_segments(con)
    points = POINTS_SQL.format(values=values_relation(con))
    stats = trend_sql(
        points, ["indicator_id", "region_code"], window=window or s.window,
        min_points=min_points or s.min_trend_points, segment_col="segment_start",
        alpha=s.significance,
        min_significant=s.min_significant_points, min_distinct=s.min_distinct_values,
    )
    con.execute(TRENDS_SQL.format(stats=stats, indicative=s.min_significant_points,
                                  slopes=slopes_sql(s.min_significant_points,
                                                    s.min_distinct_values),
                                  classification=classification_sql(
                                      s.min_significant_points, s.min_distinct_values)))
    count_steps(con, "trends", s.min_distinct_values)
    con.execute(UNTESTED_SQL.format(untested=untested_sql(
        points, ["indicator_id", "region_code"], window=window or s.window,
        min_points=min_points or s.min_trend_points, segment_col="segment_start")))
    return {"series_segments": row_count(con, "series_segments"),
            "trends": row_count(con, "trends"),
            "untested_series": row_count(con, "untested_series")}
