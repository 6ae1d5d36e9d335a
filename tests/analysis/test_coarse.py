"""CBS's rounding, one rule for all (analysis/coarse.py) on the real snapshot: the positions
``coarse_positions`` names are the ones rounding alone could move past the group's p25,
median or p75, and neither Kies richting nor the signals judge them. Schiermonnikoog's
payment arrears per 1 000 in 2024 (81064ned: 10 persons, rounded to tens, +-5,1 per 1 000)
were 'ongunstig vergeleken met de groep' (a group_deviation, robust z 2,6 in GK1) while the
report's sentence said its place in the group is uncertain."""

from __future__ import annotations

import math

import pytest

from stadstrends.analysis.benchmarks import MAD_SCALE
from stadstrends.analysis.printed_values import VIEW, printed_key
from stadstrends.analysis.signals import DEVIATION_MIN_N
from stadstrends.publish.read import build_settings

ARREARS = "payment_arrears_per_1000"


def _omm_min(wh) -> float:
    """Where an ommeland deviation begins in the warehouse's build (the setting
    ``ommeland_min``, in group scales)."""
    return build_settings(wh).ommeland_min


def test_schiermonnikoogs_arrears_position_rests_on_ten_rounded_persons(wh) -> None:
    count, unit, spread = wh.execute(
        "SELECT count, unit, spread FROM coarse_counts WHERE region_code = 'GM0088' "
        "AND indicator_id = ? AND year = 2024", [ARREARS]).fetchone()
    people = wh.execute("SELECT value FROM series_all WHERE series_id = 'population:num' "
                        "AND region_code = 'GM0088' AND year = 2024").fetchone()[0]
    assert (count, unit) == (10.0, 10)
    assert abs(spread - 5 * 1000 / people) < 1e-9  # half of ten, per 1 000 of some 970
    value, median, p75 = wh.execute(
        "SELECT value, median, p75 FROM group_benchmarks WHERE set_id = 'GK1' AND "
        "region_code = 'GM0088' AND indicator_id = ? AND year = 2024", [ARREARS]).fetchone()
    assert value - spread <= median <= p75 <= value  # 10,3 - 5,1 = 5,1 < 5,2 < 7,1 < 10,3
    assert wh.execute("SELECT reason FROM coarse_positions WHERE set_id = 'GK1' AND "
                      "region_code = 'GM0088' AND indicator_id = ? AND year = 2024",
                      [ARREARS]).fetchall() == [("crosses_p75",)]  # quarter before half


def test_a_place_near_a_cut_rests_on_any_rounded_count_not_only_a_coarse_one(wh) -> None:
    """Bunnik's bijstand in 2024: 130 recipients (rounded to tens: +-3,8 %, not a coarse
    count) per 16 108 inhabitants, 8,07 per 1 000, 42nd of the 55 of its size group whose
    p25 is 8,13: 125-135 recipients give 7,76-8,38, so the rounding alone decides whether
    Bunnik is in the lowest quarter. No strength in Kies richting, and the position is one
    rounding could change (the method text: 'Evenmin een cijfer waarvan alleen al de
    afronding door het CBS de plaats in het kwart kan veranderen')."""
    count, people = wh.execute("""
        SELECT n.value, p.value FROM series_all n JOIN series_all p USING (region_code, year)
        WHERE n.series_id = 'social_assistance_per_1000:num' AND p.series_id = 'population:num'
          AND region_code = 'GM0312' AND year = 2024""").fetchone()
    assert (count, people) == (130, 16108)
    assert not wh.execute("""SELECT * FROM coarse_counts WHERE region_code = 'GM0312' AND
        indicator_id = 'social_assistance_per_1000' AND year = 2024""").fetchall()
    value, p25 = wh.execute("""SELECT value, p25 FROM group_benchmarks WHERE set_id = 'GK3'
        AND region_code = 'GM0312' AND indicator_id = 'social_assistance_per_1000'
        AND year = 2024""").fetchone()
    assert 1000 * 125 / people < p25 < 1000 * 135 / people
    assert value == pytest.approx(1000 * count / people)
    assert wh.execute("""SELECT reason FROM coarse_positions WHERE set_id = 'GK3' AND
        region_code = 'GM0312' AND indicator_id = 'social_assistance_per_1000'
        AND year = 2024""").fetchall() == [("crosses_p25",)]
    assert not wh.execute("""SELECT * FROM kies_richting WHERE set_id = 'GK3' AND
        region_code = 'GM0312' AND indicator_id = 'social_assistance_per_1000'""").fetchall()


