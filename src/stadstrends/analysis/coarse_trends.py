"""Whether CBS's rounding could undo a municipality's change or significant trend: two
warehouse tables made by :func:`build_rounding` (a step of the analysis chains, after the
trends; it makes ``coarse_counts`` first, :mod:`stadstrends.analysis.coarse`):

* ``coarse_changes``: region_code, indicator_id, first_year, last_year, ``first_spread``,
  ``last_spread`` (NULL: that end's figure is not rounded) and ``undoable``, per municipal
  ``trends`` row one of whose end years' counts is coarse: whether the first and last
  values, each moved by its spread (a rounded figure's, coarse or not: :data:`SPREADS_SQL`),
  could give a change of the other sign or none (the two intervals meet, their ends also
  compared as printed, with the catalogue's decimals, as ``coarse_positions`` compares
  them); an end whose spread is unknown counts as undoable. Vlieland's jobs 600 -> 700
  (+-50 each): undoable; Terschelling's thefts per 1 000 24,7 (2017) -> 6,1 +-0,5 (2024):
  not. Kerkrade's new dwellings per 1 000, 10 in 2016 and 5 in 2023 (rounded to fives):
  0,417 +-0,104 -> 0,207 +-0,103; the intervals miss each other by 0,003 (the stock grew),
  but both can print as 0,3: undoable (31 changes of the snapshot, which printed '-50%').
* ``coarse_trends``: region_code, indicator_id, first_year, last_year, ``n_rounded`` (rounded
  years in the window), ``mk_s``, ``s_worst``, ``p_worst``, ``holds`` and ``change_holds``,
  per significant municipal trend (``trends``) whose tested years hold a rounded figure
  (:data:`FIGURES_SQL`: a rounded count, coarse or not, or a figure CBS publishes rounded
  itself, :data:`PUBLISHED_UNITS`): Mann-Kendall's S at its worst for the trend over all
  values within the years' spreads (0 for a year not rounded, unbounded where unknown), its
  p-value as the trend's (the exact table where the trend's was exact, else the normal one
  with the trend's ties), and whether the trend is then still of the same sign and
  significant (the build setting ``significance``). First a bound (:data:`TESTED_SQL`:
  every pair of years whose intervals overlap counted against the trend at once); where
  the trend fails it, the exact worst case (:func:`~.worst_case.worst_s`: values cannot
  always put every such pair against it); where the trend passes it, ``s_worst`` and
  ``p_worst`` are the bound's (the exact worst is no worse). A trend that ``holds`` stands
  whatever the rounding; one that does not is not certain within it: values within the
  spreads exist that leave no significant trend of its sign (no signal, no momentum in
  Kies richting). ``change_holds``: whether the change from the first to the last year
  keeps its sign whatever the rounding (their intervals do not meet), so that only the
  trend's significance is uncertain, not the change. Differences and interval ends are
  compared at 9 decimals (0,5 - 0,4 is 0,0999... in floats: shares rounded to 0,1 % whose
  intervals touch seemed to overlap).
  Gennep's self-employed per 1 000 (86043NED, 1 000 to 1 200 rounded to hundreds) rise from
  64,4 in 2016 to 67,5 in 2023, S = +20, but -16 at worst; Bunnik's payment arrears (81064ned,
  shares CBS rounds to 0,1 %) fall from 0,5 % in 2017 to 0,3 % in 2024, S = -21, -11 at
  worst (p 0,19): 844 of the snapshot's 6 282 such trends are not certain, 13 of them not
  even in the sign of their change (871 of 6 309 and 31 before a ratio whose count CBS rounds
  to fewer than 3 values went untested, :mod:`~.trends`: Ameland's self-employed, 500 in
  every year, 138 -> 130 per 1 000 with its population); of those 871, 13 were uncertain
  only since the spreads count a merged municipality's parts and a rounded denominator, one since a
  published unit needs 80% of a year's figures, not 90% (session 34) (Altena's payment
  arrears per 1 000, 6,43 in 2017 to 4,98 in 2024, S = -24: -18 at worst with +-0,09 a year,
  -12 (p 0,18) with the three codes' +-0,28 of 2017-2019).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from stadstrends.analysis.coarse import (
    COARSE_TABLES,
    EMPTY_CHANGES_SQL,
    build_coarse_counts,
)
from stadstrends.analysis.mann_kendall import EXACT_TABLE, normal_p_sql
from stadstrends.analysis.printed_values import decimals_relation, printed
from stadstrends.analysis.trends import row_count, values_relation
from stadstrends.analysis.worst_case_worker import WorstCases
from stadstrends.settings import BuildSettings

CHANGES_SQL = """
CREATE OR REPLACE TABLE coarse_changes AS
SELECT t.region_code, t.indicator_id, t.first_year, t.last_year,
       a.spread AS first_spread, b.spread AS last_spread,
       t.first_value IS NULL OR t.last_value IS NULL
       OR coalesce(a.unknown, false) OR coalesce(b.unknown, false)
       OR round(abs(t.last_value - t.first_value)
                - coalesce(a.spread, 0) - coalesce(b.spread, 0), 9) <= 0
       OR ({first_lo} <= {last_hi} AND {last_lo} <= {first_hi}) AS undoable
