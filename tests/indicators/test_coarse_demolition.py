"""Is the 5 % rule (build setting ``coarse_share``) right for demolition? (real snapshot)

CBS rounds demolitions (84903NED, 86054NED) to fives, so a municipality's count below 50 is
'coarse' (half the unit, 2,5, is more than 5% of it; ``coarse_counts``). That flags most
municipalities. (The report's caveat 'bij een aantal van deze grootte is de verandering
daardoor onzeker' asks more: publish/rounding.py's ``coarse_change``, whether the ends moved
by their spreads could meet.) Checked against the change itself: a rounded count of A is A-2
to A+2 dwellings, so the change between two years is off by up to 4 (the unit minus 1); it
is uncertain when the two rounded ends are equal (the direction is not known) or 4 dwellings
are more than 5% of it. Measured for 2023: 290 of the 342 municipalities flagged (62 of them
with 0); for 275 of them the change is uncertain by that measure (74 with equal ends, 201
with a change below 80 dwellings), 15 have a change of 80 or more. The rule is kept: one in
twenty flags too many, and a trend over counts that tie in a quarter of the year pairs
(22-31%: ties rounding may break) is uncertain too.
"""

from __future__ import annotations

from stadstrends.publish.read import build_settings

IND = "demolition_per_1000_dwellings"

ENDS_SQL = """
WITH cnt AS (SELECT region_code, year, value FROM series_all
             WHERE series_id = $ind || ':num' AND region_code LIKE 'GM%')
SELECT t.region_code, a.value AS first_count, b.value AS last_count, r.unit
FROM trends t
JOIN current_municipalities USING (region_code)
JOIN cnt a ON a.region_code = t.region_code AND a.year = t.first_year
JOIN cnt b ON b.region_code = t.region_code AND b.year = t.last_year
JOIN numerator_rounding r ON r.indicator_id = t.indicator_id AND r.year = t.last_year
WHERE t.indicator_id = $ind AND t.last_year = 2023
"""


def test_the_coarse_flags_of_demolition_mark_changes_rounding_makes_uncertain(wh):
    share = build_settings(wh).coarse_share
    rows = wh.execute(ENDS_SQL, {"ind": IND}).fetchall()
    assert len(rows) == 342 and {r[3] for r in rows} == {5}
    flagged = [r for r in rows if r[3] / 2 > share * abs(r[2])]
    assert len(flagged) == 290 and sum(r[2] == 0 for r in flagged) == 62
    equal = [r for r in flagged if r[1] == r[2]]
    small = [r for r in flagged if r[1] != r[2] and r[3] - 1 > share * abs(r[2] - r[1])]
    assert (len(equal), len(small)) == (74, 201)
    assert len(equal) + len(small) >= 0.94 * len(flagged)
