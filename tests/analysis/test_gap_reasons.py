"""Why a gap has no gap trend (``untested_gaps``, analysis/gap_reasons.py): on the mini
warehouse by hand, and on the real snapshot against a recomputation of the window the gap
trend tests, from ``region_gaps`` and ``series_segments`` alone."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.analysis.gap_reasons import UNTESTED_GAP_REASONS
from stadstrends.analysis.gaps import build_region_gaps
from stadstrends.publish.gap_missing import NO_TREND_REASONS

from .mini_warehouse import CODE
from .test_gaps import ommeland_and_jumps


def _reasons(con) -> dict[tuple[str, str], dict]:
    rows = con.execute("SELECT * FROM untested_gaps").df().to_dict("records")
    return {(r["region_code"], r["indicator_id"]): r for r in rows}


def _trended(con) -> set[tuple[str, str]]:
    return set(con.execute("SELECT region_code, indicator_id FROM region_gap_trends")
               .fetchall())


def test_publish_words_every_reason_the_analysis_gives():
    """The codes publish words are those the analysis records (publish may not import it)."""
    assert NO_TREND_REASONS == UNTESTED_GAP_REASONS


def test_a_figure_of_zero_before_the_window_leaves_the_gap_trend(mini):
    """Window 2018-2020: A's share of 0 in 2016 is before it, A's gap is tested on 2018-2020;
    B's 0 in 2019 is inside it: no trend, 'nonpositive' with that year; D without a figure
    in 2019: 2 years, 'few_years' with the city's missing year."""
    mini.execute("UPDATE indicator_results SET value = 0 WHERE indicator_id = 'rat' AND "
                 "((region_code = ? AND year = 2016) OR (region_code = ? AND year = 2019)) "
                 "AND value IS NOT NULL", [CODE["A"], CODE["B"]])
    mini.execute("DELETE FROM indicator_results WHERE indicator_id = 'rat' AND region_code = ? "
                 "AND year = 2019", [CODE["D"]])  # indicator_values is a view of it
    ommeland_and_jumps(mini)
    build_region_gaps(mini, window=3)
    reasons, trended = _reasons(mini), _trended(mini)
    assert (CODE["A"], "rat") in trended and (CODE["A"], "rat") not in reasons
    assert mini.execute("SELECT first_year, n_points FROM region_gap_trends WHERE "
                        "region_code = ? AND indicator_id = 'rat'", [CODE["A"]]
                        ).fetchone() == (2018, 3)
    b = reasons[(CODE["B"], "rat")]
    assert (b["reason"], list(b["city_zero"]), list(b["points"])) == (
        "nonpositive", [2019], [2018, 2019, 2020])
    assert list(b["ommeland_zero"]) == list(b["city_negative"]) == []
    d = reasons[(CODE["D"], "rat")]
    assert (d["reason"], list(d["points"]), list(d["city_missing"]), d["min_points"]) == (
        "few_years", [2018, 2020], [2019], 3)
    assert (d["start_year"], d["last_year"], d["segment_start"]) == (2018, 2020, None)
    assert (CODE["B"], "rat") not in trended and (CODE["D"], "rat") not in trended


@pytest.mark.parametrize("column", ["signed", "projection"])
def test_a_measure_that_can_be_negative_or_a_projection_gets_no_gap_trend(mini, column):
    """An indicator marked ``signed`` (growth, a balance) or ``projection``: every gap of it
    has that reason and none a gap trend, though all its figures are positive."""
    mini.execute(f"UPDATE indicators SET {column} = true WHERE indicator_id = 'pc'")
    ommeland_and_jumps(mini)
    build_region_gaps(mini, window=8)
    reasons, trended = _reasons(mini), _trended(mini)
    gaps = set(mini.execute("SELECT DISTINCT region_code, indicator_id FROM region_gaps "
                            "WHERE indicator_id = 'pc'").fetchall())
    assert gaps and all(reasons[k]["reason"] == column for k in gaps)
    assert not gaps & trended
    assert {k for k in trended if k[1] == "rat"}  # the other indicator keeps its trends


