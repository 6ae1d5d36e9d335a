"""Lasting steps in a tested series (series_steps): hand-made series, and the real snapshot."""

from __future__ import annotations

import math

import duckdb
import pytest

from stadstrends.analysis.humps import build_humps
from stadstrends.analysis.jumps import build_jumps
from stadstrends.analysis.steps import build_steps
from stadstrends.analysis.trends import build_trends
from stadstrends.settings import default_settings
from tests.analysis.test_humps import HUMP, ROUNDED, SHIFT
from tests.analysis.test_jumps import SMOOTH, make_con

MIN_CHANGE = default_settings().shift_min_change
MIN_YEARS_AFTER = default_settings().step_min_years_after
OWN_MULTIPLE = default_settings().shift_own_multiple

#: a step in 2017 that creeps back afterwards: 120 in 2017, 104 by 2021 (not lasting)
CREEP = [100.0, 101.0, 103.0, 102.0, 104.0, 120.0, 116.0, 112.0, 108.0, 104.0, 105.0, 104.0]
#: the step in the last tested year but one: one year after it, too few to call it lasting
LATE = [100.0, 101.0, 103.0, 102.0, 104.0, 103.0, 105.0, 104.0, 106.0, 105.0, 125.0, 126.0]


def steps(series: dict) -> duckdb.DuckDBPyConnection:
    con = make_con(series)
    build_trends(con, window=8)
    build_jumps(con)
    build_humps(con)
    build_steps(con)
    return con


def test_a_lasting_shift_is_a_step_and_a_hump_or_a_creeping_return_is_not():
    con = steps({("jobs", "GM0001"): SHIFT, ("jobs", "GM0002"): SMOOTH,
                 ("jobs", "GM0003"): HUMP, ("jobs", "GM0004"): CREEP,
                 ("jobs", "GM0005"): LATE, ("jobs", "GM0006"): [v * 1.01 for v in SMOOTH]})
    rows = con.execute("SELECT region_code, before_year, year, before_value, value, ratio, "
                       "after_min, after_max, first_year, last_year, same_year_steps "
                       "FROM series_steps").fetchall()
    assert rows == [("GM0001", 2016, 2017, 104.0, 120.0, pytest.approx(120 / 104), 121.0,
                     124.0, 2016, 2023, 1)]


def test_a_step_of_cbs_rounding_is_no_step():
    con = steps({("share", f"GM000{k}"): ROUNDED for k in range(1, 5)}
                | {("share", "GM0009"): [7.0] * 5 + [8.0] * 7})
    assert con.execute("SELECT count(*) FROM series_steps").fetchone()[0] == 0


def test_one_unit_of_a_series_own_rounding_is_no_step():
    """Vlieland's households are given in hundreds: 600 -> 700 is one unit of that rounding,
    though the other municipalities' figures move by tens."""
    con = steps({("households", "GM0001"): [600.0] * 6 + [700.0] * 6,
                 ("households", "GM0002"): SHIFT}
                | {("households", f"GM001{k}"): [v + 10 * k for v in SMOOTH] for k in range(5)})
    assert con.execute("SELECT region_code FROM series_steps").fetchall() == [("GM0002",)]


def test_zutphens_jobs_drop_in_2017_is_a_step(wh):
    """Zutphen's employee jobs (83582NED): 25 200 (2016), 18 900 (2017), 18 600-20 300 up to
    2023; the report said only '-23%, geen significante trend'."""
    rows = wh.execute("""
        SELECT indicator_id, before_year, year, before_value, value, after_min, after_max,
               first_year, last_year FROM series_steps
        WHERE region_code = 'GM0301' ORDER BY indicator_id""").fetchall()
    assert [r[:3] for r in rows] == [("job_ratio", 2016, 2017), ("jobs_employees", 2016, 2017)]
    assert rows[1][3:] == (25200.0, 18900.0, 18600.0, 20300.0, 2016, 2023)


