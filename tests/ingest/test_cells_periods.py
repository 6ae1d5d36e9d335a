"""CBS period forms, cell symbols and provisional statuses, on hand-made inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from stadstrends.ingest.labels import RegionLabels
from stadstrends.ingest.normalise import to_observations
from stadstrends.ingest.odata_table import period_status
from stadstrends.ingest.periods import Period, parse_period, unknown_periods
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.ingest.snapshot import read_statline_csv

from .test_snapshot import write


@pytest.fixture(scope="module")
def labels(shared_data) -> RegionLabels:
    return RegionLabels.from_snapshot(shared_data)


PERIODS = {
    "2019JJ00": Period(2019, "year", None), "2019KW01": Period(2019, "quarter", 1),
    "2019MM12": Period(2019, "month", 12), "2019HJ01": Period(2019, "half", 1),
    "2019X000": Period(2019, "other", 0), "2019W105": Period(2019, "week", 5),
    "2019": Period(2019, "year", None), "2019*": Period(2019, "year", None, True),
    "2019**": Period(2019, "year", None, True),
    "1e kwartaal 2019": Period(2019, "quarter", 1), "2019 1e kwartaal": Period(2019, "quarter", 1),
    "4e kwartaal 2019*": Period(2019, "quarter", 4, True),
    "1e halfjaar 2019": Period(2019, "half", 1), "1e half jaar 2024": Period(2024, "half", 1),
    "2e halfjaar 2023": Period(2023, "half", 2), "2024 eerste helft": Period(2024, "half", 1),
    "2010 december": Period(2010, "month", 12), "december 2010": Period(2010, "month", 12),
    "2019 maart**": Period(2019, "month", 3, True), "2019 week 5": Period(2019, "week", 5),
}


@pytest.mark.parametrize("raw", list(PERIODS))
def test_every_cbs_period_form_parses(raw):
    assert parse_period(raw) == PERIODS[raw]


def test_unknown_forms_are_named_not_dropped():
    assert unknown_periods(["2019", "2019/2020", "3e halfjaar 2019", "2019MM13"]) == [
        "2019/2020", "2019MM13", "3e halfjaar 2019"]


def test_dot_and_x_cells_are_absent_with_status_and_the_measure_stays(tmp_path, labels):
    header = "ID;RegioS;Perioden;Inwoners_1;Banen_2"
    rows = ["Amsterdam;2019;100;5", "Utrecht (gemeente);2019;.;6", "Zwolle;2019;x;7"]
    table = read_statline_csv(write(tmp_path / "D.csv", header, rows), labels=labels)
    assert table.measures == ["Inwoners_1", "Banen_2"] and table.source.left_out == ""
    obs = to_observations(table).set_index(["region_code", "measure"])
    assert obs.loc[("GM0363", "Inwoners_1"), "value"] == 100
    assert obs.loc[("GM0344", "Inwoners_1"), "status"] == "onbekend"
    assert obs.loc[("GM0193", "Inwoners_1"), "status"] == "geheim"
    assert pd.isna(obs.loc[("GM0193", "Inwoners_1"), "value"])
    assert obs.loc[("GM0193", "Banen_2"), "value"] == 7


def test_a_text_topic_is_left_out_and_named(tmp_path, labels):
    header = "ID;RegioS;Perioden;Inwoners_1;Naam_2"
    table = read_statline_csv(write(tmp_path / "T.csv", header, ["Zwolle;2019;1;Zw"]),
                              labels=labels)
    assert table.measures == ["Inwoners_1"] and table.source.left_out == "text topics: Naam_2"


def test_nader_voorlopig_is_provisional_in_the_snapshot_path(tmp_path, labels):
    header = "ID;StatusCijfer;RegioS;Perioden;Inwoners_1"
    rows = ["Nader voorlopig;Zwolle;2019;1", "Definitief;Zwolle;2018;1"]
    obs = to_observations(read_statline_csv(write(tmp_path / "N.csv", header, rows),
                                            labels=labels))
    assert obs.set_index("period")["status"].to_dict() == {"2019": "nader voorlopig",
                                                            "2018": "definitief"}
    table = read_statline_csv(write(tmp_path / "M.csv", "ID;RegioS;Perioden;Inwoners_1",
                                    ["Zwolle;2019**;1"]), labels=labels)
    assert to_observations(table)["status"].tolist() == ["nader voorlopig"]


def test_nader_voorlopig_is_provisional_in_the_live_path():
    assert period_status("NaderVoorlopig") == "nader voorlopig"
    assert period_status("Voorlopig") == "voorlopig"
    assert period_status("Definitief") == "definitief"
    frame = pd.DataFrame({"region_label": ["Zwolle"], "region_code": ["GM0193"],
                          "period": ["2019JJ00"], "Inwoners_1": [1.0]})
    info = SourceInfo("T", "t", "odata", "http://x", "", "")
    # the same figure read from the snapshot ('2019**') has the same status
    table = WideTable(info, [], ["Inwoners_1"], frame,
                      period_status={"2019JJ00": period_status("NaderVoorlopig")})
    assert to_observations(table)["status"].tolist() == ["nader voorlopig"]
