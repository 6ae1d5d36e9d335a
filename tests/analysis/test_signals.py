"""Signals, opgave summary and kies richting: a hand-made warehouse with known answers, and
the real snapshot."""

from __future__ import annotations

import math
import shutil
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from stadstrends.analysis.outsider_benchmarks import build_outsider_benchmarks
from stadstrends.analysis.signal_kies import KIES_MIN_N
from stadstrends.analysis.signal_opgaven import catalogue_problems, load_opgaven
from stadstrends.analysis.signals import build_signals
from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.settings import default_settings, load_settings

A, B, C, Z, OLD = "GM0001", "GM0002", "GM0003", "GM0009", "GM0099"
MAD = 1 / 1.4826  # group scale 1.4826 x MAD = 1, so raw strengths are easy to compute
LINKS = {"economie": ["unemp", "income"], "zorg_welzijn": ["unemp", "old_share_outlook"],
         "wonen": ["pop", "land"], "verduurzaming": ["solar"], "bestuur_samenspel": ["crime"]}
INDICATORS = [  # id, domain, direction, method, unit
    ("unemp", "economy", "higher_worse", "weighted_mean", "%"),
    ("income", "economy", "higher_better", "ratio", "1 000 euro"),
    ("pop", "demography", "neutral", "count", "inwoners"),
    ("solar", "sustainability", "higher_better", "ratio", "Wp per inwoner"),
    ("old_share_outlook", "demography", "neutral", "ratio", "%"),
    ("crime", "safety", "higher_worse", "ratio", "per 1 000 inwoners"),
    ("land", "spatial", "higher_better", "ratio", "%"),  # only an old year: stale
]
TRENDS = [  # region, indicator, first_year, last_year, n, p, slope, slope_rel, class, label
    (A, "unemp", 2015, 2022, 8, 0.01, -0.5, -0.08, "falling", "improving"),
    (A, "income", 2015, 2022, 8, 0.02, -0.2, -0.01, "falling", "worsening"),
    (A, "pop", 2015, 2022, 8, 0.001, 0.05, 0.001, "rising", "neutral"),
    (A, "crime", 2015, 2022, 8, 0.04, 0.01, 0.005, "rising", "worsening"),  # raw < 0.25
    (A, "solar", 2019, 2022, 4, 0.04, 1.0, 0.2, "rising", "improving"),  # indicative
    (A, "old_share_outlook", 2030, 2040, 3, 0.001, 0.3, 0.01, "rising", "neutral"),
    (B, "unemp", 2015, 2022, 8, 0.30, -0.5, -0.08, "no significant change", None),
    (Z, "income", 2015, 2022, 8, 0.01, 0.1, 0.003, "rising", "improving"),
    (Z, "solar", 2015, 2023, 9, 0.01, 9.0, 0.05, "rising", "improving"),  # no group year 2023
    (OLD, "unemp", 2010, 2017, 8, 0.01, -0.5, -0.08, "falling", "improving"),
    (B, "solar", 2015, 2022, 8, 0.01, -0.1, -0.02, "falling", "worsening"),
]
BENCH = [  # region, indicator, year, value, median, robust_z, rank, percentile (the three
    # stand for six members, n below: rank and mid-rank percentile as among six, no ties)
    (A, "unemp", 2022, 4.5, 2.0, 2.5, 1, 100.0), (B, "unemp", 2022, 2.0, 2.0, 0.0, 1, 50.0),
    (C, "unemp", 2022, 5.0, 2.0, 3.0, 6, 0.0),
    (A, "income", 2022, 30.0, 35.0, -0.5, 6, 0.0), (B, "income", 2022, 40.0, 35.0, 0.5, 1, 100.0),
    (C, "income", 2022, 35.0, 35.0, 0.0, 2, 50.0),
    (A, "crime", 2022, 2.0, 3.0, -0.8, 6, 0.0), (B, "crime", 2022, 3.0, 3.0, 0.0, 2, 50.0),
    (C, "crime", 2022, 4.0, 3.0, 0.8, 1, 100.0),
    (A, "pop", 2022, 900.0, 100.0, 5.0, 1, 100.0),
    (A, "solar", 2022, 9.0, 5.0, 0.9, 1, 100.0),
    (A, "old_share_outlook", 2040, 15.0, 20.0, -2.0, 6, 0.0),
    (B, "solar", 2022, 4.0, 5.0, -0.2, 4, 40.0),  # lower half, worsening: urgent
    (A, "land", 2016, 50.0, 20.0, 3.0, 1, 100.0),  # 2016 < 2022 - 4: stale
    (Z, "income", 2022, 33.0, 33.0, 0.0, 1, 50.0),  # Z: in another group (GK1)
]
GAPS = [  # region, indicator, year, city, ommeland
    (A, "unemp", 2022, 4.5, 3.0), (A, "income", 2022, 30.0, 30.5), (A, "pop", 2022, 900.0, 10.0),
    (B, "income", 2022, 40.0, 41.0),
]
GAP_TRENDS = [  # region, indicator, n, first_gap, last_gap, slope of |ln ratio|, p, class,
    # movement, valence
    (A, "unemp", 8, 0.8, 1.5, 0.01, 0.03, "diverging", "falling_behind", "adverse"),
    (A, "income", 8, -2.0, -0.5, -0.005, 0.01, "converging", "catching_up", "favourable"),
    (A, "crime", 8, 1.0, 1.0, 0.0, 0.9, "stable", "stable", "neutral"),
    (B, "income", 8, -3.0, -1.0, -0.02, 0.02, "converging", "catching_up", "favourable"),
]
INEQ = [(A, "ses_sd", "increasing"), (A, "dissimilarity_low_income", "decreasing"),
        (A, "gini_income_percentile", "increasing")]


