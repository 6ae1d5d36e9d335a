"""Signals and 'kies richting' of a series that changes abruptly inside its tested years
(``jump_trends``): their trend is the one over the years after the last jump, none when too
few years follow it; a hand-made warehouse, and the real snapshot (Hollands Kroon's
delivered electricity, Noordenveld's delivered electricity)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from stadstrends.analysis.signal_opgaven import load_opgaven
from stadstrends.analysis.signals import build_signals
from tests.analysis.test_signals import LINKS, A, B, make_signal_warehouse


def _built(after: list[tuple]) -> duckdb.DuckDBPyConnection:
    """The hand-made signals warehouse with ``jump_trends`` rows (region, indicator,
    first_year, n_points, mk_p, slope, classification, direction_label)."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    rows = pd.DataFrame(after, columns=["region_code", "indicator_id", "first_year",
                                        "n_points", "mk_p", "theil_sen_slope",
                                        "classification", "direction_label"])
    con.register("_after", rows)
    con.execute("""
        INSERT INTO jump_trends BY NAME
        SELECT a.*, a.first_year AS jump_year, t.last_year, 50.0 AS first_value,
               50.0 + a.theil_sen_slope * (t.last_year - a.first_year) AS last_value,
               a.theil_sen_slope * (t.last_year - a.first_year) AS abs_change,
               a.theil_sen_slope * (t.last_year - a.first_year) / 50.0 AS rel_change,
               a.theil_sen_slope / 50.0 AS sen_slope_rel, a.n_points < 6 AS indicative
        FROM _after a JOIN trends t USING (region_code, indicator_id)""")
    config = load_opgaven()
    for opgave in config.opgaven:
        opgave.indicators = LINKS[opgave.id]
    build_signals(con, config)
    return con


def _trend_signals(con, region: str) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in con.execute("""
        SELECT DISTINCT indicator_id, movement, first_year, p_value FROM signals
        WHERE region_code = ? AND kind = 'trend'""", [region]).fetchall()}


def test_a_trend_tested_over_a_jump_signals_the_trend_after_it():
    """A's unemployment falls significantly over 2015-2022 (a favourable trend signal) but
    not over 2019-2022, after its jump: no trend signal, and its highest unemployment of
    the group is an urgent task again. B's unemployment, not significant over the window,
    falls significantly from its jump in 2018 on: a trend signal of 2018-2022 with the
    p-value after the jump. Series without a jump keep their trend."""
    plain = _built([])
    assert _trend_signals(plain, A)["unemp"] == ("falling", 2015, 0.01)
    assert "unemp" not in _trend_signals(plain, B)
    con = _built([(A, "unemp", 2019, 4, 0.3, -0.1, "not tested", None),
                  (B, "unemp", 2018, 5, 0.02, -0.4, "falling", "improving")])
    assert "unemp" not in _trend_signals(con, A)
    assert _trend_signals(con, B)["unemp"] == ("falling", 2018, 0.02)
    assert _trend_signals(con, A)["income"] == _trend_signals(plain, A)["income"]
    kies = {r[0]: r[1:] for r in con.execute("""
        SELECT indicator_id, label, reason, first_year FROM kies_richting
        WHERE region_code = ?""", [A]).fetchall()}
    assert "unemp" not in {r[0] for r in plain.execute(
        "SELECT indicator_id FROM kies_richting WHERE region_code = ?", [A]).fetchall()}
    assert kies["unemp"] == ("urgent task", "unfavourable_quartile_no_trend", 2019)


def test_no_verdict_after_the_jump_is_no_trend():
    """Too few years after the jump (a ``jump_trends`` row without a verdict): no trend
    signal, and kies richting reads no trend ('no_trend', not 'worsening')."""
    con = _built([(A, "income", None, None, None, None, None, None)])
    assert "income" not in _trend_signals(con, A)
    assert con.execute("""SELECT reason, trend FROM kies_richting WHERE region_code = ?
                          AND indicator_id = 'income'""", [A]).fetchall() == [
        ("unfavourable_quartile_no_trend", None)]


# --- the real snapshot ------------------------------------------------------------------


