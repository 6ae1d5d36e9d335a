"""Where CBS's rounding of a count (``numerator_rounding``) is coarse next to a municipality's
own count, and where it could move the municipality past its group's p25, median or p75:
the one rule (build setting ``coarse_share``) that Kies richting, the signals and the
report's sentences read, as warehouse tables made by :func:`build_coarse_counts` (a
step of the analysis chains, with :mod:`stadstrends.analysis.coarse_trends`) and
:func:`build_coarse_positions` (after the signals' setup):

* ``rounded_counts``: every rounded count of a municipality (:data:`ROUNDED_SQL`), the
  columns of ``coarse_counts``: the spreads of the positions here and of the trends
  (:mod:`stadstrends.analysis.coarse_trends`).
* ``coarse_counts``: region_code (gemeenten), indicator_id, year, ``unit`` (CBS's rounding
  unit), ``count`` (the rounded count), ``share`` (how far CBS's rounding can move the
  count, as a share of it: half the unit, x its parts' weight for a merged municipality's sum
  of its codes' counts, / the count; NULL for a count of 0), ``spread`` (how far CBS's
  rounding can move the figure, in the indicator's own unit: half the unit x scale (/ the
  denominator for a ratio), widened for a merged municipality's parts and a rounded
  denominator, :data:`ROUNDED_SQL`; NULL where a ratio's denominator is missing or within
  its rounding of 0; a published rate's municipality-year computed from its count,
  ``recomputed_raw``: that count's half unit x scale / inhabitants), ``latest`` (the
  municipality's last rounded count of the indicator): every count whose ``share`` is more
  than ``coarse_share`` (a count of 0 always). Land van Cuijk's payment arrears in 2022 sum
  five codes' counts rounded to tens: +-25 persons.
  Vlieland's jobs in 2023 (83582NED: 700, rounded to hundreds, +-7%); its net growth of 0
  dwellings (86054NED, fives: +-3,9 per 1 000 dwellings).
* ``coarse_positions``: set_id, region_code, indicator_id, year, unit, spread and ``reason``
  (``crosses_p75``, ``crosses_p25`` where the quarter changes, else ``crosses_median``):
  the positions of the signals' years (``_signals.bench``) that rounding alone could move
  into another quarter or half among the other members (:data:`POSITIONS_SQL`).
  Schiermonnikoog's payment arrears per 1 000 in 2024 (81064ned: 10 persons, rounded to
  tens): 10,3 +-5,1 passes GK1's median 5,2 and p75 7,1. Every rounded count counts here,
  not only the coarse ones: a position needs no large spread to sit near a cut. Bunnik's
  bijstand in 2024, 130 (+-3,8%, not coarse) of 16 108 inhabitants: 8,07 +-0,31 per 1 000,
  below its size group's p25 of 8,13 or above it.

Whether rounding could undo a trend or a change: :mod:`stadstrends.analysis.coarse_trends`.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.printed_values import (
    decimals_relation,
    printed_key,
    printed_rows_sql,
    steps_relation,
)
from stadstrends.analysis.trends import row_count, values_relation
from stadstrends.settings import BuildSettings

#: the tables :data:`COUNTS_SQL` reads
COARSE_TABLES = {"numerator_rounding", "series_all", "catalogue_indicators"}

#: Every rounded count of a municipality with its spread: ``rounded_counts``, of which
#: ``coarse_counts`` keeps the coarse ones (:data:`COUNTS_SQL`). The spread bounds the figure's
#: distance from any true value: a = the numerator's half unit x its parts' weight (a merged
#: municipality's count sums its codes' counts, each rounded on its own; a split one's part
#: is apportioned by its weight: ``series_parts``), b = the denominator's
#: (``denominator_rounding``, also x its parts' weight; 0 where CBS does not round it). A
#: count's spread is a x scale; a ratio n / d x scale lies in [(n - a) / (d + b),
#: (n + a) / (d - b)] x scale (n >= 0), whose farther end, (a + |n| b / d) x scale / (d - b)
#: from the figure, is its spread (unknown where d <= b). Altena's payment arrears per 1 000
#: in 2017, 350 persons of three codes rounded to tens (81064ned): 6,43 +-0,28 (a = 15), not
#: +-0,09; Leiden's projected grey pressure in 2040 (82220NED), 28 400 over 65 / 82 600 aged
#: 20-64, both rounded to hundreds: 34,38 +-0,081, not +-0,061. A published rate recomputed
#: from a count (``recomputed_raw``) carries that one count's rounding.
ROUNDED_SQL = """
WITH counts AS MATERIALIZED (
    SELECT s.region_code, n.indicator_id, n.year, n.unit, coalesce(r.count, s.value) AS count,
           n.unit / 2 * CASE WHEN r.count IS NULL THEN coalesce(pn.weight, 1) ELSE 1 END AS a,
           coalesce(u.unit / 2 * coalesce(pd.weight, 1), 0) AS b,
           d.value AS den, coalesce(r.scale, c.scale) AS scale,
           r.count IS NOT NULL OR c.method = 'ratio' AS divided
    FROM numerator_rounding n
    JOIN catalogue_indicators c USING (indicator_id)
    JOIN series_all s ON s.series_id = n.indicator_id || ':num' AND s.year = n.year
    LEFT JOIN series_all d ON d.series_id = c.denominator_series AND d.year = n.year
                          AND d.region_code = s.region_code
    LEFT JOIN {recomputed} r  -- a published rate's own municipality-year from the count
      ON r.indicator_id = n.indicator_id AND r.region_code = s.region_code AND r.year = n.year
    LEFT JOIN {parts} pn  -- a merged or split municipality's parts' weights (else 1)
      ON pn.series_id = s.series_id AND pn.region_code = s.region_code AND pn.year = n.year
    LEFT JOIN {parts} pd
      ON pd.series_id = c.denominator_series AND pd.region_code = s.region_code
     AND pd.year = n.year
    LEFT JOIN {den_rounding} u ON u.indicator_id = n.indicator_id AND u.year = n.year
    WHERE s.region_code LIKE 'GM%' AND s.value IS NOT NULL
      AND (c.method <> 'weighted_mean' OR r.count IS NOT NULL)
),
latest AS (  -- a series' latest year among all its counts: grouped, not a window over the
    -- 98 512 counts (0.13 -> 0.09 s of CPU, medians of 5 alternated; the same rows)
    SELECT region_code, indicator_id, max(year) AS last_year FROM counts GROUP BY ALL
)
SELECT c.region_code, c.indicator_id, c.year, c.unit, c.count,
       CASE WHEN c.count <> 0 THEN c.a / abs(c.count) END AS share,
       CASE WHEN NOT c.divided THEN c.a * c.scale
            WHEN c.den > c.b THEN (c.a + abs(c.count) * c.b / c.den) * (c.scale / (c.den - c.b))
       END AS spread,
       c.year = l.last_year AS latest