def soft(raw: float, weight: float = 1.0) -> float:
    return 4.0 * math.tanh(raw / 4.0) * weight


def _table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    con.register("_df", frame)
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM _df")
    con.unregister("_df")


def make_signal_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """The analysis tables build_signals reads, with hand-chosen numbers."""
    names = {A: "Aa", B: "Bee", C: "Cee", Z: "Zet", OLD: "Oud"}
    _table(con, "regions", pd.DataFrame({
        "region_code": [*names, "PV01"], "name": [*names.values(), "Provincie"],
        "level": ["gemeente"] * 5 + ["provincie"],
        "valid_to": pd.to_datetime([None, None, None, None, "2019-01-01", None])}))
    _table(con, "indicators", pd.DataFrame(INDICATORS, columns=[
        "indicator_id", "domain", "direction", "method", "unit"]).assign(
        title_nl=lambda f: f["indicator_id"].str.upper(),
        title_en=lambda f: f["indicator_id"].str.title(),
        projection=lambda f: f["indicator_id"] == "old_share_outlook",  # a flag, not a name
        current_prices=False))
    trends = pd.DataFrame(TRENDS, columns=[
        "region_code", "indicator_id", "first_year", "last_year", "n_points", "mk_p",
        "theil_sen_slope", "sen_slope_rel", "classification", "direction_label"])
    trends["first_value"] = 10.0
    trends["last_value"] = 10.0 + trends["theil_sen_slope"] * (
        trends["last_year"] - trends["first_year"])
    trends["abs_change"] = trends["last_value"] - trends["first_value"]
    trends["rel_change"] = trends["abs_change"] / 10.0
    trends["indicative"] = trends["n_points"] < 6
    _table(con, "trends", trends)
    # no series jumps (tests/analysis/test_signal_jumps.py adds some)
    _table(con, "jump_trends", trends.iloc[:0].assign(jump_year=pd.Series(dtype="int32")))
    bench = pd.DataFrame(BENCH, columns=["region_code", "indicator_id", "year", "value",
                                         "median", "robust_z", "rank", "percentile"])
    bench["set_id"] = bench["region_code"].map(lambda r: "GK1" if r == Z else "G40")
    # n: the members with a figure, as many as Kies richting needs for a label (its three
    # municipalities stand for six; test_kies_richting_labels_no_position_among_fewer_than_six)
    _table(con, "set_benchmarks", bench.assign(p25=0.0, p75=0.0, n=KIES_MIN_N, mad=MAD))
    # the table and its view as in a warehouse: the signals read both
    _table(con, "indicator_results", bench[["indicator_id", "region_code", "year", "value"]])
    con.execute("CREATE VIEW indicator_values AS FROM indicator_results WHERE value IS NOT NULL")
    _table(con, "comparison_group_members", pd.DataFrame({
        "set_id": ["G40", "G40", "G40", "GK1"], "focal_code": [None] * 4,
        "region_code": [A, B, C, Z]}))
    con.execute("CREATE TABLE comparison_extra (region_code VARCHAR, set_id VARCHAR)")
    con.execute("CREATE TABLE set_distributions AS SELECT DISTINCT set_id, indicator_id, year, "
                "n, median, p25, p75, mad FROM set_benchmarks")
    build_outsider_benchmarks(con)
    gaps = pd.DataFrame(GAPS, columns=["region_code", "indicator_id", "year", "city_value",
                                       "ommeland_value"])
    _table(con, "region_gaps", gaps.assign(gap=gaps["city_value"] - gaps["ommeland_value"],
                                           ommeland_rounding=None))  # summed, not derived
    _table(con, "region_gap_trends", pd.DataFrame(GAP_TRENDS, columns=[
        "region_code", "indicator_id", "n_points", "first_gap", "last_gap", "rel_gap_slope",
        "mk_p", "classification", "movement", "valence"]).assign(
        first_year=2015, last_year=2022, indicative=False, first_ratio=0.8, last_ratio=0.9,
        over_jump=False, no_verdict=None, gap_sign_changed=False, crossing_p=None,
        crossing_slope=None, abs_against=None))
    _table(con, "inequality_trends", pd.DataFrame(INEQ, columns=[
        "region_code", "measure", "trend"]).assign(first_year=2014, last_year=2019))
    _table(con, "peers", pd.DataFrame({
        "region_code": [A, A, A], "peer_code": [B, C, Z], "peer_rank": [1, 2, 1],
        "peer_set": ["G40", "G40", "all"], "peer_name": ["Bee", "Cee", "Zet"]}))


