"""The signals' rows (``signal_rows``) and the view ``signals`` that adds their words and
their indicator's domain, direction and projection (from ``indicators``), from
the scored and ranked steps of :func:`stadstrends.analysis.signals.build_signals`
(``_sig_scored``, ``_sig_keys``, ``_signals.bench``) and ``region_gaps``."""

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
       s.slope, s.slope_rel, s.p_value, s.indicative, i.projection,
       s.median, s.p25, s.p75, s.n, s.rank, s.percentile, s.robust_z,
       s.ommeland_value, s.gap
FROM signal_rows s
JOIN (SELECT region_code, any_value(name) AS region_name FROM regions
      WHERE level = 'gemeente' AND valid_to IS NULL GROUP BY ALL) r USING (region_code)
JOIN indicators i USING (indicator_id);
"""
