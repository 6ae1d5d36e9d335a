"""Missing values CBS did not publish: a year its table skips (reason ``not_surveyed``), or a
municipality its table leaves out (``not_in_table``, ``never_in_table``, ``not_in_copy``).

CBS publishes some tables only every few years: land use (70262ned, Bodemgebruik) for 1996,
2000, 2003, 2006, 2008, 2010, 2012, 2015 and 2017. A year between two published years has no
figure for any region; the harmonisation leaves it without a row, and the report said 'geen
bron' (no source) where the truth is that CBS did not survey that year. This step records
it in ``indicator_results`` (value NULL, ``reason`` 'not_surveyed', ``reason_detail``: the
table ids, ', '-separated; words in the language files) for an indicator-year when

* no table of the indicator (``indicator_sources``, any year) has any row (any region, any
  measure: ``raw_observations``) in that year, and
* at least one of them has rows in an earlier and in a later year (the year lies inside
  the table's run, not before CBS started it or after it stopped),

for every region with a row of that indicator (a figure or a reason) both before and after
the year: the years its series spans. A table that has rows in a year but no value of the
indicator's measure (60039fvw's age groups 2018-2022) is not such a year: CBS publishes the
table then, without that figure.

``not_in_table`` (``reason_detail``: the table ids): a current municipality with a figure of
an indicator in some year, without a row in a year whose source tables are all whole CBS
tables (every copy's ``sources.completeness_code`` 'complete') that hold other municipalities
in that year, but neither it nor a predecessor of that year (``crosswalk``). CBS publishes
them for some municipalities only, e.g. the Veiligheidsmonitor (81877NED) where the sample is
large enough (Utrecht's 2012).

Then every value-less (indicator, current municipality, year) still without a row, in a
year some current municipality has a figure of the indicator or with source tables
(``indicator_sources``), whose year's tables (some of them) hold other municipalities that
year but neither it nor its principal predecessors of that year (``crosswalk`` weight >=
0.5) is stored too (:data:`ABSENT_SQL`),
with the tables that lack it in ``reason_detail``: ``not_in_table`` where those tables are
whole and hold it (or a principal predecessor of any year) in another year,
``never_in_table`` where they hold it in no year (Assen in 81877NED, 311 municipalities in
the projection 82220NED, Voorne aan Zee and its predecessors in 81877NED), ``not_in_copy``
where a table's copy in this snapshot is not CBS's whole table (what is known is that the
copy lacks it). A ``not_in_table`` row of a table that holds the municipality in no year
becomes ``never_in_table`` (the projection 84525NED of 2020-2022, without eight
municipalities that 85171NED has from 2023, e.g. Hoeksche Waard). Publish words these rows
only; it derives no reason from the tables itself.

The harmonisation gives a municipality a row where any code of its crosswalk has one, even a
small part: Voorne aan Zee (GM1992) in 81877NED 2012-2017, from the 1.4 % that Spijkenisse
or Nissewaard gave it. Its reason ``predecessor_missing`` (Brielle, Hellevoetsluis,
Westvoorne, 2013-2017) or ``missing_in_source`` (Spijkenisse's empty cell, 2012) is not why:
the table holds neither it nor a principal predecessor in any year. Such a row of a whole
table becomes ``never_in_table`` with the tables in ``reason_detail``
(:data:`NEVER_HARMONISED_SQL`: 18 rows of the snapshot, all Voorne aan Zee's safety survey).

A year the tables skip (``not_surveyed``) of a municipality without any figure of the
indicator, whose every skipping table holds it in no year, is ``never_in_table`` as well
(:data:`NEVER_SKIPPED_SQL`): one reason for all its years. Before, 290 municipalities' safety
survey (three indicators, 81877NED) said 'in geen enkel jaar voor deze gemeente' for
2012-2017 and 2019 and 'CBS meet dit niet elk jaar' for 2018, two reasons in one cell.

Last, a ``never_in_table`` year before the municipality existed (``regions.valid_from``) whose
principal predecessors of that year (``crosswalk`` weight >= 0.5) are known becomes
``predecessors_never_in_table``, ``reason_detail`` '<tables>:<codes>' (the predecessors,
','-separated; :data:`FORMED_SQL`): Land van Cuijk (2022) in 81877NED 2012-2019 is not a
municipality CBS left out, it did not exist, and none of Boxmeer, Cuijk, Grave, Mill en
Sint Hubert and Sint Anthonis is in the table (609 rows of 24 municipalities in the snapshot).
"""

