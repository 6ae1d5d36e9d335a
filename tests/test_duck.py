"""DuckDB helpers shared by the stages: letting go of cached table blocks."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.duck import release_cached_blocks
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
