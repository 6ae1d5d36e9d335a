"""A catalogue part that matches several rows per series, region and year is named."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.indicators.build import AMBIGUOUS_SQL, UNIQUE_SQL


def test_ambiguous_rows_are_counted_and_their_dims_named():
    # the picked rows carry numbers: the series' and the dims string's
    picked = pd.DataFrame([
        (1, "GM0363", 2019, 1),
        (1, "GM0363", 2019, 2),
        (1, "GM0363", 2020, 1),
        (2, "GM0363", 2019, 3),
    ], columns=["series_no", "region_code", "year", "dims_no"])
    parts = pd.DataFrame([(1, 1, "a:num"), (2, 1, "a:num"), (3, 2, "b:num")],
                         columns=["part_no", "series_no", "series_id"])
    dims = pd.DataFrame([("t", ["x"], "Geslacht=Mannen", 1),
                         ("u", ["y"], "Geslacht=Mannen", 1),
                         ("t", ["x"], "Geslacht=Vrouwen", 2), ("v", [], "", 3)],
                        columns=["table_id", "where_list", "dims", "dims_no"])
    with duckdb.connect() as con:
        con.register("_picked", picked)
        con.register("_part_info", parts)
        con.register("_part_dims", dims)
        rows = con.execute(AMBIGUOUS_SQL).fetchall()
    assert len(rows) == 1
    series, region, year, n, dims = rows[0]
    assert (series, region, year, n) == ("a:num", "GM0363", 2019, 2)
    assert sorted(dims.split(" ; ")) == ["Geslacht=Mannen", "Geslacht=Vrouwen"]


def test_the_hash_check_fails_on_a_repeated_key_and_passes_unique_rows():
    # the build names the rows (AMBIGUOUS_SQL) only when UNIQUE_SQL finds a repeated key
    picked = pd.DataFrame([(1, "GM0363", 2019, 1), (1, "GM0363", 2019, 2),
                           (1, "GM0363", 2020, 1), (2, "GM0363", 2019, 3),
                           (1, None, 2019, 1)],
                          columns=["series_no", "region_code", "year", "dims_no"])
    with duckdb.connect() as con:
        con.register("_picked", picked)
        assert con.execute(UNIQUE_SQL).fetchall()[0][0] is False
        con.register("_picked", picked.drop_duplicates(["series_no", "region_code", "year"]))
        assert con.execute(UNIQUE_SQL).fetchall()[0][0] is True
        con.register("_picked", picked.iloc[[0, 2, 3, 4, 4]])  # two rows without a region
        assert con.execute(UNIQUE_SQL).fetchall()[0][0] is False
