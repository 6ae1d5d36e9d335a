"""Match the catalogue's source parts with the raw observations: ``_picked`` (the best-ranked
source per series and year, one row per series, region and year), ``_later`` (the rows of the
later-ranked sources), ``_part_info``, ``_part_dims`` and ``_terms`` (tables of the in-memory
database :data:`~stadstrends.duck.STEPS_DB`, which the connection's search path names), and
``series_matched`` (a temporary table of the connection) from ``catalogue_parts``,
``raw_observations`` and ``table_boundaries``; :data:`UNIQUE_SQL` and :data:`AMBIGUOUS_SQL`
check that a part matches one row per region and year."""

from __future__ import annotations

from stadstrends.duck import ATTACH_STEPS_SQL, STEPS_DB

SERIES_RAW_SQL = f"""
-- the steps below live in an in-memory database every cursor sees (a second cursor reads
-- them beside series_raw's statement: indicators.build), found by the search path;
-- stadstrends.duck.detach_steps drops them
{ATTACH_STEPS_SQL};
SET search_path = 'main,{STEPS_DB}.main';
-- the catalogue's source parts numbered: part_no in the order (series, rank), so the best
-- source of a series is its lowest part_no; series_no numbers the series. The steps below
-- carry these integers, not the part's words (series, indicator, role, timing, ...): narrow
-- rows, joined back to _part_info (one row per part) at the end. They keep the table id
-- as stored (one table read through two APIs could be stored in two spellings)
CREATE OR REPLACE TABLE {STEPS_DB}._terms AS
SELECT dense_rank() OVER (ORDER BY series_id, rank)::INTEGER AS part_no,
       dense_rank() OVER (ORDER BY series_id)::INTEGER AS series_no, *
FROM catalogue_parts;
CREATE OR REPLACE TABLE {STEPS_DB}._part_info AS
SELECT DISTINCT t.part_no, t.series_no, t.series_id, t.indicator_id,
       dense_rank() OVER (ORDER BY t.indicator_id)::INTEGER AS indicator_no, t.role,
       t.additive, t.weighted, t.timing, t.basis,
       CASE WHEN t.n_terms = 1 THEN t.measure END AS measure
FROM _terms t;

-- 1. the 'where' filter is decided once per distinct dims string, not per row, over the
-- raw rows of the catalogue's (table, measure) pairs only
CREATE OR REPLACE TABLE {STEPS_DB}._part_dims AS
SELECT DISTINCT p.table_id, p.where_list, d.dims, dense_rank() OVER (ORDER BY d.dims) AS dims_no
FROM (SELECT DISTINCT table_id, where_list FROM catalogue_parts) p
JOIN (SELECT DISTINCT lower(o.table_id) AS table_key, o.dims FROM raw_observations o
      SEMI JOIN (SELECT DISTINCT table_id, measure FROM catalogue_parts) c
        ON lower(o.table_id) = c.table_id AND o.measure = c.measure) d
  ON d.table_key = p.table_id
WHERE list_has_all(string_split(d.dims, '|'), p.where_list);

-- a one-term part is one raw row per series, region and period (ingest refuses duplicate
-- keys): no aggregation; a part 'A + B - C' has a value only when every term has one
-- (its measures named in 'measure'; a one-term part's measure is in _part_info).
-- _matched and _picked are steps of the build, kept in memory (writing them into the
-- warehouse cost more than computing them). 'joined' is read twice, for the
-- one-term and the grouped parts: computed twice (the second join keeps 38 000 rows) instead
-- of kept as 800 000 rows, 0.48 instead of 0.61 s of CPU (medians of 4, alternating)
CREATE OR REPLACE TABLE {STEPS_DB}._matched AS
WITH joined AS NOT MATERIALIZED (
    SELECT p.part_no, p.series_no, p.n_terms, p.coef, p.scale, p.measure, o.region_code,
           o.year + p.year_offset AS year,
           coalesce(p.boundary_year, b.boundary_year, o.year) AS boundary_year,
           o.value, o.table_id, o.period, m.dims_no,
           -- measures.yaml's 'final': a figure CBS's status calls provisional is final
           CASE WHEN p.final AND o.status IN ('voorlopig', 'nader voorlopig')
                THEN 'definitief' ELSE o.status END AS status
    FROM _terms p
    JOIN _part_dims m ON m.table_id = p.table_id AND m.where_list = p.where_list
    JOIN raw_observations o  -- read in place: a copy would be one more table in memory
      ON lower(o.table_id) = p.table_id AND o.measure = p.measure AND o.dims = m.dims
     AND o.period_type = p.period_type
     AND (p.part IS NULL OR o.period_part = p.part)
     AND (p.year_from IS NULL OR o.year BETWEEN p.year_from AND p.year_to)
    LEFT JOIN table_boundaries b ON b.table_id = p.table_id AND b.year = o.year
)
SELECT part_no, series_no, region_code, year, boundary_year, value * coef * scale AS value,
       CASE WHEN status IN ('voorlopig', 'nader voorlopig') THEN 'voorlopig'
            WHEN status IN ('geheim', 'confidential') THEN 'geheim'
            ELSE status END AS status,
       table_id, NULL::VARCHAR AS measure, dims_no
FROM joined WHERE n_terms = 1
UNION ALL
SELECT part_no, series_no, region_code, year, boundary_year,
       CASE WHEN count(value) = any_value(n_terms)
            THEN sum(value * coef) * any_value(scale) END AS value,
       CASE WHEN bool_or(status IN ('voorlopig', 'nader voorlopig')) THEN 'voorlopig'
            WHEN bool_or(status IN ('geheim', 'confidential')) THEN 'geheim'
            ELSE any_value(status) END AS status,
       table_id, string_agg(measure, ' + ' ORDER BY measure) AS measure, dims_no
FROM joined WHERE n_terms > 1
GROUP BY part_no, series_no, region_code, year, boundary_year, table_id, period, dims_no;

-- what the build check of unmatched catalogue parts needs of the matched rows
CREATE OR REPLACE TEMP TABLE series_matched AS
SELECT DISTINCT i.series_id, m.table_id, coalesce(m.measure, i.measure) AS measure
FROM (SELECT DISTINCT part_no, table_id, measure FROM _matched) m
JOIN _part_info i USING (part_no);

-- _picked: the best-ranked source per series and year, which is _matched without the rows of
-- a series' later-ranked sources (_later, 1 600 rows: what CONFIRM_SQL compares with).
-- Moving those out and renaming the table instead of copying the other 777 000 rows: 0.13
-- instead of 0.35 s of CPU with CONFIRM_SQL (medians of 4, alternating; the same rows)
CREATE OR REPLACE TABLE {STEPS_DB}._later AS
SELECT m.* FROM _matched m
JOIN (SELECT series_no, year, min(part_no) AS best FROM _matched GROUP BY ALL) b
  ON b.series_no = m.series_no AND b.year = m.year AND m.part_no > b.best;
DELETE FROM _matched m USING (SELECT DISTINCT series_no, year, part_no FROM _later) l
WHERE m.series_no = l.series_no AND m.year = l.year AND m.part_no = l.part_no;
DROP TABLE IF EXISTS _picked;
ALTER TABLE _matched RENAME TO _picked;
"""

# no two rows share a key where no two share its hash: one hash per row, not a grouping on the
# three columns (0.20 instead of 0.28 s of CPU, medians of 4); AMBIGUOUS_SQL names them if some do
UNIQUE_SQL = "SELECT count(*) = count(DISTINCT hash(series_no, region_code, year)) FROM _picked"

# counting first (a plain hash aggregate) and naming the dims only of the few groups found
AMBIGUOUS_SQL = """
WITH multi AS (
    SELECT series_no, region_code, year, count(*) AS n FROM _picked
    GROUP BY ALL HAVING count(*) > 1
),
named AS (SELECT DISTINCT series_no, series_id FROM _part_info)
SELECT s.series_id, m.region_code, m.year, m.n,
       string_agg(DISTINCT d.dims, ' ; ' ORDER BY d.dims) AS dims
FROM multi m JOIN _picked p USING (series_no, region_code, year)
JOIN named s USING (series_no)
JOIN (SELECT DISTINCT dims_no, dims FROM _part_dims) d USING (dims_no)
GROUP BY ALL ORDER BY s.series_id LIMIT 20
"""