def test_every_step_row_is_what_its_figures_say(wh):
    """Each row against indicator_values and trends directly: consecutive years inside the
    tested years, at least MIN_CHANGE apart, every later tested year within half the step
    (and within MIN_CHANGE) of the step year's figure, the other tested years' changes
    OWN_MULTIPLE times smaller on average, and the count of the same year's steps right."""
    rows = wh.execute("""
        SELECT s.indicator_id, s.region_code, s.before_year, s.year, s.ratio, s.same_year_steps,
               t.first_year, t.last_year,
               list(v.value ORDER BY v.year) AS vals, list(v.year ORDER BY v.year) AS years
        FROM series_steps s
        JOIN trends t USING (indicator_id, region_code)
        JOIN indicator_values v ON v.indicator_id = s.indicator_id
             AND v.region_code = s.region_code AND v.year BETWEEN t.first_year AND t.last_year
        GROUP BY ALL""").fetchall()
    assert len(rows) > 100
    for ind, code, b, y, ratio, _same, first, last, vals, years in rows:
        assert b == y - 1 and first <= b and y <= last, (ind, code)
        at = dict(zip(years, vals, strict=True))
        assert ratio == pytest.approx(at[y] / at[b])
        size = abs(math.log(ratio))
        assert size >= math.log(1 + MIN_CHANGE) - 1e-12, (ind, code, y)
        after = [at[k] for k in years if k > y]
        assert len(after) >= MIN_YEARS_AFTER, (ind, code, y)
        assert all(abs(math.log(a / at[y])) < min(size / 2, math.log(1 + MIN_CHANGE))
                   for a in after), (ind, code, y)
        others = [abs(math.log(at[k] / at[k - 1])) for k in years
                  if k != y and k - 1 in at]
        assert size >= OWN_MULTIPLE * sum(others) / len(others) - 1e-12, (ind, code, y)
    same_year = wh.execute("""
        SELECT count(*) FROM series_steps s WHERE same_year_steps <> (
            SELECT count(*) FROM series_steps o WHERE o.indicator_id = s.indicator_id
              AND o.year = s.year AND (o.ratio > 1) = (s.ratio > 1))""").fetchone()[0]
    assert same_year == 0


def test_no_step_is_a_jump_or_a_hump_edge(wh):
    assert not wh.execute("""
        SELECT count(*) FROM series_steps s WHERE EXISTS (
            SELECT 1 FROM series_jumps j WHERE j.indicator_id = s.indicator_id
              AND j.region_code = s.region_code AND j.year = s.year)
          OR EXISTS (SELECT 1 FROM series_humps h WHERE h.indicator_id = s.indicator_id
              AND h.region_code = s.region_code AND s.year IN (h.first_year, h.after_year))
        """).fetchone()[0]


def test_the_reports_method_states_the_rule_with_its_numbers():
    """The accountability section's words give the rule's threshold and years after."""
    from stadstrends import vocabulary

    nl = " ".join(vocabulary.section("nl", "report")["acc_intro"].split())
    en = " ".join(vocabulary.section("en", "report")["acc_intro"].split())
    assert ("in één jaar minstens {shift}, blijft het daarna minstens {step_years} jaar binnen "
            "{shift}") in nl
    assert "by at least {shift} in one year of the tested years, stays within {shift}" in en
    assert "for at least {step_years} years after it" in en


def test_a_step_on_small_counts_is_no_step(wh):
    """Schiermonnikoog's share of non-western background doubles in 2006, 1.0 -> 2.0%: 10 -> 20
    people; Vlieland's payment arrears fall by a third in 2022 on 25 people a year: chance.
    Every step of a rate rests on a numerator of at least SMALL_COUNT a year."""
    SMALL_COUNT = default_settings().small_count

    assert not wh.execute("SELECT count(*) FROM series_steps WHERE (region_code, indicator_id) "
                          "IN (('GM0088', 'share_non_western_background'), "
                          "('GM0060', 'payment_arrears_per_1000'))").fetchone()[0]
    small = wh.execute("""
        SELECT s.indicator_id, s.region_code, s.year, avg(a.value) AS n
        FROM series_steps s JOIN catalogue_indicators c
          ON c.indicator_id = s.indicator_id AND c.method = 'ratio'
        JOIN series_all a ON a.series_id = s.indicator_id || ':num'
         AND a.region_code = s.region_code AND a.year IN (s.before_year, s.year)
        GROUP BY ALL HAVING avg(a.value) < ?""", [SMALL_COUNT]).fetchall()
    assert small == []