def build_test_signals(con: duckdb.DuckDBPyConnection) -> None:
    """:func:`build_signals` on ``con`` with the opgaven linked to :data:`LINKS`."""
    config = load_opgaven()
    for opgave in config.opgaven:
        opgave.indicators = LINKS[opgave.id]
    build_signals(con, config)


@pytest.fixture()
def sig() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    make_signal_warehouse(con)
    build_test_signals(con)
    yield con
    con.close()


def _leftovers(con) -> list:
    return con.execute(
        "SELECT database_name FROM duckdb_databases() WHERE database_name = '_signals' "
        "UNION ALL SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_sig%' "
        "ESCAPE '\\' UNION ALL SELECT view_name FROM duckdb_views() "
        "WHERE view_name LIKE '\\_sig%' ESCAPE '\\'").fetchall()


def test_the_steps_shared_by_two_cursors_leave_nothing_behind(sig):
    assert _leftovers(sig) == []
    assert sig.execute("SELECT count(*) FROM kies_richting").fetchall()[0][0] > 0


def test_an_error_of_kies_richting_on_its_own_cursor_reaches_the_caller(monkeypatch):
    con = duckdb.connect()
    make_signal_warehouse(con)
    from stadstrends.analysis import signal_kies

    # its statement of its own shape (withheld_labels reads its labelled rows), one table
    # missing: the error comes from the first statement on Kies richting's cursor
    monkeypatch.setattr("stadstrends.analysis.signal_kies.KIES_SQL", signal_kies.KIES_SQL.replace(
        "FROM _signals.bench b", "FROM no_such_table b"))
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        build_signals(con)
    assert _leftovers(con) == []
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert "signal_rows" not in tables  # its rows come after kies_richting: not written


def test_the_signals_rows_are_written_after_kies_richting_is_done(monkeypatch):
    # writing the rows holds them all in memory: beside kies_richting it set the peak.
    # kies_richting is made to start late, so rows written before it ends would show
    import time
    from concurrent.futures import ThreadPoolExecutor

    from stadstrends.analysis import signals

    events = []

    class LatePool(ThreadPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            def late():
                time.sleep(0.5)
                result = fn(*args, **kwargs)
                events.append("task of the second cursor done")
                return result
            return super().submit(late)

    write_rows = signals._rows

    def rows(cursor):
        events.append("rows started")
        write_rows(cursor)

    monkeypatch.setattr(signals, "ThreadPoolExecutor", LatePool)
    monkeypatch.setattr(signals, "_rows", rows)
    con = duckdb.connect()
    make_signal_warehouse(con)
    build_signals(con)
    # kies_richting, then the rows while the second task (the steps beside them) runs
    assert events == ["task of the second cursor done", "rows started",
                      "task of the second cursor done"]
    assert con.execute("SELECT count(*) FROM signal_rows").fetchall()[0][0] > 0
    assert con.execute("SELECT count(*) FROM kies_richting").fetchall()[0][0] > 0


@pytest.fixture()
def beside_rows(monkeypatch):
    """A signal warehouse whose signals' rows wait (a barrier) for one task on the second
    cursor: ``meeting(task)`` wraps a task so that it records its thread and waits for the
    rows before it runs. Each side waits for the other, so the build only gets through when
    both run at the same time (else the barrier times out)."""
    import threading

    from stadstrends.analysis import signals

    both = threading.Barrier(2, timeout=10)
    write_rows = signals._rows
    threads: list[int] = []

    def rows(cursor):
        both.wait()
        write_rows(cursor)

    def meeting(task):
        def met(cursor):
            threads.append(threading.get_ident())
            both.wait()  # the rows are being written meanwhile
            return task(cursor)
        return met

    monkeypatch.setattr(signals, "_rows", rows)
    con = duckdb.connect()
    make_signal_warehouse(con)
    yield SimpleNamespace(con=con, threads=threads, meeting=meeting, signals=signals,
                          here=threading.get_ident())
    con.close()


def test_the_steps_beside_run_on_the_second_cursor_while_the_rows_are_written(beside_rows):
    """The analysis steps no signal reads (``beside``) run on the other cursor after
    kies_richting, at the same time as the signals' rows (each waits for the other here),
    and before the sums per opgave, which read their tables; their counts come back."""
    def step(cursor):
        cursor.execute("CREATE OR REPLACE TABLE beside_step AS SELECT 1 AS x")
        return {"beside_step": 1}

    counts = build_signals(beside_rows.con, beside=[beside_rows.meeting(step)])
    assert counts["beside_step"] == 1 and counts["opgave_summary"] > 0
    assert beside_rows.threads and beside_rows.threads[0] != beside_rows.here
    assert _leftovers(beside_rows.con) == []


def test_the_sums_per_opgave_without_the_rows_are_made_beside_them(beside_rows, monkeypatch):
    """The parts of opgave_summary that read no signal rows (PARTS_SQL) are made on the
    second cursor while the rows are written on this one (each waits for the other here)."""
    signals = beside_rows.signals
    monkeypatch.setattr(signals, "_summary_parts", beside_rows.meeting(signals._summary_parts))
    config = load_opgaven()
    for opgave in config.opgaven:
        opgave.indicators = LINKS[opgave.id]
    build_signals(beside_rows.con, config)
    assert beside_rows.threads and beside_rows.threads[0] != beside_rows.here
    compared = beside_rows.con.execute(
        "SELECT sum(n_indicators_compared) FROM opgave_summary").fetchall()
    assert compared[0][0] > 0
    assert _leftovers(beside_rows.con) == []


def test_an_error_of_a_step_beside_the_rows_is_raised_and_leaves_no_summary():
    def fails(cursor):
        cursor.execute("SELECT * FROM no_such_table")

    con = duckdb.connect()
    make_signal_warehouse(con)
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        build_signals(con, beside=[fails])
    assert _leftovers(con) == []
    assert "opgave_summary" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}


