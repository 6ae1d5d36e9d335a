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


def _run(con, rows, timing="stock_start", status=None):
    frame = pd.DataFrame(rows, columns=["series_id", "region_code", "year", "value", "additive"])
    frame["boundary_year"] = frame["year"]
    frame["timing"] = timing
    frame["status"] = status
    con.register("s", frame)
    con.execute("CREATE OR REPLACE TABLE series_raw AS SELECT * FROM s")
    harmonise_series(con)
    out = con.execute(
        "SELECT series_id, region_code, year, value, "
        "nullif(concat_ws(' ', reason, reason_detail), '') AS reason FROM series_harmonised").df()
    return {
        (r.series_id, r.region_code, r.year): (r.value, None if pd.isna(r.reason) else r.reason)
        for r in out.itertuples()
    }


def _crosswalk(con, rows) -> None:
    """Replace the crosswalk by ``rows`` (boundary year, source, target, weight; persons)."""
    frame = pd.DataFrame(rows, columns=["boundary_year", "source_code", "target_code",
                                        "weight"]).assign(basis="persons")
    con.register("cw", frame)
    con.execute("CREATE OR REPLACE TABLE crosswalk AS SELECT * FROM cw")


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
    assert pd.isna(value) and reason == "predecessor_missing GM0002"
    assert out[("n", "GM0011", 2019)][0] == pytest.approx(20.0)