#: the sampled positions (``{rows}``: VALUES of set, code, indicator, year, spread) with
#: their figure moved by the spread either way, printed by the stored rule (printed_figures'
#: decimals and the step of printed_steps), and each group's other members as printed (the
#: view's key): one statement, not a copy of the rule
KEYS_SQL = f"""
WITH s(set_id, region_code, indicator_id, year, spread) AS (VALUES {{rows}})
SELECT s.set_id, s.region_code, s.indicator_id, s.year,
       {printed_key('(f.value - s.spread)', 'f.decimals', 'f.step')} AS lo,
       {printed_key('(f.value + s.spread)', 'f.decimals', 'f.step')} AS hi,
       (SELECT list(o.printed) FROM set_benchmarks b
        JOIN {VIEW} o USING (region_code, indicator_id, year)
        WHERE b.set_id = s.set_id AND b.indicator_id = s.indicator_id AND b.year = s.year
          AND b.region_code <> s.region_code) AS others
FROM s JOIN {VIEW} f USING (region_code, indicator_id, year)"""


def _pct(own: float, shown: list[float]) -> float:
    below = sum(o < own for o in shown)
    tied = sum(o == own for o in shown)
    return 100.0 * (below + tied / 2) / len(shown)


def _quarter(pct: float) -> int:
    return 3 if pct >= 75 else 0 if pct <= 25 else 1


def test_every_coarse_position_is_one_rounding_could_change(wh) -> None:
    """Each row of a shared group: the figure moved by its spread either way, the other
    members' figures kept, falls in two quarters or halves (recomputed here from
    set_benchmarks, ties as printed: the warehouse's stored rule, the view printed_figures
    and the step of a recalculated figure in printed_steps, not a copy of it); the reason
    names the quarter's cut where the quarter changes, else the median. And the other way
    round for the positions whose figure is the cut member: Zwolle's bijstand in 2024, 27,41
    +-0,04 per 1 000 with the G40's p75 between it and Assen's 27,40, stays in the highest
    quarter: not a coarse position."""
    rows = wh.execute("""
        SELECT c.set_id, c.region_code, c.indicator_id, c.year, c.reason, b.value, c.spread
        FROM coarse_positions c JOIN set_benchmarks b
          USING (set_id, region_code, indicator_id, year)
        SEMI JOIN comparison_group_members m ON m.set_id = c.set_id
         AND m.region_code = c.region_code AND m.focal_code IS NULL""").fetchall()
    assert len(rows) > 2000
    sample = rows[::7]
    values = ", ".join(f"('{r[0]}', '{r[1]}', '{r[2]}', {r[3]}, {r[6]!r}::DOUBLE)"
                       for r in sample)
    keys = {r[:4]: r[4:] for r in wh.execute(KEYS_SQL.format(rows=values)).fetchall()}
    assert len(keys) == len(sample)
    for set_id, code, ind, year, reason, _, _ in sample:
        lo_key, hi_key, others = keys[set_id, code, ind, year]
        lo, hi = _pct(lo_key, others), _pct(hi_key, others)
        quarters = {_quarter(lo), _quarter(hi)}
        assert len(quarters) == 2 or (lo - 50) * (hi - 50) <= 0, (set_id, code, ind, lo, hi)
        want = ("crosses_p75" if 3 in quarters else "crosses_p25") if len(quarters) == 2 \
            else "crosses_median"
        assert reason == want, (set_id, code, ind, lo, hi)
    assert not wh.execute("""SELECT * FROM coarse_positions WHERE set_id = 'G40' AND
        region_code = 'GM0193' AND indicator_id = 'social_assistance_per_1000'""").fetchall()
    assert wh.execute("""SELECT label FROM kies_richting WHERE set_id = 'G40' AND
        region_code = 'GM0193' AND indicator_id = 'social_assistance_per_1000'""").fetchall() \
        == [("urgent task",)]


