"""A deviation from the group or the ommeland ('ongunstig vergeleken met de groep') rests on
one year's figure, as a Kies richting label does, and follows its rules (``signal_kies``:
``trend_disagrees``, ``one_case``): not on a count CBS rounds coarsely unless the trend tested
over the fixed window goes its way, nor on a share of a small base that one case nearer the
median or the ommeland brings to the deviation's cut."""

from __future__ import annotations

NEW = "new_construction_per_1000_dwellings"


def _deviations(wh, region: str, indicator: str) -> set[tuple[str, str]]:
    return set(wh.execute("""SELECT set_id, kind FROM signal_rows WHERE region_code = ?
                             AND indicator_id = ? AND kind LIKE '%deviation'""",
                          [region, indicator]).fetchall())


def test_schiermonnikoogs_new_dwellings_of_one_year_are_no_deviation(wh):
    # 0 of 615 in 2023, a count rounded to fives (15 in 2022), no significant trend: it was
    # 'ongunstig vergeleken met de groep' in GK1 (median 12,9 per 1 000), as Kies richting's
    # urgent task before session 49
    assert wh.execute("""SELECT count FROM coarse_counts WHERE region_code = 'GM0088'
                         AND indicator_id = ? AND year = 2023""", [NEW]).fetchone() == (0,)
    assert wh.execute("""SELECT classification FROM trends WHERE region_code = 'GM0088'
                         AND indicator_id = ?""", [NEW]).fetchone() == ("no significant change",)
    assert _deviations(wh, "GM0088", NEW) == set()


def test_enschedes_rounded_zero_net_growth_is_no_deviation_in_the_g40(wh):
    # 0 dwellings of net growth in 2023 (810 in 2022), no significant trend: Kies richting
    # gave it no task since session 49, the signals still said 'ongunstig' beside the median
    counts = dict(wh.execute("""SELECT year, count FROM rounded_counts WHERE region_code =
                                'GM0153' AND indicator_id = 'dwelling_stock_growth_per_1000'
                                """).fetchall())
    assert (counts[2022], counts[2023]) == (810, 0)
    assert _deviations(wh, "GM0153", "dwelling_stock_growth_per_1000") == set()


def test_a_coarse_year_keeps_its_deviation_where_the_tested_trend_goes_its_way(wh):
    # Terschelling's thefts per 1 000 in 2024 (a count CBS rounds to fives), below GK1's
    # median and falling over the window
    assert wh.execute("""SELECT count(*) FROM coarse_counts WHERE region_code = 'GM0093'
                         AND indicator_id = 'thefts_per_1000' AND year = 2024""").fetchone() \
        == (1,)
    assert ("GK1", "group_deviation") in _deviations(wh, "GM0093", "thefts_per_1000")


def test_no_deviation_on_a_coarse_year_against_its_trend(wh):
    rows = wh.execute("""
        SELECT s.movement, t.classification, coalesce(t.rests_on_rounding, false), count(*)
        FROM signal_rows s JOIN coarse_counts c USING (region_code, indicator_id, year)
        LEFT JOIN (SELECT t.region_code, t.indicator_id, t.classification,
                          NOT coalesce(k.holds, true) AS rests_on_rounding
                   FROM trends t ANTI JOIN jump_trends USING (region_code, indicator_id)
                   LEFT JOIN coarse_trends k USING (region_code, indicator_id)
                   UNION ALL SELECT region_code, indicator_id, classification, false
                   FROM jump_trends) t USING (region_code, indicator_id)
        WHERE s.kind IN ('group_deviation', 'ommeland_deviation') GROUP BY ALL""").fetchall()
    assert rows and {r[:3] for r in rows} <= {("above", "rising", False),
                                              ("below", "falling", False)}


def test_schiermonnikoogs_cleared_crimes_are_no_deviation_one_crime_from_its_cut(wh):
    # 13,6% of 20 crimes in 2024: one cleared crime more is 18,6%, within a robust scale of
    # GK1's median 21,9% (robust z -1,06): 'ongunstig vergeleken met de groep' before
    assert wh.execute("""SELECT base_count FROM small_bases WHERE region_code = 'GM0088'
                         AND indicator_id = 'crimes_cleared_share' AND year = 2024
                         """).fetchone() == (20.0,)
    groups = {s for s, kind in _deviations(wh, "GM0088", "crimes_cleared_share")
              if kind == "group_deviation"}
    assert not groups & {"GK1", "NL01", "ST5", "TY6"}
    # 31,1% in its ommeland: 18,6% is still far below it, where the deviation stays
    assert ("GK1", "ommeland_deviation") in _deviations(wh, "GM0088", "crimes_cleared_share")
