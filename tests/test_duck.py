"""DuckDB helpers shared by the stages: letting go of cached table blocks; work on a second
cursor beside a block of statements."""

from __future__ import annotations

import threading
import time

import duckdb
import pytest

from stadstrends.duck import STEPS_DB, beside, detach_steps, release_cached_blocks
from stadstrends.warehouse.resources import BuildResources


def _memory(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    return {tag: (used, spilled) for tag, used, spilled in con.execute(
        "SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory()"
    ).fetchall()}


@pytest.fixture()
def cached(tmp_path):
    """A warehouse-like file whose table blocks are cached, beside an in-memory table."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t AS SELECT range AS id, random() AS value, "
                    "'GM' || (range % 400)::VARCHAR AS region_code FROM range(10000000)")
    con = duckdb.connect(str(path))
    con.execute("SELECT sum(id), sum(value), count(DISTINCT region_code) FROM t").fetchall()
    con.execute("CREATE TEMP TABLE step AS SELECT range AS id, random() AS value "
                "FROM range(1000000)")
    yield con
    con.close()


def test_the_cached_blocks_go_and_nothing_is_spilled(cached):
    BuildResources(memory_limit="1GB").apply(cached)
    limit = cached.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    before = _memory(cached)
    assert before["BASE_TABLE"][0] > 64 * 2**20  # the table's blocks, read once
    release_cached_blocks(cached)
    after = _memory(cached)
    assert after["BASE_TABLE"][0] < before["BASE_TABLE"][0] / 2
    assert after["IN_MEMORY_TABLE"][0] == before["IN_MEMORY_TABLE"][0]  # kept in memory
    assert all(spilled == 0 for _, spilled in after.values())
    assert cached.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] == limit
    # the table reads as before, from the file
    assert cached.execute("SELECT count(*), count(DISTINCT region_code) FROM t"
                          ).fetchall() == [(10000000, 400)]


def test_without_the_builds_limit_nothing_changes(cached):
    cached.execute("SET memory_limit = '900MB'")
    before = _memory(cached)["BASE_TABLE"][0]
    release_cached_blocks(cached)
    assert _memory(cached)["BASE_TABLE"][0] == before
    assert cached.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] == (
        "858.3 MiB")


def test_beside_runs_on_a_second_cursor_at_the_same_time():
    """The work runs while the block does (it waits for the block's table), sees a table of
    the steps' database and the connection's search path, and its result comes back."""
    con = duckdb.connect()
    con.execute(f"ATTACH ':memory:' AS {STEPS_DB}; SET search_path = 'main,{STEPS_DB}.main'")
    con.execute(f"CREATE TABLE {STEPS_DB}.step AS SELECT 41 AS x")
    started, go = threading.Event(), threading.Event()

    def work(cur):
        started.set()
        assert go.wait(10)  # only the block sets it: the two run side by side
        return cur.execute("SELECT x + 1 FROM step").fetchall()[0][0]

    with beside(con, work) as result:
        assert started.wait(10)
        con.execute("CREATE TABLE made AS SELECT 1 AS y")
        go.set()
        assert result() == 42
    detach_steps(con)
    assert con.execute("SELECT current_setting('search_path')").fetchall()[0][0] == ""
    assert STEPS_DB not in {r[0] for r in con.execute("SHOW DATABASES").fetchall()}


def test_beside_raises_the_works_error_and_reruns_it_alone_out_of_memory():
    con = duckdb.connect()

    def failing(cur):
        cur.execute("SELECT * FROM no_such_table")

    with pytest.raises(duckdb.CatalogException), beside(con, failing) as result:
        result()
    calls = []

    def short_of_memory(cur):
        calls.append(cur is con)
        if cur is not con:
            raise duckdb.OutOfMemoryException("beside the block")
        return "alone"

    with beside(con, short_of_memory) as result:
        assert result() == "alone"
    assert calls == [False, True]


def test_an_error_of_the_block_stops_the_work():
    con = duckdb.connect()
    began = time.perf_counter()
    with pytest.raises(ValueError), beside(
            con, lambda cur: cur.execute(  # minutes, unless interrupted
                "SELECT count(*) FROM range(100000000000) a WHERE hash(a.range) = 7")):
        time.sleep(0.2)
        raise ValueError("the block failed")
    assert time.perf_counter() - began < 30


def test_deferred_work_begins_when_the_block_starts_it_or_asks_for_its_result():
    """``deferred``: the work waits for ``start`` (the build's indicator stage calls it
    once its series are aggregated); asking for the result begins it too; a block that
    fails before starting it leaves it never begun."""
    con = duckdb.connect()
    ran: list[str] = []

    def work(cur):
        ran.append("work")
        return cur.execute("SELECT 42").fetchall()[0][0]

    with beside(con, work, deferred=True) as result:
        time.sleep(0.2)
        assert ran == []  # without deferred it has run by now (test above: at once)
        result.start()
        result.start()  # once only
        assert result() == 42
    assert ran == ["work"]
    ran.clear()
    with beside(con, work, deferred=True) as result:
        assert result() == 42
    assert ran == ["work"]
    ran.clear()
    with pytest.raises(ValueError), beside(con, work, deferred=True):
        raise ValueError("the block failed")
    assert ran == []