def test_no_group_deviation_at_a_position_rounding_could_change(wh) -> None:
    """None of the signals; before: 165 (Schiermonnikoog's arrears, Vlieland's
    self-employed per 1 000: 154,9 +-38,7 against GK1's p75 of 126,0)."""
    at_coarse = wh.execute("""
        SELECT count(*) FROM signal_rows s
        SEMI JOIN coarse_positions USING (set_id, region_code, indicator_id, year)
        WHERE s.kind = 'group_deviation'""").fetchone()[0]
    assert at_coarse == 0
    # the rule has something to leave out: latest positions that would be a deviation
    would_be = wh.execute(f"""
        SELECT count(*) FROM coarse_positions c
        JOIN group_benchmarks b USING (set_id, region_code, indicator_id, year)
        JOIN indicators i USING (indicator_id)
        WHERE abs(b.robust_z) >= {build_settings(wh).deviation_min_z}
          AND b.n >= {DEVIATION_MIN_N}
          AND i.method <> 'count'
          AND c.year = (SELECT max(year) FROM indicator_values v WHERE v.value IS NOT NULL
                        AND v.region_code = c.region_code
                        AND v.indicator_id = c.indicator_id)""").fetchone()[0]
    assert would_be > 100
    assert not wh.execute("SELECT * FROM signal_rows WHERE set_id = 'GK1' AND region_code = "
                          "'GM0088' AND indicator_id = ? AND kind = 'group_deviation'",
                          [ARREARS]).fetchall()


def test_no_ommeland_deviation_rounding_alone_could_make(wh) -> None:
    """A gap less the city's rounding spread is at least ommeland_min group scales; before:
    382 were not (Schiermonnikoog's crimes cleared up, 25,0% +-12,5 against 31,2% in its
    ommeland, from counts CBS rounds to fives; now CBS's own percentage, see
    tests/indicators/test_published_percentage.py). Its payment arrears of 2024: 1,9 per
    1 000 above its ommeland, +-5,1 from the rounding to tens."""
    rows = wh.execute(f"""
        SELECT (abs(s.gap) - k.spread) / ({MAD_SCALE} * b.mad) FROM signal_rows s
        JOIN rounded_counts k USING (region_code, indicator_id, year)
        JOIN group_benchmarks b USING (set_id, region_code, indicator_id, year)
        WHERE s.kind = 'ommeland_deviation' AND k.spread IS NOT NULL""").fetchall()
    assert len(rows) > 10_000 and min(r[0] for r in rows) >= _omm_min(wh) - 1e-9
    gap, spread = wh.execute("""
        SELECT g.gap, k.spread FROM region_gaps g JOIN coarse_counts k
          USING (region_code, indicator_id, year)
        WHERE region_code = 'GM0088' AND indicator_id = 'payment_arrears_per_1000'
          AND year = 2024""").fetchone()
    assert abs(gap) < spread  # rounding alone could make it
    assert not wh.execute("SELECT * FROM signal_rows WHERE region_code = 'GM0088' AND "
                          "indicator_id = 'payment_arrears_per_1000' AND "
                          "kind = 'ommeland_deviation'").fetchall()