def _window(wh) -> pd.DataFrame:
    """Per gap series, recomputed here: the trend window (the ``window`` years up to the
    latest year with both figures, from that year's segment on), its years with both
    figures, those without a log ratio, the members its ommeland leaves out in each of them
    (``region_left_out``, the city itself not counted), and the reason it has no trend."""
    window, min_points = wh.execute('SELECT "window", min_trend_points FROM build_info'
                                    ).fetchone()
    g = wh.execute("""
        SELECT g.region_code, g.indicator_id, g.year, g.log_ratio IS NULL AS undefined,
               s.segment_start, i.signed, i.projection,
               array_to_string(list_sort(list_filter(coalesce(l.members, []),
                                                     lambda m: m <> g.region_code)), ',')
                   AS left_out
        FROM region_gaps g JOIN series_segments s USING (indicator_id, year)
        JOIN indicators i USING (indicator_id)
        LEFT JOIN region_left_out l ON l.region_code = g.corop_code
         AND l.indicator_id = g.indicator_id AND l.year = g.year""").df()
    keys = ["region_code", "indicator_id"]
    last = g.groupby(keys).year.transform("max")
    seg = g.loc[g.year == last].set_index(keys).segment_start
    g = g.join(seg.rename("last_segment"), on=keys)
    w = g[(g.year > last - window) & (g.year >= g.last_segment)]
    out = w.groupby(keys).agg(points=("year", lambda y: sorted(int(v) for v in y)),
                              undefined=("undefined", "sum"), signed=("signed", "first"),
                              projection=("projection", "first"),
                              memberships=("left_out", "nunique"))
    out["reason"] = None
    out.loc[out.memberships > 1, "reason"] = "ommeland_members"
    out.loc[out.points.map(len) < min_points, "reason"] = "few_years"
    out.loc[out.undefined > 0, "reason"] = "nonpositive"
    out.loc[out.signed, "reason"] = "signed"
    out.loc[out.projection, "reason"] = "projection"
    return out


def test_real_every_gap_has_a_trend_or_one_true_reason(analysed):
    """Every series of ``region_gaps`` has exactly one of a gap trend and an
    ``untested_gaps`` row; the stored reason and years are those of the window recomputed
    here, and a gap trend is tested on exactly that window's years."""
    wh, _ = analysed
    expected = _window(wh)
    reasons = wh.execute("SELECT region_code, indicator_id, reason, points FROM "
                         "untested_gaps").df().set_index(["region_code", "indicator_id"])
    trends = wh.execute("SELECT region_code, indicator_id, first_year, last_year, n_points "
                        "FROM region_gap_trends").df().set_index(["region_code",
                                                                  "indicator_id"])
    assert not reasons.index.duplicated().any() and not trends.index.duplicated().any()
    assert not set(reasons.index) & set(trends.index)
    assert set(reasons.index) | set(trends.index) == set(expected.index)
    untested = expected[expected.reason.notna()]
    assert set(untested.index) == set(reasons.index)
    joined = reasons.join(untested.add_suffix("_expected"))
    assert (joined.reason == joined.reason_expected).all()
    assert all(list(a) == b for a, b in zip(joined.points, joined.points_expected,
                                            strict=True))
    tested = trends.join(expected)
    assert (tested.n_points == tested.points.map(len)).all()
    assert (tested.first_year == tested.points.map(min)).all()
    assert (tested.last_year == tested.points.map(max)).all()
    counts = reasons.reason.value_counts()
    assert {"signed", "nonpositive", "few_years", "ommeland_members"} <= set(counts.index), counts


