"""CBS's rounding in the humps and the trends: a hump CBS's rounding of a figure's count
could make is no hump, and a ratio whose count CBS rounds to few distinct values is not
tested, as a count is (Vaals's self-employed per 1 000: 600 a year, 700 in 2022, rounded to
hundreds; '17% hoger' and '-3 per 1 000' came from that one step and the population)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from stadstrends.analysis.humps import build_humps
from stadstrends.analysis.jumps import build_jumps
from stadstrends.analysis.trends import build_trends
from stadstrends.publish.sentence_verdicts import count_steps, steps_only
from stadstrends.settings import default_settings
from tests.analysis.test_humps import HUMP
from tests.analysis.test_jumps import SMOOTH, YEARS, make_con

MIN_DISTINCT = default_settings().min_distinct_values
MIN_CHANGE = default_settings().shift_min_change


def rounded(con: duckdb.DuckDBPyConnection, region: str, spread: float) -> None:
    """Give ``region``'s figures of 'rate' a count CBS rounds, ``spread`` either way."""
    con.execute("CREATE OR REPLACE TABLE rounded_counts AS SELECT region_code, indicator_id, "
                "year, ? AS spread FROM indicator_values WHERE region_code = ?",
                [spread, region])


@pytest.mark.parametrize(("spread", "found"), [(0.0, True), (1.0, True), (8.0, False)])
def test_a_hump_within_the_rounding_of_its_count_is_no_hump(spread, found):
    """104 -> 120, 122 -> 104: +-1 leaves 119 against 106 (+12%), a hump; +-8 leaves 112
    against 112: CBS's rounding alone can make it."""
    con = make_con({("rate", "GM0001"): HUMP, ("rate", "GM0002"): SMOOTH,
                    ("rate", "GM0004"): [v * 1.01 for v in SMOOTH]})
    rounded(con, "GM0001", spread)
    build_trends(con, window=8)
    build_jumps(con)
    build_humps(con)
    n = con.execute("SELECT count(*) FROM series_humps WHERE region_code = 'GM0001'").fetchone()
    assert n[0] == (1 if found else 0)


def count_con(counts: dict[str, list[float]], unit: int | None) -> duckdb.DuckDBPyConnection:
    """A ratio per 1 000 of ``counts`` (region -> a count a year) over a population that
    shrinks 1% a year; CBS rounds the count to ``unit`` (None: not rounded)."""
    series = {("rate", r): [c / (10000 * 0.99 ** k) * 1000 for k, c in enumerate(cs)]
              for r, cs in counts.items()}
    con = make_con(series)
    con.execute("CREATE TABLE catalogue_indicators AS SELECT 'rate' AS indicator_id, "
                "'ratio' AS method")
    con.register("n_df", pd.DataFrame(
        [("rate:num", r, y, c) for r, cs in counts.items() for y, c in zip(YEARS, cs, strict=True)],
        columns=["series_id", "region_code", "year", "value"]))
    con.execute("CREATE TABLE series_all AS SELECT * FROM n_df")
    con.execute("CREATE TABLE numerator_rounding AS SELECT 'rate' AS indicator_id, "
                "unnest(?) AS year, ? AS unit WHERE ? IS NOT NULL", [YEARS, unit, unit])
    build_trends(con, window=8)
    return con


def test_a_ratio_of_a_count_rounded_to_two_values_is_not_tested():
    """The figure rises every year (the population shrinks), but the rounded count is 600
    or 700: not tested; a count that moves itself keeps its trend."""
    con = count_con({"GM0001": [600.0] * 10 + [700.0, 600.0],
                     "GM0002": [600.0 + 100 * k for k in range(12)]}, 100)
    rows = dict(con.execute("SELECT region_code, (n_distinct, n_counts, count_unit, "
                            "classification, direction_label) FROM trends").fetchall())
    assert rows["GM0001"] == (8, 2, 100, "not tested", None)
    assert rows["GM0002"][1:4] == (8, 100, "rising")


def test_a_ratio_of_a_count_cbs_does_not_round_is_tested_on_its_figure():
    con = count_con({"GM0001": [600.0] * 10 + [700.0, 600.0]}, None)
    assert con.execute("SELECT n_counts, classification FROM trends").fetchone() == (
        None, "rising")


