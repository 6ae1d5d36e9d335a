"""Harmonise selected series to today's municipalities, in SQL.

Input ``series_raw(series_id, region_code, year, boundary_year, value, additive, status,
basis, timing)`` holds values at the boundaries of their own year (``status``: the cell
status, ``basis``: persons/dwellings/area, ``timing``: stock_start/stock_end/flow; the
last three are optional). Output ``series_harmonised`` (a temporary view of the
connection) holds, per series, today's
municipality and year, the harmonised value or the true reason it is left out: a code
(``reason``: suppressed_in_source, missing_in_source (``reason_detail``: the other codes
whose cells are empty, where the municipality's own is not and some municipality has a
value that year; none where the table has a value for no one), predecessor_missing with the
codes in ``reason_detail``, no_value_for_year, level_boundary_change; words in the language files).

Which predecessors count depends on the measure's timing (catalogue ``measures.yaml``):

* ``stock_start`` (e.g. population on 1 January): the codes that exist on 1 January of the
  boundary year; each must have a value.
* ``stock_end`` (31 December, jobs in December): the codes of the classification the table
  is on that year. A code that ended during the year (after 1 January) with a value of its
  own means the table keeps the codes of 1 January: a count sums the codes of 1 January
  (83582NED December 2022: Amsterdam 702.1 + Weesp 9.0 thousand jobs). Where those codes
  hold nothing the table is on the boundaries in force on 31 December: the codes of that
  day only, the ended ones are no part of the figure (81064ned 2022: Weesp empty, Amsterdam's
  percentage is the merged municipality's own). A code that began during the year with a
  value means the table splits the year (84903NED 2015): the codes of 31 December.
* A count of either stock that CBS books under the code of the other end of the year (the
  code at the reference date 0 or empty, not secret) is taken from there.
* ``flow`` (births, new dwellings during the year): every code that exists during the
  year; codes that exist the whole year must have a value, a code that begins or ends
  during the year (Weesp 2022, De Friese Meren 2015) adds its value where CBS gives one
  (CBS often books the whole year at the successor and leaves the old code empty).

A non-additive value (a median, a percentage) is kept for a municipality whose own code
holds at least :data:`LEVEL_OWN_WEIGHT` of itself and that received less than
:data:`LEVEL_FOREIGN_SHARE` of its inhabitants from other codes (small boundary
corrections); otherwise it is left out with the reason recorded.
"""

from __future__ import annotations

from functools import partial

import duckdb

from stadstrends.duck import ATTACH_STEPS_SQL, STEPS_DB, beside

LEVEL_OWN_WEIGHT = 0.98
LEVEL_FOREIGN_SHARE = 0.02

