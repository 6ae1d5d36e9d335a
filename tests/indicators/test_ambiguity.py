"""A catalogue part that matches several rows per series, region and year is named."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.indicators.build import AMBIGUOUS_SQL


def test_ambiguous_rows_are_counted_and_their_dims_named():
    picked = pd.DataFrame([
        ("a:num", "GM0363", 2019, "Geslacht=Mannen"),
        ("a:num", "GM0363", 2019, "Geslacht=Vrouwen"),
        ("a:num", "GM0363", 2020, "Geslacht=Mannen"),
        ("b:num", "GM0363", 2019, ""),
    ], columns=["series_id", "region_code", "year", "dims"])
    with duckdb.connect() as con:
        con.register("series_picked", picked)
        rows = con.execute(AMBIGUOUS_SQL).fetchall()
    assert len(rows) == 1
    series, region, year, n, dims = rows[0]
    assert (series, region, year, n) == ("a:num", "GM0363", 2019, 2)
    assert sorted(dims.split(" ; ")) == ["Geslacht=Mannen", "Geslacht=Vrouwen"]
