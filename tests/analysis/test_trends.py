"""Trend table: hand-made series against pymannkendall / scipy, and the real snapshot."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pymannkendall
import pytest
from scipy import stats

from stadstrends.analysis.mann_kendall import mann_kendall
from stadstrends.analysis.trends import RESULTS, build_trends, values_relation
from stadstrends.settings import default_settings

TEXTBOOK = {  # region: (years, values)
    "INC4": (range(2001, 2005), [1.0, 2.0, 3.0, 4.0]),
    "INC5": (range(2001, 2006), [1.0, 2.0, 4.0, 8.0, 9.0]),
    "DEC5": (range(2001, 2006), [5.0, 4.0, 3.0, 2.0, 1.0]),
    "ZERO": (range(2001, 2005), [0.0, 1.0, 0.0, 2.0]),
    "FLAT": (range(2001, 2008), [3.0] * 7),
    "TWO": (range(2001, 2003), [1.0, 2.0]),
}


def random_series() -> dict[str, tuple[list[int], list[float]]]:
    rng = np.random.default_rng(7)
    out = {}
    for n in range(4, 13):
        for kind in ("trend", "noise", "ties", "gaps"):
            years = list(range(2000, 2000 + n))
            if kind == "gaps":
                years = sorted(rng.choice(np.arange(1990, 2025), n, replace=False).tolist())
            slope = 0.3 if kind == "trend" else 0.0
            values = slope * np.arange(n) + rng.normal(size=n)
            if kind == "ties":
                values = np.round(values)
            out[f"{kind}{n}"] = (years, values.tolist())
    return out


def make_con(series: dict, direction: str = "higher_better") -> duckdb.DuckDBPyConnection:
    rows = [("ind", region, int(y), float(v)) for region, (years, values) in series.items()
            for y, v in zip(years, values, strict=True)]
    frame = pd.DataFrame(rows, columns=["indicator_id", "region_code", "year", "value"])
    con = duckdb.connect()
    con.register("v_df", frame)
    con.execute("CREATE TABLE indicator_values AS SELECT * FROM v_df")
    con.execute("CREATE TABLE indicators AS SELECT 'ind' AS indicator_id, ? AS direction, "
                "false AS current_prices",
                [direction])
    return con


def trends_of(con, window: int = 8) -> pd.DataFrame:
    build_trends(con, window=window)
    return con.execute("SELECT * FROM trends").df().set_index("region_code")


def test_textbook_values():
    t = trends_of(make_con(TEXTBOOK))
    assert "TWO" not in t.index  # fewer than 3 points
    inc4 = t.loc["INC4"]
    assert (inc4.mk_s, inc4.mk_p_method, inc4.tau) == (6, "exact", 1.0)
    assert inc4.mk_p == pytest.approx(2 / 24)
    assert inc4.classification == "not tested" and inc4.indicative
    assert pd.isna(inc4.direction_label)
    inc5 = t.loc["INC5"]
    assert inc5.mk_p == pytest.approx(2 / 120)
    assert inc5.classification == "rising" and inc5.direction_label == "improving"
    assert inc5.theil_sen_slope == pytest.approx(np.median([1, 1.5, 7 / 3, 2, 2, 3, 7 / 3, 4,
                                                             2.5, 1]))
    assert (inc5.abs_change, inc5.rel_change) == (8.0, 8.0)
    assert inc5.sen_slope_rel == pytest.approx(inc5.theil_sen_slope / 4.8)
    dec5 = t.loc["DEC5"]
    assert (dec5.mk_s, dec5.classification, dec5.direction_label) == (-10, "falling", "worsening")
    assert pd.isna(t.loc["ZERO"].rel_change)
    flat = t.loc["FLAT"]
    # one distinct value: no test run, so no slope (SLOPES_SQL; the line's was 0.0)
    assert (flat.mk_s, flat.mk_p) == (0, 1.0) and pd.isna(flat.theil_sen_slope)
    assert flat.mk_p_method == "normal" and pd.isna(flat.tau)


def test_direction_labels():
    series = {"UP": TEXTBOOK["INC5"], "DOWN": TEXTBOOK["DEC5"]}
    worse = trends_of(make_con(series, "higher_worse"))
    assert worse.loc["UP"].direction_label == "worsening"
    assert worse.loc["DOWN"].direction_label == "improving"
    neutral = trends_of(make_con(series, "neutral"))
    assert set(neutral.direction_label) == {"neutral"}


def test_against_pymannkendall_and_scipy():
    series = random_series()
    t = trends_of(make_con(series), window=40)
    assert len(t) == len(series)
    for region, (years, values) in series.items():
        row = t.loc[region]
        x = np.asarray(values)
        mk = pymannkendall.original_test(x)
        ref = mann_kendall(values)
        assert row.n_points == len(x) and row.mk_s == mk.s
        assert row.mk_p == pytest.approx(ref.p, rel=1e-6, abs=1e-12)
        assert row.mk_p_method == ("exact" if ref.exact else "normal")
        if not ref.exact:  # pymannkendall always uses the normal approximation
            assert row.mk_p == pytest.approx(mk.p, rel=1e-6, abs=1e-12)
            expected = {"increasing": "rising", "decreasing": "falling"}
            untested = len(x) < 5 or len(set(values)) < default_settings().min_distinct_values
            assert row.classification == ("not tested" if untested else
                                          expected.get(mk.trend, "no significant change"))
        assert row.tau == pytest.approx(stats.kendalltau(years, x).statistic)
        if len(set(values)) == len(values):
            assert row.tau == pytest.approx(mk.Tau)
        if row.indicative or row.n_distinct < default_settings().min_distinct_values:
            assert pd.isna(row.theil_sen_slope) and pd.isna(row.sen_slope_rel)  # untested
            continue
        assert row.theil_sen_slope == pytest.approx(stats.theilslopes(x, years).slope)
        if years == list(range(years[0], years[0] + len(years))):
            assert row.theil_sen_slope == pytest.approx(mk.slope)
        assert (row.first_year, row.last_year) == (years[0], years[-1])
        assert row.indicative == (len(x) < 5)


def test_window_is_fixed_calendar_years_ending_at_the_latest_value():
    # Enschede's bijstand: 2008, 2009-2014 and 2024 must not make one 8-point window
    years = [2008, 2009, 2010, 2011, 2012, 2013, 2014, 2024]
    series = {"R": (years, [float(v) for v in range(8, 0, -1)])}
    assert trends_of(make_con(series), window=8).empty  # 2017-2024 holds one point
    row = trends_of(make_con(series), window=16).loc["R"]  # 2009-2024: 7 points
    assert (row.window_first_year, row.first_year, row.last_year) == (2009, 2009, 2024)
    assert row.n_points == 7 and row.classification == "falling"
    years = [2015, 2017, 2018, 2020, 2021, 2022, 2023, 2024]
    row = trends_of(make_con({"R": (years, list(range(8)))}), window=8).loc["R"]
    assert (row.window_first_year, row.first_year, row.n_points) == (2017, 2017, 7)
    assert row.mk_p == pytest.approx(2 / 5040)


def test_fewer_than_five_points_is_indicative_and_never_significant():
    years = [2017, 2019, 2021, 2024]
    row = trends_of(make_con({"R": (years, [1.0, 2.0, 3.0, 4.0])})).loc["R"]
    assert row.indicative and row.classification == "not tested"
    assert pd.isna(row.direction_label)
    row = trends_of(make_con({"R": ([2017, 2019, 2021, 2022, 2024], [1.0, 2, 3, 4, 5])})).loc["R"]
    assert not row.indicative and row.classification == "rising"  # exact p = 2/120


def test_invalid_window():
    with pytest.raises(ValueError):
        build_trends(make_con(TEXTBOOK), window=1)


def test_real_share_65_plus_rises_in_most_g40_cities_but_only_indicatively(analysed):
    con, _ = analysed
    t = con.execute("""
        SELECT t.* FROM trends t JOIN region_sets s ON s.region_code = t.region_code
        WHERE s.set_id = 'G40' AND t.indicator_id = 'share_age_65_plus'
    """).df()
    assert len(t) == 41
    # 2017-2024 holds 2017 (partial 60039fvw), 2019, 2023 and 2024 at most: indicative only
    assert t.indicative.all() and (t.classification == "not tested").all()
    # the figures rise in most, but no slope is claimed for a trend no test was run on
    assert (t.abs_change > 0).mean() > 0.8 and (t.last_year == 2024).all()
    assert t.theil_sen_slope.isna().all()


def test_real_trends_table_is_sane(analysed):
    con, timings = analysed
    dup, bad_p, bad_tau, classes = con.execute("""
        SELECT count(*) - count(DISTINCT (indicator_id, region_code)),
               count(*) FILTER (WHERE mk_p < 0 OR mk_p > 1),
               count(*) FILTER (WHERE abs(tau) > 1 + 1e-12),
               list(DISTINCT classification ORDER BY classification)
        FROM trends
    """).fetchall()[0]
    assert (dup, bad_p, bad_tau) == (0, 0, 0)
    assert classes == ["falling", "no significant change", "not tested", "rising"]


def test_steps_between_two_rounded_levels_are_never_significant():
    # Vlieland's households as CBS publishes them (rounded to hundreds), 2016-2023
    years, values = list(range(2016, 2024)), [600.0] * 5 + [700.0] * 3
    row = trends_of(make_con({"R": (years, values)})).loc["R"]
    assert row.mk_p < 0.05 and row.n_distinct == 2  # the test alone would call it rising
    assert row.classification == "not tested" and pd.isna(row.direction_label)
    three = trends_of(make_con({"R": (years, [600.0] * 3 + [700.0] * 3 + [800.0] * 2)}))
    assert three.loc["R"].classification == "rising"  # two steps: at least 100 more


def test_real_vlieland_households_within_rounding_are_no_trend_and_no_signal(analysed):
    con, _ = analysed
    values = [v for (v,) in con.execute(
        "SELECT value FROM indicator_values WHERE indicator_id = 'households' "
        "AND region_code = 'GM0096' AND year BETWEEN 2016 AND 2023 ORDER BY year").fetchall()]
    assert sorted(set(values)) == [600.0, 700.0]  # CBS's rounding to hundreds
    row = con.execute("SELECT classification, mk_p, n_distinct, direction_label FROM trends "
                      "WHERE indicator_id = 'households' AND region_code = 'GM0096'").fetchone()
    assert row[0] == "not tested" and row[1] < 0.05 and row[2] == 2
    assert con.execute("SELECT count(*) FROM signals WHERE region_code = 'GM0096' AND "
                       "indicator_id = 'households' AND kind = 'trend'").fetchone()[0] == 0
    threshold = con.execute("SELECT min_distinct_values FROM build_info").fetchone()[0]
    few = con.execute("SELECT count(*) FROM trends WHERE n_distinct < ? AND "
                      "classification IN ('rising', 'falling')", [threshold]).fetchone()[0]
    assert threshold == 3 and few == 0


def test_values_relation_reads_indicator_results_with_the_rows_of_the_view(analysed, mini):
    """The analysis reads indicator_results where indicator_values is its view: the same
    (indicator, region, year, value) rows, none more, none fewer (the view's LEFT JOINs add
    columns only); the mini warehouse has the view too; a warehouse whose indicator_values
    is a table of its own keeps that table."""
    con, _ = analysed
    assert values_relation(con) == RESULTS
    view = "SELECT indicator_id, region_code, year, value FROM indicator_values"
    assert con.execute(f"SELECT count(*) FROM ({view} EXCEPT ALL FROM {RESULTS})").fetchone() \
        == con.execute(f"SELECT count(*) FROM (FROM {RESULTS} EXCEPT ALL {view})").fetchone() \
        == (0,)
    assert con.execute(f"SELECT count(*) FROM {RESULTS}").fetchone()[0] > 300_000
    assert values_relation(mini) == RESULTS
    mini.execute("CREATE TABLE own AS FROM indicator_values; DROP VIEW indicator_values; "
                 "ALTER TABLE own RENAME TO indicator_values")
    assert values_relation(mini) == "indicator_values"