#: the harmonisation of the years ``{part}`` of table ``{source}`` (``series_raw``'s columns)
#: into table ``{table}``: every step is per series and year (:func:`harmonise_series` runs the
#: even and the odd years side by side)
HARMONISE_SQL = f"""
CREATE OR REPLACE TABLE {{table}} AS
WITH src AS (
    SELECT * FROM {{source}} WHERE region_code LIKE 'GM%' AND {{part}}
),
-- whether any municipality has a value of the series that year: an empty year of the whole
-- table (60039fvw's ages 2018-2022) is no predecessor's gap (Land van Cuijk's 2018-2021)
filled AS (
    SELECT series_id, year, bool_or(value IS NOT NULL) AS any_filled FROM src GROUP BY ALL
),
-- which codes a stock at the year's end is on: a code that ended during the boundary year
-- (after 1 January) holds a value where the table keeps the codes of 1 January all year
-- (83582NED December 2022: Weesp 9.0 thousand jobs beside Amsterdam's 702.1); it holds none
-- where the table is on the codes of 31 December (81064ned 2022: Weesp empty, Amsterdam's
-- arrears cover Weesp). A code that began during the year with a value (or a secret one)
-- means the table splits the year between the codes (84903NED 2015: De Fryske Marren)
midyear AS (
    SELECT code, valid_from, valid_to FROM region_history
    WHERE strftime(valid_to, '%m-%d') <> '01-01' OR strftime(valid_from, '%m-%d') <> '01-01'
),
held AS (
    SELECT s.series_id, s.year,
           coalesce(bool_or(h.valid_to > make_date(s.boundary_year, 1, 1)
                            AND h.valid_to <= make_date(s.boundary_year, 12, 31)
                            AND coalesce(s.value <> 0 OR s.status = 'geheim', FALSE)),
                    FALSE) AS ended_held,
           coalesce(bool_or(h.valid_from > make_date(s.boundary_year, 1, 1)
                            AND h.valid_from <= make_date(s.boundary_year, 12, 31)
                            AND coalesce(s.value <> 0 OR s.status = 'geheim', FALSE)),
                    FALSE) AS begun_held
    FROM src s JOIN midyear h ON h.code = s.region_code
    WHERE s.timing = 'stock_end'
    GROUP BY ALL
),
keys AS (
    SELECT k.*,
           -- the reference date of a stock: 31 December for one at the year's end, except a
           -- count on the codes of 1 January (Weesp's beside Amsterdam's)
           CASE WHEN k.timing = 'stock_end'
                     AND NOT coalesce(k.additive AND h.ended_held AND NOT h.begun_held, FALSE)
                THEN make_date(k.b, 12, 31) ELSE make_date(k.b, 1, 1) END AS ref,
           -- the codes of the year end after this date: where the codes that ended during
           -- the year hold nothing at the year's end, the table is on the boundaries in
           -- force on 31 December and those codes are no part of the figure
           CASE WHEN k.timing = 'stock_end' AND NOT coalesce(h.ended_held, FALSE)
                THEN make_date(k.b, 12, 31) ELSE make_date(k.b, 1, 1) END AS lo
    FROM (SELECT DISTINCT series_id, year, boundary_year AS b, additive, basis, timing
          FROM src) k
    LEFT JOIN held h USING (series_id, year)
),
made_of AS (  -- whether a target's figure is made of one code (per boundary year and basis)
    SELECT boundary_year, basis, target_code, count(*) = 1 AS single FROM crosswalk GROUP BY ALL
),
cand AS (
    SELECT k.series_id, k.year, k.b, k.additive, k.timing, k.ref, k.lo,
           c.target_code, c.source_code,
           c.weight, h.valid_from AS f, h.valid_to AS t, n.single
    FROM keys k
    JOIN crosswalk c ON c.boundary_year = k.b AND c.basis = k.basis
    JOIN made_of n
      ON n.boundary_year = k.b AND n.basis = k.basis AND n.target_code = c.target_code
    JOIN region_history h ON h.code = c.source_code
),
expected AS (
    SELECT *,
           f < make_date(b + 1, 1, 1) AND (t IS NULL OR t > lo) AS in_year,
           CASE timing
               WHEN 'stock_start' THEN f <= make_date(b, 1, 1)
                    AND (t IS NULL OR t > make_date(b, 1, 1))
               WHEN 'stock_end' THEN f <= ref AND (t IS NULL OR t > ref)
               ELSE f <= make_date(b, 1, 1) AND (t IS NULL OR t >= make_date(b + 1, 1, 1))
           END AS at_ref
    FROM cand
),
joined AS (
    SELECT e.*, e.at_ref AND e.weight > 0 AS required, s.region_code IS NOT NULL AS present,
           s.value,
           s.status, m.inhabitants
    FROM expected e
    LEFT JOIN src s
      ON s.series_id = e.series_id AND s.year = e.year AND s.region_code = e.source_code
    LEFT JOIN membership m ON m.year = e.b AND m.gm_code = e.source_code
    WHERE e.in_year
),
grouped_multi AS (
    SELECT series_id, year, target_code, any_value(additive) AS additive,
           any_value(timing) AS timing,
           sum(value * weight) AS flow_total,
           sum(value * weight) FILTER (WHERE at_ref) AS ref_total,
           sum(value * weight) FILTER (WHERE NOT at_ref) AS other_total,
           bool_or(at_ref AND value <> 0) AS ref_nonzero,
           count(value) FILTER (WHERE at_ref) AS n_ref_values,
           max(value) FILTER (WHERE source_code = target_code) AS own_value,
           coalesce(max(weight) FILTER (WHERE source_code = target_code), 0) AS own_weight,
           coalesce(sum(weight * inhabitants) FILTER (WHERE source_code <> target_code), 0)
               AS foreign_inhabitants,
           max(weight * inhabitants) FILTER (WHERE source_code = target_code)
               AS own_inhabitants,
           -- a code that moved no one (weight 0) needs no count of its inhabitants
           coalesce(bool_and(inhabitants IS NOT NULL OR weight = 0)
                        FILTER (WHERE source_code <> target_code), TRUE) AS foreign_known,
           bool_or(present) AS any_present,
           count(value) AS n_values,
           bool_and(CASE WHEN required THEN present AND value IS NOT NULL ELSE TRUE END)
               AS required_complete,
           bool_or(required AND NOT present) AS missing_predecessor,
           bool_or(required AND present AND value IS NULL AND status = 'geheim')
               AS suppressed,
           bool_or(required AND present AND value IS NULL) AS empty,
           count(*) AS n_sources,
           -- the parts each total sums (with a value) and their weights: parts_weight
           sum(weight) FILTER (WHERE value IS NOT NULL) AS flow_weight,
           sum(weight) FILTER (WHERE at_ref AND value IS NOT NULL) AS ref_weight,
           sum(weight) FILTER (WHERE NOT at_ref AND value IS NOT NULL) AS other_weight,
           count(value) FILTER (WHERE NOT at_ref) AS n_other_values,
           -- the parts (n_parts): codes with a value that moved someone (a weight-0 code's
           -- cell cannot change the figure: Eindhoven's households 2000-2003 are its own)
           count(value) FILTER (WHERE weight > 0) AS parts_flow,
           count(value) FILTER (WHERE at_ref AND weight > 0) AS parts_ref,
           count(value) FILTER (WHERE NOT at_ref AND weight > 0) AS parts_other,
           -- a sorted list, not string_agg(... ORDER BY): an ordered aggregate took half of
           -- this statement's time
           array_to_string(list_sort(list(source_code) FILTER (WHERE required AND NOT present)),
                           ',') AS missing_codes,
           -- whose cells are empty: the municipality's own, or only other codes' (Weesp's
           -- Wmo clients 2018-2021 in 86050NED: Amsterdam's own are there)
           bool_or(required AND present AND value IS NULL AND source_code = target_code)
               AS empty_own,
           array_to_string(list_sort(list(source_code) FILTER (
               WHERE required AND present AND value IS NULL AND source_code <> target_code)),
                           ',') AS empty_codes
    FROM joined WHERE NOT single
    GROUP BY series_id, year, target_code
),
-- a target made of one code (80% of them, 'single') has one row: the aggregates above of one
-- row, written out, instead of a grouping of every row (0.40 instead of 0.80 s of CPU; equal
-- figures, bench/identity.py)
grouped AS (
    SELECT series_id, year, target_code, additive, timing,
           value * weight AS flow_total,
           CASE WHEN at_ref THEN value * weight END AS ref_total,
           CASE WHEN NOT at_ref THEN value * weight END AS other_total,
           at_ref AND value <> 0 AS ref_nonzero,
           CASE WHEN at_ref AND value IS NOT NULL THEN 1 ELSE 0 END::BIGINT AS n_ref_values,
           CASE WHEN source_code = target_code THEN value END AS own_value,
           coalesce(CASE WHEN source_code = target_code THEN weight END, 0) AS own_weight,
           coalesce(CASE WHEN source_code <> target_code THEN weight * inhabitants END, 0)
               AS foreign_inhabitants,
           CASE WHEN source_code = target_code THEN weight * inhabitants END AS own_inhabitants,
           coalesce(CASE WHEN source_code <> target_code THEN inhabitants IS NOT NULL END, TRUE)
               AS foreign_known,
           present AS any_present,
           CASE WHEN value IS NOT NULL THEN 1 ELSE 0 END::BIGINT AS n_values,
           CASE WHEN required THEN present AND value IS NOT NULL ELSE TRUE END
               AS required_complete,
           required AND NOT present AS missing_predecessor,
           required AND present AND value IS NULL AND status = 'geheim' AS suppressed,
           required AND present AND value IS NULL AS empty,
           1::BIGINT AS n_sources,
           CASE WHEN value IS NOT NULL THEN weight END AS flow_weight,
           CASE WHEN at_ref AND value IS NOT NULL THEN weight END AS ref_weight,
           CASE WHEN NOT at_ref AND value IS NOT NULL THEN weight END AS other_weight,
           CASE WHEN NOT at_ref AND value IS NOT NULL THEN 1 ELSE 0 END::BIGINT
               AS n_other_values,
           CASE WHEN value IS NOT NULL AND weight > 0 THEN 1 ELSE 0 END::BIGINT AS parts_flow,
           CASE WHEN at_ref AND value IS NOT NULL AND weight > 0 THEN 1 ELSE 0 END::BIGINT
               AS parts_ref,
           CASE WHEN NOT at_ref AND value IS NOT NULL AND weight > 0 THEN 1 ELSE 0 END::BIGINT
               AS parts_other,
           CASE WHEN required AND NOT present THEN source_code END AS missing_codes,
           required AND present AND value IS NULL AND source_code = target_code AS empty_own,
           CASE WHEN required AND present AND value IS NULL AND source_code <> target_code
                THEN source_code END AS empty_codes
    FROM joined WHERE single
    UNION ALL BY NAME
    SELECT * FROM grouped_multi
),
booked AS (
    -- a stock booked under the code of the other end of the year (CBS keeps a table on one
    -- classification): the codes at the reference date have a row without a value (empty,
    -- not secret) and the others hold one (83582NED December 2015: De Friese Meren 15.2
    -- thousand jobs, De Fryske Marren empty)
    SELECT *, additive AND timing <> 'flow' AND n_ref_values = 0 AND NOT suppressed
              AND NOT missing_predecessor AND coalesce(other_total, 0) <> 0 AS other_end
    FROM grouped
),
judged AS (
    SELECT *, (required_complete OR other_end) AND n_values > 0 AS complete,
           CASE WHEN timing = 'flow' THEN 'flow'
                -- booked at the other end, or the reference code holds 0 and the other a
                -- value (83628NED: De Friese Meren 2015 holds the jobs of December, De
                -- Fryske Marren 0)
                WHEN NOT coalesce(ref_nonzero, FALSE) AND other_total <> 0 THEN 'other'
                ELSE 'ref' END AS summed
    FROM booked
),
totals AS (
    SELECT *,
           CASE summed WHEN 'flow' THEN flow_total WHEN 'other' THEN other_total
                ELSE ref_total END AS total,
           CASE summed WHEN 'flow' THEN parts_flow WHEN 'other' THEN parts_other
                ELSE parts_ref END AS n_parts,
           CASE summed WHEN 'flow' THEN flow_weight WHEN 'other' THEN other_weight
                ELSE ref_weight END AS parts_weight,
           n_sources = 1 AND own_weight = 1 OR coalesce(
               own_weight >= {LEVEL_OWN_WEIGHT} AND own_value IS NOT NULL
               AND foreign_known
               AND (foreign_inhabitants = 0
                    OR foreign_inhabitants <= {LEVEL_FOREIGN_SHARE} * own_inhabitants),
               FALSE) AS level_ok
    FROM judged
)
SELECT series_id, target_code AS region_code, year,
       CASE WHEN complete AND additive THEN total
            WHEN complete AND NOT additive AND level_ok THEN own_value END AS value,
       CASE WHEN complete AND additive THEN n_parts END AS n_parts,
       CASE WHEN complete AND additive THEN parts_weight END AS parts_weight,
       CASE
           WHEN other_end THEN NULL
           WHEN suppressed THEN 'suppressed_in_source'
           WHEN empty THEN 'missing_in_source'
           WHEN missing_predecessor THEN 'predecessor_missing'
           WHEN NOT complete THEN 'no_value_for_year'
           WHEN NOT additive AND NOT level_ok THEN 'level_boundary_change'
       END AS reason,
       CASE WHEN NOT other_end AND NOT suppressed AND NOT empty AND missing_predecessor
            THEN missing_codes
            -- empty cells of other codes only: which (the words name them)
            WHEN NOT other_end AND NOT suppressed AND empty AND NOT empty_own AND any_filled
            THEN nullif(empty_codes, '')
       END AS reason_detail
FROM totals JOIN filled USING (series_id, year)
WHERE any_present
"""

