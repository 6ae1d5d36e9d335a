"""Whether CBS's rounding of the city's and the ommeland's figures could undo a growing,
shrinking or crossing city-ommeland gap (:mod:`stadstrends.analysis.gaps`): the table
``gap_rounding`` made by :func:`build_gap_rounding`, which marks such gap trends
``region_gap_trends.no_verdict = 'gap_rounding'``.

A gap trend tests ln(city / ommeland) turned to the side the city ends on (|ln ratio| where it
stays on one side: :mod:`.gap_crossings`) over its years; both figures are rounded. Each year's
figures lie within their spreads, ``gap_spreads`` (:mod:`.gap_spreads`, which the signals'
ommeland deviation reads too: the city's count's or half the unit CBS publishes the figure in;
the ommeland's the largest of half that unit plus what its members' rounded bases move it, its
own rounding where derived from CBS's COROP figure and, for a ratio, what the other members'
rounded counts move it). The tested value then lies in an interval; the trend holds when
Mann-Kendall's S at its worst over all values in them (the bound of
:data:`~.coarse_trends.TESTED_SQL`; the exact worst case, :func:`~.worst_case.worst_s`, where
the bound or the ends fail) is still of the trend's sign and significant (its p as the gap
trend's: the exact table where that was exact, else the normal one), and its ends keep their
order whatever the rounding (``ends_hold``: a divide that grows is larger at the end than at the
start; a crossing city is on its side at either end). Oss's gas use per dwelling
(CBS's unit 10 m³): 940 against 920 m³ in the ommeland in 2023; the gap grows in 2019-2023
(S = 10), but the figures within 5 m³ of them give S = -2 at worst: no verdict.

Columns: region_code, indicator_id, first_year, last_year, classification, ``s`` (S of the
tested series as computed), ``s_worst``, ``p_worst``, ``ends_hold``, ``holds``; one row per
gap trend with a verdict (diverging, converging or crossing, no other ``no_verdict``)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from stadstrends.analysis.coarse_trends import apply_worst_cases, p_worst_sql
from stadstrends.analysis.gap_spreads import TABLES as SPREAD_TABLES
from stadstrends.analysis.mann_kendall import EXACT_MAX_N, EXACT_TABLE
from stadstrends.analysis.trends import row_count
from stadstrends.analysis.worst_case_worker import WorstCases

#: the tables whose rounding the test needs (``gap_spreads`` is made from them) and the exact
#: Mann-Kendall table
TABLES = SPREAD_TABLES | {EXACT_TABLE}

#: Each year of every gap trend with a verdict: the tested value (ln ratio times ``side``, the
#: sign of the last year's) and the interval its figures' rounding allows (``lo``, ``hi``;
#: infinite where a figure could be 0 or is unknown)
POINTS_SQL = """
CREATE OR REPLACE TABLE _gap_rounding.points AS
WITH t AS (
    SELECT region_code, indicator_id, first_year, last_year, classification, gap_sign_changed,
           sign(mk_s)::INTEGER AS dir, CASE WHEN last_ratio < 1 THEN -1 ELSE 1 END AS side
    FROM region_gap_trends
    WHERE no_verdict IS NULL AND classification IN ('diverging', 'converging', 'crossing')
),
p AS (  -- the figures' spreads: gap_spreads (also the ommeland deviations')
    SELECT g.region_code, g.indicator_id, g.year, t.dir, t.side, g.log_ratio,
           g.city_value AS c, g.ommeland_value AS o, s.city_spread AS sc,
           s.ommeland_spread AS so
    FROM t
    JOIN region_gaps g ON g.region_code = t.region_code AND g.indicator_id = t.indicator_id
     AND g.year BETWEEN t.first_year AND t.last_year
    JOIN gap_spreads s ON s.region_code = g.region_code AND s.indicator_id = g.indicator_id
     AND s.year = g.year
),
q AS (
    SELECT *, CASE WHEN c - sc > 0 AND isfinite(so) THEN ln((c - sc) / (o + so))
                   ELSE '-inf'::DOUBLE END AS lr_lo,
              CASE WHEN o - so > 0 AND isfinite(sc) THEN ln((c + sc) / (o - so))
                   ELSE 'inf'::DOUBLE END AS lr_hi
    FROM p
)
SELECT region_code, indicator_id, year, dir, side * log_ratio AS value,
       CASE WHEN side > 0 THEN lr_lo ELSE -lr_hi END AS lo,
       CASE WHEN side > 0 THEN lr_hi ELSE -lr_lo END AS hi,
       sc > 0 OR so > 0 AS rounded
