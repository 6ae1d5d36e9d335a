"""Missing values explained by a source table's copy cut before the municipality.

This snapshot's copy of some CBS tables stops at 10 000 rows inside the alphabetical
region list (``sources.cut_after``: the last region kept, e.g. 60039fvw at Zevenaar,
71486ned at Moerdijk, 83452NED at Sluis, 81575NED at Veere). Municipalities sorting after
it are absent from the table, so the harmonisation has no row for them and the report knew
no reason. This step records the true one in ``indicator_results`` (reason ``table_cut``,
``reason_detail``: the table id; or ``predecessor_cut``, ``reason_detail`` 'table:codes'
with the predecessors it lacks; words in the language files, the cut label in ``sources``):

* a current municipality without any row of an indicator in a year whose source tables
  (``indicator_sources``) include a cut table it sorts after (``table_cut``), or, formed
  later, whose predecessors of that year (``crosswalk``) all sort after it while it sorts
  before (``predecessor_cut``: Voorne aan Zee's WOZ values 2006-2018, 37610 stops at
  Middenveld, before Westvoorne); the municipality the copy stops in (its last region kept) is
  ``table_cut_within`` (Veere's establishments 2015-2025: 81575NED stops in its 2012 rows);
* a row left out as ``predecessor_missing`` or ``no_denominator`` whose missing codes
  (or the municipality itself) all sort after the cut of such a table: ``table_cut`` when
  the municipality's own code is among them (Zwolle 2000: Zwolle and Nieuwleusen), else
  ``predecessor_cut`` (Amsterdam before 2022: Weesp); ``table_cut_within`` when the
  municipality itself is the one the copy stops in (Zevenaar 2011-2017: 60039fvw ends in its
  2010 rows);
* a ``missing_in_source`` row whose principal parts all sort after the cut (the empty cell a
  small part's before it): ``table_cut`` (:data:`MISSING_CUT_SQL`).

A value CBS gives without its base (a mean, median or rate: ``method: level``) of a
municipality whose boundaries changed too much for the harmonisation to keep it could not be
made even from the complete table: its cut reason gives way to ``level_boundary_change``
later (:mod:`.level_gaps`; Beekdaelen's house prices 1995-2014, formed of Nuth, Onderbanken
and Schinnen after Kerkwijk in 2019).

A table read through two APIs counts as cut only in the years no complete copy covers:
the years in which no municipality sorting after the cut has a row (83625NED: the v4 copy
is complete for 2015-2025, the v3 copy cut at Kerkwijk for 1995-2024, so Zwolle's
1995-2014 are ``table_cut``). The order is CBS's own (:mod:`stadstrends.cbs_order`), exact
for every region-first file of the snapshot, so a year with any row after the cut is not cut.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.cbs_order import SORT_KEY_SQL


def cut_tables(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, bool]]:
    """Lower-case table id -> (table id as stored, last region kept, whether another copy
    is complete or the copy is cut in its last year only: ``completeness_code``
    'cut_last_year') of the tables with a copy cut inside the region list; empty for a
    warehouse without ``cut_after``."""
    cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'sources'").fetchall()}
    if "cut_after" not in cols:
        return {}
    code = "completeness_code" if "completeness_code" in cols else "NULL"
    by_id: dict[str, list[tuple[str, str | None, bool]]] = {}
    for table_id, label, last_year in con.execute(
            f"SELECT table_id, cut_after, {code} = 'cut_last_year' FROM sources").fetchall():
        by_id.setdefault(str(table_id).lower(), []).append(
            (str(table_id), label or None, bool(last_year)))
    out = {}
    for key, copies in by_id.items():
        cut = [(table_id, label) for table_id, label, _ in copies if label]
        if cut:  # a copy cut in its last year only is whole in the others: 'mixed' too
            out[key] = (cut[0][0], str(cut[0][1]),
                        len(cut) < len(copies) or any(c[2] for c in copies))
    return out


def cut_regions(con: duckdb.DuckDBPyConnection) -> None:
    """Create temporary tables ``_cut_regions`` (table_key, table id as stored, mixed,
    region_code): every municipality code (current or former) that sorts after the cut of a
    cut table, by its CBS label; ``_cut_last`` (the same columns): the municipality the copy
    stops in; and ``_cut_years`` (table_key, year): the years a table
    with a complete copy beside its cut one (``mixed``) is cut in (``raw_observations``)."""
    cuts = pd.DataFrame([(key, table_id, last, mixed) for key, (table_id, last, mixed)
                         in cut_tables(con).items()],
                        columns=["table_key", "table_id", "last", "mixed"])
    con.register("_cut_tables", cuts)
    label, last = SORT_KEY_SQL.format(x="r.label"), SORT_KEY_SQL.format(x="c.last")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _cut_regions AS
        SELECT DISTINCT c.table_key, c.table_id, c.mixed, r.region_code
        FROM _cut_tables c
        JOIN (SELECT DISTINCT region_code, coalesce(label, name) AS label FROM regions
              WHERE level = 'gemeente') r ON r.label IS NOT NULL AND {label} > {last}""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _cut_last AS
        SELECT DISTINCT c.table_key, c.table_id, c.mixed, r.region_code
        FROM _cut_tables c
        JOIN (SELECT DISTINCT region_code, coalesce(label, name) AS label FROM regions
              WHERE level = 'gemeente') r ON r.label IS NOT NULL AND {label} = {last}""")
    # a table with a complete copy beside the cut one: cut only in the years in which no
    # municipality after the cut has a row (the complete copy does not cover them)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _cut_years AS
        WITH per_year AS (
            SELECT o.table_key, o.year, count(k.region_code) AS n_after
            FROM (SELECT DISTINCT lower(table_id) AS table_key, year, region_code
                  FROM raw_observations
                  WHERE lower(table_id) IN (SELECT table_key FROM _cut_tables WHERE mixed)
                    AND year IS NOT NULL) o
            LEFT JOIN (SELECT DISTINCT table_key, region_code FROM _cut_regions) k
              ON k.table_key = o.table_key AND k.region_code = o.region_code
            GROUP BY ALL)
        SELECT table_key, year FROM per_year WHERE n_after = 0""")
    con.unregister("_cut_tables")


CUT_GAPS_SQL = """
CREATE OR REPLACE TEMP TABLE _year_cuts AS  -- each indicator-year's cut source tables
SELECT DISTINCT s.indicator_id, s.year, c.table_key, c.table_id, c.region_code
FROM indicator_sources s,
     unnest(string_split(s.tables, ', ')) AS t(table_id)
