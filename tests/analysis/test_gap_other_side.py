"""The years a city lay on the other side of its ommeland inside a gap trend's window whose
ends lie on one side (``region_gap_trends.other_side_years``, analysis/gap_crossings.py): a
growing or shrinking verdict says nothing of them, so the sentence names them. On the mini
warehouse by hand, and on the real warehouse against ``region_gaps``."""

from __future__ import annotations

import math

from tests.analysis.mini_warehouse import build_gap_logs


def test_a_hand_made_dip_under_the_ommeland_is_named(mini):
    """City A's 'rat' above its ommeland in 2016-2020 but for 2018 (ln ratio −0,10)."""
    build_gap_logs(mini, [0.05, 0.10, -0.10, 0.20, 0.25])
    years = mini.execute("SELECT other_side_years FROM region_gap_trends WHERE "
                         "region_code = 'GM0001' AND indicator_id = 'rat'").fetchone()[0]
    assert years == [2018]


def test_other_side_years_agree_with_the_gaps_on_the_real_warehouse(analysed):
    con, _ = analysed
    rows = con.execute("""
        SELECT t.region_code, t.indicator_id, t.first_year, t.last_year, t.last_ratio,
               t.other_side_years, list(g.year ORDER BY g.year), list(g.log_ratio ORDER BY g.year)
        FROM region_gap_trends t JOIN region_gaps g USING (region_code, indicator_id)
        WHERE g.year BETWEEN t.first_year AND t.last_year AND t.other_side_years IS NOT NULL
        GROUP BY ALL""").fetchall()
    assert len(rows) > 500
    for code, ind, y0, y1, last, named, years, logs in rows:
        side = math.copysign(1, math.log(last))
        other = [y for y, lr in zip(years, logs, strict=True) if lr * side < 0]
        assert set(named) <= set(other) and min(named) > y0 and max(named) < y1, (code, ind)
    verdicts = con.execute(
        "SELECT count(*) FROM region_gap_trends WHERE other_side_years IS NOT NULL AND "
        "classification IN ('diverging', 'converging') AND no_verdict IS NULL "
        "AND NOT indicative").fetchone()[0]
    assert 30 <= verdicts <= 50  # 36 on the 2025 snapshot
