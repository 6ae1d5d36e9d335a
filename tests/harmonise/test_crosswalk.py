"""Crosswalk: merger chains and measured split shares on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.errors import DataCheckError
from stadstrends.harmonise.crosswalk import Split, build_crosswalk, split_shares


def _history(rows):
    return pd.DataFrame(rows, columns=["code", "successor", "valid_from", "valid_to"])


HISTORY = _history([
    # a chain of three steps: GM0001 -> GM0002 -> GM0003 -> GM0004
    ("GM0001", "GM0002", "1830-01-01", "2001-01-01"),
    ("GM0002", "GM0003", "2001-01-01", "2010-01-01"),
    ("GM0003", "GM0004", "2010-01-01", "2015-01-01"),
    ("GM0004", None, "2015-01-01", None),
    # GM0010 is split in 2021 over GM0011 (existing) and GM0012 (new, also gets GM0013 whole)
    ("GM0010", "GM0011", "1830-01-01", "2021-01-01"),
    ("GM0011", None, "1830-01-01", None),
    ("GM0013", "GM0012", "1830-01-01", "2021-01-01"),
    ("GM0012", None, "2021-01-01", None),
    # dissolved without a successor
    ("GM0020", None, "1830-01-01", "1950-01-01"),
])
CURRENT = {"GM0004", "GM0011", "GM0012"}
POPULATION = pd.DataFrame(
    [  # code, year, pop on 1 January, pop on 31 December
        ("GM0010", 2020, 1000, 1000),
        ("GM0011", 2020, 5000, 5100),
        ("GM0011", 2021, 5400, 5450),  # gained 300 from GM0010
        ("GM0013", 2020, 2000, 2000),
        ("GM0012", 2021, 2700, 2750),  # 2000 from GM0013 (whole) + 700 from GM0010
    ],
    columns=["code", "year", "pop_jan", "pop_dec"],
)
SPLITS = (Split("GM0010", 2021, ("GM0011", "GM0012")),)


def test_chain_of_three_steps_reaches_todays_code():
    cw = build_crosswalk(HISTORY, CURRENT)
    row = cw[cw["source_code"] == "GM0001"].iloc[0]
    assert (row["target_code"], row["weight"], row["steps"]) == ("GM0004", 1.0, 3)


def test_current_codes_map_to_themselves_and_dissolved_codes_drop_out():
    cw = build_crosswalk(HISTORY, CURRENT)
    own = cw[cw["source_code"] == "GM0011"]
    assert own[["target_code", "weight", "steps"]].values.tolist() == [["GM0011", 1.0, 0]]
    assert "GM0020" not in set(cw["source_code"])


def test_split_shares_are_measured_from_population_transfers():
    shares = split_shares(HISTORY, POPULATION, SPLITS).set_index("recipient")
    assert shares.loc["GM0011", "received"] == 300
    assert shares.loc["GM0012", "received"] == 700
    assert shares.loc["GM0011", "share"] == pytest.approx(0.3)


def test_split_municipality_is_apportioned_in_the_crosswalk():
    shares = split_shares(HISTORY, POPULATION, SPLITS)
    cw = build_crosswalk(HISTORY, CURRENT, shares)
    parts = cw[cw["source_code"] == "GM0010"].set_index("target_code")["weight"]
    assert parts.to_dict() == pytest.approx({"GM0011": 0.3, "GM0012": 0.7})
    assert cw.groupby("source_code")["weight"].sum().round(9).eq(1).all()


def test_inconsistent_transfers_are_reported_with_the_offending_rows():
    bad = POPULATION.copy()
    bad.loc[bad["code"] == "GM0012", "pop_jan"] = 2100  # explains only 100 + 300 of 1000
    with pytest.raises(DataCheckError) as info:
        split_shares(HISTORY, bad, SPLITS)
    assert info.value.details[0]["code"] == "GM0010"
    assert "do not add up" in info.value.message
