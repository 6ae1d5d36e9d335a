"""When CBS's rounding of a count (``numerator_rounding``) is large next to a municipality's
own count, and when it could move the municipality past its group's p25, median or p75.

Shared by the analysis (Kies richting leaves such a quarter out) and the report (its
sentences carry a caveat, :mod:`stadstrends.publish.rounding`).
"""

from __future__ import annotations

#: A municipality's count is coarse when half CBS's rounding unit is more than this share of
#: its count in the latest rounded year (Vlieland's 700 jobs in 2023: 50 / 700 = 7%); a
#: count of 0 always is (Vlieland's net growth of its dwelling stock in 2023, rounded to 5)
COARSE_SHARE = 0.05

#: (set_id, region_code, indicator_id) of the rows of a relation ``{rows}`` (set_id,
#: region_code, indicator_id, year, value, p25, median, p75) whose ratio rests on a coarse
#: count (:data:`COARSE_SHARE`) and whose value, moved by half the rounding unit either way
#: (in the indicator's unit: unit / 2 x scale / denominator), passes the p25, median or p75
COARSE_POSITION_SQL = f"""
SELECT DISTINCT p.set_id, p.region_code, p.indicator_id
FROM {{rows}} p
JOIN numerator_rounding r ON r.indicator_id = p.indicator_id AND r.year = p.year
JOIN catalogue_indicators c ON c.indicator_id = p.indicator_id AND c.method = 'ratio'
JOIN series_all n ON n.series_id = p.indicator_id || ':num' AND n.region_code = p.region_code
                 AND n.year = p.year
JOIN series_all d ON d.series_id = c.denominator_series AND d.region_code = p.region_code
                 AND d.year = p.year AND d.value > 0
WHERE r.unit / 2 > {COARSE_SHARE} * abs(n.value)
  AND (p.p25 BETWEEN p.value - r.unit / 2 * c.scale / d.value
                 AND p.value + r.unit / 2 * c.scale / d.value
    OR p.median BETWEEN p.value - r.unit / 2 * c.scale / d.value
                    AND p.value + r.unit / 2 * c.scale / d.value
    OR p.p75 BETWEEN p.value - r.unit / 2 * c.scale / d.value
                 AND p.value + r.unit / 2 * c.scale / d.value)
"""
