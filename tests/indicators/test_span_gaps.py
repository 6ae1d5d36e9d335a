"""Every year of a series' span without a figure has a stored reason
(:mod:`stadstrends.indicators.span_gaps`): publish derived 28 386 municipality-years' reasons
itself (no source table, the catalogue's omitted years), now it only words stored rows."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.indicators.span_gaps import explain_span_gaps

#: every year between a region's first and last row of an indicator without any row
UNEXPLAINED_SQL = """
    WITH spans AS (SELECT indicator_id, region_code, min(year) AS lo, max(year) AS hi
                   FROM indicator_results GROUP BY ALL)
    SELECT s.indicator_id, s.region_code, y.year
    FROM spans s, unnest(range(s.lo, s.hi + 1)) AS y(year)
    ANTI JOIN indicator_results r ON r.indicator_id = s.indicator_id
     AND r.region_code = s.region_code AND r.year = y.year ORDER BY ALL"""


def test_every_year_of_a_span_without_a_figure_has_a_stored_reason(wh) -> None:
    """Municipalities, COROP regions, provinces and NL alike (before: 28 386 municipality-,
    3 260 COROP-, 996 province- and 83 NL-years without a row); none of them is a reason
    the build could not find (``no_reason_recorded``)."""
    assert wh.execute(UNEXPLAINED_SQL).fetchall()[:5] == []
    unknown = wh.execute("SELECT indicator_id, region_code, year FROM indicator_results "
                         "WHERE reason = 'no_reason_recorded' LIMIT 5").fetchall()
    assert unknown == []


def test_a_year_without_a_source_table_says_so(wh) -> None:
    """Zwolle's social assistance per 1 000, 2015-2023: the indicator reads those years
    from no CBS table (no ``indicator_sources`` row), and Zwolle has figures before and
    after them."""
    rows = wh.execute("""
        SELECT r.year, r.reason, s.year IS NOT NULL FROM indicator_results r
        LEFT JOIN (SELECT DISTINCT indicator_id, year FROM indicator_sources) s
          USING (indicator_id, year)
        WHERE r.indicator_id = 'social_assistance_per_1000' AND r.region_code = 'GM0193'
          AND r.year BETWEEN 2015 AND 2023 ORDER BY r.year""").fetchall()
    assert rows == [(y, "no_source_for_year", False) for y in range(2015, 2024)]
    later = wh.execute("SELECT count(*) FROM indicator_values WHERE region_code = 'GM0193' "
                       "AND indicator_id = 'social_assistance_per_1000' AND year > 2023"
                       ).fetchone()[0]
    assert later > 0


def test_the_catalogue_s_omitted_years_name_their_caveat(wh) -> None:
    """Gas delivered per inhabitant without 2015-2016: every region with figures around
    them stores ``omitted_by_catalogue`` with the index of the caveat that says why."""
    caveats, omitted = wh.execute("SELECT caveats, omitted_years FROM indicators WHERE "
                                  "indicator_id = 'gas_delivered_per_inhabitant'").fetchone()
    assert omitted == [2015, 2016]
    rows = wh.execute("""
        SELECT DISTINCT reason, reason_detail FROM indicator_results
        WHERE indicator_id = 'gas_delivered_per_inhabitant' AND year IN (2015, 2016)""").fetchall()
    assert len(rows) == 1 and rows[0][0] == "omitted_by_catalogue", rows
    assert caveats[int(rows[0][1])].startswith("Zonder 2015 en 2016.")
    n = wh.execute("""SELECT count(DISTINCT region_code) FROM indicator_results
                      WHERE indicator_id = 'gas_delivered_per_inhabitant' AND year = 2015
                        AND reason = 'omitted_by_catalogue'""").fetchone()[0]
    assert n > 300  # every municipality with gas figures in 2014 and 2017, and the regions


def test_an_indicator_s_years_without_a_source_are_stored_outside_every_span(wh) -> None:
    """The migration background by the Gemeentefonds' measure has figures from 2023 only:
    2017-2022 of the tweedeling's window lie before every region's series, and
    ``unsourced_years`` says why no region has a figure then. Each of its rows is a year
    the indicator reads from no table, or one the catalogue leaves out."""
    rows = wh.execute("""
        SELECT year, reason FROM unsourced_years
        WHERE indicator_id = 'share_migration_background_gf' AND year BETWEEN 2017 AND 2024
        ORDER BY year""").fetchall()
    assert rows == [(y, "no_source_for_year") for y in range(2017, 2023)]
    wrong = wh.execute("""
        SELECT u.* FROM unsourced_years u
        SEMI JOIN indicator_sources s USING (indicator_id, year)
        WHERE u.reason <> 'omitted_by_catalogue' LIMIT 5""").fetchall()
    assert wrong == []


@pytest.fixture()
def small():
    """A, a municipality: figures of 'a' in 2010 and 2014, a cut copy in 2012; 'a' has no
    source table in 2011. CR1: 'a' in 2010 and 2013. 'b': the catalogue leaves 2012 out
    (its second caveat)."""
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE indicator_results (indicator_id VARCHAR, region_code VARCHAR,
                                        year BIGINT, value DOUBLE, reason VARCHAR,
                                        reason_detail VARCHAR);
        INSERT INTO indicator_results VALUES
            ('a', 'GM0001', 2010, 1, NULL, NULL), ('a', 'GM0001', 2014, 1, NULL, NULL),
            ('a', 'GM0001', 2012, NULL, 'table_cut', 'T1'),
            ('a', 'CR01', 2010, 5, NULL, NULL), ('a', 'CR01', 2013, 5, NULL, NULL),
            ('b', 'GM0001', 2011, 1, NULL, NULL), ('b', 'GM0001', 2013, 1, NULL, NULL),
            ('b', 'GM0002', 2013, 1, NULL, NULL);
        CREATE TABLE indicator_sources (indicator_id VARCHAR, year BIGINT, tables VARCHAR);
        INSERT INTO indicator_sources VALUES ('a', 2010, 'T1'), ('a', 2012, 'T1'),
            ('a', 2013, 'T1'), ('a', 2014, 'T1'), ('b', 2011, 'T2'), ('b', 2012, 'T2'),
            ('b', 2013, 'T2');
        CREATE TABLE indicators (indicator_id VARCHAR, omitted_years INTEGER[],
                                 omitted_caveats INTEGER[]);
        INSERT INTO indicators VALUES ('a', [], []), ('b', [2012], [1]);
    """)
    return con


