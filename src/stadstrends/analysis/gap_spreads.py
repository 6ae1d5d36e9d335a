"""How far CBS's rounding can move the two figures of a city-ommeland gap: the table
``gap_spreads`` made by :func:`build_gap_spreads` (a step of :func:`~.gaps.build_region_gaps`),
read by the gap trends' rounding test (:mod:`.gap_rounding`) and the signals' ommeland
deviation (:mod:`.signals`): one rule for both. One row per ``region_gaps`` row they read:
the years of every diverging, converging or crossing gap trend and every series' latest year.

``city_spread``: the city's figure lies within it (the trends' spread of the figure,
:data:`~.coarse_trends.FIGURE_SPREADS`, made once for both: its count's, ``rounded_counts``,
or half the unit CBS publishes the figure in, :data:`~.coarse_trends.PUBLISHED_UNITS`, the
larger; infinite where unknown: a ratio whose denominator is missing or within its rounding
of 0). ``ommeland_spread``: the ommeland's figure within the largest of half that published
unit (a weighted mean of the members' rounded means) plus what their rounded bases move it
(to first order, ``denominator_rounding``), its own rounding where it is derived from CBS's
COROP figure (``ommeland.ommeland_rounding``) and, for a ratio of rounded counts, the other
members' counts each off by half CBS's unit: their parts (one a member, more for a merged
one: ``series_parts``) x unit / 2 x scale / the ommeland's denominator (infinite where that
is not positive; not for a ratio derived from CBS's COROP figure, whose own rounding counts
the COROP's and the city's rounded parts, :mod:`.ommeland_cbs`). 0 where nothing is rounded.
Zaanstad's low-income share 2023: 8% against 6% in its ommeland (Wormerland, CR22), both
in whole percents: +-0,5 each; Oss's gas use per dwelling 2023 (CBS's unit 10 m³): 940 +-5
against 919,5 +-5 m³."""

from __future__ import annotations

import duckdb

from stadstrends.analysis.coarse_trends import figure_spreads
from stadstrends.analysis.trends import row_count, values_relation

#: the tables :data:`GAP_SPREADS_SQL` reads besides ``region_gaps``
TABLES = {"rounded_counts", "numerator_rounding", "denominator_rounding", "catalogue_indicators",
          "series_all", "series_parts", "region_sets", "region_gap_trends"}

