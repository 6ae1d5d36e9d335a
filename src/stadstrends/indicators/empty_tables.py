"""Which CBS tables hold the empty cells behind a missing municipal figure.

``gap_tables(indicator_id, region_code, year, tables)``, shown as ``empty_tables`` by the
view ``indicator_gaps``: for a municipality's row of ``indicator_results`` that is
``missing_in_source`` or ``suppressed_in_source`` the tables (ids as stored, joined by ', ')
whose cells of that year are empty or secret for the codes the figure needs: those in
``reason_detail`` (other codes' empty cells: Weesp's for Amsterdam 2018-2020), else the
municipality's own code and the codes the crosswalk maps onto it. An indicator reads more
than one table in a year (a rate and its population, a weighted mean and its weights); only
the table whose cell is empty is named: Amsterdam's Wmo clients 2018-2020 lack Weesp's cell
in 86050NED alone, 37259eng has Weesp's population (the report said 'ontbreken in de
CBS-tabellen 37259eng, 83262NED en 86050NED').
No row where no such cell is found (the words then name the tables read that year).

Set-based: the empty cells of the matched parts are kept (:data:`EMPTY_CELLS_SQL`, before the
matched rows are dropped) and one table (:data:`EMPTY_TABLES_SQL`) after the gap steps, whose
reasons it reads: a table of its own, not an UPDATE of ``indicator_results`` (with an OR
EXISTS join it cost 0.55-0.78 s and set the build's highest memory, 759-768 MiB).
"""

from __future__ import annotations

from stadstrends.duck import STEPS_DB

#: the matched cells without a value (empty or secret) of the municipalities, per indicator;
#: for a weighted mean also its weight's table where that has no figure for a code the mean
#: has (83452NED's household waste of Franekeradeel 2001-2006: 80860ned has no row for it)
EMPTY_CELLS_SQL = f"""
CREATE OR REPLACE TABLE {STEPS_DB}._empty_cells AS
WITH cells AS (
    SELECT p.*, i.indicator_id, i.indicator_no, i.role, i.weighted
    FROM _picked p JOIN _part_info i USING (part_no) WHERE p.region_code LIKE 'GM%'
),
weights AS (SELECT DISTINCT indicator_no, year, table_id FROM cells
            WHERE role = 'den' AND weighted)
SELECT DISTINCT indicator_id, table_id, region_code, year, boundary_year
FROM cells WHERE value IS NULL
UNION
SELECT n.indicator_id, w.table_id, n.region_code, n.year, n.boundary_year
FROM cells n JOIN weights w USING (indicator_no, year)
WHERE n.role = 'num' AND n.weighted AND n.value IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM cells d WHERE d.indicator_no = n.indicator_no AND d.role = 'den'
       AND d.region_code = n.region_code AND d.year = n.year AND d.value IS NOT NULL)
"""

#: a change_of indicator's year y reads its count's years y and y + 1
EMPTY_TABLES_SQL = f"""
CREATE OR REPLACE TABLE gap_tables AS
    WITH gaps AS (
        SELECT indicator_id, region_code, year, reason_detail FROM indicator_results
        WHERE value IS NULL AND region_code LIKE 'GM%'
          AND reason IN ('missing_in_source', 'suppressed_in_source')
    ),
    cells AS (
        SELECT indicator_id, table_id, region_code, year, boundary_year
        FROM {STEPS_DB}._empty_cells
        UNION
        SELECT c.indicator_id, e.table_id, e.region_code, y.year, e.boundary_year
        FROM catalogue_changes c
        JOIN range(c.year_from, c.year_to + 1) y(year) ON TRUE
        JOIN {STEPS_DB}._empty_cells e ON e.indicator_id = c.source_indicator
         AND e.year IN (y.year, y.year + 1)
    ),
    named AS (  -- other codes' empty cells
        SELECT g.indicator_id, g.region_code, g.year, e.table_id
        FROM gaps g, unnest(string_split(g.reason_detail, ',')) AS x(code)
        JOIN cells e ON e.indicator_id = g.indicator_id AND e.year = g.year
         AND e.region_code = trim(x.code)
    ),
    own AS (  -- the municipality's own code
        SELECT g.indicator_id, g.region_code, g.year, e.table_id
        FROM gaps g
        JOIN cells e ON e.indicator_id = g.indicator_id AND e.year = g.year
         AND e.region_code = g.region_code
        WHERE g.reason_detail IS NULL
    ),
    mapped AS (  -- the codes the crosswalk maps onto it (equality joins: an OR EXISTS here
                 -- paired every gap with every empty cell of its year, 0.78 s and +60 MiB)
        SELECT g.indicator_id, g.region_code, g.year, e.table_id
        FROM gaps g
        JOIN crosswalk w ON w.target_code = g.region_code AND w.weight > 0
        JOIN cells e ON e.indicator_id = g.indicator_id AND e.year = g.year
         AND e.region_code = w.source_code AND e.boundary_year = w.boundary_year
        WHERE g.reason_detail IS NULL
    )
    SELECT indicator_id, region_code, year,
           string_agg(DISTINCT table_id, ', ' ORDER BY table_id) AS tables
    FROM (SELECT * FROM named UNION ALL SELECT * FROM own UNION ALL SELECT * FROM mapped)
    GROUP BY ALL
"""
