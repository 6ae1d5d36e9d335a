"""``benchmark_zeros`` (:mod:`stadstrends.analysis.benchmark_zeros`, schema 70) on the real
snapshot: a group's median, p25 or p75 of 0 that rests on its middle members' counts CBS
rounded to 0 says of how many. Before, such a median was printed as a plain '0,0' (323 of
the 328 medians of 0 of a municipality's group, 40 of them in an indicator's latest year: all
demolitions per 1 000 dwellings, whose counts CBS rounds to fives, and three years of the
net growth of dwellings), while the city's own 0 on such a count was marked."""

from __future__ import annotations

import math

import pytest

#: the members of every shared group's distribution with a quantile of 0: their figures
#: and whether each is on a count CBS rounded to 0, read here from the tables on their own
SHARED_SQL = """
SELECT d.set_id, d.indicator_id, d.year, d.n, d.median, d.p25, d.p75,
       list((p.value, r.count IS NOT NULL)) AS members
FROM set_distributions d JOIN set_positions p USING (distribution_no)
LEFT JOIN rounded_counts r ON r.region_code = p.region_code
 AND r.indicator_id = d.indicator_id AND r.year = d.year AND r.count = 0
WHERE 0 IN (d.median, d.p25, d.p75) GROUP BY ALL
"""
#: the same of the PEERS groups (one per municipality, in its latest year)
PEERS_SQL = """
SELECT b.region_code, b.indicator_id, b.year, b.n, b.median, b.p25, b.p75,
       list((v.value, r.count IS NOT NULL)) AS members
FROM peer_benchmarks b
JOIN comparison_group_members m ON m.set_id = b.set_id AND m.focal_code = b.region_code
JOIN indicator_values v ON v.region_code = m.region_code AND v.indicator_id = b.indicator_id
 AND v.year = b.year
LEFT JOIN rounded_counts r ON r.region_code = m.region_code
 AND r.indicator_id = b.indicator_id AND r.year = b.year AND r.count = 0
WHERE 0 IN (b.median, b.p25, b.p75) GROUP BY ALL
"""
QUANTILES = {"median": 0.5, "p25": 0.25, "p75": 0.75}


def _expected(n: int, figures: dict[str, float], members: list) -> dict[str, int | None]:
    """quantile -> how many of the members it is interpolated between have a count CBS
    rounded to 0, where it is 0 and the upper one has (real zeros ordered first); else None."""
    assert len(members) == n
    ordered = sorted((v, rz) for v, rz in members)
    out: dict[str, int | None] = {}
    for name, q in QUANTILES.items():
        lo, hi = math.floor((n - 1) * q), math.ceil((n - 1) * q)
        out[name] = (len([i for i in {lo, hi} if ordered[i][1]])
                     if figures[name] == 0 and ordered[hi][1] else None)
    return out


def _stored(wh, where: str, params: list) -> dict[tuple, tuple]:
    return {r[:4]: r[4:] for r in wh.execute(
        "SELECT set_id, region_code, indicator_id, year, median_zeros, p25_zeros, p75_zeros "
        f"FROM benchmark_zeros WHERE {where}", params).fetchall()}


def test_every_quantile_of_zero_is_marked_exactly_where_its_middle_members_were_rounded(wh):
    stored = {(s, i, y): z for (s, _, i, y), z in _stored(wh, "set_id <> 'PEERS'", []).items()}
    seen = set()
    for set_id, ind, year, n, med, p25, p75, members in wh.execute(SHARED_SQL).fetchall():
        want = _expected(n, {"median": med, "p25": p25, "p75": p75}, members)
        got = stored.get((set_id, ind, year), (None, None, None))
        assert got == tuple(want.values()), (set_id, ind, year, members)
        seen.add((set_id, ind, year))
    assert set(stored) <= seen  # no other distribution has a row
    peers = _stored(wh, "set_id = 'PEERS'", [])
    for code, ind, year, n, med, p25, p75, members in wh.execute(PEERS_SQL).fetchall():
        want = _expected(n, {"median": med, "p25": p25, "p75": p75}, members)
        got = peers.pop(("PEERS", code, ind, year), (None, None, None))
        assert got == tuple(want.values()), (code, ind, year, members)
    assert peers == {}


