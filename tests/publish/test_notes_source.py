"""The notes of the figures have one source (publish/notes.py): `show` reads them for one
municipality, the ranking and the map for one year, the downloads for every region, and all
get the same notes of the same cell, on the real warehouse."""

from __future__ import annotations

import pytest

from stadstrends.publish.notes import NOTES, cell_notes, noted

#: indicators with each kind of note on the real data: recalculated (population),
#: recomputed (Vlieland's crimes per 1 000), rounded_zero and rounded_count (demolitions),
#: small_base (crimes cleared), survey_estimate (unemployment), left_out (Nederland's social
#: housing share of 2017 without six municipalities)
NOTED = ["population", "crimes_per_1000", "demolition_per_1000_dwellings",
         "crimes_cleared_share", "unemployment_rate", "social_housing_share"]


@pytest.mark.parametrize("indicator", NOTED)
def test_a_municipality_or_a_year_gets_the_downloads_notes(wh, indicator):
    every = cell_notes(wh, indicator)
    assert every, indicator
    # Zwolle, Vlieland, Rozendaal, Vaals and Nederland
    codes = ["GM0193", "GM0096", "GM0277", "GM0981", "NL01"]
    assert cell_notes(wh, indicator, codes) == {
        k: v for k, v in every.items() if k[0] in codes}
    for year in sorted({y for _, y in every})[-2:]:
        assert cell_notes(wh, indicator, year=year) == {
            k: v for k, v in every.items() if k[1] == year}
    assert cell_notes(wh, indicator, []) == {}


def test_each_note_is_found_on_the_real_data(wh):
    found = {note for ind in NOTED for note in NOTES
             if noted(cell_notes(wh, ind), note)}
    assert found == set(NOTES)
    # Vlieland's crimes per 1 000 of 2024: divided from CBS's rounded count
    assert cell_notes(wh, "crimes_per_1000", ["GM0096"], 2024)[("GM0096", 2024)][
        NOTES.index("recomputed")]


def test_the_rounded_zero_view_keeps_the_figures_on_a_count_of_zero(wh):
    """``rounded_zero_cells`` reads the cells with a figure from ``indicator_results``
    (cheaper than the ``indicator_values`` view): the same cells."""
    view = set(wh.execute("SELECT * FROM rounded_zero_cells").fetchall())
    rule = set(wh.execute(
        "SELECT k.indicator_id, k.region_code, k.year FROM coarse_counts k "
        "SEMI JOIN indicator_values r USING (indicator_id, region_code, year) "
        "WHERE k.count = 0").fetchall())
    assert view == rule and len(view) > 100
