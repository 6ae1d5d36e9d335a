"""``ommeland_dominant`` and ``ommeland_dominant_share`` (:mod:`stadstrends.analysis.
ommeland_dominant`, schema 74) on the real snapshot: the member carrying more than the build's
``ommeland_dominant_share`` (0.75) of an ommeland's numerator. Before, nothing said that
Oldambt's ommeland's net international migration of 2023 (165,0 per 1 000) is nearly all
Westerwolde's (Ter Apel, the national asylum registration centre), or that Westerkwartier's
ommeland's gas delivered to companies (4 456 m³ per inhabitant) is mostly Het Hogeland's
(Eemshaven): the report compared the city with them as with a region."""

from __future__ import annotations

import pytest

#: every ommeland cell recomputed here on its own: per city, indicator and year the other
#: members' absolute numerators, complete (every other member has one), their largest part
RECOMPUTED_SQL = """
WITH cells AS (
    SELECT o.region_code, o.indicator_id, o.year, o.corop_code
    FROM ommeland o JOIN catalogue_indicators c USING (indicator_id)
    WHERE o.ommeland_value IS NOT NULL AND o.ommeland_rounding IS NULL AND c.method <> 'level'
),
parts AS (
    SELECT c.region_code, c.indicator_id, c.year, m.region_code AS member, abs(a.value) AS v
    FROM cells c
    JOIN region_sets m ON m.set_id = c.corop_code AND m.region_code <> c.region_code
    LEFT JOIN series_all a ON a.series_id = c.indicator_id || ':num'
     AND a.region_code = m.region_code AND a.year = c.year
)
SELECT region_code, indicator_id, year, arg_max(member, v) AS member, max(v) / sum(v) AS share
FROM parts GROUP BY ALL
HAVING count(v) = count(*) AND sum(v) > 0
   AND max(v) / sum(v) > (SELECT ommeland_dominant_share FROM build_info)
"""


def _cell(wh, code: str, ind: str, year: int) -> tuple:
    return wh.execute("SELECT ommeland_value, ommeland_dominant, ommeland_dominant_share "
                      "FROM ommeland WHERE region_code = ? AND indicator_id = ? AND year = ?",
                      [code, ind, year]).fetchone()


def test_oldambts_ommeland_migration_is_westerwoldes(wh):
    value, member, share = _cell(wh, "GM1895", "net_international_migration_per_1000", 2023)
    assert round(value, 1) == 165.0
    assert member == "GM1950"  # Westerwolde
    assert share == pytest.approx(0.9806, abs=1e-4)


def test_westerkwartiers_ommeland_gas_is_het_hogelands(wh):
    value, member, share = _cell(wh, "GM1969", "gas_delivered_per_inhabitant", 2023)
    assert round(value) == 4456
    assert member == "GM1966"  # Het Hogeland: 1 341 784 of the 1 550 684 thousand m³
    assert share == pytest.approx(1_341_784 / 1_550_684)
    # Het Hogeland's own ommeland (Groningen, Westerkwartier, Midag): Groningen 139 726 of
    # 227 500 thousand m³ (61%), below the build's 0.75: no member named
    assert _cell(wh, "GM1966", "gas_delivered_per_inhabitant", 2023)[1:] == (None, None)


def test_below_the_share_no_member_is_named(wh):
    # Oldambt's ommeland's share of 65-plussers: no member above 0.75 of its 65-plussers
    assert _cell(wh, "GM1895", "share_age_65_plus", 2023)[1:] == (None, None)


def test_every_cell_as_recomputed_on_its_own(wh):
    want = {(c, i, y): (m, s) for c, i, y, m, s in wh.execute(RECOMPUTED_SQL).fetchall()}
    got = {(c, i, y): (m, s) for c, i, y, m, s in wh.execute(
        "SELECT region_code, indicator_id, year, ommeland_dominant, ommeland_dominant_share "
        "FROM ommeland WHERE ommeland_dominant IS NOT NULL").fetchall()}
    assert len(got) == 14_136  # of the 240 841 ommeland figures (54 832 at 0.5)
    assert got.keys() == want.keys()
    for key, (member, share) in got.items():
        assert member == want[key][0], key
        assert share == pytest.approx(min(want[key][1], 1.0)), key


def test_a_balances_dominant_member_carries_its_sign(wh):
    """A member above half of the members' absolute balances outweighs all the others: the
    ommeland's balance has its sign (Oldambt's ommeland's migration: Westerwolde's +)."""
    rows = wh.execute("""
        SELECT o.region_code, o.indicator_id, o.year, sign(a.value), sign(o.ommeland_value)
        FROM ommeland o JOIN indicators i USING (indicator_id)
        JOIN series_all a ON a.series_id = o.indicator_id || ':num'
         AND a.region_code = o.ommeland_dominant AND a.year = o.year
        WHERE i.signed AND o.ommeland_dominant IS NOT NULL AND o.ommeland_value <> 0
    """).fetchall()
    assert len(rows) > 1000
    assert [r for r in rows if r[3] != r[4]] == []


def test_the_build_records_the_setting(wh):
    assert wh.execute("SELECT ommeland_dominant_share FROM build_info").fetchone()[0] == 0.75
