"""The signals found (:data:`BASE_SQL`: the table ``_sig_base``), scored and ranked
(:data:`RANK_SQL`: the view ``_sig_scored`` and the table ``_sig_keys``), and their rows
(``signal_rows``) and the view ``signals`` that adds their words and their indicator's domain,
direction and projection (from ``indicators``) (:data:`ROWS_SQL`), from the steps of
:func:`stadstrends.analysis.signals.build_signals` (``_sig_base``, ``_sig_pairs``,
``_sig_ind``, ``_sig_opgave_ind``, ``_signals.latest``, ``_signals.bench``, ``_sig_trends``,
``_sig_omm_latest``) and ``region_gaps``, ``region_gap_trends``, ``coarse_positions`` and
``gap_spreads``."""

#: The position's figures a signal's row carries (``signal_rows``), from the row of
#: ``_signals.bench`` (``{b}``) of its group, municipality, indicator and year: taken where
#: each kind of :data:`BASE_SQL` has that row (or a LEFT JOIN on it) beside its
#: city-region gap's two figures (``region_gaps`` of that year), not joined again to the
#: 164 000 scored signals while the rows are written, the statement that ends the analysis
#: on one core (see :data:`ROWS_SQL`).
BENCH_COLUMNS = "{b}.median, {b}.p25, {b}.p75, {b}.n, {b}.rank, {b}.percentile, {b}.robust_z"

#: What a deviation's rules (Kies richting's, :func:`~.signals._deviation_rules`) read of
#: its figure (alias ``{a}``): whether its count is coarse (``ck``), its tested trend (``t``)
#: and its share's case base (``sb``).
RULE_JOINS = """LEFT JOIN coarse_counts ck ON ck.region_code = {a}.region_code
     AND ck.indicator_id = {a}.indicator_id AND ck.year = {a}.year
    LEFT JOIN _sig_trends t ON t.region_code = {a}.region_code
     AND t.indicator_id = {a}.indicator_id
    LEFT JOIN _sig_case_bases sb ON sb.region_code = {a}.region_code
     AND sb.indicator_id = {a}.indicator_id AND sb.year = {a}.year"""

