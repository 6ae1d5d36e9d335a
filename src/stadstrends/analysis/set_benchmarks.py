"""Benchmarks of every current municipality within each comparison group it belongs to.

``build_set_benchmarks(con)`` reads ``comparison_group_members`` (see
:mod:`stadstrends.analysis.groups`), ``indicator_values``, ``series_all``,
``catalogue_indicators`` and ``region_sets`` and creates

* ``set_benchmarks``: ``set_id, region_code, indicator_id, year, value, n, median, p25,
  p75, mad, rank, percentile, robust_z``: one row per municipality x group it is in x
  indicator x year with a value. ``n`` counts the group's members with a value that year;
  ``rank`` 1 = highest value; ``percentile`` 0 = lowest, 100 = highest (percent rank);
  ``robust_z`` = (value - median) / (1.4826 x MAD), NULL when the MAD is 0. For ``PEERS``
  the group is the municipality itself and its structurally nearest others, compared in
  the municipality's latest year of each indicator only (a peer group is a view of where a
  municipality stands now; the shared groups have every year, for charts over time).
* ``ommeland``: ``region_code, indicator_id, year, province_code, corop_code,
  ommeland_value, ommeland_note`` for every current municipality: its COROP region
  without it, from the harmonised numerators and denominators in ``series_all`` as the
  COROP total (complete only when every member has a value) minus the municipality; the
  same figures as the G40 ommeland of :mod:`stadstrends.analysis.benchmarks` (which sums
  the other members), up to floating-point rounding.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import MAD_SCALE, NOTE_ALONE, NOTE_LEVEL, NOTE_MISSING
from stadstrends.analysis.trends import row_count

SET_BENCHMARKS_SQL = """
CREATE OR REPLACE TABLE set_benchmarks AS
WITH vals AS (
    SELECT region_code, indicator_id, year, value FROM indicator_values
    WHERE value IS NOT NULL AND region_code LIKE 'GM%'
),
shared AS (  -- groups that are the same for all their members: one distribution each
    SELECT m.set_id, v.*,
           rank() OVER w AS rank,
           count(*) OVER (w RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS ties,
           count(*) OVER p AS n, median(v.value) OVER p AS median,
           quantile_cont(v.value, 0.25) OVER p AS p25,
           quantile_cont(v.value, 0.75) OVER p AS p75
    FROM comparison_group_members m JOIN vals v USING (region_code)
    WHERE m.focal_code IS NULL
    WINDOW p AS (PARTITION BY m.set_id, v.indicator_id, v.year),
           w AS (PARTITION BY m.set_id, v.indicator_id, v.year ORDER BY v.value DESC)
),
shared_rows AS (  -- one sort per group: ascending rank = n - rank - ties + 2
    SELECT set_id, region_code, indicator_id, year, value, n, median, p25, p75,
           median(abs(value - median)) OVER (PARTITION BY set_id, indicator_id, year) AS mad,
           rank,
           CASE WHEN n > 1 THEN 100.0 * (n - rank - ties + 1) / (n - 1) ELSE 0 END
               AS percentile
    FROM shared
),
latest AS (
    SELECT * FROM vals QUALIFY year = max(year) OVER (PARTITION BY region_code, indicator_id)
),
focal AS (  -- groups of their own per municipality (PEERS), in its latest year only
    SELECT m.set_id, m.focal_code AS region_code, v.indicator_id, v.year, f.value AS own,
           v.value
    FROM comparison_group_members m
    JOIN latest f ON f.region_code = m.focal_code
    JOIN vals v ON v.region_code = m.region_code AND v.indicator_id = f.indicator_id
               AND v.year = f.year
    WHERE m.focal_code IS NOT NULL
),
focal_stats AS (
    SELECT set_id, region_code, indicator_id, year, any_value(own) AS value,
           count(*) AS n, median(value) AS median,
           quantile_cont(value, 0.25) AS p25, quantile_cont(value, 0.75) AS p75,
           1 + count(*) FILTER (WHERE value > own) AS rank,
           CASE WHEN count(*) > 1
                THEN 100.0 * count(*) FILTER (WHERE value < own) / (count(*) - 1)
                ELSE 0 END AS percentile
    FROM focal GROUP BY ALL
),
focal_mad AS (
    SELECT set_id, region_code, indicator_id, year, median(abs(f.value - s.median)) AS mad
    FROM focal f JOIN focal_stats s USING (set_id, region_code, indicator_id, year)
    GROUP BY ALL
),
joined AS (
    SELECT * FROM shared_rows
    UNION ALL
    SELECT s.set_id, s.region_code, s.indicator_id, s.year, s.value, s.n, s.median, s.p25,
           s.p75, m.mad, s.rank, s.percentile
    FROM focal_stats s JOIN focal_mad m USING (set_id, region_code, indicator_id, year)
)
SELECT set_id, region_code, indicator_id, year, value, n::INTEGER AS n, median, p25, p75,
       mad, rank::INTEGER AS rank, percentile,
       CASE WHEN mad > 0 THEN (value - median) / ({mad_scale} * mad) END AS robust_z
FROM joined
"""


OMMELAND_SQL = """
CREATE OR REPLACE TABLE ommeland AS
WITH geo AS (
    SELECT m.region_code, max(p.set_id) AS province_code, max(c.set_id) AS corop_code
    FROM comparison_group_members m
    LEFT JOIN region_sets p ON p.region_code = m.region_code AND p.set_id LIKE 'PV%'
    LEFT JOIN region_sets c ON c.region_code = m.region_code AND c.set_id LIKE 'CR%'
    WHERE m.set_id = 'NL01' GROUP BY m.region_code
),
corop_size AS (SELECT set_id AS corop_code, count(*) AS n FROM region_sets
               WHERE set_id LIKE 'CR%' GROUP BY 1),
ind AS (SELECT * FROM catalogue_indicators WHERE method <> 'level'),
parts AS (  -- COROP total minus the municipality, for the numerator and the denominator
    SELECT g.region_code, i.indicator_id, own.year, i.series_id = i.indicator_id || ':num'
               AS is_num, tot.value - own.value AS rest
    FROM geo g
    JOIN (SELECT indicator_id, indicator_id || ':num' AS series_id FROM ind
          UNION ALL SELECT indicator_id, denominator_series FROM ind
          WHERE denominator_series IS NOT NULL) i ON TRUE
    JOIN series_all own ON own.region_code = g.region_code AND own.series_id = i.series_id
    JOIN series_all tot ON tot.region_code = g.corop_code AND tot.series_id = i.series_id
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


def build_set_benchmarks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``set_benchmarks`` and ``ommeland`` (see the module docstring); row counts."""
    con.execute(SET_BENCHMARKS_SQL.format(mad_scale=MAD_SCALE))
    con.execute(OMMELAND_SQL.format(level=NOTE_LEVEL, alone=NOTE_ALONE, missing=NOTE_MISSING))
    return {t: row_count(con, t) for t in ("set_benchmarks", "ommeland")}
