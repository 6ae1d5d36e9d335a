"""A comparison group's median, p25 or p75 of 0 that rests on counts CBS rounded to 0.

``build_benchmark_zeros(con)`` reads ``set_distributions``, ``set_positions``,
``peer_benchmarks``, ``outsider_benchmarks``, ``comparison_group_members``, the values and
``rounded_counts`` and creates ``benchmark_zeros``: ``set_id, region_code, indicator_id,
year, median_zeros, p25_zeros, p75_zeros``, one row per row of the view ``group_benchmarks``
(a municipality in or beside a group, an indicator, a year) whose median, p25 or p75 is such
a 0; each column says of how many
members' counts CBS rounded to 0 the figure is computed (1 or 2), NULL where it is no such
figure.

A quantile is interpolated between the members at two places of the group's sorted figures
(``quantile_cont``: place h = (n - 1) x q, between floor(h) and ceil(h); a median of an odd
group is its middle member's figure, of an even group the mean of the two middle ones). A 0
there rests on rounding where the member at ceil(h) has a count CBS rounded to 0 (less than
half CBS's unit, not none: ``rounded_counts``), the members of equal figures ordered with
those first whose 0 is a real one: with exact counts the figure could be more than 0. The
column counts such members among the one or two it is interpolated between: 'berekend uit
een op 0 afgerond aantal' (one, an odd group's median) or '... op 0 afgeronde aantallen'.
The snapshot has 38 medians of 0 of a (shared group, indicator, year); 37 rest on such
counts: 34 of the demolitions per 1 000 dwellings, whose counts CBS rounds to fives, 3 of
the net growth of dwellings (a balance whose middle member's net count CBS rounded to 0).
A 0 on members' figures CBS does not round is no such figure: the net international
migration of the COROP region IJmond in 2017 (-0,3 -0,03 0 0,03 1,0 per 1 000). No group
there has both a real 0 and one on a rounded count among its figures of 0, so the order of
the two kinds does not decide a mark in it. (A balance's 0 rounded by CBS may be below 0 as
well as above; the mark says only that the figure may not be exactly 0.)
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import row_count, values_relation

#: The members of each distribution with a quantile of 0 (``k``: its key), their figure and
#: whether it is on a count CBS rounded to 0 (``rz``), of the shared groups and the PEERS
#: groups (one per municipality: its latest year of each indicator)
MEMBERS_SQL = """
d AS (
    SELECT distribution_no::VARCHAR AS k, distribution_no AS dno, set_id, NULL::VARCHAR AS focal,
           indicator_id, year, n, median, p25, p75
    FROM set_distributions WHERE median = 0 OR p25 = 0 OR p75 = 0
    UNION ALL
    SELECT set_id || ' ' || region_code || ' ' || indicator_id, NULL, set_id, region_code,
           indicator_id, year, n, median, p25, p75
    FROM peer_benchmarks WHERE median = 0 OR p25 = 0 OR p75 = 0
),
members AS (
    SELECT d.k, p.region_code FROM d JOIN set_positions p ON p.distribution_no = d.dno
    UNION ALL
    SELECT d.k, m.region_code FROM d
    JOIN comparison_group_members m ON m.set_id = d.set_id AND m.focal_code = d.focal
),
ordered AS (
    SELECT mb.k, row_number() OVER (
               PARTITION BY mb.k ORDER BY v.value, r.region_code IS NOT NULL) - 1 AS place,
           r.region_code IS NOT NULL AS rz
    FROM members mb JOIN d USING (k)
    JOIN {values} v ON v.region_code = mb.region_code AND v.indicator_id = d.indicator_id
     AND v.year = d.year
    LEFT JOIN (SELECT * FROM rounded_counts WHERE count = 0) r
      ON r.region_code = mb.region_code AND r.indicator_id = d.indicator_id AND r.year = d.year
),
places AS (
    SELECT k, q, floor((n - 1) * f)::BIGINT AS lo, ceil((n - 1) * f)::BIGINT AS hi
    FROM d, (VALUES ('median', 0.5), ('p25', 0.25), ('p75', 0.75)) t(q, f)
    WHERE CASE q WHEN 'median' THEN median WHEN 'p25' THEN p25 ELSE p75 END = 0
),
zeros AS (
    SELECT p.k, p.q, count(*) FILTER (WHERE o.rz) AS n
    FROM places p JOIN ordered o ON o.k = p.k AND o.place IN (p.lo, p.hi)
    GROUP BY ALL
    HAVING bool_or(o.rz AND o.place = p.hi)
),
per_k AS (
    SELECT k, max(n) FILTER (WHERE q = 'median')::INTEGER AS median_zeros,
           max(n) FILTER (WHERE q = 'p25')::INTEGER AS p25_zeros,
           max(n) FILTER (WHERE q = 'p75')::INTEGER AS p75_zeros
    FROM zeros GROUP BY k
)"""

BENCHMARK_ZEROS_SQL = """
CREATE OR REPLACE TABLE benchmark_zeros AS
WITH {members},
rows AS (  -- the group's members, its outsiders (outsider_benchmarks), a PEERS group's focal
    SELECT m.k, m.region_code FROM members m JOIN d USING (k) WHERE d.focal IS NULL
    UNION ALL
    SELECT d.k, o.region_code FROM d JOIN outsider_benchmarks o ON d.focal IS NULL
       AND o.set_id = d.set_id AND o.indicator_id = d.indicator_id AND o.year = d.year
    UNION ALL
    SELECT k, focal FROM d WHERE focal IS NOT NULL
)
SELECT d.set_id, r.region_code, d.indicator_id, d.year::INTEGER AS year,
       z.median_zeros, z.p25_zeros, z.p75_zeros
FROM per_k z JOIN d USING (k) JOIN rows r USING (k)
"""

EMPTY_SQL = """
CREATE OR REPLACE TABLE benchmark_zeros (set_id VARCHAR, region_code VARCHAR,
    indicator_id VARCHAR, year INTEGER, median_zeros INTEGER, p25_zeros INTEGER,
    p75_zeros INTEGER)
"""

#: the tables :data:`BENCHMARK_ZEROS_SQL` reads (a test's mini warehouse may lack some)
NEEDS = {"set_distributions", "set_positions", "peer_benchmarks", "outsider_benchmarks",
         "comparison_group_members", "rounded_counts"}


def build_benchmark_zeros(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``benchmark_zeros`` (see the module docstring; empty without the tables it
    reads); returns its row count."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if NEEDS <= have:
        con.execute(BENCHMARK_ZEROS_SQL.format(
            members=MEMBERS_SQL.format(values=values_relation(con))))
    else:
        con.execute(EMPTY_SQL)
    return {"benchmark_zeros": row_count(con, "benchmark_zeros")}
