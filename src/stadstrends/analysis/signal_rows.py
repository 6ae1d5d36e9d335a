"""The signals scored and ranked (:data:`RANK_SQL`: the view ``_sig_scored`` and the table
``_sig_keys``), and their rows (``signal_rows``) and the view ``signals`` that adds their
words and their indicator's domain, direction and projection (from ``indicators``)
(:data:`ROWS_SQL`), from the steps of :func:`stadstrends.analysis.signals.build_signals`
(``_sig_base``, ``_sig_pairs``, ``_sig_ind``, ``_sig_opgave_ind``, ``_signals.latest``,
``_signals.bench``) and ``region_gaps``."""

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
       b.median, b.p25, b.p75, b.n, b.rank, b.percentile, b.robust_z,
       g.ommeland_value, g.gap
FROM _sig_scored s
JOIN _sig_keys k USING (sig_no)
LEFT JOIN _signals.bench b USING (set_id, region_code, indicator_id, year)
LEFT JOIN region_gaps g USING (region_code, indicator_id, year);
CREATE OR REPLACE VIEW signals AS
SELECT s.set_id, s.region_code, r.region_name, s.opgave_id, s.indicator_id, i.domain,
       s.kind, s.valence, s.strength, s.rank_city, s.rank_opgave, s.stale,
       s.raw_strength, s.movement, i.title_nl, i.unit, i.direction,
       s.year, s.first_year, s.n_points, s.value, s.first_value, s.change, s.rel_change,
       s.slope, s.slope_rel, s.p_value, s.indicative, i.projection, i.current_prices,
       s.median, s.p25, s.p75, s.n, s.rank, s.percentile, s.robust_z,
       s.ommeland_value, s.gap
FROM signal_rows s
JOIN (SELECT region_code, any_value(name) AS region_name FROM regions
      WHERE level = 'gemeente' AND valid_to IS NULL GROUP BY ALL) r USING (region_code)
JOIN indicators i USING (indicator_id);
"""
