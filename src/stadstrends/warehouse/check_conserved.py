"""The check that harmonisation to today's municipalities conserves every count
(:func:`counts_conserved`): per count series (the additive catalogue parts
:func:`~stadstrends.warehouse.check_counts.counts_add_up` reads) and year, the sum over today's
municipalities equals the sum of the municipal cells as filed. A crosswalk whose weights for a
former municipality do not add up to one (Weesp's inhabitants counted 0.9 times in Amsterdam),
or a former municipality left out of it, loses or doubles inhabitants: before session 45 the
population check (``municipalities_add_up``) summed today's municipalities against the
national figure and caught that; :func:`counts_add_up` sums the cells as filed and cannot.

It compares the warehouse with its own input: a wrong digit in a source cell moves both sums
alike and is :func:`counts_add_up`'s to refuse (one report, not two). The tolerance is a
float's (1e-6 of the sum): harmonisation adds weights x cells, it rounds nothing.

Which table-years, and why the others are skipped, not failed:
- only those where the filed table-year has a figure for every municipality of its
  boundaries and no other (the test of :func:`counts_add_up`): a cut table or a cell CBS
  suppressed leaves today's municipality it falls in without a figure, the sums differ by
  construction;
- only those where harmonisation left no municipality of today out (``series_all.reason``:
  suppressed_in_source, missing_in_source, predecessor_missing, no_value_for_year): a figure
  left out with its reason is no loss. A stock at 31 December after a mid-year merger whose
  ended code holds nothing (81064ned 2022: Weesp empty) is no complete table-year; one whose
  ended code holds a count (83582NED's jobs in December 2022) is checked and conserved.
  On the real snapshot no complete table-year has a municipality left out: this skips none.
On the real snapshot every complete table-year is also left whole by harmonisation: 511
series-years checked (474 table-years of 26 tables; tests/warehouse/test_check_conserved.py).
"""

from __future__ import annotations

import duckdb

from stadstrends.duck import rows_as_dicts
from stadstrends.warehouse.check_counts import PARTS_SQL

RELATIVE = 1e-6  # a float's error of a sum of weight x cell, not CBS's rounding

CONSERVED_SQL = "WITH " + PARTS_SQL + """,  -- the additive parts counts_add_up reads
picked AS (  -- one series per CBS cell
    SELECT min(series_id) AS series_id, t, any_value(measure) AS measure
    FROM parts GROUP BY t, measure
),
filed AS (  -- the municipal cells as the table-year has them
    SELECT series_id, table_id, year, count(*) AS n, count(value) AS n_values,
           sum(value) AS filed, min(boundary_year) AS boundary_year,
           max(boundary_year) AS last_boundaries, sum(hash(region_code)) AS codes,
           any_value(basis) AS basis
    FROM series_raw
    WHERE series_id IN (SELECT series_id FROM picked) AND region_code LIKE 'GM%'
    GROUP BY ALL
),
members AS (SELECT year AS boundary_year, count(*) AS expected, sum(hash(gm_code)) AS codes
            FROM membership GROUP BY ALL),
today AS (  -- the harmonised figures of today's municipalities
    SELECT series_id, year, sum(value) AS harmonised,
           count(*) FILTER (WHERE value IS NULL) AS left_out
    FROM series_all
    WHERE series_id IN (SELECT series_id FROM picked) AND region_code LIKE 'GM%'
    GROUP BY ALL
),
checked AS (  -- complete table-years that harmonisation left whole
    SELECT f.*, p.measure, h.harmonised, h.harmonised - f.filed AS difference
    FROM filed f
    JOIN members e USING (boundary_year, codes)
    JOIN today h USING (series_id, year)
    JOIN (SELECT series_id, t, any_value(measure) AS measure FROM parts GROUP BY ALL) p
      ON p.series_id = f.series_id AND p.t = lower(f.table_id)
    WHERE f.n = e.expected AND f.n_values = f.n AND f.last_boundaries = f.boundary_year
      AND h.left_out = 0
),
failing AS (
    SELECT * FROM checked
    WHERE abs(difference) > {relative} * greatest(abs(filed), 1)
)
""".replace("{relative}", str(RELATIVE))

# which former municipality's cell went astray (run only when one fails): the filed codes
# whose crosswalk weights (the boundary year's, the series' basis) do not add up to one, or
# that have none, and today's municipality taking most of them
ASTRAY_SQL = CONSERVED_SQL + """,
weights AS (
    SELECT f.series_id, f.year, r.region_code AS code, coalesce(sum(c.weight), 0) AS weight,
           arg_max(c.target_code, c.weight) AS today
    FROM failing f
    JOIN series_raw r ON r.series_id = f.series_id AND r.year = f.year
     AND r.table_id = f.table_id AND r.region_code LIKE 'GM%'
    LEFT JOIN crosswalk c ON c.source_code = r.region_code
     AND c.boundary_year = r.boundary_year AND c.basis = r.basis
    GROUP BY ALL
    HAVING abs(coalesce(sum(c.weight), 0) - 1) > 1e-9
),
names AS (SELECT code, any_value(name) AS name FROM region_history GROUP BY code)
SELECT f.series_id, f.table_id, f.measure, f.year, f.filed, f.harmonised, f.difference,
       g.name || ' (' || w.today || ')' AS municipality,
       h.name || ' (' || w.code || ')' AS former, w.weight AS crosswalk_weight
FROM failing f
LEFT JOIN weights w USING (series_id, year)
LEFT JOIN names h ON h.code = w.code
LEFT JOIN names g ON g.code = w.today
ORDER BY f.series_id, f.year, w.code
"""


def counts_conserved(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Series-years whose harmonised figures of today's municipalities do not add up to the
    municipal cells as filed (module docstring): a row per count series (``series_id``), CBS
    table (``table_id``, ``measure``) and ``year``, with both sums (``filed``,
    ``harmonised``) and their ``difference``; ``former`` names a filed municipality whose
    crosswalk weights do not add up to one (``crosswalk_weight``, 0 when it has none) and
    ``municipality`` today's municipality taking most of it ('Amsterdam (GM0363)'), a row
    for each such code (None when the weights are whole)."""
    if not con.execute(CONSERVED_SQL + "SELECT count(*) FROM failing").fetchone()[0]:
        return []
    return rows_as_dicts(con.execute(ASTRAY_SQL))


def conserved_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """What :func:`counts_conserved` compares: ``series_years`` and ``table_years`` checked,
    and the ``tables``."""
    return rows_as_dicts(con.execute(CONSERVED_SQL + """
        SELECT count(*) AS series_years,
               count(DISTINCT (lower(table_id), measure, year)) AS table_years,
               count(DISTINCT lower(table_id)) AS tables FROM checked"""))[0]
