"""Humps in a series (series_humps): hand-made series, and the real snapshot."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.analysis.humps import build_humps
from stadstrends.analysis.jumps import build_jumps
from stadstrends.analysis.trends import build_trends
from stadstrends.settings import default_settings
from tests.analysis.test_jumps import SMOOTH, make_con

MIN_CHANGE = default_settings().shift_min_change

HUMP = [100.0, 101.0, 103.0, 102.0, 104.0, 120.0, 122.0, 104.0, 105.0, 106.0, 105.0, 107.0]
SHIFT = [100.0, 101.0, 103.0, 102.0, 104.0, 120.0, 122.0, 121.0, 123.0, 122.0, 124.0, 123.0]
ROUNDED = [7.0, 7.0, 7.0, 7.0, 7.0, 8.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0]  # one unit of CBS's


def humps(series: dict) -> duckdb.DuckDBPyConnection:
    con = make_con(series)
    build_trends(con, window=8)
    build_jumps(con)
    build_humps(con)
    return con


def test_a_two_year_hump_that_returns_is_found_and_a_lasting_shift_is_not():
    con = humps({("jobs", "GM0001"): HUMP, ("jobs", "GM0002"): SMOOTH,
                 ("jobs", "GM0003"): SHIFT, ("jobs", "GM0004"): [v * 1.01 for v in SMOOTH]})
    rows = con.execute("SELECT region_code, before_year, first_year, last_year, after_year, "
                       "ratio, in_tested_years FROM series_humps").fetchall()
    assert len(rows) == 1
    code, b, f, last, a, ratio, tested = rows[0]
    assert (code, b, f, last, a) == ("GM0001", 2016, 2017, 2018, 2019)
    assert ratio == pytest.approx(121 / 104)
    assert tested  # the trend is tested over 2016-2023


def test_a_step_of_cbs_rounding_is_no_hump():
    con = humps({("share", f"GM000{k}"): ROUNDED for k in range(1, 5)}
                | {("share", "GM0009"): [7.0 + (k % 2) for k in range(12)]})
    assert con.execute("SELECT count(*) FROM series_humps").fetchone()[0] == 0


def test_deventer_jobs_2017_2018_are_a_hump(wh):
    """Deventer's employee jobs (83582NED): 51 900 (2016), 60 300 and 61 200 (2017-2018),
    51 000 (2019); CBS marks no year and the jumps (a factor 5) miss it."""
    rows = wh.execute("""
        SELECT indicator_id, before_year, first_year, last_year, after_year, before_value,
               after_value, ratio, in_tested_years FROM series_humps
        WHERE region_code = 'GM0150' ORDER BY indicator_id""").fetchall()
    assert [r[:5] for r in rows] == [("job_ratio", 2016, 2017, 2018, 2019),
                                     ("jobs_employees", 2016, 2017, 2018, 2019)]
    jobs = rows[1]
    assert (jobs[5], jobs[6]) == (51900.0, 51000.0)
    assert jobs[7] == pytest.approx((60300 + 61200) / 2 / ((51900 + 51000) / 2))
    assert jobs[8]
    assert not wh.execute("SELECT count(*) FROM series_jumps WHERE region_code = 'GM0150' "
                          "AND indicator_id = 'jobs_employees'").fetchone()[0]


def test_every_hump_row_is_what_its_figures_say(wh):
    """Each row, checked against indicator_values directly: every hump year at least
    MIN_CHANGE above (or below) both neighbours, the neighbours closer to each other than
    the hump is to them, and no series break between them."""
    rows = wh.execute("""
        SELECT h.indicator_id, h.region_code, h.before_year, h.after_year, h.ratio,
               list(v.value ORDER BY v.year) AS vals, list(v.year ORDER BY v.year) AS years,
               count(DISTINCT g.segment_start) AS segments
        FROM series_humps h JOIN indicator_values v ON v.indicator_id = h.indicator_id
             AND v.region_code = h.region_code AND v.year BETWEEN h.before_year AND h.after_year
        JOIN series_segments g ON g.indicator_id = v.indicator_id AND g.year = v.year
        GROUP BY ALL""").fetchall()
    assert rows
    for ind, code, b, a, ratio, vals, years, segments in rows:
        assert years == list(range(b, a + 1)) and segments == 1, (ind, code)
        before, after, hump = vals[0], vals[-1], vals[1:-1]
        up = ratio > 1
        for v in hump:
            for n in (before, after):
                assert (v >= n * (1 + MIN_CHANGE)) if up else (v * (1 + MIN_CHANGE) <= n), (
                    ind, code, b)
        assert abs(after - before) < min(abs(v - before) for v in hump), (ind, code, b)


def test_zutphens_lasting_drop_in_2017_is_no_hump(wh):
    """Zutphen's jobs fall from 25 200 to 18 900 in 2017 and stay there: a level shift that
    does not return (not a hump; below the jumps' factor too)."""
    assert not wh.execute("SELECT count(*) FROM series_humps WHERE region_code = 'GM0301' "
                          "AND indicator_id = 'jobs_employees'").fetchone()[0]


def test_the_reports_method_states_the_rule_with_its_numbers():
    """The accountability section's words give the rule's threshold and years, from the
    settings (tests/publish/test_method_settings.py: from the build's)."""
    from stadstrends import vocabulary

    nl = vocabulary.section("nl", "report")["acc_intro"]
    en = vocabulary.section("en", "report")["acc_intro"]
    assert "1 tot {hump_years} jaar minstens {shift}" in " ".join(nl.split())
    assert "at least {shift} above or below" in " ".join(en.split())


def test_a_hump_on_small_counts_is_no_hump(wh):
    """Vlieland's social assistance '35% lager' in 2010-2011 was 4 against 6 people: chance.
    Every hump of a rate or count rests on at least SMALL_COUNT a year."""
    SMALL_COUNT = default_settings().small_count

    assert not wh.execute("SELECT count(*) FROM series_humps WHERE region_code = 'GM0096' "
                          "AND indicator_id = 'social_assistance_per_1000'").fetchone()[0]
    small = wh.execute("""
        SELECT h.indicator_id, h.region_code, h.first_year FROM series_humps h
        JOIN catalogue_indicators c ON c.indicator_id = h.indicator_id
        JOIN (SELECT c.indicator_id, a.region_code, a.year, a.value FROM catalogue_indicators c
              JOIN series_all a ON a.series_id = c.indicator_id || ':num'
              WHERE c.method = 'ratio'
              UNION ALL SELECT v.indicator_id, v.region_code, v.year, v.value
              FROM indicator_values v JOIN catalogue_indicators c USING (indicator_id)
              WHERE c.method = 'count') k
          ON k.indicator_id = h.indicator_id AND k.region_code = h.region_code
         AND k.year BETWEEN h.before_year AND h.after_year
        GROUP BY ALL HAVING avg(k.value) < ?""", [SMALL_COUNT]).fetchall()
    assert small == []
