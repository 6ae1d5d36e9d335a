"""Steps: a series that moves to another level in one year and stays there, inside the years
its trend was tested over, where the catalogue declares no series break (the trend's change
then rests on one year, which its verdict does not say; the jumps of
:mod:`~stadstrends.analysis.jumps` need a factor of 5 and the humps of
:mod:`~stadstrends.analysis.humps` return).

Zutphen's employee jobs (83582NED, BanenVanWerknemersInDecember_1): 25 200 in 2016, 18 900
in 2017 (-25%), then 18 600-20 300 up to 2023, where the other years changed ~3% a year; the
report said only 'van 25.200 in 2016 naar 19.300 in 2023 (-23%), geen significante trend'.
``series_steps`` lists every such step of every municipality's tested series:

* the step from ``before_year`` to ``year`` (consecutive years, one comparable segment of
  :mod:`~stadstrends.analysis.segments`, both inside the trend's tested years, values
  positive): ``ratio`` = value / before_value, ``size`` = abs(ln ratio) at least
  ln(1 + ``shift_min_change``) (settings: 0.10);
* lasting: at least ``step_min_years_after`` (2) tested years after the step year, each within
  half the step and within ``shift_min_change`` (log) of the step year's figure: it stays at
  the new level (``after_min``, ``after_max``: the lowest and highest of them; Almelo's
  solar capacity, 175 -> 835 Wp per inhabitant in 2019 and 1 763 by 2023, keeps rising);
* unusual for the indicator and the series, as the humps: ``size`` at least
  ``shift_usual_multiple`` (4) times the indicator's median absolute log change over all
  municipalities (``usual_change``) and ``shift_own_multiple`` (4) times the series' mean
  absolute log change over its other tested years (``own_change``; at least two of them);
* not CBS's rounding: the difference at least ``shift_resolution_multiple`` (3) times the
  indicator's resolution (the 5% quantile of the municipalities' non-zero year-on-year
  differences) and the series' own (its smallest non-zero change in the tested years:
  Vlieland's households, given in hundreds, 600 -> 700 is one unit of CBS's rounding);
* not on small counts: a rate whose numerator (a count of people or events), or a count,
  averages fewer than ``small_count`` (30) in the step's two
  years (:data:`~stadstrends.analysis.gap_small.YEAR_COUNTS`)
  (Schiermonnikoog's share of non-western background, 1.0 -> 2.0% in 2006: 10 -> 20 people);
* not for balances (``indicators.signed``) nor indicators whose usual change is
  ``jump_max_usual_factor`` or more; not where ``series_jumps`` has the year or a hump of
  ``series_humps`` begins or ends.

Columns: indicator_id, region_code, before_year, year, before_value, value, ratio, size,
after_min, after_max, same_year_steps (the municipalities with a step of the indicator in
the same year and direction, this one included: Wmo clients 2019, when the fixed personal
contribution began), usual_change, own_change, first_year, last_year (the trend's tested
years). Codes and
numbers only; the report words them (:mod:`stadstrends.publish.sentence_steps`).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.gap_small import year_counts_sql
from stadstrends.analysis.humps import (
    CHANGES_SQL,
    POSITIVE_VALUES,
    USUAL_SQL,
    build_humps,
    runs_sql,
    signed_sql,
)
from stadstrends.analysis.trends import row_count, values_relation
from stadstrends.settings import BuildSettings, default_settings

#: the humps' usual change and resolution (:data:`~.humps.USUAL_SQL`) over the relation
#: ``v``, for a step made on its own (:func:`build_steps`)
USUAL_OVER_V = """
SELECT indicator_id, median(abs(d)) AS usual_change,
       quantile_disc(diff, 0.05) FILTER (WHERE diff > 1e-9) AS resolution
FROM (SELECT indicator_id, ln(value / lag(value) OVER w) AS d,
             abs(value - lag(value) OVER w) AS diff
      FROM v WINDOW w AS (PARTITION BY indicator_id, region_code ORDER BY year))
GROUP BY ALL
"""

STEPS_SQL = """
CREATE OR REPLACE TABLE series_steps AS
WITH v AS {positive},
usual AS ({usual_changes}),
tested AS (
    SELECT v.*, t.first_year, t.last_year
    FROM v JOIN trends t USING (indicator_id, region_code)
    WHERE t.classification IS NOT NULL AND v.year BETWEEN t.first_year AND t.last_year
),
c AS (
    SELECT *, lag(year) OVER w AS before_year, lag(value) OVER w AS before_value,
           lag(segment_start) OVER w IS NOT DISTINCT FROM segment_start AS same_segment,
           ln(value / lag(value) OVER w) AS d,
           max(value) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS max_after,
           min(value) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS min_after,
           count(*) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS n_after
    FROM tested WINDOW w AS (PARTITION BY indicator_id, region_code ORDER BY year)
),
steps AS (
    SELECT *, fsum(abs(d)) OVER s AS total, count(*) OVER s AS n,  -- fsum: in any order
           min(abs(value - before_value)) FILTER (WHERE abs(value - before_value) > 1e-9)
               OVER s AS own_resolution
    FROM c WHERE before_year = year - 1 AND same_segment
    WINDOW s AS (PARTITION BY indicator_id, region_code)
),
signed AS (
    SELECT indicator_id, {signed} AS signed FROM indicators
),
counts AS {counts}
SELECT s.indicator_id, s.region_code, s.before_year::INTEGER AS before_year, s.year,
       s.before_value, s.value, s.value / s.before_value AS ratio, abs(s.d) AS size,
       s.min_after AS after_min, s.max_after AS after_max,
       count(*) OVER (PARTITION BY s.indicator_id, s.year, sign(s.d)) AS same_year_steps,
       u.usual_change, (s.total - abs(s.d)) / (s.n - 1) AS own_change,
       s.first_year::INTEGER AS first_year, s.last_year::INTEGER AS last_year
