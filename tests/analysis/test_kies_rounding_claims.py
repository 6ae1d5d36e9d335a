"""Kies richting's claims against CBS's rounding and small numbers: a peer 'does better' only
by more than the two figures' rounding (``signal_kies.BETTER_BY``: Súdwest-Fryslân's 32,8
against Waadhoeke's 32,9 thousand euro listed Waadhoeke), and a share CBS computes from fewer
than the build's ``small_base`` cases (100) carries its base (``analysis.small_bases``:
Rozendaal's cleared crimes, 5,3% of 55 crimes, an urgent task with no word of it)."""

from __future__ import annotations

import duckdb

from stadstrends.analysis.signal_kies import BETTER_BY
from stadstrends.analysis.small_bases import small_bases_view
from stadstrends.publish.report.direction_words import small_base


def test_waadhoeke_is_not_better_by_one_printed_step(wh):
    rows = wh.execute("""
        SELECT k.value, [p.name FOR p IN k.better_peers] FROM kies_richting k
        WHERE k.region_code = 'GM1900' AND k.indicator_id = 'income_standardised_median'
    """).fetchall()
    assert rows and all(v == 32.8 and "Waadhoeke" not in names for v, names in rows)


def test_no_listed_peer_is_better_by_one_printed_unit_or_less(wh):
    close = wh.execute("""
        SELECT count(*) FROM kies_richting k, unnest(k.better_peers) u(p)
        JOIN indicators i ON i.indicator_id = k.indicator_id
        WHERE i.decimals IS NOT NULL
          AND round(abs(p.value - k.value) - pow(10, -i.decimals), 9) <= 0
    """).fetchone()[0]
    assert close == 0


def test_rozendaals_cleared_crimes_keep_their_label_and_carry_their_small_base(wh):
    rows = wh.execute("""
        SELECT DISTINCT label, value, base_count, base_unit FROM kies_richting
        WHERE region_code = 'GM0277' AND indicator_id = 'crimes_cleared_share'
    """).fetchall()
    assert rows == [("urgent task", 5.3, 55.0, 5)]


def test_only_shares_of_small_bases_carry_one(wh):
    assert wh.execute("""
        SELECT count(*) FROM kies_richting k JOIN indicators i USING (indicator_id)
        WHERE k.base_count IS NOT NULL
          AND (k.base_count >= (SELECT small_base FROM build_info) OR i.unit <> '%')
    """).fetchone()[0] == 0


def test_the_small_base_in_words():
    row = {"indicator_id": "crimes_cleared_share", "year": 2024, "base_count": 55.0,
           "base_unit": 5}
    assert small_base(row, "nl") == (
        "Het CBS berekende dit percentage uit kleine aantallen: 55 geregistreerde misdrijven in "
        "2024 (afgerond op vijftallen). Eén opgehelderd misdrijf meer of minder verandert het "
        "percentage al met ongeveer 1,8 procentpunt.")
    assert "CBS calculated this percentage from small numbers: 55 registered crimes" in (
        small_base(row, "en"))
    other = {**row, "indicator_id": "some_share", "base_count": 40.0}
    assert "40 gevallen" in small_base(other, "nl") and "Eén geval" in small_base(other, "nl")
    assert small_base({**row, "base_count": None}, "nl") == ""


def _better(city: float, peer: float, *, tol=None, city_spread=None, peer_spread=None,
            unit=None, unknown=False, higher_better=True) -> bool:
    """:data:`BETTER_BY` on one hand-written city and peer; each figure's spread as
    ``coarse_trends.figure_spreads_sql`` makes it: the larger of its count's and half CBS's
    published unit."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE m AS SELECT ?::DOUBLE AS value, ?::INTEGER AS dir,
                   ?::DOUBLE AS tol""", [city, 1 if higher_better else -1, tol])
    con.execute("CREATE TABLE pv AS SELECT ?::DOUBLE AS value", [peer])
    half = None if unit is None else unit / 2
    spreads = [max((s for s in (own, half) if s is not None), default=None)
               for own in (city_spread, peer_spread)]
    con.execute("CREATE TABLE sm AS SELECT ?::DOUBLE AS spread, false AS unknown", [spreads[0]])
    con.execute("CREATE TABLE sp AS SELECT ?::DOUBLE AS spread, ?::BOOLEAN AS unknown",
                [spreads[1], unknown])
    return con.execute(f"SELECT {BETTER_BY} FROM m, pv, sm, sp").fetchone()[0]


def test_better_by_more_than_the_figures_rounding():
    assert not _better(32.8, 32.9, tol=0.1, unit=0.1)  # one printed step: rounding could
    assert _better(32.8, 33.0, tol=0.1, unit=0.1)
    assert not _better(3.0, 2.9, tol=0.1, unit=0.1, higher_better=False)
    assert _better(3.0, 2.8, tol=0.1, unit=0.1, higher_better=False)
    # counts' spreads: 8,0 +-0,3 and 8,5 +-0,3 could be equal
    assert not _better(8.0, 8.5, tol=0.1, city_spread=0.3, peer_spread=0.3)
    assert _better(8.0, 8.7, tol=0.1, city_spread=0.3, peer_spread=0.3)
    assert not _better(8.0, 9.0, unknown=True)  # a spread not known: no claim
    assert _better(8.0, 8.01)  # no rounding known at all: the figures decide
    assert not _better(8.0, 7.0)


def test_small_bases_from_hand_written_tables():
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE catalogue_indicators AS SELECT * FROM (VALUES
            ('cleared', 'weighted_mean', 'cleared:den'), ('rate', 'ratio', 'rate:den'),
            ('income', 'weighted_mean', 'income:den')) t(indicator_id, method, denominator_series);
        CREATE TABLE indicators AS SELECT * FROM (VALUES
            ('cleared', '%'), ('rate', '%'), ('income', '1 000 euro')) t(indicator_id, unit);
        CREATE TABLE denominator_rounding AS SELECT * FROM (VALUES
            ('cleared', 2024, 5), ('rate', 2024, 5), ('income', 2024, 100))
            t(indicator_id, year, unit);
        CREATE TABLE series_all AS SELECT * FROM (VALUES
            ('cleared:den', 'GM0001', 2024, 55.0), ('cleared:den', 'GM0002', 2024, 100.0),
            ('cleared:den', 'PV20', 2024, 20.0), ('rate:den', 'GM0001', 2024, 20.0),
            ('income:den', 'GM0001', 2024, 50.0)) t(series_id, region_code, year, value);
    """)
    con.execute(small_bases_view(con, 100))
    assert con.execute("SELECT * FROM _sig_small_bases").fetchall() == [
        ("GM0001", "cleared", 2024, 55.0, 5)]
    empty = duckdb.connect()
    empty.execute(small_bases_view(empty, 100))
    assert empty.execute("SELECT count(*) FROM _sig_small_bases").fetchone() == (0,)
