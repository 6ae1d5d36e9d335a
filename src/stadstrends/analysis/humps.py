"""Humps: a series that stands at another level for one to three years and then returns to
its old one, where the catalogue declares no series break (a temporary level shift the
reader must be told about; the jumps of :mod:`~stadstrends.analysis.jumps` need a factor
of 5 and miss it).

Deventer's employee jobs (83582NED, BanenVanWerknemersInDecember_1): 51 900 in 2016,
60 300 and 61 200 in 2017-2018, 51 000 in 2019, some 16% above the years around them; CBS
marks neither year. ``series_humps`` lists every such run of every municipality's series:

* the hump years ``first_year`` .. ``last_year`` (1 to the setting ``hump_max_years`` (3)
  consecutive years) with the years right before (``before_year`` = first_year - 1) and
  after (``after_year`` = last_year + 1), all four inside one comparable segment
  (:mod:`~stadstrends.analysis.segments`), all values positive;
* every hump year at least ``shift_min_change`` (a fraction, 0.10) above both neighbours, or below
  both: ``size`` = the smallest of those log-distances, ``ratio`` = mean of the hump years
  / mean of the two neighbours;
* it returns: the two neighbours differ by at most half the hump's ``size`` (log);
* unusual for the indicator: ``size`` at least ``shift_usual_multiple`` (4) times the median
  absolute log change of all municipalities' series (``usual_change``) and for the series:
  at least ``shift_own_multiple`` (4) times its own mean absolute log change over its other years
  (``own_change``: the two edges of the hump left out);
* not CBS's rounding: each hump year differs from both neighbours by at least
  ``shift_resolution_multiple`` (3) times the indicator's ``resolution`` (the 5% quantile of the
  municipalities' non-zero year-on-year differences: 100 jobs, 1 point for a share CBS
  gives in whole percent);
* not within CBS's rounding (as the jumps): every hump year still ``shift_min_change``
  above both neighbours (or below) with each figure moved against the hump by its spread
  (:data:`~.coarse_trends.FIGURE_SPREADS`' rule, its count's ``rounded_counts`` or half
  CBS's published unit ``published_rounding``: :data:`SPREAD_PARTS`, the found runs' only).
  Vaals's self-employed per 1 000, 600 -> 700 -> 600 (86043NED, rounded to hundreds): 65,0
  against 65,0 per 1 000;
* not on small counts: a rate whose numerator, or a count, averages fewer than
  ``small_count`` (30) over the hump and its neighbours
  (Vlieland's social assistance, '35% lager' in 2010-2011, was 4 against 6 people);
* not for balances (``indicators.signed``) nor for indicators whose usual change is
  ``jump_max_usual_factor`` or more (as the jumps), nor where an edge of the hump is
  already a ``series_jumps`` row (told as a jump).

Columns: indicator_id, region_code, before_year, first_year, last_year, after_year,
before_value, after_value, min_value, max_value (of the hump years), ratio, size,
usual_change, own_change, in_tested_years (the hump years inside the years the region's
trend was tested over). Overlapping runs of one series are all kept (rare: Vlieland's
self-employed). Measured on the snapshot: 98 humps in 89 series of 25 indicators, 50 inside the
trend's tested years; 94 in 86 series of 24 indicators (47 tested) without the 4 on counts
under 30 a year; 78 without the 16 CBS's rounding can make (all 15 of the self-employed per
1 000, one of a migration-background share; none of a series CBS does not round). Codes
and numbers only; the report words them (:mod:`stadstrends.publish.sentence_humps`).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.gap_small import year_counts_sql
from stadstrends.analysis.trends import row_count, values_relation
from stadstrends.settings import BuildSettings, default_settings

#: every municipality's positive figures with their comparable segment (SQL relation over
#: ``{values}``: indicator_id, region_code, year, value, segment_start), for humps and steps
POSITIVE_VALUES = """(
    SELECT v.indicator_id, v.region_code, v.year::INTEGER AS year, v.value, g.segment_start
    FROM {values} v JOIN series_segments g USING (indicator_id, year)
    WHERE v.value > 0 AND isfinite(v.value)
      AND v.region_code IN (SELECT region_code FROM regions WHERE level = 'gemeente'))"""

#: each positive figure with the year before and the ``{max_years}`` years from it, in one
#: window (lag/lead: a framed list() window over every k took 0.4 s of the step's 0.75 s;
#: the changes in a second window over the same rows 0.1 s more)
RUNS_SQL = """
SELECT indicator_id, region_code, year, value, lag(value) OVER w AS before_value,
       lag(year) OVER w AS previous_year, lag(segment_start) OVER w AS previous_start,
       {ahead}
FROM {positive} v WINDOW w AS (PARTITION BY indicator_id, region_code ORDER BY year)
"""

#: each year's change from the series' figure before it (over the relation ``runs``)
CHANGES_SQL = """
SELECT indicator_id, region_code, year, abs(ln(value / before_value)) AS log_change,
       abs(value - before_value) AS step
