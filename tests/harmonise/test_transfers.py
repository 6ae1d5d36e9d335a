"""Shares and the per-year crosswalk from CBS's register, hand-made and real."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from stadstrends.harmonise.transfers import crosswalk_by_year, transfer_shares

D = dt.date

HISTORY = pd.DataFrame([
    ("GM0001", D(1830, 1, 1), D(2021, 1, 1), "GM0002"),   # split 2021 over GM0002/GM0003
    ("GM0002", D(1830, 1, 1), None, None),
    ("GM0003", D(1830, 1, 1), None, None),
    ("GM0005", D(1830, 1, 1), D(2015, 7, 1), "GM0004"),   # renamed mid-2015
    ("GM0004", D(2015, 7, 1), None, None),
    ("GM0006", D(1830, 1, 1), D(2010, 1, 1), "GM0002"),   # merged, no register entry
], columns=["code", "valid_from", "valid_to", "successor"])
TRANSFERS = pd.DataFrame([
    (D(2021, 1, 1), "GM0001", "GM0002", 978.0, 588.0, 1442.0, "dissolution"),
    (D(2021, 1, 1), "GM0001", "GM0003", 535.0, 918.0, 2149.0, "dissolution"),
    (D(2017, 1, 1), "GM0003", "GM0002", 1649.0, 341.0, 1033.0, "correction"),
    (D(2017, 1, 1), "GM0002", "GM0003", 4.0, 1.0, 1.0, "correction"),  # below 0.1%: ignored
    (D(2015, 7, 1), "GM0005", "GM0004", None, None, None, "rename"),
], columns=["date", "donor", "recipient", "hectares", "dwellings", "inhabitants", "kind"])
INHABITANTS = pd.DataFrame([
    (2017, "GM0003", 14737.0), (2017, "GM0002", 200000.0),
], columns=["year", "gm_code", "inhabitants"])


@pytest.fixture()
def shares():
    shares, unapportioned = transfer_shares(HISTORY, TRANSFERS, INHABITANTS)
    assert unapportioned.empty
    return shares


def test_a_split_is_apportioned_by_what_each_successor_received(shares):
    s = shares[shares["donor"] == "GM0001"].set_index(["recipient", "basis"])["share"]
    assert s[("GM0002", "persons")] == pytest.approx(1442 / (1442 + 2149))
    assert s[("GM0002", "dwellings")] == pytest.approx(588 / (588 + 918))
    assert s[("GM0002", "area")] == pytest.approx(978 / (978 + 535))


def test_a_boundary_correction_is_a_share_of_the_donors_inhabitants_before_the_change(shares):
    s = shares[shares["donor"] == "GM0003"].set_index("basis")["share"]
    # inhabitants on 1 January 2017 after the change + what left = before the change
    assert s["persons"] == pytest.approx(1033 / (14737 + 1033 - 1))
    assert "GM0002" not in set(shares.loc[shares["date"] == D(2017, 1, 1), "donor"])


def test_a_renaming_without_amounts_and_a_merger_without_entry_go_whole(shares):
    renamed = shares[shares["donor"] == "GM0005"]
    assert set(renamed["recipient"]) == {"GM0004"} and (renamed["share"] == 1.0).all()
    assert sorted(renamed["basis"]) == ["area", "dwellings", "persons"]
    merged = shares[shares["donor"] == "GM0006"]  # no register entry: its successor, whole
    assert set(merged["recipient"]) == {"GM0002"} and (merged["share"] == 1.0).all()


def test_shares_come_per_date_and_donor_in_order_and_unknown_donors_are_reported():
    transfers = pd.concat([TRANSFERS, pd.DataFrame(
        [(D(2016, 1, 1), "GM0009", "GM0002", 1.0, 1.0, 40.0, "correction")],
        columns=TRANSFERS.columns)], ignore_index=True)
    shares, unapportioned = transfer_shares(HISTORY, transfers, INHABITANTS)
    keys = list(zip(shares["date"], shares["donor"], strict=True))
    registered = [k for k in keys if k[1] != "GM0006"]  # the merger without entry comes last
    assert registered == sorted(registered)
    # GM0009's inhabitants are unknown in 2016 and 2015: its 40 leavers are not apportioned
    assert unapportioned.to_dict("records") == [
        {"date": D(2016, 1, 1), "donor": "GM0009", "inhabitants": 40.0}]
    assert "GM0009" not in set(shares["donor"])


def test_no_transfers_leave_only_the_mergers_without_register_entry():
    shares, unapportioned = transfer_shares(HISTORY, TRANSFERS.iloc[0:0], INHABITANTS)
    assert unapportioned.empty
    assert set(shares["donor"]) == {"GM0001", "GM0005", "GM0006"}  # each whole to its successor
    assert (shares["share"] == 1.0).all()


def test_crosswalk_by_year_conserves_totals_and_applies_only_later_changes(shares):
    cw = crosswalk_by_year(shares, {"GM0002", "GM0003", "GM0004"}, 2009, 2022)
    p = cw[cw["basis"] == "persons"]
    assert (p.groupby(["boundary_year", "source_code"])["weight"].sum().round(12) == 1).all()
    w = p.set_index(["boundary_year", "source_code", "target_code"])["weight"]
    share = 1033 / (14737 + 1033 - 1)
    assert w[(2016, "GM0003", "GM0002")] == pytest.approx(share)
    assert (2017, "GM0003", "GM0002") not in w.index  # on the boundaries of 2017: done
    # GM0001's parts join GM0002 and GM0003 as they are after the 2017 correction
    assert w[(2016, "GM0001", "GM0002")] == pytest.approx(1442 / 3591)
    assert w[(2016, "GM0001", "GM0003")] == pytest.approx(2149 / 3591)
    assert w[(2015, "GM0005", "GM0004")] == 1.0  # the mid-2015 renaming applies in 2015
    assert (2016, "GM0005", "GM0004") not in w.index
    assert w[(2009, "GM0006", "GM0002")] == 1.0  # no register entry: RvIG successor
