"""Municipality history, successors (incl. the derived 2023 Voorne aan Zee merger)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from stadstrends.errors import DataCheckError
from stadstrends.regions.history import (
    HISTORY_COLUMNS,
    current_codes,
    final_successor,
    told_apart,
    unresolved_endings,
)


def test_columns_and_clean_codes(history: pd.DataFrame) -> None:
    assert list(history.columns) == HISTORY_COLUMNS
    assert history["code"].is_unique
    assert history["code"].str.fullmatch(r"GM\d{4}").all()
    assert not history["code"].isin(["GM0000", "GM0998", "GM0999", "GM1999"]).any()
    assert all(isinstance(d, dt.date) for d in history["valid_from"])


def test_names_are_plain(history: pd.DataFrame) -> None:
    h = history.set_index("code")
    assert h.loc["GM0014", "name"] == "Groningen"
    assert h.loc["GM0014", "cbs_label"] == "Groningen (gemeente)"
    assert h.loc["GM0164", "name"] == "Hengelo"
    assert h.loc["GM0164", "cbs_label"] == "Hengelo (O.)"
    assert h.loc["GM0518", "name"] == "'s-Gravenhage"


def test_current_count_2025(history: pd.DataFrame) -> None:
    assert len(current_codes(history, dt.date(2025, 1, 1))) == 342


def test_voorne_aan_zee_successor_is_derived(history: pd.DataFrame) -> None:
    h = history.set_index("code")
    for code in ("GM0501", "GM0530", "GM0614"):
        assert h.loc[code, "successor"] == "GM1992"
        assert h.loc[code, "valid_to"] == dt.date(2023, 1, 1)
    assert h.loc["GM1992", "valid_from"] == dt.date(2023, 1, 1)


def test_unresolved_endings_are_listed(history: pd.DataFrame) -> None:
    # Elten and Tudderen returned to Germany in 1963: no successor.
    assert set(unresolved_endings(history)["code"]) == {"GM1055", "GM1204"}


def test_successors_exist(history: pd.DataFrame) -> None:
    assert set(history["successor"].dropna()) <= set(history["code"])


def test_final_successor_chain(history: pd.DataFrame) -> None:
    final = final_successor(history).set_index("code")
    assert list(final.columns) == ["final_code", "steps"]
    assert final.loc["GM0282", "final_code"] == "GM1945"  # Ubbergen -> Groesbeek -> Berg en Dal
    assert final.loc["GM0282", "steps"] == 2
    assert final.loc["GM0363", "steps"] == 0
    assert final["steps"].max() == 4
    # every chain ends in a current municipality, except the two ceded to Germany
    ended = history.set_index("code").loc[final["final_code"], "valid_to"].notna()
    assert set(final.index[ended.to_numpy()]) == {"GM1055", "GM1204"}


def test_final_successor_cycle_guard() -> None:
    cyclic = pd.DataFrame({"code": ["GM0001", "GM0002"], "successor": ["GM0002", "GM0001"]})
    with pytest.raises(DataCheckError, match="cycle"):
        final_successor(cyclic)


def test_region_list(regions: pd.DataFrame) -> None:
    assert list(regions.columns) == ["region_code", "name", "level", "valid_from", "valid_to"]
    counts = regions["level"].value_counts()
    assert counts["corop"] == 40 and counts["provincie"] == 12 and counts["landsdeel"] == 4
    r = regions.set_index("region_code")
    assert r.loc["NL01", "name"] == "Nederland" and r.loc["NL01", "level"] == "land"
    assert r.loc["CR07", "name"] == "Noord-Drenthe"
    assert r.loc["PV22", "name"] == "Drenthe"
    assert r.loc["PV24", "valid_from"] == dt.date(1986, 1, 1)


def test_told_apart_gives_shared_current_names_their_province() -> None:
    """Two current municipalities called Bergen get their province's name; an old one of the
    same name (no longer current) without a province or a label of its own, other names
    and the provinces themselves stay."""
    day = dt.date(1830, 1, 1)
    regions = pd.DataFrame({
        "region_code": ["GM0373", "GM0893", "GM9999", "GM0363", "PV27", "PV31"],
        "name": ["Bergen", "Bergen", "Bergen", "Amsterdam", "Noord-Holland", "Limburg"],
        "level": ["gemeente"] * 4 + ["provincie"] * 2,
        "valid_from": [day] * 6,
        "valid_to": [None, None, dt.date(1900, 1, 1), None, None, None],
    })
    members = pd.DataFrame({"year": [2024, 2025, 2025, 2025],
                            "gm_code": ["GM0893", "GM0373", "GM0893", "GM0363"],
                            "province_code": ["PV27", "PV27", "PV31", "PV27"]})
    names = told_apart(regions, members).set_index("region_code")["name"].to_dict()
    assert names == {"GM0373": "Bergen (Noord-Holland)", "GM0893": "Bergen (Limburg)",
                     "GM9999": "Bergen", "GM0363": "Amsterdam", "PV27": "Noord-Holland",
                     "PV31": "Limburg"}
    assert regions["name"].tolist()[:2] == ["Bergen", "Bergen"]  # the input is left alone
    unique = regions[~regions["region_code"].isin(["GM0373", "GM9999"])]
    assert told_apart(unique, members) is unique  # no shared name: nothing to tell apart


def test_told_apart_names_a_former_namesake_and_leaves_the_current_one_plain() -> None:
    """Hengelo (Gelderland), part of Bronckhorst since 2005, beside today's Hengelo, which
    alone bears the name today and stays plain; a namesake ended before the membership years
    takes CBS's label ('Sluis (oud)')."""
    day = dt.date(1830, 1, 1)
    regions = pd.DataFrame({
        "region_code": ["GM0164", "GM0248", "GM1714", "GM0713", "PV25", "PV23"],
        "name": ["Hengelo", "Hengelo", "Sluis", "Sluis", "Gelderland", "Overijssel"],
        "label": ["Hengelo (O.)", "Hengelo (Gld.)", "Sluis", "Sluis (oud)", None, None],
        "level": ["gemeente"] * 4 + ["provincie"] * 2,
        "valid_from": [day] * 6,
        "valid_to": [None, dt.date(2005, 1, 1), None, dt.date(1995, 1, 1), None, None],
    })
    members = pd.DataFrame({"year": [2004, 2025, 2025],
                            "gm_code": ["GM0248", "GM0164", "GM1714"],
                            "province_code": ["PV25", "PV23", "PV29"]})
    names = told_apart(regions, members).set_index("region_code")["name"].to_dict()
    assert names["GM0248"] == "Hengelo (Gelderland)"
    assert names["GM0164"] == "Hengelo"
    assert names["GM0713"] == "Sluis (oud)" and names["GM1714"] == "Sluis"