FROM runs
"""

#: the indicator's usual change (the median absolute log change of all municipalities'
#: series) and resolution (the 5% quantile of their non-zero year-on-year differences),
#: over the relation ``changes``: the humps' and the steps' (:mod:`.steps`)
USUAL_SQL = """
SELECT indicator_id, median(log_change) AS usual_change,
       quantile_disc(step, 0.05) FILTER (WHERE step > 1e-9) AS resolution
FROM changes GROUP BY ALL
"""

#: ``{runs}`` and ``{usual_changes}``: :data:`RUNS_SQL` and :data:`USUAL_SQL`, or the tables
#: :func:`~.steps.build_humps_and_steps` made of them once for both steps
HUMPS_SQL = """
CREATE OR REPLACE TABLE series_humps AS
WITH runs AS ({runs}),
changes AS ({changes}),
usual AS ({usual_changes}),
shaped AS (  -- before year, k hump years from ``year``, the year after: all in one segment
    SELECT indicator_id, region_code, year - 1 AS before_year, year AS first_year,
           year + k - 1 AS last_year, year + k AS after_year, before_value,
           ahead[1:k] AS hump, ahead[k + 1] AS after_value, k
    FROM (-- a hump's first year lies at least {min_change} from the year before (its
          -- size is the least of such distances): the other rows need no k
          SELECT * FROM runs
          WHERE previous_year = year - 1 AND abs(ln(value / before_value)) >= ln(1 + {min_change})
         ) r, range(1, {max_years} + 1) t(k)
    WHERE years[k + 1] = year + k
      AND list_min(starts[1:k + 1]) = previous_start
      AND list_max(starts[1:k + 1]) = previous_start
),
sized AS (
    SELECT *, greatest(ln(list_min(hump) / greatest(before_value, after_value)),
                       ln(least(before_value, after_value) / list_max(hump))) AS size,
           least(list_min(list_transform(hump, lambda x: abs(x - before_value))),
                 list_min(list_transform(hump, lambda x: abs(x - after_value)))) AS least_step
    FROM shaped
),
found AS MATERIALIZED (
    SELECT s.* FROM sized s
    WHERE s.size >= ln(1 + {min_change}) AND abs(ln(s.after_value / s.before_value)) <= s.size / 2
),
hump_years AS (  -- the found runs' figures, whose spreads alone are grouped (few rows)
    SELECT DISTINCT f.region_code, f.indicator_id, y.year
    FROM found f, range(f.before_year, f.after_year + 1) y(year)
),
spreads AS ({spreads}),
rounded AS (  -- each run's figures moved by CBS's rounding (their spreads), against the hump
    SELECT f.indicator_id, f.region_code, f.first_year, f.k,
           min(f.hump[i] - coalesce(p.spread, 0)) AS hump_lo,
           max(f.hump[i] + coalesce(p.spread, 0)) AS hump_hi,
           any_value(f.before_value - coalesce(a.spread, 0)) AS before_lo,
           any_value(f.before_value + coalesce(a.spread, 0)) AS before_hi,
           any_value(f.after_value - coalesce(b.spread, 0)) AS after_lo,
           any_value(f.after_value + coalesce(b.spread, 0)) AS after_hi
    FROM found f CROSS JOIN range(1, f.k + 1) t(i)
    LEFT JOIN spreads p ON p.indicator_id = f.indicator_id AND p.region_code = f.region_code
     AND p.year = f.first_year + i - 1
    LEFT JOIN spreads a ON a.indicator_id = f.indicator_id AND a.region_code = f.region_code
     AND a.year = f.before_year
    LEFT JOIN spreads b ON b.indicator_id = f.indicator_id AND b.region_code = f.region_code
     AND b.year = f.after_year
    GROUP BY ALL
),
own AS (  -- the series' mean change outside the hump's two edges
    SELECT f.indicator_id, f.region_code, f.first_year, f.k, favg(c.log_change) AS own_change
    FROM found f JOIN changes c USING (indicator_id, region_code)
    WHERE c.year NOT IN (f.first_year, f.after_year) AND c.log_change IS NOT NULL
    GROUP BY ALL
),
signed AS (
    SELECT indicator_id, {signed} AS signed FROM indicators
),
counts AS {counts}
SELECT f.indicator_id, f.region_code, f.before_year, f.first_year, f.last_year::INTEGER
           AS last_year, f.after_year::INTEGER AS after_year, f.before_value, f.after_value,
       list_min(f.hump) AS min_value, list_max(f.hump) AS max_value,
       list_avg(f.hump) / ((f.before_value + f.after_value) / 2) AS ratio, f.size,
       u.usual_change, o.own_change,
       coalesce(t.first_year <= f.first_year AND f.last_year <= t.last_year, false)
           AS in_tested_years
