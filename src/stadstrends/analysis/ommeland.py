"""The ommeland of every current municipality: its COROP region without it.

``build_ommeland(con)`` reads ``region_sets``, ``series_all``,
``catalogue_indicators`` and ``indicator_values`` and creates ``ommeland``:
``region_code, indicator_id, year, province_code, corop_code, ommeland_value,
ommeland_note``, one row per municipality x indicator x year with a value. The ommeland value
is computed from the harmonised numerators and denominators in ``series_all``: the COROP
total (complete only when every member has a value) minus the municipality, ratios as
sum(num) / sum(den) x scale. The COROP total of a published mean is CBS's mean x base where
CBS publishes it for today's region (``region_cbs_means``, indicators/aggregate.py): the
ommeland stays the sum over the other members where all have a figure, and is derived from
CBS's figure and the municipality's where one is missing (Leeuwarden's income 2023:
(151 900 x 48.2 - 64 200 x 45.1) / 87 700 = 50.5).
``ommeland_note`` says why it is NULL: a non-additive (level)
indicator, a COROP region of one municipality, or a member without a value. The city
set's benchmarks read their ommeland from here; before they summed the other members, which
gave the same figures up to floating-point rounding (1e-9 relative, all 39 948 rows of the
default city set).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import NOTE_ALONE, NOTE_LEVEL, NOTE_MISSING
from stadstrends.analysis.trends import row_count

OMMELAND_SQL = """
CREATE OR REPLACE TABLE ommeland AS
WITH geo AS (
    SELECT m.region_code, max(p.set_id) AS province_code, max(c.set_id) AS corop_code
    FROM region_sets m  -- NL01: the municipalities of the reference year
    LEFT JOIN region_sets p ON p.region_code = m.region_code AND p.set_id LIKE 'PV%'
    LEFT JOIN region_sets c ON c.region_code = m.region_code AND c.set_id LIKE 'CR%'
    WHERE m.set_id = 'NL01' GROUP BY m.region_code
),
corop_size AS (SELECT set_id AS corop_code, count(*) AS n FROM region_sets
               WHERE set_id LIKE 'CR%' GROUP BY 1),
ind AS (SELECT * FROM catalogue_indicators WHERE method <> 'level'),
corop_totals AS ({corop_totals}),
parts AS (  -- COROP total minus the municipality, for the numerator and the denominator
    SELECT g.region_code, i.indicator_id, own.year, i.series_id = i.indicator_id || ':num'
               AS is_num, tot.value - own.value AS rest
    FROM geo g
    JOIN (SELECT indicator_id, indicator_id || ':num' AS series_id FROM ind
          UNION ALL SELECT indicator_id, denominator_series FROM ind
          WHERE denominator_series IS NOT NULL) i ON TRUE
    -- the municipalities' and the COROP regions' rows apart: smaller hash tables than all
    -- of series_all twice (0.54 instead of 0.61 s of CPU, equal rows)
    JOIN (FROM series_all WHERE region_code LIKE 'GM%') own
      ON own.region_code = g.region_code AND own.series_id = i.series_id
    JOIN corop_totals tot
      ON tot.region_code = g.corop_code AND tot.series_id = i.series_id
                       AND tot.year = own.year
),
omm AS (
    SELECT n.region_code, n.indicator_id, n.year,
           CASE WHEN z.n = 1 THEN NULL  -- the COROP region is this municipality alone
                WHEN i.denominator_series IS NULL THEN n.rest * i.scale
                WHEN d.rest IS NULL OR d.rest = 0 THEN NULL
                ELSE n.rest / d.rest * i.scale END AS ommeland_value
    FROM parts n
    JOIN ind i USING (indicator_id)
    JOIN geo g USING (region_code)
    JOIN corop_size z USING (corop_code)
    LEFT JOIN parts d ON NOT d.is_num AND d.region_code = n.region_code
                     AND d.indicator_id = n.indicator_id AND d.year = n.year
    WHERE n.is_num
)
SELECT v.region_code, v.indicator_id, v.year, g.province_code, g.corop_code,
       o.ommeland_value,
       CASE WHEN o.ommeland_value IS NOT NULL THEN NULL
            WHEN c.method = 'level' THEN '{level}'
            WHEN z.n = 1 THEN '{alone}'
            ELSE '{missing}' END AS ommeland_note
FROM indicator_values v
JOIN geo g USING (region_code)
LEFT JOIN catalogue_indicators c USING (indicator_id)
LEFT JOIN corop_size z USING (corop_code)
LEFT JOIN omm o USING (region_code, indicator_id, year)
"""


# the COROP regions' totals: a published mean's COROP figure that is CBS's
# (indicators/aggregate.py) is replaced by the members' sums where they are complete
COROP_TOTALS_SQL = """
    SELECT a.series_id, a.region_code, a.year, CASE
               WHEN m.member_num IS NULL THEN a.value
               WHEN a.series_id = m.indicator_id || ':num' THEN m.member_num
               WHEN a.series_id = m.indicator_id || ':den' THEN m.member_den
               ELSE a.value END AS value
    FROM series_all a
    LEFT JOIN region_cbs_means m ON m.region_code = a.region_code AND m.year = a.year
     AND a.series_id IN (m.indicator_id || ':num', m.indicator_id || ':den')
    WHERE a.region_code LIKE 'CR%'
"""


def build_ommeland(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``ommeland`` (see the module docstring); returns its row count. Without
    ``region_cbs_means`` (a warehouse of before it) the COROP totals are ``series_all``'s."""
    has_cbs = con.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = 'region_cbs_means'").fetchone()[0] > 0
    totals = COROP_TOTALS_SQL if has_cbs else (
        "SELECT series_id, region_code, year, value FROM series_all "
        "WHERE region_code LIKE 'CR%'")
    con.execute(OMMELAND_SQL.format(level=NOTE_LEVEL, alone=NOTE_ALONE, missing=NOTE_MISSING,
                                    corop_totals=totals))
    return {"ommeland": row_count(con, "ommeland")}
