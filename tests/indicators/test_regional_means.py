"""A COROP region's or province's published mean is CBS's own figure where the source table
has it for today's region (real snapshot, :mod:`stadstrends.indicators.aggregate`).

86004NED publishes Noord-Friesland's (CR04) mean disposable income 2023, 48.2 thousand euro,
and Fryslân's (PV21), 50.4, though Ameland, Schiermonnikoog and Vlieland have no figure. As
sums over the members both stayed empty, Leeuwarden's ommeland stopped at 2022 and its
'Tweedeling' verdict rested on 2015-2022. The ommeland is now derived from CBS's COROP mean
and base minus the city's.
"""

from __future__ import annotations

import pytest

# CBS's mean of each region-year the warehouse says is CBS's (region_cbs_means), beside
# the value the warehouse gives it
CBS_REGION_SQL = """
SELECT m.indicator_id, m.region_code, m.year, n.value / d.value * c.scale AS cbs, v.value
FROM region_cbs_means m
JOIN catalogue_indicators c USING (indicator_id)
JOIN series_raw n ON n.indicator_id = m.indicator_id AND n.role = 'num'
 AND n.region_code = m.region_code AND n.year = m.year AND n.value IS NOT NULL
JOIN series_raw d ON d.indicator_id = m.indicator_id AND d.role = 'den'
 AND d.region_code = m.region_code AND d.year = m.year AND d.value IS NOT NULL
LEFT JOIN indicator_values v ON v.indicator_id = m.indicator_id
 AND v.region_code = m.region_code AND v.year = m.year
"""


def _value(wh, table: str, col: str, code: str, ind: str, year: int):
    row = wh.execute(f"SELECT {col} FROM {table} WHERE region_code = ? AND indicator_id = ? "
                     "AND year = ?", [code, ind, year]).fetchone()
    return row[0] if row else None


def test_noord_friesland_and_fryslan_income_2023_are_cbs_figures(wh):
    # the members' sum is incomplete: these islands have no 2023 income in 86004NED
    missing = {r[0] for r in wh.execute(
        "SELECT region_code FROM indicator_results WHERE indicator_id = "
        "'income_disposable_mean' AND year = 2023 AND value IS NULL").fetchall()}
    assert {"GM0060", "GM0088", "GM0096"} <= missing
    assert _value(wh, "indicator_values", "value", "CR04", "income_disposable_mean",
                  2023) == pytest.approx(48.2)
    assert _value(wh, "indicator_values", "value", "PV21", "income_disposable_mean",
                  2023) == pytest.approx(50.4)


def test_leeuwarden_ommeland_2023_derived_from_cbs_corop_mean(wh):
    """(151 900 households x 48.2 - 64 200 x 45.1) / 87 700 = 50.47, 10.6% above 45.1."""
    omm = _value(wh, "ommeland", "ommeland_value", "GM0080", "income_disposable_mean", 2023)
    assert omm == pytest.approx((151900 * 48.2 - 64200 * 45.1) / 87700)
    trend = wh.execute(
        "SELECT last_year, classification FROM region_gap_trends WHERE region_code = "
        "'GM0080' AND indicator_id = 'income_disposable_mean'").fetchone()
    # the verdict reads up to 2023: the gap of 10.6% is no longer 'diverging' (2015-2022)
    assert trend == (2023, "stable")


def test_every_cbs_region_mean_is_cbs_figure(wh):
    rows = wh.execute(CBS_REGION_SQL).fetchall()
    kinds = {r[1][:2] for r in rows}
    assert kinds == {"NL", "CR", "PV"}
    assert len([r for r in rows if r[1][:2] == "CR"]) > 4000
    wrong = [r for r in rows if r[4] is None or abs(r[4] - r[3]) > 1e-6 * max(1, abs(r[3]))]
    assert not wrong, wrong[:5]


def test_region_of_another_composition_stays_a_sum(wh):
    """81528NED's province of Utrecht before 2019 is without Vijfheerenlanden (543 473
    dwellings in 2015 where today's members have 557 508): its gas use 1 150 is not today's
    province, which stays the members' weighted mean; from 2019 it is CBS's figure."""
    cbs = dict(wh.execute(
        "SELECT n.year, n.value / d.value FROM series_raw n JOIN series_raw d USING "
        "(region_code, year, indicator_id) WHERE n.role = 'num' AND d.role = 'den' AND "
        "region_code = 'PV26' AND indicator_id = 'gas_use_per_dwelling'").fetchall())
    used = {r[0] for r in wh.execute(
        "SELECT year FROM region_cbs_means WHERE region_code = 'PV26' "
        "AND indicator_id = 'gas_use_per_dwelling'").fetchall()}
    assert 2015 not in used and {2019, 2020} <= used
    value = _value(wh, "indicator_values", "value", "PV26", "gas_use_per_dwelling", 2015)
    assert cbs[2015] == pytest.approx(1150) and value == pytest.approx(1177.9, abs=0.1)
    assert _value(wh, "indicator_values", "value", "PV26", "gas_use_per_dwelling",
                  2019) == pytest.approx(cbs[2019])


def test_ommeland_stays_sum_where_every_member_has_a_figure(wh):
    """Zwijndrecht's low-income share: CBS publishes Groot-Rijnmond (CR30) in whole per cents
    (7 in 2018); an ommeland derived from it was exactly 7.0, the city's 7 too (gap 0). With
    every member known the ommeland is the other members' sum: 6.68 in 2018."""
    member = wh.execute("SELECT member_num, member_den FROM region_cbs_means WHERE "
                        "region_code = 'CR30' AND indicator_id = "
                        "'low_income_households_share' AND year = 2018").fetchone()
    assert member and member[0] is not None
    omm = _value(wh, "ommeland", "ommeland_value", "GM0642", "low_income_households_share",
                 2018)
    assert omm == pytest.approx(6.6797, abs=1e-3)
    zero = wh.execute("SELECT count(*) FROM signals WHERE strength <= 0").fetchone()[0]
    assert zero == 0
