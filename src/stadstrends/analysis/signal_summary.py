"""The sums per opgave of a municipality's signals in a group (``opgave_summary``): counts by
valence, the strongest signal, the city-region gap trends and neighbourhood inequality trends of
the opgave's indicators and measures, with a verdict on each (codes: 'gaps widen', 'inequality
rises', ...). Run by :func:`stadstrends.analysis.signals.build_signals` after the signals'
rows, from its steps (``_sig_pairs``, ``_sig_scope``, ``_sig_ind``, ``_sig_opgave_ind``,
``_signals.bench``, ``_signals.latest``, ``_signals.divide``) and ``signal_rows``,
``region_gap_trends``, ``inequality_trends`` and ``opgaven``; the sums that read neither the
rows nor ``inequality_trends`` first (:data:`PARTS_SQL`), while the rows are written.

The tweedeling verdict (``tweedeling_verdict``) counts only the *divides*: gaps with the
ommeland of indicators with a good or bad direction (``higher_better``, ``higher_worse``).
Platform31's tweedeling is a divide between people who are better and worse off (work,
income, health, housing); a gap in births per 1 000 or in the job ratio (Enschede's Wonen,
's-Hertogenbosch's Bestuur en samenspel: 55% -> 64% more jobs per inhabitant than the
ommeland) is a difference in make-up, not a divide, and counted on its own
(``n_gap_trends``, ``n_gaps_widening``, ``n_gaps_narrowing``: every recent gap). A gap grows
or shrinks relative to the level (``region_gap_trends``: |ln(city / ommeland)|): Enschede's
delivered gas per inhabitant, 384 -> 356 m3 below the ommeland, is 47% -> 60% below it, a
growing divide. The verdict in one word ('gaps widen', 'gaps narrow') needs at least
``divide_min_gaps`` divides moving that way, and at least ``divide_min_share`` of those that
move (build settings; 2 and 0.75); divides moving both ways without that are 'mixed', fewer
moving one way only 'too few', none moving 'stable'; recent gap trends without a divide
among them are 'no divides', none at all 'no data'.
Before, a bare majority of every gap: 's-Hertogenbosch's Wonen 'gaps narrow' on solar
installations alone, Enschede's Economie 'gaps narrow' with 2 gaps growing and 3 shrinking
(3 of the 5 without a direction).

Every count is of gap trends that were tested, as the report's tweedeling counts them; those on
fewer years than a test needs (``region_gap_trends.indicative``, 3-4 years) are counted apart
(``n_gaps_untested``, ``n_divides_untested``) and make no verdict, only not 'no data'. Before,
``n_gap_trends`` and ``n_divides`` counted them too: 1 327 of the 1 710 municipality x opgave
pairs (341 municipalities) counted more than the report (Maastricht's Wonen 13 for 11); on this
snapshot each is of an indicator without a direction (the shares of over-65s and over-75s,
youth care, ...), so no verdict changed."""



def _way(classification: str) -> str:
    """How the divides moving one way (``classification``) go for the city: their one
    ``movement`` when they share it and none crosses parity ('lead_shrinking': Hollands Kroon's
    Economie, three leads shrinking), else their one ``valence`` ('adverse'), else 'mixed';
    none where one of them moves only relatively (``region_gap_trends.abs_against``)."""
    f = f"FILTER (WHERE i.dir <> 0 AND t.classification = '{classification}')"
    # one moving only relatively (abs_against: no valence, analysis/gaps.py): no way
    return (f"CASE WHEN count(*) {f} = 0 THEN NULL "
            f"WHEN bool_or(t.abs_against IS NOT NULL) {f} THEN NULL "
            f"WHEN min(t.movement) {f} = max(t.movement) {f} "
            f"AND NOT bool_or(t.gap_sign_changed) {f} THEN min(t.movement) {f} "
            f"WHEN min(t.valence) {f} = max(t.valence) {f} THEN min(t.valence) {f} "
            "ELSE 'mixed' END")