FROM found f
JOIN usual u USING (indicator_id)
JOIN own o USING (indicator_id, region_code, first_year, k)
JOIN rounded r USING (indicator_id, region_code, first_year, k)
LEFT JOIN signed s USING (indicator_id)
LEFT JOIN trends t USING (indicator_id, region_code)
WHERE NOT coalesce(s.signed, false) AND exp(u.usual_change) < {usual}
  AND f.size >= {usual_multiple} * u.usual_change AND f.size >= {own_multiple} * o.own_change
  AND f.least_step >= {step_multiple} * u.resolution
  -- at its smallest within CBS's rounding of its figures still a hump (as the jumps)
  AND (r.hump_lo >= (1 + {min_change}) * greatest(r.before_hi, r.after_hi)
       OR least(r.before_lo, r.after_lo) >= (1 + {min_change}) * r.hump_hi)
  AND coalesce((SELECT favg(k.value) FROM counts k WHERE k.indicator_id = f.indicator_id
                   AND k.region_code = f.region_code
                   AND k.year BETWEEN f.before_year AND f.after_year), {small_count})
      >= {small_count}
  AND NOT EXISTS (SELECT 1 FROM series_jumps j
                  WHERE j.indicator_id = f.indicator_id AND j.region_code = f.region_code
                    AND j.year IN (f.first_year, f.after_year))
ORDER BY f.indicator_id, f.region_code, f.first_year, f.last_year
"""


def signed_sql(con: duckdb.DuckDBPyConnection) -> str:
    """An SQL expression over ``indicators``: whether the indicator is a balance that can be
    negative (its ``signed`` column, or in a small warehouse without one: any value < 0)."""
    columns = {d[0] for d in con.execute("SELECT * FROM indicators LIMIT 0").description}
    return "signed" if "signed" in columns else (
        "indicator_id IN (SELECT indicator_id FROM indicator_values WHERE value < 0)")


def ahead_sql(years: int) -> str:
    """The select list of a row's value, year and segment and those of the ``years`` rows
    after it, as three lists (``ahead``, ``years``, ``starts``; NULL past the series' end)."""
    def listed(column: str) -> str:
        return "[" + ", ".join([column] + [f"lead({column}, {j}) OVER w"
                                           for j in range(1, years + 1)]) + "]"
    return (f"{listed('value')} AS ahead, {listed('year')} AS years, "
            f"{listed('segment_start')} AS starts")


#: a hump year's spread (:data:`~.coarse_trends.SPREADS_SQL`'s rule for the figures of
#: ``hump_years``, each a positive figure): the larger of its count's (``rounded_counts``) and
#: half CBS's published unit (``published_rounding``); joined to the few years, not grouped
#: over every figure (that scan of the values took 0.08 s of the step's 0.5 s of CPU)
SPREAD_PARTS = {
    "rounded_counts": "SELECT k.region_code, k.indicator_id, k.year, r.spread FROM hump_years k "
                      "JOIN rounded_counts r USING (region_code, indicator_id, year)",
    "published_rounding": "SELECT k.region_code, k.indicator_id, k.year, p.unit / 2 FROM "
                          "hump_years k JOIN published_rounding p USING (indicator_id, year)"}


def spreads_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The relation of :data:`SPREAD_PARTS` the warehouse has tables for (none: no spreads)."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    parts = [sql for table, sql in SPREAD_PARTS.items() if table in have] or [
        "SELECT region_code, indicator_id, year, NULL::DOUBLE FROM hump_years WHERE false"]
    return ("SELECT region_code, indicator_id, year, max(spread) AS spread FROM ("
            + " UNION ALL ".join(parts) + ") s(region_code, indicator_id, year, spread) "
            "GROUP BY ALL")


def runs_sql(con: duckdb.DuckDBPyConnection, settings: BuildSettings) -> str:
    """:data:`RUNS_SQL` over the municipalities' positive figures of ``con``."""
    return RUNS_SQL.format(
        positive=POSITIVE_VALUES.format(values=values_relation(con)),
        max_years=int(settings.hump_max_years), ahead=ahead_sql(int(settings.hump_max_years)))


def build_humps(con: duckdb.DuckDBPyConnection, settings: BuildSettings | None = None,
                shared: tuple[str, str] | None = None) -> dict[str, int]:
    """Create ``series_humps`` from ``indicator_values``, ``series_segments``,
    ``indicators``, ``regions``, ``trends`` and ``series_jumps`` (so after
    :func:`~stadstrends.analysis.jumps.build_jumps`). Returns its row count by name.
    ``shared``: the tables of :data:`RUNS_SQL` and :data:`USUAL_SQL` already made
    (:func:`~.steps.build_humps_and_steps`), else computed in the statement."""
    s = settings or default_settings()
    signed = signed_sql(con)
    values = values_relation(con)
    runs, usual = (f"FROM {shared[0]}", f"FROM {shared[1]}") if shared else (
        runs_sql(con, s), USUAL_SQL)
    con.execute(HUMPS_SQL.format(
        runs=runs, changes=CHANGES_SQL, usual_changes=usual, signed=signed,
        max_years=int(s.hump_max_years),
        counts=year_counts_sql(con, values), small_count=float(s.small_count),
        min_change=float(s.shift_min_change), usual=float(s.jump_max_usual_factor),
        usual_multiple=float(s.shift_usual_multiple), own_multiple=float(s.shift_own_multiple),
        step_multiple=float(s.shift_resolution_multiple),
        spreads=spreads_sql(con)))
    return {"series_humps": row_count(con, "series_humps")}
