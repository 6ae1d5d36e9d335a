"""The build's memory limit and spill folder: validated, applied, recorded (issue 16)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import duckdb
import pytest

from stadstrends.errors import BuildOutOfMemory, InvalidParameter
from stadstrends.warehouse.resources import (
    BuildResources,
    duckdb_major,
    memory_error,
)


def test_limit_and_folder_are_applied_and_recorded(tmp_path):
    spill = tmp_path / "spill"
    resources = BuildResources.from_options("300MB", spill)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        resources.apply(con)
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        recorded = resources.record(con)
    assert limit.endswith("MiB") and 280 <= float(limit.split()[0]) <= 300  # 300 MB in MiB
    assert spill.is_dir()
    assert recorded == {"memory_limit": "300MB", "temp_directory": str(spill)}


def test_a_build_runs_each_statement_on_one_duckdb_thread(tmp_path):
    """Reproducible sums (resources.BUILD_THREADS): with two threads a build under load
    differed in the last bit of ~600 sums from the build before it; the whole warehouse is
    compared in tests/warehouse/test_reproducible.py."""
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("SET threads = 4")
        BuildResources().apply(con)
        other = con.cursor()  # a cursor of the build (the chains side by side) too
        assert other.execute("SELECT current_setting('threads')").fetchall()[0][0] == 1


@pytest.mark.parametrize("bad", ["lots", "12", "-1GB", "1 GBB"])
def test_a_limit_that_is_not_a_size_is_refused(bad):
    with pytest.raises(InvalidParameter, match="is not a size"):
        BuildResources.from_options(bad, None)


def test_cli_refuses_a_bad_limit_before_reading_anything(tmp_path):
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                          str(tmp_path), "--db", str(tmp_path / "w.duckdb"),
                          "--memory-limit", "lots", "--lang", "en"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 1
    assert "--memory-limit 'lots' is not a size" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_running_out_of_the_limit_is_a_clear_error():
    resources = BuildResources(memory_limit="2MB")
    con = duckdb.connect()
    resources.apply(con)
    with pytest.raises(duckdb.OutOfMemoryException) as raised:
        con.execute("SELECT i, i::VARCHAR AS s FROM range(3000000) t(i) ORDER BY s").fetchall()
    error = memory_error(raised.value, resources)
    assert isinstance(error, BuildOutOfMemory)
    assert error.message.startswith("the build needs more memory than its limit of 2MB (")
    assert "--memory-limit" in error.hint and "previous warehouse is unchanged" in error.hint
    assert memory_error(ValueError("no"), resources) is None


def test_out_of_memory_in_a_first_build_does_not_speak_of_a_previous_warehouse(tmp_path):
    resources = BuildResources(memory_limit="2MB")
    con = duckdb.connect()
    resources.apply(con)
    with pytest.raises(duckdb.OutOfMemoryException) as raised:
        con.execute("SELECT i, i::VARCHAR AS s FROM range(3000000) t(i) ORDER BY s").fetchall()
    error = memory_error(raised.value, resources, tmp_path / "new.duckdb")
    assert "no warehouse was written" in error.hint and "previous" not in error.hint
    assert "geen warehouse geschreven" in error.in_language("nl")[1]


@pytest.mark.slow
def test_a_build_over_its_limit_says_so_and_keeps_the_old_warehouse(warehouse_path, tmp_path,
                                                                   shared_data):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse_path, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                          str(shared_data), "--db", str(db), "--memory-limit", "30MB",
                          "--lang", "en"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 1
    assert "Error: the build needs more memory than its limit of 30MB" in out.stderr
    assert "Traceback" not in out.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]  # nothing left behind


def test_the_command_line_default_is_the_builds_default():
    """`stadstrends build` without --memory-limit uses the limit the benchmarks measured."""
    import inspect

    from stadstrends.commands.build import build
    from stadstrends.warehouse.resources import DEFAULT_MEMORY_LIMIT

    assert inspect.signature(build).parameters["memory_limit"].default == DEFAULT_MEMORY_LIMIT
    assert BuildResources().memory_limit == DEFAULT_MEMORY_LIMIT == "1GB"


def _string_compressions(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, set[str]]:
    rows = con.execute(f"SELECT column_name, compression FROM pragma_storage_info('{table}') "
                       "WHERE segment_type = 'VARCHAR'").fetchall()
    out: dict[str, set[str]] = {}
    for column, compression in rows:
        out.setdefault(column, set()).add(compression)
    return out


def test_skipping_the_legacy_string_compressions_keeps_strings_compressed(tmp_path):
    """The build skips analysing string compressions DuckDB 2 does not pick; if a DuckDB
    stopped compressing strings without them, this fails (the file would grow)."""
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        BuildResources().apply(con)
        disabled = con.execute(
            "SELECT current_setting('disabled_compression_methods')").fetchall()[0][0]
        con.execute("CREATE TABLE t AS SELECT 'GM' || lpad((i % 342)::VARCHAR, 4, '0') AS code, "
                    "'85163NED' AS table_id FROM range(300000) r(i)")
        con.execute("CHECKPOINT")
        compressions = _string_compressions(con, "t")
    if duckdb_major() >= 2:
        assert {m.lower() for m in disabled.split(",")} == {"fsst", "dictionary"}
    assert compressions and all("Uncompressed" not in c for c in compressions.values()), \
        compressions


def test_the_built_warehouse_stores_its_repeated_strings_compressed(warehouse_path):
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        for table in ("raw_observations", "set_positions", "signal_rows"):
            compressions = _string_compressions(con, table)
            assert compressions, table
            # codes and ids repeat: every segment of them is compressed
            for column in ("region_code", "indicator_id", "table_id", "set_id"):
                if column in compressions:
                    assert "Uncompressed" not in compressions[column], (table, column)
