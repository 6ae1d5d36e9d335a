"""City-ommeland gaps and sigma convergence within COROP regions, with their trends.

Both trend tables reuse ``trend_sql`` from :mod:`stadstrends.analysis.trends` (the same
calendar window, cut to the latest comparable segment). Gaps are relative: for rates, shares
and averages the trend tests ln(city / ommeland) turned to the side the city ends on
(:mod:`stadstrends.analysis.gap_crossings`): where the city stays on one side, the distance
from parity |ln(city / ommeland)|; counts are never compared. A gap is *diverging* when that
value rises significantly and is larger at the end of the window than at its start,
*converging* when it falls significantly and is smaller; a gap on the other side in some
years in between is judged so on its signed series, not its size (Voorne aan Zee's deaths:
stable). A gap that changes sides in those years (``gap_sign_changed``) neither grows nor
shrinks as a divide (+5% -> -5%): it is *crossing* when ln(city / ommeland) moves
significantly toward the side the city ends on, else stable (Zwolle's solar installations).
A gap that changed sides and whose last year's figures print the same (``ends_level``: the
catalogue's decimals, or CBS's unit of a published mean) claims no side: it converged to parity
(``caught_up`` / ``lead_lost``, ``level`` without a direction; Breda's income, 3,8% below in
2016, 55,6 against 55,6 thousand euro in 2023). One whose first year's figures print the same
(``starts_level``) came from no side: a gap opening from parity, *diverging*, movement
``left_level_ahead`` / ``left_level_behind`` (``left_level`` without a direction; also for a
growing gap that starts so, not 'further' ahead): Winterswijk's gas use per dwelling, 1 410
against 1 410 m³ in 2019 as printed (CBS rounds it to 10 m³), 980 against 960 in 2023 ('lag voor
... raakt achter' before); level at both ends as printed, stable. A
series with a value <= 0 in the window, of a measure that can be negative (a ratio means nothing
there) or with too few years gets no gap trend, and ``untested_gaps`` says why
(:mod:`stadstrends.analysis.gap_reasons`). ``movement`` says which
side the city is on: ``pulling_ahead`` / ``falling_behind`` (diverging on the favourable /
adverse side), ``catching_up`` / ``lead_shrinking`` (converging from the adverse / favourable
side), ``overtaking`` / ``overtaken`` (crossing: the city, behind at the start, ends ahead /
ahead at the start, ends behind: not 'further' behind), ``diverging`` / ``converging`` /
``crossing`` for neutral indicators, else ``stable``. A gap trend on fewer years than a test
needs (``indicative``, ``min_significant_points``) was not tested: classification and movement
``not tested`` (:data:`~.trends.NOT_TESTED`), valence neutral, no 'stable' verdict (2 971
such rows in 341 municipalities were 'stable' before session 48). ``crossing_p`` and
``crossing_slope`` (ln ratio per year) are the signed trend's of a gap that changes sides
(its ``mk_p``; the slope not turned). ``over_jump``: the city's series jumps
(``series_jumps``, :mod:`stadstrends.analysis.jumps`) inside the gap trend's years, so its
verdict may rest on that jump (Hollands Kroon's delivered electricity, 4 382 -> 27 687 kWh
per inhabitant in 2017-2018: 54% -> 1 069% above the ommeland).
``no_verdict`` (:data:`NO_VERDICT_REASONS`) says why a gap trend gives no verdict: over such
a jump (``city_jump``); over abrupt steps of a member of the ommeland that together move
ln(city / ommeland) the way it went by at least :data:`STEP_SHARE` of its change (a dip
undone the next year does not: Den Helder's in Hollands Kroon's ommeland) (``ommeland_jump``,
:mod:`stadstrends.analysis.ommeland_steps`: Deventer's Wmo clients, 73% -> 8% above the
ommeland in 2017-2023 as Raalte's went 37,8 -> 61,1 per 1 000 in 2018; ``step_member``,
``step_previous_year``, ``step_year``); a city figure with fewer than
``min_distinct_values`` distinct values in the gap's years (``city_steps``, ``city_distinct``:
's-Hertogenbosch's lowest-income households, 9% in every year 2015-2023 as CBS rounds it,
while the ommeland went 5,32% -> 5,72%), a city trend CBS's rounding could undo
(``city_rounding``, ``coarse_trends.holds`` false), a gap trend the rounding of the city's and
the ommeland's figures could undo (``gap_rounding``, :mod:`.gap_rounding`: Oss's gas use), a
changing gap of a rate on small counts (``small_counts``, :mod:`.gap_small`: Vlieland's
deaths). No signal; the report leaves it out, saying why.
A diverging or converging gap whose city - ommeland as printed (``printed_first_gap``,
``printed_last_gap``) moved the other way (``abs_against``: 'larger', 'smaller') moved only
relatively: the figures do not carry a verdict, so its valence is neutral and publish says
both (Dijk en Waard's solar installations: 105% -> 20% above the ommeland in 2016-2023 as
the lead grew from +29,6 to +37,9 per 1 000; 127 verdicts were adverse or favourable before).
A COROP region converges (sigma convergence) when the population-weighted coefficient of
variation across its municipalities falls significantly.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import duckdb

from stadstrends.analysis.coarse import ensure_coarse_trends
from stadstrends.analysis.gap_crossings import GAP_POINTS_SQL, OTHER_SIDE_SQL, TURNED_SQL
from stadstrends.analysis.gap_reasons import build_untested_gaps
from stadstrends.analysis.gap_rounding import Finish, mean_rounding_relation, start_gap_rounding
from stadstrends.analysis.gap_small import mean_counts_sql
from stadstrends.analysis.gap_spreads import build_gap_spreads
from stadstrends.analysis.mann_kendall import ensure_exact_table
from stadstrends.analysis.ommeland_steps import build_ommeland_steps
from stadstrends.analysis.segments import ensure_segments
from stadstrends.analysis.trends import NOT_TESTED, row_count, trend_sql, values_relation
from stadstrends.analysis.worst_case_worker import WorstCases
from stadstrends.settings import BuildSettings, default_settings

WEIGHT_INDICATOR = "population"

CLASSIFY = """CASE t.trend WHEN 'rising' THEN 'diverging' WHEN 'falling' THEN 'converging'
                ELSE 'stable' END"""

REGION_GAPS_SQL = """
CREATE OR REPLACE TABLE region_gaps AS
SELECT o.region_code, o.indicator_id, o.year, o.corop_code, v.value AS city_value,
       o.ommeland_value, o.ommeland_rounding, o.ommeland_zeros,
       v.value - o.ommeland_value AS gap,
       CASE WHEN o.ommeland_value <> 0 THEN v.value / o.ommeland_value END AS ratio,
       CASE WHEN v.value > 0 AND o.ommeland_value > 0
            THEN ln(v.value / o.ommeland_value) END AS log_ratio