FROM trends t
LEFT JOIN {spreads} a ON a.region_code = t.region_code
 AND a.indicator_id = t.indicator_id AND a.year = t.first_year
LEFT JOIN {spreads} b ON b.region_code = t.region_code
 AND b.indicator_id = t.indicator_id AND b.year = t.last_year
LEFT JOIN {decimals} d ON d.indicator_id = t.indicator_id
WHERE t.region_code LIKE 'GM%' AND EXISTS (
    SELECT 1 FROM coarse_counts k WHERE k.region_code = t.region_code
    AND k.indicator_id = t.indicator_id AND k.year IN (t.first_year, t.last_year));
"""


def changes_sql(spreads: str, decimals: str) -> str:
    """:data:`CHANGES_SQL` over the relation ``spreads`` (:data:`FIGURE_SPREADS`) with the
    interval ends also compared as printed, to the decimals of the relation ``decimals``
    (``indicator_id, decimals``: :func:`~.set_benchmarks.decimals_relation`; none: as they
    are), as the positions are (:data:`~.coarse.POSITIONS_SQL`)."""
    ends = {f"{end}_{side}": printed(
                f"(t.{end}_value {op} coalesce({alias}.spread, 0))", "d.decimals")
            for end, alias in (("first", "a"), ("last", "b"))
            for side, op in (("lo", "-"), ("hi", "+"))}
    return CHANGES_SQL.format(spreads=spreads, decimals=decimals, **ends)


#: CBS's rounding of the figures it publishes itself (catalogue methods ``level`` and
#: ``weighted_mean``: shares, means and rates CBS computes), per indicator and year: the
#: largest unit (1 000 down to 0,01) of which at least 80% of the municipalities' figures
#: are multiples, with at least 20 figures not 0 (a merged municipality's figure, a weighted
#: mean of its parts' rounded figures, need not be a multiple; it is no further off than
#: half the unit; figures in a finer unit are multiples by chance about once in ten). Bunnik's
#: payment arrears: 0,5% in 2017 to 0,3% in 2024, rounded to 0,1. At 90%, 50 indicator-years
#: were missed where such figures diluted a year: thefts per 1 000 in 2017-2018 (89%).
PUBLISHED_UNITS = """
SELECT indicator_id, year, unit FROM (
    SELECT v.indicator_id, v.year, count(*) FILTER (WHERE v.value <> 0) AS n,
           CASE {cases} END AS unit
    FROM {values} v JOIN catalogue_indicators c USING (indicator_id)
    WHERE c.method IN ('level', 'weighted_mean') AND v.region_code LIKE 'GM%'
      AND v.value IS NOT NULL AND isfinite(v.value)
    GROUP BY ALL)