def test_an_error_while_ranking_stops_kies_richting_and_is_the_one_raised(monkeypatch):
    con = duckdb.connect()
    make_signal_warehouse(con)

    def fails(con, settings):
        raise ValueError("ranking failed")

    monkeypatch.setattr("stadstrends.analysis.signals._rank", fails)
    with pytest.raises(ValueError, match="ranking failed"):
        build_signals(con)
    assert _leftovers(con) == []


def test_out_of_memory_side_by_side_runs_the_two_one_after_the_other(sig, monkeypatch):
    con = duckdb.connect()
    make_signal_warehouse(con)
    config = load_opgaven()
    for opgave in config.opgaven:
        opgave.indicators = LINKS[opgave.id]

    def too_big(con, kies_sql, settings, beside, before_scoring=()):
        raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate")

    monkeypatch.setattr("stadstrends.analysis.signals._side_by_side", too_big)
    build_signals(con, config)
    assert _leftovers(con) == []
    for table in ("signal_rows", "opgave_summary", "kies_richting"):
        got = con.execute(f"SELECT * FROM {table} ORDER BY ALL").df()
        want = sig.execute(f"SELECT * FROM {table} ORDER BY ALL").df()
        assert len(got) > 0
        pd.testing.assert_frame_equal(got, want)


def _distinct(con, region: str) -> pd.DataFrame:
    return con.execute("""SELECT DISTINCT rank_city, indicator_id, kind, valence, strength,
                          raw_strength, indicative, projection
                          FROM signals WHERE region_code = ? AND NOT stale
                          ORDER BY rank_city""",
                       [region]).df()


def test_ranking_valence_and_strength_are_as_computed_by_hand(sig):
    got = _distinct(sig, A)
    expected = [  # kind, indicator, valence, strength
        ("trend", "unemp", "favourable", soft(0.99 * 0.5 * 7)),
        ("group_deviation", "unemp", "adverse", soft(2.5)),
        ("ommeland_deviation", "unemp", "adverse", soft(1.5)),
        ("trend", "income", "adverse", soft(0.98 * 0.2 * 7)),
        ("trend", "solar", "favourable", soft(0.96 * 1.0 * 3, 0.5)),  # indicative: halved
        ("group_deviation", "old_share_outlook", "neutral", soft(2.0, 0.5)),  # projection
        # gap trends: the change of |ln ratio| over the window per 0.10
        ("gap_widening", "unemp", "adverse", soft(0.97 * 0.01 * 7 / 0.1)),  # falling behind
        ("trend", "pop", "neutral", soft(0.999 * 0.05 * 7)),
        ("gap_narrowing", "income", "favourable", soft(0.99 * 0.005 * 7 / 0.1)),  # catching up
    ]
    assert list(zip(got["kind"], got["indicator_id"], got["valence"], strict=True)) == [
        e[:3] for e in expected]
    assert got["strength"].tolist() == pytest.approx([e[3] for e in expected])
    assert got["rank_city"].tolist() == list(range(1, 10))
    assert got.loc[got["indicator_id"] == "solar", "indicative"].item()


