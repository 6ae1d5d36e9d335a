"""Checks that what the analysis tables claim holds on the data: each returns offending rows.

Run on a built warehouse (``claim_problems``); the snapshot test asserts every check is empty.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.analysis.inequality import PRINTED_DECIMALS as INEQ_DECIMALS
from stadstrends.analysis.printed_values import VIEW as PRINTED
from stadstrends.analysis.printed_values import printed, printed_key
from stadstrends.analysis.signal_kies import KIES_MIN_N


def _member_counts(rows: str) -> str:
    """The ``kies_richting`` rows of members of their group that match ``rows`` (a condition
    on that table) with, among the group's members, how many print a more favourable figure
    (``better``), a less favourable one (``worse``) and the same (``tied``, itself not
    counted; figures as printed, as positions rank them: the view of
    :mod:`~.printed_values`, a figure recalculated for today's boundaries to its step), and
    the build's quarter cuts (``top``, ``bottom``)."""
    return f"""
        SELECT k.set_id, k.region_code, k.indicator_id, k.label, k.position, k.n,
               count(*) FILTER (WHERE k.sense * (v.printed - o.printed) > 0) AS better,
               count(*) FILTER (WHERE k.sense * (v.printed - o.printed) < 0) AS worse,
               count(*) FILTER (WHERE v.printed = o.printed) - 1 AS tied,
               any_value(b.top_percentile) AS top, any_value(b.bottom_percentile) AS bottom
        FROM (SELECT *, CASE direction WHEN 'higher_better' THEN 1 ELSE -1 END AS sense
              FROM kies_richting WHERE {rows}) k
        JOIN {PRINTED} o USING (region_code, indicator_id, year)  -- its own, as printed
        SEMI JOIN comparison_group_members s ON s.set_id = k.set_id
         AND s.region_code = k.region_code AND s.focal_code IS NULL  -- members only
        JOIN comparison_group_members m ON m.set_id = k.set_id AND m.focal_code IS NULL
        JOIN {PRINTED} v ON v.region_code = m.region_code
         AND v.indicator_id = k.indicator_id AND v.year = k.year
        JOIN build_info b ON true
        GROUP BY k.set_id, k.region_code, k.indicator_id, k.label, k.position, k.n"""


#: The steps toward a cut the checks below weigh (``step``, points): the larger of one case
#: (100 / ``base_count``) and half CBS's published unit of the share (``published_rounding``),
#: of a small base's cases (``small_bases``) and, for a percentage of persons CBS publishes
#: with their count (the catalogue's ``count_series``), the persons it is of (``base_series``:
#: the adults), else the inhabitants (the count's denominator): Schiermonnikoog's payment
#: arrears of 2024, 0,8% of 864 adults (0,116 point each); Ameland's 0,6%, 3 167 adults
#: (0,032 point each), half CBS's unit 0,05
_CASES = """(SELECT b.*, greatest(100 / b.base_count, coalesce(r.unit, 0) / 2) AS step
        FROM (SELECT region_code, indicator_id, year, base_count FROM small_bases
              UNION ALL
              SELECT p.region_code, c.indicator_id, p.year, coalesce(a.value, p.value)
              FROM catalogue_indicators c
              JOIN catalogue_indicators n ON c.count_series = n.indicator_id || ':num'
              JOIN series_all p ON p.series_id = n.denominator_series
              LEFT JOIN series_all a ON a.series_id = c.base_series
               AND a.region_code = p.region_code AND a.year = p.year AND a.value > 0
              SEMI JOIN published_rounding r
                ON r.indicator_id = c.indicator_id AND r.year = p.year
              WHERE p.region_code LIKE 'GM%' AND p.value > 0) b
        LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM published_rounding
                   GROUP BY ALL) r USING (indicator_id, year))"""

def _coarse_count(claims: str, count: str) -> str:
    """The joins of a claim's figure (alias ``claims``) to its count (``count``, the
    ``:num`` series), CBS's unit of that count (``u``) and the build's ``coarse_share``
    (``b``): the claim checks' own statement of 'a count CBS rounds coarsely' (not the
    rule's, so a wrong rule shows)."""
    return f"""JOIN (SELECT indicator_id, year, max(unit) AS unit FROM numerator_rounding
              GROUP BY ALL) u USING (indicator_id, year)
        JOIN series_all {count} ON {count}.series_id = {claims}.indicator_id || ':num'
         AND {count}.region_code = {claims}.region_code AND {count}.year = {claims}.year
        CROSS JOIN (SELECT any_value(coarse_share) AS share FROM build_info) b"""


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
          AND t.classification IN ('rising', 'falling')
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
    # an amount in euro in current prices judged by its trend: part of a rise is inflation,
    # so no trend verdict, no favourable/adverse trend signal and no Kies richting momentum
    "current_prices_trend_verdict": """
        SELECT 'trends' AS source, indicator_id, region_code, direction_label AS verdict
        FROM trends JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND direction_label IN ('improving', 'worsening')
        UNION ALL
        SELECT 'jump_trends', indicator_id, region_code, direction_label
        FROM jump_trends JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND direction_label IN ('improving', 'worsening')
        UNION ALL
        SELECT 'signals', indicator_id, region_code, valence FROM signal_rows
        JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND kind = 'trend' AND valence <> 'neutral'
        UNION ALL
        SELECT 'kies_richting', indicator_id, region_code, momentum FROM kies_richting
        JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND momentum IN ('improving', 'worsening')
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
    # a gap that changes sides called growing or shrinking, or a crossing worded as a gap
    # moving on one side ('verder achter'): analysis/gap_crossings.py
    "crossing_called_growing_or_shrinking": """
        SELECT region_code, indicator_id, classification, movement FROM region_gap_trends
        WHERE (gap_sign_changed AND classification NOT IN ('crossing', 'stable', 'not tested')
               AND NOT (classification = 'converging' AND ends_level
                        AND movement IN ('caught_up', 'lead_lost', 'level'))
               AND NOT (classification = 'diverging' AND starts_level
                        AND movement IN ('left_level_ahead', 'left_level_behind', 'left_level')))
           OR (classification = 'crossing' AND (NOT gap_sign_changed
               OR movement NOT IN ('overtaking', 'overtaken', 'crossing')))
    """,
    # a gap said to change sides whose last year's two figures print the same: no side the
    # reader can see it ended on ('stad 55,6, ommeland 55,6 ... komt voor te liggen')
    "crossing_ending_level": """
        SELECT region_code, indicator_id, last_year, last_pct, movement FROM region_gap_trends
        WHERE classification = 'crossing' AND ends_level
    """,
    # ... or whose first year's two figures print the same: no side it came from ('stad 8,4,
    # ommeland 8,4 ... lag achter op het ommeland en komt nu voor te liggen'), nor a gap
    # from there said to grow 'further' ('loopt verder uit')
    "side_claimed_from_level": """
        SELECT region_code, indicator_id, first_year, first_pct, movement
        FROM region_gap_trends
        WHERE starts_level AND movement IN ('overtaking', 'overtaken', 'crossing', 'caught_up',
              'lead_lost', 'level', 'pulling_ahead', 'falling_behind', 'catching_up',
              'lead_shrinking', 'converging', 'diverging')
    """,
    # a gap trend over years in which its ommeland leaves out different members
    # (region_left_out): ln(city / ommeland) would move with who is counted
    "gap_trend_over_changing_ommeland": """
        SELECT t.region_code, t.indicator_id,
               count(DISTINCT coalesce(list_filter(l.members,
                                                   lambda m: m <> t.region_code), []))
                   AS memberships
        FROM region_gap_trends t
        JOIN region_gaps g ON g.region_code = t.region_code
         AND g.indicator_id = t.indicator_id AND g.year BETWEEN t.first_year AND t.last_year
        LEFT JOIN region_left_out l ON l.region_code = g.corop_code
         AND l.indicator_id = g.indicator_id AND l.year = g.year
        GROUP BY ALL HAVING memberships > 1
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
    # a strength or task whose value is the group's median: in no quarter (docs/analysis.md)
    "label_at_median": """
        SELECT set_id, region_code, indicator_id, value, median FROM kies_richting
        WHERE value = median
    """,
    # a strength or task no further from the group's median than the figures' rounding
    # unit: Zwolle's crimes per 1 000, 52,9 against its default group's median 52,8 (signal_kies)
    "label_within_rounding": """
        SELECT k.set_id, k.region_code, k.indicator_id, k.position, k.value, k.median
        FROM kies_richting k JOIN indicators i USING (indicator_id)
        LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM mean_rounding
                   GROUP BY ALL) m USING (indicator_id, year)
        WHERE abs(k.value - k.median)
              <= greatest(pow(10, -i.decimals), coalesce(m.unit, 0)) * (1 + 1e-6)
    """,
    # a strength or task whose quarter CBS's rounding of its count could change: its figure
    # moved by half the rounding unit of its count either way (numerator_rounding; x its parts'
    # weight for a merged municipality's sum of its codes' counts, series_parts; the figure
    # is proportional to the count), the other members' figures as printed kept (from
    # set_benchmarks: the members of the shared groups it is in), its mid-rank percent rank
    # at the two ends in different quarters (every figure, the moved one too, as printed:
    # the view of printed_values, a recalculated figure to its step). Bunnik's bijstand in
    # 2024, 130 (rounded to tens) per 16 108 inhabitants: 8,07 +-0,31, 42nd of 55 in GK3,
    # was a strength
    "label_within_a_counts_rounding": f"""
        WITH k AS (
            SELECT k.set_id, k.region_code, k.indicator_id, k.year, k.value, f.decimals,
                   f.step,
                   abs(k.value) * u.unit * coalesce(p.weight, 1) / (2 * s.value) AS spread
            FROM kies_richting k JOIN catalogue_indicators c USING (indicator_id)
            JOIN {PRINTED} f USING (region_code, indicator_id, year)
            JOIN (SELECT indicator_id, year, max(unit) AS unit FROM numerator_rounding
                  GROUP BY ALL) u USING (indicator_id, year)
            JOIN series_all s ON s.series_id = k.indicator_id || ':num'
             AND s.region_code = k.region_code AND s.year = k.year
            LEFT JOIN series_parts p ON p.series_id = s.series_id  -- a merged one's codes
             AND p.region_code = s.region_code AND p.year = s.year
            WHERE c.method IN ('ratio', 'count') AND s.value > 0
        ),
        ends AS (
            SELECT k.*, {printed_key('(k.value - k.spread)', 'k.decimals', 'k.step')} AS lo,
                   {printed_key('(k.value + k.spread)', 'k.decimals', 'k.step')} AS hi
            FROM k SEMI JOIN comparison_group_members m ON m.set_id = k.set_id
             AND m.region_code = k.region_code AND m.focal_code IS NULL  -- a shared group's
        ),
        ranks AS (
            SELECT e.set_id, e.region_code, e.indicator_id, e.year, e.value, e.spread,
                   100.0 * (count(*) FILTER (WHERE v.printed < e.lo)
                            + count(*) FILTER (WHERE v.printed = e.lo) / 2) / count(*)
                       AS pct_lo,
                   100.0 * (count(*) FILTER (WHERE v.printed < e.hi)
                            + count(*) FILTER (WHERE v.printed = e.hi) / 2) / count(*)
                       AS pct_hi
            FROM ends e JOIN set_benchmarks b USING (set_id, indicator_id, year)
            JOIN {PRINTED} v ON v.region_code = b.region_code
             AND v.indicator_id = b.indicator_id AND v.year = b.year
            WHERE b.region_code <> e.region_code GROUP BY ALL
        )
        SELECT r.*, s.top_percentile, s.bottom_percentile FROM ranks r
        CROSS JOIN (SELECT any_value(top_percentile) AS top_percentile,
                           any_value(bottom_percentile) AS bottom_percentile FROM build_info) s
        WHERE (r.pct_lo >= s.top_percentile) <> (r.pct_hi >= s.top_percentile)
           OR (r.pct_lo <= s.bottom_percentile) <> (r.pct_hi <= s.bottom_percentile)
    """,
    # a strength or task on one year's figure of a count CBS rounds coarsely for it (a
    # count rounded to 0, or half CBS's unit more than coarse_share of the count: the report
    # marks it 'berekend uit afgerond aantal') whose trend, tested over the fixed window,
    # does not agree. Schiermonnikoog's new dwellings of 2023, 0 of 615 (rounded to fives,
    # 15 in 2022): an 'urgent task' in the lowest quarter, its trend no significant change
    "label_on_one_coarse_year": f"""
        SELECT k.set_id, k.region_code, k.indicator_id, k.label, k.year, k.value, k.momentum,
               s.value AS count, u.unit
        FROM kies_richting k
        {_coarse_count('k', 's')}
        WHERE (s.value = 0 OR u.unit / 2 > b.share * abs(s.value))
          AND k.momentum NOT IN ('improving', 'worsening')
    """,
    # a strength or task on a share of a small base (small_bases) or of persons (_CASES)
    # whose quarter's or half's cut lies within the larger of one case (100 / the base, in
    # points) and half CBS's unit of the share from its figure, or on this side of it:
    # Schiermonnikoog's cleared crimes in 2024, 13,6% of 20 crimes, under GK1's p25 of
    # 16,0%; its payment arrears of 2024, 0,8% of fewer than 972 adults, under GK1's p75 of
    # 0,75% with one person fewer; Ameland's 0,6% under PV21's p25 of 0,625 (CBS: 0,55-0,65)
    "label_one_case_from_its_cut": f"""
        SELECT k.set_id, k.region_code, k.indicator_id, k.label, k.position, k.value,
               s.base_count, s.step, k.p25, k.median, k.p75
        FROM kies_richting k JOIN {_CASES} s USING (region_code, indicator_id, year)
        WHERE CASE WHEN k.position = 'favourable_quartile'
                   THEN CASE WHEN k.direction = 'higher_better'
                             THEN round(k.value - s.step - k.p75, 9) <= 0
                             ELSE round(k.value + s.step - k.p25, 9) >= 0 END
                   WHEN k.direction = 'higher_better'
                   THEN round(k.value + s.step - CASE k.position
                        WHEN 'unfavourable_quartile' THEN k.p25 ELSE k.median END, 9) >= 0
                   ELSE round(k.value - s.step - CASE k.position
                        WHEN 'unfavourable_quartile' THEN k.p75 ELSE k.median END, 9) <= 0
                   END
    """,
    # 'gunstig/ongunstig vergeleken met de groep' or 'met het ommeland' on one year's figure
    # of a count CBS rounds coarsely for the municipality (as label_on_one_coarse_year) whose
    # trend, tested over the fixed window (the one after a jump; none where CBS's rounding
    # could undo it), does not go its way: above rising, below falling
    "deviation_on_one_coarse_year": f"""
        SELECT s.set_id, s.region_code, s.indicator_id, s.kind, s.movement, s.year, s.value,
               c.value AS count, u.unit, t.classification AS trend, t.holds
        FROM signal_rows s
        {_coarse_count('s', 'c')}
        LEFT JOIN (SELECT region_code, indicator_id, classification, true AS holds
                   FROM jump_trends
                   UNION ALL
                   SELECT region_code, indicator_id, classification, coalesce(k.holds, true)
                   FROM trends ANTI JOIN jump_trends USING (region_code, indicator_id)
                   LEFT JOIN coarse_trends k USING (region_code, indicator_id)) t
          ON t.region_code = s.region_code AND t.indicator_id = s.indicator_id
        WHERE s.kind IN ('group_deviation', 'ommeland_deviation')
          AND (c.value = 0 OR u.unit / 2 > b.share * abs(c.value))
          AND NOT coalesce(t.holds AND t.classification
                           = CASE s.movement WHEN 'above' THEN 'rising' ELSE 'falling' END,
                           false)
    """,
    # a deviation of a share of a small base or of persons (_CASES) that the larger of one
    # case (100 / the base, in points) and half CBS's unit of the share nearer the group's
    # median brings within the build's deviation_min_z of its scales (|value - median| /
    # |robust_z|) or the figures' unit, or nearer the ommeland within ommeland_min scales
    # (|gap| / raw_strength) beyond the two figures' spreads
    "deviation_one_case_from_its_cut": f"""
        SELECT s.set_id, s.region_code, s.indicator_id, s.kind, s.value, s.median,
               s.ommeland_value, sb.base_count, sb.step, s.robust_z, s.raw_strength
        FROM signal_rows s JOIN {_CASES} sb USING (region_code, indicator_id, year)
        JOIN indicators i USING (indicator_id)
        LEFT JOIN gap_spreads k USING (region_code, indicator_id, year)
        CROSS JOIN (SELECT any_value(deviation_min_z) AS min_z,
                           any_value(ommeland_min) AS omm_min FROM build_info) cut
        WHERE CASE s.kind
            WHEN 'group_deviation' THEN round(abs(s.value - s.median) - sb.step
                - greatest(cut.min_z * abs(s.value - s.median) / abs(s.robust_z),
                           pow(10, -i.decimals)), 9) <= 0
            WHEN 'ommeland_deviation' THEN round(abs(s.gap) - sb.step
                - k.city_spread - k.ommeland_spread
                - cut.omm_min * abs(s.gap) / s.raw_strength, 9) <= 0
            ELSE false END
    """,
    # a strength whose better members, with half of those tied with it, are more than a
    # quarter of the others: ties counted at the lowest of their places (values compared as
    # printed, as positions rank them: the view of printed_values)
    "strength_beyond_its_quarter": f"""
        SELECT set_id, region_code, indicator_id, n, better, tied
        FROM ({_member_counts("label = 'distinctive strength'")})
        WHERE better + tied / 2 > (n - 1) * (100 - top) / 100
    """,
    # a strength or task in a quarter whose figure, as printed, it shares with members on
    # both sides of the quarter's cut: at the least favourable (a strength) or most favourable
    # (a task) of its tie's places it is outside the quarter (Almere's unemployment in 2024,
    # 4,2% with three others at places 9 to 12 of the 41 of its city set; signal_kies)
    "label_on_a_tie_across_its_cut": f"""
        SELECT set_id, region_code, indicator_id, label, n, better, worse, tied
        FROM ({_member_counts("position IN ('favourable_quartile', 'unfavourable_quartile')")})
        WHERE tied > 0 AND CASE position
            WHEN 'favourable_quartile' THEN 100.0 * (n - 1 - better - tied) / (n - 1) < top
            ELSE 100.0 * (worse + tied) / (n - 1) > bottom END
    """,
    # a deviation from the group's median and MAD over fewer figures than a quarter needs
    "group_deviation_over_few": f"""
        SELECT set_id, region_code, indicator_id, n FROM signals
        WHERE kind = 'group_deviation' AND n < {KIES_MIN_N}
    """,
    # 'gunstig/ongunstig vergeleken met de groep' for a value within the figures' rounding
    # unit of the median (the catalogue's decimals, CBS's unit of a published mean), which
    # Kies richting and the report call 'rond de mediaan' (signal_kies.TOL)
    "group_deviation_within_rounding": """
        SELECT s.set_id, s.region_code, s.indicator_id, s.value, s.median
        FROM signals s JOIN indicators i USING (indicator_id)
        LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM mean_rounding
                   GROUP BY ALL) m USING (indicator_id, year)
        WHERE s.kind = 'group_deviation' AND abs(s.value - s.median)
              <= greatest(pow(10, -i.decimals), coalesce(m.unit, 0)) * (1 + 1e-6)
    """,
    # cities whose neighbourhood measures print alike ranked apart, or a rank that is not
    # 1 + the cities printed higher (publish.sentence_inequality.DIGITS decimals)
    "inequality_rank_not_as_printed": f"""
        SELECT a.region_code, a.measure, a.year, a.rank_city_set,
               count(b.region_code) AS printed_higher
        FROM inequality a LEFT JOIN inequality b ON b.measure = a.measure
         AND b.year = a.year AND b.rank_city_set IS NOT NULL
         AND {printed('b.value', str(INEQ_DECIMALS))} > {printed('a.value', str(INEQ_DECIMALS))}
        WHERE a.rank_city_set IS NOT NULL
        GROUP BY ALL HAVING a.rank_city_set <> 1 + count(b.region_code)
    """,
    # an ommeland deviation measured in a group scale (1.4826 x MAD) of fewer such figures
    "ommeland_deviation_over_few": f"""
        SELECT set_id, region_code, indicator_id, n FROM signals
        WHERE kind = 'ommeland_deviation' AND (n IS NULL OR n < {KIES_MIN_N})
    """,
}


def claim_problems(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Check name -> offending rows (empty when the claim holds)."""
    return {name: con.execute(sql).df() for name, sql in CHECKS.items()}