#: ``series_parts``: the additive figures summed from more than one code, or from a part of one
#: (a split municipality's share): ``parts`` (codes with a value and a weight above 0: a code
#: that moved no one cannot change the figure) and ``weight`` (the sum of
#: their crosswalk weights). Each part is rounded by CBS on its own, so the figure is off by
#: up to weight x half CBS's unit (:mod:`stadstrends.analysis.coarse`): Land van Cuijk's
#: payment arrears 2022 (81064ned), five codes' counts rounded to tens, +-25, not +-5.
#: a harmonised row summed from more than one code or from a part of one
COMBINED = "(n_parts > 1 OR round(parts_weight, 9) <> 1)"
PARTS_SQL = f"""
CREATE OR REPLACE TABLE series_parts AS
SELECT series_id, region_code, year, n_parts::INTEGER AS parts, parts_weight AS weight
FROM series_harmonised
WHERE value IS NOT NULL AND {COMBINED}
ORDER BY series_id, region_code, year
"""

_DEFAULTS = {"status": "CAST(NULL AS VARCHAR)", "basis": "'persons'", "timing": "'stock_start'"}


def _with_defaults(con: duckdb.DuckDBPyConnection) -> None:
    """Give ``series_raw`` the optional columns (status, basis, timing) it lacks."""
    have = {r[0] for r in con.execute("DESCRIBE series_raw").fetchall()}
    for column, default in _DEFAULTS.items():
        if column not in have:
            con.execute(f"ALTER TABLE series_raw ADD COLUMN {column} VARCHAR DEFAULT {default}")
    cols = {r[0] for r in con.execute("DESCRIBE crosswalk").fetchall()}
    if "boundary_year" not in cols:  # a crosswalk that does not change with the year
        con.execute("""
            CREATE OR REPLACE TABLE crosswalk AS
            SELECT y.boundary_year, b.basis, c.source_code, c.target_code, c.weight
            FROM crosswalk c
            CROSS JOIN (SELECT DISTINCT boundary_year FROM series_raw) y
            CROSS JOIN (VALUES ('persons'), ('dwellings'), ('area')) b(basis)
        """)
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if "membership" not in tables:
        con.execute("CREATE TABLE membership (year INTEGER, gm_code VARCHAR, "
                    "inhabitants DOUBLE)")


