"""Missing values explained by a source table's copy cut before the municipality.

This snapshot's copy of some CBS tables stops at 10 000 rows inside the alphabetical
region list (``sources.cut_after``: the last region kept, e.g. 60039fvw at Zevenaar,
71486ned at Moerdijk, 83452NED at Sluis, 81575NED at Veere). Municipalities sorting after
it are absent from the table, so the harmonisation has no row for them and the report knew
no reason. This step records the true one in ``indicator_results`` (reason ``table_cut``,
``reason_detail``: the table id; or ``predecessor_cut``, ``reason_detail`` 'table:codes'
with the predecessors it lacks; words in the language files, the cut label in ``sources``):

* a current municipality without any row of an indicator in a year whose source tables
  (``indicator_sources``) include a cut table it sorts after;
* a row left out as ``predecessor_missing`` or ``no_denominator`` whose missing codes
  (or the municipality itself) all sort after the cut of such a table: ``table_cut`` when
  the municipality's own code is among them (Zwolle 2000: Zwolle and Nieuwleusen), else
  ``predecessor_cut`` (Amsterdam before 2022: Weesp).

A table read through two APIs counts as cut only in the years no complete copy covers:
the years in which no municipality sorting after the cut has a row (83625NED: the v4 copy
is complete for 2015-2025, the v3 copy cut at Kerkwijk for 1995-2024, so Zwolle's
1995-2014 are ``table_cut``). Fewer than a tenth of a year's best count of municipalities
after the cut marks a cut year: a few names sort differently in CBS's list (Ten Boer).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.cbs_order import SORT_KEY_SQL


def cut_tables(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, bool]]:
    """Lower-case table id -> (table id as stored, last region kept, whether another copy
    is complete) of the tables with a copy cut inside the region list; empty for a
    warehouse without ``cut_after``."""
    cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'sources'").fetchall()}
    if "cut_after" not in cols:
        return {}
    by_id: dict[str, list[tuple[str, str | None]]] = {}
    for table_id, label in con.execute("SELECT table_id, cut_after FROM sources").fetchall():
        by_id.setdefault(str(table_id).lower(), []).append((str(table_id), label or None))
    out = {}
    for key, copies in by_id.items():
        cut = [(table_id, label) for table_id, label in copies if label]
        if cut:
            out[key] = (cut[0][0], str(cut[0][1]), len(cut) < len(copies))
    return out


def cut_regions(con: duckdb.DuckDBPyConnection) -> None:
    """Create temporary tables ``_cut_regions`` (table_key, table id as stored, mixed,
    region_code): every municipality code (current or former) that sorts after the cut of a
    cut table, by its CBS label; and ``_cut_years`` (table_key, year): the years a table
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
    # a table with a complete copy beside the cut one: cut only in the years in which
    # (almost) no municipality after the cut has a row: fewer than a tenth of its best year
    # (the complete copy does not cover them; CBS files a few names out of our order, e.g.
    # Ten Boer and Ter Aar before Kerkwijk, so 'none' would be too strict)
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
        SELECT table_key, year FROM per_year
        QUALIFY n_after * 10 < max(n_after) OVER (PARTITION BY table_key)""")
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
SET reason = CASE WHEN u.itself THEN 'table_cut' ELSE 'predecessor_cut' END,
    reason_detail = CASE WHEN u.itself THEN u.table_id
                         ELSE u.table_id || ':' || r.reason_detail END
FROM (
    WITH codes AS (  -- the codes without a value: the predecessors named, else itself
        SELECT indicator_id, region_code, year, unnest(string_split(
                   coalesce(reason_detail, region_code), ',')) AS code
        FROM indicator_results
        WHERE value IS NULL AND reason IN ('predecessor_missing', 'no_denominator')
    ),
    explained AS (
        SELECT c.indicator_id, c.region_code, c.year, y.table_id, count(*) AS n
        FROM codes c
        JOIN (SELECT DISTINCT indicator_id, year, table_key, table_id FROM _year_cuts) y
          USING (indicator_id, year)
        JOIN _cut_regions k ON k.table_key = y.table_key AND k.region_code = c.code
        GROUP BY ALL
    )
    SELECT e.indicator_id, e.region_code, e.year, min(e.table_id) AS table_id,
           any_value(a.itself) AS itself
    FROM explained e
    JOIN (SELECT indicator_id, region_code, year, count(*) AS n,
                 bool_or(code = region_code) AS itself
          FROM codes GROUP BY ALL) a
      USING (indicator_id, region_code, year)
    WHERE e.n = a.n
    GROUP BY ALL
) u
WHERE r.indicator_id = u.indicator_id AND r.region_code = u.region_code AND r.year = u.year;
DROP TABLE _year_cuts;
"""


def explain_cut_gaps(con: duckdb.DuckDBPyConnection) -> None:
    """Record ``table_cut`` in ``indicator_results`` where a cut source table explains a
    missing municipal value (see the module docstring)."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if not {"sources", "regions", "indicator_sources", "indicator_results"} <= have:
        return  # a warehouse without source notes or regions (unit tests' small ones)
    cut_regions(con)
    con.execute(CUT_GAPS_SQL)
    con.execute("DROP TABLE _cut_regions; DROP TABLE _cut_years")
