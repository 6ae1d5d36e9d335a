"""Positions in a comparison group behind 'Kies richting' and the group_deviation signals:
a value equal to the group's median is in no quarter (nor half), tied values share the
middle of their places, and a deviation from the group needs as many figures as a quarter.

Before (main 3a0aa22, real snapshot): 281 of the 21 440 ``kies_richting`` rows had the
group's median as their value, Ameland's 0,6 on the zorgpremie arrears in GK1 (2024) among
them, a 'distinctive strength in the most favourable quarter' with four others at 0,6 while
two do better; 2 251 group_deviation signals rested on fewer than six figures (Ameland's
share of 25-44-year-olds, 3 of the 11 of GK1; Amsterdam in the G4). An ommeland_deviation,
whose strength is the gap in the group's scale (1.4826 x MAD), needs as many: before
(dd3ad91) 2 265 of the 62 458 (3 721 of 104 418 rows, a row per opgave) rested on a MAD of
2-5 figures, 91 of them among the three strongest of their municipality in that group."""

from __future__ import annotations

import duckdb

from stadstrends.analysis.printed_values import printed
from stadstrends.analysis.signal_kies import KIES_MIN_N
from stadstrends.analysis.signals import DEVIATION_MIN_N, build_signals

from .test_signals import A, B, make_signal_warehouse


def test_a_value_at_the_median_gets_no_label():
    """B's income is a distinctive strength (test_signals); at the group's median it is in
    no quarter, whatever its percentile says."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    con.execute("UPDATE set_benchmarks SET median = value WHERE region_code = ? "
                "AND indicator_id = 'income'", [B])
    build_signals(con)
    got = con.execute("SELECT region_code, indicator_id FROM kies_richting").fetchall()
    assert (B, "income") not in got and got


def _kies_with_units(unit: int | None) -> set[tuple[str, str]]:
    """Kies richting's (region, indicator) pairs of the signal warehouse with the catalogue's
    decimals (0: a unit of 1) and, for ``unit``, CBS rounding the income of 2022 to it."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    con.execute("ALTER TABLE indicators ADD COLUMN decimals INTEGER DEFAULT 0")
    if unit:
        con.execute("CREATE TABLE mean_rounding AS SELECT 'income' AS indicator_id, "
                    "2022::BIGINT AS year, ?::INTEGER AS unit", [unit])
    build_signals(con)
    return set(con.execute("SELECT region_code, indicator_id FROM kies_richting").fetchall())


def test_a_value_within_the_figures_rounding_of_its_cut_gets_no_label():
    """B's income, 40 beside a median of 35, is a distinctive strength when the figures are
    rounded to units; rounded to tens (as CBS rounds gas use per dwelling) 40 and 35 may be
    the same, and it gets no label: its place rests on less than the rounding."""
    assert (B, "income") in _kies_with_units(None)
    assert (B, "income") not in _kies_with_units(10)


def test_a_deviation_needs_as_many_figures_as_a_quarter():
    con = duckdb.connect()
    make_signal_warehouse(con)
    build_signals(con)
    dev = "SELECT count(*) FROM signals WHERE kind = 'group_deviation'"
    before = con.execute(dev).fetchone()[0]
    con.execute("UPDATE set_benchmarks SET n = ?", [DEVIATION_MIN_N - 1])
    build_signals(con)
    assert before > 0 and con.execute(dev).fetchone()[0] == 0
    assert DEVIATION_MIN_N == KIES_MIN_N == 6