from __future__ import annotations

import duckdb

#: the indicator-years no table of the indicator publishes, inside a table's run
SURVEY_GAPS_SQL = """
INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
WITH used AS (  -- each indicator's tables (any year) with the years each has rows in
    SELECT DISTINCT s.indicator_id, lower(t.table_id) AS table_key, t.table_id
    FROM indicator_sources s, unnest(string_split(s.tables, ', ')) AS t(table_id)
),
published AS (
    SELECT DISTINCT lower(table_id) AS table_key, year FROM raw_observations
    WHERE year IS NOT NULL AND lower(table_id) IN (SELECT table_key FROM used)
),
runs AS (
    SELECT table_key, min(year) AS first_year, max(year) AS last_year
    FROM published GROUP BY ALL
),
skipped AS (  -- indicator-years inside a table's run that none of its tables publishes
    SELECT u.indicator_id, y.year, string_agg(DISTINCT u.table_id, ', '
                                              ORDER BY u.table_id) AS tables
    FROM used u JOIN runs r USING (table_key),
         unnest(range(r.first_year + 1, r.last_year)) AS y(year)
    WHERE NOT EXISTS (SELECT 1 FROM used v JOIN published p USING (table_key)
                      WHERE v.indicator_id = u.indicator_id AND p.year = y.year)
    GROUP BY ALL
),
spans AS (  -- each region's first and last year with a row of the indicator
    SELECT indicator_id, region_code, min(year) AS first_year, max(year) AS last_year
    FROM indicator_results WHERE indicator_id IN (SELECT indicator_id FROM skipped)
    GROUP BY ALL
)
SELECT k.indicator_id, s.region_code, k.year, NULL, 'not_surveyed', k.tables
FROM skipped k
JOIN spans s ON s.indicator_id = k.indicator_id
            AND s.first_year < k.year AND k.year < s.last_year
ANTI JOIN indicator_results r
  ON r.indicator_id = k.indicator_id AND r.region_code = s.region_code AND r.year = k.year
"""


#: a current municipality a whole CBS table leaves out in a year it holds others
NOT_IN_TABLE_SQL = """
INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
WITH whole AS (  -- tables whose every copy is CBS's whole table
    SELECT lower(table_id) AS table_key FROM sources GROUP BY ALL
    HAVING bool_and(coalesce(completeness_code, '') = 'complete')
),
iy AS (  -- indicator-years whose source tables are all whole, with those tables
    SELECT s.indicator_id, s.year, lower(t.table_id) AS table_key, t.table_id
    FROM indicator_sources s, unnest(string_split(s.tables, ', ')) AS t(table_id)
    QUALIFY bool_and(lower(t.table_id) IN (SELECT table_key FROM whole))
                OVER (PARTITION BY s.indicator_id, s.year)
),
held AS (  -- the municipal codes each table holds per year
    SELECT DISTINCT lower(table_id) AS table_key, year, region_code FROM raw_observations
    WHERE region_code LIKE 'GM%' AND lower(table_id) IN (SELECT table_key FROM iy)
),
cand AS (  -- current municipalities with a figure of the indicator in some year, without
    -- a row in such an indicator-year
    SELECT DISTINCT i.indicator_id, i.year, g.region_code
    FROM (SELECT DISTINCT indicator_id, year FROM iy) i
    JOIN (SELECT DISTINCT r.indicator_id, r.region_code FROM indicator_results r
          JOIN regions m ON m.region_code = r.region_code AND m.level = 'gemeente'
                        AND m.valid_to IS NULL
          WHERE r.value IS NOT NULL) g ON g.indicator_id = i.indicator_id
    ANTI JOIN indicator_results r
      ON r.indicator_id = i.indicator_id AND r.region_code = g.region_code AND r.year = i.year
),
codes AS (  -- it and its predecessors of that year
    SELECT indicator_id, year, region_code, region_code AS code FROM cand
    UNION
    SELECT c.indicator_id, c.year, c.region_code, w.source_code
    FROM cand c JOIN crosswalk w ON w.target_code = c.region_code AND w.boundary_year = c.year
)
SELECT c.indicator_id, c.region_code, c.year, NULL, 'not_in_table',
       string_agg(DISTINCT i.table_id, ', ' ORDER BY i.table_id)
FROM cand c
JOIN iy i USING (indicator_id, year)
WHERE EXISTS (SELECT 1 FROM held h WHERE h.table_key = i.table_key AND h.year = c.year)
  AND NOT EXISTS (SELECT 1 FROM codes k JOIN held h ON h.region_code = k.code
                  WHERE k.indicator_id = c.indicator_id AND k.year = c.year
                    AND k.region_code = c.region_code AND h.table_key = i.table_key
                    AND h.year = c.year)
GROUP BY ALL
"""


