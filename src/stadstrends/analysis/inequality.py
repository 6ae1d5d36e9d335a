"""Spatial inequality and segregation within municipalities, from wijk/buurt figures.

``build_inequality(con)`` creates four tables from ``raw_observations`` (85984NED, KWB 2024;
85163NED, SES-WOA 2014-2019), ``regions`` and ``region_sets``:

* ``inequality``: region_code, year, measure, value, n_units, unit_level ('buurt'/'wijk'),
  rank_city_set (rank among the settings' ``city_set``, 1 = highest, of the values as the
  report prints them: :data:`PRINTED_DECIMALS`, halves away from zero, as
  :func:`~.printed_values.printed`; cities printed alike share a rank: the dissimilarity
  of non-European origin in 2024 of Hoorn, Lelystad and Delft, 0,2393, 0,2390 and 0,2386,
  all '0,239', is 18th for the three, not 18th, 19th and 20th), note, plus source_table,
  n_dropped_small, n_dropped_missing, coverage.
  Dissimilarity indices, population-weighted Gini/Theil of unit levels, the weighted SD of
  SES-WOA scores and their between-unit variance share (see ``ineq_specs.SPECS``).
* ``inequality_trends``: Theil-Sen slope and Mann-Kendall test per municipality and measure
  with at least ``MIN_TREND_YEARS`` years (85163NED only), by the SQL of ``trends.trend_sql``.
* ``inequality_coverage``: per city of the settings' neighbourhood sets and table, whether
  neighbourhood data exist and why not.
* ``inequality_measures``: what each measure means.

Units are buurten; a municipality falls back to wijken when its buurten with data hold less
than ``min_coverage`` of its inhabitants (households for SES-WOA) or are fewer than two.
Units with fewer than ``min_size`` inhabitants (households) are dropped and counted; missing
(suppressed) values stay missing. The last municipality of a cut table is excluded.
"""

from __future__ import annotations

from statistics import NormalDist

import duckdb
import pandas as pd

from stadstrends.analysis.ineq_coverage import boundary_flags, coverage_frame, last_municipality
from stadstrends.analysis.ineq_specs import (
    ROUNDING,
    SIZE_UNIT,
    SPECS,
    Spec,
    input_sql,
    units_sql,
)
from stadstrends.analysis.printed_values import printed
from stadstrends.analysis.trends import trend_sql
from stadstrends.duck import store_frame
from stadstrends.settings import BuildSettings, default_settings

MIN_TREND_YEARS = 4
#: the decimals the report prints a measure with (``publish.sentence_inequality.DIGITS``)
PRINTED_DECIMALS = 3
TABLES = sorted({s.table for s in SPECS})

