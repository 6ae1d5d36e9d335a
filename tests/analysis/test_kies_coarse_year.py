"""Kies richting does not rest a label on one year's figure of a count CBS rounds coarsely for
the municipality unless the trend tested over the fixed window agrees (``signal_kies``; the
rule of ``coarse_counts``, by which the report marks such a figure 'berekend uit afgerond
aantal'). Schiermonnikoog's new dwellings of 2023, 0 of 615 (rounded to fives: 0 to 2), after
15 in 2022, were an 'urgent task' in the lowest quarter of GK1 with no significant trend. Nor
on a share of a small base that one case more or less moves to its quarter's cut
(``signal_kies.ONE_CASE``): its cleared crimes of 2024, 13,6% of 20 crimes, under GK1's p25."""

from __future__ import annotations

NEW = "new_construction_per_1000_dwellings"


def test_schiermonnikoogs_new_dwellings_of_one_year_are_no_urgent_task(wh):
    # the facts the old label stood on: a rounded 0 in 2023, 15 dwellings in 2022, ...
    counts = dict(wh.execute("""SELECT year, count FROM rounded_counts
                                WHERE region_code = 'GM0088' AND indicator_id = ?""",
                             [NEW]).fetchall())
    assert (counts[2022], counts[2023]) == (15, 0)
    assert wh.execute("""SELECT count(*) FROM coarse_counts WHERE region_code = 'GM0088'
                         AND indicator_id = ? AND year = 2023""", [NEW]).fetchone() == (1,)
    # ... in GK1's lowest quarter beyond CBS's rounding (p25 7,5 per 1 000, 0 to 4,1) ...
    assert wh.execute("""SELECT count(*) FROM coarse_positions WHERE region_code = 'GM0088'
                         AND indicator_id = ? AND set_id = 'GK1'""", [NEW]).fetchone() == (0,)
    # ... with no significant trend over the window
    assert wh.execute("""SELECT classification FROM trends WHERE region_code = 'GM0088'
                         AND indicator_id = ?""", [NEW]).fetchone() == ("no significant change",)
    assert wh.execute("""SELECT set_id, label FROM kies_richting WHERE region_code = 'GM0088'
                         AND indicator_id LIKE '%dwelling%'""").fetchall() == []


def test_a_coarse_year_keeps_its_label_where_the_tested_trend_agrees(wh):
    # Blaricum's net growth of 0 dwellings in 2023 (a rounded 0), its stock growth falling
    assert wh.execute("""SELECT label, value, momentum FROM kies_richting
                         WHERE region_code = 'GM0376' AND set_id = 'GK3'
                           AND indicator_id = 'dwelling_stock_growth_per_1000'""").fetchall() \
        == [("urgent task", 0.0, "worsening")]


def test_no_label_on_a_coarse_year_without_an_agreeing_trend(wh):
    rows = wh.execute("""
        SELECT k.label, k.momentum, count(*) FROM kies_richting k
        JOIN coarse_counts c USING (region_code, indicator_id, year) GROUP BY ALL""").fetchall()
    assert rows and {(label, momentum) for label, momentum, _ in rows} <= {
        ("urgent task", "worsening"), ("distinctive strength", "improving")}


def test_schiermonnikoogs_cleared_crimes_are_no_task_where_one_crime_reaches_the_cut(wh):
    rows = dict(wh.execute("""SELECT set_id, p25 FROM kies_richting
                              WHERE region_code = 'GM0088'
                                AND indicator_id = 'crimes_cleared_share'""").fetchall())
    # 13,6% of 20 crimes: one cleared crime more is 18,6%, past GK1's p25 of 16,0% (and the
    # peers'), short of the COROP region's 20,5%, where the task stays
    assert "GK1" not in rows and "PEERS" not in rows
    assert rows["CR04"] == 20.45
    base = wh.execute("""SELECT base_count FROM small_bases WHERE region_code = 'GM0088'
                         AND indicator_id = 'crimes_cleared_share' AND year = 2024""").fetchone()
    assert base == (20.0,)
    assert all(13.6 + 100 / 20 < p25 for p25 in rows.values())
