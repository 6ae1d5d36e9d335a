"""A percentage of persons CBS publishes with their count (payment arrears, of the adults):
a label, deviation or position whose cut lies within the larger of one person and half CBS's
unit of it (0,05 point) from its figure is withheld ('rond de grens' for a position), as a
small base's (``signal_kies.one_case`` over ``small_bases.case_bases_view``). The adults are
fewer than the inhabitants, so one person is at least ``100 / inhabitants`` points."""

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


def test_half_cbss_unit_from_the_cut_withholds_the_label_and_marks_the_position(wh):
    # Ameland's 0,6% of 2024: one person (3 839 inhabitants) 0,026 point, under CBS's unit
    # 0,1, but CBS's 0,6 is 0,55 to 0,65: PV21's p25 of 0,625 and CR04's 0,65 lie within half
    # the unit; its 'distinctive strength' in both (session 50) is withheld, and its position
    # is 'rond de grens van het laagste kwart' (case_positions)
    assert wh.execute("""SELECT value FROM indicator_values WHERE region_code = 'GM0060'
                         AND indicator_id = ? AND year = 2024""", [SHARE]).fetchone() == (0.6,)
    assert 100 / _population(wh, "GM0060") < 0.05
    cuts = dict(wh.execute("""SELECT set_id, round(p25, 3) FROM group_benchmarks
                              WHERE region_code = 'GM0060' AND indicator_id = ?
                                AND year = 2024 AND set_id IN ('PV21', 'CR04')""",
                           [SHARE]).fetchall())
    assert cuts == {"PV21": 0.625, "CR04": 0.65}
    assert wh.execute("""SELECT set_id FROM kies_richting WHERE region_code = 'GM0060'
                         AND indicator_id = ?""", [SHARE]).fetchall() == []
    assert wh.execute("""SELECT set_id, cut FROM case_positions WHERE region_code = 'GM0060'
                         AND indicator_id = ? AND year = 2024 AND set_id IN ('PV21', 'CR04')
                         ORDER BY 1""", [SHARE]).fetchall() == [("CR04", "p25"),
                                                                ("PV21", "p25")]


def test_half_cbss_unit_withholds_a_deviation_at_its_threshold(wh):
    # Leeuwarden's 1,5% of 2024 in GK6: 0,4 above the median of 1,1 at 1,08 scales, its
    # threshold (1 scale, 0,37) 0,03 under the figure: within half CBS's unit (0,05), not
    # within one person (0,0008 point): no 'ongunstig vergeleken met de groep'
    value, median, scale = wh.execute("""SELECT value, median, (value - median) / robust_z
                                         FROM group_benchmarks
                                         WHERE region_code = 'GM0080' AND indicator_id = ?
                                           AND year = 2024 AND set_id = 'GK6'""",
                                      [SHARE]).fetchone()
    assert (value, median) == (1.5, 1.1)
    assert 100 / _population(wh, "GM0080") < value - median - scale < 0.05
    assert wh.execute("""SELECT count(*) FROM signal_rows WHERE region_code = 'GM0080'
                         AND indicator_id = ? AND kind = 'group_deviation'
                         AND set_id = 'GK6'""", [SHARE]).fetchone()[0] == 0



def test_one_person_is_one_of_the_adults_the_share_is_of(wh):
    # the catalogue's persons_base: 85383NED's inhabitants less those under 18 on 1 January
    # of the year shown (Vlieland 2024: 1 255 - 123), not the inhabitants: one person 0,088
    # point, not 0,080; the share's sources stay 81064ned's
    from stadstrends.analysis.claims import _CASES

    assert wh.execute("""SELECT value FROM series_all WHERE series_id = ?
                         AND region_code = 'GM0096' AND year = 2024""",
                      [f"{SHARE}:base"]).fetchone() == (1132.0,)
    step = wh.execute(f"""SELECT step FROM {_CASES} WHERE region_code = 'GM0096'
                          AND indicator_id = ? AND year = 2024""", [SHARE]).fetchone()[0]
    assert abs(step - 100 / 1132) < 1e-12
    assert wh.execute("SELECT used_tables FROM indicators WHERE indicator_id = ?",
                      [SHARE]).fetchone() == (["81064ned"],)


def test_withheld_labels_say_why(wh):
    # the labels only the near-cut rule withheld, with its reason: Ameland's strengths
    # (half CBS's unit, 0,05, more than one of 3 167 adults), Schiermonnikoog's task in GK1
    # (one of 864 adults, 0,116 point); none of them is in kies_richting
    rows = wh.execute("""SELECT set_id, reason, would_be, round(cut, 3) FROM withheld_labels
                         WHERE indicator_id = ? AND year = 2024
                           AND (region_code = 'GM0060' AND set_id IN ('PV21', 'CR04')
                                OR region_code = 'GM0088' AND set_id = 'GK1')
                         ORDER BY 1""", [SHARE]).fetchall()
    assert rows == [("CR04", "cbs_rounding", "distinctive strength", 0.65),
                    ("GK1", "one_case", "urgent task", 0.75),
                    ("PV21", "cbs_rounding", "distinctive strength", 0.625)]
    assert wh.execute("""SELECT count(*) FROM withheld_labels
                         SEMI JOIN kies_richting USING (set_id, region_code, indicator_id)
                         """).fetchone() == (0,)