FROM q
"""

#: Per gap trend: S as computed, the bound of S at worst (a pair of years against the trend
#: wherever their intervals allow it), and whether its ends keep their order (at 9 decimals,
#: as :data:`~.coarse_trends.TESTED_SQL`)
TESTED_SQL = """
CREATE OR REPLACE TABLE _gap_rounding.tested AS
WITH pairs AS (
    SELECT region_code, indicator_id, any_value(a.dir) AS dir,
           sum(sign(b.value - a.value))::INTEGER AS s,
           (any_value(a.dir) * sum(sign(round(CASE WHEN a.dir > 0 THEN b.lo - a.hi
                                                   ELSE a.lo - b.hi END, 9))))::INTEGER
               AS s_worst
    FROM _gap_rounding.points a JOIN _gap_rounding.points b USING (region_code, indicator_id)
    WHERE a.year < b.year GROUP BY ALL
),
ties AS (  -- the tested values' ties, as the gap trend's variance (trends.trend_sql)
    SELECT region_code, indicator_id, count(*) AS n, sum(g * (g - 1) * (2 * g + 5)) AS tie_var
    FROM (SELECT region_code, indicator_id, value, count(*) AS g
          FROM _gap_rounding.points GROUP BY ALL)
    GROUP BY ALL
)
SELECT t.region_code, t.indicator_id, t.first_year, t.last_year, t.classification,
       i.n, i.tie_var = 0 AND i.n <= {exact_max_n} AS exact, p.dir, p.s, p.s_worst,
       (i.n * (i.n - 1) * (2 * i.n + 5) - i.tie_var) / 18.0 AS var_s,
       CASE WHEN NOT t.gap_sign_changed THEN CASE t.classification
                     WHEN 'diverging' THEN round(l.lo - f.hi, 9) > 0
                     ELSE round(f.lo - l.hi, 9) > 0 END
            -- a crossing: either end on its side; from level (diverging): the end;
            -- to level (converging): the start
            WHEN t.classification = 'diverging' THEN l.lo > 0 OR l.hi < 0
            WHEN t.classification = 'converging' THEN f.lo > 0 OR f.hi < 0
            ELSE (f.lo > 0 OR f.hi < 0) AND (l.lo > 0 OR l.hi < 0) END AS ends_hold
FROM region_gap_trends t
JOIN pairs p USING (region_code, indicator_id)
JOIN ties i USING (region_code, indicator_id)
JOIN _gap_rounding.points f ON f.region_code = t.region_code AND f.indicator_id = t.indicator_id
 AND f.year = t.first_year
JOIN _gap_rounding.points l ON l.region_code = t.region_code AND l.indicator_id = t.indicator_id
 AND l.year = t.last_year
"""

#: The verdict at S at worst: its p-value (:data:`~.coarse_trends.P_WORST_SQL`: the exact
#: table where the gap trend's p was exact, else the normal one) and whether the gap trend
#: holds
VERDICTS_SQL = """
SELECT region_code, indicator_id, first_year, last_year, classification, s, s_worst,
       p_worst, ends_hold, sign(s_worst) = dir AND p_worst < {alpha} AND ends_hold AS holds
FROM ({p_worst})
"""

#: the points of the gap trends that fail the bound (or their ends), for the exact worst case
FAILING_SQL = """
SELECT region_code, indicator_id, any_value(f.dir) AS dir,
       list(p.lo ORDER BY p.year) AS lo, list(p.hi ORDER BY p.year) AS hi,
       list(p.value ORDER BY p.year) AS vals
