"""An amount in euro in current prices gets no trend verdict; its position keeps one.

Before (review of 2 Dec): income_disposable_mean, income_standardised_median and
wealth_median were 'improving' for 342 of 342 municipalities, a rise most of which is
inflation, and that verdict fed the trend signals ('gunstig'), Kies richting's momentum and
the opgaven's counts of favourable signals. A rise in current euros is no improvement by
itself: the trend is still tested and reported (rising/falling), without a verdict, as for an
indicator without a good direction. Its place in the group and its gap with the ommeland
compare figures of one year, in the same prices, and keep theirs.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.analysis.test_signals import A, B, Z, build_test_signals, make_signal_warehouse


@pytest.fixture()
def priced() -> duckdb.DuckDBPyConnection:
    """The signal test warehouse with its income (in 1 000 euro) in current prices; its trends
    labelled as :mod:`stadstrends.analysis.trends` labels them ('neutral')."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    con.execute("UPDATE indicators SET current_prices = (indicator_id = 'income')")
    con.execute("UPDATE trends SET direction_label = 'neutral' WHERE indicator_id = 'income' "
                "AND classification <> 'no significant change'")
    build_test_signals(con)
    yield con
    con.close()


def test_its_trend_signals_are_neutral_but_its_positions_and_gaps_keep_their_valence(priced):
    rows = priced.execute("""SELECT region_code, kind, valence FROM signal_rows
                             WHERE indicator_id = 'income' AND set_id = 'G40'
                             ORDER BY ALL""").fetchall()
    trend = {(r, v) for r, k, v in rows if k == 'trend'}
    assert trend == {(A, "neutral")}  # A's falling income: was 'adverse'
    others = {(r, k, v) for r, k, v in rows if k != 'trend'}
    assert (A, "gap_narrowing", "favourable") in others  # same year, same prices
    assert (B, "gap_narrowing", "favourable") in others
    z = priced.execute("SELECT valence FROM signal_rows WHERE indicator_id = 'income' "
                       "AND region_code = ? AND kind = 'trend'", [Z]).fetchall()
    assert z == [("neutral",)]  # Z's rising income: was 'favourable'


def test_kies_richting_counts_its_trend_as_neither_improving_nor_worsening(priced):
    rows = priced.execute("""SELECT region_code, label, momentum, reason FROM kies_richting
                             WHERE indicator_id = 'income' AND set_id = 'G40'
                             ORDER BY ALL""").fetchall()
    # A in the unfavourable quarter with a falling income: urgent for its position, not
    # for a 'worsening' trend; B's strength stands on its position
    assert rows == [(A, "urgent task", "neutral", "unfavourable_quartile_no_verdict"),
                    (B, "distinctive strength", "none", "favourable_quartile_no_trend")]


def test_no_current_price_series_has_a_trend_verdict_on_the_snapshot(wh):
    """Every current-price series' significant trend is 'neutral' (342 municipalities each for
    the incomes and wealth, rising), none 'improving' or 'worsening' in trends, jump_trends,
    the trend signals or Kies richting's momentum; their positions keep their labels."""
    labels = wh.execute("""
        SELECT t.indicator_id, t.direction_label, count(*) FROM trends t
        JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND t.region_code LIKE 'GM%'
          AND t.classification IN ('rising', 'falling')
        GROUP BY ALL ORDER BY ALL""").fetchall()
    assert {(i, d) for i, d, _ in labels} == {
        (i, "neutral") for i in ("house_price_mean", "income_disposable_mean",
                                 "income_standardised_median", "wealth_median", "woz_mean")}
    assert dict((i, n) for i, _, n in labels)["income_standardised_median"] == 342
    judged = wh.execute("""
        SELECT count(*) FROM signal_rows s JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND s.kind = 'trend' AND s.valence <> 'neutral'""").fetchone()
    assert judged == (0,)
    kies = dict(wh.execute("""
        SELECT k.label || '/' || k.momentum, count(*) FROM kies_richting k
        JOIN indicators i USING (indicator_id) WHERE i.current_prices GROUP BY ALL""").fetchall())
    assert set(kies) <= {"distinctive strength/neutral", "urgent task/neutral",
                         "distinctive strength/none", "urgent task/none"}
    assert kies["distinctive strength/neutral"] > 0 and kies["urgent task/neutral"] > 0
    # a favourable or adverse gap with the ommeland (same year, same prices) stays
    gaps = wh.execute("""
        SELECT count(*) FROM signal_rows s JOIN indicators i USING (indicator_id)
        WHERE i.current_prices AND s.kind IN ('ommeland_deviation', 'group_deviation')
          AND s.valence <> 'neutral'""").fetchone()[0]
    assert gaps > 0
