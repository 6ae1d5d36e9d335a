"""The ommeland of a count or ratio from CBS's COROP figure minus the city's, where the sum
over the other members has a gap.

A COROP region of a count or ratio whose sum over its members is incomplete (a table cut at
10 000 rows in the snapshot, a suppressed cell) takes CBS's own figure in the years whose
boundaries give it today's area (``region_cbs_means``, :mod:`stadstrends.indicators.
aggregate`). :func:`derive_cbs_ommeland` fills the ommeland of its cities in those years
(``ommeland_note`` 'ommeland_incomplete' until now) from CBS's figures of one table and
year: a count as CBS's COROP count minus the city's, x scale; a ratio as (COROP numerator -
city numerator) / (COROP denominator - city denominator) x scale, only where the table
publishes both parts for the region and the city (a ratio over the population of another
table, establishments per 1 000 inhabitants, keeps its gap). The city's figure must be
CBS's own of that table and year under its own code, not recalculated to today's boundaries
(no ``series_parts`` row: summed from several codes or a part of one), so region and city
both have today's area. CBS's COROP figures equal the sum over the members where that is
complete and the area today's, up to CBS's rounding (every count and ratio table but
82538NED's deliveries, which never qualify: their denominator is another table's).
Published means, medians and percentages without parts are not derived here (a mean with
its base is: :mod:`.ommeland`). Amersfoort's one-person households of 2024 (71486ned, cut
after 'Moerdijk': Utrecht and others of CR17 have none): (255 106 - 27 485) / (641 377 -
72 682) = 40.0%; of 2018 none (Vianen joined CR17 in 2019). Hollands Kroon's grey pressure
before 2012 (the sum of its four predecessors) keeps its gap. In the snapshot: 8 289 values,
3 166 counts (projected population 2 377, households 789) and 5 123 ratios
(one-person households 2 348, 65-, 75-, 85-plus shares and grey pressure, also projected);
left out 2 708 of ratios over another table's population (establishments per 1 000 2 292,
social assistance 258, payment arrears 120, gas and electricity delivered 38) and 91 of
merged cities.

``ommeland_rounding``: CBS rounds the COROP figure and the city's each to half its unit
(``numerator_rounding``: un, ``denominator_rounding``: ud, of that table and year; 0 where
CBS does not round it), so
the difference of a count is off by at most un x scale, a ratio n / d by at most
(un + |n| / d x ud) x scale / (d - ud) (as ``rounded_counts`` bounds a ratio; no ommeland
where d <= ud). 0 for unrounded counts still marks the value as derived from CBS's figure.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import NOTE_MISSING

#: the cells' parts, a temporary table: with its real row count DuckDB builds the semi join of
#: series_raw on these ~23 000 keys; in one statement its estimate of them (joins of joins)
#: was larger than series_raw's, so it built a hash table of series_raw's 753 000 rows and
#: probed it with the keys (the two statements 0.255 -> 0.144 s of CPU, medians of 7
#: alternated on one DuckDB thread; the same rows)
KEYS_SQL = """
CREATE OR REPLACE TEMP TABLE _ommeland_keys AS
WITH cells AS (  -- the cities of a COROP region whose count or ratio is CBS's figure, with
    -- no ommeland as a member lacks a figure
    SELECT o.region_code, o.indicator_id, o.year, o.corop_code, c.scale, c.method,
           c.denominator_series
    FROM ommeland o
    JOIN region_cbs_means m ON m.indicator_id = o.indicator_id
     AND m.region_code = o.corop_code AND m.year = o.year
    JOIN catalogue_indicators c ON c.indicator_id = o.indicator_id
    WHERE o.ommeland_value IS NULL AND o.ommeland_note = '{missing}'
      AND c.method IN ('count', 'ratio') AND m.member_num IS NULL
)  -- each cell's parts: its numerator and denominator series
SELECT c.*, s.series_id, s.num
FROM cells c
JOIN (SELECT indicator_id, indicator_id || ':num' AS series_id, TRUE AS num
      FROM catalogue_indicators
      UNION ALL SELECT indicator_id, denominator_series, FALSE FROM catalogue_indicators
      WHERE denominator_series IS NOT NULL) s USING (indicator_id)
