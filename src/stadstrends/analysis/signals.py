"""Signals per municipality, comparison group and opgave, the opgave summary and 'kies
richting', in SQL.

``build_signals(con)`` reads ``trends``, ``jump_trends``, ``group_benchmarks`` (see
:mod:`stadstrends.analysis.outsider_benchmarks`), ``comparison_group_members``, ``gap_spreads``,
``comparison_extra``, ``region_gaps``, ``region_gap_trends``, ``inequality_trends``, ``peers``,
``indicators``, ``regions`` and the rounding tables of the indicator stage and creates
``coarse_counts``, ``coarse_positions`` (:mod:`stadstrends.analysis.coarse`), ``opgaven``
(``opgaven.yaml``), ``signals`` (a view: ``signal_rows`` with names, titles and unit),
``opgave_summary`` and ``kies_richting``, each keyed by ``set_id``: one set of rows per
municipality and group it can be compared within (the groups it is in, and those
``comparison_extra`` adds); ``default_group`` says which one a municipality gets by default.

A signal is one noteworthy fact about one indicator in one municipality, of one ``kind``:

* ``trend``: a significant Mann-Kendall trend; for a series that changes abruptly inside
  its tested years (``jump_trends``, :mod:`stadstrends.analysis.jumps`) the trend over the
  years after its last jump, none when too few years follow it: a verdict that rests on
  the jump is no signal (Noordenveld's delivered electricity, 1 964 -> 13 281 kWh per
  inhabitant in 2016-2017, then a significant fall; Hollands Kroon's electricity: a 'rise'
  that is its 2017-2018 jump). 'Kies richting' takes its trend from the same rows; a trend that
  may rest on CBS's rounding of its years (``coarse_trends``, not ``holds``:
  :mod:`stadstrends.analysis.coarse`) is no signal either, nor momentum in Kies richting;
* ``group_deviation``: latest value at least the setting ``deviation_min_z`` robust z from
  the group's median, where at least ``DEVIATION_MIN_N`` (= ``KIES_MIN_N``, 6) of the group have a
  figure (a median and MAD of three values is no finding); not where CBS's rounding alone
  could move it past the group's p25, median or p75 (``coarse_positions``, as Kies
  richting: Schiermonnikoog's payment arrears per 1 000 in 2024, 10 persons rounded to
  tens); nor within the figures' rounding unit of the median (``signal_kies.TOL``: Kies
  richting's ``near_median``, the report's 'rond de mediaan'): Ede's low-income share
  2023, 7% against CR13's median 6% (whole percents), was 'ongunstig ...' (1,3 robust z);
  nor, as in Kies richting, on one year's figure of a count CBS rounds coarsely
  (``coarse_counts``) unless the trend tested over the fixed window goes its way (above
  rising, below falling: :func:`~.signal_kies.trend_disagrees`), nor on a share of a small
  base that one case nearer the median brings to the deviation's cut
  (:func:`~.signal_kies.one_case`): Schiermonnikoog's new dwellings of 2023, 0 of 615
  (rounded to fives), no significant change, were 'ongunstig vergeleken met de groep';
* ``ommeland_deviation``: latest city - ommeland gap at least ``ommeland_min`` group scales,
  where that scale rests on at least ``DEVIATION_MIN_N`` (6) figures of the group, as for a
  group_deviation: a MAD of two to five values is no yardstick (Midden-Delfland's share of
  crimes cleared up, 25,5% against 19,8% in its ommeland in 2024, was 258 scales from it
  within COROP region CR27, whose three members' MAD is 0,015 points); and not where the
  gap, less how far CBS's rounding can move the city's and the ommeland's figures (as for
  the gap trends: ``gap_spreads``), is under that: Zaanstad's low-income share 2023, 8%
  against 6,0% in whole percents (+-0,5 each), 1,35 scales (1,48 points) in the city set, 0,67 less;
  nor on the city's figure where a group deviation would not be (one coarse year, one case);
* ``gap_widening`` / ``gap_narrowing``: a significant trend of the relative gap
  |ln(city / ommeland)| (see :mod:`stadstrends.analysis.gaps`); ``gap_crossing``: a gap
  that changes sides, with a significant trend of ln(city / ommeland) toward the side the
  city ends on (its ``movement`` ``overtaking`` / ``overtaken`` / ``crossing``; ``slope`` and
  ``p_value`` that trend's, ``change`` city - ommeland at the end less at the start, not the
  change of the gap's size as for the other two).

Strength is in one unit for all kinds, the group's robust scale ``1.4826 x MAD`` of the
indicator (the denominator of robust_z), so kinds rank together:

* deviations: |robust_z|, or |gap| / scale;
* trends: (1 - p) x |Theil-Sen slope| x (last_year - first_year) / scale, the fitted change
  over the window in group scales; without such a scale (no position in the group that
  year, or a scale of fewer than ``DEVIATION_MIN_N`` figures: a MAD of three values is no
  yardstick) |relative slope| x years / ``REL_FALLBACK``;
* gap trends: (1 - p) x the fitted change of |ln ratio| (a crossing: of ln ratio) over the
  window / ``REL_FALLBACK``.

The raw value is softly capped, strength = ``STRENGTH_CAP`` x tanh(raw / ``STRENGTH_CAP``)
(close to raw below 2, never above 4, order kept), so a tiny spread in the set cannot dominate, and
then multiplied by ``INDICATIVE_WEIGHT`` for indicative trends (fewer than 6 points) and by
``PROJECTION_WEIGHT`` for projections (catalogue ``projection: true``). Projections give no trend
or gap-trend signals (their path is modelled, not observed); size counts (method 'count')
give no deviation or gap signals; trends below the setting ``trend_min_strength`` (raw) are
left out.
Valence follows the indicator direction ('neutral' direction -> 'neutral'; a trend of an
amount in euro in current prices, ``current_prices``, 'neutral' too: part of it is
inflation; its deviations from the group and the ommeland, same year and prices, keep it);
for gap trends it is the city's view: favourable when the city pulls ahead or catches up.

A signal whose year is more than ``stale_after_years`` before the build's latest data year
is ``stale`` ('verouderd'): it keeps its row but gets no rank and does not count in
``opgave_summary`` (so it never heads a report or a summary).

``kies_richting`` (:mod:`stadstrends.analysis.signal_kies`): municipality x group x indicator
with a direction, latest year not stale. 'distinctive strength': in the favourable quartile
of the group (after taking the direction into account) and not significantly worsening;
'urgent task': in the unfavourable quartile and not significantly improving, or significantly
worsening in the unfavourable half; only where at least ``KIES_MIN_N`` (6) of the group have a
figure, and on one year's figure of a coarse count (``coarse_counts``) only where the tested
trend agrees. ``reason`` says which (a code); with the peers better beyond rounding (same year).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait

import duckdb

from stadstrends.analysis.benchmarks import MAD_SCALE
from stadstrends.analysis.coarse import build_coarse_positions, ensure_coarse_trends
from stadstrends.analysis.gap_spreads import ensure_gap_spreads
from stadstrends.analysis.signal_kies import (
    CASE_POSITIONS_SQL,
    KIES_MIN_N,
    TOL,
    UNIT_JOINS,
    kies_views,
    one_case,
    trend_disagrees,
)
from stadstrends.analysis.signal_opgaven import OpgavenConfig, load_opgaven, store_opgaven
from stadstrends.analysis.signal_rows import (
    BASE_SQL,
    BENCH_COLUMNS,
    RANK_SQL,
    ROWS_SQL,
    RULE_JOINS,
)
from stadstrends.analysis.signal_summary import PARTS_SQL, SUMMARY_SQL
from stadstrends.analysis.survey_estimates import survey_view
from stadstrends.analysis.trends import row_count, values_relation
from stadstrends.analysis.withheld import LABELLED, kies_statements
from stadstrends.duck import interrupt_until_done, release_cached_blocks
from stadstrends.held import submit
from stadstrends.settings import BuildSettings, default_settings

DEVIATION_MIN_N = KIES_MIN_N  # fewest of the group with a figure for a deviation (a quarter)
STRENGTH_CAP = 4.0
INDICATIVE_WEIGHT = 0.5
PROJECTION_WEIGHT = 0.5
REL_FALLBACK = 0.10

#: an analysis step: makes its tables on the cursor it is given, returns table -> rows
Step = Callable[[duckdb.DuckDBPyConnection], dict[str, int]]

#: the columns of ``trends`` the signals and 'kies richting' read, which ``jump_trends`` has too
TREND_COLUMNS = ("indicator_id, region_code, first_year::BIGINT AS first_year, "
                 "last_year::BIGINT AS last_year, n_points, first_value, last_value, "
                 "abs_change, rel_change, theil_sen_slope, sen_slope_rel, mk_p, "
                 "classification, indicative, direction_label")

_VIEWS_SQL = f"""
CREATE OR REPLACE TEMP VIEW _sig_scope AS
SELECT r.region_code, any_value(r.name) AS region_name
FROM regions r WHERE r.level = 'gemeente' AND r.valid_to IS NULL GROUP BY ALL;
CREATE OR REPLACE TEMP VIEW _sig_ind AS
SELECT indicator_id, domain, title_nl, unit, direction, method,
       projection,
       CASE direction WHEN 'higher_better' THEN 1 WHEN 'higher_worse' THEN -1 ELSE 0 END AS dir,
       current_prices