def test_every_trend_signal_of_a_series_that_jumps_is_its_trend_after_the_jump(wh):
    """No signal is a trend tested over a jump: 63 trend signals of 8 series rested on one
    (Hollands Kroon's electricity a 'rise' over 2016-2023 that is its 2017-2018 jump)."""
    series = dict(wh.execute("""
        SELECT region_code || ' ' || indicator_id, min(first_year) || ' ' || any_value(movement)
        FROM signals s SEMI JOIN jump_trends j USING (region_code, indicator_id)
        WHERE s.kind = 'trend' GROUP BY 1""").fetchall())
    assert "GM1911 electricity_delivered_per_inhabitant" not in series  # none after 2018
    assert series["GM1699 electricity_delivered_per_inhabitant"] == "2017 falling"
    # Utrecht's delivered gas has no jump since the catalogue leaves out CBS's 2015-2016 gas
    # totals without the energy companies (its 2016-2017 'jump', 292 -> 1 711 m³, was that)
    assert "GM0344 gas_delivered_per_inhabitant" not in series
    got = wh.execute("""
        SELECT count(*),
               count(*) FILTER (WHERE s.first_year IS DISTINCT FROM j.first_year
                                   OR s.movement IS DISTINCT FROM j.classification
                                   OR s.p_value IS DISTINCT FROM j.mk_p
                                   OR s.slope IS DISTINCT FROM j.theil_sen_slope
                                   OR s.first_value IS DISTINCT FROM j.first_value
                                   OR s.change IS DISTINCT FROM j.abs_change)
        FROM signals s JOIN jump_trends j USING (region_code, indicator_id)
        WHERE s.kind = 'trend'""").fetchall()[0]
    assert got[0] > 0 and got[1] == 0
    # the rest of the snapshot's trend signals are the trends' own
    rest = wh.execute("""
        SELECT count(*) FILTER (WHERE s.first_year IS DISTINCT FROM t.first_year
                                   OR s.p_value IS DISTINCT FROM t.mk_p)
        FROM signals s JOIN trends t USING (region_code, indicator_id)
        WHERE s.kind = 'trend' AND NOT EXISTS (
            SELECT 1 FROM jump_trends j WHERE j.region_code = s.region_code
            AND j.indicator_id = s.indicator_id)""").fetchall()[0][0]
    assert rest == 0


@pytest.mark.parametrize("set_id", ["GK4", "CR32"])
def test_kies_richting_reads_the_trend_after_a_jump(wh, set_id):
    """Borsele's solar capacity, a distinctive strength among the municipalities of 20 000
    to 50 000 inhabitants and in its COROP region, rises significantly after its 2017-2018
    jump (364 -> 3 430 Wp per inhabitant): kies richting's trend and momentum are those of
    2018-2023, not of 2016-2023 with the jump in it. (Utrecht's delivered gas was the
    example until the catalogue left out CBS's 2015-2016 gas totals without the energy
    companies; its own trend, 2017-2023, falls; since the catalogue found it is gas delivered to
    businesses only it has no direction and no Kies richting row at all.)"""
    row = wh.execute("""
        SELECT label, trend, momentum, first_year FROM kies_richting WHERE set_id = ?
        AND region_code = 'GM0654' AND indicator_id = 'solar_capacity_per_inhabitant'""",
                     [set_id]).fetchall()
    assert row == [("distinctive strength", "rising", "improving", 2018)]
    k = wh.execute("""
        SELECT count(*), count(*) FILTER (WHERE k.trend IS DISTINCT FROM j.classification
                                             OR k.first_year IS DISTINCT FROM j.first_year
                                             OR k.momentum <> coalesce(j.direction_label,
                                                                       'none'))
        FROM kies_richting k JOIN jump_trends j USING (region_code, indicator_id)
        """).fetchall()[0]
    assert k[0] > 0 and k[1] == 0
    assert not wh.execute("""
        SELECT * FROM kies_richting WHERE region_code = 'GM0344'
        AND indicator_id = 'gas_delivered_per_inhabitant'""").fetchall()
    assert wh.execute("""SELECT first_year, classification, direction_label FROM trends
                         WHERE region_code = 'GM0344'
                           AND indicator_id = 'gas_delivered_per_inhabitant'""").fetchall() == [
        (2017, "falling", "neutral")]  # business gas has no direction (s19-h3)


def test_a_gap_trend_over_a_jump_in_the_city_series_is_flagged_and_no_signal(wh):
    """``region_gap_trends.over_jump``: the city's series jumps (``series_jumps``) between
    the gap trend's first and last year. Hollands Kroon's delivered electricity, 4 382 ->
    27 687 kWh per inhabitant in 2017-2018, is 54% above the ommeland in 2016 and 1 069% in
    2023: a 'diverging' gap that rests on the jump, no gap signal; Ameland's solar capacity
    jumps in 2014-2015, before its gap window (2016-2023): not flagged."""
    flagged = set(wh.execute("""
        SELECT region_code, indicator_id FROM region_gap_trends WHERE over_jump""").fetchall())
    spanned = set(wh.execute("""
        SELECT DISTINCT t.region_code, t.indicator_id FROM region_gap_trends t
        JOIN series_jumps j ON j.region_code = t.region_code
         AND j.indicator_id = t.indicator_id
         AND j.previous_year >= t.first_year AND j.year <= t.last_year""").fetchall())
    assert flagged == spanned
    hk = ("GM1911", "electricity_delivered_per_inhabitant")
    assert hk in flagged and ("GM0060", "solar_capacity_per_inhabitant") not in flagged
    assert wh.execute("""SELECT classification FROM region_gap_trends
                         WHERE region_code = ? AND indicator_id = ?""", hk).fetchone() == (
        "diverging",)
    # no gap signal rests on a flagged gap trend, in any group
    assert not wh.execute("""
        SELECT s.region_code, s.indicator_id FROM signals s
        JOIN region_gap_trends t USING (region_code, indicator_id)
        WHERE t.over_jump AND s.kind IN ('gap_widening', 'gap_narrowing')""").fetchall()