FROM counts c JOIN latest l USING (region_code, indicator_id)
"""

#: the view ``rounded_zero_cells(indicator_id, region_code, year)``: the municipal figures on a
#: count CBS rounded to 0 (kept where CBS rounds to fives: Schiermonnikoog's new dwellings of
#: 2023, 0 to 2 of 615), marked 'rounded_zero' (publish.harmonised.MARKS), not 'recomputed';
#: of the cells with a figure: ``indicator_values``' rows, which are ``indicator_results``'
#: with a value (read here from the table: the view's sources cost `show` 40-100 ms)
ZERO_CELLS_SQL = """;
CREATE OR REPLACE VIEW rounded_zero_cells AS
SELECT k.indicator_id, k.region_code, k.year FROM coarse_counts k
SEMI JOIN (SELECT indicator_id, region_code, year FROM indicator_results
           WHERE value IS NOT NULL) r USING (indicator_id, region_code, year)
WHERE k.count = 0"""
#: ``rounded_counts``: every rounded count (the trends' and positions' spreads), and
#: ``coarse_counts``: the coarse ones among them
COUNTS_SQL = ("CREATE OR REPLACE TABLE rounded_counts AS " + ROUNDED_SQL
              + "; CREATE OR REPLACE TABLE coarse_counts AS SELECT * FROM rounded_counts "
              "WHERE share IS NULL OR share > {share}" + ZERO_CELLS_SQL)

#: The positions rounding alone could move (``{rows}``: the signals' years), tested exactly:
#: the municipality's figure moved by its count's spread either way, the other members'
#: figures kept, its mid-rank percent rank among them recomputed at both ends (figures
#: compared as printed, :mod:`~.printed_values`: the catalogue's decimals, a figure
#: recalculated for today's boundaries first to its step, the moved figure by the same
#: rule; ties at the middle of their places); the position rests on rounding where the two
#: ends fall in different quarters (``{top}``, ``{bottom}``, inclusive as the positions'
#: words) or halves. A cut is no fixed
#: line beside the figure: where the figure is the cut member, the cut moves with it (Zwolle's
#: bijstand in 2024, 27,41 +-0,04 per 1 000, its city set's p75 between it and Assen's 27,40: in
#: the highest quarter whatever the rounding). Candidates: figures whose spread, plus a
#: printed unit (or the coarsest step a figure of that indicator and year is printed to),
#: reaches p25, the median or p75 (the moved figure and the member it ties
#: with as printed each round by up to half a unit: Ermelo's 3,637 +-0,091 domestic
#: violence reports per 1 000 in 2023, 0,142 from GK4's p25, ties three members at 3,5).
POSITIONS_SQL = """
CREATE OR REPLACE TABLE coarse_positions AS
WITH cand AS (
    SELECT p.set_id, p.region_code, p.indicator_id, p.year, p.value, k.unit, k.spread,
           d.decimals
    FROM {rows} p
    JOIN ({rounded}) k USING (region_code, indicator_id, year)
    LEFT JOIN {decimals} d USING (indicator_id)
    LEFT JOIN (SELECT indicator_id, year, max(step) AS step FROM {steps} GROUP BY ALL) u
      USING (indicator_id, year)  -- the coarsest a figure of theirs is printed to
    WHERE least(abs(p.value - p.p25), abs(p.value - p.median), abs(p.value - p.p75))
          <= coalesce(k.spread, 'inf'::DOUBLE)
             + greatest(coalesce(10 ^ -d.decimals, 0), coalesce(u.step, 0))
),
moved AS (  -- its figure moved, as printed (its own step where recalculated)
    SELECT c.*, {lo} AS lo, {hi} AS hi FROM cand c
    LEFT JOIN {steps} r USING (region_code, indicator_id, year)
),
members AS (  -- a shared group's members (an outsider's: all), or a PEERS group's own;
    -- two equi-joins: one join on either condition compared every pair
    SELECT m.*, g.region_code AS other_code FROM moved m
    JOIN comparison_group_members g ON g.set_id = m.set_id AND g.focal_code IS NULL
    UNION ALL
    SELECT m.*, g.region_code FROM moved m
    JOIN comparison_group_members g ON g.set_id = m.set_id AND g.focal_code = m.region_code
),
shown AS (  -- the figures of the candidates' indicators and years as printed, each once
    -- (printed per member pair, 613 000 times: this statement 0.29-0.30 -> 0.14-0.16 s of
    -- CPU, one DuckDB thread on a warehouse copy, 2 x 2 alternated; the same rows)
    SELECT v.region_code, v.indicator_id, v.year, v.printed
    FROM ({printed_values}) v  -- CAND_VALUES
    WHERE v.value IS NOT NULL AND isfinite(v.value)
),
others AS (  -- the other members' figures as printed
    SELECT m.set_id, m.region_code, m.indicator_id, m.year, m.lo, m.hi, m.unit, m.spread,
           count(*) AS n_other,
           count(*) FILTER (WHERE v.printed < m.lo) AS below_lo,
           count(*) FILTER (WHERE v.printed = m.lo) AS tied_lo,
           count(*) FILTER (WHERE v.printed < m.hi) AS below_hi,
           count(*) FILTER (WHERE v.printed = m.hi) AS tied_hi
    FROM members m
    JOIN shown v ON v.region_code = m.other_code AND v.indicator_id = m.indicator_id
     AND v.year = m.year
    WHERE m.other_code <> m.region_code
    GROUP BY ALL
),
pcts AS (
    SELECT *, 100.0 * (below_lo + tied_lo / 2) / n_other AS pct_lo,
           100.0 * (below_hi + tied_hi / 2) / n_other AS pct_hi
    FROM others WHERE n_other > 0
),
places AS (
    SELECT *,
           CASE WHEN pct_lo >= {top} THEN 3 WHEN pct_lo <= {bottom} THEN 0 ELSE 1 END AS q_lo,
           CASE WHEN pct_hi >= {top} THEN 3 WHEN pct_hi <= {bottom} THEN 0 ELSE 1 END AS q_hi
    FROM pcts
)
SELECT set_id, region_code, indicator_id, year, unit, spread,
       CASE WHEN q_lo <> q_hi AND (q_lo = 3 OR q_hi = 3) THEN 'crosses_p75'
            WHEN q_lo <> q_hi THEN 'crosses_p25'
            ELSE 'crosses_median' END AS reason
