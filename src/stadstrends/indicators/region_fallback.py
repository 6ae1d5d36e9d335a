"""Another CBS table's figure for the municipality-years a count's numerator has none of.

CBS publishes its regional population forecast 2022-2050 in two tables: 85171NED (by age
and sex) holds only the 88 municipalities of 50 000 inhabitants or more (1 January 2021),
85173NED (with 67% forecast intervals) every municipality. The catalogue's
``region_fallback`` names such a second source of a ``count``; :data:`FILL_SQL` puts its row
(its table id kept) in ``series_raw`` for exactly the municipality-years (codes of the
source's own classification) whose numerator has no figure, so a municipality the first
table leaves out gets CBS's figure from the second, and one both hold keeps the first's
(Amersfoort 2050: 85171NED 179,0 thousand, 85173NED 178,9).

Its provenance per figure: ``fallback_cells(indicator_id, region_code, year, tables,
measures)`` holds today's municipalities whose figure is (partly) such a row, with every
table and measure its numerator came from ('85173NED'; Purmerend, with Beemster since 2022,
'85171NED, 85173NED'), and the regions summed over such figures (:data:`REGIONS_SQL`); the
view ``indicator_values`` cites those instead of the
indicator-year's numerator tables (``indicator_sources.num_tables``, which leave the
fallback out; its ``tables`` name it, so a municipality after the cut of a cut copy of the
fallback's table gets ``table_cut``: :mod:`.cut_gaps`).
"""

from __future__ import annotations

from stadstrends.duck import STEPS_DB

#: run after SERIES_RAW_FINAL_SQL, while ``_picked`` and ``_part_info`` exist (and
#: ``crosswalk``): the fallback's rows (role 'rf', its best part first) of the
#: municipality-years without a numerator figure replace those rows
FILL_SQL = f"""
CREATE OR REPLACE TABLE {STEPS_DB}._fallback_raw AS
SELECT i.indicator_id, f.region_code, f.year, f.boundary_year, f.value, f.status,
       f.table_id, coalesce(f.measure, i.measure) AS measure, i.additive, i.timing, i.basis
FROM _picked f JOIN _part_info i USING (part_no)
WHERE i.role = 'rf' AND f.value IS NOT NULL AND f.region_code LIKE 'GM%'
  AND NOT EXISTS (SELECT 1 FROM series_raw s
                  WHERE s.series_id = i.indicator_id || ':num' AND s.value IS NOT NULL
                    AND s.region_code = f.region_code AND s.year = f.year)
QUALIFY row_number() OVER (PARTITION BY i.indicator_id, f.region_code, f.year
                           ORDER BY f.part_no) = 1;
DELETE FROM series_raw s USING {STEPS_DB}._fallback_raw r
WHERE s.series_id = r.indicator_id || ':num' AND s.region_code = r.region_code
  AND s.year = r.year;
INSERT INTO series_raw BY NAME
SELECT indicator_id || ':num' AS series_id, region_code, year, boundary_year, value, additive,
       status, table_id, indicator_id, 'num' AS role, timing, basis
FROM {STEPS_DB}._fallback_raw;

-- today's municipality-years a fallback row went into, with every table and measure of
-- the numerator rows that went into them (the numerator's own and the fallback's)
CREATE OR REPLACE TABLE fallback_cells AS
WITH used AS (
    SELECT i.indicator_id, p.region_code, p.year, p.boundary_year, i.basis, p.table_id,
           coalesce(p.measure, i.measure) AS measure, false AS fallback
    FROM _picked p JOIN _part_info i USING (part_no)
    WHERE i.role = 'num' AND p.value IS NOT NULL AND p.region_code LIKE 'GM%'
      AND i.indicator_id IN (SELECT indicator_id FROM {STEPS_DB}._fallback_raw)
    UNION ALL
    SELECT indicator_id, region_code, year, boundary_year, basis, table_id, measure, true
    FROM {STEPS_DB}._fallback_raw
)
SELECT u.indicator_id, coalesce(c.target_code, u.region_code) AS region_code, u.year,
       string_agg(DISTINCT u.table_id, ', ' ORDER BY u.table_id) AS tables,
       string_agg(DISTINCT u.measure, ', ' ORDER BY u.measure) AS measures
FROM used u
LEFT JOIN crosswalk c
  ON c.boundary_year = u.boundary_year AND c.basis = u.basis AND c.source_code = u.region_code
GROUP BY ALL HAVING bool_or(u.fallback);
DROP TABLE {STEPS_DB}._fallback_raw;
"""

#: run after the values (``indicator_results``, ``region_cbs_means``): only the cells with a
#: figure are kept, and a COROP region, province or Nederland whose figure is the sum over
#: its members (not CBS's own figure of the region) and some member's figure a fallback
#: row's names its members' tables (Zuidoost-Drenthe's forecast, Emmen's 85171NED and
#: Coevorden's and Borger-Odoorn's 85173NED: '85171NED, 85173NED', not the indicator-year's
#: 85171NED alone)
REGIONS_SQL = """
-- a municipality some of whose codes had a fallback row but which has no figure (Land van
-- Cuijk: Grave, Mill en Sint Hubert and Sint Anthonis after the cut of 85173NED's copy)
DELETE FROM fallback_cells f WHERE NOT EXISTS (
    SELECT 1 FROM indicator_results r WHERE r.indicator_id = f.indicator_id
       AND r.region_code = f.region_code AND r.year = f.year AND r.value IS NOT NULL);
INSERT INTO fallback_cells
SELECT r.indicator_id, r.region_code, r.year,
       string_agg(DISTINCT t.tab, ', ' ORDER BY t.tab) AS tables,
       string_agg(DISTINCT m.meas, ', ' ORDER BY m.meas) AS measures
FROM indicator_results r
JOIN region_sets s ON s.set_id = r.region_code
JOIN indicator_results v ON v.indicator_id = r.indicator_id AND v.region_code = s.region_code
 AND v.year = r.year AND v.value IS NOT NULL
LEFT JOIN fallback_cells f ON f.indicator_id = r.indicator_id AND f.region_code = s.region_code
 AND f.year = r.year
LEFT JOIN indicator_sources i ON i.indicator_id = r.indicator_id AND i.year = r.year
CROSS JOIN unnest(string_split(coalesce(f.tables, i.num_tables), ', ')) t(tab)
CROSS JOIN unnest(string_split(coalesce(f.measures, i.num_measures), ', ')) m(meas)
WHERE r.value IS NOT NULL
  AND (r.region_code = 'NL01' OR r.region_code LIKE 'CR%' OR r.region_code LIKE 'PV%')
  AND r.indicator_id IN (SELECT DISTINCT indicator_id FROM fallback_cells)
  AND NOT EXISTS (SELECT 1 FROM region_cbs_means c WHERE c.indicator_id = r.indicator_id
                  AND c.region_code = r.region_code AND c.year = r.year)
GROUP BY r.indicator_id, r.region_code, r.year
HAVING bool_or(f.region_code IS NOT NULL)
"""
