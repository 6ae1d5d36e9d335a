"""Why a city-ommeland gap (``region_gaps``) has no gap trend: table ``untested_gaps``.

One row per (region_code, indicator_id) of ``region_gaps`` that is not tested, with a
``reason`` (:data:`UNTESTED_GAP_REASONS`) and the facts behind it as years, no words (the
report and the dashboard word them: ``gap_no_trend_*`` in the language files). The gap
trend (:mod:`stadstrends.analysis.gaps`) tests exactly the series without a row here, over
the same window: the ``window`` calendar years up to the series' latest year with both
figures, from the start of that year's comparable segment (``series_segments``), as
:func:`~stadstrends.analysis.trends.trend_sql` takes them. Reasons, first that holds:

- ``projection``: a forecast (``indicators.projection``), whose gap is not tested;
- ``signed``: a measure that can be negative (``indicators.signed``: growth, a migration
  balance), whose ratio city / ommeland says nothing ('-0,01%' against '0,6%', or two rates
  near zero whose ratio swings from 0,04 to 1,9 in a year: 's-Hertogenbosch's population
  growth);
- ``nonpositive``: a figure of zero or below in the window (ln(city / ommeland) is
  undefined there: Stadskanaal's new construction, 0 in 2023); years before it do not count;
- ``few_years``: fewer than ``min_trend_points`` years with both figures in the window;
- ``ommeland_members``: the ommeland leaves out a member (``region_left_out``: a figure the
  catalogue declares untrue, summed for neither numerator nor denominator) in some but not
  all of the window's years with both figures, so ln(city / ommeland) would also move with
  who is counted: Leeuwarden's housing-association share 2017-2024, whose ommeland is
  Noord-Friesland without Terschelling in 2017 only (82900NED files its corporation
  dwellings as other rentals in 2016-2017). A member left out in every year keeps one
  ommeland and is tested (Ameland, 2012-2024).

Facts, each over the window from ``start_year`` (its first year inside the latest segment
when a break or source switch cut it, else ``window_first_year``) to ``last_year``:
``points`` (the years with both figures), ``city_negative``, ``city_zero``,
``ommeland_negative``, ``ommeland_zero`` (years with such a figure), and the years without
a point by cause: ``no_figures`` (no region has a figure: social assistance 2017-2023),
``city_missing`` (the city has none), ``ommeland_missing`` (the city has one, the ommeland
none) with ``lacking`` (the ommeland's members without a figure, each with its years among
those: 's-Hertogenbosch's Wmo clients, Land van Cuijk in 2017-2021), and ``left_out`` (for
``ommeland_members``: the members the ommeland leaves out in some of the window's years with
both figures, ``[{member, years}]`` with those years).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import values_relation

#: Why a gap has no gap trend (``untested_gaps.reason``; words: the web section's
#: ``gap_no_trend_*``), in the order they are decided.
UNTESTED_GAP_REASONS = ("projection", "signed", "nonpositive", "few_years",
                        "ommeland_members")

UNTESTED_GAPS_SQL = """
CREATE OR REPLACE TABLE untested_gaps AS
-- a figure: a row of indicator_results with a value (the view indicator_values adds its
-- sources and provisional marks by two joins: the ANTI JOIN through it took 0.96 s of CPU)
WITH win AS (  -- every gap series' window, as trend_sql takes it
    SELECT l.region_code, l.indicator_id, l.last_year,
           l.last_year - {window} + 1 AS window_first_year, z.segment_start AS seg,
           y.segment_reason AS seg_reason
    FROM (SELECT region_code, indicator_id, max(year) AS last_year FROM region_gaps
          GROUP BY ALL) l
    JOIN series_segments z ON z.indicator_id = l.indicator_id AND z.year = l.last_year
    LEFT JOIN series_segments y ON y.indicator_id = l.indicator_id
     AND y.year = z.segment_start
),
counted AS (  -- its years with both figures in the window, and those without a log ratio
    SELECT w.region_code, w.indicator_id, any_value(w.last_year) AS last_year,
           any_value(w.window_first_year) AS window_first_year,
           any_value(w.seg) AS seg, any_value(w.seg_reason) AS seg_reason,
           count(*) AS n_points, count(*) FILTER (WHERE g.log_ratio IS NULL) AS n_undefined
    FROM win w
    JOIN region_gaps g ON g.region_code = w.region_code AND g.indicator_id = w.indicator_id
     AND g.year >= w.window_first_year AND g.year >= w.seg
    GROUP BY w.region_code, w.indicator_id
),
left_out AS (  -- the members the ommeland leaves out (region_left_out) in the window's
    -- years with both figures, each with those years
    SELECT w.region_code, w.indicator_id, m.member, list(g.year ORDER BY g.year) AS years
    FROM win w
    JOIN region_gaps g ON g.region_code = w.region_code AND g.indicator_id = w.indicator_id
     AND g.year >= w.window_first_year AND g.year >= w.seg
    JOIN {left_out} l ON l.region_code = g.corop_code AND l.indicator_id = g.indicator_id
     AND l.year = g.year, unnest(l.members) AS m(member)
    WHERE m.member <> w.region_code
    GROUP BY ALL
),
changed AS (  -- those left out in some of the years but not all: the members change
    SELECT c.region_code, c.indicator_id,
           list({{'member': x.member, 'years': x.years::INTEGER[]}} ORDER BY x.member)
               AS left_out
    FROM counted c JOIN left_out x USING (region_code, indicator_id)
    WHERE len(x.years) < c.n_points
    GROUP BY ALL
),
judged AS (
    SELECT c.*, c.seg > c.window_first_year AND c.seg_reason IS NOT NULL AS cut,
           CASE WHEN i.projection THEN 'projection'
                WHEN i.signed THEN 'signed'
                WHEN c.n_undefined > 0 THEN 'nonpositive'
                WHEN c.n_points < {min_points} THEN 'few_years'
                WHEN h.left_out IS NOT NULL THEN 'ommeland_members' END AS reason,
           h.left_out
    FROM counted c JOIN indicators i USING (indicator_id)
    LEFT JOIN changed h USING (region_code, indicator_id)
),
untested AS (  -- the series without a gap trend, with their window's years (lists: only
    -- theirs, a quarter of the series)
    SELECT j.region_code, j.indicator_id, any_value(j.reason) AS reason,
           any_value(j.last_year) AS last_year,
           any_value(j.window_first_year) AS window_first_year,
           any_value(j.seg) AS seg, any_value(j.seg_reason) AS seg_reason,
           any_value(j.cut) AS cut, any_value(j.left_out) AS left_out,
           any_value(CASE WHEN j.cut THEN j.seg ELSE j.window_first_year END) AS start_year,
           list(g.year ORDER BY g.year) AS points,
           list(g.year ORDER BY g.year) FILTER (WHERE g.city_value < 0) AS city_negative,
           list(g.year ORDER BY g.year) FILTER (WHERE g.city_value = 0) AS city_zero,
           list(g.year ORDER BY g.year) FILTER (WHERE g.ommeland_value < 0)
               AS ommeland_negative,
           list(g.year ORDER BY g.year) FILTER (WHERE g.ommeland_value = 0) AS ommeland_zero
    FROM judged j
    JOIN region_gaps g ON g.region_code = j.region_code AND g.indicator_id = j.indicator_id
     AND g.year >= j.window_first_year AND g.year >= j.seg
    WHERE j.reason IS NOT NULL
    GROUP BY j.region_code, j.indicator_id
),
missing AS MATERIALIZED (  -- the window's years without a point, and why
    SELECT u.region_code, u.indicator_id, y.year, z.year IS NULL AS no_figures,
           z.year IS NOT NULL AND v.year IS NULL AS city_missing,
           z.year IS NOT NULL AND v.year IS NOT NULL AS ommeland_missing
    FROM untested u
    CROSS JOIN LATERAL (SELECT unnest(range(u.start_year, u.last_year + 1)) AS year) y
    LEFT JOIN series_segments z ON z.indicator_id = u.indicator_id AND z.year = y.year
    LEFT JOIN {values} v
      ON v.region_code = u.region_code AND v.indicator_id = u.indicator_id AND v.year = y.year
    WHERE NOT list_contains(u.points, y.year)
),
members AS MATERIALIZED (  -- the ommeland's members in a year the ommeland has no figure
    -- (MATERIALIZED, as missing: inlined, the statement took 1.5 s of one thread's CPU, 0.8 s so)
    SELECT m.region_code, m.indicator_id, s.region_code AS member, m.year
    FROM missing m
    JOIN ommeland o ON o.region_code = m.region_code AND o.indicator_id = m.indicator_id
     AND o.year = m.year AND o.ommeland_value IS NULL
    JOIN region_sets s ON s.set_id = o.corop_code AND s.region_code <> m.region_code
    WHERE m.ommeland_missing
),
lacking AS (
    SELECT region_code, indicator_id,
           list({{'member': member, 'years': years}} ORDER BY member) AS lacking
    FROM (SELECT m.region_code, m.indicator_id, m.member, list(m.year ORDER BY m.year) AS years
          FROM members m
          ANTI JOIN {values} v
            ON v.region_code = m.member AND v.indicator_id = m.indicator_id
           AND v.year = m.year
          GROUP BY ALL)
    GROUP BY ALL
),
gaps AS (
    SELECT region_code, indicator_id,
           list(year ORDER BY year) FILTER (WHERE no_figures) AS no_figures,
           list(year ORDER BY year) FILTER (WHERE city_missing) AS city_missing,
           list(year ORDER BY year) FILTER (WHERE ommeland_missing) AS ommeland_missing
    FROM missing GROUP BY ALL
)
SELECT u.region_code, u.indicator_id, u.reason, u.last_year::INTEGER AS last_year,
       u.window_first_year::INTEGER AS window_first_year,
       u.start_year::INTEGER AS start_year,
       CASE WHEN u.cut THEN u.seg END::INTEGER AS segment_start,
       CASE WHEN u.cut THEN u.seg_reason END AS segment_reason,
       u.points::INTEGER[] AS points, {min_points}::INTEGER AS min_points,
       {lists},
       coalesce(l.lacking, []) AS lacking,
       coalesce(u.left_out, [])::STRUCT(member VARCHAR, years INTEGER[])[] AS left_out
FROM untested u
LEFT JOIN gaps g USING (region_code, indicator_id)
LEFT JOIN lacking l USING (region_code, indicator_id)
ORDER BY u.indicator_id, u.region_code
"""

#: the year lists of ``untested_gaps`` besides ``points`` (empty, never NULL)
YEAR_LISTS = {"u": ("city_negative", "city_zero", "ommeland_negative", "ommeland_zero"),
              "g": ("no_figures", "city_missing", "ommeland_missing")}


#: ``region_left_out`` of a warehouse without it: no member left out
NO_LEFT_OUT = ("(SELECT NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS region_code, "
               "NULL::BIGINT AS year, []::VARCHAR[] AS members WHERE false)")


def build_untested_gaps(con: duckdb.DuckDBPyConnection, window: int, min_points: int) -> int:
    """Create ``untested_gaps`` (see the module) from ``region_gaps``, ``series_segments``,
    ``indicators``, the values (:func:`~.trends.values_relation`), ``ommeland``,
    ``region_sets`` and ``region_left_out`` (none left out without it); its row count.
    Run after ``region_gaps`` and before the gap trend, which leaves these series out."""
    lists = ", ".join(f"coalesce({a}.{c}, [])::INTEGER[] AS {c}"
                      for a, cols in YEAR_LISTS.items() for c in cols)
    have = con.execute("SELECT count(*) FROM information_schema.tables "
                       "WHERE table_name = 'region_left_out'").fetchone()[0]
    con.execute(UNTESTED_GAPS_SQL.format(window=int(window), min_points=int(min_points),
                                         lists=lists, values=values_relation(con),
                                         left_out="region_left_out" if have else NO_LEFT_OUT))
    return int(con.execute("SELECT count(*) FROM untested_gaps").fetchall()[0][0])
