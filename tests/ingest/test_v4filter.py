"""The $filter evaluator (the snapshot reader's, also the tests' local CBS server's): what it
keeps, written out by hand here, and CBS's own answer on the recorded responses."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stadstrends.errors import InvalidParameter
from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.ingest.snapshot_v4 import recorded_v4_tables
from stadstrends.ingest.v4filter import frame_filter

ROWS = [
    {"RegioS": "GM0363", "Perioden": "2024JJ00", "Measure": "M1", "Value": 5.0},
    {"RegioS": "NL01", "Perioden": "2025JJ00", "Measure": "M2", "Value": None},
    {"RegioS": "PV20", "Perioden": "2025JJ00", "Measure": "M2", "Value": 3},
    {"RegioS": None, "Perioden": "2023JJ00", "Measure": "M2", "Value": 7.5},
    {"Perioden": "2026JJ00", "Measure": "M3"},  # no RegioS, no Value
]
FILTERS = {
    "(startswith(RegioS,'GM') or RegioS eq 'NL01') and Perioden ge '2024JJ00'":
        [True, True, False, False, False],
    "not (Measure eq 'M1')": [False, True, True, True, True],
    "not startswith(RegioS,'GM')": [False, True, True, True, True],
    "RegioS ne 'PV20'": [True, True, False, False, False],
    "Value gt 4": [True, False, False, True, False],
    "Value le 3 or Measure eq 'M3'": [False, False, True, False, True],
    "Perioden lt '2025JJ00' and Perioden gt '2023JJ00'": [True, False, False, False, False],
    "(startswith(RegioS,'GM') or RegioS eq 'NL01') and Perioden ge '2024JJ00' and not "
    "(Measure eq 'M1')": [False, True, False, False, False],
}


@pytest.mark.parametrize("text", FILTERS)
def test_a_frame_keeps_the_rows_written_out(text):
    mask = frame_filter(text)(pd.DataFrame(ROWS, dtype=object))  # as the snapshot reader
    assert mask.dtype == bool and mask.tolist() == FILTERS[text]
    assert frame_filter(text)(pd.DataFrame(ROWS)).tolist() == FILTERS[text]  # inferred types


def test_a_field_no_row_has_keeps_nothing_and_its_negation_everything():
    frame = pd.DataFrame(ROWS)
    assert not frame_filter("Geslacht eq 'T001038'")(frame).any()
    assert frame_filter("not (Geslacht eq 'T001038')")(frame).all()
    assert not frame_filter("startswith(Geslacht,'T')")(frame).any()


def test_comparing_a_code_with_a_number_is_refused():
    with pytest.raises(InvalidParameter, match="Perioden with 2019.0") as info:
        frame_filter("Perioden ge 2019")(pd.DataFrame(ROWS, dtype=object))
    assert "Perioden ge '2019JJ00'" in info.value.hint


def test_a_bad_filter_is_refused():
    for text in ("RegioS like 'GM'", "RegioS eq 'GM' and", "(RegioS eq 'GM'"):
        with pytest.raises(InvalidParameter):
            frame_filter(text)


#: filters over the recorded rows, each with what it means written in Python ('and' binds
#: closer than 'or'; a missing Value compares false)
ON_RECORDINGS = {
    "startswith(RegioS,'PV') or startswith(RegioS,'GM') and Perioden ge '2024JJ00'":
        lambda r: r["RegioS"].startswith("PV") or (
            r["RegioS"].startswith("GM") and r["Perioden"] >= "2024JJ00"),
    "not (RegioS eq 'NL01' or Value gt 100000) and Perioden ne '2019JJ00'":
        lambda r: not (r["RegioS"] == "NL01" or (r["Value"] is not None
                                                 and r["Value"] > 100000))
        and r["Perioden"] != "2019JJ00",
    "Perioden lt '2021JJ00' and not startswith(RegioS,'GM') or Value le 500":
        lambda r: (r["Perioden"] < "2021JJ00" and not r["RegioS"].startswith("GM")) or (
            r["Value"] is not None and r["Value"] <= 500),
}


def test_on_the_recorded_responses_the_frame_keeps_what_cbs_and_the_filters_mean(
        shared_data: Path):
    """Real data (SOURCES.md section 12): the recorded rows are CBS's answer to the
    recording's ``sliceFilter``, so that filter keeps every one of them; the catalogue's
    filter keeps some; the filters above keep the rows their Python meaning keeps."""
    catalogue = load_catalogue()
    tables = recorded_v4_tables(shared_data)
    assert tables, "no recorded v4 responses in the snapshot"
    kept = {}
    for table_id, folder in tables.items():
        index = json.loads((folder / "index.json").read_text(encoding="utf-8-sig"))
        rows = [r for page in index["observationPages"]
                for r in json.loads((folder / page).read_text(encoding="utf-8-sig"))["value"]]
        frame = pd.DataFrame(rows, dtype=object)  # as the snapshot reader builds it
        assert frame_filter(index["sliceFilter"])(frame).all(), table_id
        spec_filter = catalogue.source_spec(table_id, "v4").filter
        if spec_filter:
            assert 0 < frame_filter(spec_filter)(frame).sum() <= len(rows)
        for text, meaning in ON_RECORDINGS.items():
            expected = np.array([meaning(r) for r in rows], dtype=bool)
            np.testing.assert_array_equal(frame_filter(text)(frame), expected)
            kept[table_id, text] = (int(expected.sum()), len(rows))
    assert len(kept) == 2 * len(ON_RECORDINGS)
    assert all(0 < n < of for n, of in kept.values()), kept  # keeps some, leaves some out
