"""Successors of former municipalities, read from the warehouse (`show Weesp`, the API)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from stadstrends.errors import RegionNotFound
from stadstrends.publish.successors import Successors

REGIONS = """CREATE TABLE regions AS SELECT * FROM (VALUES
    ('GM0363', 'Amsterdam', DATE '1830-01-01', NULL::DATE),
    ('GM0457', 'Weesp', DATE '1830-01-01', DATE '2022-03-23'),
    ('GM0001', 'Deelgemeente', DATE '1830-01-01', DATE '2019-01-01'),
    ('GM0002', 'Oost', DATE '2019-01-01', NULL::DATE),
    ('GM0003', 'West', DATE '2019-01-01', NULL::DATE))
    t(region_code, name, valid_from, valid_to)"""


def test_a_warehouse_without_the_successor_table_has_no_successors():
    con = duckdb.connect()
    con.execute(REGIONS)
    assert Successors(con).of("GM0457") is None


def test_whole_and_split_successors_from_the_table():
    con = duckdb.connect()
    con.execute(REGIONS)
    con.execute("""CREATE TABLE region_successors AS SELECT * FROM (VALUES
        ('GM0457', 'GM0363', 1.0, DATE '2022-03-24'),
        ('GM0001', 'GM0002', 0.6, DATE '2019-01-01'),
        ('GM0001', 'GM0003', 0.4, DATE '2019-01-01'))
        t(region_code, successor_code, weight, since)""")
    successors = Successors(con)
    weesp = successors.of("GM0457")
    assert (weesp["successor_code"], weesp["since"]) == ("GM0363", dt.date(2022, 3, 24).isoformat())
    assert weesp["note_nl"] == "Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)"
    assert successors.of("GM0363") is None
    with pytest.raises(RegionNotFound) as info:
        successors.of("GM0001")
    assert info.value.suggestions == ["GM0002", "GM0003"]


def test_a_day_is_named_only_for_a_successor_that_existed_then():
    """St. Anthonis (renamed Sint Anthonis on 4 July 1995, in Land van Cuijk since 2022) does
    not 'fall under Land van Cuijk since 4 July 1995'; Sint Anthonis does since 2022."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE regions AS SELECT * FROM (VALUES
        ('GM1691', 'St. Anthonis', DATE '1994-01-01', DATE '1995-07-04'),
        ('GM1702', 'Sint Anthonis', DATE '1995-07-04', DATE '2022-01-01'),
        ('GM1982', 'Land van Cuijk', DATE '2022-01-01', NULL::DATE))
        t(region_code, name, valid_from, valid_to)""")
    con.execute("""CREATE TABLE region_history AS SELECT * FROM (VALUES
        ('GM1691', DATE '1995-07-04', 'GM1702'), ('GM1702', DATE '2022-01-01', 'GM1982'))
        t(code, valid_to, successor)""")
    con.execute("""CREATE TABLE region_successors AS SELECT * FROM (VALUES
        ('GM1691', 'GM1982', 1.0, DATE '1995-07-04'),
        ('GM1702', 'GM1982', 1.0, DATE '2022-01-01'))
        t(region_code, successor_code, weight, since)""")
    successors = Successors(con)
    assert successors.of("GM1691")["note_nl"] == ("St. Anthonis bestaat sinds 4 juli 1995 niet "
                                                  "meer; het gebied hoort nu bij Land van Cuijk "
                                                  "(GM1982)")
    assert successors.of("GM1702")["note_nl"] == ("Sint Anthonis valt sinds 1 januari 2022 "
                                                  "onder Land van Cuijk (GM1982)")
    assert successors.former("GM1691")["ended"] == "1995-07-04"


def test_register_paths_answer_codes_the_crosswalk_does_not_reach():
    """A code gone before the crosswalk (no region_successors rows) goes whole through the
    register; one merged into a municipality later divided is the chain, with the divided
    one's shares marked as its; one with no successor says the register names none."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE regions AS SELECT * FROM (VALUES
        ('GM0776', 'Esch', DATE '1830-01-01', DATE '1996-01-01'),
        ('GM0788', 'Haaren', DATE '1830-01-01', DATE '2021-01-01'),
        ('GM0824', 'Oisterwijk', DATE '1830-01-01', NULL::DATE),
        ('GM0757', 'Boxtel', DATE '1830-01-01', NULL::DATE),
        ('GM0827', 'Oploo', DATE '1830-01-01', DATE '1994-01-01'),
        ('GM1055', 'Elten', DATE '1949-04-23', DATE '1963-08-01'))
        t(region_code, name, valid_from, valid_to)""")
    con.execute("""CREATE TABLE region_history AS SELECT * FROM (VALUES
        ('GM0776', DATE '1996-01-01', 'GM0788'), ('GM0788', DATE '2021-01-01', 'GM0824'),
        ('GM0827', DATE '1994-01-01', 'GM0757'), ('GM1055', DATE '1963-08-01', NULL))
        t(code, valid_to, successor)""")
    con.execute("""CREATE TABLE transfer_shares AS SELECT * FROM (VALUES
        (DATE '1996-01-01', 'GM0776', 'GM0788', 'persons', 1.0),
        (DATE '2021-01-01', 'GM0788', 'GM0824', 'persons', 0.6),
        (DATE '2021-01-01', 'GM0788', 'GM0757', 'persons', 0.4))
        t(date, donor, recipient, basis, share)""")
    con.execute("""CREATE TABLE boundary_transfers AS SELECT * FROM (VALUES
        (DATE '1996-01-01', 'GM0776', 'GM0788', 'dissolution'))
        t(date, donor, recipient, kind)""")
    con.execute("""CREATE TABLE region_successors AS SELECT * FROM (VALUES
        ('GM0776', 'GM0824', 0.6, DATE '1996-01-01'), ('GM0776', 'GM0757', 0.4, DATE '1996-01-01'),
        ('GM0788', 'GM0824', 0.6, DATE '2021-01-01'), ('GM0788', 'GM0757', 0.4, DATE '2021-01-01'))
        t(region_code, successor_code, weight, since)""")
    successors = Successors(con)
    assert successors.of("GM0827")["note_nl"] == ("Oploo valt sinds 1 januari 1994 onder "
                                                  "Boxtel (GM0757)")
    esch = successors.former("GM0776")
    assert esch["note_nl"] == ("Esch ging op 1 januari 1996 op in Haaren; Haaren is sinds "
                               "1 januari 2021 verdeeld over Oisterwijk (GM0824) en Boxtel "
                               "(GM0757)")
    assert esch["shares_of"]["region_code"] == "GM0788" and esch["chain"][0]["into"] == "GM0788"
    with pytest.raises(RegionNotFound) as info:
        successors.of("GM0776")
    assert info.value.key == "former_chain" and info.value.suggestions == ["GM0824", "GM0757"]
    assert "noemt geen gemeente" in successors.former("GM1055")["note_nl"]
    with pytest.raises(RegionNotFound):
        successors.of("GM1055")


def test_maybe_former_flags_every_code_the_successors_know_and_no_other(wh):
    """`show`'s shortcut (skip loading the successors for a code that cannot be former) is
    exact on the real warehouse: Weesp, Esch and every other former municipality are
    flagged, Zwolle and the other current ones are not."""
    from stadstrends.publish.queries import maybe_former

    known = Successors(wh)
    codes = [c for (c,) in wh.execute("SELECT DISTINCT region_code FROM regions").fetchall()]
    former = [c for c in codes if known.former(c) is not None]
    flagged = [c for c in codes if maybe_former(wh, c)]
    assert former == flagged
    assert "GM0457" in flagged and "GM0193" not in flagged
    assert len(flagged) > 1000  # CBS's former municipalities since 1830


def test_maybe_former_asks_the_successors_without_their_tables():
    from stadstrends.publish.queries import maybe_former

    con = duckdb.connect()
    con.execute(REGIONS)
    assert maybe_former(con, "GM0457")