def test_a_count_that_is_not_coarse_can_still_make_an_ommeland_deviation(wh) -> None:
    """The city's spread is any rounded count's, coarse or not (``rounded_counts``): 406
    signal rows (253 municipality-indicators) were a gap only just over one group scale that
    CBS's rounding could bring under it. Maastricht's payment arrears in 2024: 9,02 per
    1 000 against 12,11 in its ommeland, 1 130 persons rounded to tens (+-0,04 per 1 000,
    under 1% of the count: not coarse); the gap of 3,086 is 1,006 G40 scales, 0,993 less
    the rounding: no signal."""
    gap, spread, mad, coarse = wh.execute("""
        SELECT g.gap, k.spread, b.mad, k.share > 0.05 FROM region_gaps g
        JOIN rounded_counts k USING (region_code, indicator_id, year)
        JOIN group_benchmarks b USING (region_code, indicator_id, year)
        WHERE g.region_code = 'GM0935' AND g.indicator_id = 'payment_arrears_per_1000'
          AND g.year = 2024 AND b.set_id = 'G40'""").fetchone()
    scale = MAD_SCALE * mad
    assert not coarse and abs(gap) / scale >= _omm_min(wh) > (abs(gap) - spread) / scale
    assert not wh.execute("""SELECT 1 FROM signal_rows WHERE region_code = 'GM0935'
        AND indicator_id = 'payment_arrears_per_1000' AND kind = 'ommeland_deviation'
        AND set_id = 'G40'""").fetchall()


def _cbs_unit(figures: list[float]) -> float | None:
    """The unit CBS publishes a figure in, found from the municipalities' figures of one
    indicator and year (written apart from coarse_trends.PUBLISHED_UNITS): the largest of
    1 000 ... 0,01 of which at least 80% of them are whole multiples, with 20 not 0."""
    if sum(f != 0 for f in figures) < 20:
        return None
    for unit in (1000, 100, 10, 1, 0.1, 0.01):
        whole = sum(abs(f / unit - round(f / unit)) < 1e-6 for f in figures)
        if whole >= 0.8 * len(figures):
            return unit
    return None


def test_no_ommeland_deviation_the_rounding_of_either_figure_could_make(wh) -> None:
    """Every ommeland_deviation row: the gap less the city's and the ommeland's spreads
    (``gap_spreads``, the same the gap trends' rounding test reads) is at least ommeland_min
    group scales, and none is unknown. From first principles where CBS publishes the figure
    rounded itself (a share, a mean): the city's figure is off by up to half its unit, the
    ommeland's, a mean of its members' figures so rounded, too: the gap less one unit is at
    least ommeland_min scales. Before, 2 600 of the 99 704 rows were not (1 523 positions)."""
    rows = wh.execute(f"""
        SELECT s.indicator_id, s.year, s.gap, p.city_spread, p.ommeland_spread,
               {MAD_SCALE} * b.mad AS scale, i.method
        FROM signal_rows s
        JOIN group_benchmarks b USING (set_id, region_code, indicator_id, year)
        JOIN catalogue_indicators i USING (indicator_id)
        LEFT JOIN gap_spreads p USING (region_code, indicator_id, year)
        WHERE s.kind = 'ommeland_deviation'""").fetchall()
    assert len(rows) > 90_000
    assert all(math.isfinite(r[3]) and math.isfinite(r[4]) for r in rows)
    assert min((abs(g) - c - o) / sc for _, _, g, c, o, sc, _ in rows) >= _omm_min(wh) - 1e-9
    figures = dict(((ind, year), vals) for ind, year, vals in wh.execute("""
        SELECT indicator_id, year, list(value) FROM indicator_values
        WHERE region_code LIKE 'GM%' AND value IS NOT NULL AND isfinite(value)
          AND indicator_id IN (SELECT indicator_id FROM catalogue_indicators
                               WHERE method IN ('level', 'weighted_mean'))
        GROUP BY ALL""").fetchall())
    units = {key: _cbs_unit(vals) for key, vals in figures.items()}
    published = [(r, units[r[0], r[1]]) for r in rows if units.get((r[0], r[1]))]
    assert len(published) > 10_000
    edge = _omm_min(wh)
    for (ind, year, gap, city, omm, scale, _), unit in published:
        assert city >= unit / 2 - 1e-9 and omm >= unit / 2 - 1e-9, (ind, year)
        assert (abs(gap) - unit) / scale >= edge - 1e-9, (ind, year, gap, scale)


