"""A regional figure leaves out what the municipality figure rejects (real snapshot).

The catalogue declares Ameland, Opmeer, Renswoude, Koggenland, Voorne aan Zee (2012-2024)
and Terschelling (2016-2017) ``unusable`` for the landlord shares (82900NED files (part
of) their housing-association dwellings under 'other'). Before, the sums of COROP region,
province and Nederland still counted them: Kop van Noord-Holland (CR18) had 27,3%
corporatiewoningen in 2012 instead of the 29,3% of its other municipalities, Noord-
Friesland (CR04) 27,3 instead of 28,0% in 2016, Hoorn's ommeland 23,5 instead of 25,8% in
2024 and Leeuwarden's 25,0 instead of 26,1% in 2016. Now the regional share is the
summed counts of the members with usable counts (CBS's and Platform31's practice), and
``region_left_out`` names the members left out.
"""

from __future__ import annotations

import pytest

from stadstrends.indicators.catalogue import load_catalogue

SOCIAL, PRIVATE = "social_housing_share", "private_rental_share"

# each region's share from its members' harmonised counts, without the declared members
EXPECTED_SQL = """
WITH members AS (
    SELECT s.set_id, n.year, n.value AS num, d.value AS den,
           u.region_code IS NOT NULL AS left_out
    FROM region_sets s
    JOIN series_all n ON n.region_code = s.region_code AND n.series_id = $ind || ':num'
    JOIN series_all d ON d.region_code = s.region_code AND d.series_id = $ind || ':den'
                     AND d.year = n.year
    LEFT JOIN catalogue_unusable u ON u.indicator_id = $ind AND u.region_code = s.region_code
     AND n.year BETWEEN u.year_from AND u.year_to
    WHERE s.set_id = 'NL01' OR s.set_id LIKE 'CR%' OR s.set_id LIKE 'PV%'
)
SELECT set_id, year, 100 * sum(num) FILTER (WHERE NOT left_out)
                         / sum(den) FILTER (WHERE NOT left_out) AS kept,
       100 * sum(num) / sum(den) AS everyone,
       list(DISTINCT 1) FILTER (WHERE left_out) IS NOT NULL AS has_left_out
FROM members GROUP BY ALL
"""


def _regional(wh, indicator: str) -> dict[tuple[str, int], float]:
    return {(c, y): v for c, y, v in wh.execute(
        """SELECT region_code, year, value FROM indicator_results WHERE indicator_id = ?
           AND value IS NOT NULL AND region_code NOT LIKE 'GM%'""", [indicator]).fetchall()}


@pytest.mark.parametrize("indicator", [SOCIAL, PRIVATE])
def test_regional_shares_sum_only_the_usable_members(wh, indicator):
    """Measured: 117 region-years per indicator have a member left out (nine regions in
    2012-2024); the largest shift is CR18's social share, +2,03 points in 2012 (27,31 ->
    29,34%; Opmeer and Koggenland left out), NL's is +0,08-0,09 point."""
    regional = _regional(wh, indicator)
    rows = wh.execute(EXPECTED_SQL, {"ind": indicator}).fetchall()
    assert len(rows) == 53 * 16  # 40 COROP regions, 12 provinces and NL, 2009-2024
    shifted = []
    for code, year, kept, everyone, has_left_out in rows:
        assert regional[(code, year)] == pytest.approx(kept, rel=1e-9), (code, year)
        if has_left_out:
            shifted.append((abs(kept - everyone), code, year))
    assert len(shifted) == 9 * 13
    assert {c for _, c, _ in shifted} == {"CR04", "CR17", "CR18", "CR29", "PV21", "PV26",
                                          "PV27", "PV28", "NL01"}
    if indicator == SOCIAL:
        assert max(shifted)[1:] == ("CR18", 2012) and max(shifted)[0] > 2


def test_region_left_out_names_the_members_and_the_reason(wh):
    rows = wh.execute("""SELECT indicator_id, region_code, year, members, reason
                         FROM region_left_out ORDER BY ALL""").fetchall()
    declared = {(i, c, y) for i, c, a, b, _ in load_catalogue().unusable_rows()
                for y in range(a, b + 1)}
    listed = {(i, m, y) for i, _, y, members, _ in rows for m in members}
    assert listed == declared
    assert len(rows) == 2 * 9 * 13
    assert (SOCIAL, "CR04", 2016, ["GM0060", "GM0093"], "housing_association_filed_as_other"
            ) in rows
    assert (SOCIAL, "CR18", 2012, ["GM0432", "GM1598"], "housing_association_filed_as_other, "
            "housing_association_partly_filed_as_other") in rows


def test_an_ommeland_leaves_them_out_too(wh):
    """Leeuwarden's ommeland (Noord-Friesland without it) in 2016: 26,1% corporatiewoningen
    from the other members' counts, not the 25,0% with Ameland and Terschelling's 0."""
    value = wh.execute("""SELECT ommeland_value FROM ommeland WHERE region_code = 'GM0080'
                          AND indicator_id = ? AND year = 2016""", [SOCIAL]).fetchone()[0]
    parts = wh.execute("""
        SELECT sum(n.value) FILTER (WHERE s.region_code NOT IN ('GM0060', 'GM0093',
                                                                'GM0080')),
               sum(d.value) FILTER (WHERE s.region_code NOT IN ('GM0060', 'GM0093',
                                                                'GM0080'))
        FROM region_sets s
        JOIN series_all n ON n.region_code = s.region_code AND n.series_id = ? || ':num'
        JOIN series_all d ON d.region_code = s.region_code AND d.series_id = ? || ':den'
         AND d.year = n.year
        WHERE s.set_id = 'CR04' AND n.year = 2016""", [SOCIAL, SOCIAL]).fetchone()
    assert value == pytest.approx(100 * parts[0] / parts[1], rel=1e-9)
    assert round(value, 1) == 26.1
