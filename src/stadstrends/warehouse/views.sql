-- Public views: the contract for later stages and for users' own SQL.
CREATE OR REPLACE VIEW observations AS
SELECT o.table_id, o.measure, o.dims, o.region_code, o.region_label, o.period, o.year,
       o.period_type, o.period_part, o.value, o.status,
       s.origin, s.location, s.sha256, s.retrieved_at, s.modified, s.completeness
FROM raw_observations o
LEFT JOIN sources s USING (table_id);

CREATE OR REPLACE VIEW indicator_values AS
SELECT r.indicator_id, r.region_code, r.year, r.value,
       s.tables AS source_tables, s.measures AS source_measures,
       -- a municipality's figure is provisional when its own source figure is
       CASE WHEN r.region_code LIKE 'GM%' THEN s.provisional AND c.region_code IS NOT NULL
            ELSE s.provisional END AS provisional
FROM indicator_results r
LEFT JOIN indicator_sources s USING (indicator_id, year)
LEFT JOIN provisional_cells c USING (indicator_id, region_code, year)
WHERE r.value IS NOT NULL;

CREATE OR REPLACE VIEW indicator_gaps AS
SELECT indicator_id, region_code, year, reason, reason_detail
FROM indicator_results
WHERE value IS NULL;

CREATE OR REPLACE VIEW coverage AS
SELECT indicator_id, region_code, min(year) AS first_year, max(year) AS last_year,
       count(*) AS n_years, list(year ORDER BY year) AS years
FROM indicator_values
GROUP BY indicator_id, region_code;

CREATE OR REPLACE VIEW current_municipalities AS
SELECT region_code, name FROM regions WHERE level = 'gemeente' AND valid_to IS NULL;