def test_a_share_cbs_rounds_to_whole_percents_is_no_ommeland_deviation_of_its_rounding(
        wh) -> None:
    """Zaanstad's share of households with a low income, 2023: 8% against 6% in its ommeland,
    Wormerland (the other member of COROP region CR22). CBS publishes both in whole percents
    (found here from the municipalities' figures), each off by up to 0,5: the gap of 2 points
    is 1,35 G40 scales (1,4826 x a MAD of 1 point), 0,67 less the two roundings. It was an
    ommeland_deviation in six groups (G40, NL01, PEERS, PV27, ST2, TY3): the city's spread was
    only its count's (none: CBS publishes the share) and the ommeland's only a derived one's.
    Zwolle's unemployment 2024, 3,5% against 2,97% (CBS's unit 0,1; the ommeland's mean of
    rounded shares over a labour force rounded to thousands, +-0,052): 1,20 G40 scales, 0,97
    less; still a signal in groups whose scale is smaller (CR10, ST2, PEERS)."""
    code, ind = "GM0479", "low_income_households_share"
    assert {r[0] for r in wh.execute("SELECT region_code FROM region_sets WHERE set_id = "
                                     "'CR22'").fetchall()} == {code, "GM0880"}
    city, omm, gap = wh.execute("SELECT city_value, ommeland_value, gap FROM region_gaps "
                                "WHERE region_code = ? AND indicator_id = ? AND year = 2023",
                                [code, ind]).fetchone()
    assert (city, omm) == (8.0, pytest.approx(6.0)) and gap == pytest.approx(2.0)
    figures = [r[0] for r in wh.execute(
        "SELECT value FROM indicator_values WHERE indicator_id = ? AND year = 2023 AND "
        "region_code LIKE 'GM%' AND value IS NOT NULL", [ind]).fetchall()]
    unit = _cbs_unit(figures)
    assert unit == 1
    assert wh.execute("SELECT city_spread, ommeland_spread FROM gap_spreads WHERE region_code "
                      "= ? AND indicator_id = ? AND year = 2023", [code, ind]).fetchone() \
        == (pytest.approx(unit / 2), pytest.approx(unit / 2))
    mad, n = wh.execute("SELECT mad, n FROM group_benchmarks WHERE set_id = 'G40' AND "
                        "region_code = ? AND indicator_id = ? AND year = 2023",
                        [code, ind]).fetchone()
    scale = MAD_SCALE * mad
    assert n >= DEVIATION_MIN_N and scale == pytest.approx(1.4826)
    assert abs(gap) / scale >= _omm_min(wh) > (abs(gap) - unit) / scale  # 1,35 and 0,67
    assert not wh.execute("SELECT set_id FROM signal_rows WHERE region_code = ? AND "
                          "indicator_id = ? AND kind = 'ommeland_deviation'",
                          [code, ind]).fetchall()
    zwolle = wh.execute(f"""
        SELECT g.gap, p.city_spread, p.ommeland_spread, {MAD_SCALE} * b.mad FROM region_gaps g
        JOIN gap_spreads p USING (region_code, indicator_id, year)
        JOIN group_benchmarks b USING (region_code, indicator_id, year)
        WHERE g.region_code = 'GM0193' AND g.indicator_id = 'unemployment_rate'
          AND g.year = 2024 AND b.set_id = 'G40'""").fetchone()
    gap, city_spread, omm_spread, scale = zwolle
    assert city_spread == pytest.approx(0.05) and 0.05 < omm_spread < 0.06
    assert abs(gap) / scale >= _omm_min(wh) > (abs(gap) - city_spread - omm_spread) / scale
    sets = {r[0] for r in wh.execute(
        "SELECT set_id FROM signal_rows WHERE region_code = 'GM0193' AND kind = "
        "'ommeland_deviation' AND indicator_id = 'unemployment_rate'").fetchall()}
    assert "G40" not in sets and {"CR10", "ST2", "PEERS"} <= sets