def test_stale_signals_keep_their_row_but_never_rank(sig):
    stale = sig.execute("SELECT * FROM signals WHERE stale").df()
    assert stale[["region_code", "indicator_id", "kind", "year"]].values.tolist() == [
        [A, "land", "group_deviation", 2016]]  # strongest raw signal (z = 3), but from 2016
    assert stale["rank_city"].isna().all() and stale["rank_opgave"].isna().all()
    wonen = sig.execute("SELECT * FROM opgave_summary WHERE region_code = ? AND "
                        "opgave_id = 'wonen'", [A]).df().iloc[0]
    assert (wonen["n_signals"], wonen["top_indicator_id"]) == (1, "pop")
    assert sig.execute("SELECT count(*) FROM kies_richting WHERE indicator_id = 'land'"
                       ).fetchall()[0][0] == 0


def test_exclusions_scope_and_fallback_scale(sig):
    kinds = {r[0] for r in sig.execute(
        "SELECT region_code || ':' || indicator_id || ':' || kind FROM signals").fetchall()}
    for absent in (f"{A}:crime:trend",  # significant but below trend_min_strength
                   f"{A}:old_share_outlook:trend",  # a projection's path is not observed
                   f"{A}:pop:group_deviation", f"{A}:pop:gap_widening",  # size counts
                   f"{B}:unemp:trend", f"{OLD}:unemp:trend"):  # not significant; former
        assert absent not in kinds
    z = _distinct(sig, Z).set_index("indicator_id")
    assert z.loc["income", "raw_strength"] == pytest.approx(0.99 * 0.1 * 7)
    # no group scale in 2023: |relative slope| x years / REL_FALLBACK
    assert z.loc["solar", "raw_strength"] == pytest.approx(0.99 * 0.05 * 8 / 0.10)
    assert sig.execute(f"SELECT count(*) FROM signals WHERE region_code = '{OLD}'"
                       ).fetchall()[0][0] == 0


def test_signal_rows_per_opgave_carry_the_numbers(sig):
    rows = sig.execute(f"""SELECT opgave_id, rank_opgave, value, first_value, change, p_value,
                                  median, rank, ommeland_value, gap
                           FROM signals WHERE region_code = '{A}' AND indicator_id = 'unemp'
                             AND kind = 'trend' ORDER BY opgave_id""").df()
    assert rows["opgave_id"].tolist() == ["economie", "zorg_welzijn"]
    assert rows["rank_opgave"].tolist() == [1, 1]
    first = rows.iloc[0]
    assert (first["value"], first["first_value"], first["change"]) == pytest.approx(
        (6.5, 10.0, -3.5))
    assert (first["p_value"], first["median"], first["rank"]) == (0.01, 2.0, 1)
    assert (first["ommeland_value"], first["gap"]) == pytest.approx((3.0, 1.5))


def test_opgave_summary_counts_and_tweedeling_verdicts(sig):
    s = sig.execute("SELECT * FROM opgave_summary WHERE region_code IN (?, ?)",
                    [A, B]).df().set_index(["region_code", "opgave_id"])
    eco = s.loc[(A, "economie")]
    assert (eco["n_signals"], eco["n_adverse"], eco["n_favourable"]) == (6, 4, 2)
    assert eco["top_indicator_id"] == "unemp" and eco["top_kind"] == "trend"
    verdicts = {o: s.loc[(A, o), "tweedeling_verdict"] for o in LINKS}
    # one divide moving one way is too few for a verdict (setting divide_min_gaps, 2)
    assert verdicts == {"economie": "mixed", "zorg_welzijn": "too few",
                        "wonen": "no data",  # only a size count: left out
                        "verduurzaming": "no data", "bestuur_samenspel": "stable"}
    counts = ["n_divides", "n_divides_widening", "n_divides_narrowing"]
    assert s.loc[(A, "economie"), counts].tolist() == [2, 1, 1]
    assert s.loc[(A, "bestuur_samenspel"), counts].tolist() == [1, 0, 0]
    assert s.loc[(B, "economie"), "tweedeling_verdict"] == "too few"
    hoods = {o: s.loc[(A, o), "neighbourhood_verdict"] for o in LINKS}
    assert hoods == {"zorg_welzijn": "mixed", "economie": "inequality rises",
                     "wonen": "inequality falls", "verduurzaming": "inequality falls",
                     "bestuur_samenspel": "inequality rises"}
    assert s.loc[(B, "wonen"), "neighbourhood_verdict"] == "no data"
    zet = sig.execute(f"SELECT * FROM opgave_summary WHERE region_code = '{Z}'").df()
    assert len(zet) == 5 and set(zet["tweedeling_verdict"]) == {"no data"}


