"""A cell of a municipality code outside its validity period is absent.

Some CBS tables write a value for every code of the whole table period, also for years in
which the code did not exist (the commuting tables 81251ned and 83628NED give ``0.0``).
Such cells are no data: after the boundary year of each table-year is known
(:mod:`stadstrends.harmonise.boundaries`), every cell of a GM code that did not exist at any
moment of that boundary year (70739ned begin and end dates) is deleted from
``raw_observations``. The count per table is recorded in ``sources.cells_out_of_validity``
and the detail in ``cells_out_of_validity(table_id, region_code, year, cells)``.
"""

from __future__ import annotations

import duckdb

OUT_OF_VALIDITY_SQL = """
CREATE OR REPLACE TABLE cells_out_of_validity AS
SELECT o.table_id, o.region_code, o.year, b.boundary_year, count(*) AS cells,
       count(o.value) AS cells_with_value
FROM raw_observations o
JOIN table_boundaries b ON b.table_id = lower(o.table_id) AND b.year = o.year
JOIN region_history h ON h.code = o.region_code
WHERE o.region_code LIKE 'GM%'
  AND NOT (h.valid_from < make_date(b.boundary_year + 1, 1, 1)
           AND (h.valid_to IS NULL OR h.valid_to > make_date(b.boundary_year, 1, 1)))
GROUP BY ALL
"""

DELETE_SQL = """
DELETE FROM raw_observations o
USING cells_out_of_validity c
WHERE o.table_id = c.table_id AND o.region_code = c.region_code AND o.year = c.year
"""


def drop_out_of_validity(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Delete the cells of codes that did not exist in their boundary year; returns the
    number of cells dropped per table (also stored in ``sources.cells_out_of_validity``
    when a ``sources`` table exists)."""
    con.execute(OUT_OF_VALIDITY_SQL)
    con.execute(DELETE_SQL)
    counts = dict(con.execute(
        "SELECT table_id, sum(cells)::BIGINT FROM cells_out_of_validity GROUP BY table_id"
    ).fetchall())
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if "sources" in tables:
        con.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS cells_out_of_validity BIGINT "
                    "DEFAULT 0")
        con.execute("""
            UPDATE sources s SET cells_out_of_validity = c.n
            FROM (SELECT table_id, sum(cells)::BIGINT AS n FROM cells_out_of_validity
                  GROUP BY table_id) c
            WHERE c.table_id = s.table_id
        """)
    return counts
