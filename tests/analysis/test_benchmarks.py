"""Benchmarks: hand-made warehouse with known medians, quartiles, MAD and ommeland; real data."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.analysis.benchmarks import (
    NOTE_ALONE,
    NOTE_LEVEL,
    NOTE_MISSING,
    build_benchmarks,
)
from stadstrends.analysis.ommeland import build_ommeland

from .mini_warehouse import CITIES, CODE


def bench(con) -> pd.DataFrame:
    build_ommeland(con)
    build_benchmarks(con)
    frame = con.execute("SELECT * FROM benchmarks").df()
    frame["city"] = frame["region_code"].map({v: k for k, v in CITIES.items()})
    frame = frame[frame["city"].notna()]  # the checks by hand are of the cities A-E
    return frame.set_index(["indicator_id", "city", "year"]).sort_index()


def test_every_municipality_has_its_values_and_no_group_columns(mini):
    b = bench(mini)
    assert set(b.index.get_level_values("city").dropna()) == set(CITIES)
    codes = set(mini.execute("SELECT region_code FROM benchmarks").df()["region_code"])
    assert codes == set(CODE.values())  # the other municipalities too, not only a city set
    rat = b.loc["rat"].xs(2020, level="year")
    assert rat.value.to_dict() == {"A": 10, "B": 20, "C": 30, "D": 40, "E": 100}
    cols = set(mini.execute("SELECT * FROM benchmarks LIMIT 0").df().columns)
    assert not {c for c in cols if "g40" in c or "median" in c or "rank" in c}


def test_geography_and_reference_values(mini):
    a = bench(mini).loc[("rat", "A", 2020)]
    assert (a.province_code, a.corop_code) == ("PV01", "CR01")
    assert a.corop_value == pytest.approx((10 + 15 + 25) / 200 * 100)
    assert a.province_value == pytest.approx(100 / 400 * 100)
    assert a.nl_value == pytest.approx(280 / 800 * 100)
    assert pd.isna(bench(mini).loc[("rat", "A", 2015)].nl_value)  # X2 missing in 2015


def test_ommeland(mini):
    b = bench(mini)
    rat = b.loc["rat"].xs(2020, level="year")
    assert rat.ommeland_value["A"] == pytest.approx((15 + 25) / 100 * 100)
    assert rat.ommeland_value["B"] == pytest.approx(30)
    assert rat.ommeland_value["D"] == pytest.approx((100 + 10) / 200 * 100)  # E is ommeland
    assert rat.ommeland_value["E"] == pytest.approx((40 + 10) / 200 * 100)
    assert pd.isna(rat.ommeland_value["C"]) and rat.ommeland_note["C"] == NOTE_ALONE
    assert rat.ommeland_note.drop("C").isna().all()
    missing = b.loc[("rat", "A", 2015)]
    assert pd.isna(missing.ommeland_value) and missing.ommeland_note == NOTE_MISSING
    assert b.loc[("rat", "B", 2015)].ommeland_value == pytest.approx(30)
    assert b.loc[("population", "A", 2020)].ommeland_value == 150 + 250
    assert b.loc[("pc", "A", 2020)].ommeland_value == pytest.approx((7 + 7) / 400 * 1000)
    lvl = b.loc["lvl"]
    assert lvl.ommeland_value.isna().all() and set(lvl.ommeland_note) == {NOTE_LEVEL}


def test_latest_view(mini):
    build_ommeland(mini)
    build_benchmarks(mini)
    latest = mini.execute("SELECT indicator_id, region_code, year FROM benchmark_latest").df()
    cities = latest[latest.region_code.isin(CITIES.values())]
    assert len(cities) == 4 * 5 and set(cities.year) == {2020}
    n = mini.execute("SELECT count(*) FROM benchmarks WHERE region_code IN "
                     f"{tuple(CITIES.values())}").fetchall()[0][0]
    assert n == 4 * 5 * 6
    assert CODE["X1"] in set(latest.region_code)


def test_real_almere_is_young(analysed):
    con, timings = analysed
    rows = con.execute("""
        SELECT b.year, b.value, s.median, s.rank, s.n FROM benchmarks b
        JOIN set_benchmarks s ON s.set_id = 'G40' AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        WHERE b.region_code = 'GM0034' AND b.indicator_id = 'share_age_65_plus' ORDER BY b.year
    """).df()
    assert len(rows) >= 10 and (rows.value < rows["median"]).all()
    latest = con.execute("""
        SELECT value < nl_value FROM benchmark_latest
        WHERE region_code = 'GM0034' AND indicator_id = 'share_age_65_plus'
    """).fetchall()
    assert latest == [(True,)]
    n = con.execute("SELECT count(DISTINCT region_code) FROM benchmark_latest").fetchall()[0][0]
    assert n == 342


def test_real_ommeland_by_hand(analysed):
    con, _ = analysed
    year = 2019
    parts = dict(con.execute("""
        SELECT s.series_id || '@' || left(s.region_code, 2), s.value FROM series_all s
        WHERE s.series_id IN ('share_age_65_plus:num', 'share_age_65_plus:den') AND s.year = ?
          AND s.region_code IN ('GM0034', 'CR40')
    """, [year]).fetchall())
    expected = ((parts["share_age_65_plus:num@CR"] - parts["share_age_65_plus:num@GM"])
                / (parts["share_age_65_plus:den@CR"] - parts["share_age_65_plus:den@GM"]) * 100)
    got = con.execute("""
        SELECT ommeland_value, corop_code FROM benchmarks
        WHERE region_code = 'GM0034' AND indicator_id = 'share_age_65_plus' AND year = ?
    """, [year]).fetchall()
    assert got[0][1] == "CR40"
    assert got[0][0] == pytest.approx(expected, rel=1e-12)
    assert got[0][0] > 15  # Flevoland outside Almere is older than Almere itself
