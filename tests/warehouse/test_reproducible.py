"""Two builds of the same snapshot give the same warehouse, bit for bit: every row of every
table but ``build_info`` (when, how long). Sums and means of floating-point figures were taken
in whatever order DuckDB's threads met the rows: the COROP, province and national totals,
the ommelands derived from them, the trends' relative slopes, the signals' strengths and the
inequality measures differed in their last digits between two builds (837 indicator values,
5 718 ommeland values, 22 201 signal rows of one pair of builds). They were summed with
DuckDB's ``fsum``/``favg`` (Kahan); the plain sums of a merged municipality's parts still
differed in CI (series_parts, series_all and 22 tables after them, ~600 sums in their last
bit). A build now runs each statement on one DuckDB thread (resources.BUILD_THREADS), which
adds in the order of the rows.

The second build is the one test_atomic_swap.py runs after a killed build
(:func:`tests.warehouse.conftest.killed_then_built`): the same snapshot, the same command,
beside three busy processes (a loaded host; the old code differed in 1 of 4 such builds)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest


@pytest.mark.slow
def test_a_second_build_gives_the_same_rows(warehouse_path: Path, killed_then_built) -> None:
    again = killed_then_built.next_build
    assert again.returncode == 0, again.stderr
    db = killed_then_built.db
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"ATTACH '{warehouse_path}' AS first (READ_ONLY)")
    tables = [t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY 1").fetchall() if t != "build_info"]
    assert len(tables) > 80
    differ = {}
    for table in tables:
        columns = ", ".join(f'"{c}"' for (c, *_) in con.execute(f'DESCRIBE "{table}"').fetchall())
        counts = con.execute(f"""
            SELECT (SELECT count(*) FROM (SELECT {columns} FROM main."{table}" EXCEPT ALL
                                          SELECT {columns} FROM first."{table}")),
                   (SELECT count(*) FROM (SELECT {columns} FROM first."{table}" EXCEPT ALL
                                          SELECT {columns} FROM main."{table}"))""").fetchone()
        if any(counts):
            differ[table] = counts
    assert differ == {}