#: every value-less current municipality-year left without a row, in a year with some
#: municipality's figure or a source, that the year's tables lack (see the module docstring)
ABSENT_SQL = """
INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
WITH cm AS (SELECT region_code FROM regions WHERE level = 'gemeente' AND valid_to IS NULL),
iy AS (  -- the indicator-years with a figure of some current municipality or a source table
    SELECT r.indicator_id, r.year FROM indicator_results r SEMI JOIN cm USING (region_code)
    WHERE r.value IS NOT NULL
    UNION
    SELECT indicator_id, year FROM indicator_sources
),
cand AS (
    SELECT i.indicator_id, i.year, c.region_code FROM iy i CROSS JOIN cm c
    ANTI JOIN indicator_results r
      ON r.indicator_id = i.indicator_id AND r.region_code = c.region_code AND r.year = i.year
),
tabs AS (  -- the source tables of the candidates' indicator-years
    SELECT DISTINCT s.indicator_id, s.year, lower(t.table_id) AS table_key, t.table_id
    FROM indicator_sources s SEMI JOIN (SELECT DISTINCT indicator_id, year FROM cand) c
      USING (indicator_id, year), unnest(string_split(s.tables, ', ')) AS t(table_id)
),
held AS (  -- the municipal codes each table holds per year
    SELECT DISTINCT lower(table_id) AS table_key, year, region_code FROM raw_observations
    WHERE region_code LIKE 'GM%' AND lower(table_id) IN (SELECT table_key FROM tabs)
),
codes AS (  -- a municipality and its principal predecessors per year (NULL: itself, always)
    SELECT region_code, NULL::BIGINT AS year, region_code AS code FROM cm
    UNION
    SELECT target_code, boundary_year, source_code FROM crosswalk
    WHERE weight >= 0.5 AND target_code IN (SELECT region_code FROM cm)
),
per_table AS (  -- each candidate's tables that hold others that year, not it
    SELECT c.indicator_id, c.region_code, c.year, t.table_id, t.table_key,
           EXISTS (SELECT 1 FROM codes k JOIN held h ON h.region_code = k.code
                   WHERE k.region_code = c.region_code AND h.table_key = t.table_key
                     AND h.year <> c.year) AS elsewhere
    FROM cand c JOIN tabs t USING (indicator_id, year)
    WHERE EXISTS (SELECT 1 FROM held h WHERE h.table_key = t.table_key AND h.year = c.year)
      AND NOT EXISTS (SELECT 1 FROM codes k JOIN held h ON h.region_code = k.code
                      WHERE k.region_code = c.region_code
                        AND (k.year IS NULL OR k.year = c.year)
                        AND h.table_key = t.table_key AND h.year = c.year)
),
whole AS (  -- tables whose every copy is CBS's whole table
    SELECT lower(table_id) AS table_key FROM sources GROUP BY ALL
    HAVING bool_and(coalesce(completeness_code, '') = 'complete')
)
SELECT p.indicator_id, p.region_code, p.year, NULL,
       CASE WHEN NOT bool_and(w.table_key IS NOT NULL) THEN 'not_in_copy'
            WHEN bool_and(p.elsewhere) THEN 'not_in_table' ELSE 'never_in_table' END,
       string_agg(p.table_id, ', ' ORDER BY p.table_id)
FROM per_table p LEFT JOIN whole w USING (table_key)
GROUP BY ALL
"""