FROM steps s
JOIN usual u USING (indicator_id)
LEFT JOIN signed g USING (indicator_id)
WHERE NOT coalesce(g.signed, false) AND exp(u.usual_change) < {usual}
  AND abs(s.d) >= ln(1 + {min_change}) AND s.n >= 3 AND s.n_after >= {min_after}
  AND greatest(ln(s.max_after / s.value), ln(s.value / s.min_after))
      < least(abs(s.d) / 2, ln(1 + {min_change}))
  AND abs(s.d) >= {usual_multiple} * u.usual_change
  AND abs(s.d) >= {own_multiple} * (s.total - abs(s.d)) / (s.n - 1)
  AND abs(s.value - s.before_value) >= {step_multiple} * greatest(u.resolution,
                                                                 s.own_resolution)
  AND coalesce((SELECT favg(k.value) FROM counts k WHERE k.indicator_id = s.indicator_id
                   AND k.region_code = s.region_code AND k.year IN (s.before_year, s.year)),
               {small_count}) >= {small_count}
  AND NOT EXISTS (SELECT 1 FROM series_jumps j
                  WHERE j.indicator_id = s.indicator_id AND j.region_code = s.region_code
                    AND j.year = s.year)
  AND NOT EXISTS (SELECT 1 FROM series_humps h
                  WHERE h.indicator_id = s.indicator_id AND h.region_code = s.region_code
                    AND s.year IN (h.first_year, h.after_year))
ORDER BY s.indicator_id, s.region_code, s.year
"""


def build_steps(con: duckdb.DuckDBPyConnection, settings: BuildSettings | None = None,
                usual: str | None = None) -> dict[str, int]:
    """Create ``series_steps`` from ``indicator_values``, ``series_segments``,
    ``indicators``, ``regions``, ``trends``, ``series_jumps``, ``series_humps`` and the
    numerators of ``series_all`` and ``catalogue_indicators`` where present (so after
    :func:`~stadstrends.analysis.humps.build_humps`). Returns its row count by name.
    ``usual``: the table of the usual changes the humps read (:func:`build_humps_and_steps`),
    else computed in the statement (:data:`USUAL_OVER_V`)."""
    s = settings or default_settings()
    signed = signed_sql(con)
    values = values_relation(con)
    con.execute(STEPS_SQL.format(
        positive=POSITIVE_VALUES.format(values=values), signed=signed,
        usual_changes=f"FROM {usual}" if usual else USUAL_OVER_V,
        usual=float(s.jump_max_usual_factor),
        counts=year_counts_sql(con, values), small_count=float(s.small_count),
        min_change=float(s.shift_min_change), min_after=int(s.step_min_years_after),
        usual_multiple=float(s.shift_usual_multiple), own_multiple=float(s.shift_own_multiple),
        step_multiple=float(s.shift_resolution_multiple)))
    return {"series_steps": row_count(con, "series_steps")}


#: the temporary tables :func:`build_humps_and_steps` shares between the two steps
SHARED_RUNS, SHARED_USUAL = "_shift_runs", "_shift_usual"


def build_humps_and_steps(con: duckdb.DuckDBPyConnection,
                          settings: BuildSettings | None = None) -> dict[str, int]:
    """:func:`~.humps.build_humps`, then :func:`build_steps`, on one cursor: the humps'
    window over every municipality's positive figures (:data:`~.humps.RUNS_SQL`) and the
    indicators' usual changes (:data:`~.humps.USUAL_SQL`, equal to the steps' own
    :data:`USUAL_OVER_V`) made once, as temporary tables both read, dropped after. Each step
    computed the usual changes in a window of its own: the two statements 0.82 s of CPU,
    now 0.70 s with the two tables (medians of 7 on a warehouse copy; the same rows).
    Returns the row counts of both."""
    s = settings or default_settings()
    con.execute(f"CREATE OR REPLACE TEMP TABLE {SHARED_RUNS} AS {runs_sql(con, s)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {SHARED_USUAL} AS WITH runs AS "
                f"(FROM {SHARED_RUNS}), changes AS ({CHANGES_SQL}) {USUAL_SQL}")
    counts = build_humps(con, s, shared=(SHARED_RUNS, SHARED_USUAL))
    con.execute(f"DROP TABLE {SHARED_RUNS}")  # (after an error: gone with the cursor)
    counts.update(build_steps(con, s, usual=SHARED_USUAL))
    con.execute(f"DROP TABLE {SHARED_USUAL}")
    return counts
