"""Checks that what the analysis tables claim holds on the data: each returns offending rows.

Run on a built warehouse (``claim_problems``); the snapshot test asserts every check is empty.
"""

from __future__ import annotations

import duckdb
import pandas as pd

CHECKS: dict[str, str] = {
    # a trend window spans more calendar years than the build's window
    "window_wider_than_setting": """
        SELECT t.indicator_id, t.region_code, t.first_year, t.last_year
        FROM trends t, build_info b
        WHERE t.last_year - t.first_year + 1 > b."window"
    """,
    # a significant trend whose points mix sources that are not declared one series, or
    # cross a declared break
    "spliced_significant_trend": """
        SELECT t.indicator_id, t.region_code, t.first_year, t.last_year,
               list(DISTINCT g.source_key) AS source_keys
        FROM trends t
        JOIN indicator_values v USING (indicator_id, region_code)
        JOIN series_segments g USING (indicator_id, year)
        LEFT JOIN indicators i USING (indicator_id)
        WHERE v.year BETWEEN t.first_year AND t.last_year
          AND t.classification <> 'no significant change'
        GROUP BY t.indicator_id, t.region_code, t.first_year, t.last_year
        HAVING count(DISTINCT g.source_key) > 1
            OR len(list_filter(any_value(coalesce(i.break_years, [])),
                               lambda y: y > t.first_year AND y <= t.last_year)) > 0
    """,
    "urgent_task_improving": """
        SELECT region_code, indicator_id, momentum FROM kies_richting
        WHERE label = 'urgent task' AND momentum = 'improving'
    """,
    "strength_worsening": """
        SELECT region_code, indicator_id, momentum FROM kies_richting
        WHERE label = 'distinctive strength' AND momentum = 'worsening'
    """,
    "kies_neutral_direction": """
        SELECT k.region_code, k.indicator_id FROM kies_richting k
        JOIN indicators i USING (indicator_id) WHERE i.direction = 'neutral'
    """,
    # 'diverging' while the city/ommeland ratio moved towards 1
    "diverging_towards_parity": """
        SELECT t.region_code, t.indicator_id, f.ratio AS first_ratio, l.ratio AS last_ratio
        FROM region_gap_trends t
        JOIN region_gaps f ON f.region_code = t.region_code
         AND f.indicator_id = t.indicator_id AND f.year = t.first_year
        JOIN region_gaps l ON l.region_code = t.region_code
         AND l.indicator_id = t.indicator_id AND l.year = t.last_year
        WHERE t.classification = 'diverging'
          AND (f.ratio <= 0 OR l.ratio <= 0 OR abs(ln(l.ratio)) <= abs(ln(f.ratio)))
    """,
    "count_gap_compared": """
        SELECT g.region_code, g.indicator_id FROM region_gap_trends g
        JOIN indicators i USING (indicator_id) WHERE i.method = 'count'
    """,
    # a top-3 signal of an opgave resting on a figure older than the staleness limit
    "stale_top_signal": """
        SELECT s.region_code, s.opgave_id, s.indicator_id, s.year
        FROM signals s, build_info b
        WHERE s.rank_opgave <= 3
          AND s.year < b.latest_data_year - b.stale_after_years
    """,
}


def claim_problems(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Check name -> offending rows (empty when the claim holds)."""
    return {name: con.execute(sql).df() for name, sql in CHECKS.items()}