#: a ``not_in_table`` row whose tables hold the municipality (or a principal predecessor)
#: in no year: ``never_in_table``
NEVER_SQL = """
UPDATE indicator_results r SET reason = 'never_in_table'
FROM (
    WITH n AS (
        SELECT DISTINCT indicator_id, region_code, year, lower(x.t) AS table_key
        FROM indicator_results, unnest(string_split(reason_detail, ', ')) AS x(t)
        WHERE reason = 'not_in_table' AND value IS NULL
    ),
    k AS (  -- it and its principal predecessors of any year
        SELECT DISTINCT region_code, region_code AS code FROM n
        UNION
        SELECT target_code, source_code FROM crosswalk
        WHERE weight >= 0.5 AND target_code IN (SELECT region_code FROM n)
    ),
    held AS (SELECT DISTINCT lower(table_id) AS table_key, region_code FROM raw_observations
             WHERE lower(table_id) IN (SELECT table_key FROM n))
    SELECT DISTINCT n.indicator_id, n.region_code, n.year FROM n
    ANTI JOIN (SELECT DISTINCT n.indicator_id, n.region_code, n.year, n.table_key
               FROM n JOIN k USING (region_code)
               JOIN held h ON h.table_key = n.table_key AND h.region_code = k.code) y
      USING (indicator_id, region_code, year, table_key)
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code AND r.year = u.year
  AND r.reason = 'not_in_table'
"""


#: a harmonised row without a value (``predecessor_missing``, ``missing_in_source``) of a
#: current municipality whose year's whole tables hold other municipalities that year but
#: neither it nor a principal predecessor (``crosswalk`` weight >= 0.5) in any year:
#: ``never_in_table``, with those tables (Voorne aan Zee in 81877NED, 2012-2017)
NEVER_HARMONISED_SQL = """
UPDATE indicator_results r SET reason = 'never_in_table', reason_detail = u.tables
FROM (
    WITH cand AS (
        SELECT r.indicator_id, r.region_code, r.year FROM indicator_results r
        SEMI JOIN regions m ON m.region_code = r.region_code AND m.level = 'gemeente'
                           AND m.valid_to IS NULL
        WHERE r.value IS NULL AND r.reason IN ('predecessor_missing', 'missing_in_source')
    ),
    tabs AS (  -- the candidates' indicator-years' tables, each with whether it is whole
        SELECT DISTINCT s.indicator_id, s.year, lower(t.table_id) AS table_key, t.table_id
        FROM indicator_sources s
        SEMI JOIN (SELECT DISTINCT indicator_id, year FROM cand) c USING (indicator_id, year),
             unnest(string_split(s.tables, ', ')) AS t(table_id)
    ),
    whole AS (
        SELECT lower(table_id) AS table_key FROM sources GROUP BY ALL
        HAVING bool_and(coalesce(completeness_code, '') = 'complete')
    ),
    held AS (  -- the municipal codes each table holds per year
        SELECT DISTINCT lower(table_id) AS table_key, year, region_code FROM raw_observations
        WHERE region_code LIKE 'GM%' AND lower(table_id) IN (SELECT table_key FROM tabs)
    ),
    codes AS (  -- it and its principal predecessors of any year
        SELECT DISTINCT region_code, region_code AS code FROM cand
        UNION
        SELECT target_code, source_code FROM crosswalk
        WHERE weight >= 0.5 AND target_code IN (SELECT region_code FROM cand)
    )
    SELECT c.indicator_id, c.region_code, c.year,
           string_agg(t.table_id, ', ' ORDER BY t.table_id) AS tables
    FROM cand c JOIN tabs t USING (indicator_id, year) SEMI JOIN whole w USING (table_key)
    WHERE EXISTS (SELECT 1 FROM held h WHERE h.table_key = t.table_key AND h.year = c.year)
      AND NOT EXISTS (SELECT 1 FROM codes k JOIN held h ON h.region_code = k.code
                      WHERE k.region_code = c.region_code AND h.table_key = t.table_key)
    GROUP BY ALL
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code AND r.year = u.year
  AND r.value IS NULL AND r.reason IN ('predecessor_missing', 'missing_in_source')
"""


