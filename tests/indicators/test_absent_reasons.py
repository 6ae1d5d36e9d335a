"""The indicators stage stores why a table leaves a municipality out (small synthetic
warehouse, :func:`stadstrends.indicators.survey_gaps.explain_survey_gaps`): a whole CBS
table that holds it in other years (``not_in_table``), in no year (``never_in_table``: it
was left to publish, which derived it from the tables), a copy that is not CBS's whole
table (``not_in_copy``); a municipality whose predecessor the table holds that year gets no
such reason, and a year without any municipality's figure gets none."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.indicators.survey_gaps import NEVER_HARMONISED_SQL, explain_survey_gaps

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


def test_a_harmonised_row_of_a_table_that_never_holds_the_municipality(con) -> None:
    """A row the harmonisation made from a small part of a municipality (a code of weight
    0.1 that the table holds) says ``predecessor_missing`` or ``missing_in_source``; where
    the table (whole) holds neither it nor a principal predecessor in any year, it is
    ``never_in_table`` (Voorne aan Zee in 81877NED). A copy that is not whole, a
    predecessor the table holds in another year, or another reason stay as they are."""
    con.execute("""
        INSERT INTO regions VALUES
            ('GM0010', 'Vers', 'gemeente', DATE '2023-01-01', NULL),
            ('GM0011', 'Voor', 'gemeente', DATE '1990-01-01', DATE '2023-01-01'),
            ('GM0020', 'Twee', 'gemeente', DATE '2023-01-01', NULL),
            ('GM0021', 'Voor2', 'gemeente', DATE '1990-01-01', DATE '2023-01-01');
        INSERT INTO crosswalk VALUES (2013, 'persons', 'GM0011', 'GM0010', 1.0),
            (2013, 'persons', 'GM0001', 'GM0010', 0.1),
            (2013, 'persons', 'GM0021', 'GM0020', 1.0);
        INSERT INTO raw_observations VALUES ('T1', 'GM0021', 2012, 1);
        INSERT INTO indicator_sources VALUES ('y', 2013, 'T2');
        DELETE FROM indicator_results WHERE region_code IN ('GM0010', 'GM0020');
        INSERT INTO indicator_results VALUES
            ('x', 'GM0010', 2013, NULL, 'predecessor_missing', 'GM0011'),
            ('y', 'GM0010', 2013, NULL, 'predecessor_missing', 'GM0011'),
            ('x', 'GM0020', 2013, NULL, 'predecessor_missing', 'GM0021'),
            ('z', 'GM0010', 2013, NULL, 'suppressed_in_source', NULL);
    """)
    con.execute(NEVER_HARMONISED_SQL)
    got = dict(((i, c), (r, d)) for i, c, r, d in con.execute(
        "SELECT indicator_id, region_code, reason, reason_detail FROM indicator_results "
        "WHERE region_code IN ('GM0010', 'GM0020') AND year = 2013").fetchall())
    assert got == {("x", "GM0010"): ("never_in_table", "T1"),
                   ("y", "GM0010"): ("predecessor_missing", "GM0011"),  # T2: a cut copy
                   ("x", "GM0020"): ("predecessor_missing", "GM0021"),  # T1 holds GM0021
                   ("z", "GM0010"): ("suppressed_in_source", None)}
    con.execute("UPDATE indicator_results SET reason = 'missing_in_source', "
                "reason_detail = NULL WHERE indicator_id = 'y' AND region_code = 'GM0010'")
    con.execute("UPDATE indicator_sources SET tables = 'T1' WHERE indicator_id = 'y'")
    con.execute(NEVER_HARMONISED_SQL)
    assert con.execute("SELECT reason, reason_detail FROM indicator_results WHERE "
                       "indicator_id = 'y' AND region_code = 'GM0010'").fetchall() == [
        ("never_in_table", "T1")]


def test_voorne_aan_zee_is_never_in_the_safety_survey(wh) -> None:
    """Voorne aan Zee (GM1992, 2023: Brielle, Hellevoetsluis, Westvoorne): 81877NED holds
    neither it nor any of them in any year, so 2012-2017 are ``never_in_table`` as 2019 and
    2018, the year CBS did not survey (``NEVER_SKIPPED_SQL``), and then, as years before it
    was formed, ``predecessors_never_in_table`` (``FORMED_SQL``); they said 'geen cijfers voor
    Brielle, Hellevoetsluis en Westvoorne' (2013-2017) and 'waarde ontbreekt in de bron'
    (2012: Spijkenisse's empty cell, 1.4 % of it). No current municipality keeps such a
    row."""
    held = wh.execute("""
        SELECT count(*) FROM raw_observations o
        WHERE o.table_id = '81877NED' AND o.region_code IN (
            SELECT 'GM1992' UNION SELECT source_code FROM crosswalk
            WHERE target_code = 'GM1992' AND weight >= 0.5)""").fetchone()[0]
    assert held == 0
    for ind in ("feels_unsafe_share", "feels_unsafe_neighbourhood_share",
                "safety_rating_neighbourhood"):
        rows = wh.execute("""
            SELECT year, reason, reason_detail FROM indicator_results
            WHERE indicator_id = ? AND region_code = 'GM1992' ORDER BY year""", [ind]).fetchall()
        # all before 2023, when it was formed: the years name its predecessors
        # (predecessors_never_in_table, tests/indicators/test_formed_reasons.py)
        assert rows == [(y, "predecessors_never_in_table", "81877NED:GM0501,GM0530,GM0614")
                        for y in range(2012, 2020)], (ind, rows)
    left = wh.execute(NEVER_HARMONISED_SQL.replace(  # the rows the update would change
        "UPDATE indicator_results r SET reason = 'never_in_table', reason_detail = u.tables\n"
        "FROM (", "SELECT count(*) FROM indicator_results r, (", 1)).fetchone()[0]
    assert left == 0


def test_a_municipality_never_in_a_table_has_one_reason_for_its_skipped_years(wh) -> None:
    """A municipality without any figure of an indicator whose tables hold it in no year
    (``never_in_table``) has that one reason in the years those tables skip too, not
    ``not_surveyed`` beside it: the city page's cell, the heatmap's tooltip and ``show`` said
    'in geen enkel jaar voor deze gemeente' and '2018: CBS meet dit niet elk jaar' together.
    On the snapshot 870 (indicator, municipality) pairs did (290 municipalities, the three
    safety survey indicators of 81877NED); their 2018 is ``never_in_table`` now, and a
    municipality with figures keeps its ``not_surveyed`` years (land use, 70262ned)."""
    both = wh.execute("""
        SELECT count(*), count(DISTINCT region_code) FROM (
            SELECT indicator_id, region_code FROM indicator_results r
            WHERE r.value IS NULL AND r.reason IN ('never_in_table', 'not_surveyed')
              AND NOT EXISTS (SELECT 1 FROM indicator_results v WHERE v.value IS NOT NULL
                              AND v.indicator_id = r.indicator_id
                              AND v.region_code = r.region_code)
            GROUP BY ALL HAVING count(DISTINCT reason) = 2)""").fetchone()
    assert both == (0, 0)
    skipped = wh.execute("""
        SELECT count(DISTINCT region_code) FROM indicator_results r
        WHERE r.reason IN ('never_in_table', 'predecessors_never_in_table') AND r.year = 2018
          AND r.indicator_id = 'feels_unsafe_share'""").fetchone()[0]
    # Assen, Stadskanaal, ... in the year CBS skipped (Land van Cuijk's, formed in 2022, names
    # its predecessors: test_formed_reasons.py)
    assert skipped >= 280, skipped
    kept = wh.execute("SELECT count(DISTINCT region_code) FROM indicator_results WHERE "
                      "reason = 'not_surveyed' AND indicator_id = 'land_use_residential_share'"
                      ).fetchone()[0]
    assert kept >= 300, kept