FROM ({verdicts}) v JOIN _gap_rounding.tested f USING (region_code, indicator_id)
JOIN _gap_rounding.points p USING (region_code, indicator_id)
WHERE NOT v.holds GROUP BY ALL
"""

MARK_SQL = """
UPDATE region_gap_trends t SET no_verdict = 'gap_rounding' FROM gap_rounding r
WHERE t.region_code = r.region_code AND t.indicator_id = r.indicator_id AND NOT r.holds
"""


def mean_rounding_relation(con: duckdb.DuckDBPyConnection) -> str:
    """``mean_rounding`` (indicator_id, year, unit), or an empty relation without it."""
    return "mean_rounding" if con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'mean_rounding'"
    ).fetchone()[0] else (
        "(SELECT NULL::VARCHAR AS indicator_id, NULL::BIGINT AS year, NULL::INTEGER AS unit "
        "WHERE false)")


#: in-memory database of the test's working tables: any cursor of the warehouse sees them,
#: so :func:`start_gap_rounding`'s finish can run on another cursor than its start
WORK_DB = "_gap_rounding"

Finish = Callable[[duckdb.DuckDBPyConnection], dict[str, int]]


def build_gap_rounding(con: duckdb.DuckDBPyConnection, alpha: float) -> dict[str, int]:
    """Create ``gap_rounding`` from ``region_gap_trends``, ``region_gaps`` and the rounding
    tables (see the module; empty where they are missing) and mark the gap trends it finds
    not holding (``no_verdict = 'gap_rounding'``); ``alpha``: the build setting
    ``significance``. Returns its row count."""
    return start_gap_rounding(con, alpha)(con)


def start_gap_rounding(con: duckdb.DuckDBPyConnection, alpha: float,
                       searches: WorstCases | None = None) -> Finish:
    """:func:`build_gap_rounding` in two parts: the bound of every gap trend's S at worst on
    ``con``, and the exact worst cases of those failing it started in ``searches``' worker
    process (Python, 0.25-0.3 s on one core for the snapshot's gap trends; default: a
    thread, :mod:`.worst_case_worker`); returns the function that waits
    for them, makes ``gap_rounding`` and marks ``region_gap_trends`` (on any cursor of the
    warehouse; the thread's error raised there). Until then ``region_gap_trends``'
    ``no_verdict`` lacks the verdict ``gap_rounding``: the analysis runs the signals' first
    statements, which do not read it, meanwhile (the second core was idle)."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if not TABLES <= have:
        con.execute("CREATE OR REPLACE TABLE gap_rounding (region_code VARCHAR, indicator_id "
                    "VARCHAR, first_year BIGINT, last_year BIGINT, classification VARCHAR, "
                    "s INTEGER, s_worst INTEGER, p_worst DOUBLE, ends_hold BOOLEAN, "
                    "holds BOOLEAN)")
        return lambda _con: {"gap_rounding": 0}
    con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {WORK_DB}")
    con.execute(POINTS_SQL)
    con.execute(TESTED_SQL.format(exact_max_n=EXACT_MAX_N))
    verdicts = VERDICTS_SQL.format(p_worst=p_worst_sql(f"{WORK_DB}.tested", "c.exact", "n"),
                                   alpha=repr(float(alpha)))
    failing = con.execute(FAILING_SQL.format(verdicts=verdicts)).fetchall()
    work = None
    if failing:
        work = (searches or WorstCases()).search("intervals", failing)

    def finish(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        apply_worst_cases(con, f"{WORK_DB}.tested", failing, work)
        con.execute(f"CREATE OR REPLACE TABLE gap_rounding AS {verdicts} "
                    "ORDER BY region_code, indicator_id")
        con.execute(MARK_SQL)
        con.execute(f"DETACH DATABASE {WORK_DB}")
        return {"gap_rounding": row_count(con, "gap_rounding")}

    return finish
