"""Positions of municipalities within groups they are not members of (``comparison_extra``:
a member of a small named set within a larger one, as ``groups.yaml`` configures), and one
view of every position.

``build_outsider_benchmarks(con)`` reads ``comparison_extra``, ``comparison_group_members``,
``set_distributions`` (the group's figures, :mod:`.set_benchmarks`)
and the values (:func:`~.trends.values_relation`) and creates

* ``outsider_benchmarks``: the columns of ``set_benchmarks``, one row per extra pair x
  indicator x year where the municipality and the group have values. ``n``, ``median``,
  ``p25``, ``p75`` and ``mad`` are the group's own (its members only); ``rank`` = 1 + the
  members with a higher value; ``percentile`` = the mid-rank share of members with a lower
  value, 100 x (below + ties / 2) / n (0-100; ``ties``: members with its value), as if it
  were one more member (:mod:`.set_benchmarks`; values compared as printed, as there);
  ``robust_z`` as in ``set_benchmarks``;
* view ``group_benchmarks``: ``set_benchmarks`` and ``outsider_benchmarks`` together, the
  positions the signals and publish read.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import MAD_SCALE
from stadstrends.analysis.printed_values import printed_values_sql
from stadstrends.analysis.trends import row_count, values_relation

#: The values are :func:`~.trends.values_relation`'s: the rows of the view ``indicator_values``
#: without its joins on their sources, which this step does not read (0.145 -> 0.07 s of CPU,
#: medians of 3 x 5 alternated runs).
OUTSIDER_SQL = """
CREATE OR REPLACE TABLE outsider_benchmarks AS
WITH vals AS ({printed_values}),
own AS (SELECT e.set_id, v.* FROM comparison_extra e JOIN vals v USING (region_code)),
grp AS (
    SELECT m.set_id, v.indicator_id, v.year, v.printed
    FROM comparison_group_members m JOIN vals v USING (region_code)
    WHERE m.focal_code IS NULL AND m.set_id IN (SELECT set_id FROM comparison_extra)
),
pos AS (
    SELECT o.set_id, o.region_code, o.indicator_id, o.year,
           1 + count(*) FILTER (WHERE g.printed > o.printed) AS rank,
           100.0 * (count(*) FILTER (WHERE g.printed < o.printed)
                    + count(*) FILTER (WHERE g.printed = o.printed) / 2) / count(*)
               AS percentile
    FROM own o JOIN grp g USING (set_id, indicator_id, year) GROUP BY ALL
)
SELECT o.set_id, o.region_code, o.indicator_id, o.year, o.value, s.n::INTEGER AS n,
       s.median, s.p25, s.p75, s.mad, p.rank::INTEGER AS rank, p.percentile,
       CASE WHEN s.mad > 0 THEN (o.value - s.median) / ({mad_scale} * s.mad) END AS robust_z
FROM own o
JOIN set_distributions s USING (set_id, indicator_id, year)  -- the group's own figures
JOIN pos p USING (set_id, region_code, indicator_id, year)
"""

VIEW_SQL = """
CREATE OR REPLACE VIEW group_benchmarks AS
SELECT * FROM set_benchmarks UNION ALL BY NAME SELECT * FROM outsider_benchmarks
"""


def build_outsider_benchmarks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``outsider_benchmarks`` and view ``group_benchmarks`` (see the module
    docstring); returns the row count of the table."""
    con.execute(OUTSIDER_SQL.format(mad_scale=MAD_SCALE,
                                    printed_values=printed_values_sql(con, values_relation(con))))
    con.execute(VIEW_SQL)
    return {"outsider_benchmarks": row_count(con, "outsider_benchmarks")}
