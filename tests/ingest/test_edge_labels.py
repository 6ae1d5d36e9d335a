"""CBS's labels are cleaned once, as a file is read (:func:`stadstrends.ingest.edge.
clean_text`): the real snapshot pads a few with spaces (85005NED's periods '2021 ' and
'2023 ', 85482NED's 'Totaal ', a neighbourhood of 85984NED 'Aalsmeerderbrug/ Oude Meer/
Rozenburg / ', 37259eng's region codes 'GM0363  '). Before, each reader stripped the columns
it knew of after reading, and the frame it read still carried them; now no text read from a
snapshot CSV has leading or trailing whitespace, and its numbers read the same."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stadstrends.ingest.edge import clean_text
from stadstrends.ingest.snapshot import _read_csv, read_table
from stadstrends.ingest.snapshot_formats import _read

PADDED = {  # file -> (column, label as the file has it), measured on the snapshot
    "cbs_statline_dump/municipal_total_slice/85005NED.csv": ("Perioden", "2021 "),
    "cbs_statline_dump/commuting/85482NED.csv": ("Baankenmerken", "Totaal "),
    "cbs_statline_dump/wijken_buurten_partial/85984NED.csv": (
        "WijkenEnBuurten", "Aalsmeerderbrug/ Oude Meer/ Rozenburg / "),
}


def _padded(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(c, v) for c in frame.columns if frame[c].dtype != "float64"
            for v in frame[c].dropna().unique() if isinstance(v, str) and v != v.strip()]


@pytest.mark.parametrize("name", sorted(PADDED))
def test_a_statline_file_is_read_without_padding(shared_data: Path, name: str) -> None:
    column, label = PADDED[name]
    data = (shared_data / name).read_bytes()
    assert f";{label};".encode() in data  # the file has it padded
    frame = _read_csv(shared_data / name)
    assert _padded(frame) == []
    assert label.strip() in set(frame[column])


def test_37259eng_codes_and_labels_are_read_clean(shared_data: Path) -> None:
    path = shared_data / "cbs_37259eng_population_dynamics" / \
        "250112_CLEAN_population_regional_NL.csv"
    raw = _read(path, sep=",", encoding="utf-8-sig", final_newline=False)
    assert _padded(raw) == []
    assert "GM0363" in set(raw["Regions"])


def test_the_numbers_read_the_same() -> None:
    frame = pd.DataFrame({"Perioden": ["2021 ", " 2022"], "Installaties_1": ["1062265.0 ", ""]})
    clean_text(frame)
    assert list(frame["Perioden"]) == ["2021", "2022"]
    assert list(frame["Installaties_1"]) == ["1062265.0", ""]


def test_85005ned_has_one_label_per_period(shared_data: Path) -> None:
    table = read_table(shared_data, "85005NED")
    periods = set(table.frame["period"])
    assert periods == {"2019", "2020", "2021", "2022", "2023", "2024 eerste helft"}
