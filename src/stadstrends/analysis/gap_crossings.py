"""The signed trend of a city-ommeland gap that changes sides (:mod:`stadstrends.analysis.
gaps`). The gap trend tests the size |ln(city / ommeland)|; where the city crosses its
ommeland in the trend's years that size can rise significantly while ln(city / ommeland)
itself has no significant direction: Zwolle's solar installations, +0,3% -> -7,3% in
2016-2023, |ln ratio| rising (S = 20, p = 0,014) mostly while Zwolle was ahead, the signed
series S = -6 (p = 0,55). ``gap_crossings`` (region_code, indicator_id, trend, mk_p,
theil_sen_slope) holds the Mann-Kendall trend ('rising' / 'falling' / 'no significant
change'), its p and the Theil-Sen slope (ln ratio per year) of the signed
``region_gaps.log_ratio`` over the same years, segment and thresholds, for those series only.
The size of a gap that changes sides says nothing about the divide (+5% -> -5% is no
'shrinking' gap): such a series' verdict is this trend alone
(``region_gap_trends.classification`` 'crossing', :mod:`stadstrends.analysis.gaps`).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import trend_sql

#: the series of ``stats`` (a table of ``trend_sql`` rows on |ln ratio| with the log ratios
#: ``first_log``, ``last_log`` of their first and last year: ``gaps.GAP_STATS_SQL``) whose ln
#: ratio has opposite signs in those years, with their points in those years
CROSSING_POINTS_SQL = """
(SELECT g.region_code, g.indicator_id, g.year, g.log_ratio, s.segment_start
 FROM region_gaps g
 JOIN series_segments s USING (indicator_id, year)
 JOIN (SELECT t.region_code, t.indicator_id, t.first_year, t.last_year
       FROM {stats} t WHERE sign(t.first_log) * sign(t.last_log) < 0) c
   ON c.region_code = g.region_code AND c.indicator_id = g.indicator_id
  AND g.year BETWEEN c.first_year AND c.last_year)
"""


def build_gap_crossings(con: duckdb.DuckDBPyConnection, stats: str, *, window: int,
                        min_points: int, alpha: float, min_significant: int) -> None:
    """Create the temporary table ``gap_crossings`` from the gap trends in table ``stats``
    (with ``first_log`` and ``last_log``) with the same ``trend_sql`` arguments as theirs."""
    sql = trend_sql(CROSSING_POINTS_SQL.format(stats=stats), ["region_code", "indicator_id"],
                    value_col="log_ratio", window=window, min_points=min_points,
                    segment_col="segment_start", alpha=alpha, min_significant=min_significant)
    con.execute("CREATE OR REPLACE TEMP TABLE gap_crossings AS SELECT region_code, "
                f"indicator_id, trend, mk_p, theil_sen_slope FROM ({sql})")