def test_an_ommeland_deviation_needs_as_many_figures_for_its_scale():
    """A's unemployment is 1,5 points above its ommeland: 1,5 group scales over six figures,
    no signal over five (the scale of five figures is no yardstick)."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    build_signals(con)
    omm = "SELECT region_code, indicator_id, n FROM signals WHERE kind = 'ommeland_deviation'"
    before = con.execute(omm).fetchall()
    assert (A, "unemp", DEVIATION_MIN_N) in before
    con.execute("UPDATE set_benchmarks SET n = ?", [DEVIATION_MIN_N - 1])
    build_signals(con)
    assert before and con.execute(omm).fetchall() == []


def _deviations(value: float, unit: int | None = None) -> set[tuple[str, str]]:
    """The group_deviation signals of the signal warehouse with the catalogue's decimals 0
    (a unit of 1), A's unemployment set to ``value`` (1,35 robust z from the median 2,0, as
    Ede's low-income share in CR13) and, for ``unit``, CBS rounding it to that in 2022."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    con.execute("ALTER TABLE indicators ADD COLUMN decimals INTEGER DEFAULT 0")
    con.execute("UPDATE set_benchmarks SET value = ?, robust_z = 1.35 WHERE region_code = ? "
                "AND indicator_id = 'unemp'", [value, A])
    if unit:
        con.execute("CREATE TABLE mean_rounding AS SELECT 'unemp' AS indicator_id, "
                    "2022::BIGINT AS year, ?::INTEGER AS unit", [unit])
    build_signals(con)
    return set(con.execute("SELECT region_code, indicator_id FROM signals "
                           "WHERE kind = 'group_deviation'").fetchall())


def test_no_deviation_from_the_group_within_the_figures_rounding():
    """A's unemployment 3 against the median 2, figures rounded to units: 'rond de
    mediaan' in the report and Kies richting, so no 'ongunstig vergeleken met de groep';
    at 3,2 it is past the unit and a deviation; rounded to fives (as CBS a mean) it is
    not."""
    assert (A, "unemp") not in _deviations(3.0)
    assert (A, "unemp") in _deviations(3.2)
    assert (A, "unemp") not in _deviations(3.2, unit=5)


# --- the real snapshot ------------------------------------------------------------------


def test_real_no_label_at_the_median(wh):
    at_median = wh.execute("SELECT count(*) FROM kies_richting WHERE value = median"
                           ).fetchone()[0]
    assert at_median == 0  # 281 before
    # the rule is needed beside the mid-rank: a median value tied with a half of an odd
    # group sits at 25 or 75 (1, 1, 2, 2, 2): 160 such positions
    assert wh.execute("""SELECT count(*) FROM set_benchmarks WHERE value = median AND n >= 6
                         AND (percentile <= 25 OR percentile >= 75)""").fetchone()[0] > 0
    ameland = wh.execute("""SELECT indicator_id FROM kies_richting
                            WHERE region_code = 'GM0060' AND set_id = 'GK1'""").fetchall()
    assert ("payment_arrears_share",) not in ameland
    assert ("crimes_per_1000",) in ameland  # its other strengths stay


def test_real_labels_agree_with_the_places_of_the_ties(wh):
    """A strength is in the favourable quarter counting ties at the middle of their places:
    the members doing better are at most about a quarter of the others. Ties are of the
    figures as printed (the catalogue's decimals, ``set_benchmarks.printed``)."""
    mine, theirs = printed("k.value", "d.decimals"), printed("v.value", "d.decimals")
    rows = wh.execute(f"""
        SELECT k.set_id, k.region_code, k.indicator_id, k.n, k.label,
               count(*) FILTER (WHERE k.dir_sign * ({theirs} - {mine}) > 0) AS better,
               count(*) FILTER (WHERE {theirs} = {mine}) - 1 AS tied
        FROM (SELECT *, CASE direction WHEN 'higher_better' THEN 1 ELSE -1 END AS dir_sign
              FROM kies_richting) k
        JOIN indicators d ON d.indicator_id = k.indicator_id
        JOIN comparison_group_members m ON m.set_id = k.set_id AND m.focal_code IS NULL
        JOIN indicator_values v ON v.region_code = m.region_code
         AND v.indicator_id = k.indicator_id AND v.year = k.year
        WHERE k.label = 'distinctive strength' AND EXISTS (  -- members, not outsiders
            SELECT 1 FROM comparison_group_members o WHERE o.set_id = k.set_id
            AND o.region_code = k.region_code AND o.focal_code IS NULL)
        GROUP BY ALL""").fetchall()
    assert len(rows) > 1000
    for set_id, code, ind, n, _, better, tied in rows:
        # mid-rank >= 75: better + tied / 2 <= (n - 1) / 4
        assert better + tied / 2 <= (n - 1) / 4 + 1e-9, (set_id, code, ind, better, tied)


