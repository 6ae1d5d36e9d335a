"""Jumps in a series (series_jumps): hand-made series, and the real snapshot."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from stadstrends.analysis.jumps import build_jumps
from stadstrends.analysis.trends import build_trends
from stadstrends.settings import load_settings

YEARS = list(range(2012, 2024))
SMOOTH = [100.0 + 2 * k for k in range(len(YEARS))]
STEP = [100.0, 104.0, 98.0, 101.0, 8.0, 8.4, 8.1, 8.8, 8.2, 8.5, 8.3, 8.6]  # /12.6 in 2016
LUMPY = [1.0, 3.0, 1.0, 4.0, 0.5, 2.0, 20.0, 1.0, 3.0, 1.0, 5.0, 2.0]  # every year a factor


def make_con(series: dict[tuple[str, str], list[float | None]],
             breaks: dict[str, list[int]] | None = None) -> duckdb.DuckDBPyConnection:
    """``series``: (indicator, region) -> a value per year of YEARS (None: no figure)."""
    rows = [(ind, region, y, v) for (ind, region), values in series.items()
            for y, v in zip(YEARS, values, strict=True) if v is not None]
    con = duckdb.connect()
    con.register("v_df", pd.DataFrame(rows, columns=["indicator_id", "region_code", "year",
                                                      "value"]))
    con.execute("CREATE TABLE indicator_values AS SELECT * FROM v_df")
    inds = sorted({i for i, _ in series})
    con.register("i_df", pd.DataFrame({
        "indicator_id": inds, "direction": "neutral", "current_prices": False,
        "break_years": [(breaks or {}).get(i, []) for i in inds],
        "signed": [any(v is not None and v < 0 for (j, _), vs in series.items() if j == i
                       for v in vs) for i in inds]}))
    con.execute("CREATE TABLE indicators AS SELECT * FROM i_df")
    con.execute("CREATE TABLE regions AS SELECT DISTINCT region_code, 'gemeente' AS level "
                "FROM indicator_values")
    return con


def jumps(con: duckdb.DuckDBPyConnection, **settings: float) -> pd.DataFrame:
    build_trends(con, window=8)
    build_jumps(con, load_settings(**settings))
    return con.execute("SELECT * FROM series_jumps").df()


def test_a_level_shift_is_a_jump_and_a_smooth_series_is_not():
    j = jumps(make_con({("gas", "GM0001"): STEP, ("gas", "GM0002"): SMOOTH}))
    assert len(j) == 1
    row = j.iloc[0]
    assert (row.indicator_id, row.region_code, row.previous_year, row.year) == (
        "gas", "GM0001", 2015, 2016)
    assert (row.previous_value, row.value) == (101.0, 8.0)
    assert row.ratio == pytest.approx(8 / 101) and row.factor == pytest.approx(101 / 8)
    # the trend is tested over 2016-2023 (8 years): the jump into 2016 lies outside it
    assert not row.in_tested_years


def test_the_factor_comes_from_the_settings():
    up4 = [10.0, 10.5, 10.2, 41.0, 40.0, 42.0, 41.5, 40.8, 41.2, 40.9, 41.1, 41.3]
    assert jumps(make_con({("x", "GM0001"): up4, ("x", "GM0002"): SMOOTH})).empty
    found = jumps(make_con({("x", "GM0001"): up4, ("x", "GM0002"): SMOOTH}), jump_factor=3)
    assert found[["previous_year", "year"]].values.tolist() == [[2014, 2015]]
    # inside the trend's tested years 2016-2023? no: 2014 -> 2015 lies before them
    assert not found.in_tested_years.iloc[0]


def test_a_jump_inside_the_tested_years_is_marked():
    late = SMOOTH[:8] + [v * 10 for v in SMOOTH[8:]]  # x10 from 2019 to 2020
    j = jumps(make_con({("x", "GM0001"): late, ("x", "GM0002"): SMOOTH}))
    assert j[["previous_year", "year"]].values.tolist() == [[2019, 2020]]
    assert j.in_tested_years.iloc[0]


def test_a_declared_break_is_no_jump():
    assert jumps(make_con({("gas", "GM0001"): STEP, ("gas", "GM0002"): SMOOTH},
                          breaks={"gas": [2016]})).empty


def test_a_jump_over_missing_years_names_the_previous_year_with_a_figure():
    gappy = STEP[:3] + [None, None] + STEP[5:]
    j = jumps(make_con({("gas", "GM0001"): gappy, ("gas", "GM0002"): SMOOTH}))
    assert j[["previous_year", "year", "previous_value", "value"]].values.tolist() == [
        [2014, 2017, 98.0, 8.4]]


def test_zeros_balances_and_lumpy_indicators_are_not_checked():
    with_zero = [5.0, 5.2, 0.0, 5.1, 5.3, 5.0, 5.2, 5.1, 5.4, 5.2, 5.0, 5.3]
    balance = [1.0, 1.1, -0.5, 6.0, 0.8, 1.0, 1.2, 0.9, 1.1, 1.0, 1.2, 1.1]  # 0.8 -> 6.0
    j = jumps(make_con({
        ("share", "GM0001"): with_zero, ("share", "GM0002"): SMOOTH,
        ("balance", "GM0001"): balance, ("balance", "GM0002"): SMOOTH,
        ("demolition", "GM0001"): LUMPY, ("demolition", "GM0002"): LUMPY[::-1],
    }))
    assert j.empty
    # the same lumpy series counts once its indicator's usual change is small
    j = jumps(make_con({("demolition", "GM0001"): LUMPY, ("demolition", "GM0002"): SMOOTH,
                        ("demolition", "GM0003"): SMOOTH}))
    assert sorted(j.year) == [2016, 2018, 2019, 2022] and (j.usual_factor < 1.5).all()
    # without the column signed, a negative value anywhere makes a balance
    con = make_con({("balance", "GM0001"): balance, ("balance", "GM0002"): SMOOTH})
    con.execute("ALTER TABLE indicators DROP COLUMN signed")
    build_trends(con, window=8)
    build_jumps(con)
    assert con.execute("SELECT count(*) FROM series_jumps").fetchall()[0][0] == 0


# --- the real snapshot ------------------------------------------------------------------


def test_zwolle_gas_is_a_jump_and_its_population_is_not(analysed):
    con, _ = analysed
    rows = con.execute("""
        SELECT indicator_id, previous_year, year, round(previous_value), round(value),
               in_tested_years
        FROM series_jumps WHERE region_code = 'GM0193'""").fetchall()
    # 2014 -> 2017: the catalogue leaves out 2015 and 2016 (CBS's totals without the energy
    # companies); Zwolle's gas stays low after them (839 692 -> 61 792 thousand m³)
    assert ("gas_delivered_per_inhabitant", 2014, 2017, 6818.0, 492.0, False) in rows
    assert not [r for r in rows if r[0] == "population"]
    # a smooth series: Zwolle's population changes by at most 3% a year
    grow = con.execute("""
        SELECT max(greatest(value / prev, prev / value)) FROM (
            SELECT value, lag(value) OVER (ORDER BY year) AS prev FROM indicator_values
            WHERE indicator_id = 'population' AND region_code = 'GM0193')""").fetchall()[0][0]
    assert 1 < grow < 1.03


def test_every_jump_meets_the_recorded_settings_and_lies_within_one_segment(analysed):
    con, _ = analysed
    factor, usual = con.execute(
        "SELECT jump_factor, jump_max_usual_factor FROM build_info").fetchall()[0]
    stats = con.execute("""
        SELECT count(*), count(DISTINCT (indicator_id, region_code)),
               min(factor), max(usual_factor),
               count(*) FILTER (WHERE g.segment_start > j.previous_year),
               count(*) FILTER (WHERE i.signed)
        FROM series_jumps j JOIN series_segments g USING (indicator_id, year)
        JOIN indicators i USING (indicator_id)""").fetchall()[0]
    n, series, low, most_usual, at_break, balances = stats
    assert 10 <= series <= n and low >= factor * (1 - 1e-12) and most_usual < usual
    assert at_break == 0 and balances == 0
    lumpy = {r[0] for r in con.execute(
        "SELECT DISTINCT indicator_id FROM series_jumps").fetchall()}
    assert not lumpy & {"demolition_per_1000_dwellings", "new_construction_per_1000_dwellings"}


def test_a_verdict_resting_on_a_jump_is_tested_again_after_it():
    """A level shift (11 -> 99, 2018 -> 2019) inside the tested years 2016-2023 makes a
    'significant rise'; over the five years from the jump on it only wavers: no significant
    change."""
    step = [10.2, 10.6, 10.1, 10.4, 10.0, 10.5, 11.0, 99.0, 100.0, 98.0, 101.0, 100.5]
    con = make_con({("x", "GM0001"): step, ("x", "GM0002"): SMOOTH})
    j = jumps(con)
    assert j[["previous_year", "year", "in_tested_years"]].values.tolist() == [
        [2018, 2019, True]]
    full = con.execute("SELECT classification FROM trends WHERE region_code = 'GM0001'"
                       ).fetchall()[0][0]
    assert full == "rising"
    after = con.execute("SELECT * FROM jump_trends").df()
    assert len(after) == 1
    row = after.iloc[0]
    assert (row.jump_year, row.first_year, row.last_year, row.n_points) == (2019, 2019, 2023, 5)
    assert row.classification == "no significant change" and not row.indicative
    # the change over those years as trends gives it (the signals read it in its place)
    assert (row.first_value, row.last_value, row.abs_change) == (99.0, 100.5, 1.5)
    assert row.rel_change == pytest.approx(1.5 / 99.0) and row.direction_label is None
    assert row.sen_slope_rel == pytest.approx(row.theil_sen_slope / (498.5 / 5))
    # a jump in the last tested year leaves too few years after it for a test: no verdict,
    # no direction either (not 'worsening' for an indicator with one)
    late = SMOOTH[:11] + [SMOOTH[11] * 10]
    con = make_con({("x", "GM0001"): late, ("x", "GM0002"): SMOOTH})
    con.execute("UPDATE indicators SET direction = 'higher_better'")
    jumps(con)
    row = con.execute("SELECT jump_year, first_year, classification, direction_label "
                      "FROM jump_trends").fetchall()
    assert row == [(2023, None, None, None)]


def test_the_counts_docs_analysis_gives_are_the_warehouse_counts(analysed):
    """docs/analysis.md ("Jumps") states what the rule flags on the snapshot."""
    from pathlib import Path

    con, _ = analysed
    text = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text("utf-8")
    gm = "region_code IN (SELECT region_code FROM regions WHERE level = 'gemeente')"
    n, series, places, inds = con.execute(f"""
        SELECT count(*), count(DISTINCT (indicator_id, region_code)),
               count(DISTINCT region_code), count(DISTINCT indicator_id)
        FROM series_jumps WHERE {gm}""").fetchall()[0]
    assert (f"**{n} in {series} series** ({places} municipalities, {inds} indicators)"
            in text)
    tested, tested_series, significant = con.execute(f"""
        SELECT count(*), count(DISTINCT (indicator_id, region_code)),
               (SELECT count(*) FROM jump_trends JOIN trends USING (indicator_id, region_code)
                WHERE {gm} AND trends.classification IN ('rising', 'falling'))
        FROM series_jumps WHERE in_tested_years AND {gm}""").fetchall()[0]
    assert (f"{tested} municipal jumps ({tested_series} series) lie in the years"
            in " ".join(text.split()))
    assert f"{significant} of those trends are significant" in " ".join(text.split())
