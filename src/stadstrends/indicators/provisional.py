"""Which indicator values are provisional ('voorlopig'), per municipality and year.

A series takes a year from its best-ranked source; when that source marks the year
provisional but a later-ranked source of the same series has the same value as definitive
(85383NED's Bedrijfsvestigingen 2023-2024 are 81575NED's definitive Vestigingen for the
municipalities 81575NED has), the value is CBS's definitive figure: :data:`CONFIRM_SQL`
marks it so. :data:`CELLS_SQL` keeps ``provisional_cells(indicator_id, region_code, year)``,
today's municipalities whose own figure is provisional (the view ``indicator_values``
marks a municipality provisional only when it is in this table; larger regions keep the
year's mark of ``indicator_sources``).
"""

from __future__ import annotations

# run while _matched (every source row of a series) and _picked (the best-ranked) exist;
# the same value: equal up to floating-point noise (the terms are multiplied by a scale)
CONFIRM_SQL = """
UPDATE _picked AS p SET status = 'definitief'
FROM _matched d
WHERE p.status = 'voorlopig' AND d.series_no = p.series_no
  AND d.region_code = p.region_code AND d.year = p.year AND d.part_no > p.part_no
  AND d.status = 'definitief' AND d.value IS NOT NULL AND p.value IS NOT NULL
  AND abs(d.value - p.value) <= 1e-9 * greatest(abs(p.value), 1)
"""

# run after the harmonisation (crosswalk: the codes of a boundary year -> today's) and
# after CHANGE_SQL (a change_of indicator's year t is provisional where its source
# indicator's t or t + 1 is)
CELLS_SQL = """
CREATE OR REPLACE TABLE provisional_cells AS
SELECT DISTINCT s.indicator_id, coalesce(c.target_code, s.region_code) AS region_code, s.year
FROM series_raw s
LEFT JOIN crosswalk c
  ON c.boundary_year = s.boundary_year AND c.basis = s.basis AND c.source_code = s.region_code
WHERE s.status = 'voorlopig' AND s.value IS NOT NULL AND s.region_code LIKE 'GM%';
INSERT INTO provisional_cells
SELECT DISTINCT c.indicator_id, p.region_code, p.year - k.k
FROM catalogue_changes c
JOIN provisional_cells p ON p.indicator_id = c.source_indicator
CROSS JOIN (VALUES (0), (1)) k(k)
WHERE p.year - k.k BETWEEN c.year_from AND c.year_to;
"""
