"""A published mean whose weight CBS rounds to 0 is still CBS's figure.

A ``weighted_mean`` (unemployment %, income, WOZ value) is CBS's own figure, weighted by a
base (the labour force, households, dwellings) only where figures must be combined: a merged
or split municipality from its codes' figures (the harmonisation sums mean x base and base),
COROP regions, provinces and Nederland (:mod:`.aggregate`). CBS publishes some bases
rounded: 85230NED and 86088NED give the labour force in thousands, so Schiermonnikoog's (some
500 people) is 0 in 2003-2016 and 2021. Mean x 0 / 0 has no value, and its unemployment was
left out as if no figure could be computed, while CBS publishes one every year (2021: 3,2%).

:data:`ZERO_WEIGHT_MEANS_SQL` keeps, before the harmonisation, the published means of the
municipality-years whose base is 0 (``_zero_weight_means``); :data:`KEEP_SQL`, after the
values, gives such a municipality its own published mean where its value rests on its own
code alone (no ``series_parts`` row of the numerator or the denominator: not summed from
several codes, no part of one). A merged or split municipality whose every part's weight is
0 stays without a figure, with the reason ``weight_rounded_to_zero`` (:data:`VALUES_SQL
<stadstrends.indicators.build.VALUES_SQL>`): its parts' means cannot be weighed. A part of
weight 0 beside others with a weight counts with weight 0; its true weight, under half the
unit, is as uncertain as every other part's (each +- half the unit). The regions around
Schiermonnikoog (Noord-Friesland, Fryslân, Nederland) are CBS's own figures
(``region_cbs_means``) in every year; an ommeland summed over its other members takes the
island at weight 0, at most 0,013 points from any weight under 500 (half a printed unit is
0,05).
"""

from __future__ import annotations

# run after SERIES_RAW_FINAL_SQL, while _picked and _part_info exist: the few bases of 0 first
# (16 rows in the snapshot), then their means
ZERO_WEIGHT_MEANS_SQL = """
CREATE OR REPLACE TEMP TABLE _zero_weight_means AS
WITH zero AS (
    SELECT i.indicator_no, p.region_code, p.year
    FROM _picked p JOIN _part_info i USING (part_no)
    WHERE i.role = 'den' AND i.weighted AND p.value = 0 AND p.region_code LIKE 'GM%'
)
SELECT i.indicator_id, n.region_code, n.year, n.value
FROM _picked n JOIN _part_info i USING (part_no)
JOIN zero z ON z.indicator_no = i.indicator_no AND z.region_code = n.region_code
           AND z.year = n.year
WHERE i.role = 'num' AND i.weighted AND n.value IS NOT NULL
"""

# run right after VALUES_SQL (series_parts exists), before the gaps' steps read the values
KEEP_SQL = """
UPDATE indicator_results r SET value = z.value * c.scale, reason = NULL, reason_detail = NULL
FROM _zero_weight_means z JOIN catalogue_indicators c USING (indicator_id)
WHERE r.indicator_id = z.indicator_id AND r.region_code = z.region_code AND r.year = z.year
  AND r.reason = 'weight_rounded_to_zero'
  AND NOT EXISTS (SELECT 1 FROM series_parts p
                  WHERE p.series_id IN (z.indicator_id || ':num', z.indicator_id || ':den')
                    AND p.region_code = z.region_code AND p.year = z.year);
DROP TABLE _zero_weight_means;
"""