def test_real_no_deviation_from_the_group_over_fewer_than_six(wh):
    few = wh.execute("SELECT count(*) FROM signals WHERE kind = 'group_deviation' AND n < 6"
                     ).fetchone()[0]
    assert few == 0  # 2 251 before
    ameland = {r[0] for r in wh.execute("""
        SELECT indicator_id FROM signals WHERE region_code = 'GM0060' AND set_id = 'GK1'
          AND kind = 'group_deviation'""").fetchall()}
    assert "share_age_25_44" not in ameland and ameland  # deviations over six or more stay
    g4 = wh.execute("""SELECT count(*) FROM signals WHERE set_id = 'G4'
                       AND kind = 'group_deviation'""").fetchone()[0]
    assert g4 == 0  # four members: never six figures


def test_real_no_ommeland_deviation_in_a_scale_of_fewer_than_six(wh):
    """Midden-Delfland (GM1842) in COROP region CR27 (3 members), share of crimes cleared up
    2024: 25,5% against 19,8% in its ommeland, the three members' MAD 0,015 points, so 258
    'scales' and the strongest signal of the municipality in that group. Not a finding; in
    the G40-size groups with six or more figures the ommeland deviations stay."""
    few = wh.execute("SELECT count(*) FROM signals WHERE kind = 'ommeland_deviation' "
                     "AND (n IS NULL OR n < 6)").fetchone()[0]
    assert few == 0  # 3 721 rows before
    mad, n = wh.execute("""SELECT any_value(mad), any_value(n) FROM group_benchmarks
                           WHERE set_id = 'CR27' AND indicator_id = 'crimes_cleared_share'
                             AND year = 2024""").fetchone()
    assert n == 3 and mad < 0.02
    cr27 = wh.execute("""SELECT count(*) FROM signals WHERE set_id = 'CR27'
                         AND region_code = 'GM1842' AND kind = 'ommeland_deviation'
                         AND indicator_id = 'crimes_cleared_share'""").fetchone()[0]
    assert cr27 == 0
    stay = wh.execute("""SELECT count(*), min(n) FROM signals
                         WHERE kind = 'ommeland_deviation'""").fetchone()
    assert stay[0] > 90_000 and stay[1] >= 6


def test_real_no_label_within_the_figures_rounding(wh):
    """Zwolle's registered crimes per 1 000 of 2024, 52,9 (provisional) against the G40's
    median of 52,8 and rising, was an 'urgent task' in the unfavourable half: two figures
    rounded to a tenth can be a tenth apart while equal. Before, 926 labels in all groups
    (678 strengths, 248 tasks) lay within the rounding unit of the median; now none
    (claims.label_within_rounding), and Zwolle's crimes stay an urgent task where they are
    far beyond the cut (its COROP region, 24,6)."""
    zwolle = dict(wh.execute("""SELECT set_id, label FROM kies_richting
        WHERE region_code = 'GM0193' AND indicator_id = 'crimes_per_1000'""").fetchall())
    assert "G40" not in zwolle and zwolle.get("CR10") == "urgent task", zwolle
    from stadstrends.analysis.claims import CHECKS
    assert wh.execute(CHECKS["label_within_rounding"]).fetchall() == []


def test_real_no_group_deviation_within_the_figures_rounding(wh):
    """Ede's low-income share of 2023, 7% against the median 6% of its COROP region CR13
    (whole percents, 1,3 robust z), was 'ongunstig vergeleken met de groep' while the
    report says 'rond de mediaan'; before, 28 signal rows (14 deviations, none in the G40)
    lay within the figures' rounding unit of the median, now none; Ede stays compared in
    CR13 (its other deviations keep their signals)."""
    from stadstrends.analysis.claims import CHECKS
    assert wh.execute(CHECKS["group_deviation_within_rounding"]).fetchall() == []
    ede = wh.execute("""SELECT value, median FROM group_benchmarks WHERE set_id = 'CR13'
        AND region_code = 'GM0228' AND indicator_id = 'low_income_households_share'
        AND year = 2023""").fetchall()
    assert ede == [(7.0, 6.0)]  # still one unit apart: the check above is not empty by luck
    assert wh.execute("""SELECT count(*) FROM signals WHERE set_id = 'CR13'
        AND region_code = 'GM0228' AND kind = 'group_deviation'""").fetchone()[0] > 0
