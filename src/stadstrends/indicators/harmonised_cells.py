"""Which municipal values the harmonisation recalculated for today's boundaries.

``harmonised_cells(indicator_id, region_code, year)``: today's municipalities whose value
of an indicator in a year rests on a series the harmonisation summed from more than one
code or took a part of one code for (``series_parts``, :mod:`stadstrends.harmonise.apply`):
its numerator, its denominator (a denominator indicator's numerator too), and for a
``change_of`` the count of both years. What the report marks '*' and words 'omgerekend'
(:mod:`stadstrends.publish.harmonised`). Read from what was done to each value, not from the
tables' boundary years: Groningen's payment arrears per 1 000 of 2019 (81064ned, a stock on
31 December 2018 summed over Groningen, Haren and Ten Boer) is one; Amsterdam's share with
payment arrears of 2023 (31 December 2022, the table on the boundaries with Weesp) and
Tilburg's share before 2021 (CBS's own percentage, kept) are none.
"""

from __future__ import annotations

# run after VALUES_SQL and CHANGE_SQL, while series_parts and the catalogue tables exist. A
# value without a denominator counts as divided by 1: a count of a part is changed by its
# weight. A ratio whose numerator and denominator are the same single code's, each scaled by
# the same weight, is CBS's own quotient (Heemskerk's one-person households 2000, of which
# 0.2% of the inhabitants now live in Beverwijk), as is a percentage kept as published
HARMONISED_CELLS_SQL = """
CREATE OR REPLACE TABLE harmonised_cells AS
WITH used AS (  -- the series a value rests on, and the year offset of each
    SELECT indicator_id, indicator_id || ':num' AS series_id, 0 AS k FROM catalogue_indicators
    UNION ALL
    SELECT indicator_id, denominator_series, 0 FROM catalogue_indicators
    UNION ALL  -- a change X(t+1) - X(t): the count of both years
    SELECT c.indicator_id, c.source_indicator || ':num', k.k
    FROM catalogue_changes c CROSS JOIN (VALUES (0), (1)) k(k)
),
cells AS (  -- the values with a series summed or scaled
    SELECT DISTINCT r.indicator_id, r.region_code, r.year
    FROM indicator_results r
    JOIN used u USING (indicator_id)
    JOIN series_parts p
      ON p.series_id = u.series_id AND p.region_code = r.region_code AND p.year = r.year + u.k
    WHERE r.value IS NOT NULL AND r.region_code LIKE 'GM%'
)
SELECT c.indicator_id, c.region_code, c.year
FROM cells c
JOIN used u USING (indicator_id)
LEFT JOIN series_parts p
  ON p.series_id = u.series_id AND p.region_code = c.region_code AND p.year = c.year + u.k
GROUP BY ALL
-- summed from several codes, or its series scaled unequally (a denominator of 1 unscaled)
HAVING bool_or(coalesce(p.parts, 1) > 1)
    OR count(DISTINCT round(coalesce(p.weight, 1), 9)) > 1
ORDER BY c.indicator_id, c.region_code, c.year
"""