FROM places
WHERE q_lo <> q_hi OR sign(pct_lo - 50) <> sign(pct_hi - 50);
"""

#: the values of the candidates' indicators and years (:data:`POSITIONS_SQL`'s ``cand``)
CAND_VALUES = ("(SELECT w.* FROM {values} w SEMI JOIN (SELECT DISTINCT indicator_id, year "
               "FROM cand) c USING (indicator_id, year))")

#: ``recomputed_raw`` (:mod:`stadstrends.indicators.fallback`) of a warehouse without it
NO_RECOMPUTED = ("(SELECT NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS region_code, "
                 "NULL::BIGINT AS year, NULL::DOUBLE AS count, NULL::DOUBLE AS scale "
                 "WHERE false)")

#: the tables, empty, for a warehouse without :data:`COARSE_TABLES` (a test's mini one)
EMPTY_COUNTS_SQL = """
CREATE OR REPLACE TABLE coarse_counts (region_code VARCHAR, indicator_id VARCHAR,
    year BIGINT, unit INTEGER, count DOUBLE, share DOUBLE, spread DOUBLE, latest BOOLEAN);
CREATE OR REPLACE TABLE rounded_counts AS SELECT * FROM coarse_counts;
CREATE OR REPLACE VIEW rounded_zero_cells AS
SELECT indicator_id, region_code, year FROM coarse_counts WHERE count = 0;
"""
#: ``coarse_changes`` and ``coarse_trends`` (:mod:`~.coarse_trends`), empty
EMPTY_CHANGES_SQL = """
CREATE OR REPLACE TABLE coarse_changes (region_code VARCHAR, indicator_id VARCHAR,
    first_year BIGINT, last_year BIGINT, first_spread DOUBLE, last_spread DOUBLE,
    undoable BOOLEAN);