WHERE n >= 20 AND unit IS NOT NULL
""".replace("{cases}", " ".join(
    f"WHEN avg((abs(v.value / {u} - round(v.value / {u})) < 1e-6)::INTEGER) >= 0.8 "
    f"THEN {u}::DOUBLE"
    for u in ("1000", "100", "10", "1", "0.1", "0.01")))

#: ``published_rounding`` (indicator_id, year, unit): :data:`PUBLISHED_UNITS` kept for the
#: report, which names CBS's unit where it is coarser than the printed one (Rozendaal's
#: regional customer potential, 30 and 40: 'afgerond op tientallen door het CBS')
PUBLISHED_SQL = ("CREATE OR REPLACE TABLE published_rounding AS SELECT * FROM ("
                 + PUBLISHED_UNITS + ") ORDER BY indicator_id, year")

#: A test's mini warehouse: no published units
NO_UNITS = ("SELECT NULL::VARCHAR AS indicator_id, NULL::BIGINT AS year, NULL::DOUBLE AS unit "
            "WHERE false")

#: ``rounded_counts`` of a warehouse without it (nor ``coarse_counts``)
NO_COUNTS = ("SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
             "NULL::BIGINT AS year, NULL::DOUBLE AS spread WHERE false")

#: Each municipal figure's spread (the larger of its count's, ``{rounded}``, and half its
#: published unit, ``{published}``), whether it is unknown and that unit (NULL: none);
#: ``{keys}``: nothing (every figure), or a semi join that keeps the figures of a relation
#: ``region_code, indicator_id, year`` (:func:`figure_spreads_sql`)
SPREADS_SQL = """
SELECT region_code, indicator_id, year, max(spread) AS spread,
       bool_or(spread IS NULL) AS unknown, max(unit) AS unit
FROM (SELECT region_code, indicator_id, year, spread, NULL::DOUBLE AS unit
      FROM ({rounded}) v {keys}
      UNION ALL
      SELECT v.region_code, v.indicator_id, v.year, u.unit / 2, u.unit
      FROM {values} v JOIN ({published}) u USING (indicator_id, year) {keys}
      WHERE v.region_code LIKE 'GM%' AND v.value IS NOT NULL)
GROUP BY ALL
"""
KEYS_SQL = ("SEMI JOIN {keys} k ON k.region_code = v.region_code "
            "AND k.indicator_id = v.indicator_id AND k.year = v.year")

#: The temporary table of :data:`SPREADS_SQL`, one rule for the trends' rounding
#: (``coarse_changes``, ``coarse_trends``) and the gaps' (:mod:`.gap_spreads`, the city's
#: figure and the published unit of the ommeland's): made once by :meth:`RoundingVerdicts.start`
#: and dropped by :func:`~.gap_spreads.build_gap_spreads` on the same connection (chain 1's
#: cursor; a temporary table is its connection's own), by :func:`figure_spreads` where missing
FIGURE_SPREADS = "_figure_spreads"

#: The tested years of every significant municipal trend with a rounded figure in them, with
#: each year's spread (half CBS's unit in the indicator's own unit, :data:`FIGURE_SPREADS`):
#: the larger of its count's (:data:`~.coarse.ROUNDED_SQL`, every rounded count) and its
#: published figure's (:data:`PUBLISHED_UNITS`); 0 for a year not rounded, inf where unknown
FIGURES_SQL = """
CREATE OR REPLACE TEMP TABLE _coarse_points AS
WITH rounded AS (FROM {spreads}),
t AS (
    SELECT t.region_code, t.indicator_id, t.first_year, t.last_year
    FROM trends t
    WHERE t.region_code LIKE 'GM%' AND t.classification IN ('rising', 'falling')
      AND EXISTS (SELECT 1 FROM rounded k WHERE k.region_code = t.region_code
                  AND k.indicator_id = t.indicator_id
                  AND k.year BETWEEN t.first_year AND t.last_year)
)
SELECT region_code, indicator_id, v.year, v.value, k.year IS NOT NULL AS rounded,
       CASE WHEN k.year IS NULL THEN 0.0 WHEN k.unknown THEN 'inf'::DOUBLE
            ELSE k.spread END AS spread
