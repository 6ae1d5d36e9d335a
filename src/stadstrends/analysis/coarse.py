"""Where CBS's rounding of a count (``numerator_rounding``) is coarse next to a municipality's
own count, and where it could move the municipality past its group's p25, median or p75:
the one rule (build setting ``coarse_share``) that Kies richting, the signals and the
report's sentences read, as two warehouse tables made by :func:`build_coarse_counts` (a
step of the analysis chains) and :func:`build_coarse_positions` (after the signals' setup):

* ``coarse_counts``: region_code (gemeenten), indicator_id, year, ``unit`` (CBS's rounding
  unit), ``count`` (the rounded count), ``share`` (half the unit / the count; NULL for a
  count of 0), ``spread`` (half the unit in the indicator's own unit: unit / 2 x scale /
  denominator for a ratio, unit / 2 x scale else; NULL where a ratio's denominator is
  missing or 0; a published rate's municipality-year computed from its count,
  ``recomputed_raw``: that count and half the unit x scale / inhabitants), ``latest`` (the
  municipality's last rounded count of the indicator): every
  count whose half unit is more than ``coarse_share`` of it (a count of 0 always).
  Vlieland's jobs in 2023 (83582NED: 700, rounded to hundreds, +-7%); its net growth of 0
  dwellings (86054NED, fives: +-3,9 per 1 000 dwellings).
* ``coarse_positions``: set_id, region_code, indicator_id, year, unit, spread and ``reason``
  (``crosses_median``, ``crosses_p75``, ``crosses_p25``: the first of these the value, moved
  by ``spread`` either way, reaches): the positions of the signals' years (``_signals.bench``)
  that rounding alone could change. Schiermonnikoog's payment arrears per 1 000 in 2024
  (81064ned: 10 persons, rounded to tens): 10,3 +-5,1 passes GK1's median 5,2 and p75 7,1.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import row_count

#: the tables :data:`COUNTS_SQL` reads
COARSE_TABLES = {"numerator_rounding", "series_all", "catalogue_indicators"}

COUNTS_SQL = """
CREATE OR REPLACE TABLE coarse_counts AS
SELECT * FROM (
    SELECT s.region_code, n.indicator_id, n.year, n.unit, coalesce(r.count, s.value) AS count,
           CASE WHEN coalesce(r.count, s.value) <> 0
                THEN n.unit / 2 / abs(coalesce(r.count, s.value)) END AS share,
           n.unit / 2 * CASE WHEN r.count IS NOT NULL AND d.value > 0 THEN r.scale / d.value
                             WHEN r.count IS NOT NULL THEN NULL
                             WHEN c.method <> 'ratio' THEN c.scale
                             WHEN d.value > 0 THEN c.scale / d.value END AS spread,
           n.year = max(n.year) OVER (PARTITION BY s.region_code, n.indicator_id) AS latest
    FROM numerator_rounding n
    JOIN catalogue_indicators c USING (indicator_id)
    JOIN series_all s ON s.series_id = n.indicator_id || ':num' AND s.year = n.year
    LEFT JOIN series_all d ON d.series_id = c.denominator_series AND d.year = n.year
                          AND d.region_code = s.region_code
    LEFT JOIN {recomputed} r  -- a published rate's own municipality-year from the count
      ON r.indicator_id = n.indicator_id AND r.region_code = s.region_code AND r.year = n.year
    WHERE s.region_code LIKE 'GM%' AND s.value IS NOT NULL
      AND (c.method <> 'weighted_mean' OR r.count IS NOT NULL)
) WHERE unit / 2 > {share} * abs(count);
"""

POSITIONS_SQL = """
CREATE OR REPLACE TABLE coarse_positions AS
SELECT p.set_id, p.region_code, p.indicator_id, p.year, k.unit, k.spread,
       CASE WHEN p.median BETWEEN p.value - k.spread AND p.value + k.spread
                THEN 'crosses_median'
            WHEN p.p75 BETWEEN p.value - k.spread AND p.value + k.spread THEN 'crosses_p75'
            ELSE 'crosses_p25' END AS reason
FROM {rows} p
JOIN coarse_counts k USING (region_code, indicator_id, year)
WHERE p.median BETWEEN p.value - k.spread AND p.value + k.spread
   OR p.p75 BETWEEN p.value - k.spread AND p.value + k.spread
   OR p.p25 BETWEEN p.value - k.spread AND p.value + k.spread;
"""

#: ``recomputed_raw`` (:mod:`stadstrends.indicators.fallback`) of a warehouse without it
NO_RECOMPUTED = ("(SELECT NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS region_code, "
                 "NULL::BIGINT AS year, NULL::DOUBLE AS count, NULL::DOUBLE AS scale "
                 "WHERE false)")

#: the two tables, empty, for a warehouse without :data:`COARSE_TABLES` (a test's mini one)
EMPTY_COUNTS_SQL = """
CREATE OR REPLACE TABLE coarse_counts (region_code VARCHAR, indicator_id VARCHAR,
    year BIGINT, unit INTEGER, count DOUBLE, share DOUBLE, spread DOUBLE, latest BOOLEAN);
"""
EMPTY_POSITIONS_SQL = """
CREATE OR REPLACE TABLE coarse_positions (set_id VARCHAR, region_code VARCHAR,
    indicator_id VARCHAR, year BIGINT, unit INTEGER, spread DOUBLE, reason VARCHAR);
"""


def build_coarse_counts(con: duckdb.DuckDBPyConnection, share: float) -> dict[str, int]:
    """Create ``coarse_counts`` (empty without :data:`COARSE_TABLES`); ``share``: the build
    setting ``coarse_share``. Reads only the indicator stage's tables: a step of the
    analysis chains. Returns its row count."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    recomputed = "recomputed_raw" if "recomputed_raw" in have else NO_RECOMPUTED
    con.execute(COUNTS_SQL.format(share=repr(float(share)), recomputed=recomputed)
                if COARSE_TABLES <= have else EMPTY_COUNTS_SQL)
    return {"coarse_counts": row_count(con, "coarse_counts")}


def build_coarse_positions(con: duckdb.DuckDBPyConnection, share: float,
                           rows: str = "_signals.bench") -> None:
    """Create ``coarse_positions`` from ``coarse_counts`` (made first where it is missing:
    a warehouse whose chains did not make it, a test's mini warehouse) and ``rows``, a
    relation of positions (set_id, region_code, indicator_id, year, value, p25, median,
    p75); ``share``: the build setting ``coarse_share``."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if "coarse_counts" not in have:
        build_coarse_counts(con, share)
    con.execute(POSITIONS_SQL.format(rows=rows) if COARSE_TABLES <= have
                else EMPTY_POSITIONS_SQL)