CREATE OR REPLACE TABLE coarse_trends (region_code VARCHAR, indicator_id VARCHAR,
    first_year BIGINT, last_year BIGINT, n_rounded INTEGER, mk_s INTEGER, s_worst INTEGER,
    p_worst DOUBLE, holds BOOLEAN, change_holds BOOLEAN);
"""
EMPTY_POSITIONS_SQL = """
CREATE OR REPLACE TABLE coarse_positions (set_id VARCHAR, region_code VARCHAR,
    indicator_id VARCHAR, year BIGINT, unit INTEGER, spread DOUBLE, reason VARCHAR);
"""


#: ``series_parts`` (:mod:`stadstrends.harmonise.apply`) and ``denominator_rounding`` of a
#: warehouse without them: no parts, no rounded denominators
NO_PARTS = ("(SELECT NULL::VARCHAR AS series_id, NULL::VARCHAR AS region_code, "
            "NULL::BIGINT AS year, NULL::DOUBLE AS weight WHERE false)")
NO_DEN_ROUNDING = ("(SELECT NULL::VARCHAR AS indicator_id, NULL::BIGINT AS year, "
                   "NULL::INTEGER AS unit WHERE false)")


def _sources(have: set[str]) -> dict[str, str]:
    """:data:`ROUNDED_SQL`'s optional relations: ``recomputed_raw``, ``series_parts`` and
    ``denominator_rounding`` where the warehouse has them (``have``: its tables), else none."""
    return {"recomputed": "recomputed_raw" if "recomputed_raw" in have else NO_RECOMPUTED,
            "parts": "series_parts" if "series_parts" in have else NO_PARTS,
            "den_rounding": ("denominator_rounding" if "denominator_rounding" in have
                             else NO_DEN_ROUNDING)}


def build_coarse_counts(con: duckdb.DuckDBPyConnection, share: float) -> dict[str, int]:
    """Create ``rounded_counts`` and ``coarse_counts`` (empty without :data:`COARSE_TABLES`);
    ``share``: the build setting ``coarse_share``. Reads only the indicator stage's tables
    (``series_parts`` its harmonisation's).
    Returns their row counts."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    con.execute(COUNTS_SQL.format(share=repr(float(share)), **_sources(have))
                if COARSE_TABLES <= have else EMPTY_COUNTS_SQL)
    return {t: row_count(con, t) for t in ("rounded_counts", "coarse_counts")}