def test_kies_richting_labels_reasons_and_better_peers(sig):
    k = sig.execute("SELECT * FROM kies_richting ORDER BY region_code, label, rank").df()
    got = [(r.region_code, r.label, r.indicator_id, r.reason) for r in k.itertuples()]
    assert got == [
        (A, "distinctive strength", "solar", "favourable_quartile_improving"),
        (A, "urgent task", "income", "unfavourable_quartile_worsening"),  # lowest, falling
        (B, "distinctive strength", "income", "favourable_quartile_no_trend"),
        (B, "urgent task", "solar", "unfavourable_half_worsening"),
        (C, "distinctive strength", "unemp", "favourable_quartile_no_trend"),
        (C, "urgent task", "crime", "unfavourable_quartile_no_trend"),
    ]  # A unemp: highest unemployment but falling significantly, so not urgent; A crime:
    # lowest crime but rising significantly, so no strength; pop: a count; old_share: neutral
    peers = {(r.region_code, r.indicator_id): ([p["name"] for p in r.better_peers],
                                               r.n_peers_compared)
             for r in k.itertuples() if r.region_code == A}
    assert peers == {(A, "solar"): ([], 1), (A, "income"): (["Bee", "Cee"], 2)}
    assert k.loc[k["indicator_id"] == "income", "better_peers"].iloc[0][0]["value"] == 40.0