FROM ommeland o
JOIN {values} v USING (region_code, indicator_id, year)
JOIN catalogue_indicators c USING (indicator_id)
WHERE o.ommeland_value IS NOT NULL AND c.method <> 'count'
"""  # no ORDER BY: its readers order what they read; the sort of 207 098 rows took 0.07 s
# of the statement's 0.25 s of CPU

#: the gap trends (``trend_sql`` rows) with the gap, ratio and log ratio of their first and
#: last year, read by the small counts (:mod:`.gap_small`) and the classification below:
#: joined once here, not in each (region_gaps twice per statement: the city-region gaps'
#: step 1.62 -> 1.40 s of CPU, medians of 5 alternated in one process; the same rows)
GAP_STATS_SQL = """
CREATE OR REPLACE TEMP TABLE _gap_stats AS
SELECT t.*, f.gap AS first_gap, l.gap AS last_gap, f.ratio AS first_ratio,
       l.ratio AS last_ratio, f.log_ratio AS first_log, l.log_ratio AS last_log,
       l.city_value AS last_city_value, l.ommeland_value AS last_ommeland_value,
       f.city_value AS first_city_value, f.ommeland_value AS first_ommeland_value
FROM ({stats}) t
JOIN region_gaps f
  ON f.region_code = t.region_code AND f.indicator_id = t.indicator_id
 AND f.year = t.first_year
JOIN region_gaps l
  ON l.region_code = t.region_code AND l.indicator_id = t.indicator_id
 AND l.year = t.last_year