def build_coarse_positions(con: duckdb.DuckDBPyConnection, settings: BuildSettings,
                           rows: str = "_signals.bench") -> None:
    """Create ``coarse_positions`` (:data:`POSITIONS_SQL`) from ``coarse_counts`` (made
    first where it is missing: a warehouse whose chains did not make it, a test's mini
    warehouse), ``rows``, a relation of positions (set_id, region_code, indicator_id, year,
    value, p25, median, p75), ``comparison_group_members`` and the values; the build
    settings' ``coarse_share`` and the quarters' ``top_percentile``, ``bottom_percentile``."""
    top, bottom = settings.top_percentile, settings.bottom_percentile
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if "coarse_counts" not in have:
        build_coarse_counts(con, settings.coarse_share)
        have |= {"coarse_counts", "rounded_counts"}
    if not COARSE_TABLES <= have:
        con.execute(EMPTY_POSITIONS_SQL)
        return
    rounded = ("SELECT * FROM rounded_counts" if "rounded_counts" in have  # every rounded count
               else ROUNDED_SQL.format(**_sources(have)))
    values = values_relation(con)
    con.execute(POSITIONS_SQL.format(
        rows=rows, rounded=rounded, decimals=decimals_relation(con),
        steps=steps_relation(con, values),
        printed_values=printed_rows_sql(con, CAND_VALUES.format(values=values)),
        top=repr(float(top)), bottom=repr(float(bottom)),
        lo=printed_key("(c.value - c.spread)", "c.decimals", "r.step"),
        hi=printed_key("(c.value + c.spread)", "c.decimals", "r.step")))


def ensure_coarse_trends(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``coarse_changes`` and ``coarse_trends`` empty where they are missing (a
    warehouse whose chains did not make them, a test's mini warehouse): no trend rests on
    rounding there."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if not {"coarse_changes", "coarse_trends"} <= have:
        con.execute(EMPTY_CHANGES_SQL)