def test_kies_richting_labels_no_position_among_fewer_than_six():
    """Among fewer than six with a figure the 'quarter' is the one at the end: B's income,
    highest of five, is no distinctive strength (with six it is, above)."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    con.execute("UPDATE set_benchmarks SET n = ? WHERE region_code = ? "
                "AND indicator_id = 'income'", [KIES_MIN_N - 1, B])
    build_signals(con)
    got = con.execute("SELECT region_code, indicator_id FROM kies_richting").fetchall()
    assert (B, "income") not in got and (A, "solar") in got
    assert KIES_MIN_N == 6


# --- the real snapshot ------------------------------------------------------------------


def test_indicators_compared_count_each_recent_position_of_the_opgave_once(wh):
    """n_indicators_compared: the opgave's indicators with a position in the group in a
    year that is not stale, each once however many such years it has (PARTS_SQL counts the
    indicators once, then their opgaven)."""
    got = wh.execute("""
        WITH fresh AS (SELECT max(year) - ? AS y FROM indicator_results
                       WHERE value IS NOT NULL AND indicator_id NOT IN (
                           SELECT indicator_id FROM indicators WHERE projection)),
        want AS (SELECT b.set_id, b.region_code, o.opgave_id,
                        count(DISTINCT b.indicator_id) AS n
                 FROM group_benchmarks b
                 JOIN (SELECT opgave_id, unnest(indicators) AS indicator_id FROM opgaven) o
                   USING (indicator_id)
                 WHERE b.year >= (SELECT y FROM fresh) GROUP BY ALL)
        SELECT count(*) FILTER (WHERE s.n_indicators_compared <> coalesce(w.n, 0)),
               count(*) FILTER (WHERE s.n_indicators_compared > 1), count(*)
        FROM opgave_summary s LEFT JOIN want w USING (set_id, region_code, opgave_id)
        """, [default_settings().stale_after_years]).fetchall()[0]
    assert got[0] == 0 and got[1] > got[2] // 2


def test_opgaven_file_matches_the_catalogue(wh):
    config = load_opgaven()
    assert [o.id for o in config.opgaven] == ["wonen", "zorg_welzijn", "verduurzaming",
                                              "economie", "bestuur_samenspel"]
    assert catalogue_problems(config, load_catalogue()) == []
    measures = {r[0] for r in wh.execute("SELECT measure FROM inequality_measures").fetchall()}
    for opgave in config.opgaven:
        assert set(opgave.neighbourhood_measures) <= measures, opgave.id


def test_every_municipality_has_signals_and_five_opgaven_in_its_default_group(wh):
    per_city = wh.execute("""
        SELECT d.region_code, d.set_id,
               count(DISTINCT s.indicator_id || s.kind) AS n_signals,
               count(DISTINCT o.opgave_id) AS n_opgaven,
               count(DISTINCT s.kind) AS n_kinds,
               min(o.n_indicators_compared) AS min_compared
        FROM default_group d
        LEFT JOIN signals s USING (set_id, region_code)
        LEFT JOIN opgave_summary o USING (set_id, region_code)
        GROUP BY ALL""").df()
    assert len(per_city) == 342
    assert (per_city["n_signals"] > 10).all() and (per_city["n_opgaven"] == 5).all()
    assert (per_city["min_compared"] > 0).all() and (per_city["n_kinds"] >= 2).all()
    # three kinds or more, except where the COROP region is the municipality alone (no
    # ommeland: Eemsdelta)
    assert set(per_city.loc[per_city["n_kinds"] < 3, "region_code"]) <= {"GM1979"}
    g40 = per_city[per_city["set_id"] == "G40"]
    assert len(g40) == 45  # its 41 members and the 4 G4 cities, as outsiders
    # a municipality's signals exist for every group it is in, ranked within each group
    pairs = wh.execute("""SELECT count(*), count(DISTINCT set_id || region_code)
                          FROM opgave_summary""").fetchall()[0]
    members = wh.execute("""SELECT count(*) FROM (
                                SELECT set_id, coalesce(focal_code, region_code)
                                FROM comparison_group_members
                                UNION SELECT set_id, region_code FROM comparison_extra)
                         """).fetchall()[0][0]
    assert pairs == (5 * members, members)  # the groups it is in, and G4 cities in the G40
    dev = wh.execute("""
        SELECT count(*) FILTER (WHERE s.median IS DISTINCT FROM b.median
                                   OR s.rank IS DISTINCT FROM b.rank
                                   OR s.n IS DISTINCT FROM b.n), count(*)
        FROM signals s JOIN set_benchmarks b USING (set_id, region_code, indicator_id, year)
        WHERE s.kind = 'group_deviation'""").fetchall()[0]
    assert dev[0] == 0 and dev[1] > 1000
    bad = wh.execute("""SELECT count(*) FROM signals WHERE valence NOT IN
                        ('favourable', 'adverse', 'neutral') OR strength IS NULL
                        OR strength <= 0 OR strength > 4 OR kind NOT IN ('trend',
                        'group_deviation', 'ommeland_deviation', 'gap_widening',
                        'gap_narrowing', 'gap_crossing')""").fetchall()[0][0]
    assert bad == 0


def test_adverse_trend_signals_carry_the_trends_numbers(wh):
    diff = wh.execute("""
        SELECT count(*) AS n,
               count(*) FILTER (WHERE s.value IS DISTINCT FROM t.last_value
                   OR s.first_value IS DISTINCT FROM t.first_value
                   OR s.change IS DISTINCT FROM t.abs_change
                   OR s.p_value IS DISTINCT FROM t.mk_p
                   OR s.slope IS DISTINCT FROM t.theil_sen_slope
                   OR s.year IS DISTINCT FROM t.last_year
                   OR t.direction_label <> 'worsening') AS n_diff
        FROM signals s JOIN trends t USING (region_code, indicator_id)
        WHERE s.kind = 'trend' AND s.valence = 'adverse'""").fetchall()[0]
    assert diff[0] > 0 and diff[1] == 0


def test_kies_richting_on_the_snapshot_is_consistent(wh):
    k = wh.execute("SELECT * FROM kies_richting").df()
    assert set(k["label"]) == {"distinctive strength", "urgent task"}
    strong = k[k["label"] == "distinctive strength"]
    assert (strong["favourable_percentile"] >= 75).all()
    assert (k.loc[k["label"] == "urgent task", "favourable_percentile"] < 50).all()
    # Zwolle's bijstand is in the unfavourable G40 quarter: an urgent task (issue 10)
    zwolle = k[(k["region_name"] == "Zwolle") & (k["label"] == "urgent task")
               & (k["set_id"] == "G40")]
    assert "social_assistance_per_1000" in set(zwolle["indicator_id"])
    for row in k.itertuples():
        sign = 1 if row.direction == "higher_better" else -1
        assert all(sign * (p["value"] - row.value) > 0 for p in row.better_peers)


def test_build_signals_is_repeatable(warehouse_path, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(warehouse_path, db)
    with duckdb.connect(str(db)) as con:
        before = con.execute("SELECT count(*) FROM signals").fetchall()[0][0]
        counts = build_signals(con)
    assert counts["signals"] == before and counts["opgaven"] == 5


def test_a_trend_is_not_scaled_by_a_spread_of_fewer_than_six_figures(wh):
    """A trend's strength is its fitted change in group scales only where the scale rests on
    at least DEVIATION_MIN_N figures, as for deviations; a MAD of three values is no
    yardstick (1 575 trend signals were scaled by one on the snapshot): below that, the
    relative fallback |relative slope| x years / REL_FALLBACK."""
    from stadstrends.analysis.signals import DEVIATION_MIN_N, REL_FALLBACK

    few, off = wh.execute(f"""
        SELECT count(*), count(*) FILTER (WHERE abs(raw_strength - (1 - p_value)
               * abs(slope_rel) * (year - first_year) / {REL_FALLBACK}) > 1e-9)
        FROM signals WHERE kind = 'trend' AND n < {DEVIATION_MIN_N}""").fetchone()
    assert few > 100 and off == 0


def test_every_kind_of_signal_carries_its_position_and_gap_of_that_year(wh):
    """A signal's row carries the figures of its municipality's position in its group in
    its year (``group_benchmarks``: median to robust_z, NULL without one) and of the
    city-region gap that year (``region_gaps``), whatever its kind: each kind's part of the
    scoring takes them where it has the position (signals.BASE_SQL), instead of a join of
    every row again while the rows are written."""
    per_kind = wh.execute("""
        SELECT s.kind, count(*) AS n,
               count(*) FILTER (WHERE b.set_id IS NOT NULL) AS with_position,
               count(*) FILTER (WHERE g.region_code IS NOT NULL) AS with_gap,
               count(*) FILTER (WHERE s.median IS DISTINCT FROM b.median
                   OR s.p25 IS DISTINCT FROM b.p25 OR s.p75 IS DISTINCT FROM b.p75
                   OR s.n IS DISTINCT FROM b.n OR s.rank IS DISTINCT FROM b.rank
                   OR s.percentile IS DISTINCT FROM b.percentile
                   OR s.robust_z IS DISTINCT FROM b.robust_z
                   OR s.ommeland_value IS DISTINCT FROM g.ommeland_value
                   OR s.gap IS DISTINCT FROM g.gap) AS n_diff
        FROM signal_rows s
        LEFT JOIN group_benchmarks b USING (set_id, region_code, indicator_id, year)
        LEFT JOIN region_gaps g USING (region_code, indicator_id, year)
        GROUP BY ALL ORDER BY ALL""").df().set_index("kind")
    assert set(per_kind.index) == {"trend", "group_deviation", "ommeland_deviation",
                                   "gap_widening", "gap_narrowing", "gap_crossing"}
    assert (per_kind["n_diff"] == 0).all(), per_kind
    # each kind has rows with a position and with a gap; rows without either carry NULLs
    # (trends and deviations without a gap that year, gap trends without a position)
    assert (per_kind["with_position"] > 0).all() and (per_kind["with_gap"] > 0).all()
    assert (per_kind.loc[["trend", "group_deviation"], "with_gap"]
            < per_kind.loc[["trend", "group_deviation"], "n"]).all()
    assert (per_kind.loc["gap_narrowing", "with_position"]
            < per_kind.loc["gap_narrowing", "n"])


def _signals_with(**settings: float) -> duckdb.DuckDBPyConnection:
    """The small signal warehouse with its signals built under these settings."""
    con = duckdb.connect()
    make_signal_warehouse(con)
    config = load_opgaven()
    for opgave in config.opgaven:
        opgave.indicators = LINKS[opgave.id]
    build_signals(con, config, settings=load_settings(**settings))
    return con


def test_where_a_deviation_begins_is_the_settings():
    """The settings ``deviation_min_z`` and ``ommeland_min`` (``settings.yaml``, recorded in
    ``build_info``) are where the signals' deviations begin: at 1 (the file's) A's
    unemployment (2,5 robust z; a gap of 1,5 scales) and its outlook (2,0) deviate, at 2,6 and
    1,6 only C's unemployment (3,0) is left."""
    def deviations(**edges: float) -> list[tuple]:
        return _signals_with(**edges).execute("""SELECT DISTINCT region_code, indicator_id,
            kind FROM signals WHERE kind LIKE '%deviation' AND NOT stale ORDER BY ALL""").fetchall()

    usual = deviations()
    assert (A, "unemp", "group_deviation") in usual
    assert (A, "unemp", "ommeland_deviation") in usual
    assert (A, "old_share_outlook", "group_deviation") in usual
    assert deviations(deviation_min_z=2.6, ommeland_min=1.6) == [
        r for r in usual if r == (C, "unemp", "group_deviation")]
    assert (C, "unemp", "group_deviation") in usual


def test_where_a_trend_signal_begins_is_the_setting():
    """The setting ``trend_min_strength`` (``settings.yaml``, recorded in ``build_info``, read
    by the report's Verantwoording and badge and the city page's tiles) is where a
    significant trend becomes a signal: A's crime, significant but below the file's 0,25,
    is none; at 0 it is one."""
    def trends(**edge: float) -> set[tuple]:
        return set(_signals_with(**edge).execute("SELECT DISTINCT region_code, indicator_id "
                                                 "FROM signals WHERE kind = 'trend'").fetchall())

    usual, every = trends(), trends(trend_min_strength=0.0)
    assert (A, "crime") not in usual and (A, "crime") in every
    assert usual < every
