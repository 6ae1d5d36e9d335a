"""Where CBS's rounding of a count (``numerator_rounding``) could move a municipality past
its group's p25, median or p75: Kies richting names no quarter there (the report's
sentences carry a caveat on the same rule, :mod:`stadstrends.publish.rounding`, reading the
threshold from ``build_info``). The threshold is the build setting ``coarse_share``.
"""

from __future__ import annotations

#: (set_id, region_code, indicator_id) of the rows of a relation ``{rows}`` (set_id,
#: region_code, indicator_id, year, value, p25, median, p75) whose ratio rests on a coarse
#: count (half the unit more than ``{share}``, the build setting ``coarse_share``, of it)
#: and whose value, moved by half the rounding unit either way (in the indicator's unit:
#: unit / 2 x scale / denominator), passes the p25, median or p75
COARSE_POSITION_SQL = """
SELECT DISTINCT p.set_id, p.region_code, p.indicator_id
FROM {rows} p
JOIN numerator_rounding r ON r.indicator_id = p.indicator_id AND r.year = p.year
JOIN catalogue_indicators c ON c.indicator_id = p.indicator_id AND c.method = 'ratio'
JOIN series_all n ON n.series_id = p.indicator_id || ':num' AND n.region_code = p.region_code
                 AND n.year = p.year
JOIN series_all d ON d.series_id = c.denominator_series AND d.region_code = p.region_code
                 AND d.year = p.year AND d.value > 0
WHERE r.unit / 2 > {share} * abs(n.value)
  AND (p.p25 BETWEEN p.value - r.unit / 2 * c.scale / d.value
                 AND p.value + r.unit / 2 * c.scale / d.value
    OR p.median BETWEEN p.value - r.unit / 2 * c.scale / d.value
                    AND p.value + r.unit / 2 * c.scale / d.value
    OR p.p75 BETWEEN p.value - r.unit / 2 * c.scale / d.value
                 AND p.value + r.unit / 2 * c.scale / d.value)
"""