"""

GAP_TRENDS_SQL = """
CREATE OR REPLACE TABLE region_gap_trends AS
WITH rounding AS (  -- CBS's unit of a published mean per indicator and year, for either end
    SELECT indicator_id, year, max(unit) AS unit FROM {mean_rounding} GROUP BY ALL
),
joined AS (
    SELECT t.*,
           CASE i.direction WHEN 'higher_better' THEN 1 WHEN 'higher_worse' THEN -1
                ELSE 0 END AS dir,
           -- crossing sides: no growing or shrinking divide; the crossing is claimed only
           -- when ln(city / ommeland) itself moves significantly toward the side it ends on
           -- ending level as printed (ends_level): converging to parity, not crossing;
           -- starting level (starts_level): a gap opening from parity, diverging; both: no
           -- side at either end as printed, stable
           -- fewer years than a test needs (indicative): no test, no 'stable' verdict
           CASE WHEN t.n_points < {indicative} THEN '{not_tested}'
                WHEN sign(t.first_log) * sign(t.last_log) < 0
                    THEN CASE WHEN t.trend <> 'rising' THEN 'stable'
                              WHEN {level} AND {start_level} THEN 'stable'
                              WHEN {level} THEN 'converging'
                              WHEN {start_level} THEN 'diverging' ELSE 'crossing' END
                WHEN t.trend = 'rising' AND abs(t.last_log) > abs(t.first_log)
                    THEN 'diverging'
                -- a gap that starts level as printed shrinks from no side (Almere's
                -- lowest-income households, 8% as CBS rounds them, against 8,2% in 2016,
                -- 7,8-7,9% in 2019-2022 and 8,1% in 2023)
                WHEN t.trend = 'falling' AND abs(t.last_log) < abs(t.first_log)
                     AND NOT {start_level} THEN 'converging'
                ELSE 'stable' END AS classification, {over_jump} AS over_jump,
           CASE WHEN sign(t.first_log) * sign(t.last_log) < 0 THEN t.mk_p END AS crossing_p,
           CASE WHEN sign(t.first_log) * sign(t.last_log) < 0
                THEN sign(t.last_log) * t.theil_sen_slope END AS crossing_slope,
           {level} AS ends_level,
           {start_level} AS starts_level,
           -- city - ommeland as printed (the catalogue's decimals) at either end
           {printed_first} AS printed_first_gap, {printed_last} AS printed_last_gap
    FROM ({stats}) t
    LEFT JOIN indicators i ON i.indicator_id = t.indicator_id
    LEFT JOIN rounding r ON r.indicator_id = t.indicator_id AND r.year = t.last_year
    LEFT JOIN rounding r0 ON r0.indicator_id = t.indicator_id AND r0.year = t.first_year
),
steps AS (  -- a member whose abrupt steps inside the years, summed, move ln(city / ommeland)
    -- the way it went by at least half its change: a step that raises ln(ommeland) by s
    -- lowers it by s (a dip undone the next year moves it by nothing; a step against the
    -- change cannot explain it). On ln(city / ommeland), not its absolute value: a gap that
    -- changes sides is judged by how far it moved
    SELECT region_code, indicator_id, arg_max(member, abs(moved)) AS step_member,
           arg_max(step_previous_year, abs(moved)) AS step_previous_year,
           arg_max(step_year, abs(moved)) AS step_year
    FROM (SELECT j.region_code, j.indicator_id, s.member, -fsum(s.shift) AS moved,
                 arg_max(s.previous_year, abs(s.shift)) AS step_previous_year,
                 arg_max(s.year, abs(s.shift)) AS step_year,
                 any_value(j.last_log - j.first_log) AS change
          FROM joined j
          JOIN ommeland_steps s ON s.region_code = j.region_code
           AND s.indicator_id = j.indicator_id AND s.previous_year >= j.first_year
           AND s.year <= j.last_year
          WHERE j.classification IN ('diverging', 'converging', 'crossing')
          GROUP BY j.region_code, j.indicator_id, s.member)
    WHERE moved * sign(change) >= {step_share} * abs(change)
    GROUP BY ALL
),
city AS (  -- the city's distinct (rounded) figures over the gap trend's years
    SELECT j.region_code, j.indicator_id, count(DISTINCT g.city_value) AS city_distinct
    FROM joined j
    JOIN region_gaps g ON g.region_code = j.region_code AND g.indicator_id = j.indicator_id
     AND g.year BETWEEN j.first_year AND j.last_year
    GROUP BY ALL
),
judged AS (
    SELECT j.*, s.step_member, s.step_previous_year, s.step_year, n.city_mean_count,
           c.city_distinct::INTEGER AS city_distinct,
           CASE WHEN j.over_jump THEN 'city_jump'
                WHEN s.step_member IS NOT NULL THEN 'ommeland_jump'
                WHEN c.city_distinct < {min_distinct} THEN 'city_steps'
                WHEN EXISTS (SELECT 1 FROM coarse_trends k WHERE k.region_code = j.region_code
                             AND k.indicator_id = j.indicator_id AND NOT k.holds)
                  -- or not tested at all: the count behind its ratio has too few values
                  OR EXISTS (SELECT 1 FROM trends t WHERE t.region_code = j.region_code
                             AND t.indicator_id = j.indicator_id
                             AND t.n_counts < {min_distinct})
                    THEN 'city_rounding'
                WHEN j.classification IN ('diverging', 'converging', 'crossing')
                AND n.city_mean_count < {small} THEN 'small_counts' END AS no_verdict
    FROM joined j
    LEFT JOIN steps s USING (region_code, indicator_id)
    LEFT JOIN city c USING (region_code, indicator_id)
    LEFT JOIN {mean_counts} n USING (region_code, indicator_id)
)
SELECT region_code, indicator_id, first_year, last_year, n_points, window_first_year,
       first_gap, last_gap, first_ratio, last_ratio,
       100 * (first_ratio - 1) AS first_pct, 100 * (last_ratio - 1) AS last_pct,
       sign(first_log) * sign(last_log) < 0 AS gap_sign_changed,
       theil_sen_slope AS rel_gap_slope, mk_s, mk_p, mk_p_method, tau, classification,
       CASE WHEN classification IN ('stable', '{not_tested}') THEN classification
            -- a gap that closes (or changed sides) and ends level as printed: parity
            -- reached, not 'slinkt' beside two equal figures (Woensdrecht's lowest incomes,
            -- 8% and 8%)
            WHEN ends_level AND classification = 'converging' AND dir = 0 THEN 'level'
            WHEN ends_level AND classification = 'converging'
                THEN CASE WHEN dir * sign(first_log) < 0 THEN 'caught_up' ELSE 'lead_lost' END
            -- a gap opening from a start level as printed: no 'further' ahead or behind
            WHEN starts_level AND classification = 'diverging'
                THEN CASE WHEN dir = 0 THEN 'left_level'
                          WHEN dir * sign(last_log) > 0 THEN 'left_level_ahead'
                          ELSE 'left_level_behind' END
            WHEN dir = 0 THEN classification
            -- growing or crossing: the side the city ends on decides (ahead -> behind is
            -- no catching up, nor 'further' behind)
            WHEN classification = 'crossing' AND dir * sign(last_log) > 0 THEN 'overtaking'
            WHEN classification = 'crossing' THEN 'overtaken'
            WHEN classification = 'diverging' AND dir * sign(last_log) > 0
                THEN 'pulling_ahead'
            WHEN classification = 'diverging' THEN 'falling_behind'
            WHEN dir * sign(last_log) < 0 OR dir * sign(first_log) < 0 THEN 'catching_up'
            ELSE 'lead_shrinking' END AS movement,
       CASE WHEN classification IN ('stable', '{not_tested}') OR dir = 0
                 OR abs_against IS NOT NULL THEN 'neutral'  -- the figures do not carry it
            WHEN ends_level AND classification = 'converging'  -- caught up / lead lost
                THEN CASE WHEN dir * sign(first_log) < 0 THEN 'favourable' ELSE 'adverse' END
            WHEN classification IN ('diverging', 'crossing') AND dir * sign(last_log) > 0
                THEN 'favourable'
            WHEN classification IN ('diverging', 'crossing') THEN 'adverse'
            WHEN dir * sign(last_log) < 0 OR dir * sign(first_log) < 0 THEN 'favourable'
            ELSE 'adverse' END AS valence,
       n_points < {indicative} AS indicative, over_jump, no_verdict, city_distinct,
       step_member, step_previous_year, step_year, crossing_p, crossing_slope, ends_level,
       starts_level, city_mean_count, printed_first_gap, printed_last_gap, abs_against
FROM (SELECT *, CASE WHEN classification = 'diverging' AND NOT starts_level
                          AND moved < 0 THEN 'smaller'
                     WHEN classification = 'converging' AND NOT ends_level
                          AND moved > 0 THEN 'larger' END AS abs_against
      -- at 9 decimals: 66,4 - 36,8 is 57,9 - 28,3 as printed, not a binary rest apart
      FROM (SELECT *, round(abs(printed_last_gap) - abs(printed_first_gap), 9) AS moved
            FROM judged))
ORDER BY indicator_id, region_code
"""

#: Why a gap trend gives no verdict (``region_gap_trends.no_verdict``; words: the report's
#: ``gap_no_verdict_*``): the city's series jumps in its years (``over_jump``), a member's
#: abrupt step moves the ommeland (``ommeland_steps``), the city's figure has fewer than
#: ``min_distinct_values`` distinct (rounded) values in them, CBS's rounding of the city's
#: figures could undo the city's own trend (``coarse_trends``) or of both figures the gap's
#: (:mod:`.gap_rounding`), or the city's rate rests on small counts (:mod:`.gap_small`)
NO_VERDICT_REASONS = ("city_jump", "ommeland_jump", "city_steps", "city_rounding",
                      "gap_rounding", "small_counts")

#: a member's steps count when, summed, they move ln(city / ommeland) the way it went over
#: the gap trend's years by at least this share of its change
STEP_SHARE = 0.5

#: whether the city's and the ommeland's figures of the gap trend's last year print the same
#: (the catalogue's decimals, or CBS's rounding unit of a published mean, ``mean_rounding``):
#: a gap that changed sides and ends so is no overtaking the reader can see (Breda's income
#: 2023, 55,6 against 55,6 thousand euro, +0,01%) but parity reached: ``converging``, movement
#: ``caught_up`` / ``lead_lost`` (``level`` without a direction)
#: (false without the catalogue's decimals)
LEVEL = """coalesce(round((t.{end}_city_value / {unit})::DECIMAL(38, 6))
    = round((t.{end}_ommeland_value / {unit})::DECIMAL(38, 6)), false)"""
UNIT = ("(CASE WHEN i.decimals IS NOT NULL "
        "THEN greatest(pow(10, -i.decimals), coalesce({r}.unit, 0)) END)")
ENDS_LEVEL = LEVEL.format(end="last", unit=UNIT.format(r="r"))
#: the same of the first year (``starts_level``): a gap that changed sides, or grew, from
#: there left parity, with no side to have come from (Weert's net labour participation 2017,
#: 66,5% against 66,5%: 'loopt verder uit' before; Alkmaar's share of 85-plussers 2010, 1,7%
#: against 1,7%: 'wisselt van kant' before)
STARTS_LEVEL = LEVEL.format(end="first", unit=UNIT.format(r="r0"))

#: city - ommeland of the gap trend's first or last year as the figures print (the catalogue's
#: decimals; unrounded without them): where it moves against the relative verdict
#: (``abs_against``: a converging gap 'larger', a diverging one 'smaller'; not from or to
#: level as printed) the verdict is only relative and gets no valence (Dijk en Waard's solar
#: installations: 105% -> 20% above the ommeland in 2016-2023, +29,6 -> +37,9 per 1 000)
PRINTED_GAP = ("coalesce(round(t.{end}_city_value, i.decimals) "
               "- round(t.{end}_ommeland_value, i.decimals), t.{end}_gap)")

#: whether the city's series jumps between the gap trend's first and last year
OVER_JUMP = """EXISTS (SELECT 1 FROM series_jumps j WHERE j.region_code = t.region_code
                   AND j.indicator_id = t.indicator_id AND j.previous_year >= t.first_year
                   AND j.year <= t.last_year)"""

def build_region_gaps(
    con: duckdb.DuckDBPyConnection, window: int | None = None, min_points: int | None = None,
    settings: BuildSettings | None = None,
    before_trends: Callable[[duckdb.DuckDBPyConnection], dict[str, int]] | None = None,
    ommeland_steps: Callable[[duckdb.DuckDBPyConnection], dict[str, int]] | None = None,
    rounding_later: Callable[[Finish], None] | None = None,
    worst_cases: WorstCases | None = None,
) -> dict[str, int]:
    """Create ``region_gaps`` (municipality x indicator x year with both a value and an
    ommeland value (table ``ommeland``), counts left out: gap = city - ommeland, ratio =
    city / ommeland, log_ratio; ``ommeland_rounding`` and ``ommeland_zeros`` as in
    ``ommeland``), ``ommeland_steps``
    (:func:`~.ommeland_steps.build_ommeland_steps`) and ``region_gap_trends`` (trend of ln
    ratio turned to the side the city ends on, over the calendar window: diverging /
    converging / stable, or crossing for a gap that changes sides; not tested on too few
    years), the city's ``movement``,
    ``valence``, ``over_jump``, ``no_verdict``; reads ``series_jumps`` and ``coarse_trends``,
    empty where missing), then
    ``gap_spreads`` (:mod:`.gap_spreads`) and ``gap_rounding`` (:mod:`.gap_rounding`).
    ``before_trends``: a step run before the gap trends
    (:meth:`~.coarse_trends.RoundingVerdicts.finish`); its row counts returned too.
    ``ommeland_steps``: makes that table or waits for the analysis' other chain to (default:
    made here). ``rounding_later``: given the function that finishes the rounding test
    (:func:`~.gap_rounding.start_gap_rounding`: ``gap_rounding`` and the gap trends' verdict
    ``gap_rounding``) instead of its being finished here; ``worst_cases``: the worker process
    of its exact worst cases (default: a thread)."""
    s = settings or default_settings()
    ensure_exact_table(con)
    ensure_segments(con)
    con.execute(REGION_GAPS_SQL.format(values=values_relation(con)))
    window, min_points = window or s.window, min_points or s.min_trend_points
    build_untested_gaps(con, window, min_points)
    stats = trend_sql(
        GAP_POINTS_SQL, ["region_code", "indicator_id"], value_col="log_ratio",
        window=window, min_points=min_points, segment_col="segment_start",
        alpha=s.significance, min_significant=s.min_significant_points)
    con.execute(GAP_STATS_SQL.format(stats=TURNED_SQL.format(stats=stats)))
    (ommeland_steps or partial(build_ommeland_steps, step_usual=s.member_step_usual))(con)
    counts = before_trends(con) if before_trends is not None else {}
    ensure_coarse_trends(con)
    con.execute(GAP_TRENDS_SQL.format(
        stats="FROM _gap_stats", indicative=s.min_significant_points, over_jump=OVER_JUMP,
        step_share=STEP_SHARE, level=ENDS_LEVEL, start_level=STARTS_LEVEL,
        mean_rounding=mean_rounding_relation(con), min_distinct=int(s.min_distinct_values),
        small=float(s.small_count), mean_counts=mean_counts_sql(con),
        not_tested=NOT_TESTED, printed_first=PRINTED_GAP.format(end="first"),
        printed_last=PRINTED_GAP.format(end="last")))
    con.execute("DROP TABLE _gap_stats")
    con.execute(OTHER_SIDE_SQL.format(mean_rounding=mean_rounding_relation(con),
                                      unit=UNIT.format(r="r")))
    counts |= build_gap_spreads(con)  # the rounding test's and the ommeland deviations'
    finish = start_gap_rounding(con, s.significance, worst_cases)  # after the other reasons
    if rounding_later is None:
        counts |= finish(con)
    else:
        rounding_later(finish)
    return {**counts, **{t: row_count(con, t) for t in (
        "region_gaps", "untested_gaps", "ommeland_steps", "region_gap_trends")}}


def build_gaps(con: duckdb.DuckDBPyConnection, window: int | None = None,
               settings: BuildSettings | None = None) -> dict[str, int]:
    """Build all four gap and convergence tables."""
    from stadstrends.analysis.sigma import build_sigma_convergence

    return {**build_region_gaps(con, window, settings=settings),
            **build_sigma_convergence(con, window, settings=settings)}
