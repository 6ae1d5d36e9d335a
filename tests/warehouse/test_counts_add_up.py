"""The sum check of every count CBS publishes per municipality (warehouse/check_counts.py), on
the real warehouse: it passes as built, and one wrong digit in a source cell is refused."""

from __future__ import annotations

import duckdb

from stadstrends.commands.build import check_row
from stadstrends.warehouse.check_counts import checked_counts, counts_add_up
from stadstrends.warehouse.checks import CHECKS


def test_the_real_snapshot_adds_up_in_every_checked_table_year(wh):
    assert counts_add_up(wh) == []
    counted = checked_counts(wh)  # the check reads the counts, not nothing
    assert counted["tables"] >= 20 and counted["table_years"] >= 400


def test_a_wrong_digit_in_new_dwellings_is_refused_naming_file_cell_and_municipality(
        warehouse_path):
    # 86054NED with Maashorst's new dwellings 2022 as 970 for 170 (a tester's damaged copy:
    # the build installed it, new construction per 1 000 dwellings 37,6 for 6,6)
    con = duckdb.connect()
    con.execute(f"ATTACH '{warehouse_path}' AS w (READ_ONLY)")
    for table in ("series_raw", "catalogue_parts", "membership", "region_history"):
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM w.{table}")
    changed = con.execute(
        "UPDATE series_raw SET value = 970 WHERE series_id = "
        "'new_construction_per_1000_dwellings:num' AND region_code = 'GM1991' AND year = 2022 "
        "AND value = 170 AND table_id = '86054NED'").fetchone()[0]
    assert changed == 1
    rows = counts_add_up(con)
    assert [(r["table_id"], r["measure"], r["year"], r["departing_per_inhabitant"],
             r["departing_value"])
            for r in rows] == [("86054NED", "Nieuwbouw_2", 2022, "Maashorst (GM1991)", 970)]
    assert rows[0]["difference"] > rows[0]["tolerance"]
    assert "counts_add_up" in dict(CHECKS)  # run by every build
    said = check_row(rows[0], "nl")
    assert "86054NED" in said and "Maashorst (GM1991)" in said and "2022" in said