#: The units kept, at each municipality's level, and their measures: one statement from
#: the long input rows of every spec (``{input}``, without the cut tables' last
#: municipalities ``$cut``). As three (the input and the kept units in temporary tables)
#: they took 0.19 instead of 0.11 s of CPU, the step 0.48 instead of 0.41 s (medians of 9
#: and 10 alternating runs). Values differ by up to 6e-16 from the order of the windows'
#: sums, as two runs of the three statements did (595 of 1 637 rows).
_MEASURES_SQL = """
WITH flagged AS (
    SELECT *, coalesce(size < $min_size, false) AS small,
           coalesce(size >= $min_size, false) AND valid AS kept
    FROM ({input}) WHERE NOT list_contains($cut, source_table || '|' || gm)),
levels AS (
    SELECT gm, year, spec, level,
           count(*) FILTER (WHERE small) AS n_small,
           count(*) FILTER (WHERE NOT small AND NOT kept) AS n_missing,
           count(*) FILTER (WHERE kept) AS n_units,
           fsum(size) FILTER (WHERE kept) / nullif(fsum(size), 0) AS coverage
    FROM flagged GROUP BY ALL),
choice AS (
    SELECT * FROM levels WHERE n_units >= 2 AND coverage >= $min_coverage
    QUALIFY row_number() OVER (PARTITION BY gm, year, spec
                               ORDER BY (level = 'buurt') DESC) = 1),
kept AS (
    SELECT f.*, c.n_small, c.n_missing, c.n_units, c.coverage
    FROM flagged f JOIN choice c USING (gm, year, spec, level)
    WHERE f.kept),
k AS (
    SELECT *, fsum(a) OVER p AS sum_a, fsum(b) OVER p AS sum_b,
           fsum(w) OVER p AS sum_w, fsum(w * x) OVER p AS sum_wx,
           fsum(w) OVER (p ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_w
    FROM kept
    WINDOW p AS (PARTITION BY gm, year, spec)),
g AS (
    SELECT gm, year, spec, family, source_table, level,
           any_value(n_units) AS n_units, any_value(n_small) AS n_small,
           any_value(n_missing) AS n_missing, any_value(coverage) AS coverage,
           0.5 * fsum(abs(a / nullif(sum_a, 0) - b / nullif(sum_b, 0))) AS dissimilarity,
           fsum(w * x * (2 * cum_w - w - sum_w)) / nullif(any_value(sum_w * sum_wx), 0) AS gini,
           fsum(w * CASE WHEN x > 0 THEN x / (sum_wx / sum_w) * ln(x / (sum_wx / sum_w))
                        ELSE 0 END) / nullif(any_value(sum_w), 0) AS theil,
           fsum(w * (x - sum_wx / sum_w) ^ 2) / nullif(any_value(sum_w), 0) AS var_between,
           fsum(w * s ^ 2) / nullif(any_value(sum_w), 0) AS var_within,
           min(x) AS min_x, any_value(sum_a) AS sum_a, any_value(sum_b) AS sum_b,
           any_value(sum_wx) AS sum_wx
    FROM k GROUP BY gm, year, spec, family, source_table, level)
SELECT gm AS region_code, year, spec, family, source_table, level AS unit_level,
       n_units, n_small, n_missing, coverage,
       unnest(CASE family
           WHEN 'pair' THEN [{'m': 'dissimilarity_' || spec,
                              'v': CASE WHEN sum_a > 0 AND sum_b > 0 THEN dissimilarity END}]
           WHEN 'value' THEN [
               {'m': 'gini_' || spec, 'v': CASE WHEN min_x >= 0 AND sum_wx > 0 THEN gini END},
               {'m': 'theil_' || spec, 'v': CASE WHEN min_x >= 0 AND sum_wx > 0 THEN theil END}]
           ELSE [{'m': spec || '_sd', 'v': sqrt(var_between)},
                 {'m': spec || '_between_share',
                  'v': var_between / nullif(var_between + var_within, 0)}]
       END, recursive := true)
FROM g
"""


def _gather_inputs(con: duckdb.DuckDBPyConnection) -> str:
    """Create the wide units tables of each source table; return the SQL of the long input
    rows of every spec (read by :data:`_MEASURES_SQL`)."""
    parts = []
    for table in TABLES:
        units = f"_ineq_units_{table.lower()}"
        con.execute(f"CREATE OR REPLACE TEMP TABLE {units} AS {units_sql(table, SPECS)}")
        parts += [input_sql(s, units) for s in SPECS if s.table == table]
    return " UNION ALL ".join(parts)


def _notes(frame: pd.DataFrame, flags: dict[tuple[str, str], str], min_size: int) -> pd.Series:
    unit = frame["source_table"].map(SIZE_UNIT)
    note = (frame["unit_level"] + " level; " + frame["n_small"].astype(str) + " units < "
            + str(min_size) + " " + unit + " and " + frame["n_missing"].astype(str)
            + " with missing (suppressed) values dropped; kept units hold "
            + (100 * frame["coverage"]).round(1).astype(str) + "% of " + unit + "; "
            + frame["source_table"].map(ROUNDING))
    keys = list(zip(frame["region_code"], frame["source_table"], strict=True))
    extra = pd.Series([flags.get(k, "") for k in keys], index=frame.index)
    return note.where(extra == "", note + "; " + extra)


