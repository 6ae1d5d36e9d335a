"""Which indicator values are provisional ('voorlopig'), per municipality and year.

A series takes a year from its best-ranked source; when that source marks the year
provisional but a later-ranked source of the same series has the same value as definitive
for every region), the value is CBS's definitive figure: :data:`CONFIRM_SQL` marks it so,
for the whole year or not at all (the status is the table period's: one region's figure is
not definitive while its neighbour's of the same table and year is provisional; so a
catalogue does not rank another table's provisional figures before a table's own: the
establishments come from 81575NED alone, not first from 85383NED's provisional
Gemeentefonds measure, which the snapshot's 81575NED, cut at Veere, could not confirm).
:data:`CELLS_SQL` keeps
``provisional_cells(indicator_id, region_code, year)``,
today's municipalities whose own figure is provisional (the view ``indicator_values``
marks a municipality provisional only when it is in this table; larger regions keep the
year's mark of ``indicator_sources``).

Some CBS tables mark their last year provisional only in the period's status, which the
snapshot's cbsodata dumps drop (86004NED, 81528NED, 85005NED, 82538NED, 83648NED give
``2023``/``2024``, never ``2023*``). The catalogue's ``provisional_latest`` states it
instead; :func:`mark_latest` turns it into ``provisional_latest_years(table_id, year)``:
the tables of the indicator's numerator in its last year with a municipal value. CBS's
status belongs to a table's period, so every indicator reading such a table in that year
is marked (households 2023 from 86004NED too), in ``indicator_sources`` (NL, provinces,
COROP regions) and ``provisional_cells`` (every municipality).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.duck import store_frame

# run while _later (the rows of a series' later-ranked sources) and _picked (the best-ranked)
# exist;
# the same value: equal up to floating-point noise (the terms are multiplied by a scale).
# CBS's status belongs to a table's period, so a year is confirmed for every region or for
# none: only when the later source has the same definitive value for each region the
# provisional source has (a later file cut inside the region list confirms no year)
CONFIRM_SQL = """
UPDATE _picked AS p SET status = 'definitief'
FROM (
    SELECT q.series_no, q.year, q.part_no FROM _picked q
    WHERE q.status = 'voorlopig' AND q.value IS NOT NULL
    GROUP BY ALL
    HAVING bool_and(EXISTS (
        SELECT 1 FROM _later d
        WHERE d.series_no = q.series_no AND d.region_code = q.region_code
          AND d.year = q.year AND d.part_no > q.part_no AND d.status = 'definitief'
          AND d.value IS NOT NULL
          AND abs(d.value - q.value) <= 1e-9 * greatest(abs(q.value), 1)))) c
WHERE p.status = 'voorlopig' AND p.value IS NOT NULL AND c.series_no = p.series_no
  AND c.year = p.year AND c.part_no = p.part_no
"""

# run after the harmonisation (crosswalk: the codes of a boundary year -> today's) and
# after CHANGE_SQL (a change_of indicator's year t is provisional where its source
# indicator's t or t + 1 is)
#: the cells of today's municipalities that rows of ``{source}`` (indicator_id, region_code,
#: year, boundary_year, basis) went into through the harmonisation's crosswalk: table
#: ``{table}``; also read by :mod:`.fallback` (``recomputed_cells``)
TODAY_CELLS_SQL = """
CREATE OR REPLACE TABLE {table} AS
SELECT DISTINCT s.indicator_id, coalesce(c.target_code, s.region_code) AS region_code, s.year
FROM {source} s
LEFT JOIN crosswalk c
  ON c.boundary_year = s.boundary_year AND c.basis = s.basis AND c.source_code = s.region_code
{where};
"""

CELLS_SQL = TODAY_CELLS_SQL.format(
    table="provisional_cells", source="series_raw",
    where="WHERE s.status = 'voorlopig' AND s.value IS NOT NULL AND s.region_code LIKE 'GM%'"
) + """
INSERT INTO provisional_cells
SELECT DISTINCT c.indicator_id, p.region_code, p.year - k.k
FROM catalogue_changes c
JOIN provisional_cells p ON p.indicator_id = c.source_indicator
CROSS JOIN (VALUES (0), (1)) k(k)
WHERE p.year - k.k BETWEEN c.year_from AND c.year_to;
"""

# run after SERIES_RAW_FINAL_SQL and SOURCES_SQL, before the harmonisation: the tables a
# provisional_latest indicator's numerator reads in its last year with a municipal value;
# every source row of those tables and years (of any indicator) gets CBS's missing status
LATEST_SQL = """
CREATE OR REPLACE TABLE provisional_latest_years AS
WITH last AS (
    SELECT indicator_id, max(year) AS year FROM series_raw
    WHERE indicator_id IN (SELECT indicator_id FROM catalogue_provisional_latest)
      AND role = 'num' AND value IS NOT NULL AND region_code LIKE 'GM%'
    GROUP BY indicator_id)
SELECT DISTINCT s.table_id, s.year
FROM series_raw s JOIN last USING (indicator_id, year)
WHERE s.role = 'num' AND s.value IS NOT NULL;
UPDATE series_raw s SET status = 'voorlopig' FROM provisional_latest_years p
WHERE s.table_id = p.table_id AND s.year = p.year AND s.status = 'definitief';
UPDATE indicator_sources s SET provisional = true
FROM (SELECT DISTINCT r.indicator_id, r.year FROM series_raw r
      JOIN provisional_latest_years p USING (table_id, year)) m
WHERE s.indicator_id = m.indicator_id AND s.year = m.year;
"""


def mark_latest(con: duckdb.DuckDBPyConnection, indicator_ids: list[str]) -> None:
    """Mark the last year of ``indicator_ids`` (the catalogue's ``provisional_latest``)
    provisional in its numerator tables: fills ``provisional_latest_years(table_id, year)``
    and sets the status of those source rows in ``series_raw`` and ``indicator_sources``;
    CELLS_SQL then keeps the municipalities' cells."""
    store_frame(con, "catalogue_provisional_latest",
                pd.DataFrame({"indicator_id": pd.Series(indicator_ids, dtype=str)}))
    con.execute(LATEST_SQL)