FROM indicators;
CREATE OR REPLACE TEMP VIEW _sig_opgave_ind AS
SELECT opgave_id, unnest(indicators) AS indicator_id FROM opgaven;
CREATE OR REPLACE TEMP VIEW _sig_trends AS  -- a trend tested over a jump: the one after it
SELECT {TREND_COLUMNS}, coalesce(NOT k.holds, false) AS rests_on_rounding
FROM trends ANTI JOIN jump_trends USING (indicator_id, region_code)
LEFT JOIN (SELECT region_code, indicator_id, holds FROM coarse_trends) k
  USING (region_code, indicator_id)
UNION ALL SELECT {TREND_COLUMNS}, false FROM jump_trends;
"""

_SETUP_SQL = """
-- the latest years from the values (trends.values_relation): the view indicator_values adds
-- their sources, which a maximum does not need (with _sig_years 0.09 -> 0.04 s of CPU,
-- medians of 10 alternated)
CREATE OR REPLACE TABLE _signals.latest AS
SELECT max(year) - {stale_after} AS fresh_from FROM {values}
WHERE indicator_id NOT IN (SELECT indicator_id FROM indicators WHERE projection);
CREATE OR REPLACE TABLE _signals.divide AS  -- opgave_summary's one-word tweedeling verdict
SELECT {divide_min_gaps} AS min_gaps, {divide_min_share}::DOUBLE AS min_share;
CREATE OR REPLACE TEMP TABLE _sig_pairs AS  -- every municipality x group, numbered (RANK_SQL)
SELECT *, row_number() OVER (ORDER BY set_id, region_code) AS pair_no FROM (
    SELECT DISTINCT m.set_id, coalesce(m.focal_code, m.region_code) AS region_code
    FROM comparison_group_members m JOIN _sig_scope s
      ON s.region_code = coalesce(m.focal_code, m.region_code)
    UNION
    SELECT e.set_id, e.region_code FROM comparison_extra e SEMI JOIN _sig_scope USING (region_code)
);
CREATE OR REPLACE TEMP TABLE _sig_omm_latest AS
SELECT * FROM region_gaps
QUALIFY year = max(year) OVER (PARTITION BY region_code, indicator_id);
CREATE OR REPLACE TEMP TABLE _sig_years AS  -- the years a signal or a position can be of
SELECT region_code, indicator_id, max(year) AS year, true AS latest FROM {values}
GROUP BY ALL
UNION SELECT region_code, indicator_id, last_year, false FROM trends
UNION SELECT region_code, indicator_id, year, false FROM _sig_omm_latest;
-- the 116 indicator x year of those years, as a constant (a variable): a filter on them
-- reaches the shared groups' distributions inside the view group_benchmarks, before the 1.9 M
-- positions are joined to them (with a semi join on the years, after that join: 0.48 -> 0.33 s
-- of CPU, medians of 7 alternated)
SET VARIABLE {years} = (SELECT list(DISTINCT indicator_id || '|' || year) FROM _sig_years);
CREATE OR REPLACE TABLE _signals.bench AS  -- positions in those years, with the group's scale
SELECT b.*, CASE WHEN b.mad > 0 THEN {mad} * b.mad END AS scale,
       y.latest
