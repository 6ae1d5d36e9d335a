"""Comparable segments of every indicator's series: where a trend may be tested.

A series is comparable from one year to the next unless the catalogue declares a break
between them (``breaks``) or the source tables behind the two years differ and are not
declared one series (``continuous_sources``). ``series_segments`` gives per indicator and
year with a value the first year of its segment and, at that first year, why the segment
starts: ``break`` (declared) or ``source_switch`` (undeclared change of tables).
"""

from __future__ import annotations

import duckdb

SEGMENT_REASONS = ("break", "source_switch")

SEGMENTS_SQL = """
CREATE OR REPLACE TABLE series_segments AS
WITH decl AS (
    SELECT indicator_id, {breaks} AS breaks,
           list_transform({continuous}, lambda x: lower(x)) AS cont
    FROM indicators
),
yrs AS (
    {years}
),
keyed AS (
    SELECT y.indicator_id, y.year, coalesce(d.breaks, []) AS breaks,
           array_to_string(list_sort(list_distinct(list_transform(
               string_split(coalesce(y.tables, ''), ', '),
               lambda x: CASE WHEN list_contains(coalesce(d.cont, []), lower(x)) THEN '*'
                         ELSE lower(x) END))), ',') AS source_key
    FROM yrs y LEFT JOIN decl d USING (indicator_id)
),
flagged AS (
    SELECT *, lag(year) OVER w AS prev_year, lag(source_key) OVER w AS prev_key
    FROM keyed WINDOW w AS (PARTITION BY indicator_id ORDER BY year)
),
marked AS (
    SELECT indicator_id, year, source_key,
           CASE WHEN prev_year IS NULL THEN 'first'
                WHEN len(list_filter(breaks, lambda b: b > prev_year AND b <= year)) > 0
                    THEN 'break'
                WHEN prev_key <> source_key THEN 'source_switch' END AS starts
    FROM flagged
)
SELECT indicator_id, year::INTEGER AS year, source_key,
       max(CASE WHEN starts IS NOT NULL THEN year END) OVER (
           PARTITION BY indicator_id ORDER BY year ROWS UNBOUNDED PRECEDING
       )::INTEGER AS segment_start,
       CASE WHEN starts IN ('break', 'source_switch') THEN starts END AS segment_reason
FROM marked
ORDER BY indicator_id, year
"""


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description}


#: the indicator-years with a figure and their source tables (``source_tables`` of the view
#: ``indicator_values``, which takes them from ``indicator_sources`` by indicator and year),
#: from the indicator stage's tables: the view joins all 339 294 values to the sources and the
#: provisional cells before they are grouped (the statement 0.115 -> 0.061 s of CPU, medians
#: of 9 alternated; the same rows)
YEARS_SQL = """SELECT r.indicator_id, r.year, any_value(s.tables) AS tables
    FROM (SELECT DISTINCT indicator_id, year FROM {results} WHERE value IS NOT NULL) r
    LEFT JOIN indicator_sources s USING (indicator_id, year) GROUP BY ALL"""


def _years_sql(con: duckdb.DuckDBPyConnection) -> str:
    """:data:`YEARS_SQL` where ``indicator_values`` is the indicator stage's view of
    ``indicator_results`` and ``indicator_sources``; else (a test's mini warehouse) its rows
    grouped."""
    from stadstrends.analysis.trends import RESULTS, values_relation  # it imports this

    sources = con.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = 'indicator_sources'").fetchall()[0][0]
    if sources and values_relation(con) == RESULTS:
        return YEARS_SQL.format(results="indicator_results")
    tables = "source_tables" if "source_tables" in _columns(con, "indicator_values") else "''"
    return (f"SELECT indicator_id, year, any_value({tables}) AS tables "
            "FROM indicator_values GROUP BY ALL")


def build_segments(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``series_segments`` from ``indicator_values`` (its ``source_tables``) and the
    catalogue's declarations in ``indicators``; without them every series is one segment."""
    ind = _columns(con, "indicators")
    con.execute(SEGMENTS_SQL.format(
        breaks="break_years" if "break_years" in ind else "[]::INTEGER[]",
        continuous="continuous_sources" if "continuous_sources" in ind else "[]::VARCHAR[]",
        years=_years_sql(con)))
    n = con.execute("SELECT count(*) FROM series_segments").fetchall()[0][0]
    return {"series_segments": int(n)}


def ensure_segments(con: duckdb.DuckDBPyConnection) -> None:
    """Build ``series_segments`` unless this connection has it already."""
    have = con.execute("SELECT count(*) FROM information_schema.tables "
                       "WHERE table_name = 'series_segments'").fetchall()[0][0]
    if not have:
        build_segments(con)
