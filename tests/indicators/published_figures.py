"""What the tests of figures CBS publishes beside its rounded counts (a percentage, a rate per
1 000: 83648NED, 83651NED) read on the real snapshot: CBS's rows of a municipal table, and
Stadstrends' figures of the municipalities whose boundaries were the source's."""

from __future__ import annotations

import csv
from pathlib import Path

UNCHANGED_SQL = """
WITH unchanged AS (  -- today's municipality is exactly the source's, weight 1
    SELECT boundary_year, basis, target_code FROM crosswalk GROUP BY ALL
    HAVING count(*) = 1 AND bool_and(source_code = target_code AND weight = 1)),
years AS (SELECT DISTINCT year, boundary_year, basis FROM series_raw
          WHERE indicator_id = $ind AND role = 'num'),
labels AS (SELECT DISTINCT region_code, region_label FROM raw_observations
           WHERE table_id = $table)
SELECT l.region_label, v.year, v.value, r.region_code IS NOT NULL, p.value
FROM indicator_values v
JOIN years y USING (year) JOIN labels l USING (region_code)
JOIN unchanged u ON u.boundary_year = y.boundary_year AND u.basis = y.basis
                AND u.target_code = v.region_code
LEFT JOIN indicator_values p ON p.indicator_id = 'population'
                            AND p.region_code = v.region_code AND p.year = v.year
LEFT JOIN recomputed_cells r ON r.indicator_id = v.indicator_id
                            AND r.region_code = v.region_code AND r.year = v.year
WHERE v.indicator_id = $ind
"""


def cbs_rows(statline: Path, table: str, where: dict[str, str]) -> list[dict[str, str]]:
    """The rows of CBS's municipal table ``table`` (``municipal_total_slice/<table>.csv``)
    whose columns have the values of ``where`` (a slice: {'SoortMisdrijf': 'Misdrijven,
    totaal'})."""
    with (statline / "municipal_total_slice" / f"{table}.csv").open(encoding="utf-8-sig") as fh:
        return [r for r in csv.DictReader(fh, delimiter=";")
                if all(r[k] == v for k, v in where.items())]


def unchanged(wh, indicator: str, table: str) -> list[tuple[str, int, float, bool, float]]:
    """(CBS's label in ``table``, year, value, recomputed, inhabitants on 1 January) of
    ``indicator`` for today's municipalities that are exactly the source's municipality in
    that year (4 764 municipality-years of 83648NED and 83651NED)."""
    return wh.execute(UNCHANGED_SQL, {"ind": indicator, "table": table}).fetchall()
