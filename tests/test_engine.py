"""The reading commands run SQL on DuckDB's compiled engine without the package's Python
layer (issue 16): the engine's objects must be the ones the ``duckdb`` package exports, so a
connection opened for reading is an ordinary DuckDB connection everywhere."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from stadstrends import engine


def test_the_engine_objects_are_the_duckdb_packages():
    for name in ("connect", "DuckDBPyConnection", "Error", "IOException", "CatalogException"):
        assert getattr(engine.duckdb, name) is getattr(duckdb, name), name


def test_a_warehouse_opens_without_the_python_layer_and_reads_as_with_it(synthetic_path):
    """In a fresh process the warehouse is opened and queried without ``import duckdb``; the
    rows are the ones the full package returns."""
    sql = "SELECT region_code, name, valid_to FROM regions ORDER BY region_code, valid_from"
    code = ("import sys\nfrom stadstrends.warehouse.files import open_warehouse\n"
            f"with open_warehouse({str(synthetic_path)!r}) as con:\n"
            f"    print(repr(con.execute({sql!r}).fetchall()))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'duckdb'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    rows, loaded = out.stdout.strip().splitlines()
    assert loaded == "[]"
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        assert rows == repr(con.execute(sql).fetchall())
