"""The context of every current municipality's values: NL, its province, its COROP region
and its ommeland (positions within comparison groups: :mod:`set_benchmarks`).

The ommeland values and notes come from the ``ommeland`` table (see
:mod:`stadstrends.analysis.ommeland`: the COROP region without the city, from harmonised
numerators and denominators; a non-additive (level) indicator has none).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import row_count, values_relation

MAD_SCALE = 1.4826

# ommeland_note codes (words: section ``reasons`` of the language files)
NOTE_LEVEL = "ommeland_not_additive"  # not computable for a non-additive indicator
NOTE_ALONE = "ommeland_city_alone"  # the COROP region consists of the city alone
NOTE_MISSING = "ommeland_incomplete"  # not all other municipalities have a value


BENCHMARKS_SQL = """
CREATE OR REPLACE TABLE benchmarks AS
SELECT o.region_code, o.indicator_id, o.year, v.value,
       nl.value AS nl_value,
       o.province_code, pv.value AS province_value,
       o.corop_code, cr.value AS corop_value,
       o.ommeland_value, o.ommeland_note
FROM ommeland o
JOIN {values} v USING (region_code, indicator_id, year)
LEFT JOIN (FROM {values} WHERE region_code = 'NL01') nl
  ON nl.indicator_id = o.indicator_id AND nl.year = o.year
LEFT JOIN (FROM {values} WHERE region_code LIKE 'PV%') pv
  ON pv.region_code = o.province_code AND pv.indicator_id = o.indicator_id
 AND pv.year = o.year
LEFT JOIN (FROM {values} WHERE region_code LIKE 'CR%') cr
  ON cr.region_code = o.corop_code AND cr.indicator_id = o.indicator_id AND cr.year = o.year
"""  # no ORDER BY: its readers order what they read; the sort took a quarter of the step.
# The province and COROP values are joined from their own rows only: a hash table of every
# region's values took 0.08 s more CPU (0.35 instead of 0.27 s, equal rows). The values come
# from trends.values_relation: the rows of the view indicator_values without the two joins
# that add their sources (unique keys: the same rows), which these joins do not need: the
# step 0.63 -> 0.58 s of CPU (medians of 3 x 5 alternated runs, equal tables).

LATEST_SQL = """
CREATE OR REPLACE VIEW benchmark_latest AS
SELECT * FROM benchmarks
QUALIFY year = max(year) OVER (PARTITION BY region_code, indicator_id)
"""


def build_benchmarks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create table ``benchmarks`` (municipality x indicator x year with a value: the value
    beside NL, its province, its COROP region and its ommeland) and view
    ``benchmark_latest`` (each municipality and indicator's latest year). Positions within
    comparison groups are in ``set_benchmarks``."""
    con.execute(BENCHMARKS_SQL.format(values=values_relation(con)))
    con.execute(LATEST_SQL)
    return {"benchmarks": row_count(con, "benchmarks"),
            "benchmark_latest": row_count(con, "benchmark_latest")}