def test_a_merged_municipalitys_count_is_coarse_by_its_parts(wh) -> None:
    """The coarse rule weighs a count's rounding by its parts (a merged municipality's sum of
    its codes' counts, each rounded: ``series_parts``): Land van Cuijk's payment arrears in
    2022, 490 persons of five codes rounded to tens, +-25 (5,1%), is coarse; its half unit
    alone (+-5, 1%) was not. 268 counts more are coarse so, none of them a latest year."""
    share, parts = wh.execute("""
        SELECT k.share, p.parts FROM coarse_counts k JOIN series_parts p
          ON p.series_id = k.indicator_id || ':num' AND p.region_code = k.region_code
         AND p.year = k.year
        WHERE k.region_code = 'GM1982' AND k.indicator_id = 'payment_arrears_per_1000'
          AND k.year = 2022 AND k.count = 490""").fetchone()
    assert parts == 5 and share == pytest.approx(25 / 490)
    limit = build_settings(wh).coarse_share
    by_parts = wh.execute("""
        SELECT count(*), count(*) FILTER (WHERE latest) FROM coarse_counts
        WHERE count <> 0 AND unit / 2 <= ? * abs(count)""", [limit]).fetchone()
    assert by_parts == (268, 0)
    assert not wh.execute("""
        SELECT * FROM rounded_counts k ANTI JOIN coarse_counts USING (region_code, indicator_id,
                                                                      year)
        WHERE k.share IS NULL OR k.share > ?""", [limit]).fetchall()


def test_no_ommeland_deviation_a_derived_ommelands_rounding_could_make(wh) -> None:
    """An ommeland derived from CBS's rounded COROP mean (``ommeland_rounding``) can be off by
    that much: the gap less it is at least ommeland_min group scales; before, 6 signal rows
    were not (Arnhem's low-income share 2023: 2,6 points above an ommeland good to +-0,8,
    1,17 scales of the G32 of 2017, 0,81 less the rounding; 1,21 in its other groups, where
    it stayed a signal until the city's own whole percent, +-0,5, counted too: 0,88 in the
    G40, no signal in any group)."""
    rows = wh.execute(f"""
        SELECT (abs(s.gap) - coalesce(k.spread, 0) - g.ommeland_rounding)
               / ({MAD_SCALE} * b.mad) FROM signal_rows s
        JOIN region_gaps g USING (region_code, indicator_id, year)
        JOIN group_benchmarks b USING (set_id, region_code, indicator_id, year)
        LEFT JOIN rounded_counts k USING (region_code, indicator_id, year)
        WHERE s.kind = 'ommeland_deviation' AND g.ommeland_rounding IS NOT NULL""").fetchall()
    assert len(rows) > 100 and min(r[0] for r in rows) >= _omm_min(wh) - 1e-9
    gap, rounding = wh.execute("""
        SELECT gap, ommeland_rounding FROM region_gaps WHERE region_code = 'GM0202'
          AND indicator_id = 'low_income_households_share' AND year = 2023""").fetchone()
    assert 2.5 < gap < 2.7 and 0.7 < rounding < 0.9
    sets = {r[0] for r in wh.execute(
        "SELECT set_id FROM signal_rows WHERE region_code = 'GM0202' AND year = 2023 AND "
        "indicator_id = 'low_income_households_share' AND kind = 'ommeland_deviation'"
    ).fetchall()}
    assert not sets

def test_kies_richting_labels_no_coarse_position(wh) -> None:
    assert wh.execute("""SELECT count(*) FROM kies_richting
                         SEMI JOIN coarse_positions
                         USING (set_id, region_code, indicator_id, year)""").fetchone() == (0,)
