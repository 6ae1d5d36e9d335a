"""The value a city-ommeland gap trend tests (:mod:`stadstrends.analysis.gaps`): the signed
ln(city / ommeland), turned to the side the city is on in the series' last year (times -1
where the city ends below its ommeland). Where the city stays on one side over the tested
years that is |ln(city / ommeland)|, the gap's size, as before; where it crosses sides
the size says nothing about the divide. Before, the size was tested everywhere:

- a gap that ends on the other side than it started (``gap_sign_changed``; +5% -> -5% is no
  'shrinking' gap) was judged by a second, signed trend over the same years; its rising
  size (S = 20, p = 0,014) mostly while Zwolle was ahead said nothing: Zwolle's solar
  installations, +0,3% -> -7,3% in 2016-2023, the signed series S = -6 (p = 0,55). Now that
  signed trend is the gap trend itself (``mk_s``, ``mk_p``; ``crossing_p`` and
  ``crossing_slope``, ln ratio per year, keep it for such a gap): 'crossing' when it moves
  significantly toward the side the city ends on (S > 0), the same verdicts, one trend less;
- a gap on the same side at both ends but on the other side in between counted those years
  as small gaps: Voorne aan Zee's deaths per 1 000, +9,2% +-2,0% +5,0% +6,4% -6,2% +9,7%
  +14,6% +15,9% above the ommeland in 2016-2023, 'significantly growing' on the size (S = 20,
  p = 0,014), S = 14 (p = 0,11) on the signed series: now stable. Dongen's share of crimes
  solved, -18,5% -18,1% +8,7% +5,0% -13,6% +1,4% +2,5% -3,5%: 'catching up' on the size,
  no significant signed trend: stable. Such a gap grows only where its signed trend moves
  significantly away from parity on the side the city is on at both ends (and it is larger
  at the end than at the start), shrinks where it moves toward it.

Series that never cross keep their verdicts, S and p (tests/analysis/test_gap_sides.py).
"""

from __future__ import annotations

#: The points of the gap trends (``trend_sql``'s source): ln(city / ommeland) itself. The
#: series ``untested_gaps`` gives a reason for are left out (analysis/gap_reasons.py: a
#: projection, a measure that can be negative, a figure <= 0 in the window, too few years)
GAP_POINTS_SQL = """
(SELECT g.region_code, g.indicator_id, g.year, g.log_ratio, s.segment_start
 FROM region_gaps g
 JOIN series_segments s USING (indicator_id, year)
 ANTI JOIN untested_gaps u USING (region_code, indicator_id))
"""

#: ``trend_sql``'s rows over :data:`GAP_POINTS_SQL` (SQL relation ``{stats}``) turned to the
#: side the city ends on (``side``: -1 where its last ln ratio is below 0, else +1): S, z,
#: tau, the slope, the first, last and mean value times ``side``, 'rising' and 'falling'
#: swapped where it is -1. Mann-Kendall's p is the same for a series and its negative: the
#: test of the turned series without turning each point. With it the gap trends' statement
#: and the crossings' own signed trend it replaces, 0.30 -> 0.25 s of CPU (medians of 7
#: alternated; turning each point by a window over its series' last one: 0.33 s)
TURNED_SQL = """
SELECT t.* REPLACE (side * mk_s AS mk_s, side * mk_z AS mk_z, side * tau AS tau,
                    side * theil_sen_slope AS theil_sen_slope, side * first_value AS first_value,
                    side * last_value AS last_value, side * mean_value AS mean_value,
                    CASE WHEN side > 0 OR trend NOT IN ('rising', 'falling') THEN trend
                         WHEN trend = 'rising' THEN 'falling' ELSE 'rising' END AS trend)
FROM (SELECT *, CASE WHEN last_value < 0 THEN -1 ELSE 1 END AS side FROM ({stats})) t
"""

#: ``region_gap_trends.other_side_years``: the years strictly between a gap trend's first and
#: last year in which the city lies on the other side of its ommeland than at both ends (the
#: figures not printing the same: the catalogue's decimals or CBS's unit of a published mean,
#: as ``ends_level``); NULL where there are none, or where the ends lie on different sides.
#: A gap that grows or shrinks on the side it ends on says nothing of those years, so the
#: sentence names them: Noordoostpolder's owner-occupied share, above its ommeland in 2017 and
#: 2024 but below in 2019 ('het verschil wordt significant groter' hid it; 35 verdicts on the
#: 2025 snapshot). ``{mean_rounding}``: :func:`~.gap_rounding.mean_rounding_relation`; ``{unit}``:
#: :data:`~.gaps.UNIT` of the year's rounding ``r``.
OTHER_SIDE_SQL = """
ALTER TABLE region_gap_trends ADD COLUMN other_side_years INTEGER[];
UPDATE region_gap_trends t SET other_side_years = o.years FROM (
    SELECT t.region_code, t.indicator_id, list(g.year ORDER BY g.year)::INTEGER[] AS years
    FROM region_gap_trends t
    JOIN region_gaps g ON g.region_code = t.region_code AND g.indicator_id = t.indicator_id
     AND g.year > t.first_year AND g.year < t.last_year
    LEFT JOIN indicators i ON i.indicator_id = t.indicator_id
    LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM {mean_rounding} GROUP BY ALL) r
      ON r.indicator_id = t.indicator_id AND r.year = g.year
    WHERE sign(ln(t.first_ratio)) * sign(ln(t.last_ratio)) > 0
      AND sign(g.log_ratio) * sign(ln(t.last_ratio)) < 0
      AND NOT coalesce(round((g.city_value / {unit})::DECIMAL(38, 6))
                       = round((g.ommeland_value / {unit})::DECIMAL(38, 6)), false)
    GROUP BY ALL) o
WHERE t.region_code = o.region_code AND t.indicator_id = o.indicator_id;
"""