#: the four kinds of signal, each a query of its own (:data:`BASE_SQL`)
_BASE_KINDS = """
WITH tr AS (
    SELECT p.set_id, t.region_code, t.indicator_id, 'trend' AS kind, t.classification AS movement,
           t.first_year, t.last_year AS year, t.n_points, t.first_value, t.last_value AS value,
           t.abs_change AS change, t.rel_change, t.theil_sen_slope AS slope,
           t.sen_slope_rel AS slope_rel, t.mk_p AS p_value, t.indicative,
           -- euro in current prices: a rise or fall of the amount is no verdict by itself
           CASE WHEN i.current_prices THEN 0 ELSE i.dir END
               * CASE t.classification WHEN 'rising' THEN 1 ELSE -1 END AS sense,
           (1 - t.mk_p) * coalesce(
               -- a scale of fewer figures is no yardstick: the fallback
               abs(t.theil_sen_slope) * (t.last_year - t.first_year)
                   / CASE WHEN sc.n >= {dev_min_n} THEN sc.scale END,
               abs(t.sen_slope_rel) * (t.last_year - t.first_year) / {rel_fallback}) AS raw,
           {bench_of}, g.ommeland_value, g.gap
    FROM _sig_trends t
    JOIN _sig_pairs p USING (region_code)
    JOIN _sig_ind i USING (indicator_id)
    LEFT JOIN _signals.bench sc ON sc.set_id = p.set_id AND sc.region_code = t.region_code
     AND sc.indicator_id = t.indicator_id AND sc.year = t.last_year
    LEFT JOIN region_gaps g ON g.region_code = t.region_code
     AND g.indicator_id = t.indicator_id AND g.year = t.last_year
    WHERE t.classification IN ('rising', 'falling') AND NOT i.projection
      AND NOT t.rests_on_rounding  -- nor a verdict CBS's rounding alone could undo
),
dev AS (
    SELECT b.set_id, b.region_code, b.indicator_id, 'group_deviation' AS kind,
           CASE WHEN b.robust_z > 0 THEN 'above' ELSE 'below' END AS movement,
           NULL::BIGINT AS first_year, b.year, NULL::INTEGER AS n_points,
           NULL::DOUBLE AS first_value, b.value, b.value - b.median AS change,
           NULL::DOUBLE AS rel_change, NULL::DOUBLE AS slope, NULL::DOUBLE AS slope_rel,
           NULL::DOUBLE AS p_value, false AS indicative,
           i.dir * sign(b.robust_z)::INTEGER AS sense, abs(b.robust_z) AS raw,
           {bench_of_b}, g.ommeland_value, g.gap
    FROM _signals.bench b
    JOIN _sig_ind i USING (indicator_id)
    ANTI JOIN coarse_positions USING (set_id, region_code, indicator_id, year)
    {units}  -- nor a value within the figures' rounding of the median (as Kies richting)
    LEFT JOIN region_gaps g ON g.region_code = b.region_code
     AND g.indicator_id = b.indicator_id AND g.year = b.year
    {dev_rule_joins}
    WHERE b.latest AND abs(b.robust_z) >= {min_z} AND i.method <> 'count'
      AND b.n >= {dev_min_n} AND abs(b.value - b.median) > coalesce({tol}, 0)
      -- nor on one year's figure of a count CBS rounds coarsely without the tested trend
      -- going its way, nor on a share one case from its cut (Kies richting's rules)
      AND NOT (ck.region_code IS NOT NULL AND {dev_coarse_year})
      AND NOT coalesce(sb.case_base > 0 AND {dev_one_case}, false)
),
omm AS (
    SELECT sc.set_id, g.region_code, g.indicator_id, 'ommeland_deviation' AS kind,
           CASE WHEN g.gap > 0 THEN 'above' ELSE 'below' END AS movement,
           NULL::BIGINT, g.year, NULL::INTEGER, NULL::DOUBLE, g.city_value, g.gap,
           CASE WHEN g.ommeland_value <> 0 THEN g.gap / abs(g.ommeland_value) END,
           NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, false,
           i.dir * sign(g.gap)::INTEGER, abs(g.gap) / sc.scale,
           {bench_of}, g.ommeland_value, g.gap
    FROM _sig_omm_latest g
    JOIN _sig_ind i USING (indicator_id)
    -- bench holds the pairs' positions only (signals._SETUP_SQL): its set_id is the pair's
    JOIN _signals.bench sc ON sc.region_code = g.region_code
     AND sc.indicator_id = g.indicator_id AND sc.year = g.year
    JOIN gap_spreads k ON k.region_code = g.region_code AND k.indicator_id = g.indicator_id
     AND k.year = g.year  -- nor a gap CBS's rounding of the two figures could make
    {omm_rule_joins}
    WHERE i.method <> 'count' AND sc.scale > 0 AND abs(g.gap) / sc.scale >= {omm_min}
      AND sc.n >= {dev_min_n}  -- a scale of fewer figures is no yardstick
      AND (abs(g.gap) - k.city_spread - k.ommeland_spread) / sc.scale >= {omm_min}
      -- the city's figure as a group deviation's (dev)
      AND NOT (ck.region_code IS NOT NULL AND {omm_coarse_year})
      AND NOT coalesce(sb.case_base > 0 AND {omm_one_case}, false)
),
gap AS (
    SELECT p.set_id, t.region_code, t.indicator_id,
           CASE t.classification WHEN 'diverging' THEN 'gap_widening'
                WHEN 'crossing' THEN 'gap_crossing' ELSE 'gap_narrowing' END,
           -- a crossing (only it has crossing_p): the trend of the signed ln ratio
           -- relative only, city - ommeland as printed moved the other way (abs_against):
           -- its own words, no valence (gaps.py)
           CASE WHEN t.abs_against IS NOT NULL THEN t.movement || '_rel' ELSE t.movement END,
           t.first_year, t.last_year, t.n_points, NULL::DOUBLE, g.city_value,
           CASE WHEN t.classification = 'crossing' THEN t.last_gap - t.first_gap  -- no size
                ELSE abs(t.last_gap) - abs(t.first_gap) END, t.last_ratio - t.first_ratio,
           coalesce(t.crossing_slope, t.rel_gap_slope), NULL::DOUBLE,
           coalesce(t.crossing_p, t.mk_p), t.indicative,
           CASE t.valence WHEN 'favourable' THEN 1 WHEN 'adverse' THEN -1 ELSE 0 END,
           (1 - coalesce(t.crossing_p, t.mk_p))
               * abs(coalesce(t.crossing_slope, t.rel_gap_slope))
               * (t.last_year - t.first_year) / {rel_fallback},
           {bench_of}, g.ommeland_value, g.gap
    FROM region_gap_trends t
    JOIN _sig_pairs p USING (region_code)
    JOIN _sig_ind i USING (indicator_id)
    JOIN region_gaps g
      ON g.region_code = t.region_code AND g.indicator_id = t.indicator_id
     AND g.year = t.last_year
    LEFT JOIN _signals.bench sc ON sc.set_id = p.set_id AND sc.region_code = t.region_code
     AND sc.indicator_id = t.indicator_id AND sc.year = t.last_year
    WHERE t.classification IN ('diverging', 'converging', 'crossing') AND t.no_verdict IS NULL
      AND i.method <> 'count' AND NOT i.projection  -- no verdict: no finding (gaps.py)
)
"""
_BASE_PARTS = ("SELECT * FROM tr WHERE raw >= {trend_min}", "SELECT * FROM dev",
               "SELECT * FROM omm", "SELECT * FROM gap")