"""

DERIVED_SQL = """
CREATE OR REPLACE TEMP TABLE _ommeland_cbs AS
WITH keys AS (FROM _ommeland_keys),
cells AS (SELECT * EXCLUDE (series_id, num) FROM keys WHERE num),  -- one per indicator
raw AS MATERIALIZED (  -- series_raw probed with the cells' keys, in one scan (two joins of
    -- all its 772 265 rows cost 0.4 s of CPU)
    SELECT r.series_id, r.region_code, r.year, r.value, r.table_id, r.boundary_year
    FROM series_raw r
    SEMI JOIN (SELECT series_id, corop_code AS region_code, year FROM keys
               UNION SELECT series_id, region_code, year FROM keys) k
      USING (series_id, region_code, year)
    WHERE r.value IS NOT NULL
),
parts AS (  -- CBS's COROP and city figures of each part, of one table and boundary year,
    -- the city's CBS's own under its own code
    SELECT k.region_code, k.indicator_id, k.year, k.num, rc.table_id, rc.boundary_year,
           rc.value AS region_value, rm.value AS city_value
    FROM keys k
    JOIN raw rc ON rc.series_id = k.series_id AND rc.region_code = k.corop_code
     AND rc.year = k.year
    JOIN raw rm ON rm.series_id = k.series_id AND rm.region_code = k.region_code
     AND rm.year = k.year AND rm.table_id = rc.table_id AND rm.boundary_year = rc.boundary_year
    ANTI JOIN series_parts p ON p.series_id = k.series_id AND p.region_code = k.region_code
     AND p.year = k.year
),
pairs AS (
    SELECT c.region_code, c.indicator_id, c.year, c.scale, c.method,
           max(p.region_value - p.city_value) FILTER (WHERE p.num) AS n,
           max(p.region_value - p.city_value) FILTER (WHERE NOT p.num) AS d,
           count(*) FILTER (WHERE p.num) AS n_num, count(*) FILTER (WHERE NOT p.num) AS n_den,
           count(DISTINCT (p.table_id, p.boundary_year)) AS n_tables,
           any_value(p.table_id) AS table_id
    FROM cells c JOIN parts p USING (region_code, indicator_id, year)
    GROUP BY ALL
),
units AS (
    SELECT p.*, coalesce(nr.unit, 0) AS un, coalesce(dr.unit, 0) AS ud
    FROM pairs p
    LEFT JOIN (SELECT indicator_id, year, table_id, max(unit) AS unit FROM numerator_rounding
               GROUP BY ALL) nr USING (indicator_id, year, table_id)
    LEFT JOIN (SELECT indicator_id, year, table_id, max(unit) AS unit
               FROM denominator_rounding GROUP BY ALL) dr USING (indicator_id, year, table_id)
    WHERE n_num = 1 AND n_tables = 1
      AND (method = 'count' OR (n_den = 1 AND d > ud))
)
SELECT region_code, indicator_id, year,
       CASE WHEN method = 'count' THEN n * scale ELSE n / d * scale END AS ommeland_value,
       CASE WHEN method = 'count' THEN un * scale
            ELSE (un + abs(n) / d * ud) * scale / (d - ud) END AS ommeland_rounding
FROM units
"""

SET_SQL = """
UPDATE ommeland o SET ommeland_value = d.ommeland_value, ommeland_note = NULL,
       ommeland_rounding = d.ommeland_rounding
FROM _ommeland_cbs d
WHERE o.region_code = d.region_code AND o.indicator_id = d.indicator_id AND o.year = d.year;
DROP TABLE _ommeland_cbs;
DROP TABLE _ommeland_keys;
"""

#: the tables :data:`DERIVED_SQL` reads besides ``ommeland``
TABLES = ("region_cbs_means", "catalogue_indicators", "series_raw", "series_parts",
          "numerator_rounding", "denominator_rounding")


def derive_cbs_ommeland(con: duckdb.DuckDBPyConnection) -> int:
    """Fill the ommeland's gaps of a count or ratio from CBS's COROP figure minus the
    city's (see the module); returns how many. Nothing without :data:`TABLES`."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
            .fetchall()}
    if not set(TABLES) <= have:
        return 0
    con.execute(KEYS_SQL.format(missing=NOTE_MISSING))
    con.execute(DERIVED_SQL)
    n = con.execute("SELECT count(*) FROM _ommeland_cbs").fetchone()[0]
    con.execute(SET_SQL)
    return n
