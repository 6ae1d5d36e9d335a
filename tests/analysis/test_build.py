"""The analysis stage's two chains: in parallel, and one after the other when the two at
once run out of DuckDB's memory limit; then the signals, with the steps beside them."""

from __future__ import annotations

import sys
import threading

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
    monkeypatch.setattr(analysis_build, "analysis_chains", lambda window, settings: chains)
    monkeypatch.setattr(analysis_build, "build_signals",
                        lambda con, settings, beside: {"signals": len(beside)})
    con = duckdb.connect()
    counts = analysis_build.build_analysis(con)
    names = ["c1_first", "c1_second", "c2_first", "c2_second"]
    assert counts == {**dict.fromkeys(names, 1), "signals": 2}
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert set(names) <= tables
    if fail:  # chain 1 finished in parallel, then both ran again in order
        assert log[-4:] == names
    else:
        assert sorted(log) == names


def test_preloading_imports_the_late_libraries_in_the_background(monkeypatch) -> None:
    """The typology's k-means module is imported by a background thread (the build starts it
    after the ingest); a module that cannot be imported is left to the step that needs it."""
    monkeypatch.setattr(analysis_build, "LATE_IMPORTS",
                        ("scipy.cluster.vq", "stadstrends_no_such_module"))
    thread = analysis_build.preload_libraries()
    thread.join(timeout=60)
    assert not thread.is_alive() and thread.daemon
    assert "scipy.cluster.vq" in sys.modules