#: Every ``region_gaps`` row's ``city_spread`` and ``ommeland_spread`` (see the module)
GAP_SPREADS_SQL = """
CREATE OR REPLACE TABLE gap_spreads AS
WITH latest AS (  -- grouped, not a window over the rows (0.2 s of CPU)
    SELECT region_code, indicator_id, max(year) AS year FROM region_gaps GROUP BY ALL
),
g AS MATERIALIZED (  -- the rows read: the years of every growing, shrinking or crossing
    -- gap trend (gap_rounding) and every series' latest year (the ommeland deviation)
    SELECT g.* FROM region_gaps g
    LEFT JOIN region_gap_trends t ON t.region_code = g.region_code
     AND t.indicator_id = g.indicator_id AND g.year BETWEEN t.first_year AND t.last_year
     AND t.classification IN ('diverging', 'converging', 'crossing')
    LEFT JOIN latest l ON l.region_code = g.region_code AND l.indicator_id = g.indicator_id
     AND l.year = g.year
    WHERE t.region_code IS NOT NULL OR l.year IS NOT NULL
),
num AS (SELECT indicator_id, year, max(unit) AS unit FROM numerator_rounding GROUP BY ALL),
parts AS (  -- the rounded counts a COROP region's members' figures sum: one a member, more
    -- for a merged one (series_parts: Land van Cuijk's five codes until 2022)
    SELECT m.set_id AS corop_code, r.indicator_id, r.year, fsum(coalesce(p.weight, 1)) AS n
    FROM num r JOIN region_sets m ON m.set_id LIKE 'CR%'
    LEFT JOIN series_parts p ON p.series_id = r.indicator_id || ':num'
     AND p.region_code = m.region_code AND p.year = r.year
    GROUP BY ALL
),
den AS (SELECT indicator_id, year, max(unit) AS unit FROM denominator_rounding GROUP BY ALL),
bases AS (  -- a weighted mean the ommeland sums from its members: a member's base rounded
    -- by CBS (half its unit, x its parts) moves it by that x |member - ommeland| / the
    -- ommeland's base, to first order (as ommeland_rounding does for a derived one)
    SELECT g.region_code, g.indicator_id, g.year,
           fsum(d.unit / 2 * coalesce(sp.weight, 1) * abs(v.value - g.ommeland_value)) AS moved
    FROM g
    JOIN catalogue_indicators i ON i.indicator_id = g.indicator_id
     AND i.method = 'weighted_mean'
    JOIN den d ON d.indicator_id = g.indicator_id AND d.year = g.year
    JOIN region_sets m ON m.set_id = g.corop_code AND m.region_code <> g.region_code
    JOIN {values} v ON v.region_code = m.region_code AND v.indicator_id = g.indicator_id
     AND v.year = g.year
    LEFT JOIN series_parts sp ON sp.series_id = i.denominator_series
     AND sp.region_code = m.region_code AND sp.year = g.year
    WHERE g.ommeland_rounding IS NULL
    GROUP BY ALL
)
SELECT g.region_code, g.indicator_id, g.year,
       CASE WHEN k.unknown THEN 'inf'::DOUBLE ELSE coalesce(k.spread, 0) END AS city_spread,
       greatest(coalesce(g.ommeland_rounding, 0),
                coalesce(k.unit / 2, 0) + CASE WHEN b.moved IS NULL THEN 0
                     WHEN dc.value - dm.value > 0 THEN b.moved / (dc.value - dm.value)
                     ELSE 'inf'::DOUBLE END,
                CASE WHEN r.unit IS NULL OR g.ommeland_rounding IS NOT NULL THEN 0
                     WHEN dc.value - dm.value > 0
                     THEN (z.n - coalesce(cp.weight, 1)) * r.unit / 2 * i.scale
                          / (dc.value - dm.value)
                     ELSE 'inf'::DOUBLE END) AS ommeland_spread
FROM g
JOIN catalogue_indicators i ON i.indicator_id = g.indicator_id
LEFT JOIN {spreads} k ON k.region_code = g.region_code  -- the city's figure (the trends')
 AND k.indicator_id = g.indicator_id AND k.year = g.year
LEFT JOIN num r ON i.method = 'ratio' AND r.indicator_id = g.indicator_id AND r.year = g.year
LEFT JOIN parts z ON z.corop_code = g.corop_code AND z.indicator_id = g.indicator_id
 AND z.year = g.year
LEFT JOIN series_parts cp ON r.unit IS NOT NULL AND cp.series_id = g.indicator_id || ':num'
 AND cp.region_code = g.region_code AND cp.year = g.year
LEFT JOIN bases b ON b.region_code = g.region_code AND b.indicator_id = g.indicator_id
 AND b.year = g.year
LEFT JOIN series_all dc ON (r.unit IS NOT NULL OR b.moved IS NOT NULL)
 AND dc.series_id = i.denominator_series AND dc.region_code = g.corop_code AND dc.year = g.year
LEFT JOIN series_all dm ON (r.unit IS NOT NULL OR b.moved IS NOT NULL)
 AND dm.series_id = i.denominator_series AND dm.region_code = g.region_code
 AND dm.year = g.year
"""

#: ``gap_spreads`` of a warehouse without :data:`TABLES` (a test's hand-made one): every row,
#: the city's spread its figure's (``{spreads}``), the ommeland's its own rounding where derived
NO_ROUNDING_SQL = """
CREATE OR REPLACE TABLE gap_spreads AS
SELECT g.region_code, g.indicator_id, g.year,
       CASE WHEN k.unknown THEN 'inf'::DOUBLE ELSE coalesce(k.spread, 0) END AS city_spread,
       coalesce(g.ommeland_rounding, 0)::DOUBLE AS ommeland_spread
FROM region_gaps g LEFT JOIN {spreads} k USING (region_code, indicator_id, year)
"""


def build_gap_spreads(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``gap_spreads`` from ``region_gaps``, ``region_gap_trends``, the values, the
    rounding tables and the figures' spreads (:data:`~.coarse_trends.FIGURE_SPREADS`: the
    trends' rounding step's on ``con``, made here where it is missing; dropped here, their
    last reader) (see the module); returns its row count."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    spreads = figure_spreads(con)  # the trends' rounding step's, on the same connection
    con.execute(GAP_SPREADS_SQL.format(values=values_relation(con), spreads=spreads)
                if TABLES <= have else NO_ROUNDING_SQL.format(spreads=spreads))
    con.execute(f"DROP TABLE {spreads}")  # its last reader
    return {"gap_spreads": row_count(con, "gap_spreads")}


def ensure_gap_spreads(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``gap_spreads`` where it is missing (a warehouse whose chains did not make it,
    a test's hand-made one)."""
    if "gap_spreads" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}:
        build_gap_spreads(con)
