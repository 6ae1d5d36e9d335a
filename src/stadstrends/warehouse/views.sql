-- Public views: the contract for later stages and for users' own SQL.
CREATE OR REPLACE VIEW observations AS
SELECT o.table_id, o.measure, o.dims, o.region_code, o.region_label, o.period, o.year,
       o.period_type, o.period_part, o.value, o.status,
       s.origin, s.location, s.sha256, s.retrieved_at, s.modified, s.completeness
FROM raw_observations o
LEFT JOIN sources s USING (table_id);

-- source_tables: the tables the figure comes from. A municipality's published mean kept as CBS
-- gives it (not recalculated to today's boundaries) is its own table's alone (Wmo clients per
-- 1 000 of 2023: 86050NED, not the weights' 37259eng); a figure from a count_fallback that
-- count's and its denominator's; any other the figure's, its denominator's and a
-- denominator indicator's (payment arrears per 1 000: 81064ned and the population's table).
-- figure_tables: those of the figure's own measure alone (the rate, the count, the mean; not
-- what it is divided by or weighted with): whether a trend's source changed (the report's
-- 'twee CBS-tabellen': solar installations per 1 000, 84783NED then 85005NED, the population
-- from 37259eng in both)
-- A count_is_exact figure (exact_rates: births and deaths per 1 000, the count over the
-- average population where that rounds to CBS's rate) is its count's and its denominator's
-- likewise, not the rate's (LiveBornChildren_3 and the average population's measures).
-- source_measures: the measures of those same parts, by the same rule (jobs per 1 000
-- inhabitants: the jobs' and the population's measures; Wmo clients per 1 000 of 2023 kept as
-- CBS gives it: WmoClienten_1 alone; before schema 56 the indicator-year's, whatever the cell)
-- A figure (partly) from a region_fallback (fallback_cells: a municipality 85171NED leaves out,
-- its forecast from 85173NED) names the tables and measures its own numerator rows came from.
CREATE OR REPLACE VIEW indicator_values AS
WITH cell AS (
    SELECT r.indicator_id, r.region_code, r.year, r.value, s.measures, s.provisional,
           c.region_code IS NOT NULL AS own_provisional,
           CASE WHEN (r.region_code LIKE 'GM%' AND f.region_code IS NOT NULL) OR x.region_code IS NOT NULL
                THEN [s.fb_tables, s.den_tables]
                WHEN r.region_code LIKE 'GM%' AND i.method = 'weighted_mean'
                     AND h.region_code IS NULL THEN [coalesce(g.tables, s.num_tables)]
                ELSE [coalesce(g.tables, s.num_tables), s.den_tables, d.tables] END AS parts,
           CASE WHEN (r.region_code LIKE 'GM%' AND f.region_code IS NOT NULL) OR x.region_code IS NOT NULL
                THEN [s.fb_measures, s.den_measures]
                WHEN r.region_code LIKE 'GM%' AND i.method = 'weighted_mean'
                     AND h.region_code IS NULL THEN [coalesce(g.measures, s.num_measures)]
                ELSE [coalesce(g.measures, s.num_measures), s.den_measures, d.measures]
                END AS measure_parts,
           CASE WHEN (r.region_code LIKE 'GM%' AND f.region_code IS NOT NULL) OR x.region_code IS NOT NULL THEN s.fb_tables
                ELSE coalesce(g.tables, s.num_tables) END AS own_tables,
           s.tables
    FROM indicator_results r
    LEFT JOIN indicator_sources s USING (indicator_id, year)
    LEFT JOIN provisional_cells c USING (indicator_id, region_code, year)
    LEFT JOIN recomputed_cells f USING (indicator_id, region_code, year)
    LEFT JOIN exact_rates x USING (indicator_id, region_code, year)
    LEFT JOIN harmonised_cells h USING (indicator_id, region_code, year)
    LEFT JOIN fallback_cells g USING (indicator_id, region_code, year)
    LEFT JOIN catalogue_indicators i USING (indicator_id)
    LEFT JOIN indicator_sources d ON i.denominator_series LIKE '%:num'
     AND d.indicator_id = split_part(i.denominator_series, ':', 1) AND d.year = r.year
    WHERE r.value IS NOT NULL
)
SELECT indicator_id, region_code, year, value,
       coalesce(nullif(array_to_string(list_sort(list_distinct(flatten(list_transform(
           list_filter(parts, lambda x: x IS NOT NULL), lambda x: string_split(x, ', '))))),
           ', '), ''),
                tables) AS source_tables,
       coalesce(own_tables, tables) AS figure_tables,
       coalesce(nullif(array_to_string(list_sort(list_distinct(flatten(list_transform(
           list_filter(measure_parts, lambda x: x IS NOT NULL),
           lambda x: string_split(x, ', '))))), ', '), ''),
                measures) AS source_measures,
       -- a municipality's figure is provisional when its own source figure is
       CASE WHEN region_code LIKE 'GM%' THEN provisional AND own_provisional
            ELSE provisional END AS provisional
FROM cell;

CREATE OR REPLACE VIEW indicator_gaps AS
SELECT r.indicator_id, r.region_code, r.year, r.reason, r.reason_detail,
       t.tables AS empty_tables  -- the tables whose cells are empty (indicators/empty_tables)
FROM indicator_results r
LEFT JOIN gap_tables t ON t.indicator_id = r.indicator_id AND t.region_code = r.region_code
 AND t.year = r.year
WHERE r.value IS NULL;

CREATE OR REPLACE VIEW coverage AS
SELECT indicator_id, region_code, min(year) AS first_year, max(year) AS last_year,
       count(*) AS n_years, list(year ORDER BY year) AS years
FROM indicator_values
GROUP BY indicator_id, region_code;

CREATE OR REPLACE VIEW current_municipalities AS
SELECT region_code, name FROM regions WHERE level = 'gemeente' AND valid_to IS NULL;