_SERIES_SQL = """
CREATE OR REPLACE TEMP TABLE _ineq_series AS
WITH s AS (
    SELECT region_code, measure, source_table, year, value, unit_level,
           count(*) OVER (PARTITION BY region_code, measure) AS n_all,
           count(*) OVER (PARTITION BY region_code, measure, unit_level) AS n_level
    FROM inequality WHERE value IS NOT NULL)
SELECT * FROM s
WHERE n_all >= $min_years
QUALIFY unit_level = first_value(unit_level) OVER (
    PARTITION BY region_code, measure ORDER BY n_level DESC, unit_level)
"""

_TRENDS_SQL = """
SELECT t.region_code, t.measure, l.source_table, t.first_year::BIGINT AS first_year,
       t.last_year::BIGINT AS last_year, t.n_points::BIGINT AS n_years,
       t.first_value, t.last_value,
       CASE WHEN len(t.slopes) % 2 = 1 THEN t.slopes[(len(t.slopes) + 1) // 2]
            ELSE (t.slopes[len(t.slopes) // 2] + t.slopes[len(t.slopes) // 2 + 1]) / 2
       END AS slope,
       t.slopes[greatest(round_even((len(t.slopes) + $z * sqrt(t.mk_var)) / 2, 0)::INTEGER
                         - 1, 0) + 1] AS slope_low,
       t.slopes[least(round_even((len(t.slopes) - $z * sqrt(t.mk_var)) / 2, 0)::INTEGER,
                      len(t.slopes) - 1) + 1] AS slope_high,
       t.mk_s / (0.5 * t.n_points * (t.n_points - 1)) AS mk_tau, t.mk_s::DOUBLE AS mk_s,
       t.mk_z, CASE WHEN abs(t.mk_z) > $critical AND t.mk_z > 0 THEN 'increasing'
                    WHEN abs(t.mk_z) > $critical AND t.mk_z < 0 THEN 'decreasing'
                    ELSE 'no trend' END AS trend,
       l.unit_level,
       t.n_points || ' years at ' || l.unit_level || ' level; Theil-Sen slope per year (95% '
           || 'interval), Mann-Kendall test (normal approximation)'
           || CASE WHEN l.n_all > t.n_points
                   THEN '; ' || (l.n_all - t.n_points) || ' years at another unit level left out'
                   ELSE '' END AS note
FROM ({stats}) t
JOIN (SELECT region_code, measure, arg_min(source_table, year) AS source_table,
             any_value(unit_level) AS unit_level, any_value(n_all) AS n_all
      FROM _ineq_series GROUP BY ALL) l USING (region_code, measure)
ORDER BY t.region_code, t.measure
"""


# the standard normal of the standard library: importing scipy.stats for two functions cost
# every build 0.8 s; the p-values agree with scipy's (pymannkendall's) to 5e-16
NORMAL = NormalDist()


def _trends(con: duckdb.DuckDBPyConnection, alpha: float = 0.05) -> pd.DataFrame:
    """Theil-Sen slope with its 95% interval (Sen 1968, as ``scipy.stats.theilslopes``) and
    the Mann-Kendall test with the normal approximation (as ``pymannkendall.original_test``)
    per municipality and measure, over all years at the measure's most frequent unit level:
    the pairs, S and its variance from :func:`~stadstrends.analysis.trends.trend_sql`."""
    con.execute(_SERIES_SQL, {"min_years": MIN_TREND_YEARS})
    stats = trend_sql("_ineq_series", ["region_code", "measure"], window=10_000,
                      min_points=MIN_TREND_YEARS, alpha=alpha,
                      min_significant=MIN_TREND_YEARS, exact=False, slopes=True)
    frame = con.execute(_TRENDS_SQL.format(stats=stats), {
        "z": NORMAL.inv_cdf(0.025), "critical": NORMAL.inv_cdf(1 - alpha / 2)}).df()
    con.execute("DROP TABLE _ineq_series")
    frame.insert(frame.columns.get_loc("mk_z"), "mk_p",
                 [2 * (1 - NORMAL.cdf(abs(z))) for z in frame["mk_z"].to_numpy(float)])
    return frame.drop(columns="mk_z")


