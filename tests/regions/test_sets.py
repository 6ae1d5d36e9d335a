"""Named region sets (sets.yaml) and region_sets()."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stadstrends.errors import CatalogueError, InvalidParameter
from stadstrends.regions.history import plain_name
from stadstrends.regions.sets import load_sets, region_sets


def test_sets_file_is_valid() -> None:
    sets = load_sets()
    assert {"G4", "G32_2017", "G40"} <= set(sets)
    assert len(sets["G32_2017"].codes()) == 38
    assert len(sets["G40"].codes()) == 41
    assert set(sets["G32_2017"].codes()) < set(sets["G40"].codes())
    assert sets["G4"].codes() == ["GM0363", "GM0599", "GM0518", "GM0344"]


def test_set_names_match_codes(history: pd.DataFrame) -> None:
    names = history.set_index("code")["name"]
    for region_set in load_sets().values():
        labels = plain_name(pd.Series([m.name for m in region_set.members]))
        assert labels.tolist() == names.loc[region_set.codes()].tolist(), region_set.set_id


def test_g40_current_in_2025(members: pd.DataFrame) -> None:
    sets = region_sets(members, 2025)
    g40 = sets.loc[sets["set_id"] == "G40", "region_code"]
    assert len(g40) == 41
    assert set(g40) <= set(members.loc[members["year"] == 2025, "gm_code"])


def test_g32_2017_members_exist_in_2017(members: pd.DataFrame) -> None:
    sets = region_sets(members, 2017)
    g32 = sets.loc[sets["set_id"] == "G32_2017", "region_code"]
    assert len(g32) == 38
    assert set(g32) <= set(members.loc[members["year"] == 2017, "gm_code"])
    assert (sets["set_id"] == "G40").sum() == 38  # Assen, Hilversum, Amstelveen joined later


def test_geographic_sets(members: pd.DataFrame) -> None:
    sets = region_sets(members, 2025)
    assert list(sets.columns) == ["set_id", "region_code"]
    assert (sets["set_id"] == "NL01").sum() == 342
    assert sets["set_id"].str.fullmatch(r"CR\d{2}").sum() == 342
    assert sets["set_id"].str.fullmatch(r"PV\d{2}").sum() == 342
    assert sets["set_id"].nunique() == 3 + 1 + 12 + 40
    cr23 = set(sets.loc[sets["set_id"] == "CR23", "region_code"])
    assert "GM0363" in cr23 and "GM0362" in cr23
    g40_2022 = region_sets(members, 2022)
    assert "GM0362" in set(g40_2022.loc[g40_2022["set_id"] == "G40", "region_code"])


def test_unknown_reference_year(members: pd.DataFrame) -> None:
    with pytest.raises(InvalidParameter, match="1990"):
        region_sets(members, 1990)


@pytest.mark.parametrize(
    "body",
    [
        "G4:\n  members:\n    - {code: GM363, name: Amsterdam}\n",
        "G4:\n  members:\n    - {code: GM0363, name: A}\n    - {code: GM0363, name: A}\n",
        "G4:\n  label: no members\n",
        "G4:\n  members:\n    - {code: GM0363, name: A, since: not-a-date}\n",
        "- just a list\n",
    ],
)
def test_invalid_sets_rejected(tmp_path: Path, body: str) -> None:
    path = tmp_path / "sets.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CatalogueError):
        load_sets(path)