def test_suppressed_cell_is_missing_not_zero(con):
    rows = [("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, None, True),
            ("n", "GM0010", 2019, 40.0, True)]
    value, reason = _run(con, rows, status="geheim")[("n", "GM0003", 2019)]
    assert pd.isna(value) and reason == "suppressed_in_source"
    # an empty cell is missing, not suppressed: the reason must be true (and name whose)
    value, reason = _run(con, rows)[("n", "GM0003", 2019)]
    assert pd.isna(value) and reason == "missing_in_source GM0002"


@pytest.fixture()
def midyear():
    """GM0020 merges into GM0021 on 24 March 2022; GM0030 is renamed GM0031 on 1 July 2015."""
    con = duckdb.connect()
    history = pd.DataFrame([
        ("GM0020", D(1830, 1, 1), D(2022, 3, 24)), ("GM0021", D(1830, 1, 1), None),
        ("GM0030", D(1830, 1, 1), D(2015, 7, 1)), ("GM0031", D(2015, 7, 1), None),
    ], columns=["code", "valid_from", "valid_to"])
    crosswalk = pd.DataFrame([
        (y, "GM0020", "GM0021", 1.0) for y in (2021, 2022)] + [
        (y, c, c, 1.0) for y in (2014, 2015, 2016, 2021, 2022) for c in ("GM0021", "GM0031")] + [
        (y, "GM0030", "GM0031", 1.0) for y in (2014, 2015)],
        columns=["boundary_year", "source_code", "target_code", "weight"]).assign(basis="persons")
    con.register("h", history)
    con.register("c", crosswalk)
    con.execute("CREATE TABLE region_history AS SELECT * FROM h")
    con.execute("CREATE TABLE crosswalk AS SELECT * FROM c")
    return con


def test_a_flow_in_the_year_of_a_midyear_merger_is_the_successors_value(midyear):
    # CBS leaves the dissolved code's flow empty and books the year at the successor
    rows = [("births", "GM0020", 2022, None, True), ("births", "GM0021", 2022, 9894.0, True)]
    assert _run(midyear, rows, timing="flow")[("births", "GM0021", 2022)] == (9894.0, None)
    # a stock on 1 January needs both: the dissolved code existed that day
    value, reason = _run(midyear, rows, timing="stock_start")[("births", "GM0021", 2022)]
    assert pd.isna(value) and reason == "missing_in_source GM0020"


def test_stocks_and_flows_of_a_renamed_municipality_in_its_change_year(midyear):
    # De Friese Meren -> De Fryske Marren on 1 July 2015: two half-year rows
    rows = [("s", "GM0030", 2015, 22725.0, True), ("s", "GM0031", 2015, 22795.0, True)]
    assert _run(midyear, rows, timing="stock_start")[("s", "GM0031", 2015)][0] == 22725.0
    assert _run(midyear, rows, timing="stock_end")[("s", "GM0031", 2015)][0] == 22795.0
    flows = [("f", "GM0030", 2015, 65.0, True), ("f", "GM0031", 2015, 20.0, True)]
    assert _run(midyear, flows, timing="flow")[("f", "GM0031", 2015)][0] == 85.0


def test_a_stock_booked_under_the_code_of_the_other_end_of_the_year_is_kept(midyear):
    # 83628NED December 2015: the jobs are under GM1921, GM1940 has 0.0
    rows = [("jobs", "GM0030", 2015, 15.8, True), ("jobs", "GM0031", 2015, 0.0, True)]
    assert _run(midyear, rows, timing="stock_end")[("jobs", "GM0031", 2015)][0] == 15.8


def test_a_stock_booked_under_the_old_code_with_the_new_code_empty_is_kept(midyear):
    # 83582NED December 2015: De Friese Meren 15.2 (thousand jobs), De Fryske Marren empty
    rows = [("jobs", "GM0030", 2015, 15.2, True), ("jobs", "GM0031", 2015, None, True)]
    assert _run(midyear, rows, timing="stock_end")[("jobs", "GM0031", 2015)] == (15.2, None)
    # a secret cell at the reference date stays secret; a level is not moved between codes
    value, reason = _run(midyear, rows, timing="stock_end",
                         status="geheim")[("jobs", "GM0031", 2015)]
    assert pd.isna(value) and reason == "suppressed_in_source"
    levels = [(s, c, y, v, False) for s, c, y, v, _ in rows]
    value, reason = _run(midyear, levels, timing="stock_end")[("jobs", "GM0031", 2015)]
    assert pd.isna(value) and reason == "missing_in_source"


def test_a_stock_at_the_end_of_a_merger_year_follows_the_codes_the_table_is_on(midyear):
    # GM0020 merged into GM0021 on 24 March 2022. A table that keeps the codes of 1 January
    # gives GM0020 a December stock of its own (83582NED: Weesp 9.0 thousand jobs): it counts
    rows = [("jobs", "GM0020", 2022, 9.0, True), ("jobs", "GM0021", 2022, 702.1, True)]
    assert _run(midyear, rows, timing="stock_end")[("jobs", "GM0021", 2022)] == (711.1, None)
    # a table on the codes of 31 December leaves GM0020 empty (81064ned 2022): GM0021's
    # count and its level are the merged municipality's own, nothing is missing
    rows = [("n", "GM0020", 2022, None, True), ("n", "GM0021", 2022, 12660.0, True),
            ("p", "GM0020", 2022, None, False), ("p", "GM0021", 2022, 1.6, False)]
    out = _run(midyear, rows, timing="stock_end")
    assert out[("n", "GM0021", 2022)] == (12660.0, None)
    assert out[("p", "GM0021", 2022)] == (1.6, None)
    # a level of a table on the codes of 1 January stays out: GM0021 was smaller then
    rows = [("p", "GM0020", 2022, 1.0, False), ("p", "GM0021", 2022, 1.7, False)]
    value, reason = _run(midyear, rows, timing="stock_end")[("p", "GM0021", 2022)]
    assert pd.isna(value) and reason == "level_boundary_change"


def test_a_zero_at_a_code_that_ended_during_the_year_is_read_as_holding_nothing(midyear):
    """The rule's reading of a 0 (h42a's open question). CBS writes 0 where a code has no
    figure of its own in the table's classification (83628NED December 2015: GM1940 0.0,
    the jobs under GM1921; 81251ned 2006: Oost Gelre 0, Groenlo 14 100), and on the real
    snapshot no code that ended during a year holds a 0 in a year-end stock (checked on
    series_raw: 20 such cells, none 0). So a 0 there counts as an empty cell: the table is
    taken to be on the codes of 31 December."""
    # a count is the same either way: the 0 adds nothing
    rows = [("n", "GM0020", 2022, 0.0, True), ("n", "GM0021", 2022, 702.1, True)]
    assert _run(midyear, rows, timing="stock_end")[("n", "GM0021", 2022)] == (702.1, None)
    # a level is kept as the merged municipality's, as with an empty cell; a value of its
    # own (not 0) leaves it out (the previous test). A real 0 % of a whole municipality
    # would be read wrongly here: GM0021's level would cover its old area only
    zero = [("p", "GM0020", 2022, 0.0, False), ("p", "GM0021", 2022, 1.7, False)]
    empty = [("p", "GM0020", 2022, None, False), ("p", "GM0021", 2022, 1.7, False)]
    assert _run(midyear, zero, timing="stock_end")[("p", "GM0021", 2022)] == (1.7, None)
    assert _run(midyear, empty, timing="stock_end")[("p", "GM0021", 2022)] == (1.7, None)


def test_a_one_code_target_takes_its_own_row_and_without_one_has_none(midyear):
    # 2016: GM0021 and GM0031 are each made of their own code only (the rows are joined to
    # their code): a count and a level are kept, an empty cell keeps its reason, and a
    # target whose code has no row in a series' year has no row at all
    rows = [("n", "GM0021", 2016, 5.0, True), ("m", "GM0021", 2016, 12.5, False),
            ("m", "GM0031", 2016, None, False)]
    out = _run(midyear, rows, timing="stock_end")
    assert out[("n", "GM0021", 2016)] == (5.0, None)
    assert out[("m", "GM0021", 2016)] == (12.5, None)
    assert ("n", "GM0031", 2016) not in out
    value, reason = out[("m", "GM0031", 2016)]
    assert pd.isna(value) and reason == "missing_in_source"
    value, reason = _run(midyear, rows[2:], status="geheim")[("m", "GM0031", 2016)]
    assert pd.isna(value) and reason == "suppressed_in_source"
    # a row of a code outside its boundary year counts nowhere: GM0031 began in July 2015
    assert _run(midyear, [("n", "GM0031", 2014, 7.0, True)]) == {}


def test_a_boundary_correction_moves_its_share_only_before_the_change(con):
    # GM0011 gives 10% to GM0003 on 1 January 2020 (boundary years before 2020 only)
    con.execute("CREATE OR REPLACE TABLE crosswalk AS SELECT * FROM crosswalk")
    _crosswalk(con, [
        (2019, "GM0011", "GM0011", 0.9), (2019, "GM0011", "GM0003", 0.1),
        (2019, "GM0001", "GM0003", 1.0), (2019, "GM0002", "GM0003", 1.0),
        (2020, "GM0011", "GM0011", 1.0), (2020, "GM0003", "GM0003", 1.0),
    ])
    out = _run(con, [
        ("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, 50.0, True),
        ("n", "GM0011", 2019, 1000.0, True),
        ("n", "GM0003", 2020, 260.0, True), ("n", "GM0011", 2020, 900.0, True),
    ])
    assert out[("n", "GM0003", 2019)][0] == pytest.approx(250.0)
    assert out[("n", "GM0011", 2019)][0] == pytest.approx(900.0)
    assert out[("n", "GM0003", 2020)][0] == 260.0
    assert out[("n", "GM0003", 2019)][0] + out[("n", "GM0011", 2019)][0] == 1150.0


def test_a_code_that_moved_no_one_is_not_required(con):
    # GM0010 gave GM0003 land but no inhabitants (CBS's register: Muiden's 235 ha to Weesp in
    # 2016, 0 inhabitants): a persons figure of GM0003 does not need GM0010's cell
    _crosswalk(con, [
        (2019, "GM0001", "GM0003", 1.0), (2019, "GM0002", "GM0003", 1.0),
        (2019, "GM0010", "GM0003", 0.0), (2019, "GM0010", "GM0011", 1.0),
        (2019, "GM0011", "GM0011", 1.0),
    ])
    out = _run(con, [
        ("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, 50.0, True),
        ("n", "GM0011", 2019, 10.0, True),
    ])
    assert out[("n", "GM0003", 2019)] == (150.0, None)
    value, reason = out[("n", "GM0011", 2019)]  # GM0011 needs GM0010's inhabitants
    assert pd.isna(value) and reason == "predecessor_missing GM0010"


def test_a_level_is_kept_where_the_other_codes_moved_no_one(con):
    # a mean of GM0011, which received land but no one from GM0010, is GM0011's own mean, also
    # in a year without counts of inhabitants (membership starts in 1996)
    _crosswalk(con, [
        (2019, "GM0011", "GM0011", 1.0), (2019, "GM0010", "GM0011", 0.0),
        (2019, "GM0010", "GM0003", 1.0),
    ])
    out = _run(con, [("m", "GM0011", 2019, 27.5, False), ("m", "GM0010", 2019, 30.0, False)])
    assert out[("m", "GM0011", 2019)] == (27.5, None)


def test_an_empty_cell_of_another_code_is_named(con):
    # GM0003's own cell is not there (it began in 2020), GM0002's is empty: the reason names
    # GM0002; an empty cell of the municipality itself stays unnamed
    rows = [("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, None, True),
            ("n", "GM0010", 2019, 40.0, True), ("n", "GM0011", 2019, None, True)]
    out = _run(con, rows)
    value, reason = out[("n", "GM0003", 2019)]
    assert pd.isna(value) and reason == "missing_in_source GM0002"
    value, reason = out[("n", "GM0011", 2019)]
    assert pd.isna(value) and reason == "missing_in_source"


def test_a_year_the_table_has_for_no_municipality_names_no_other_code(con):
    # every cell of 2019 empty (60039fvw's ages 2018-2022): the merged GM0003's gap is the
    # table's, as GM0011's own, not GM0001's and GM0002's (Land van Cuijk's 2018-2021)
    rows = [("n", c, 2019, None, True) for c in ("GM0001", "GM0002", "GM0010", "GM0011")]
    out = _run(con, rows + [("m", c, 2019, 1.0 if c == "GM0001" else None, True)
                            for c in ("GM0001", "GM0002", "GM0010", "GM0011")],
               status="missing")  # CBS's empty cells, as read (not secret)
    for key in (("n", "GM0003", 2019), ("n", "GM0011", 2019)):
        assert pd.isna(out[key][0]) and out[key][1] == "missing_in_source", key
    # another series with one value that year still names whose cells are empty
    value, reason = out[("m", "GM0003", 2019)]
    assert pd.isna(value) and reason == "missing_in_source GM0002,GM0010"


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
        assert pd.isna(value) and reason == "level_boundary_change"


def _parts(con) -> dict[tuple[str, str, int], tuple[int, float]]:
    return {(s, c, y): (n, w) for s, c, y, n, w in con.execute(
        "SELECT series_id, region_code, year, parts, weight FROM series_parts").fetchall()}


def test_series_parts_counts_the_codes_each_rounded_apart_behind_a_sum(con):
    """``series_parts``: a merged municipality's count sums its codes' counts, each rounded
    by CBS on its own, and a split one's part is its weight's share of the count: GM0003 of
    2019 is GM0001 + GM0002 + 0,75 x GM0010 (three codes, weight 2,75: off by 2,75 half
    units), GM0011 its own + 0,25 x GM0010 (1,25); a figure of one whole code has no row, nor
    a level or a figure left out."""
    _run(con, [
        ("n", "GM0001", 2019, 100.0, True), ("n", "GM0002", 2019, 50.0, True),
        ("n", "GM0010", 2019, 40.0, True), ("n", "GM0011", 2019, 10.0, True),
        ("n", "GM0003", 2021, 200.0, True), ("n", "GM0011", 2021, 30.0, True),
        ("m", "GM0001", 2019, 31.5, False), ("m", "GM0002", 2019, 29.0, False),
        ("m", "GM0010", 2019, 30.0, False), ("m", "GM0011", 2019, 28.0, False),
    ])
    parts = _parts(con)
    assert parts.keys() == {("n", "GM0003", 2019), ("n", "GM0011", 2019)}
    assert parts[("n", "GM0003", 2019)] == (3, pytest.approx(2.75))
    assert parts[("n", "GM0011", 2019)] == (2, pytest.approx(1.25))
    _run(con, [("n", "GM0001", 2019, 100.0, True), ("n", "GM0010", 2019, 40.0, True)])
    assert ("n", "GM0003", 2019) not in _parts(con)  # GM0002 missing: no figure


def test_series_parts_of_a_flow_and_a_stock_count_the_codes_summed(midyear):
    """A flow sums every code of the year with a value (De Friese Meren's two halves of 2015:
    two parts); a stock its reference date's codes only (one code: no row), or the other
    end's where CBS booked it there."""
    flows = [("f", "GM0030", 2015, 65.0, True), ("f", "GM0031", 2015, 20.0, True)]
    _run(midyear, flows, timing="flow")
    assert _parts(midyear) == {("f", "GM0031", 2015): (2, 2.0)}
    _run(midyear, flows, timing="stock_start")
    assert _parts(midyear) == {}
    # Weesp's empty flow cell of 2022: Amsterdam's figure is one code's
    _run(midyear, [("b", "GM0020", 2022, None, True), ("b", "GM0021", 2022, 9894.0, True)],
         timing="flow")
    assert _parts(midyear) == {}