FROM group_benchmarks b
SEMI JOIN _sig_pairs p USING (set_id, region_code)
JOIN (SELECT region_code, indicator_id, year, bool_or(latest) AS latest FROM _sig_years
      GROUP BY ALL) y USING (region_code, indicator_id, year)
WHERE list_contains(getvariable('{years}'), b.indicator_id || '|' || b.year);
"""

#: in-memory database :func:`build_signals` shares between its two cursors (a temp table is not)
SHARED = "_signals"
#: ``_sig_case_bases`` (:func:`~.small_bases.case_bases_view`) made once, a table of
#: :data:`SHARED` that the view then reads: five statements on both cursors read it
#: (``case_positions``' keys and rows, Kies richting's labels, both kinds of deviation), and
#: each computed the view again from ``series_all`` (0.025 s of CPU, one DuckDB thread)
CASE_BASES_ONCE = f"""CREATE OR REPLACE TABLE {SHARED}.case_bases AS FROM _sig_case_bases;
CREATE OR REPLACE TEMP VIEW _sig_case_bases AS FROM {SHARED}.case_bases"""
#: DuckDB variable (of ``con``) with the indicators and years of the positions the steps read
YEARS_VARIABLE = "stadstrends_signal_years"


def build_signals(con: duckdb.DuckDBPyConnection, config: OpgavenConfig | None = None,
                  settings: BuildSettings | None = None, beside: Sequence[Step] = (),
                  before_scoring: Sequence[Step] = ()) -> dict[str, int]:
    """Create ``opgaven``, ``signals``, ``opgave_summary``, ``kies_richting`` (with
    ``withheld_labels``, :mod:`.withheld`) and the rounding table ``coarse_positions``
    (made after the setup; ``coarse_counts`` too where the chains did not make it).

    After the shared steps (positions in the years that matter, in the in-memory database
    :data:`SHARED`), ``kies_richting`` is made on a second cursor while this one scores and
    ranks the signals: two statements at once keep both cores busy. The signals' rows and
    the sums per opgave follow once ``kies_richting`` is done (:func:`_side_by_side`). When
    the two together run out of DuckDB's memory limit, they run again one after the other
    (as the analysis chains do). ``beside``: steps of the analysis stage that read none of
    these tables (``opgave_summary`` reads theirs), run on the second cursor while the rows
    are written; ``before_scoring``: steps that finish tables only the scoring reads (the gap
    trends' rounding verdicts), run first on this cursor; the row counts of both returned.
    The shared steps are removed afterwards, also after an error; an error of this cursor
    stops the other one."""
    settings = settings or default_settings()
    store_opgaven(con, config or load_opgaven())
    values = values_relation(con)
    # Kies richting and the labels its near-cut rule and its rule of a small municipality's
    # sample figure withheld (from one table of its labelled positions), on Kies richting's
    # cursor; the sample figures (survey_estimates is made later) before it
    kies_sql = (f"{survey_view(con, settings.survey_small_base)};\n"
                f"{kies_statements(con, settings, values)}")
    con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {SHARED}")
    ensure_coarse_trends(con)  # a warehouse whose chains did not make it: none
    try:
        con.execute(_VIEWS_SQL)
        con.execute(";\n".join(kies_views(con, settings.small_base)))  # cut members, rounding
        con.execute(CASE_BASES_ONCE)  # one case's step, made once
        con.execute(_SETUP_SQL.format(
            mad=MAD_SCALE, years=YEARS_VARIABLE, stale_after=settings.stale_after_years,
            divide_min_gaps=settings.divide_min_gaps, divide_min_share=settings.divide_min_share,
            values=values))
        build_coarse_positions(con, settings)  # read by signals, kies_richting
        con.execute(CASE_POSITIONS_SQL)  # read by the report's position sentence
        ensure_gap_spreads(con)  # a warehouse whose chains did not make it
        try:
            counts = _side_by_side(con, kies_sql, settings, beside, before_scoring)
        except duckdb.OutOfMemoryException:
            counts = run_steps(con, [*before_scoring, *beside])
            _rank_and_sum(con, settings)
            con.execute(kies_sql)
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # the error that stopped us goes first
            _remove_steps(con)
        raise
    _remove_steps(con)
    tables = ("opgaven", "signals", "opgave_summary", "kies_richting", "coarse_counts",
              "coarse_positions", "withheld_labels")
    return {**counts, **{t: row_count(con, t) for t in tables}}


def run_steps(con: duckdb.DuckDBPyConnection, steps: Sequence[Step]) -> dict[str, int]:
    """Run ``steps`` one after the other on ``con``; their row counts together."""
    counts: dict[str, int] = {}
    for step in steps:
        counts.update(step(con))
    return counts


def _side_by_side(con: duckdb.DuckDBPyConnection, kies_sql: str, settings: BuildSettings,
                  beside: Sequence[Step], before_scoring: Sequence[Step] = ()
                  ) -> dict[str, int]:
    """``kies_richting`` on a second cursor while ``con`` scores and ranks the signals; the
    signals' rows are written once ``kies_richting`` is done: writing them holds their
    300 000 wide rows in memory, which beside ``kies_richting`` set the build's peak. While
    they are written, the second cursor makes the sums per opgave that do not read them
    (:func:`_summary_parts`) and runs the ``beside`` steps; ``opgave_summary`` follows
    both. The first error raised (this cursor's before the other's), the other cursor
    interrupted; after an error of ``kies_richting`` no rows are written."""
    with con.cursor() as other, ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="kies-richting") as pool:
        other.execute(_VIEWS_SQL)
        other.execute(";\n".join(kies_views(other, settings.small_base)))
        other.execute(CASE_BASES_ONCE.split(";\n")[1])  # the table made once
        work = submit(pool, other.execute, kies_sql)
        try:
            first = run_steps(con, before_scoring)
            _rank(con, settings)
            wait([work])
            work.result()  # its error, before anything is written
            release_cached_blocks(con)
            work = submit(pool, run_steps, other, [_summary_parts, *beside])
            _rows(con)
            wait([work])
            counts = {**first, **work.result()}
            con.execute(SUMMARY_SQL)
        except BaseException:
            interrupt_until_done([other], [work])  # each of the steps' statements
            raise
    return counts


def _remove_steps(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DETACH DATABASE IF EXISTS {SHARED}")
    con.execute(f"RESET VARIABLE {YEARS_VARIABLE}")
    for name in ("_sig_years", "_sig_omm_latest", "_sig_pairs", "_sig_keys", "_sig_base",
                 LABELLED):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for (name,) in con.execute("SELECT view_name FROM duckdb_views() WHERE temporary "
                               "AND starts_with(view_name, '_sig_')").fetchall():  # all steps'
        con.execute(f"DROP VIEW IF EXISTS {name}")


def _rank_and_sum(con: duckdb.DuckDBPyConnection, settings: BuildSettings) -> None:
    """``signals`` (ranked) and ``opgave_summary`` from the shared steps."""
    _rank(con, settings)
    release_cached_blocks(con)
    _rows(con)
    _summary_parts(con)
    con.execute(SUMMARY_SQL)


def _summary_parts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The sums per opgave that need neither the rows nor the ``beside`` steps (a step)."""
    con.execute(PARTS_SQL)
    return {}


def _deviation_rules(settings: BuildSettings) -> dict[str, str]:
    """:data:`~.signal_rows.BASE_SQL`'s conditions that withhold a deviation from the group
    (``dev_...``) or the ommeland (``omm_...``), Kies richting's rules on the one figure it
    rests on (:mod:`.signal_kies`): on one year's figure of a coarse count, the tested trend
    going the other way or none (:func:`~.signal_kies.trend_disagrees`); a share of a small
    base that one case nearer the median or the ommeland (:func:`~.signal_kies.one_case`)
    brings to the deviation's cut, where it would no longer be one (the settings'
    ``deviation_min_z`` scales from the median and beyond the figures' rounding unit;
    ``ommeland_min`` scales from the ommeland beyond the two figures' spreads)."""
    min_z, omm_min = float(settings.deviation_min_z), float(settings.ommeland_min)
    trend = {"trend": "t.classification", "rests": "coalesce(t.rests_on_rounding, false)"}
    dev, omm = "sign(b.robust_z)::INTEGER", "sign(g.gap)::INTEGER"
    return {
        "dev_rule_joins": RULE_JOINS.format(a="b"), "omm_rule_joins": RULE_JOINS.format(a="g"),
        "dev_coarse_year": trend_disagrees(dev, **trend),
        "dev_one_case": one_case(
            dev, f"b.median + {dev} * greatest({min_z} * b.scale, "
                 f"coalesce({TOL}, 0))", value="b.value", base="sb.case_base",
            unit="sb.case_unit"),
        "omm_coarse_year": trend_disagrees(omm, **trend),
        "omm_one_case": one_case(
            omm, f"g.ommeland_value + {omm} * ({omm_min} * sc.scale + k.city_spread "
                 "+ k.ommeland_spread)", value="g.city_value", base="sb.case_base",
            unit="sb.case_unit")}


def _rank(con: duckdb.DuckDBPyConnection, settings: BuildSettings) -> None:
    """Score (``_sig_base``, the view ``_sig_scored``) and rank (``_sig_keys``) signals."""
    rules = _deviation_rules(settings)
    con.execute(BASE_SQL.format(bench_of=BENCH_COLUMNS.format(b="sc"),
                                 bench_of_b=BENCH_COLUMNS.format(b="b"),
                                 rel_fallback=REL_FALLBACK, dev_min_n=DEVIATION_MIN_N,
                                 units=UNIT_JOINS, tol=TOL,
                                 trend_min=float(settings.trend_min_strength),
                                 min_z=float(settings.deviation_min_z),
                                 omm_min=float(settings.ommeland_min), **rules))
    con.execute(RANK_SQL.format(cap=STRENGTH_CAP, w_indicative=INDICATIVE_WEIGHT,
                                w_projection=PROJECTION_WEIGHT))


def _rows(con: duckdb.DuckDBPyConnection) -> None:
    """``signal_rows`` and the view ``signals`` from the ranked steps, which are dropped
    after (the sums per opgave read the rows). Called once DuckDB has let go of the
    blocks it keeps cached from the file, to make room for the rows being written
    (:func:`~stadstrends.duck.release_cached_blocks`)."""
    con.execute(ROWS_SQL)
    con.execute("DROP VIEW _sig_scored")  # the signals' steps, before the next need memory
    con.execute("DROP TABLE _sig_keys")
    con.execute("DROP TABLE _sig_base")
