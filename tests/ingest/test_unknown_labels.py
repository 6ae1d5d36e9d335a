"""A snapshot file with a region label that names no region ('Deventer' edited to
'Deventerr' in a copy) is refused, naming the file, the labels with their rows and how many
there are, with the hint to restore it: the label-to-code join dropped its rows, and the
build swapped in a warehouse that said CBS publishes no payment arrears for Deventer.

CBS's own labels that have no code here ('Amsterdam (GA)', 'Niet in te delen (PV)', size
classes, city networks) are expected: no label of the real snapshot is refused. Damaged
copies are made at run time (:func:`tests.fixtures.damaged_snapshot.damaged_snapshot`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.labels import RegionLabels, expected_label
from stadstrends.ingest.snapshot import CODE_COLUMN, read_table
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

ARREARS = "cbs_statline_dump/municipal_complete/81064ned.csv"  # 520 region labels
CRIME = "cbs_statline_dump/municipal_total_slice/83648NED.csv"
COMMUTING = "commuting_gemeente_matrix_2006_2014/Van_2010.csv"


def renamed(*pairs: tuple[str, str]):
    """The file with region ``old`` renamed ``new`` in every row (';old;' -> ';new;')."""
    def damage(data: bytes) -> bytes:
        for old, new in pairs:
            data = data.replace(f";{old};".encode(), f";{new};".encode())
        return data
    return damage


@pytest.fixture(scope="module")
def labels(shared_data: Path) -> RegionLabels:
    return RegionLabels.from_snapshot(shared_data)


def test_no_label_of_the_real_snapshot_is_unknown(shared_data, labels):
    """Every StatLine export (its region column, read here with pandas, without the reader;
    rows with a code of their own left out) and every commuting matrix: nothing refused."""
    found = {}
    for path in sorted((shared_data / "cbs_statline_dump").rglob("*.csv")):
        if path.parent.name in ("gebieden_in_nederland", "herindeling"):
            continue
        frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
        region = next(c for c in ("WerkregioS", "RegioS", "WijkenEnBuurten", *frame.columns)
                      if c in frame.columns and (c in ("WerkregioS", "WijkenEnBuurten")
                                                 or c.startswith(("RegioS", "RegioIndeling"))))
        own = [c for c in frame.columns if CODE_COLUMN.match(c)]
        names = frame[region] if not own else frame.loc[frame[own[0]].str.strip() == "",
                                                        region]
        if unknown := labels.for_table(path.stem).unknown(names):
            found[path.name] = unknown
    for path in sorted((shared_data / "commuting_gemeente_matrix_2006_2014").glob("*.csv")):
        names = pd.read_csv(path, sep=";", header=None, dtype=str, encoding="ascii")[0]
        if unknown := labels.unknown(names):
            found[path.name] = unknown
    assert found == {}


@pytest.mark.parametrize("label", [
    "Amsterdam (GA)", "'s-Gravenhage (SG)", "Achterhoek (AM)", "Alkmaar (BT)",
    "Niet in te delen (PV)", "Extra-Regio (CR)", "Buitenland", "Onbekend", "G32",
    "Nederland, Buitenland, Niet in te delen", "20 000 tot 50 000 inwoners",
    "250 000 inwoners of meer", "Minder dan 20 000 inwoners", "Niet-gemeentelijk ingedeeld",
    "Bergen", "Groningen", "Deventer", "Hengelo (O.)", "Súdwest Fryslân", "Noord-Drenthe (CR)"])
def test_cbs_labels_are_known(labels, label):
    """A region type outside the crosswalk, an aggregate, an ambiguous bare name, a
    municipality, a COROP region: none is unknown."""
    assert labels.unknown([label]) == []


@pytest.mark.parametrize("label", [
    "Deventerr", "Deventer x", "Zwole", "Groningen (gemeentee)", "Nederlandd",
    "Buitenlandd (PV)", "Niet in te delen (gemeente)", "Amsterdam (XY)", "Noord-Drenthee (CR)"])
def test_edited_labels_are_unknown(labels, label):
    assert labels.unknown([label, "Deventer", label]) == [label]
    assert not expected_label(label)


def test_a_renamed_municipality_is_refused_naming_file_label_rows_and_restore(
        shared_data, tmp_path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", ARREARS,
                                renamed(("Deventer", "Deventerr")))
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, "81064ned")
    assert err.value.key == "unknown_region_labels"
    assert err.value.message == (f"{snapshot / ARREARS}: region names that match no CBS "
                                 "region (1): 'Deventerr' (14 rows)")
    assert "restore it from its source (SOURCES.md, section 1 `cbs_statline_dump/`" \
        in err.value.hint
    message, hint = err.value.in_language("nl")
    assert message == (f"{snapshot / ARREARS}: regionamen die bij geen CBS-regio horen (1): "
                       "'Deventerr' (14 rijen)")
    assert "zet het terug uit de bron (SOURCES.md, sectie 1" in hint
    assert err.value.details == [{"label": "Deventerr", "rows": 14}]


def test_many_renamed_labels_show_five_and_count_all(shared_data, tmp_path):
    """A 10 000-row file (83648NED; the check reads the whole file, not only its complete
    part) with seven municipalities renamed."""
    names = ["Almelo", "Assen", "Breda", "Delft", "Ede", "Emmen", "Gouda"]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", CRIME,
                                renamed(*((n, n + "x") for n in names)))
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, "83648NED")
    assert [d["label"] for d in err.value.details] == [n + "x" for n in names]
    shown = err.value.message.split(": ", 2)[2]
    assert shown.count("x' (") == 5 and shown.endswith(" and 2 more"), shown
    assert "(7)" in err.value.message
    assert err.value.in_language("nl")[0].endswith(" en nog 2")


def test_a_renamed_municipality_in_a_commuting_matrix_is_refused(shared_data, tmp_path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", COMMUTING,
                                lambda d: d.replace(b"Deventer;", b"Deventerr;", 1))
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, "commuting_matrix_2010")
    assert err.value.details == [{"label": "Deventerr", "rows": 1}]


def test_build_from_a_renamed_label_is_refused_and_keeps_the_warehouse(
        shared_data, warehouse_path, tmp_path):
    """`stadstrends build` from the copy with 'Deventerr' (nl): exit 1 with the worded
    error, the warehouse it would replace byte for byte unchanged (before: the build ran
    through, swapped, and `show Deventer payment_arrears_per_1000` said CBS publishes no
    figures for Deventer)."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", ARREARS,
                                renamed(("Deventer", "Deventerr")))
    err = " ".join(refused_build(snapshot, warehouse_path, tmp_path / "wh", "nl").split())
    assert "81064ned.csv: regionamen die bij geen CBS-regio horen (1): 'Deventerr' " \
           "(14 rijen)" in err, err
    assert "zet het terug uit de bron" in err, err
    assert "Gebouwd" not in err, err


def test_a_table_with_codes_of_its_own_is_joined_by_them(shared_data, tmp_path):
    """85383NED carries CBS's codes (``Regiocode_73``): 'Deventerr' in a copy changes nothing,
    Deventer's rows keep GM0150 and their figures (the README says so; a label-only table
    with the same damage is refused, above)."""
    path = "cbs_statline_dump/municipal_complete/85383NED.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", path,
                                renamed(("Deventer", "Deventerr")))
    intact = read_table(shared_data, "85383NED").frame
    damaged = read_table(snapshot, "85383NED").frame
    assert (damaged["region_label"] == "Deventerr").sum() == 6
    keep = [c for c in intact.columns if c != "region_label"]
    pd.testing.assert_frame_equal(intact[keep], damaged[keep])
    assert set(damaged.loc[damaged["region_label"] == "Deventerr", "region_code"]) == {"GM0150"}