def test_every_position_in_such_a_group_carries_it(wh):
    """One row per municipality placed in the group (its members, an outsider, a PEERS
    group's own municipality), none where no quantile of the row is 0."""
    missing = wh.execute("""
        SELECT count(*) FROM group_benchmarks b
        SEMI JOIN (SELECT DISTINCT set_id, indicator_id, year FROM benchmark_zeros
                   WHERE set_id <> 'PEERS') z USING (set_id, indicator_id, year)
        ANTI JOIN benchmark_zeros USING (set_id, region_code, indicator_id, year)
        WHERE 0 IN (b.median, b.p25, b.p75)""").fetchone()[0]
    assert missing == 0
    wrong = wh.execute("""
        SELECT count(*) FROM benchmark_zeros z
        LEFT JOIN group_benchmarks b USING (set_id, region_code, indicator_id, year)
        WHERE b.median IS NULL OR (z.median_zeros IS NOT NULL AND b.median <> 0)
           OR (z.p25_zeros IS NOT NULL AND b.p25 <> 0) OR (z.p75_zeros IS NOT NULL AND b.p75 <> 0)
           OR coalesce(z.median_zeros, z.p25_zeros, z.p75_zeros) IS NULL""").fetchone()[0]
    assert wrong == 0


def test_the_snapshots_medians_of_zero(wh):
    """328 positions beside a median of 0 (38 group x indicator x year), 323 of them on
    counts rounded to 0, 40 in the indicator's latest year; the other 5: CR20's net
    international migration of 2017, a balance CBS does not round (-0,3 -0,03 0 0,03 1,0)."""
    rows = wh.execute("""
        SELECT b.set_id, b.indicator_id, b.year, z.median_zeros,
               b.year = l.year AS latest
        FROM group_benchmarks b
        LEFT JOIN benchmark_zeros z USING (set_id, region_code, indicator_id, year)
        LEFT JOIN benchmark_latest l USING (region_code, indicator_id)
        WHERE b.median = 0""").fetchall()
    assert len(rows) == 328
    marked = [r for r in rows if r[3] is not None]
    assert len(marked) == 323
    assert len([r for r in marked if r[4]]) == 40
    assert {r[1] for r in marked} == {"demolition_per_1000_dwellings",
                                      "dwelling_stock_growth_per_1000"}
    assert {(s, i, y) for s, i, y, z, _ in rows if z is None} == {
        ("CR20", "net_international_migration_per_1000", 2017)}
    groups = {(s, i, y) for s, i, y, *_ in rows if s != "PEERS"}
    assert len(groups) == 38
    assert len({(s, i, y) for s, i, y, z, _ in marked if s != "PEERS"}) == 37


@pytest.mark.parametrize(("set_id", "code", "ind", "year", "n"), [
    # Delft en Westland: three members, Delft's 0 in the middle ('een op 0 afgerond aantal')
    ("CR27", "GM1783", "demolition_per_1000_dwellings", 2023, 1),
    # Zuid-Limburg: 16 members, the two middle ones both 0 in 86054NED
    ("CR39", "GM0935", "demolition_per_1000_dwellings", 2023, 2),
    # a balance whose middle member's net growth CBS rounded to 0 (-20 -15 0 +25 +45)
    ("CR01", "GM0037", "dwelling_stock_growth_per_1000", 2012, 1)])
def test_named_medians(wh, set_id, code, ind, year, n):
    got = wh.execute("SELECT median_zeros FROM benchmark_zeros WHERE set_id = ? AND "
                     "region_code = ? AND indicator_id = ? AND year = ?",
                     [set_id, code, ind, year]).fetchall()
    assert got == [(n,)]


def test_a_balance_of_zero_on_figures_cbs_does_not_round_is_unmarked(wh):
    """CR20's net international migration of 2017: its middle member's 0 is no rounded
    count; the median is a plain 0."""
    median = wh.execute("SELECT median FROM set_distributions WHERE set_id = 'CR20' AND "
                        "indicator_id = 'net_international_migration_per_1000' AND year = 2017"
                        ).fetchone()[0]
    assert median == 0
    assert wh.execute("SELECT count(*) FROM benchmark_zeros WHERE set_id = 'CR20' AND "
                      "indicator_id = 'net_international_migration_per_1000'").fetchone()[0] == 0
