"""Gebieden in Nederland: all 30 editions -> year, gm_code, corop_code, province_code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from stadstrends.errors import MalformedSource
from stadstrends.regions.history import current_codes
from stadstrends.regions.membership import (
    EDITION_COLUMNS,
    EDITIONS,
    MEMBERSHIP_COLUMNS,
    edition_columns,
    edition_year,
    known_columns,
    known_names,
)
from stadstrends.regions.sources import edition_paths, read_edition, read_herindeling

COUNTS = [625, 572, 548, 538, 537, 504, 496, 489, 483, 467, 458, 443, 443, 441, 431, 418,
          415, 408, 403, 393, 390, 388, 380, 355, 355, 352, 345, 342, 342, 342]  # fmt: skip


def test_edition_table_matches_counts(members: pd.DataFrame) -> None:
    assert sorted(y for y, _ in EDITIONS.values()) == list(range(1996, 2026))
    per_year = members.groupby("year").size()
    assert per_year.tolist() == COUNTS
    assert [EDITIONS[t][1] for t in sorted(EDITIONS, key=lambda t: EDITIONS[t][0])] == COUNTS
    assert edition_year("71377NED") == 2007 and edition_year("71539NED") == 2008
    assert edition_year("84378NED") == 2019 and edition_year("86059ned") == 2025


def test_edition_years_match_history(members: pd.DataFrame, history: pd.DataFrame) -> None:
    """Each edition lists exactly the municipalities valid on 1 January of its year."""
    for year, group in members.groupby("year"):
        assert set(group["gm_code"]) == set(current_codes(history, dt.date(year, 1, 1))), year


def test_one_valid_corop_and_province_each(members: pd.DataFrame, shared_data: Path) -> None:
    assert list(members.columns) == MEMBERSHIP_COLUMNS
    assert not members.duplicated(["year", "gm_code"]).any()
    assert members.notna().all().all()
    known = set(read_herindeling(shared_data)["code"])
    assert members["corop_code"].str.fullmatch(r"CR\d{2}").all()
    assert members["province_code"].str.fullmatch(r"PV\d{2}").all()
    assert set(members["corop_code"]) <= known and set(members["province_code"]) <= known
    assert members.groupby("year")["province_code"].nunique().eq(12).all()


def test_corop_nested_in_province(members: pd.DataFrame, shared_data: Path) -> None:
    cbs = read_herindeling(shared_data)
    province_code = cbs[cbs["code"].str.startswith("PV")].set_index("province")["code"]
    corop_province = cbs[cbs["code"].str.startswith("CR")].set_index("code")["province"]
    expected = members["corop_code"].map(corop_province).map(province_code)
    assert (expected == members["province_code"]).mean() > 0.99


@pytest.mark.parametrize(
    ("gm", "corop", "province"),
    [("GM0193", "CR10", "PV23"), ("GM0363", "CR23", "PV27"), ("GM1680", "CR07", "PV22")],
)
def test_spot_checks(members: pd.DataFrame, gm: str, corop: str, province: str) -> None:
    rows = members[members["gm_code"] == gm]
    assert len(rows) == 30 if gm != "GM1680" else len(rows) == 28
    assert set(rows["corop_code"]) == {corop} and set(rows["province_code"]) == {province}


def test_column_detection(shared_data: Path) -> None:
    cols = edition_columns(shared_data).set_index("table_id")
    assert tuple(cols.loc["72014ned", ["corop_column", "province_column"]]) == (
        "Code_8",
        "Code_34",
    )
    assert tuple(cols.loc["86059NED", ["corop_column", "province_column"]]) == (
        "Code_10",
        "Code_28",
    )
    assert len(cols) == 30


def test_recorded_columns_are_the_detected_ones(shared_data: Path) -> None:
    """The build reads the recorded columns; detection over every column still agrees."""
    cols = edition_columns(shared_data)
    detected = {r.table_id: (r.corop_column, r.province_column) for r in cols.itertuples()}
    assert detected == EDITION_COLUMNS


@pytest.mark.parametrize("table_id", ["72014ned", "86059NED"])
def test_recorded_column_that_changed_is_refused(shared_data: Path, table_id: str) -> None:
    """An edition whose COROP column now holds something else fails with a clear error."""
    raw = read_edition(edition_paths(shared_data)[table_id])
    corop = EDITION_COLUMNS[table_id][0]
    names = known_names(shared_data)
    assert known_columns(raw, table_id, names) == EDITION_COLUMNS[table_id]
    shuffled = raw.assign(**{corop: raw[corop].sample(frac=1, random_state=1).to_numpy()})
    if table_id == "86059NED":  # prefixed codes: a province code where a COROP code belongs
        shuffled[corop] = raw[EDITION_COLUMNS[table_id][1]]
    with pytest.raises(MalformedSource, match=f"{table_id}: column {corop}"):
        known_columns(shuffled, table_id, names)


def test_unknown_edition_is_rejected() -> None:
    with pytest.raises(MalformedSource):
        edition_year("99999NED")