#: a year the indicator's tables skip (``not_surveyed``) of a municipality without any figure
#: of it whose rows say those tables hold it in no year: ``never_in_table`` too, one reason
#: for every year (Assen's safety survey 2012-2019, 81877NED; before, its 2018 alone said 'CBS
#: meet dit niet elk jaar' beside 'in geen enkel jaar voor deze gemeente')
NEVER_SKIPPED_SQL = """
UPDATE indicator_results r SET reason = 'never_in_table'
FROM (
    SELECT indicator_id, region_code, list(DISTINCT lower(x.t)) AS never
    FROM indicator_results, unnest(string_split(reason_detail, ', ')) AS x(t)
    WHERE reason = 'never_in_table' AND value IS NULL
    GROUP BY ALL
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code
  AND r.reason = 'not_surveyed' AND r.value IS NULL
  AND list_has_all(u.never, string_split(lower(r.reason_detail), ', '))
  AND NOT EXISTS (SELECT 1 FROM indicator_results v
                  WHERE v.indicator_id = r.indicator_id AND v.region_code = r.region_code
                    AND v.value IS NOT NULL)
"""


#: a ``never_in_table`` year before the municipality was formed, with its principal
#: predecessors of that year: ``predecessors_never_in_table`` ('<tables>:<codes>')
FORMED_SQL = """
UPDATE indicator_results r SET reason = 'predecessors_never_in_table',
       reason_detail = r.reason_detail || ':' || u.codes
FROM (
    SELECT r.indicator_id, r.region_code, r.year,
           string_agg(DISTINCT w.source_code, ',' ORDER BY w.source_code) AS codes
    FROM indicator_results r
    JOIN regions m ON m.region_code = r.region_code AND m.level = 'gemeente'
                  AND m.valid_to IS NULL
    JOIN crosswalk w ON w.target_code = r.region_code AND w.boundary_year = r.year
                    AND w.weight >= 0.5 AND w.source_code <> w.target_code
    WHERE r.reason = 'never_in_table' AND r.value IS NULL AND r.year < year(m.valid_from)
    GROUP BY ALL
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code AND r.year = u.year
  AND r.reason = 'never_in_table' AND r.value IS NULL
"""


def explain_survey_gaps(con: duckdb.DuckDBPyConnection) -> None:
    """Record ``not_surveyed`` (the years CBS skipped) and ``not_in_table``,
    ``never_in_table``, ``not_in_copy`` (municipalities a table leaves out; a harmonised row
    of a table that never holds the municipality, :data:`NEVER_HARMONISED_SQL`) in
    ``indicator_results`` (see the module docstring), the years before a merger
    ``predecessors_never_in_table`` (:data:`FORMED_SQL`); each only where the warehouse has
    the tables it reads."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    # first the municipalities a table leaves out in some years: their rows widen the span
    # the years it skipped fall in
    if {"indicator_sources", "raw_observations", "indicator_results", "sources", "regions",
            "crosswalk"} <= have:
        con.execute(NOT_IN_TABLE_SQL)
        con.execute(NEVER_SQL)
        con.execute(NEVER_HARMONISED_SQL)
        con.execute(ABSENT_SQL)  # before the skipped years: Assen's 2018 is not_surveyed too
    if {"indicator_sources", "raw_observations", "indicator_results"} <= have:
        con.execute(SURVEY_GAPS_SQL)
        con.execute(NEVER_SKIPPED_SQL)  # after it: the skipped years it records
    if {"indicator_results", "regions", "crosswalk"} <= have:
        con.execute(FORMED_SQL)  # last: every never_in_table row is known
