"""The boundary change first: a value CBS gives without its base across a boundary change.

A value CBS gives without its base (a mean, median or rate: ``method: level``,
``series_raw.additive`` false) of a municipality whose boundaries changed too much is never
made, whatever the table holds: :mod:`stadstrends.harmonise.apply` keeps one only where the
municipality's own code, existing in the year, holds at least ``LEVEL_OWN_WEIGHT`` of it and
it received at most ``LEVEL_FOREIGN_SHARE`` of its inhabitants from other codes. Where that
fails and the table holds the municipality or a part of it that year (a harmonised row whose
predecessor's row or cell is missing or secret), or its copy lacks them (cut, or not CBS's
whole table), the missing part is not why the value is missing: ``level_boundary_change`` is
(reason_detail NULL), the reason the harmonisation gives where every cell is there.
Amsterdam's safety survey shares 2012-2019 said Weesp's missing row or cell (Weesp gave it
over 2 % of its inhabitants); Voorne aan Zee's and Beekdaelen's house prices 1995-2014 the
cut copy of 83625NED (h49j's rule, run here for both). A municipality of which CBS publishes
no part in the year (``not_in_table``, ``never_in_table``, ``predecessors_never_in_table``:
Land van Cuijk's safety survey 2012-2019) keeps that reason: there is no value of the former
municipalities to recompute, and the words of ``level_boundary_change`` say there is; nor
does a year in which the table gives no municipality a value (81877NED's survey of 2012:
Amsterdam's row there, as every municipality's, is empty: ``missing_in_source``). A
weighted mean (WOZ value: mean x dwellings, additive) is summed across a boundary change: its
reasons stay.

Run after the cut and the survey steps (:mod:`.cut_gaps`, :mod:`.survey_gaps`, which read
``predecessor_missing`` and ``missing_in_source`` rows), on the rows of the reasons in
:data:`TABLE_REASONS`: a live build (no register of cut copies) says the boundary change
where a snapshot build does, not the predecessor its rows lack.
"""

from __future__ import annotations

import duckdb

from stadstrends.harmonise.apply import LEVEL_FOREIGN_SHARE, LEVEL_OWN_WEIGHT

#: the reasons that say which part of a municipality the table (or its copy) lacks: a
#: non-additive value whose municipality fails the boundary test has
#: ``level_boundary_change`` instead
TABLE_REASONS = ("suppressed_in_source", "missing_in_source", "predecessor_missing",
                 "table_cut", "predecessor_cut", "table_cut_within", "not_in_copy")

#: ``level_boundary_change`` for a value-less row of a non-additive series whose municipality
#: the harmonisation could not keep whatever the table held (``level_ok`` of
#: :mod:`stadstrends.harmonise.apply` without the value): its own code, existing in the year,
#: holds less than LEVEL_OWN_WEIGHT of it, or it received more than LEVEL_FOREIGN_SHARE of its
#: inhabitants from other codes (or their number is unknown)
LEVEL_SQL = f"""
UPDATE indicator_results r SET reason = 'level_boundary_change', reason_detail = NULL
FROM (
    WITH cand AS (
        SELECT DISTINCT r.indicator_id, r.region_code, r.year, s.basis
        FROM indicator_results r
        JOIN (SELECT DISTINCT indicator_id, basis FROM series_raw WHERE NOT additive) s
          USING (indicator_id)
        -- a year in which the table gives no municipality a value (81877NED's safety
        -- survey of 2012: rows, every cell empty) keeps the table's reason: no value of
        -- the former municipalities was there to recompute
        SEMI JOIN (SELECT DISTINCT indicator_id, year FROM series_raw
                   WHERE NOT additive AND value IS NOT NULL AND region_code LIKE 'GM%') v
          ON v.indicator_id = r.indicator_id AND v.year = r.year
        WHERE r.value IS NULL AND r.reason IN {TABLE_REASONS}
    ),
    parts AS (  -- the codes existing during the year that gave it part of them
        SELECT c.indicator_id, c.region_code, c.year, w.source_code, w.weight,
               m.inhabitants
        FROM cand c
        JOIN crosswalk w ON w.boundary_year = c.year AND w.basis = c.basis
                        AND w.target_code = c.region_code
        JOIN region_history h ON h.code = w.source_code
         AND h.valid_from < make_date(c.year::INTEGER + 1, 1, 1)
         AND (h.valid_to IS NULL OR h.valid_to > make_date(c.year::INTEGER, 1, 1))
        LEFT JOIN membership m ON m.year = c.year AND m.gm_code = w.source_code
    ),
    judged AS (
        SELECT indicator_id, region_code, year, count(*) AS n_sources,
               coalesce(max(weight) FILTER (WHERE source_code = region_code), 0)
                   AS own_weight,
               max(weight * inhabitants) FILTER (WHERE source_code = region_code)
                   AS own_inhabitants,
               coalesce(sum(weight * inhabitants) FILTER (WHERE source_code <> region_code),
                        0) AS foreign_inhabitants,
               coalesce(bool_and(inhabitants IS NOT NULL OR weight = 0) FILTER (
                            WHERE source_code <> region_code), TRUE) AS foreign_known
        FROM parts GROUP BY ALL
    )
    SELECT indicator_id, region_code, year,
           n_sources = 1 AND own_weight = 1 OR coalesce(
               own_weight >= {LEVEL_OWN_WEIGHT} AND foreign_known
               AND (foreign_inhabitants = 0
                    OR foreign_inhabitants <= {LEVEL_FOREIGN_SHARE} * own_inhabitants),
               FALSE) AS level_ok
    FROM judged
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code
  AND r.year = u.year AND NOT u.level_ok
"""


def explain_level_gaps(con: duckdb.DuckDBPyConnection) -> None:
    """Say the boundary change first (:data:`LEVEL_SQL`), where the warehouse has the tables
    it reads (a unit test's small one may not)."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if {"indicator_results", "crosswalk", "series_raw", "region_history",
            "membership"} <= have:
        con.execute(LEVEL_SQL)