def _added(con) -> dict[tuple[str, str, int], tuple[str, str | None]]:
    return {(i, c, y): (r, d) for i, c, y, r, d in con.execute(
        "SELECT indicator_id, region_code, year, reason, reason_detail FROM indicator_results "
        "WHERE value IS NULL AND reason <> 'table_cut'").fetchall()}


def test_the_sql_fills_each_span_and_nothing_outside_it(small) -> None:
    explain_span_gaps(small)
    assert _added(small) == {
        ("a", "GM0001", 2011): ("no_source_for_year", None),
        ("a", "GM0001", 2013): ("no_reason_recorded", None),  # a source, no reason found
        ("a", "CR01", 2011): ("no_source_for_year", None),
        ("a", "CR01", 2012): ("no_reason_recorded", None),
        ("b", "GM0001", 2012): ("omitted_by_catalogue", "1"),
    }  # GM0002's 'b' is one year: no span; nothing before 2010 or after 2014
    assert small.execute(UNEXPLAINED_SQL).fetchall() == []
    # every indicator over the years of any source, 2010-2014
    assert small.execute("SELECT * FROM unsourced_years").fetchall() == [
        ("a", 2011, "no_source_for_year", None), ("b", 2010, "no_source_for_year", None),
        ("b", 2012, "omitted_by_catalogue", "1"), ("b", 2014, "no_source_for_year", None)]
    explain_span_gaps(small)  # a second run finds nothing left
    assert small.execute("SELECT count(*) FROM indicator_results").fetchone()[0] == 13


def test_without_the_catalogue_s_columns_a_sourced_year_has_no_reason_found(small) -> None:
    small.execute("DROP TABLE indicators")
    explain_span_gaps(small)
    assert _added(small)[("b", "GM0001", 2012)] == ("no_reason_recorded", None)
