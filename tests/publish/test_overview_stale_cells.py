"""The set overview's grid of positions gives an out-of-date figure no quarter, as the city
pages' tiles and the home page's heatmap (:func:`stadstrends.publish.sentence_words.stale`:
a year before the build's first fresh year, ``stale_after_years`` of the settings). Before,
the G40's column 'Voelt zich weleens onveilig (2019, verouderd)' was coloured by quarters
while every city page said 'geen trend of plaats in de groep getoond'. Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends import vocabulary
from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.report.data import load_catalogue
from stadstrends.publish.report.overview import key_indicators, overview_context


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_old_figure_has_no_quarter_in_the_grid(wh, lang) -> None:
    words = {"heat_stale_cell": "(no word)", **vocabulary.section(lang, "report")}
    fresh = fresh_from(build_info(wh))
    ctx = overview_context(wh, {}, lang, "G40")
    fig = next(f for f in ctx["figures"] if f["id"] == "fig-heat_positions")
    ids = key_indicators(load_catalogue(wh))
    grid = {(row[0], i): cell for row in fig["table"]["rows"]
            for i, cell in zip(ids, row[1:], strict=True)}
    rows = wh.execute("""
        SELECT r.name, b.indicator_id, b.year FROM benchmark_latest b
        JOIN set_benchmarks s ON s.set_id = 'G40' AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        JOIN current_municipalities r ON r.region_code = b.region_code
        WHERE s.percentile IS NOT NULL""").fetchall()
    old = fresh_cells = 0
    for name, ind, year in rows:
        if (name, ind) not in grid:
            continue
        if year < fresh:
            old += 1
            assert grid[(name, ind)] == words["heat_stale_cell"], (name, ind, year)
        else:
            fresh_cells += 1
            assert grid[(name, ind)] != words["heat_stale_cell"], (name, ind, year)
    assert old > 30 and fresh_cells > 500, (old, fresh_cells)
    spec = str(fig["spec"])
    assert words["heat_stale_cell"] in spec and str(fresh) in spec
