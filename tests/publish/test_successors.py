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
