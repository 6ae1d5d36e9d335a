"""Which COROP regions and provinces of a boundary year have today's area
(:data:`stadstrends.indicators.aggregate.SAME_AREA_SQL`), on a small made-up warehouse:
a municipality moved to another COROP region without a boundary change, a merger across a
border, and a boundary correction too small for the crosswalk."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.duck import STEPS_DB
from stadstrends.indicators.aggregate import SAME_AREA_SQL

YEARS = range(2016, 2023)


def _same(changes: str) -> set[tuple[str, int]]:
    """``changes``: 'reclassified', 'merged' or 'corrected'."""
    con = duckdb.connect()
    members = []  # (year, gm, corop, province)
    for y in YEARS:
        members += [(y, "GM0001", "CR01", "PV01"), (y, "GM0004", "CR03", "PV02")]
        second = "CR02" if changes == "reclassified" and y >= 2019 else "CR01"
        members.append((y, "GM0002", second, "PV01"))
        if changes == "merged" and y >= 2020:  # GM0003 (CR03) into GM0002 on 1 Jan 2020
            continue
        members.append((y, "GM0003", "CR03", "PV02"))
    membership = pd.DataFrame(members, columns=["year", "gm_code", "corop_code",
                                                 "province_code"])
    today = membership[membership["year"] == max(YEARS)]
    sets = pd.concat([today[["corop_code", "gm_code"]].set_axis(["set_id", "region_code"],
                                                                 axis=1),
                      today[["province_code", "gm_code"]].set_axis(["set_id", "region_code"],
                                                                    axis=1)])
    walk = [(y, "area", g, "GM0002" if changes == "merged" and g == "GM0003" and y < 2020
             else g, 1.0) for y, g, _, _ in members]
    transfers = []
    if changes == "merged":
        transfers.append((pd.Timestamp("2020-01-01"), "GM0003", "GM0002", 0.0, 0.0, 0.0,
                          "dissolution"))
    if changes == "corrected":  # 12 inhabitants from GM0001 to GM0004 on 1 July 2018
        transfers.append((pd.Timestamp("2018-07-01"), "GM0001", "GM0004", 1.0, 5.0, 12.0,
                          "correction"))
    crosswalk = pd.DataFrame(walk, columns=["boundary_year", "basis", "source_code",
                                            "target_code", "weight"])
    boundary_transfers = pd.DataFrame(transfers, columns=[
        "date", "donor", "recipient", "hectares", "dwellings", "inhabitants", "kind"]).astype(
        {"date": "datetime64[ns]", "donor": str, "recipient": str})
    for name, frame in (("membership", membership), ("region_sets", sets),
                        ("crosswalk", crosswalk), ("boundary_transfers", boundary_transfers)):
        con.register(f"_{name}", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM _{name}")
    con.execute("ALTER TABLE boundary_transfers ALTER date TYPE DATE")
    con.execute(SAME_AREA_SQL)
    return set(con.execute("SELECT region_code, boundary_year FROM "
                           f"{STEPS_DB}._region_same").fetchall())


def test_moved_municipality_changes_both_corop_regions_not_the_province():
    same = _same("reclassified")  # GM0002 from CR01 to CR02 on 1 January 2019
    assert {("CR01", y) for y in YEARS if y >= 2019} <= same
    assert not {("CR01", y) for y in YEARS if y < 2019} & same
    assert not {("CR02", y) for y in YEARS if y < 2019} & same
    assert {("PV01", y) for y in YEARS} <= same


def test_merger_across_a_border():
    same = _same("merged")  # GM0003 of CR03/PV02 into GM0002 of CR01/PV01, 2020
    for region in ("CR01", "CR03", "PV01", "PV02"):
        assert {y for r, y in same if r == region} == {2020, 2021, 2022}, region


def test_small_correction_across_a_border():
    same = _same("corrected")  # not in the crosswalk: the register's transfer tells
    for region in ("CR01", "CR03", "PV01", "PV02"):
        assert {y for r, y in same if r == region} == {2019, 2020, 2021, 2022}, region