FROM t JOIN {values} v USING (region_code, indicator_id)  -- trends.RESULTS: 0.15 -> 0.09 s
LEFT JOIN rounded k USING (region_code, indicator_id, year)
WHERE v.year BETWEEN t.first_year AND t.last_year AND v.value IS NOT NULL
  AND isfinite(v.value)
"""

#: Per trend of ``_coarse_points``: the bound of its S at worst (each pair of years against
#: the trend where their intervals overlap, a tie where they just meet), its ties' variance
#: term, its count of rounded years and whether its change keeps its sign whatever the
#: rounding (``change_holds``: the first and last years' intervals do not meet)
TESTED_SQL = """
CREATE OR REPLACE TEMP TABLE _coarse_tested AS
WITH t AS (
    SELECT t.region_code, t.indicator_id, t.first_year, t.last_year, t.n_points,
           sign(t.mk_s)::INTEGER AS dir, t.mk_s, t.mk_p_method
    FROM trends t SEMI JOIN _coarse_points USING (region_code, indicator_id)
    WHERE t.region_code LIKE 'GM%' AND t.classification IN ('rising', 'falling')
),
worst AS (
    SELECT region_code, indicator_id,
           sum(t.dir * sign(round(t.dir * (b.value - a.value) - (a.spread + b.spread), 9)))
               ::INTEGER AS s_worst  -- at 9 decimals: 0,5 - 0,4 is 0,0999... in floats
    FROM _coarse_points a JOIN _coarse_points b USING (region_code, indicator_id)
    JOIN t USING (region_code, indicator_id)
    WHERE a.year < b.year GROUP BY ALL
),
ties AS (
    SELECT region_code, indicator_id, sum(g * (g - 1) * (2 * g + 5)) AS tie_var,
           sum(n_rounded)::INTEGER AS n_rounded
    FROM (SELECT region_code, indicator_id, value, count(*) AS g,
                 count(*) FILTER (WHERE rounded) AS n_rounded
          FROM _coarse_points GROUP BY ALL)
    GROUP BY ALL
)
SELECT t.*, w.s_worst, i.n_rounded,
       (t.n_points * (t.n_points - 1) * (2 * t.n_points + 5) - i.tie_var) / 18.0 AS var_s,
       coalesce(round(t.dir * (l.value - f.value) - (f.spread + l.spread), 9) > 0, false)
           AS change_holds
FROM t JOIN worst w USING (region_code, indicator_id)
JOIN ties i USING (region_code, indicator_id)
LEFT JOIN _coarse_points f ON f.region_code = t.region_code
 AND f.indicator_id = t.indicator_id AND f.year = t.first_year
LEFT JOIN _coarse_points l ON l.region_code = t.region_code
 AND l.indicator_id = t.indicator_id AND l.year = t.last_year
"""

#: The p-value of S at worst of every row of a table of tested trends (``{tested}``:
#: ``s_worst``, ``var_s``, the number of years ``{n}``), as ``p_worst``: the exact table where
#: ``{exact}`` (the trend's own p was exact), else the normal one; 1 where S at worst is 0
#: (or its variance not positive). The trends' (``_coarse_tested``) and the gaps'
#: (:mod:`.gap_rounding`): :func:`p_worst_sql`
P_WORST_SQL = """
SELECT c.*, coalesce(e.p_two_sided, CASE WHEN c.s_worst = 0 OR c.var_s <= 0 THEN 1.0
             ELSE {normal} END) AS p_worst
FROM (SELECT *, (s_worst - sign(s_worst)) / sqrt(greatest(var_s, 1e-12)) AS z
      FROM {tested}) c
LEFT JOIN {exact_table} e ON {exact} AND e.n = c.{n} AND e.s = c.s_worst
"""

#: The verdict at S at worst (``_coarse_tested``): its p-value and whether the trend holds
VERDICTS_SQL = """
SELECT region_code, indicator_id, first_year, last_year, n_rounded, mk_s, s_worst, p_worst,
       sign(s_worst) = dir AND p_worst < {alpha} AS holds, change_holds
