"""Why a region lacks a figure in a year of its span that no other step explains.

The last step of the indicator stage: for every region (municipality, COROP, province, NL)
and indicator, every year between the region's first and last row of ``indicator_results``
(a figure or a reason) without any row gets one (value NULL), so that every year of a
series' span has a figure or a stored reason and publish only words them (`show`, the
report's 'Wat ontbreekt', the tweedeling's 'geen cijfers'). ``reason``:

* ``omitted_by_catalogue``: the catalogue leaves the year out on purpose (``indicators
  .omitted_years``), ``reason_detail`` the index (from 0) in ``indicators.caveats`` of the
  caveat that says why: gas delivered per inhabitant, 2015-2016 (CBS's totals then lack the
  gas of power stations);
* ``no_source_for_year``: the indicator reads that year from no CBS table (no
  ``indicator_sources`` row): the ages' shares 2010-2018 and 2020-2023, social assistance
  2015-2023, commuting distance 2015-2020 (one code per year; publish says 'these years' for
  several);
* ``no_reason_recorded``: neither, the indicator having a source table that year, and no
  earlier step finding why (none in the snapshot of session 26; never a guessed reason).

The first two are facts of the indicator, stored for every year too in table
``unsourced_years`` (indicator_id, year, reason, reason_detail; between the first and last
year any indicator has a source table): why no region has a figure in a year before or after
every series, as the tweedeling's 'er zijn geen cijfers voor 2017-2022' of the migration
background by the Gemeentefonds' measure (figures from 2023 only) says.

Before it, the snapshot's 28 386 such municipality-years (3 260 COROP-, 996 province- and
83 NL-years) had no row and publish derived their reason (``publish/year_reasons.py``).
Set-based: a table and one INSERT.
"""

from __future__ import annotations

import duckdb

#: the catalogue's omitted years, each with its caveat's index (none where ``indicators``
#: lacks the columns: a unit test's small warehouse)
OMITTED_SQL = """SELECT indicator_id, unnest(omitted_years) AS year,
                        unnest(omitted_caveats) AS caveat FROM indicators"""
NO_OMITTED_SQL = "SELECT NULL::VARCHAR AS indicator_id, NULL::BIGINT AS year, " \
                 "NULL::INTEGER AS caveat WHERE false"

#: every indicator's years without a CBS table, or left out by the catalogue, with the reason,
#: between the first and last year any indicator has a source table
UNSOURCED_SQL = """
CREATE OR REPLACE TABLE unsourced_years AS
WITH bounds AS (SELECT min(year) AS lo, max(year) AS hi FROM indicator_sources),
grid AS (
    SELECT i.indicator_id, y.year
    FROM (SELECT DISTINCT indicator_id FROM indicator_results) i, bounds b,
         unnest(range(b.lo, b.hi + 1)) AS y(year)
),
omitted AS ({omitted}),
sourced AS (SELECT DISTINCT indicator_id, year FROM indicator_sources)
SELECT g.indicator_id, g.year,
       CASE WHEN o.caveat IS NOT NULL THEN 'omitted_by_catalogue'
            ELSE 'no_source_for_year' END AS reason,
       o.caveat::VARCHAR AS reason_detail
FROM grid g
LEFT JOIN omitted o ON o.indicator_id = g.indicator_id AND o.year = g.year
LEFT JOIN sourced s ON s.indicator_id = g.indicator_id AND s.year = g.year
WHERE o.caveat IS NOT NULL OR s.year IS NULL
ORDER BY ALL
"""

#: every year inside a region's span of an indicator without a row, with its reason. A series'
#: years as a list, the span's years not in it, instead of a count(DISTINCT year) and an anti
#: join of the span's years with every row again: 0.18 -> 0.085 s of CPU for the query
#: (medians of 5, one thread, the same rows)
SPAN_GAPS_SQL = """
INSERT INTO indicator_results (indicator_id, region_code, year, value, reason, reason_detail)
WITH spans AS (  -- each series' first and last year and its years with a row
    SELECT indicator_id, region_code, min(year) AS first_year, max(year) AS last_year,
           list_distinct(list(year)) AS years
    FROM indicator_results GROUP BY ALL
),
gone AS (  -- the series with a year without a row between their first and last: those years
    SELECT s.indicator_id, s.region_code, y.year
    FROM (SELECT * FROM spans WHERE last_year - first_year + 1 > len(years)) s,
         unnest(list_filter(range(s.first_year + 1, s.last_year),
                            lambda y: NOT list_contains(s.years, y))) AS y(year)
)
SELECT g.indicator_id, g.region_code, g.year, NULL,
       coalesce(u.reason, 'no_reason_recorded'), u.reason_detail
FROM gone g
LEFT JOIN unsourced_years u ON u.indicator_id = g.indicator_id AND u.year = g.year
"""


def explain_span_gaps(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``unsourced_years`` and store a reason for every year inside a region's span of
    an indicator without a row (see the module docstring), from ``indicator_results``,
    ``indicator_sources`` and, where it has ``omitted_years``, ``indicators``. Run after every
    other step that adds rows."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    if not {"indicator_results", "indicator_sources"} <= have:
        return
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'indicators'"
    ).fetchall()}
    omitted = OMITTED_SQL if {"omitted_years", "omitted_caveats"} <= cols else NO_OMITTED_SQL
    con.execute(UNSOURCED_SQL.format(omitted=omitted))
    con.execute(SPAN_GAPS_SQL)
