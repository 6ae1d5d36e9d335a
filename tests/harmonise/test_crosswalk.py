"""Measured split shares (CBS 37259) on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.errors import DataCheckError
from stadstrends.harmonise.crosswalk import Split, split_shares


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


def test_split_shares_are_measured_from_population_transfers():
    shares = split_shares(HISTORY, POPULATION, SPLITS).set_index("recipient")
    assert shares.loc["GM0011", "received"] == 300
    assert shares.loc["GM0012", "received"] == 700
    assert shares.loc["GM0011", "share"] == pytest.approx(0.3)


def test_inconsistent_transfers_are_reported_with_the_offending_rows():
    bad = POPULATION.copy()
    bad.loc[bad["code"] == "GM0012", "pop_jan"] = 2100  # explains only 100 + 300 of 1000
    with pytest.raises(DataCheckError) as info:
        split_shares(HISTORY, bad, SPLITS)
    assert info.value.details[0]["code"] == "GM0010"
    assert "do not add up" in info.value.message
