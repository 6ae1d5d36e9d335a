"""CBS size and urbanity classes, the class groups of groups.yaml and the default group."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from stadstrends.errors import CatalogueError, MalformedSource
from stadstrends.regions.classes import municipality_classes
from stadstrends.regions.groups import (
    GROUPS_FILE,
    class_groups,
    default_groups,
    extra_groups,
    group_info,
    load_groups,
)
from stadstrends.regions.sets import region_sets

GEBIEDEN_2025 = "cbs_statline_dump/gebieden_in_nederland/86059NED.csv"


@pytest.fixture(scope="module")
def classes(shared_data: Path) -> pd.DataFrame:
    return municipality_classes(shared_data, 2025)


def _raw_2025(shared_data: Path) -> pd.DataFrame:
    """The 2025 edition read independently of the project's code: Code_52 is CBS's
    gemeentegrootte and Code_54 its stedelijkheid in this edition (checked by hand)."""
    raw = pd.read_csv(shared_data / GEBIEDEN_2025, sep=";", dtype=str, encoding="utf-8-sig")
    raw = raw.apply(lambda c: c.str.strip())
    assert raw["Omschrijving_53"].str.contains("inwoners").all()
    assert raw["Omschrijving_55"].str.contains("stedelijk").all()
    return raw


def test_classes_match_the_cbs_file(classes: pd.DataFrame, shared_data: Path) -> None:
    raw = _raw_2025(shared_data).set_index("Code_1")
    assert len(classes) == 342
    got = classes.set_index("region_code")
    assert (got["size_class"] == raw.loc[got.index, "Code_52"].astype(int)).all()
    assert (got["urbanity_class"] == raw.loc[got.index, "Code_54"].astype(int)).all()
    # by hand: Zeist 66 740 inhabitants, sterk stedelijk; Vlieland 1 212, niet stedelijk
    assert got.loc["GM0355", ["size_class", "urbanity_class", "inhabitants"]].tolist() == [
        5, 2, 66740]
    assert got.loc["GM0096", ["size_class", "urbanity_class"]].tolist() == [1, 5]


def test_class_groups_cover_everyone_once_per_family(classes: pd.DataFrame) -> None:
    groups = class_groups(classes)
    size = groups[groups["set_id"].str.startswith("GK")]
    urban = groups[groups["set_id"].str.startswith("ST")]
    assert size["region_code"].is_unique and len(size) == 342
    assert urban["region_code"].is_unique and len(urban) == 342
    counts = groups.groupby("set_id").size().to_dict()
    # CBS classes 1 and 2 (5 + 6 municipalities in 2025) form one group
    assert counts["GK1"] == 11 and counts["GK5"] == 64 and counts["GK8"] == 4
    assert set(groups.loc[groups["set_id"] == "GK8", "region_code"]) == {
        "GM0363", "GM0599", "GM0518", "GM0344"}


def test_default_group_rules(classes: pd.DataFrame, members: pd.DataFrame) -> None:
    sets = pd.concat([region_sets(members, 2025), class_groups(classes)], ignore_index=True)
    default = default_groups(sets, classes["region_code"].tolist(),
                             extra_groups(sets)).set_index("region_code")
    assert default.index.is_unique and len(default) == 342
    # the G4 and GK8 hold 4 each, fewer than min_members: a G4 city gets the G40 it is
    # compared within as an outsider (also_compare)
    g4 = ["GM0363", "GM0599", "GM0518", "GM0344"]  # Amsterdam, Rotterdam, Den Haag, Utrecht
    assert (default.loc[g4, "set_id"] == "G40").all()
    assert default.loc["GM0193", "set_id"] == "G40"  # Zwolle
    assert default.loc["GM0355", "set_id"] == "GK5"  # Zeist
    assert default.loc["GM0096", "set_id"] == "GK1"  # Vlieland
    assert default.loc["GM0339", "set_id"] == "GK1"  # Renswoude, 5 781 inhabitants
    assert default.loc["GM1900", "set_id"] == "GK5"  # Súdwest-Fryslân, 90 532
    g40 = set(sets.loc[sets["set_id"] == "G40", "region_code"])
    assert (default.loc[sorted(g40), "set_id"] == "G40").all()
    size = sets.groupby("set_id").size()
    assert (size[default["set_id"]] >= load_groups().min_members).all()
    # without the also_compare candidates the G4 cities' first large group is the G40 they
    # are not in, which does not hold: their first rule that holds, the G4
    alone = default_groups(sets, classes["region_code"].tolist()).set_index("region_code")
    assert (alone.loc[g4, "set_id"] == "G4").all()


def test_min_members_is_the_fewest_for_a_quarter() -> None:
    """A default group smaller than this gives no quarter, verdict or Kies richting label."""
    from stadstrends.analysis.signal_kies import KIES_MIN_N
    from stadstrends.publish.positions import MIN_QUARTER_N

    assert load_groups().min_members == MIN_QUARTER_N == KIES_MIN_N == 6


def test_default_group_takes_the_first_rule_of_enough_members() -> None:
    sets = pd.DataFrame({"set_id": ["G4", "G4", "GK8", "GK8", "G40", "G40", "GK5", "GK5",
                                    "GK5"],
                         "region_code": ["A", "B", "A", "B", "C", "D", "C", "D", "E"]})
    extra = pd.DataFrame({"region_code": ["A"], "set_id": ["G40"]})
    config = load_groups().model_copy(update={"min_members": 3})
    got = dict(default_groups(sets, ["A", "B", "C", "D", "E"], extra, config).values)
    # A: G4 (2) and G40 (2) too small, GK8 too: none large enough, so its first rule, G4;
    # C: G40 (2) too small, its size group GK5 (3) is not
    assert got == {"A": "G4", "B": "G4", "C": "GK5", "D": "GK5", "E": "GK5"}
    config = config.model_copy(update={"min_members": 2})
    got = dict(default_groups(sets, ["A", "B", "C", "D", "E"], extra, config).values)
    assert got == {"A": "G4", "B": "G4", "C": "G40", "D": "G40", "E": "GK5"}
    sets = pd.concat([sets, pd.DataFrame({"set_id": ["G40"], "region_code": ["F"]})])
    config = config.model_copy(update={"min_members": 3})
    got = dict(default_groups(sets, ["A", "B", "C", "E"], extra, config).values)
    assert got == {"A": "G40", "B": "G4", "C": "G40", "E": "GK5"}  # A as an outsider


def test_labels_in_both_languages_for_every_group() -> None:
    info = group_info()
    assert {"G4", "G40", "GK5", "ST1"} <= set(info["set_id"])
    assert (info["label_nl"].str.len() > 0).all() and (info["label_en"].str.len() > 0).all()
    assert info.set_index("set_id").loc["GK5", "label_nl"] == (
        "gemeenten met 50.000 tot 100.000 inwoners")


def test_invalid_groups_file_names_the_problem(tmp_path: Path) -> None:
    data = yaml.safe_load(GROUPS_FILE.read_text(encoding="utf-8"))
    data["groups"][1]["classes"] = [1]  # class 1 now in GK1 and GK3
    bad = tmp_path / "groups.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match="a CBS class is in two groups"):
        load_groups(bad)


def test_damaged_edition_gives_a_clear_error(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cbs_statline_dump" / "gebieden_in_nederland"
    folder.mkdir(parents=True)
    raw = (shared_data / GEBIEDEN_2025).read_text(encoding="utf-8-sig")
    (folder / "86059NED.csv").write_text(raw.replace("inwoners", "personen"), encoding="utf-8")
    with pytest.raises(MalformedSource, match="86059NED: no column with CBS class"):
        municipality_classes(tmp_path, 2025)
    shutil.rmtree(folder)
