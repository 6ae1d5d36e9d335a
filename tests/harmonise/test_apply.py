"""Harmonisation SQL on hand-made series: sums, splits, gaps and non-additive values."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from stadstrends.harmonise.apply import harmonise_series

D = dt.date


@pytest.fixture()
def con():
    con = duckdb.connect()
    history = pd.DataFrame([
        ("GM0001", D(1830, 1, 1), D(2020, 1, 1)),   # merged into GM0003 in 2020
        ("GM0002", D(1830, 1, 1), D(2020, 1, 1)),   # merged into GM0003 in 2020
        ("GM0003", D(2020, 1, 1), None),
        ("GM0010", D(1830, 1, 1), D(2021, 1, 1)),   # split: 25% to GM0011, 75% to GM0003
        ("GM0011", D(1830, 1, 1), None),
    ], columns=["code", "valid_from", "valid_to"])
    crosswalk = pd.DataFrame([
        ("GM0001", "GM0003", 1.0), ("GM0002", "GM0003", 1.0), ("GM0003", "GM0003", 1.0),
        ("GM0010", "GM0011", 0.25), ("GM0010", "GM0003", 0.75), ("GM0011", "GM0011", 1.0),
    ], columns=["source_code", "target_code", "weight"])
    con.register("h", history)
    con.register("c", crosswalk)
    con.execute("CREATE TABLE region_history AS SELECT * FROM h")
    con.execute("CREATE TABLE crosswalk AS SELECT * FROM c")
    return con


def _run(con, rows):
    frame = pd.DataFrame(rows, columns=["series_id", "region_code", "year", "value", "additive"])
    frame["boundary_year"] = frame["year"]
    con.register("s", frame)
    con.execute("CREATE OR REPLACE TABLE series_raw AS SELECT * FROM s")
    harmonise_series(con)
    out = con.execute(
        "SELECT series_id, region_code, year, value, reason FROM series_harmonised").df()
    return {
        (r.series_id, r.region_code, r.year): (r.value, None if pd.isna(r.reason) else r.reason)
        for r in out.itertuples()
    }


def test_counts_of_merged_and_split_municipalities_are_summed_with_weights(con):
    out = _run(con, [
        ("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, 50.0, True),
        ("n", "GM0010", 2019, 40.0, True), ("n", "GM0011", 2019, 10.0, True),
        ("n", "GM0003", 2021, 200.0, True), ("n", "GM0011", 2021, 30.0, True),
    ])
    assert out[("n", "GM0003", 2019)][0] == pytest.approx(100 + 50 + 0.75 * 40)
    assert out[("n", "GM0011", 2019)][0] == pytest.approx(10 + 0.25 * 40)
    assert out[("n", "GM0003", 2021)] == (200.0, None)


def test_missing_predecessor_leaves_the_value_out_with_a_reason(con):
    out = _run(con, [
        ("n", "GM0001", 2019, 100.0, True), ("n", "GM0010", 2019, 40.0, True),
        ("n", "GM0011", 2019, 10.0, True),
    ])
    value, reason = out[("n", "GM0003", 2019)]
    assert pd.isna(value) and "GM0002" in reason
    assert out[("n", "GM0011", 2019)][0] == pytest.approx(20.0)


def test_suppressed_cell_is_missing_not_zero(con):
    out = _run(con, [
        ("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, None, True),
        ("n", "GM0010", 2019, 40.0, True),
    ])
    value, reason = out[("n", "GM0003", 2019)]
    assert pd.isna(value) and "suppressed" in reason


def test_non_additive_values_only_where_the_municipality_did_not_change(con):
    out = _run(con, [
        ("m", "GM0001", 2019, 31.5, False), ("m", "GM0002", 2019, 29.0, False),
        ("m", "GM0010", 2019, 30.0, False), ("m", "GM0011", 2019, 28.0, False),
        ("m", "GM0003", 2021, 30.1, False), ("m", "GM0011", 2021, 27.0, False),
    ])
    assert out[("m", "GM0003", 2021)] == (30.1, None)
    assert out[("m", "GM0011", 2021)] == (27.0, None)
    for key in [("m", "GM0003", 2019), ("m", "GM0011", 2019)]:
        value, reason = out[key]
        assert pd.isna(value) and "non-additive" in reason