JOIN _cut_regions c ON c.table_key = lower(t.table_id)
WHERE NOT c.mixed OR EXISTS (SELECT 1 FROM _cut_years k
                             WHERE k.table_key = c.table_key AND k.year = s.year);

INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
SELECT y.indicator_id, y.region_code, y.year, NULL, 'table_cut', min(y.table_id)
FROM _year_cuts y
JOIN regions g ON g.region_code = y.region_code AND g.level = 'gemeente'
              AND g.valid_to IS NULL
ANTI JOIN indicator_results r
  ON r.indicator_id = y.indicator_id AND r.region_code = y.region_code AND r.year = y.year
GROUP BY ALL;

UPDATE indicator_results r
SET reason = CASE WHEN u.within THEN 'table_cut_within' WHEN u.itself THEN 'table_cut'
                  ELSE 'predecessor_cut' END,
    reason_detail = CASE WHEN u.itself THEN u.table_id
                         ELSE u.table_id || ':' || r.reason_detail END
FROM (
    WITH codes AS (  -- the codes without a value: the predecessors named, else itself
        SELECT indicator_id, region_code, year, unnest(string_split(
                   coalesce(reason_detail, region_code), ',')) AS code
        FROM indicator_results
        WHERE value IS NULL AND reason IN ('predecessor_missing', 'no_denominator')
    ),
    explained AS (  -- the codes after the cut, or in the municipality the copy stops in
        SELECT c.indicator_id, c.region_code, c.year, y.table_id, count(*) AS n,
               bool_or(k.within AND c.code = c.region_code) AS within,
               bool_or(k.within AND c.code <> c.region_code) AS other_within
        FROM codes c
        JOIN (SELECT DISTINCT indicator_id, year, table_key, table_id FROM _year_cuts) y
          USING (indicator_id, year)
        JOIN (SELECT table_key, region_code, false AS within FROM _cut_regions
              UNION SELECT table_key, region_code, true FROM _cut_last) k
          ON k.table_key = y.table_key AND k.region_code = c.code
        GROUP BY ALL
    )
    SELECT e.indicator_id, e.region_code, e.year, min(e.table_id) AS table_id,
           any_value(a.itself) AS itself, bool_or(e.within) AS within
    FROM explained e
    JOIN (SELECT indicator_id, region_code, year, count(*) AS n,
                 bool_or(code = region_code) AS itself
          FROM codes GROUP BY ALL) a
      USING (indicator_id, region_code, year)
    WHERE e.n = a.n AND NOT e.other_within
    GROUP BY ALL
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code AND r.year = u.year;
"""


#: a municipality formed after the year, whose predecessors then all sort after the cut
#: (run with ``_year_cuts`` and ``_cut_regions``, where the warehouse has ``crosswalk``)
FORMED_SQL = """
INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
WITH formed AS (  -- a current municipality before the cut, without a row, not yet existing:
    -- its predecessors of that year (crosswalk), each existing then
    SELECT DISTINCT y.indicator_id, g.region_code, y.year, y.table_key, y.table_id,
           w.source_code AS code
    FROM (SELECT DISTINCT indicator_id, year, table_key, table_id FROM _year_cuts) y
    JOIN regions g ON g.level = 'gemeente' AND g.valid_to IS NULL
                  AND g.valid_from > make_date(y.year::INTEGER, 1, 1)
    JOIN crosswalk w ON w.target_code = g.region_code AND w.boundary_year = y.year
                    AND w.weight > 0 AND w.source_code <> g.region_code
    JOIN regions p ON p.region_code = w.source_code AND p.level = 'gemeente'
                  AND p.valid_from <= make_date(y.year::INTEGER, 1, 1)
                  AND coalesce(p.valid_to, DATE '9999-12-31') > make_date(y.year::INTEGER, 1, 1)
    ANTI JOIN _cut_regions s ON s.table_key = y.table_key AND s.region_code = g.region_code
    ANTI JOIN indicator_results r
      ON r.indicator_id = y.indicator_id AND r.region_code = g.region_code AND r.year = y.year
)
SELECT f.indicator_id, f.region_code, f.year, NULL, 'predecessor_cut',
       f.table_id || ':' || string_agg(DISTINCT f.code, ',' ORDER BY f.code)
FROM formed f
LEFT JOIN _cut_regions k ON k.table_key = f.table_key AND k.region_code = f.code
GROUP BY f.indicator_id, f.region_code, f.year, f.table_id
HAVING bool_and(k.region_code IS NOT NULL)
QUALIFY row_number() OVER (PARTITION BY f.indicator_id, f.region_code, f.year
                           ORDER BY f.table_id) = 1;
"""


#: the municipality a copy stops in (its last region kept), without a row in a cut year:
#: 'table_cut_within' (Veere's establishments, 81575NED; Sluis's household waste from 2019)
WITHIN_SQL = """
INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
SELECT s.indicator_id, c.region_code, s.year, NULL, 'table_cut_within', min(c.table_id)
FROM indicator_sources s,
     unnest(string_split(s.tables, ', ')) AS t(table_id)
JOIN _cut_last c ON c.table_key = lower(t.table_id)
JOIN regions g ON g.region_code = c.region_code AND g.level = 'gemeente'
              AND g.valid_to IS NULL
ANTI JOIN indicator_results r
  ON r.indicator_id = s.indicator_id AND r.region_code = c.region_code AND r.year = s.year
WHERE NOT c.mixed OR EXISTS (SELECT 1 FROM _cut_years k
                             WHERE k.table_key = c.table_key AND k.year = s.year)
GROUP BY ALL
"""


#: a ``missing_in_source`` row of a municipality whose principal parts of that year (itself
#: and every other code ``crosswalk`` gives it with weight >= 0.5) all sort after the cut: the
#: empty cell is a small part's before the cut (Zutphen's waste 2001-2004 in 83452NED, cut at
#: Sluis: Zutphen and Warnsveld absent, Eibergen's 0.4 % empty); ``table_cut``. Not where a
#: principal part before the cut is empty (Vijfheerenlanden 2006: Leerdam), nor in the
#: municipality the copy stops in (not in ``_cut_regions``: its own empty cells)
MISSING_CUT_SQL = """
UPDATE indicator_results r SET reason = 'table_cut', reason_detail = u.table_id
FROM (
    WITH cand AS (
        SELECT indicator_id, region_code, year FROM indicator_results
        WHERE value IS NULL AND reason = 'missing_in_source'
    ),
    parts AS (
        SELECT DISTINCT c.indicator_id, c.region_code, c.year, w.source_code AS code
        FROM cand c JOIN crosswalk w ON w.target_code = c.region_code
                                   AND w.boundary_year = c.year AND w.weight >= 0.5
    )
    SELECT p.indicator_id, p.region_code, p.year, min(y.table_id) AS table_id
    FROM parts p
    JOIN (SELECT DISTINCT indicator_id, year, table_key, table_id FROM _year_cuts) y
      USING (indicator_id, year)
    LEFT JOIN _cut_regions k ON k.table_key = y.table_key AND k.region_code = p.code
    GROUP BY p.indicator_id, p.region_code, p.year, y.table_key
    HAVING bool_and(k.region_code IS NOT NULL) AND bool_or(p.code = p.region_code)
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code AND r.year = u.year
  AND r.value IS NULL AND r.reason = 'missing_in_source'
"""


def explain_cut_gaps(con: duckdb.DuckDBPyConnection) -> None:
    """Record ``table_cut`` in ``indicator_results`` where a cut source table explains a
    missing municipal value (see the module docstring)."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if not {"sources", "regions", "indicator_sources", "indicator_results"} <= have:
        return  # a warehouse without source notes or regions (unit tests' small ones)
    cut_regions(con)
    con.execute(CUT_GAPS_SQL)
    if "crosswalk" in have:
        con.execute(FORMED_SQL)
        con.execute(MISSING_CUT_SQL)
    con.execute(WITHIN_SQL)
    con.execute("DROP TABLE _year_cuts; DROP TABLE _cut_regions; DROP TABLE _cut_years; "
                "DROP TABLE _cut_last")
