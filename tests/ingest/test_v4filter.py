"""The $filter evaluator: one row at a time and a whole frame column-wise agree."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stadstrends.errors import InvalidParameter
from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.ingest.snapshot_v4 import recorded_v4_tables
from stadstrends.ingest.v4filter import frame_filter, parse_filter

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
}


@pytest.mark.parametrize("text", FILTERS)
def test_rows_and_frames_keep_the_same_rows(text):
    keep = parse_filter(text)
    by_row = [keep(r) for r in ROWS]
    assert by_row == FILTERS[text]
    mask = frame_filter(text)(pd.DataFrame(ROWS, dtype=object))
    assert frame_filter(text)(pd.DataFrame(ROWS)).tolist() == by_row  # inferred types
    assert mask.dtype == bool and mask.tolist() == by_row


def test_a_field_no_row_has_keeps_nothing_and_its_negation_everything():
    frame = pd.DataFrame(ROWS)
    assert not frame_filter("Geslacht eq 'T001038'")(frame).any()
    assert frame_filter("not (Geslacht eq 'T001038')")(frame).all()
    assert not frame_filter("startswith(Geslacht,'T')")(frame).any()


def test_comparing_a_code_with_a_number_is_refused_by_both():
    text = "Perioden ge 2019"
    with pytest.raises(InvalidParameter, match="Perioden with 2019.0") as info:
        parse_filter(text)(ROWS[0])
    assert "Perioden ge '2019JJ00'" in info.value.hint
    with pytest.raises(InvalidParameter, match="Perioden with 2019.0"):
        frame_filter(text)(pd.DataFrame(ROWS, dtype=object))


def test_a_bad_filter_is_refused_by_both():
    for text in ("RegioS like 'GM'", "RegioS eq 'GM' and", "(RegioS eq 'GM'"):
        with pytest.raises(InvalidParameter):
            parse_filter(text)
        with pytest.raises(InvalidParameter):
            frame_filter(text)


def test_on_the_recorded_responses_the_frame_keeps_what_the_row_predicate_keeps(
        shared_data: Path):
    """Every catalogue filter on the real recordings (SOURCES.md section 12), plus
    the filters above."""
    catalogue = load_catalogue()
    tables = recorded_v4_tables(shared_data)
    assert tables, "no recorded v4 responses in the snapshot"
    checked = 0
    for table_id, folder in tables.items():
        index = json.loads((folder / "index.json").read_text(encoding="utf-8-sig"))
        rows = [r for page in index["observationPages"]
                for r in json.loads((folder / page).read_text(encoding="utf-8-sig"))["value"]]
        frame = pd.DataFrame(rows, dtype=object)  # as the snapshot reader builds it
        spec_filter = catalogue.source_spec(table_id, "v4").filter
        for text in [f for f in (spec_filter, *FILTERS) if f]:
            keep = parse_filter(text)
            expected = np.array([keep(r) for r in rows], dtype=bool)
            np.testing.assert_array_equal(frame_filter(text)(frame), expected)
            checked += 1
        if spec_filter:
            assert 0 < frame_filter(spec_filter)(frame).sum() <= len(rows)
    assert checked >= 2 * len(FILTERS)
