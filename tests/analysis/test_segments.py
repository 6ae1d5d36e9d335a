"""Comparable segments: a trend is tested only on one comparable series (hand-made series)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from stadstrends.analysis.trends import build_trends
from stadstrends.settings import default_settings

YEARS = list(range(2015, 2025))


def make_con(tables: dict[int, str], breaks: list[int], continuous: list[str],
             values: list[float]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    frame = pd.DataFrame({"indicator_id": "ind", "region_code": "GM0001", "year": YEARS,
                          "value": values,
                          "source_tables": [tables[y] for y in YEARS]})
    con.register("v_df", frame)
    con.execute("CREATE TABLE indicator_values AS SELECT * FROM v_df")
    con.execute("CREATE TABLE indicators AS SELECT 'ind' AS indicator_id, "
                "'higher_better' AS direction, false AS current_prices, "
                "?::INTEGER[] AS break_years, "
                "?::VARCHAR[] AS continuous_sources", [breaks, continuous])
    return con


def switch(year: int, before: str = "71486ned", after: str = "86004NED") -> dict[int, str]:
    return {y: before if y < year else after for y in YEARS}


RISING = [float(v) for v in range(10)]


def trend(con) -> pd.Series:
    build_trends(con, window=8)
    return con.execute("SELECT * FROM trends").df().iloc[0]


def test_undeclared_table_switch_cuts_the_window():
    t = trend(make_con(switch(2020), [], [], RISING))
    assert (t.window_first_year, t.first_year, t.last_year) == (2017, 2020, 2024)
    assert (t.segment_start, t.segment_reason, t.n_points) == (2020, "source_switch", 5)
    assert t.mk_p == pytest.approx(2 / 120) and t.classification == "rising"


def test_tables_declared_one_series_are_joined():
    t = trend(make_con(switch(2020), [], ["71486ned", "86004NED"], RISING))
    assert (t.first_year, t.n_points) == (2017, 8) and pd.isna(t.segment_start)


def test_declared_break_cuts_even_within_one_table_and_leaves_an_indicative_rest():
    # households 2024: a jump in the last year must not make a 'significant rise'
    values = [100.0] * 9 + [115.0]
    con = make_con(switch(2024), [2024], [], values)
    build_trends(con, window=8)
    assert con.execute("SELECT count(*) FROM trends").fetchall()[0][0] == 0  # one point
    segs = con.execute("SELECT year, segment_start, segment_reason FROM series_segments "
                       "WHERE year >= 2023 ORDER BY year").fetchall()
    assert segs == [(2023, 2015, None), (2024, 2024, "break")]
    t = trend(make_con({y: "82550NED" for y in YEARS}, [2021], [], RISING))
    assert (t.first_year, t.n_points, t.segment_reason) == (2021, 4, "break")
    assert t.indicative and t.classification == "not tested"


def test_break_in_a_missing_year_still_separates_the_years_around_it():
    con = make_con({y: "82550NED" for y in YEARS}, [2019], [], RISING)
    con.execute("DELETE FROM indicator_values WHERE year = 2019")
    build_trends(con, window=8)
    seg = dict(con.execute("SELECT year, segment_start FROM series_segments").fetchall())
    assert seg[2018] == 2015 and seg[2020] == 2020


def test_catalogue_declarations_are_validated():
    from stadstrends.errors import CatalogueError
    from stadstrends.indicators.catalogue import Indicator

    base = {"id": "x", "domain": "spatial", "title_nl": "X", "title_en": "X",
            "description_nl": "", "description_en": "", "unit": "%", "decimals": 1,
            "direction": "neutral",
            "method": "count", "numerator": [{"table": "82900NED", "measure": "A"},
                                             {"table": "71446ned", "measure": "A"}]}
    ok = Indicator.model_validate({**base, "continuous_sources": ["82900NED", "71446ned"],
                                   "breaks": [{"year": 2012, "reason": "nieuwe bron"}]})
    assert ok.breaks[0].year == 2012 and ok.tables == ["82900NED", "71446ned"]
    for bad in ({"continuous_sources": ["85383NED"]},
                {"breaks": [{"year": 2014, "reason": "a"}, {"year": 2012, "reason": "b"}]},
                {"breaks": [{"year": 2012}]}):
        with pytest.raises(ValueError):
            Indicator.model_validate({**base, **bad})
    assert issubclass(CatalogueError, Exception)


def untested(con) -> list[tuple]:
    build_trends(con, window=8)
    return con.execute("SELECT region_code, reason, segment_start, n_window, n_points "
                       "FROM untested_series").fetchall()


def test_a_series_without_a_trend_records_why() -> None:
    # households 2024: a break in the last year left one of the window's eight figures
    assert untested(make_con(switch(2024), [2024], [], RISING)) == [
        ("GM0001", "short_after_break", 2024, 8, 1)]
    # an undeclared change of tables in 2024 cuts the same way, and says so
    assert untested(make_con(switch(2024), [], [], RISING)) == [
        ("GM0001", "short_after_source_switch", 2024, 8, 1)]
    # two figures in the window 2017-2024 (2015-2016 fall outside it): too few recent years;
    # a break in the window then is not the cause
    con = make_con(switch(2024), [2024], [], RISING)
    con.execute("DELETE FROM indicator_values WHERE year BETWEEN 2017 AND 2022")
    assert untested(con) == [("GM0001", "few_recent_years", 2024, 2, 1)]
    # a series with a trend has no row
    assert untested(make_con(switch(2020), [], [], RISING)) == []


def test_real_series_have_a_trend_or_a_reason_never_both(analysed) -> None:
    """Every municipality, region and indicator with a figure: exactly one row in
    ``trends`` or ``untested_series``; the reason agrees with the counts; Enschede's
    households (figures 2001-2024, a break in 2024) are cut by the break."""
    con, _ = analysed
    least = default_settings().min_trend_points
    neither, both, wrong = con.execute(f"""
        WITH s AS (SELECT DISTINCT indicator_id, region_code FROM indicator_values
                   WHERE value IS NOT NULL AND isfinite(value))
        SELECT (SELECT count(*) FROM s ANTI JOIN trends USING (indicator_id, region_code)
                ANTI JOIN untested_series USING (indicator_id, region_code)),
               (SELECT count(*) FROM trends SEMI JOIN untested_series
                USING (indicator_id, region_code)),
               (SELECT count(*) FROM untested_series WHERE n_points >= {least}
                OR (reason = 'few_recent_years') <> (n_window < {least}
                                                     OR segment_start IS NULL))
    """).fetchall()[0]
    assert (neither, both, wrong) == (0, 0, 0)
    row = con.execute("SELECT reason, segment_start, n_window FROM untested_series "
                      "WHERE region_code = 'GM0153' AND indicator_id = 'households'").fetchall()
    assert row == [("short_after_break", 2024, 8)]
