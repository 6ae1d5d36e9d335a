"""The sums per opgave of a municipality's signals in a group (``opgave_summary``): counts by
valence, the strongest signal, the city-region gap trends and neighbourhood inequality trends of
the opgave's indicators and measures, with a verdict on each (codes: 'gaps widen', 'inequality
rises', ...). Run by :func:`stadstrends.analysis.signals.build_signals` after the signals'
rows, from its steps (``_sig_pairs``, ``_sig_scope``, ``_sig_ind``, ``_sig_opgave_ind``,
``_signals.bench``, ``_signals.latest``) and ``signal_rows``, ``region_gap_trends``,
``inequality_trends`` and ``opgaven``."""

SUMMARY_SQL = """
CREATE OR REPLACE TABLE opgave_summary AS
WITH agg AS (
    SELECT set_id, region_code, opgave_id, count(*) AS n_signals,
           count(*) FILTER (WHERE valence = 'adverse') AS n_adverse,
           count(*) FILTER (WHERE valence = 'favourable') AS n_favourable,
           count(*) FILTER (WHERE valence = 'neutral') AS n_neutral,
           avg(strength) AS mean_strength, max(strength) AS max_strength,
           any_value(indicator_id) FILTER (WHERE rank_opgave = 1) AS top_indicator_id,
           any_value(kind) FILTER (WHERE rank_opgave = 1) AS top_kind
    FROM signal_rows WHERE opgave_id IS NOT NULL AND NOT stale GROUP BY ALL
),
gaps AS (
    SELECT t.region_code, o.opgave_id, count(*) AS n_gap_trends,
           count(*) FILTER (WHERE t.classification = 'diverging') AS n_gaps_widening,
           count(*) FILTER (WHERE t.classification = 'converging') AS n_gaps_narrowing,
           count(*) FILTER (WHERE t.valence = 'favourable') AS n_gaps_favourable,
           count(*) FILTER (WHERE t.valence = 'adverse') AS n_gaps_adverse,
           min(t.first_year) AS gap_first_year, max(t.last_year) AS gap_last_year
    FROM (FROM region_gap_trends WHERE no_verdict IS NULL) t  -- no verdict: no finding
    JOIN _sig_ind i USING (indicator_id)
    JOIN _sig_opgave_ind o USING (indicator_id)
    CROSS JOIN _signals.latest l
    WHERE i.method <> 'count' AND NOT i.projection AND t.last_year >= l.fresh_from
    GROUP BY ALL
),
compared AS (  -- the opgave's indicators with a recent position within the group
    SELECT b.set_id, b.region_code, o.opgave_id,
           count(DISTINCT b.indicator_id) AS n_indicators_compared
    FROM _signals.bench b
    JOIN _sig_opgave_ind o USING (indicator_id)
    CROSS JOIN _signals.latest l
    WHERE b.year >= l.fresh_from GROUP BY ALL
),
measures AS (SELECT opgave_id, unnest(neighbourhood_measures) AS measure FROM opgaven),
ineq AS (
    SELECT t.region_code, m.opgave_id, count(*) AS n_ineq_measures,
           count(*) FILTER (WHERE t.trend = 'increasing') AS n_ineq_rising,
           count(*) FILTER (WHERE t.trend = 'decreasing') AS n_ineq_falling,
           min(t.first_year) AS ineq_first_year, max(t.last_year) AS ineq_last_year
    FROM inequality_trends t JOIN measures m USING (measure)
    GROUP BY ALL
),
base AS (
    SELECT pr.set_id, sc.region_code, sc.region_name, o.opgave_id, o.position, o.name_nl,
           coalesce(c.n_indicators_compared, 0) AS n_indicators_compared,
           coalesce(a.n_signals, 0) AS n_signals, coalesce(a.n_adverse, 0) AS n_adverse,
           coalesce(a.n_favourable, 0) AS n_favourable,
           coalesce(a.n_neutral, 0) AS n_neutral,
           a.mean_strength, a.max_strength, a.top_indicator_id, a.top_kind,
           coalesce(g.n_gap_trends, 0) AS n_gap_trends,
           coalesce(g.n_gaps_widening, 0) AS n_gaps_widening,
           coalesce(g.n_gaps_narrowing, 0) AS n_gaps_narrowing,
           coalesce(g.n_gaps_favourable, 0) AS n_gaps_favourable,
           coalesce(g.n_gaps_adverse, 0) AS n_gaps_adverse,
           g.gap_first_year, g.gap_last_year,
           coalesce(q.n_ineq_measures, 0) AS n_ineq_measures,
           coalesce(q.n_ineq_rising, 0) AS n_ineq_rising,
           coalesce(q.n_ineq_falling, 0) AS n_ineq_falling,
           q.ineq_first_year, q.ineq_last_year
    FROM _sig_pairs pr
    JOIN _sig_scope sc USING (region_code)
    CROSS JOIN opgaven o
    LEFT JOIN agg a ON a.set_id = pr.set_id AND a.region_code = sc.region_code
     AND a.opgave_id = o.opgave_id
    LEFT JOIN compared c ON c.set_id = pr.set_id AND c.region_code = sc.region_code
     AND c.opgave_id = o.opgave_id
    LEFT JOIN gaps g ON g.region_code = sc.region_code AND g.opgave_id = o.opgave_id
    LEFT JOIN ineq q ON q.region_code = sc.region_code AND q.opgave_id = o.opgave_id
)
SELECT *,
       CASE WHEN n_gap_trends = 0 THEN 'no data'
            WHEN n_gaps_widening > n_gaps_narrowing THEN 'gaps widen'
            WHEN n_gaps_narrowing > n_gaps_widening THEN 'gaps narrow'
            WHEN n_gaps_widening > 0 THEN 'mixed'
            ELSE 'stable' END AS tweedeling_verdict,
       CASE WHEN n_ineq_measures = 0 THEN 'no data'
            WHEN n_ineq_rising > n_ineq_falling THEN 'inequality rises'
            WHEN n_ineq_falling > n_ineq_rising THEN 'inequality falls'
            WHEN n_ineq_rising > 0 THEN 'mixed'
            ELSE 'stable' END AS neighbourhood_verdict
FROM base
ORDER BY set_id, region_code, position
"""
