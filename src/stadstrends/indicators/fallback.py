"""A published rate where CBS gives one; the count behind it where CBS gives none.

A ``weighted_mean`` of a published rate (83648NED ``GeregistreerdeMisdrijvenPer1000Inw_3``:
crimes per 1 000 inhabitants on 1 January, from CBS's unrounded count) becomes rate x base
(inhabitants) before the harmonisation, so an unchanged municipality shows CBS's own figure
and a merged one its parts' rates weighted by their inhabitants. CBS leaves the rate empty
for a municipality-year with few cases (Schiermonnikoog every year, Rozendaal 2024: 55
crimes) while it publishes the count, rounded to fives. The catalogue's ``count_fallback``
names that count (x scale, e.g. 1 000): :data:`FALLBACK_SQL` puts count x scale in place of
rate x base for exactly those municipality-years, so the series has no hole, and keeps them
in ``recomputed_raw`` (with ``count`` and ``scale``: CBS's rounding of such a count is
coarse; ``numerator_rounding`` and :mod:`stadstrends.analysis.coarse` read them).
:data:`RECOMPUTED_CELLS_SQL` gives ``recomputed_cells(indicator_id, region_code, year)``:
today's municipalities whose value is (partly) Stadstrends' quotient of the rounded count,
not CBS's figure.
"""

from __future__ import annotations

from stadstrends.indicators.provisional import TODAY_CELLS_SQL

# run after SERIES_RAW_FINAL_SQL, while _picked and _part_info exist: the fallback's rows
# (role 'fb') of the municipality-years whose published rate is absent replace that row
FALLBACK_SQL = """
CREATE OR REPLACE TABLE recomputed_raw AS
SELECT i.indicator_id, f.region_code, f.year, f.boundary_year, f.value, f.status,
       f.table_id, i.timing, i.basis, t.scale, f.value / t.scale AS count
FROM _picked f JOIN _part_info i USING (part_no)
JOIN (SELECT DISTINCT part_no, scale FROM _terms) t USING (part_no)
WHERE i.role = 'fb' AND f.value IS NOT NULL AND f.region_code LIKE 'GM%'
  AND NOT EXISTS (SELECT 1 FROM series_raw s
                  WHERE s.series_id = i.indicator_id || ':num' AND s.value IS NOT NULL
                    AND s.region_code = f.region_code AND s.year = f.year);
DELETE FROM series_raw s USING recomputed_raw r
WHERE s.series_id = r.indicator_id || ':num' AND s.region_code = r.region_code
  AND s.year = r.year;
INSERT INTO series_raw BY NAME
SELECT indicator_id || ':num' AS series_id, region_code, year, boundary_year, value,
       true AS additive, status, table_id, indicator_id, 'num' AS role, timing, basis
FROM recomputed_raw;
"""

# run after the harmonisation: the municipalities of today a recomputed row went into
RECOMPUTED_CELLS_SQL = TODAY_CELLS_SQL.format(table="recomputed_cells", source="recomputed_raw",
                                              where="")