#: the two halves: even and odd years (a NULL year in the second)
HALVES = ("coalesce(year % 2 = 0, false)", "NOT coalesce(year % 2 = 0, false)")
HALF_TABLE = STEPS_DB + "._harmonised_{}"
VIEW_SQL = ("CREATE OR REPLACE TEMP VIEW series_harmonised AS "
            + " UNION ALL ".join(f"SELECT * FROM {HALF_TABLE.format(k)}" for k in (0, 1)))


def _harmonise_half(con: duckdb.DuckDBPyConnection, k: int) -> None:
    con.execute(HARMONISE_SQL.format(source="series_raw", table=HALF_TABLE.format(k),
                                     part=HALVES[k]))


def harmonise_series(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``series_harmonised(series_id, region_code, year, value, n_parts,
    parts_weight, reason, reason_detail)`` from
    ``series_raw``, ``crosswalk`` (per boundary year and basis), ``region_history`` and
    ``membership`` (inhabitants per code and year), set-based, and the
    warehouse table ``series_parts`` (:data:`PARTS_SQL`). ``series_harmonised`` is a
    temporary view of ``con`` over two tables of :data:`~stadstrends.duck.STEPS_DB`, the
    even and the odd years, made side by side on two cursors (the one statement left a
    core partly idle; :func:`drop_harmonised` drops them)."""
    _with_defaults(con)
    con.execute(ATTACH_STEPS_SQL)
    with beside(con, partial(_harmonise_half, k=1)) as odd_years:
        _harmonise_half(con, 0)
        odd_years()
    con.execute(VIEW_SQL)
    con.execute(PARTS_SQL)


def drop_harmonised(con: duckdb.DuckDBPyConnection) -> None:
    """Drop ``series_harmonised`` and its two tables."""
    con.execute("DROP VIEW series_harmonised")
    for k in (0, 1):
        con.execute(f"DROP TABLE {HALF_TABLE.format(k)}")