@pytest.mark.parametrize("code", ["GM0981", "GM0096"])
def test_vaals_and_vlieland_self_employed_have_no_hump_and_no_tested_trend(wh, code):
    """86043NED gives Vaals's self-employed as 0,6 thousand in 2016-2021 and 2023, 0,7 in
    2022; Vlieland's as 0,1 and 0,2: one step of CBS's rounding, no hump, and too few
    counts for a trend (the report's 'niet getoetst', as for jobs)."""
    ind = "self_employed_per_1000"
    assert not wh.execute("SELECT count(*) FROM series_humps WHERE region_code = ? "
                          "AND indicator_id = ?", [code, ind]).fetchone()[0]
    counts = wh.execute("SELECT list(DISTINCT value) FROM series_all WHERE series_id = ? "
                        "AND region_code = ? AND year BETWEEN 2016 AND 2023",
                        [ind + ":num", code]).fetchone()[0]
    cur = wh.execute("SELECT * FROM trends WHERE region_code = ? AND indicator_id = ?",
                     [code, ind])
    t = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    assert (t["first_year"], t["last_year"]) == (2016, 2023)
    assert t["n_counts"] == len(counts) == 2 and t["count_unit"] == 100
    assert t["n_distinct"] >= MIN_DISTINCT  # the figure itself moves with the population
    assert t["classification"] == "not tested" and t["direction_label"] is None
    assert steps_only(t, MIN_DISTINCT) and count_steps(t, MIN_DISTINCT)


def test_every_hump_stands_within_the_rounding_of_its_figures(wh):
    """Each hump, its figures moved by their counts' spreads (rounded_counts) and CBS's
    published unit (published_rounding) against it, is still MIN_CHANGE above or below both
    neighbours; Deventer's jobs (rounded to hundreds: 51 900, 60 300, 61 200, 51 000) stay."""
    rows = wh.execute("""
        WITH s AS (SELECT region_code, indicator_id, year, max(spread) AS spread
                   FROM (SELECT region_code, indicator_id, year, spread FROM rounded_counts
                         UNION ALL SELECT v.region_code, v.indicator_id, v.year, p.unit / 2
                         FROM indicator_values v JOIN published_rounding p
                         USING (indicator_id, year)) GROUP BY ALL)
        SELECT h.indicator_id, h.region_code, h.before_year, h.ratio > 1,
               list(v.value - coalesce(s.spread, 0) ORDER BY v.year),
               list(v.value + coalesce(s.spread, 0) ORDER BY v.year),
               count(s.spread) FILTER (WHERE s.spread > 0)
        FROM series_humps h JOIN indicator_values v ON v.indicator_id = h.indicator_id
         AND v.region_code = h.region_code AND v.year BETWEEN h.before_year AND h.after_year
        LEFT JOIN s ON s.region_code = v.region_code AND s.indicator_id = v.indicator_id
         AND s.year = v.year
        GROUP BY ALL""").fetchall()
    assert rows
    for ind, code, b, up, lo, hi, _ in rows:
        if up:
            assert min(lo[1:-1]) >= (1 + MIN_CHANGE) * max(hi[0], hi[-1]) - 1e-9, (ind, code, b)
        else:
            assert min(lo[0], lo[-1]) >= (1 + MIN_CHANGE) * max(hi[1:-1]) - 1e-9, (ind, code, b)
    deventer = [r for r in rows if r[:3] == ("jobs_employees", "GM0150", 2016)]
    assert deventer and deventer[0][6] == 4  # all four figures rounded, and still a hump


def test_the_reports_method_says_a_hump_and_a_trend_stand_beyond_cbs_rounding():
    from stadstrends import vocabulary

    nl = " ".join(vocabulary.section("nl", "report")["acc_intro"].split())
    en = " ".join(vocabulary.section("en", "report")["acc_intro"].split())
    assert "minstens {shift} hoger of lager dan het jaar ervoor én het jaar erna (twee cijfers " \
        "die weinig van elkaar verschillen), ook als de afronding van het CBS alle cijfers" in nl
    assert "(two figures close to each other), even with every figure moved back as far as " \
        "CBS's rounding allows" in en
    assert "dan is ze niet getoetst; dat geldt ook als het aantal waaruit een cijfer berekend is " \
        "(door het CBS afgerond) in die jaren minder dan {min_distinct} verschillende waarden " \
        "heeft." in nl
    assert "is not tested; the same holds where the count a figure is computed from (rounded by " \
        "CBS) has fewer than {min_distinct} different values in those years." in en