#: The sums of :data:`SUMMARY_SQL` that read neither ``signal_rows`` nor the neighbourhood
#: view (made by a step ``build_signals`` may run beside it): the city-region gap trends per
#: opgave (``_signals.opgave_gaps``) and the opgave's indicators with a recent position
#: within the group (``_signals.opgave_compared``). ``build_signals`` makes them on its
#: second cursor while the signals' rows are written, a statement that keeps one core busy:
#: 0.10 s of CPU off the critical path, :data:`SUMMARY_SQL` after the rows 0.36 -> 0.14 s
#: (with the count below; medians of 3-5 on a copy of the warehouse).
PARTS_SQL = """
CREATE OR REPLACE TABLE _signals.opgave_gaps AS
SELECT t.region_code, o.opgave_id, count(*) FILTER (WHERE NOT t.indicative) AS n_gap_trends,
       count(*) FILTER (WHERE t.classification = 'diverging') AS n_gaps_widening,
       count(*) FILTER (WHERE t.classification = 'converging') AS n_gaps_narrowing,
       count(*) FILTER (WHERE t.valence = 'favourable') AS n_gaps_favourable,
       count(*) FILTER (WHERE t.valence = 'adverse') AS n_gaps_adverse,
       count(*) FILTER (WHERE i.dir <> 0 AND NOT t.indicative) AS n_divides,
       count(*) FILTER (WHERE i.dir <> 0 AND t.classification = 'diverging')
           AS n_divides_widening,
       count(*) FILTER (WHERE i.dir <> 0 AND t.classification = 'converging')
           AS n_divides_narrowing,
       count(*) FILTER (WHERE t.indicative) AS n_gaps_untested,
       count(*) FILTER (WHERE i.dir <> 0 AND t.indicative) AS n_divides_untested,
       {widening} AS widening_way, {narrowing} AS narrowing_way,
       min(t.first_year) FILTER (WHERE NOT t.indicative) AS gap_first_year,
       max(t.last_year) FILTER (WHERE NOT t.indicative) AS gap_last_year
FROM (FROM region_gap_trends WHERE no_verdict IS NULL) t  -- no verdict: no finding
JOIN _sig_ind i USING (indicator_id)
JOIN _sig_opgave_ind o USING (indicator_id)
CROSS JOIN _signals.latest l
WHERE i.method <> 'count' AND NOT i.projection AND t.last_year >= l.fresh_from
GROUP BY ALL;
CREATE OR REPLACE TABLE _signals.opgave_compared AS
SELECT b.set_id, b.region_code, o.opgave_id, count(*) AS n_indicators_compared
-- each indicator once, then its opgaven (an opgave lists an indicator once: OpgaveSpec),
-- not count(DISTINCT) over every year's row (0.36 -> 0.29 s of CPU with SUMMARY_SQL,
-- medians of 5 alternated)
FROM (SELECT DISTINCT b.set_id, b.region_code, b.indicator_id FROM _signals.bench b
      CROSS JOIN _signals.latest l WHERE b.year >= l.fresh_from) b
JOIN _sig_opgave_ind o USING (indicator_id)
GROUP BY ALL;
""".format(widening=_way("diverging"), narrowing=_way("converging"))

SUMMARY_SQL = """
CREATE OR REPLACE TABLE opgave_summary AS
WITH agg AS (
    SELECT set_id, region_code, opgave_id, count(*) AS n_signals,
           count(*) FILTER (WHERE valence = 'adverse') AS n_adverse,
           count(*) FILTER (WHERE valence = 'favourable') AS n_favourable,
           count(*) FILTER (WHERE valence = 'neutral') AS n_neutral,
           favg(strength) AS mean_strength, max(strength) AS max_strength,
           any_value(indicator_id) FILTER (WHERE rank_opgave = 1) AS top_indicator_id,
           any_value(kind) FILTER (WHERE rank_opgave = 1) AS top_kind
    FROM signal_rows WHERE opgave_id IS NOT NULL AND NOT stale GROUP BY ALL
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
           coalesce(g.n_divides, 0) AS n_divides,
           coalesce(g.n_divides_widening, 0) AS n_divides_widening,
           coalesce(g.n_divides_narrowing, 0) AS n_divides_narrowing,
           coalesce(g.n_gaps_untested, 0) AS n_gaps_untested,
           coalesce(g.n_divides_untested, 0) AS n_divides_untested,
           g.widening_way, g.narrowing_way, g.gap_first_year, g.gap_last_year,
           coalesce(q.n_ineq_measures, 0) AS n_ineq_measures,
           coalesce(q.n_ineq_rising, 0) AS n_ineq_rising,
           coalesce(q.n_ineq_falling, 0) AS n_ineq_falling,
           q.ineq_first_year, q.ineq_last_year
    FROM _sig_pairs pr
    JOIN _sig_scope sc USING (region_code)
    CROSS JOIN opgaven o
    LEFT JOIN agg a ON a.set_id = pr.set_id AND a.region_code = sc.region_code
     AND a.opgave_id = o.opgave_id
    LEFT JOIN _signals.opgave_compared c ON c.set_id = pr.set_id
     AND c.region_code = sc.region_code AND c.opgave_id = o.opgave_id
    LEFT JOIN _signals.opgave_gaps g ON g.region_code = sc.region_code
     AND g.opgave_id = o.opgave_id
    LEFT JOIN ineq q ON q.region_code = sc.region_code AND q.opgave_id = o.opgave_id
)
SELECT base.* EXCLUDE (widening_way, narrowing_way),
       CASE WHEN n_gap_trends + n_gaps_untested = 0 THEN 'no data'
            WHEN n_divides = 0 THEN 'no divides'
            WHEN n_divides_widening >= d.min_gaps AND n_divides_widening::DOUBLE
                 / (n_divides_widening + n_divides_narrowing) >= d.min_share THEN 'gaps widen'
            WHEN n_divides_narrowing >= d.min_gaps AND n_divides_narrowing::DOUBLE
                 / (n_divides_widening + n_divides_narrowing) >= d.min_share THEN 'gaps narrow'
            WHEN n_divides_widening > 0 AND n_divides_narrowing > 0 THEN 'mixed'
            WHEN n_divides_widening + n_divides_narrowing > 0 THEN 'too few'
            ELSE 'stable' END AS tweedeling_verdict,
       CASE WHEN tweedeling_verdict = 'gaps widen' THEN widening_way
            WHEN tweedeling_verdict = 'gaps narrow' THEN narrowing_way END AS tweedeling_way,
       CASE WHEN n_ineq_measures = 0 THEN 'no data'
            WHEN n_ineq_rising > n_ineq_falling THEN 'inequality rises'
            WHEN n_ineq_falling > n_ineq_rising THEN 'inequality falls'
            WHEN n_ineq_rising > 0 THEN 'mixed'
            ELSE 'stable' END AS neighbourhood_verdict
FROM base CROSS JOIN _signals.divide d
ORDER BY set_id, region_code, position
"""
