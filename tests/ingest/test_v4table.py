"""v4 long observations -> WideTable: codes kept, cell status, period status, age bands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.normalise import to_observations
from stadstrends.ingest.raw import SourceInfo
from stadstrends.ingest.v4table import V4Metadata, single_ages, status_code, wide_table

RECORDED = "cbs_odata4_v4_responses/03759ned"


@pytest.fixture(scope="module")
def recorded(shared_data: Path) -> dict[str, list[dict]]:
    folder = shared_data / RECORDED
    return {name: json.loads((folder / f"{name}.json").read_text("utf-8"))["value"]
            for name in ("dimensions", "measure-codes", "codes-Leeftijd", "codes-Perioden")}


def _meta(recorded: dict[str, list[dict]], periods: list[dict] | None = None) -> V4Metadata:
    return V4Metadata({"Identifier": "03759ned", "Title": "Bevolking"}, recorded["dimensions"],
                      recorded["measure-codes"], periods or recorded["codes-Perioden"])


def _source() -> SourceInfo:
    return SourceInfo("03759ned", "Bevolking", "odata", "test", "0" * 64, "2026-07-02")


def _single_year_rows(ages: list[str], skip: set[str] = frozenset()) -> list[dict]:
    """CONSTRUCTED cells: value 10 + age index for every single-year code, two regions."""
    return [{"Measure": "M000352", "ValueAttribute": "None", "Value": 10 + i,
             "BurgerlijkeStaat": "T001019", "Geslacht": "T001038", "Leeftijd": code,
             "RegioS": region, "Perioden": "2026JJ00"}
            for region in ("GM0363", "GM0014") for i, code in enumerate(ages)
            if not (region == "GM0014" and code in skip)]


def test_single_ages_from_the_real_code_list(recorded: dict[str, list[dict]]) -> None:
    ages = single_ages(recorded["codes-Leeftijd"])
    assert ages["age"].min() == 0 and ages["age"].max() == 105
    assert len(ages) == 106 and ages.loc[ages["age"] == 105, "open_ended"].item()


def test_age_bands_summed_from_single_years(recorded: dict[str, list[dict]]) -> None:
    ages = single_ages(recorded["codes-Leeftijd"])
    codes = ages["code"].tolist()
    # Amsterdam has every age; Groningen lacks age 70 (its 65+ and 65-74 bands are absent)
    rows = _single_year_rows(codes, skip={ages.loc[ages["age"] == 70, "code"].item()})
    bands = {"0-19": (0, 19), "65-74": (65, 74), "65plus": (65, None)}
    table = wide_table(_meta(recorded), rows, _source(), age_bands=bands,
                       age_codes=recorded["codes-Leeftijd"])
    frame = table.frame.set_index(["region_code", "Leeftijd"])["M000352"]
    assert frame[("GM0363", "0-19")] == sum(10 + i for i in range(20))
    assert frame[("GM0363", "65-74")] == sum(10 + i for i in range(65, 75))
    assert frame[("GM0363", "65plus")] == sum(10 + i for i in range(65, 106))
    assert frame[("GM0014", "0-19")] == frame[("GM0363", "0-19")]
    assert frame[[("GM0014", "65-74"), ("GM0014", "65plus")]].isna().all()
    obs = to_observations(table)
    band = obs[(obs["region_code"] == "GM0014") & obs["dims"].str.contains("Leeftijd=65plus")]
    assert band["status"].tolist() == ["missing"] and band["value"].isna().all()


def test_band_inside_open_top_group_is_refused(recorded: dict[str, list[dict]]) -> None:
    codes = single_ages(recorded["codes-Leeftijd"])["code"].tolist()
    with pytest.raises(MalformedSource, match="open-ended"):
        wide_table(_meta(recorded), _single_year_rows(codes), _source(),
                   age_bands={"100-110": (100, 110)}, age_codes=recorded["codes-Leeftijd"])


def test_period_status_and_provisional(recorded: dict[str, list[dict]]) -> None:
    periods = [{"Identifier": "2025JJ00", "Status": "Voorlopig"},
               {"Identifier": "2026JJ00", "Status": "NaderVoorlopig"}]
    rows = [{"Measure": "M000352", "ValueAttribute": "None", "Value": 5.0,
             "BurgerlijkeStaat": "T001019", "Geslacht": "T001038", "Leeftijd": "10000",
             "RegioS": "GM0363", "Perioden": p["Identifier"]} for p in periods]
    table = wide_table(_meta(recorded, periods), rows, _source())
    assert table.period_status == {"2025JJ00": "voorlopig", "2026JJ00": "nader voorlopig"}
    obs = to_observations(table).set_index("year")["status"].to_dict()
    assert obs == {2025: "voorlopig", 2026: "nader voorlopig"}
    assert status_code("NotAvailable") == "not available"


def test_duplicate_cells_are_malformed(recorded: dict[str, list[dict]]) -> None:
    row = {"Measure": "M000352", "ValueAttribute": "None", "Value": 5.0,
           "BurgerlijkeStaat": "T001019", "Geslacht": "T001038", "Leeftijd": "10000",
           "RegioS": "GM0363", "Perioden": "2026JJ00"}
    with pytest.raises(MalformedSource, match="two observations"):
        wide_table(_meta(recorded), [row, dict(row, Value=6.0)], _source())


def test_a_row_without_a_dimension_code_is_malformed_from_dicts_and_from_a_frame(
        recorded: dict[str, list[dict]]) -> None:
    """CONSTRUCTED: the second row lacks its region; given as a frame (as the snapshot
    reader does) the absent code is NaN, which must not become the code 'nan'."""
    import pandas as pd

    rows = _single_year_rows(["10000"])[:2]
    del rows[1]["RegioS"]
    for given in (rows, pd.DataFrame(rows, dtype=object)):
        with pytest.raises(MalformedSource, match="empty dimension code"):
            wide_table(_meta(recorded), given, _source())


def test_a_frame_of_rows_gives_the_table_the_dicts_give(recorded: dict[str, list[dict]]) -> None:
    import pandas as pd

    rows = _single_year_rows(["10000", "10100"])
    rows[0]["Value"] = None
    from_dicts = wide_table(_meta(recorded), rows, _source())
    from_frame = wide_table(_meta(recorded), pd.DataFrame(rows, dtype=object), _source())
    pd.testing.assert_frame_equal(from_dicts.frame, from_frame.frame)
    assert from_dicts.measures == from_frame.measures