#: ``_sig_base``: its columns those of the four kinds' UNION ALL (none of its rows made),
#: then each kind's rows inserted by a statement of its own. One statement for all four held
#: the hash tables of their joins to the positions (``_signals.bench``) at once, beside
#: ``kies_richting`` on the other cursor: the build's peak (on a warehouse copy, this step
#: alone: DuckDB's memory 336 -> 176 MiB at its highest, its hash tables 249 -> 105 MiB, the
#: same rows)
BASE_SQL = (
    "CREATE OR REPLACE TEMP TABLE _sig_base AS SELECT * FROM (" + _BASE_KINDS
    + "\nUNION ALL ".join(_BASE_PARTS) + ") WHERE false;\n"
    + "".join(f"INSERT INTO _sig_base {_BASE_KINDS}{part};\n" for part in _BASE_PARTS))

RANK_SQL = """
CREATE OR REPLACE TEMP VIEW _sig_scored AS  -- a view: a copy of _sig_base cost memory
SELECT s.*, i.domain, i.title_nl, i.unit, i.direction, i.projection,
       CASE WHEN s.sense > 0 THEN 'favourable' WHEN s.sense < 0 THEN 'adverse'
            ELSE 'neutral' END AS valence,
       {cap} * tanh(s.raw / {cap})
           * CASE WHEN s.indicative THEN {w_indicative} ELSE 1 END
           * CASE WHEN i.projection THEN {w_projection} ELSE 1 END AS strength,
       s.year < l.fresh_from AS stale,
       s.rowid AS sig_no  -- the row's number in _sig_base: the key signal_rows joins on
FROM _sig_base s JOIN _sig_ind i USING (indicator_id) CROSS JOIN _signals.latest l;
-- ranks on the keys only (narrow rows sort fast), partitioned by pair_no, not the two names,
-- and joined back on sig_no, one integer, not four names (with ROWS_SQL 1.11 -> 0.82 s of CPU,
-- medians of 8 alternated); stale ones have no rank_city and sort last (NULLS LAST): the
-- opgave's partition need not split them off
CREATE OR REPLACE TEMP TABLE _sig_keys AS
WITH city AS (
    SELECT s.sig_no, p.pair_no, s.indicator_id, s.stale,
           CASE WHEN NOT s.stale THEN row_number() OVER (
               PARTITION BY p.pair_no, s.stale
               ORDER BY s.strength DESC, s.kind, s.indicator_id) END AS rank_city
    FROM _sig_scored s JOIN _sig_pairs p USING (set_id, region_code)
)
SELECT c.sig_no, o.opgave_id, c.rank_city,
       CASE WHEN NOT c.stale THEN row_number() OVER (
           PARTITION BY c.pair_no, o.opgave_id ORDER BY c.rank_city NULLS LAST) END
           AS rank_opgave
FROM city c LEFT JOIN _sig_opgave_ind o USING (indicator_id);
"""

ROWS_SQL = """
-- the rows without the words (municipality name, indicator title and unit) and the
-- indicator's domain, direction and projection, which the view signals adds: the names
-- written into 300 000 rows cost half of this statement's time
CREATE OR REPLACE TABLE signal_rows AS
SELECT s.set_id, s.region_code, k.opgave_id, s.indicator_id,
       s.kind, s.valence, s.strength, k.rank_city, k.rank_opgave, s.stale,
       s.raw AS raw_strength, s.movement,
       s.year, s.first_year, s.n_points, s.value, s.first_value, s.change, s.rel_change,
       s.slope, s.slope_rel, s.p_value, s.indicative,
       s.median, s.p25, s.p75, s.n, s.rank, s.percentile, s.robust_z,
       s.ommeland_value, s.gap
FROM _sig_scored s
JOIN _sig_keys k USING (sig_no);
CREATE OR REPLACE VIEW signals AS
SELECT s.set_id, s.region_code, r.region_name, s.opgave_id, s.indicator_id, i.domain,
       s.kind, s.valence, s.strength, s.rank_city, s.rank_opgave, s.stale,
       s.raw_strength, s.movement, i.title_nl, i.title_en, i.unit, i.direction,
       s.year, s.first_year, s.n_points, s.value, s.first_value, s.change, s.rel_change,
       s.slope, s.slope_rel, s.p_value, s.indicative, i.projection, i.current_prices,
       s.median, s.p25, s.p75, s.n, s.rank, s.percentile, s.robust_z,
       s.ommeland_value, s.gap
FROM signal_rows s
JOIN (SELECT region_code, any_value(name) AS region_name FROM regions
      WHERE level = 'gemeente' AND valid_to IS NULL GROUP BY ALL) r USING (region_code)
JOIN indicators i USING (indicator_id);
"""