FROM ({p_worst})
"""

#: the points of the trends that fail the bound, for the exact worst case
FAILING_SQL = """
SELECT region_code, indicator_id, any_value(f.dir) AS dir,
       list(p.value ORDER BY p.year) AS vals, list(p.spread ORDER BY p.year) AS spreads
FROM ({verdicts}) v JOIN _coarse_tested f USING (region_code, indicator_id)
JOIN _coarse_points p USING (region_code, indicator_id)
WHERE NOT v.holds GROUP BY ALL
"""

#: the exact worst cases set into a table of tested trends (``{tested}``; also the gaps')
EXACT_SQL = """
UPDATE {tested} c SET s_worst = e.s
FROM (SELECT unnest($codes) AS region_code, unnest($ids) AS indicator_id, unnest($s) AS s) e
WHERE c.region_code = e.region_code AND c.indicator_id = e.indicator_id
"""


def apply_worst_cases(con: duckdb.DuckDBPyConnection, tested: str, failing: list[tuple],
                      answer: Callable[[], list[int]] | None) -> None:
    """Set ``s_worst`` of the rows of ``tested`` that failed the bound (``failing``: region
    code and indicator id first) to their exact worst case, once ``answer`` (a
    :meth:`~.worst_case_worker.WorstCases.search`'s; None: nothing failed) gives them."""
    if answer is not None:
        con.execute(EXACT_SQL.format(tested=tested), {
            "codes": [r[0] for r in failing], "ids": [r[1] for r in failing], "s": answer()})


def p_worst_sql(tested: str, exact: str, n: str) -> str:
    """:data:`P_WORST_SQL` of the table ``tested``: the exact table where the condition
    ``exact`` holds (of its row ``c``), with ``n`` its column of the number of years."""
    return P_WORST_SQL.format(tested=tested, exact=exact, n=n, exact_table=EXACT_TABLE,
                              normal=normal_p_sql("z"))


class RoundingVerdicts:
    """The analysis chains' rounding step in two parts on one connection (the temporary
    tables are its own): :meth:`start` makes ``rounded_counts``, ``coarse_counts`` (the build
    setting ``coarse_share``), every figure's spread (:data:`FIGURE_SPREADS`, left for the
    gaps' :func:`~.gap_spreads.build_gap_spreads` on the same connection, which drops it),
    ``coarse_changes`` and the bound of every trend's S at worst, and starts the exact worst
    cases of the trends that fail it in a thread (Python, 0.3-0.45 s for ~1 000 trends on
    one core); :meth:`finish` waits for them and makes ``coarse_trends`` (``significance``).
    Between the two the chain runs statements that do not read ``coarse_trends`` (DuckDB
    lets go of the GIL while they run), instead of waiting for the worst cases."""

    def __init__(self, settings: BuildSettings, searches: WorstCases | None = None) -> None:
        self._settings = settings
        self._searches = searches or WorstCases()  # not started: in a thread
        self._pending: tuple[str, list[tuple], Callable[[], list[int]] | None] | None = None

    def start(self, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        """Everything up to the worst cases; returns the row counts made so far. A
        warehouse without the tables it reads gets empty ones (its counts at
        :meth:`finish`)."""
        counts = build_coarse_counts(con, self._settings.coarse_share)
        have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        if not {"trends", "indicator_values", "coarse_counts", EXACT_TABLE} <= have:
            con.execute(EMPTY_CHANGES_SQL)
            con.execute(f"DROP TABLE IF EXISTS {FIGURE_SPREADS}")  # none of an earlier build
            self._pending = None
            return counts
        con.execute(PUBLISHED_SQL.format(values=values_relation(con)))  # the report's words
        build_figure_spreads(con)  # the gaps' too (gap_spreads reads it later on ``con``)
        con.execute(changes_sql(FIGURE_SPREADS, decimals_relation(con)))
        con.execute(FIGURES_SQL.format(values=values_relation(con), spreads=FIGURE_SPREADS))
        con.execute(TESTED_SQL)
        verdicts = VERDICTS_SQL.format(
            p_worst=p_worst_sql("_coarse_tested", "c.mk_p_method = 'exact'", "n_points"),
            alpha=repr(float(self._settings.significance)))
        failing = con.execute(FAILING_SQL.format(verdicts=verdicts)).fetchall()
        work = None
        if failing:
            work = self._searches.search("points", failing)
        self._pending = (verdicts, failing, work)
        return counts

    def finish(self, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        """``coarse_trends`` from the worst cases :meth:`start` began (their error, if any,
        raised here); returns the row counts of ``coarse_changes`` and ``coarse_trends``."""
        if self._pending is None:
            return {t: 0 for t in ("coarse_changes", "coarse_trends")}
        verdicts, failing, work = self._pending
        self._pending = None
        apply_worst_cases(con, "_coarse_tested", failing, work)
        con.execute(f"CREATE OR REPLACE TABLE coarse_trends AS {verdicts} "
                    "ORDER BY region_code, indicator_id")
        con.execute("DROP TABLE _coarse_tested; DROP TABLE _coarse_points")
        return {t: row_count(con, t) for t in ("coarse_changes", "coarse_trends")}


def build_rounding(con: duckdb.DuckDBPyConnection, settings: BuildSettings) -> dict[str, int]:
    """The rounding step in one go (:class:`RoundingVerdicts`): ``rounded_counts``,
    ``coarse_counts``, ``coarse_changes`` and ``coarse_trends``; :data:`FIGURE_SPREADS`
    dropped (the gaps, if any, make it again). Returns the row counts."""
    step = RoundingVerdicts(settings)
    counts = {**step.start(con), **step.finish(con)}
    con.execute(f"DROP TABLE IF EXISTS {FIGURE_SPREADS}")
    return counts


def build_figure_spreads(con: duckdb.DuckDBPyConnection) -> None:
    """Create :data:`FIGURE_SPREADS` on ``con`` (:func:`figure_spreads_sql`)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {FIGURE_SPREADS} AS " + figure_spreads_sql(con))


def figure_spreads_sql(con: duckdb.DuckDBPyConnection, keys: str | None = None) -> str:
    """:data:`SPREADS_SQL` (``region_code, indicator_id, year, spread, unknown, unit``) from
    every rounded count (``rounded_counts``, else ``coarse_counts``, else none) and every
    figure CBS publishes rounded (:data:`PUBLISHED_UNITS`; none without
    :data:`~.coarse.COARSE_TABLES` and the values: a test's mini warehouse), those units read
    from ``published_rounding`` where the rounding step made it: the one rule of a figure's
    spread, for a table (:func:`build_figure_spreads`) or a query (Kies richting's). ``keys``:
    a relation ``region_code, indicator_id, year`` (a CTE of the query): only its figures'
    spreads, the same as in the whole table (a figure's spread is grouped from its own rows
    only), without grouping the others."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    values = values_relation(con)
    counts = next((t for t in ("rounded_counts", "coarse_counts") if t in have), None)
    published = NO_UNITS
    if COARSE_TABLES | {"indicator_values"} <= have:
        published = ("SELECT indicator_id, year, unit FROM published_rounding"
                     if "published_rounding" in have else PUBLISHED_UNITS.format(values=values))
    return SPREADS_SQL.format(
        rounded=f"SELECT region_code, indicator_id, year, spread FROM {counts}" if counts
        else NO_COUNTS, values=values, published=published,
        keys="" if keys is None else KEYS_SQL.format(keys=keys))


def has_figure_spreads(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``con`` holds :data:`FIGURE_SPREADS` (a temporary table: its own)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary "
                            "AND table_name = ?", [FIGURE_SPREADS]).fetchone()[0])


def figure_spreads(con: duckdb.DuckDBPyConnection) -> str:
    """:data:`FIGURE_SPREADS`, made on ``con`` where :meth:`RoundingVerdicts.start` did not (a
    connection of its own, a test's warehouse); the reader that ends its use drops it."""
    if not has_figure_spreads(con):
        build_figure_spreads(con)
    return FIGURE_SPREADS
