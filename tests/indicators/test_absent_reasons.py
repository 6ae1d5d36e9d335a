"""The indicators stage stores why a table leaves a municipality out (small synthetic
warehouse, :func:`stadstrends.indicators.survey_gaps.explain_survey_gaps`): a whole CBS
table that holds it in other years (``not_in_table``), in no year (``never_in_table``: it
was left to publish, which derived it from the tables), a copy that is not CBS's whole
table (``not_in_copy``); a municipality whose predecessor the table holds that year gets no
such reason, and a year without any municipality's figure gets none."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.indicators.survey_gaps import explain_survey_gaps

CURRENT = ["GM0001", "GM0002", "GM0003", "GM0005"]


@pytest.fixture()
def con():
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE regions (region_code VARCHAR, name VARCHAR, level VARCHAR,
                              valid_from DATE, valid_to DATE);
        INSERT INTO regions VALUES
            ('GM0001', 'Aa', 'gemeente', DATE '1990-01-01', NULL),
            ('GM0002', 'Bee', 'gemeente', DATE '1990-01-01', NULL),
            ('GM0003', 'Cee', 'gemeente', DATE '1990-01-01', NULL),
            ('GM0009', 'Oud', 'gemeente', DATE '1990-01-01', DATE '2019-01-01'),
            ('GM0005', 'Nieuw', 'gemeente', DATE '2019-01-01', NULL),
            ('NL01', 'Nederland', 'land', DATE '1990-01-01', NULL);
        CREATE TABLE crosswalk (boundary_year BIGINT, basis VARCHAR, source_code VARCHAR,
                                target_code VARCHAR, weight DOUBLE);
        INSERT INTO crosswalk SELECT y, 'persons', 'GM0009', 'GM0005', 1.0
            FROM range(2012, 2016) t(y);
        INSERT INTO crosswalk SELECT y, 'persons', 'GM0001', 'GM0005', 0.1  -- a small part
            FROM range(2012, 2016) t(y);
        CREATE TABLE sources (table_id VARCHAR, completeness_code VARCHAR);
        INSERT INTO sources VALUES ('T1', 'complete'), ('T2', 'cut');
        CREATE TABLE raw_observations (table_id VARCHAR, region_code VARCHAR, year BIGINT,
                                       value DOUBLE);
        -- T1 (whole): Aa every year, Bee only 2012, Nieuw's predecessor Oud only 2013, NL 2015
        INSERT INTO raw_observations VALUES
            ('T1', 'GM0001', 2012, 1), ('T1', 'GM0001', 2013, 1), ('T1', 'GM0001', 2014, 1),
            ('T1', 'GM0002', 2012, 1), ('T1', 'GM0009', 2013, NULL), ('T1', 'NL01', 2015, 9),
            ('T2', 'GM0001', 2012, 1);
        CREATE TABLE indicator_sources (indicator_id VARCHAR, year BIGINT, tables VARCHAR);
        INSERT INTO indicator_sources VALUES ('x', 2012, 'T1'), ('x', 2013, 'T1'),
            ('x', 2014, 'T1'), ('x', 2015, 'T1'), ('y', 2012, 'T2');
        CREATE TABLE indicator_results (indicator_id VARCHAR, region_code VARCHAR,
                                        year BIGINT, value DOUBLE, reason VARCHAR,
                                        reason_detail VARCHAR);
        INSERT INTO indicator_results VALUES
            ('x', 'GM0001', 2012, 1, NULL, NULL), ('x', 'GM0001', 2013, 1, NULL, NULL),
            ('x', 'GM0001', 2014, 1, NULL, NULL), ('x', 'GM0002', 2012, 1, NULL, NULL),
            ('x', 'NL01', 2015, 9, NULL, NULL), ('y', 'GM0001', 2012, 1, NULL, NULL);
    """)
    explain_survey_gaps(con)
    return con


def _got(con, indicator: str) -> dict[tuple[str, int], tuple[str, str]]:
    return {(c, y): (r, d) for c, y, r, d in con.execute(
        "SELECT region_code, year, reason, reason_detail FROM indicator_results "
        "WHERE indicator_id = ? AND value IS NULL", [indicator]).fetchall()}


def test_each_absence_has_its_true_reason(con) -> None:
    got = _got(con, "x")
    # Bee: in T1 in 2012 only (with a figure): the other years 'not_in_table'
    assert got[("GM0002", 2013)] == got[("GM0002", 2014)] == ("not_in_table", "T1")
    # Cee: never in T1, no figure: it was left without a row (publish derived it)
    assert {got[("GM0003", y)] for y in (2012, 2013, 2014)} == {("never_in_table", "T1")}
    # Nieuw (2019): its predecessor Oud is in T1 in 2013 (without a value): no absence
    # that year; the other years it is in the table only in another year. Aa, a small part
    # of it (weight 0.1), does not count as its predecessor
    assert ("GM0005", 2013) not in got
    assert got[("GM0005", 2012)] == got[("GM0005", 2014)] == ("not_in_table", "T1")
    # 2015: no current municipality has a figure (only NL): no reason invented
    assert not any(y == 2015 for _, y in got)
    # a copy cut at 10 000 rows: what is known is that the copy lacks it
    assert {v for (c, _), v in _got(con, "y").items()} == {("not_in_copy", "T2")}
    assert {c for c, _ in _got(con, "y")} == {"GM0002", "GM0003", "GM0005"}


def test_every_value_less_municipality_year_has_a_reason(con) -> None:
    left = con.execute("""
        WITH iy AS (SELECT DISTINCT indicator_id, year FROM indicator_results
                    WHERE value IS NOT NULL AND list_contains(?, region_code))
        SELECT i.indicator_id, c.code, i.year FROM iy i, unnest(?) AS c(code)
        ANTI JOIN indicator_results r ON r.indicator_id = i.indicator_id
         AND r.region_code = c.code AND r.year = i.year""", [CURRENT, CURRENT]).fetchall()
    assert left == [("x", "GM0005", 2013)]  # in the table that year: not an absence
