"""Issue 9 facts on the real snapshot: absent regions, mid-year changes, gap reasons."""

from __future__ import annotations

import json

import pytest


def _value(wh, indicator: str, code: str, year: int):
    row = wh.execute("SELECT value, nullif(concat_ws(' ', reason, reason_detail), '') FROM "
                     "indicator_results WHERE indicator_id = ? "
                     "AND region_code = ? AND year = ?", [indicator, code, year]).fetchone()
    assert row is not None, (indicator, code, year)
    return row


def test_jobs_of_the_netherlands_2019_match_the_cbs_national_row(wh):
    # 83582NED "Nederland;2019 december;8543.9": the municipalities of 2019 add up to it
    value, _ = _value(wh, "jobs_employees", "NL01", 2019)
    assert value == pytest.approx(8_543_900, rel=2e-4)


def test_a_municipality_formed_in_2017_has_its_own_jobs(wh):
    assert _value(wh, "jobs_employees", "GM1948", 2017)[0] == 44_700  # Meierijstad
    assert _value(wh, "job_ratio", "GM1948", 2017)[0] == pytest.approx(
        44_700 / 79_869 * 1000)  # 560: jobs in December per inhabitant on 1 January


def test_no_current_municipality_has_zero_jobs_or_distance_from_absent_regions(wh):
    # the commuting table 81251ned writes 0.0 for municipalities that did not exist that year
    zeros = wh.execute("SELECT indicator_id, region_code, year FROM indicator_results "
                       "WHERE indicator_id IN ('jobs_employees', 'job_ratio', "
                       "'commute_distance_mean') AND value = 0").fetchall()
    assert zeros == []


def test_out_of_validity_cells_are_dropped_and_counted_per_table(wh):
    n, with_value = wh.execute(
        "SELECT sum(cells), sum(cells_with_value) FROM cells_out_of_validity "
        "WHERE table_id = '81251ned'").fetchone()
    assert with_value > 0 and n >= with_value
    assert wh.execute("SELECT cells_out_of_validity FROM sources WHERE table_id = '81251ned'"
                      ).fetchone()[0] == n
    dropped = json.loads(wh.execute("SELECT cells_out_of_validity FROM build_info").fetchone()[0])
    assert dropped["81251ned"] == n
    # Abcoude (ended 1 January 2011; 81251ned gives it 0.0 jobs in 2012) has no 2012 cell
    assert wh.execute("SELECT count(*) FROM raw_observations WHERE table_id = '81251ned' "
                      "AND region_code = 'GM0305' AND year = 2012").fetchone()[0] == 0


def test_amsterdam_2022_flows_cover_the_merged_area(wh):
    # Weesp merged on 24 March 2022; CBS books 2022's births at Amsterdam, Weesp empty,
    # and publishes the rate of the merged area (9 894 over its average population, with
    # Weesp's inhabitants of 1 January: (882 633 + 20 766 + 918 117) / 2): 10,9, which
    # Stadstrends keeps unrounded (exact_rates: Weesp's average 10 383 joins Amsterdam's)
    value, reason = _value(wh, "births_per_1000", "GM0363", 2022)
    assert reason is None
    assert value == pytest.approx(9894 / ((882_633 + 20_766 + 918_117) / 2) * 1000)
    assert round(9894 / ((882_633 + 20_766 + 918_117) / 2) * 1000, 1) == 10.9
    for code in ("NL01", "PV27", "CR23"):
        assert _value(wh, "births_per_1000", code, 2022)[0] is not None


def test_amsterdam_2022_establishments_do_not_mix_boundaries(wh):
    # 81575NED counts on 1 January 2022 (Amsterdam without Weesp, 181 675); Weesp's row is
    # beyond the file's cut, so today's Amsterdam has no value, with that true reason
    # (before: 181 675 / population with Weesp = 201.1)
    value, reason = _value(wh, "establishments_per_1000", "GM0363", 2022)
    assert value is None and reason == "predecessor_cut 81575NED:GM0457"  # the cut, named


def test_de_fryske_marren_2015_takes_the_stock_of_1_january(wh):
    assert _value(wh, "new_construction_per_1000_dwellings", "GM1940", 2015)[0] == \
        pytest.approx(85 / 22_725 * 1000)  # 3.74, not 85 / (22 725 + 22 795)
    reasons = wh.execute("SELECT indicator_id, reason FROM indicator_results WHERE "
                         "region_code = 'GM1940' AND year = 2015 AND value IS NULL").fetchall()
    assert not [r for r in reasons if "suppressed" in (r[1] or "")]


def test_a_stock_cbs_books_under_the_old_code_counts_for_the_renamed_municipality(wh):
    # De Friese Meren became De Fryske Marren on 1 July 2015; 83582NED books December 2015
    # under the old name (15.2 thousand jobs) and leaves the new one empty: before, 2015 was
    # missing for De Fryske Marren and so for Fryslan and the Netherlands
    assert _value(wh, "jobs_employees", "GM1940", 2015) == (15_200, None)
    assert _value(wh, "jobs_employees", "PV21", 2015)[0] is not None
    # the municipalities add up to 0.19% below 83582NED's row 'Nederland' (7 846.1 thousand,
    # which holds jobs not placed in a municipality), as in 2014 and 2016 (0.18%, 0.19%)
    for year, cbs in ((2014, 7_735_200), (2015, 7_846_100), (2016, 7_978_400)):
        assert 0.9975 < _value(wh, "jobs_employees", "NL01", year)[0] / cbs < 0.9985, year
    # 81251ned December 2006: Groenlo (renamed Oost Gelre on 19 May 2006) holds the distance
    assert _value(wh, "commute_distance_mean", "GM1586", 2006) == (8.5, None)


def test_gap_reasons_say_suppressed_only_where_cbs_suppresses(wh):
    bad = wh.execute("""
        SELECT count(*) FROM indicator_results r
        WHERE r.reason = 'suppressed_in_source' AND NOT EXISTS (
            SELECT 1 FROM raw_observations o WHERE o.status = 'geheim')
    """).fetchone()[0]
    assert bad == 0
