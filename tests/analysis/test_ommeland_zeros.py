"""``ommeland_zeros`` (:mod:`stadstrends.analysis.ommeland`, schema 69) on the real snapshot:
an ommeland of 0 whose members' counts CBS all rounded to 0 says how many. Before, nothing
told such a 0 (Zaanstad's demolitions per 1 000 dwellings of 2018, 2019 and 2023: Wormerland
alone, 0 in 86054NED, rounded to fives) from a 0 that is a sum of nonzero counts (a balance:
net growth of dwellings +30 -20 +0 -10) or a figure without rounding; the city page printed
'Ommeland: 0,0' bare beside Zaanstad's own figures marked 'berekend uit afgerond aantal'."""

from __future__ import annotations

MARKED = {("GM0375", "demolition_per_1000_dwellings", 2013): 4,
          ("GM0392", "demolition_per_1000_dwellings", 2012): 3,
          ("GM0473", "demolition_per_1000_dwellings", 2023): 3,
          ("GM0479", "demolition_per_1000_dwellings", 2018): 1,
          ("GM0479", "demolition_per_1000_dwellings", 2019): 1,
          ("GM0479", "demolition_per_1000_dwellings", 2023): 1,
          ("GM1783", "demolition_per_1000_dwellings", 2023): 2}

#: every ommeland figure of 0, with its members' rounded counts (NULL: none), from the tables
#: the column is made of, read here on their own
MEMBERS_SQL = """
SELECT o.region_code, o.indicator_id, o.year, count(*) AS members,
       count(*) FILTER (WHERE r.count = 0) AS zeros, o.ommeland_zeros
FROM ommeland o
JOIN region_sets s ON s.set_id = o.corop_code AND s.region_code <> o.region_code
LEFT JOIN rounded_counts r ON r.region_code = s.region_code
 AND r.indicator_id = o.indicator_id AND r.year = o.year
WHERE o.ommeland_value = 0 GROUP BY ALL
"""


def test_an_ommeland_of_zero_on_counts_rounded_to_zero_says_how_many(wh):
    rows = wh.execute(MEMBERS_SQL).fetchall()
    assert len(rows) == 14  # every ommeland of 0 in the snapshot
    marked = {(c, i, y): n for c, i, y, _, _, n in rows if n is not None}
    assert marked == MARKED
    for code, ind, year, members, zeros, n in rows:
        # marked exactly where every member's count is one CBS rounded to 0
        assert (n is not None) == (members == zeros), (code, ind, year, members, zeros, n)
        assert n is None or n == members
    # the others: a balance summed from nonzero counts (Schagen's net growth of dwellings
    # 2017, +30 -20 +0 -10), or a figure CBS does not round (net international migration)
    plain = {(c, i, y) for c, i, y, _, _, n in rows if n is None}
    assert ("GM0037", "dwelling_stock_growth_per_1000", 2017) in plain
    assert ("GM0479", "net_international_migration_per_1000", 2013) in plain
    assert wh.execute("SELECT count(*) FROM ommeland WHERE ommeland_zeros IS NOT NULL "
                      "AND ommeland_value <> 0").fetchone()[0] == 0


def test_region_gaps_carries_the_ommelands_column(wh):
    rows = wh.execute("""
        SELECT g.region_code, g.indicator_id, g.year, g.ommeland_zeros FROM region_gaps g
        WHERE g.ommeland_zeros IS NOT NULL""").fetchall()
    assert {(c, i, y): n for c, i, y, n in rows} == MARKED