_KIND = {"dissimilarity": "dissimilarity index D", "gini": "weighted Gini index",
         "theil": "weighted Theil index T", "sd": "weighted SD of unit means",
         "between": "between-unit share of the total variance"}


def _measures_frame() -> pd.DataFrame:
    def kind(spec: Spec, measure: str) -> str:
        word = measure.split("_")[0] if spec.family != "score" else \
            measure.removeprefix(spec.key + "_").split("_")[0]
        return _KIND[word]

    return pd.DataFrame([
        {"measure": m, "source_table": s.table, "family": s.family,
         "weighting": s.weighting, "unit_size": SIZE_UNIT[s.table],
         "description": f"{kind(s, m)} - {s.description}"}
        for s in SPECS for m in s.measures])


#: ``inequality`` from the measures (``_ineq_result``) and the settings' city set
#: (``$city_set``): the cities ranked on the values as printed (:data:`PRINTED_DECIMALS`)
RESULT_SQL = """
    CREATE OR REPLACE TABLE inequality AS
    SELECT r.region_code, r.year, r.measure, r.value, r.n_units, r.unit_level,
           CASE WHEN g.region_code IS NOT NULL AND r.value IS NOT NULL THEN
               rank() OVER (PARTITION BY r.measure, r.year,
                            g.region_code IS NOT NULL AND r.value IS NOT NULL
                            ORDER BY {printed} DESC) END AS rank_city_set,
           r.note, r.source_table, r.n_dropped_small, r.n_dropped_missing, r.coverage
    FROM _ineq_result r
    LEFT JOIN (SELECT region_code FROM region_sets WHERE set_id = $city_set) g
      USING (region_code)
    ORDER BY r.measure, r.region_code, r.year""".format(
    printed=printed("r.value", str(PRINTED_DECIMALS)))


def build_inequality(
    con: duckdb.DuckDBPyConnection, min_size: int = 50, min_coverage: float = 0.8,
    settings: BuildSettings | None = None,
) -> dict[str, int]:
    """Create ``inequality``, ``inequality_trends``, ``inequality_coverage`` and
    ``inequality_measures``; return their row counts. Ranks are among the cities of the
    settings' ``city_set``, coverage is for those of its ``neighbourhood_sets``."""
    s = settings or default_settings()
    last = {t: last_municipality(con, t) for t in TABLES}
    cut = [f"{table}|{gm}" for table, gm in last.items() if gm]
    frame = con.execute(_MEASURES_SQL.replace("{input}", _gather_inputs(con)), {
        "min_size": min_size, "min_coverage": min_coverage, "cut": cut,
    }).df().rename(columns={"m": "measure", "v": "value"})
    frame = frame[frame["value"].notna()].reset_index(drop=True)
    flags = {(gm, t): note for t in TABLES
             for gm, note in boundary_flags(con, t, sorted(set(frame["region_code"]))).items()}
    frame["note"] = _notes(frame, flags, min_size) if len(frame) else pd.Series(dtype=str)
    frame = frame.rename(columns={"n_small": "n_dropped_small",
                                  "n_missing": "n_dropped_missing"})
    con.register("_ineq_result", frame.drop(columns=["spec", "family"]))
    con.execute(RESULT_SQL, {"city_set": s.city_set})
    con.unregister("_ineq_result")
    store_frame(con, "inequality_trends", _trends(con))
    measured = con.execute("""SELECT region_code, source_table, count(DISTINCT measure)
                              FROM inequality WHERE value IS NOT NULL GROUP BY ALL""").fetchall()
    counts = {(gm, t): n for gm, t, n in measured}
    store_frame(con, "inequality_coverage", coverage_frame(con, TABLES, last, counts,
                                                                 s.neighbourhood_sets))
    store_frame(con, "inequality_measures", _measures_frame())
    for name in [f"_ineq_units_{t.lower()}" for t in TABLES]:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
            for name in ["inequality", "inequality_trends", "inequality_coverage",
                         "inequality_measures"]}
