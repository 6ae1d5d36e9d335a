"""Benchmarks: hand-made warehouse with known medians, quartiles, MAD and ommeland; real data."""

from __future__ import annotations

import numpy as np
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
    return frame.set_index(["indicator_id", "city", "year"]).sort_index()


def test_g40_distribution(mini):
    b = bench(mini)
    rat = b.loc["rat"].xs(2020, level="year")
    assert rat.value.to_dict() == {"A": 10, "B": 20, "C": 30, "D": 40, "E": 100}
    assert set(rat.g40_median) == {30} and set(rat.g40_n) == {5}
    assert set(rat.g40_p25) == {20} and set(rat.g40_p75) == {40} and set(rat.g40_mad) == {10}
    assert rat.rank_g40.to_dict() == {"A": 5, "B": 4, "C": 3, "D": 2, "E": 1}
    assert rat.percentile_g40.to_dict() == {"A": 0, "B": 25, "C": 50, "D": 75, "E": 100}
    assert rat.robust_z["E"] == pytest.approx(70 / (1.4826 * 10))
    assert rat.robust_z["C"] == 0
    # against pandas for every indicator and year
    for _, grp in b.groupby(level=["indicator_id", "year"]):
        v = grp.value.to_numpy()
        assert grp.g40_median.iloc[0] == pytest.approx(np.median(v))
        assert grp.g40_p25.iloc[0] == pytest.approx(np.percentile(v, 25))
        assert grp.g40_p75.iloc[0] == pytest.approx(np.percentile(v, 75))
        assert grp.g40_mad.iloc[0] == pytest.approx(np.median(np.abs(v - np.median(v))))


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
    assert len(latest) == 4 * 5 and set(latest.year) == {2020}
    n = mini.execute("SELECT count(*) FROM benchmarks").fetchall()[0][0]
    assert n == 4 * 5 * 6
    assert CODE["X1"] not in set(latest.region_code)


def test_real_almere_is_young(analysed):
    con, timings = analysed
    rows = con.execute("""
        SELECT year, value, g40_median, rank_g40, g40_n FROM benchmarks
        WHERE region_code = 'GM0034' AND indicator_id = 'share_age_65_plus' ORDER BY year
    """).df()
    assert len(rows) >= 10 and (rows.value < rows.g40_median).all()
    latest = con.execute("""
        SELECT value < g40_median FROM benchmark_latest
        WHERE region_code = 'GM0034' AND indicator_id = 'share_age_65_plus'
    """).fetchall()
    assert latest == [(True,)]


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
