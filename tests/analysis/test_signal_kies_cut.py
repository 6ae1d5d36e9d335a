"""Kies richting labels no position that the municipalities a cut copy of a CBS table left out
could change, on the real snapshot.

The snapshot's 85984NED stops at Maasdriel: 11 of the 41 members of Enschede's default group
have no 2024 figure for establishments in transport and ICT, though CBS has them. Enschede
was an 'urgent task' there, in the lowest quarter of the 30 in the snapshot; with the 11 more
favourable it would be the 15th of 41, above that quarter. Each label is checked here against
the worst case counted afresh from ``indicator_values`` and ``indicator_gaps``: a quarter
holds if all the cut members were more favourable than the city, an unfavourable half if all
were less."""

from __future__ import annotations

from stadstrends.publish.read import build_settings

WORST = """
WITH k AS (
    SELECT k.set_id, k.region_code, k.indicator_id, k.year, k.value, k.position,
           CASE WHEN i.direction = 'higher_better' THEN 1 ELSE -1 END AS dir
    FROM kies_richting k JOIN indicators i USING (indicator_id)
    JOIN default_group d USING (region_code, set_id)
),
mem AS (
    SELECT k.*, m.region_code AS member, v.value AS member_value,
           (v.value IS NULL AND EXISTS (
               SELECT 1 FROM indicator_gaps g WHERE g.region_code = m.region_code
               AND g.indicator_id = k.indicator_id AND g.year = k.year
               AND g.reason IN ('table_cut', 'predecessor_cut'))) AS cut
    FROM k JOIN comparison_group_members m ON m.set_id = k.set_id
     AND (m.focal_code IS NULL OR m.focal_code = k.region_code)
    LEFT JOIN indicator_values v ON v.region_code = m.region_code
     AND v.indicator_id = k.indicator_id AND v.year = k.year
    WHERE m.region_code <> k.region_code
)
SELECT set_id, region_code, indicator_id, position,
       count(*) FILTER (WHERE cut) AS n_cut,
       -- the city and the members with a figure, the less favourable ones (ties half)
       1 + count(member_value) AS n,
       count(*) FILTER (WHERE dir * (member_value - value) < 0)
         + 0.5 * count(*) FILTER (WHERE member_value = value) AS below
FROM mem GROUP BY ALL
"""


def test_no_label_rests_on_members_a_cut_table_left_out(wh) -> None:
    settings = build_settings(wh)
    top, bottom = settings.top_percentile, settings.bottom_percentile
    rows = wh.execute(WORST).fetchall()
    resting = 0
    for set_id, code, ind, position, n_cut, n, below in rows:
        if not n_cut:
            continue
        resting += 1
        total = n + n_cut - 1
        if position == "favourable_quartile":
            assert 100 * below / total >= top, (set_id, code, ind, n, n_cut, below)
        elif position == "unfavourable_quartile":
            assert 100 * (below + n_cut) / total <= bottom, (set_id, code, ind, n, n_cut, below)
        else:
            assert position == "unfavourable_half", position
            assert 100 * (below + n_cut) / total < 50, (set_id, code, ind, n, n_cut, below)
    assert len(rows) > 2000 and resting >= 10  # labels on cut tables remain where they hold


def test_enschede_and_s_hertogenbosch(wh) -> None:
    got = {r[0] for r in wh.execute(
        "SELECT region_code || ' ' || indicator_id FROM kies_richting k "
        "JOIN default_group d USING (region_code, set_id) "
        "WHERE region_code IN ('GM0153', 'GM0796')").fetchall()}
    # Enschede: 9th-lowest of the 36 with waste figures, the 30 with transport and ICT
    # firms: either could leave its quarter with the cut members
    assert "GM0153 establishments_transport_ict_per_1000" not in got
    assert "GM0153 household_waste_per_inhabitant" not in got
    # 's-Hertogenbosch: 3rd of the 37 on establishments, at worst 7th of 41: still its
    # quarter whatever the four cut members' figures
    assert "GM0796 establishments_per_1000" in got
