"""Every municipal figure's spread, made once for the trends' rounding and the gaps'
(analysis/coarse_trends.py: ``FIGURE_SPREADS``, a temporary table of the analysis chain's
connection; read by ``coarse_changes``/``coarse_trends`` and by ``gap_spreads``, which drops
it). One rule for both: the same figure has the same spread as an end of a trend and as a
gap's city figure."""

from __future__ import annotations

import duckdb

from stadstrends.analysis.coarse_trends import FIGURE_SPREADS, figure_spreads
from stadstrends.analysis.gap_spreads import build_gap_spreads


def test_a_figure_has_the_same_spread_in_the_trends_and_the_gaps(analysed) -> None:
    """On the snapshot: a figure that is both an end of a ``coarse_changes`` row and a city's
    figure in ``gap_spreads`` has one spread in both; each agrees with the spreads made again
    here on a connection of its own; the ommeland's spread is at least half the published
    unit of the city's figure (the same indicator and year)."""
    con, _ = analysed
    pairs = con.execute("""
        SELECT g.city_spread, CASE g.year WHEN c.first_year THEN c.first_spread
                                          ELSE c.last_spread END
        FROM gap_spreads g JOIN coarse_changes c ON c.region_code = g.region_code
         AND c.indicator_id = g.indicator_id AND g.year IN (c.first_year, c.last_year)
        """).fetchall()
    assert len(pairs) > 500 and all(g == c for g, c in pairs)
    cur = con.cursor()  # a connection of its own: the chain's table is gone with its cursor
    spreads = figure_spreads(cur)
    assert cur.execute(f"""
        SELECT count(*) FILTER (WHERE g.city_spread IS DISTINCT FROM CASE WHEN k.unknown
                                THEN 'inf'::DOUBLE ELSE coalesce(k.spread, 0) END
                                OR g.ommeland_spread < coalesce(k.unit / 2, 0)),
               count(k.unit)
        FROM gap_spreads g LEFT JOIN {spreads} k USING (region_code, indicator_id, year)
        """).fetchone()[0] == 0
    assert cur.execute(f"""
        SELECT count(*) FROM coarse_changes c
        LEFT JOIN {spreads} a ON a.region_code = c.region_code
         AND a.indicator_id = c.indicator_id AND a.year = c.first_year
        LEFT JOIN {spreads} b ON b.region_code = c.region_code
         AND b.indicator_id = c.indicator_id AND b.year = c.last_year
        WHERE c.first_spread IS DISTINCT FROM a.spread
           OR c.last_spread IS DISTINCT FROM b.spread""").fetchone()[0] == 0
    cur.close()


def _gaps(con: duckdb.DuckDBPyConnection) -> None:
    """A hand-made warehouse: two gap rows, a rounded count for the first."""
    con.execute("""CREATE TABLE indicator_values AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2023, 600.0), ('GM2', 'jobs', 2023, 643.0))
        v(region_code, indicator_id, year, value)""")
    con.execute("""CREATE TABLE region_gaps AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2023, 0.0), ('GM2', 'jobs', 2023, NULL))
        g(region_code, indicator_id, year, ommeland_rounding)""")
    con.execute("""CREATE TABLE rounded_counts AS SELECT 'GM1' AS region_code,
                   'jobs' AS indicator_id, 2023 AS year, 50.0 AS spread""")


def test_the_gaps_read_the_spreads_the_trends_made_and_drop_them() -> None:
    """``build_gap_spreads`` reads the table the trends' rounding step left on its connection
    (here a hand-made one: GM2's spread 7, which ``rounded_counts`` does not give), does not
    make it again and drops it; without it, it makes its own from ``rounded_counts``."""
    con = duckdb.connect()
    _gaps(con)
    con.execute(f"""CREATE TEMP TABLE {FIGURE_SPREADS} AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2023, 50.0, false, NULL::DOUBLE),
        ('GM2', 'jobs', 2023, 7.0, false, NULL::DOUBLE))
        k(region_code, indicator_id, year, spread, unknown, unit)""")
    build_gap_spreads(con)
    got = "SELECT region_code, city_spread FROM gap_spreads ORDER BY ALL"
    assert con.execute(got).fetchall() == [("GM1", 50.0), ("GM2", 7.0)]
    assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                           [FIGURE_SPREADS]).fetchone()[0]
    build_gap_spreads(con)  # made again, from the counts
    assert con.execute(got).fetchall() == [("GM1", 50.0), ("GM2", 0.0)]
    assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                           [FIGURE_SPREADS]).fetchone()[0]
