"""The harmonisation runs as two statements side by side, the even and the odd years
(:func:`stadstrends.harmonise.apply.harmonise_series`): on the real warehouse's series its
rows are those of the one statement over every year, and each half has rows."""

from __future__ import annotations

from pathlib import Path

import duckdb

from stadstrends.harmonise.apply import HALF_TABLE, HARMONISE_SQL, harmonise_series

COLUMNS = "series_id, region_code, year, value, n_parts, parts_weight, reason, reason_detail"


def test_the_two_halves_are_the_one_statement(warehouse_path: Path) -> None:
    con = duckdb.connect()
    con.execute(f"ATTACH '{warehouse_path}' AS w (READ_ONLY)")
    for table in ("series_raw", "crosswalk", "region_history", "membership"):
        con.execute(f"CREATE TABLE {table} AS FROM w.{table}")
    harmonise_series(con)
    con.execute(HARMONISE_SQL.format(source="series_raw", table="whole", part="TRUE"))
    halves = [con.execute(f"SELECT count(*) FROM {HALF_TABLE.format(k)}").fetchall()[0][0]
              for k in (0, 1)]
    assert min(halves) > 200_000  # 559 955 municipal rows of series_raw, half a year each
    differ = con.execute(f"""
        SELECT (SELECT count(*) FROM (SELECT {COLUMNS} FROM series_harmonised EXCEPT ALL
                                      SELECT {COLUMNS} FROM whole)),
               (SELECT count(*) FROM (SELECT {COLUMNS} FROM whole EXCEPT ALL
                                      SELECT {COLUMNS} FROM series_harmonised)),
               (SELECT count(*) FROM whole)""").fetchall()[0]
    assert differ[:2] == (0, 0) and differ[2] == sum(halves)
