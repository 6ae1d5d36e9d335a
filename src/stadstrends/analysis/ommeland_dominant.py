"""The member municipality that carries most of an ommeland's figure.

An ommeland is a sum over the other members of the COROP region (:mod:`.ommeland`); where one
of them carries more than the settings' ``ommeland_dominant_share`` (0.75) of that sum, the
comparison with the ommeland is mostly a comparison with that municipality, and the report,
the city page and the API name it: Oldambt's net international migration of 2023, 4,0 per
1 000 against the ommeland's 165,0, of which Westerwolde (Ter Apel, the national asylum
registration centre) carries 98%; Westerkwartier's gas delivered to companies of 2023, 286 m³
per inhabitant against the ommeland's 4 456, 87% of it Het Hogeland's (Eemshaven).

:func:`build_ommeland_dominant` adds to ``ommeland`` the columns ``ommeland_dominant`` (the
member's region code) and ``ommeland_dominant_share`` (its part of the ommeland's numerator,
0-1: for a ratio or weighted mean the numerator ``<indicator>:num`` of ``series_all``, mean x
base for a published mean; for a count the count). A balance's members may have either sign:
the share is of the sum of the members' absolute numerators, so a member above half of it
carries the sign and most of the size of the total (Westerwolde's immigrants minus emigrants,
beside Pekela's and Veendam's small balances). Set only for an ommeland summed over all its
other members in that year (none derived from CBS's COROP figure, :mod:`.ommeland_cbs`: the
members' parts are not all known), an ommeland of one member too (share 1: 'geheel bepaald
door Wormerland'). NULL otherwise. CBS source: the members' own figures of the indicator's tables,
harmonised to today's boundaries as the ommeland is.
"""

from __future__ import annotations

import duckdb

#: the ommeland's members' numerators per COROP region, indicator and year, their sum and the
#: two largest (the city itself may be the largest: then the ommeland's is the second)
DOMINANT_SQL = """
CREATE OR REPLACE TEMP TABLE _ommeland_dominant AS
WITH ind AS (SELECT indicator_id FROM catalogue_indicators WHERE method <> 'level'),
mem AS (SELECT set_id AS corop_code, region_code FROM region_sets WHERE set_id LIKE 'CR%'),
size AS (SELECT corop_code, count(*) AS n FROM mem GROUP BY 1),
nums AS (
    SELECT m.corop_code, i.indicator_id, a.year, a.region_code, abs(a.value) AS v
    FROM series_all a
    JOIN ind i ON a.series_id = i.indicator_id || ':num'
    JOIN mem m USING (region_code)
    WHERE a.value IS NOT NULL
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY corop_code, indicator_id, year
                                 ORDER BY v DESC, region_code) AS rk
    FROM nums
),
corop AS (
    SELECT corop_code, indicator_id, year, sum(v) AS total, count(*) AS n_with,
           max(region_code) FILTER (WHERE rk = 1) AS top1, max(v) FILTER (WHERE rk = 1) AS v1,
           max(region_code) FILTER (WHERE rk = 2) AS top2, max(v) FILTER (WHERE rk = 2) AS v2
    FROM ranked GROUP BY ALL
),
cells AS (
    SELECT o.region_code, o.indicator_id, o.year,
           CASE WHEN c.top1 = o.region_code THEN c.top2 ELSE c.top1 END AS member,
           CASE WHEN c.top1 = o.region_code THEN c.v2 ELSE c.v1 END AS v,
           c.total - coalesce(own.v, 0) AS rest
    FROM ommeland o
    JOIN corop c USING (corop_code, indicator_id, year)
    JOIN size z USING (corop_code)
    LEFT JOIN nums own ON own.region_code = o.region_code
     AND own.indicator_id = o.indicator_id AND own.year = o.year
    WHERE o.ommeland_value IS NOT NULL AND o.ommeland_rounding IS NULL
      -- every other member has a figure: the ommeland is their sum
      AND c.n_with - (own.v IS NOT NULL)::INTEGER = z.n - 1 AND z.n > 1
)
SELECT region_code, indicator_id, year, member, least(v / rest, 1.0) AS share
FROM cells WHERE rest > 0 AND v / rest > {threshold}
"""

SET_SQL = """
ALTER TABLE ommeland ADD COLUMN ommeland_dominant VARCHAR;
ALTER TABLE ommeland ADD COLUMN ommeland_dominant_share DOUBLE;
UPDATE ommeland o SET ommeland_dominant = d.member, ommeland_dominant_share = d.share
FROM _ommeland_dominant d
WHERE o.region_code = d.region_code AND o.indicator_id = d.indicator_id AND o.year = d.year;
DROP TABLE _ommeland_dominant;
"""


def build_ommeland_dominant(con: duckdb.DuckDBPyConnection, threshold: float) -> int:
    """Add ``ommeland_dominant`` and ``ommeland_dominant_share`` to ``ommeland`` (see the
    module docstring) from ``region_sets``, ``series_all`` and ``catalogue_indicators``;
    ``threshold``: the share (0-1) a member must exceed. Returns the number of cells set."""
    con.execute(DOMINANT_SQL.format(threshold=float(threshold)))
    n = con.execute("SELECT count(*) FROM _ommeland_dominant").fetchone()[0]
    con.execute(SET_SQL)
    return int(n)
