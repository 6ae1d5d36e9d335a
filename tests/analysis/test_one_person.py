"""A percentage of persons CBS publishes with their count (payment arrears, of the adults):
where one person more or less moves it by at least CBS's unit of it (0,1 point), the label
or deviation one person from its cut is withheld, as a small base's (``signal_kies.one_case``
over ``small_bases.case_bases_view``). The adults are fewer than the inhabitants, so one
person is at least ``100 / inhabitants`` points."""

from __future__ import annotations

SHARE = "payment_arrears_share"


def _population(wh, region: str) -> float:
    return wh.execute("""SELECT value FROM series_all WHERE series_id = 'population:num'
                         AND region_code = ? AND year = 2024""", [region]).fetchone()[0]


def test_schiermonnikoogs_payment_arrears_are_no_task_one_person_from_the_cut(wh):
    # 0,8% in 2024 (stand 31 December 2023; CBS: 10 persons, rounded to tens): with 972
    # inhabitants one person is 0,103 point or more, CBS's unit 0,1; one fewer is at most
    # 0,697%, under the p75 of GK1 (0,75), its peers (0,775) and ST5 (0,70)
    assert wh.execute("""SELECT value FROM indicator_values WHERE region_code = 'GM0088'
                         AND indicator_id = ? AND year = 2024""", [SHARE]).fetchone() == (0.8,)
    assert _population(wh, "GM0088") == 972
    assert wh.execute("""SELECT max(unit) FROM published_rounding WHERE indicator_id = ?
                         AND year = 2024""", [SHARE]).fetchone() == (0.1,)
    assert wh.execute("""SELECT set_id, label FROM kies_richting WHERE region_code = 'GM0088'
                         AND indicator_id = ?""", [SHARE]).fetchall() == []
    assert wh.execute("""SELECT DISTINCT set_id FROM signal_rows WHERE region_code = 'GM0088'
                         AND indicator_id = ? AND kind = 'group_deviation'""",
                      [SHARE]).fetchall() == []


def test_one_person_under_cbss_unit_leaves_the_label(wh):
    # Vlieland's 1,5% of 2024: 1 255 inhabitants, one person 0,08 point, under CBS's unit:
    # its urgent task and deviation in GK1 stay (1,5% against a median of 0,6%)
    assert 100 / _population(wh, "GM0096") < 0.1
    assert wh.execute("""SELECT label FROM kies_richting WHERE region_code = 'GM0096'
                         AND indicator_id = ? AND set_id = 'GK1'""", [SHARE]).fetchall() \
        == [("urgent task",)]
    assert wh.execute("""SELECT count(*) FROM signal_rows WHERE region_code = 'GM0096'
                         AND indicator_id = ? AND set_id = 'GK1'
                         AND kind = 'group_deviation'""", [SHARE]).fetchone()[0] > 0