def test_real_the_years_of_a_reason_hold_in_the_tables(analysed):
    """Each ``untested_gaps`` row's years: its window's years are its points and its years
    without a point, once each; a year said to have no figures has none for any region, one
    the city lacks none for the city, one the ommeland lacks a city figure and a NULL
    ommeland; every member named has no figure in its years; a year said negative or zero
    has such a figure."""
    wh, _ = analysed
    bad = wh.execute("""
        SELECT * FROM untested_gaps u
        WHERE list_sort(points || no_figures || city_missing || ommeland_missing)
              <> range(start_year, last_year + 1)
           OR EXISTS (SELECT 1 FROM series_segments z WHERE z.indicator_id = u.indicator_id
                      AND list_contains(u.no_figures, z.year))
           OR EXISTS (SELECT 1 FROM indicator_values v WHERE v.region_code = u.region_code
                      AND v.indicator_id = u.indicator_id
                      AND list_contains(u.city_missing, v.year))
           OR len(ommeland_missing) <> (
                SELECT count(*) FROM ommeland o JOIN indicator_values v
                  USING (region_code, indicator_id, year)
                WHERE o.region_code = u.region_code AND o.indicator_id = u.indicator_id
                  AND list_contains(u.ommeland_missing, o.year) AND o.ommeland_value IS NULL)
           OR EXISTS (SELECT 1 FROM (SELECT unnest(u.lacking, recursive := true)) m
                      JOIN indicator_values v ON v.region_code = m.member
                       AND v.indicator_id = u.indicator_id
                       AND list_contains(m.years, v.year))
           OR len(city_negative) + len(city_zero) + len(ommeland_negative)
              + len(ommeland_zero) < (reason = 'nonpositive')::INTEGER
           OR EXISTS (SELECT 1 FROM region_gaps g WHERE g.region_code = u.region_code
                      AND g.indicator_id = u.indicator_id
                      AND ((list_contains(u.city_negative, g.year) AND g.city_value >= 0)
                        OR (list_contains(u.city_zero, g.year) AND g.city_value <> 0)
                        OR (list_contains(u.ommeland_negative, g.year)
                            AND g.ommeland_value >= 0)
                        OR (list_contains(u.ommeland_zero, g.year)
                            AND g.ommeland_value <> 0)))
    """).df()
    assert bad.empty, bad.head().T
    named = wh.execute("SELECT count(*) FROM untested_gaps WHERE len(lacking) > 0").fetchone()
    assert named[0] > 0


def test_real_cases_by_hand(analysed):
    """'s-Hertogenbosch's population growth (its ommeland -0,01% in 2013) has no gap trend
    as growth can be negative; Ameland's new construction (0 in 2015, before its window
    2016-2023) has one; Stadskanaal's new construction has none: 0 in 2023."""
    wh, _ = analysed
    reason = {k: wh.execute("SELECT reason, city_zero FROM untested_gaps WHERE region_code = ? "
                            "AND indicator_id = ?", list(k)).fetchone()
              for k in (("GM0796", "population_growth_pct"),
                        ("GM0037", "new_construction_per_1000_dwellings"))}
    assert reason[("GM0796", "population_growth_pct")][0] == "signed"
    assert reason[("GM0037", "new_construction_per_1000_dwellings")] == ("nonpositive", [2023])
    assert wh.execute("SELECT city_value FROM region_gaps WHERE region_code = 'GM0060' AND "
                      "indicator_id = 'new_construction_per_1000_dwellings' AND year = 2015"
                      ).fetchone() == (0.0,)
    assert wh.execute("SELECT first_year, last_year, n_points FROM region_gap_trends WHERE "
                      "region_code = 'GM0060' AND "
                      "indicator_id = 'new_construction_per_1000_dwellings'").fetchone() == (
        2016, 2023, 8)


def test_real_an_ommeland_whose_members_change_is_not_tested(analysed):
    """Noord-Friesland leaves out Terschelling's housing-association figures of 2016-2017
    (82900NED files them as other rentals) and Ameland's of every year: Leeuwarden's gap
    over 2017-2024 was tested (converging, 16,7% -> 10,3% above) on an ommeland with
    Terschelling in 2018-2024 only. Now no gap trend, reason ``ommeland_members`` naming
    Terschelling in 2017 (not Ameland: left out in every year); the report says why."""
    wh, _ = analysed
    row = wh.execute("SELECT reason, points, left_out FROM untested_gaps WHERE region_code = "
                     "'GM0080' AND indicator_id = 'social_housing_share'").fetchone()
    assert row == ("ommeland_members", list(range(2017, 2025)),
                   [{"member": "GM0093", "years": [2017]}])
    assert wh.execute("SELECT count(*) FROM region_gap_trends WHERE region_code = 'GM0080' "
                      "AND indicator_id = 'social_housing_share'").fetchone() == (0,)
    from stadstrends.publish.gap_missing import missing_trends, no_trend_reason
    reason = missing_trends(wh, "GM0080", ["social_housing_share"])["social_housing_share"]
    words = no_trend_reason(reason, "nl", "Leeuwarden", {"GM0093": "Terschelling"}.get)
    assert words.startswith("het ommeland telt niet elk jaar dezelfde gemeenten (zonder "
                            "Terschelling in 2017)"), words
