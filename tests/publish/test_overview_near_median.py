"""The set overview's grid of positions follows the rule of Kies richting and the report's
sentences: a figure no further from the group's median than the figures' rounding unit (the
catalogue's decimals; CBS's unit of a published mean, ``mean_rounding``) is 'rond mediaan',
in no half and no quarter (``publish.positions.near_median``).

Before, the G40's grid (nl, latest year of each key indicator) coloured 33 such cells a half:
Zwolle's crimes per 1 000 in 2024, 52,9 against the G40's median of 52,8, 'boven mediaan'
while its report says 'rond de mediaan van de G40 (52,9 tegen 52,8)'; 22 'onder mediaan', 11
'boven mediaan' (Hoorn's gas use per dwelling 2023, 810 m³ against 800 m³, CBS's tens)."""

from __future__ import annotations

import pytest

from stadstrends import vocabulary
from stadstrends.publish.positions import near_median
from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.report.data import load_catalogue
from stadstrends.publish.report.overview import (
    POSITION_COLORS,
    QUARTER_KEYS,
    RANK_KEYS,
    key_indicators,
    overview_context,
    position_key,
)
from stadstrends.settings import default_settings

ZWOLLE, HOORN = "GM0193", "GM0405"


def test_a_figure_within_the_rounding_of_the_median_is_in_no_half_nor_quarter() -> None:
    s = default_settings()
    assert position_key(52.5, 41, s) == "q3"
    assert position_key(52.5, 41, s, near=True) == "q_near"
    assert position_key(80.0, 41, s, near=True) == "q_near"  # a tight group: no quarter
    assert position_key(52.5, 41, s, at_median=True, near=True) == "q_median"
    assert position_key(20.0, 41, s) == QUARTER_KEYS[0]
    # a rank among fewer than six: the highest and the lowest stay, the halves do not
    assert position_key(66.7, 4, s, near=True) == "q_near"
    assert position_key(66.7, 4, s) == RANK_KEYS[2]
    assert position_key(100.0, 4, s, near=True) == RANK_KEYS[3]
    assert position_key(0.0, 4, s, near=True) == RANK_KEYS[0]
    assert "q_near" in POSITION_COLORS


def _grid(con, lang: str) -> dict[tuple[str, str], str]:
    """(municipality name, indicator) -> the G40 grid's cell text."""
    ctx = overview_context(con, {}, lang, "G40")
    fig = next(f for f in ctx["figures"] if f["id"] == "fig-heat_positions")
    ids = key_indicators(load_catalogue(con))
    return {(row[0], i): cell for row in fig["table"]["rows"]
            for i, cell in zip(ids, row[1:], strict=True)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_real_g40_grid_says_around_the_median_within_the_rounding(wh, lang: str) -> None:
    """Every cell of the G40 grid against its position read fresh from the warehouse: within
    the rounding unit of the median 'rond mediaan', never a half or a quarter; a half only
    beyond the unit, on the side of the median the figure is on."""
    words = vocabulary.section(lang, "report")
    grid = _grid(wh, lang)
    steps = {(i, y): u for i, y, u in wh.execute(
        "SELECT indicator_id, year, max(unit) FROM mean_rounding GROUP BY ALL").fetchall()}
    rows = wh.execute("""
        SELECT r.name, s.indicator_id, s.year, s.value, s.median, i.decimals
        FROM benchmark_latest b
        JOIN set_benchmarks s ON s.set_id = 'G40' AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        JOIN current_municipalities r ON r.region_code = b.region_code
        JOIN indicators i ON i.indicator_id = b.indicator_id
        WHERE s.percentile IS NOT NULL AND s.n >= 6""").fetchall()
    near = 0
    fresh = fresh_from(build_info(wh))
    for name, ind, year, value, median, decimals in rows:
        cell = grid.get((name, ind))
        if cell is None or year < fresh:  # not a key indicator; out of date: no position
            continue  # (tests/publish/test_overview_stale_cells.py)
        if value == median:
            assert cell == words["q_median"], (name, ind)
        elif near_median(value, median, decimals, steps.get((ind, year))):
            near += 1
            assert cell == words["q_near"], (name, ind, value, median, cell)
        elif cell == words["q3"]:
            assert value > median, (name, ind, value, median)
        elif cell == words["q2"]:
            assert value < median, (name, ind, value, median)
    assert near >= 20  # 33 on the snapshot
    assert grid[("Zwolle", "crimes_per_1000")] == words["q_near"]
    assert grid[("Hoorn", "gas_use_per_dwelling")] == words["q_near"]  # CBS's tens
    # the legend shows it
    ctx = overview_context(wh, {}, lang, "G40")
    fig = next(f for f in ctx["figures"] if f["id"] == "fig-heat_positions")
    assert words["q_near"] in str(fig["spec"])


def test_real_g40_grid_agrees_with_the_positions_kies_richting_stores(wh) -> None:
    """Every Kies richting row of the G40 in the grid (a key indicator in its latest year)
    sits in the quarter or half its ``position`` names, by the indicator's direction."""
    words = vocabulary.section("nl", "report")
    grid = _grid(wh, "nl")
    rows = wh.execute("""
        SELECT r.name, k.indicator_id, k.position, k.direction
        FROM kies_richting k JOIN current_municipalities r USING (region_code)
        JOIN benchmark_latest b USING (region_code, indicator_id, year)
        WHERE k.set_id = 'G40'""").fetchall()
    checked = 0
    for name, ind, position, direction in rows:
        cell = grid.get((name, ind))
        if cell is None:
            continue
        side, kind = position.split("_", 1)
        high = (side == "favourable") == (direction == "higher_better")
        want = {"quartile": ("q4", "q1"), "half": ("q3", "q2")}[kind][0 if high else 1]
        assert cell == words[want], (name, ind, position, cell)
        checked += 1
    assert checked >= 50
