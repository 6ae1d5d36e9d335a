"""The analysis stage's two chains: in parallel, and one after the other when the two at
once run out of DuckDB's memory limit; the late steps taken by the chain that ends first,
or run beside the signals' rows."""

from __future__ import annotations

import contextlib
import sys
import threading
import time

import duckdb
import pytest

from stadstrends.analysis import build as analysis_build


def _chains(log: list[str], fail_while_parallel: bool):
    both_running = threading.Barrier(2, timeout=5)
    state = {"parallel": True}

    def step(name: str, chain_no: int):
        def run(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            if state["parallel"] and name.endswith("first"):
                both_running.wait()  # the two chains really are at work at the same time
                if fail_while_parallel and chain_no == 2:
                    state["parallel"] = False
                    raise duckdb.OutOfMemoryException("Out of Memory Error: test")
            con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT {chain_no} AS chain")
            log.append(name)
            return {name: 1}
        return run

    return [[("a", step("c1_first", 1)), ("b", step("c1_second", 1))],
            [("c", step("c2_first", 2)), ("d", step("c2_second", 2))]]


@pytest.mark.parametrize("fail", [False, True])
def test_chains_run_in_parallel_and_again_one_after_the_other_when_out_of_memory(
        monkeypatch, fail):
    log: list[str] = []
    chains = _chains(log, fail)
    monkeypatch.setattr(analysis_build, "analysis_chains",
                        lambda window, settings, late=None, later=None, searches=None: chains)
    monkeypatch.setattr(analysis_build, "late_steps",
                        lambda window, settings, early_done=False: [])
    monkeypatch.setattr(analysis_build, "build_signals",
                        lambda con, settings, beside, before_scoring=(): {"signals": len(beside)})
    con = duckdb.connect()
    counts = analysis_build.build_analysis(con)
    names = ["c1_first", "c1_second", "c2_first", "c2_second"]
    assert counts == {**dict.fromkeys(names, 1), "signals": 0}
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert set(names) <= tables
    if fail:  # chain 1 finished in parallel, then both ran again in order
        assert log[-4:] == names
    else:
        assert sorted(log) == names


@pytest.mark.parametrize("slow", [1, 2])
def test_the_chain_that_ends_first_takes_the_late_steps_while_the_other_works(
        monkeypatch, slow) -> None:
    """While one chain is still at work (its step waits until the late steps are done), the
    other takes both, once each, on its own cursor; a late step whose needs have not run
    ('b_after': a step no chain has) is not taken, and goes to the signals' rows
    (``beside``) when no chain is left to take it."""
    floated = threading.Event()
    ran: list[tuple[str, int]] = []
    beside_got: list[int] = []

    def step(chain_no: int):
        def run(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            if chain_no == slow:
                assert floated.wait(timeout=10)
            return {f"c{chain_no}": 1}
        return run

    def late(name: str):
        def run(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            ran.append((name, threading.get_ident()))
            if len(ran) == 2:
                floated.set()
            return {name: 1}
        return run

    waits_for_slow = late("b_after")
    monkeypatch.setattr(analysis_build, "analysis_chains",
                        lambda window, settings, late=None, later=None, searches=None: [
                            [("slow" if slow == 1 else "a", step(1))],
                            [("slow" if slow == 2 else "a", step(2))]])
    monkeypatch.setattr(analysis_build, "late_steps", lambda window, settings, early_done: [
        ("b_after", waits_for_slow, frozenset({"not_run"})),
        ("f1", late("f1"), frozenset()), ("f2", late("f2"), frozenset({"a"}))])

    def signals(con, settings, beside, before_scoring=()):
        beside_got.append(len(beside))
        assert beside == [waits_for_slow]
        return {}

    monkeypatch.setattr(analysis_build, "build_signals", signals)
    counts = analysis_build.build_analysis(duckdb.connect())
    assert counts == {"c1": 1, "c2": 1, "f1": 1, "f2": 1}
    assert [name for name, _ in ran] == ["f1", "f2"]
    assert len({thread for _, thread in ran}) == 1  # one chain, the fast one, ran both
    assert beside_got == [1]


def test_no_chain_takes_a_late_step_once_both_are_through_their_own() -> None:
    """A chain through its own steps takes a late step while the other is still in its own;
    once both are through theirs, neither takes one (it ran beside the signals' first
    statements, which keep both cores busy, and left a core idle beside their rows): those
    left go to the signals' rows."""
    steps = [(name, lambda con, name=name: {name: 1}, frozenset()) for name in ("l1", "l2")]
    late = analysis_build.LateSteps(steps)
    late.chain_ended(True)  # the first chain through its own steps, the other still in them
    taken = late.take()
    assert taken is not None and taken[0] == "l1"
    late.chain_ended(True)  # the second through its own too
    assert late.take() is None and late.take() is None
    assert late.wait_chains()
    assert late.close() == [steps[1][1]]


def test_the_signals_start_while_a_chain_still_runs_a_late_step(monkeypatch) -> None:
    """Both chains through their own steps, the signals start though a chain is still in a
    late step (no signal reads one): the step goes on beside them and is waited for before
    they score (``before_scoring``). Before, the signals waited for it: here for ever."""
    signals_started, took = threading.Event(), threading.Event()

    def late(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        took.set()
        assert signals_started.wait(timeout=5)  # the signals begin meanwhile
        return {"late": 1}

    def second(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        assert took.wait(timeout=5)  # the first chain took the late step meanwhile
        return {"c2": 1}

    monkeypatch.setattr(analysis_build, "analysis_chains",
                        lambda window, settings, late=None, later=None, searches=None: [
                            [("a", lambda con: {"c1": 1})], [("b", second)]])
    monkeypatch.setattr(analysis_build, "late_steps", lambda window, settings, early_done: [
        ("late", late, frozenset())])

    def signals(con, settings, beside, before_scoring=()):
        signals_started.set()
        for step in before_scoring:  # the late step in flight, waited for
            step(con)
        return {"signals": len(beside)}

    monkeypatch.setattr(analysis_build, "build_signals", signals)
    counts = analysis_build.build_analysis(duckdb.connect())
    assert counts == {"c1": 1, "c2": 1, "late": 1, "signals": 0}


def _needing_chains(made: list[tuple[str, str]], other_ends: threading.Event):
    """Chain 1 ('needs') requires the late step 'shared'; chain 2 ('other') ends when
    ``other_ends`` is set."""
    def chains(window, settings, late=None, later=None, searches=None):
        def needs(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            counts = late.require("shared", con)
            made.append(("needs", threading.current_thread().name))
            return {"needs": 1, **counts}

        def other(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            assert other_ends.wait(timeout=10)
            return {"other": 1}
        return [[("a", needs)], [("b", other)]]
    return chains


def _shared_step(made: list[tuple[str, str]], started: threading.Event | None = None,
                 release: threading.Event | None = None, fail_once: list[bool] | None = None):
    def shared(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        if started is not None:
            started.set()
        if release is not None:
            assert release.wait(timeout=10)
        if fail_once:
            fail_once.pop()
            raise duckdb.IOException("test: the chain that took it failed")
        made.append(("shared", threading.current_thread().name))
        return {"shared": 1}
    return shared


def test_a_late_step_a_chain_needs_is_run_by_that_chain_when_no_other_took_it(
        monkeypatch) -> None:
    """The other chain still at work: the chain that needs the late step runs it itself,
    once, before its own step goes on; it is not run again beside the signals."""
    made: list[tuple[str, str]] = []
    other_ends = threading.Event()
    monkeypatch.setattr(analysis_build, "analysis_chains", _needing_chains(made, other_ends))
    shared = _shared_step(made)

    def late(window, settings, early_done):
        def shared_then_release(con):
            counts = shared(con)
            other_ends.set()
            return counts
        return [("shared", shared_then_release, frozenset({"a"}))]

    monkeypatch.setattr(analysis_build, "late_steps", late)
    monkeypatch.setattr(analysis_build, "build_signals",
                        lambda con, settings, beside, before_scoring=(): {"beside": len(beside)})
    counts = analysis_build.build_analysis(duckdb.connect())
    assert counts == {"needs": 1, "shared": 1, "other": 1, "beside": 0}
    assert [name for name, _ in made] == ["shared", "needs"]
    assert made[0][1] == made[1][1]  # on the needing chain's thread


def _waiting_chains(made: list[tuple[str, str]], started: threading.Event,
                    release: threading.Event):
    """Chain 2 ends at once (and takes the late step 'shared'); chain 1 requires 'shared'
    once chain 2 is inside it, which ``release`` lets end 0.2 s later."""
    def chains(window, settings, late=None, later=None, searches=None):
        def needs(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            assert started.wait(timeout=10)  # the other chain is inside the late step
            threading.Timer(0.2, release.set).start()
            counts = late.require("shared", con)
            made.append(("needs", threading.current_thread().name))
            return {"needs": 1, **counts}
        return [[("a", needs)], [("b", lambda con: {"other": 1})]]
    return chains


def test_a_late_step_another_chain_took_is_waited_for_not_run_twice(monkeypatch) -> None:
    """The other chain took the late step (its needs were done): the chain needing it
    waits until it is made, then goes on; the step ran once, on the other chain."""
    made: list[tuple[str, str]] = []
    started, release = threading.Event(), threading.Event()
    monkeypatch.setattr(analysis_build, "analysis_chains",
                        _waiting_chains(made, started, release))
    monkeypatch.setattr(analysis_build, "late_steps", lambda window, settings, early_done: [
        ("shared", _shared_step(made, started, release), frozenset())])
    monkeypatch.setattr(analysis_build, "build_signals",
                        lambda con, settings, beside, before_scoring=(): {"beside": len(beside)})
    counts = analysis_build.build_analysis(duckdb.connect())
    assert counts == {"needs": 1, "shared": 1, "other": 1, "beside": 0}
    assert [name for name, _ in made] == ["shared", "needs"]
    assert made[0][1] != made[1][1]  # made by the other chain, waited for by this one


def test_a_late_step_whose_taker_failed_is_run_by_the_chain_that_needs_it(monkeypatch) -> None:
    """The chain that took the late step fails in it: the chain waiting for it runs it
    itself (and does not wait for ever); the taker's error is the build's."""
    made: list[tuple[str, str]] = []
    started, release = threading.Event(), threading.Event()
    monkeypatch.setattr(analysis_build, "analysis_chains",
                        _waiting_chains(made, started, release))
    monkeypatch.setattr(analysis_build, "late_steps", lambda window, settings, early_done: [
        ("shared", _shared_step(made, started, release, fail_once=[True]), frozenset())])
    with pytest.raises(duckdb.IOException, match="the chain that took it failed"):
        analysis_build.build_analysis(duckdb.connect())
    assert [name for name, _ in made] == ["shared", "needs"]


def test_the_city_region_gaps_take_the_ommeland_steps_from_the_late_steps() -> None:
    """The gaps' step reads ``ommeland_steps``: a late step whose needs are chain steps
    before the gaps (so the other chain can make it meanwhile)."""
    late = {name: needs for name, _, needs in analysis_build.late_steps()}
    chain = [name for name, _ in analysis_build.analysis_chains()[0]]
    assert late["ommeland steps"] <= set(chain[:chain.index("city-region gaps")])
    assert "ommeland steps" not in {n for c in analysis_build.analysis_chains() for n, _ in c}


def test_the_late_steps_read_only_what_the_chains_made_before_them() -> None:
    """Each late step's needs are steps of the chains or late steps before it (the build's
    real lists: the steps left to the signals run in their order)."""
    names = {name for chain in analysis_build.analysis_chains() for name, _ in chain}
    for name, _, needs in analysis_build.late_steps():
        assert needs <= names, name
        names.add(name)
    assert "humps and steps" in names


def test_preloading_imports_the_late_libraries_in_the_background(monkeypatch) -> None:
    """The typology's k-means module is imported by a background thread (the build starts it
    after the ingest); a module that cannot be imported is left to the step that needs it."""
    monkeypatch.setattr(analysis_build, "LATE_IMPORTS",
                        ("scipy.cluster.vq", "stadstrends_no_such_module"))
    thread = analysis_build.preload_libraries()
    thread.join(timeout=60)
    assert not thread.is_alive() and thread.daemon
    assert "scipy.cluster.vq" in sys.modules


def _early(monkeypatch, step) -> None:
    monkeypatch.setattr(analysis_build, "early_steps",
                        lambda window=None, settings=None: [("early", step)])


def test_the_early_steps_run_beside_the_block_on_a_cursor_of_their_own(monkeypatch) -> None:
    """The early step waits for the block (the indicator stage) to be at work, so the two
    run at the same time; its table is there after it and its counts are returned."""
    block_running = threading.Event()

    def step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        assert block_running.wait(timeout=10)
        con.execute("CREATE TABLE early_made AS SELECT range AS x FROM range(3)")
        return {"early_made": 3}

    _early(monkeypatch, step)
    con = duckdb.connect()
    with analysis_build.early_analysis(con) as early:
        con.execute("CREATE TABLE block_made AS SELECT 1 AS x")
        block_running.set()
        counts = early()
    assert counts == {"early_made": 3}
    assert con.execute("SELECT count(*) FROM early_made").fetchone()[0] == 3


def test_early_steps_out_of_memory_are_left_to_the_analysis(monkeypatch) -> None:
    """Out of DuckDB's memory beside the block: no counts, and the analysis then runs them
    as late steps (they are late steps unless the build says they are done)."""
    def step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        raise duckdb.OutOfMemoryException("Out of Memory Error: test")

    _early(monkeypatch, step)
    with analysis_build.early_analysis(duckdb.connect()) as early:
        assert early() is None
    names = [name for name, _, _ in analysis_build.late_steps()]
    assert "early" in names
    assert "early" not in [n for n, _, _ in analysis_build.late_steps(early_done=True)]


def test_an_early_steps_error_is_raised_where_its_counts_are_asked(monkeypatch) -> None:
    def step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        con.execute("SELECT * FROM no_such_table")
        return {}

    _early(monkeypatch, step)
    with analysis_build.early_analysis(duckdb.connect()) as early, \
            pytest.raises(duckdb.CatalogException, match="no_such_table"):
        early()


def test_an_error_of_the_block_interrupts_the_early_steps(monkeypatch) -> None:
    """The indicator stage fails while the early step runs a long statement: the step is
    interrupted (not waited for), and the block's error is the one raised."""
    started = threading.Event()
    ended: list[BaseException] = []

    def step(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        started.set()
        try:
            con.execute("SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3")
        except BaseException as exc:
            ended.append(exc)
            raise
        return {}

    _early(monkeypatch, step)
    begun = time.monotonic()
    with pytest.raises(ValueError, match="indicator stage failed"), \
            analysis_build.early_analysis(duckdb.connect()):
        assert started.wait(timeout=10)
        time.sleep(0.2)  # the statement is running
        raise ValueError("indicator stage failed")
    assert time.monotonic() - begun < 20
    assert len(ended) == 1 and isinstance(ended[0], duckdb.InterruptException)


def test_the_early_steps_need_only_the_ingest_and_the_regions(
        monkeypatch, shared_data, warehouse_path, tmp_path) -> None:
    """Run where the warehouse build starts them (after the regions stage, before any
    indicator table exists), the early steps make the tables of the full build."""
    from stadstrends.ingest.sources import table_reader
    from stadstrends.warehouse import build as warehouse_build

    made: dict[str, list] = {}

    class Stop(Exception):
        pass

    def instead_of_indicators(con, catalogue, *_) -> None:
        assert "indicator_results" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        counts = analysis_build.run_steps(con, [s for _, s in analysis_build.early_steps()])
        for table in counts:
            made[table] = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        raise Stop

    monkeypatch.setattr(warehouse_build, "early_analysis", _no_early)
    monkeypatch.setattr(warehouse_build, "build_indicators", instead_of_indicators)
    reader, reference, _ = table_reader(shared_data)
    with pytest.raises(Stop):
        warehouse_build.build_warehouse(tmp_path / "w.duckdb", reader, reference)
    assert set(made) == {"inequality", "inequality_trends", "inequality_coverage",
                         "inequality_measures"}
    full = duckdb.connect(str(warehouse_path), read_only=True)
    for table, rows in made.items():  # the same up to the parallel sums' last digits
        theirs = full.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        assert len(rows) == len(theirs), table
        for mine, built in zip(rows, theirs, strict=True):
            assert mine == pytest.approx(built, rel=1e-9, nan_ok=True), table
    assert len(made["inequality"]) > 1000


class _NoEarly:
    def start(self) -> None:
        pass

    def __call__(self) -> None:
        return None


@contextlib.contextmanager
def _no_early(con, window=None, settings=None, deferred=False):
    yield _NoEarly()
