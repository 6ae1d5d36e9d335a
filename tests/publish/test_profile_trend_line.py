"""The CLI's profile gives a trend's Theil–Sen slope where its first year lies far off the
line, as the city page's tile and the report (publish/trend_line.py), real snapshot.
Vlieland's deaths per 1 000 (CBS's rates), 22,1 in 2016 (24 deaths, against 14 in 2015 and 13
in 2017) to 7,9 in 2023: the profile's table read '↓ −14,2 sinds 2016' and its opgave bullet
'...: −14,2 per 1 000 inwoners, significant', about twice the fall along the line (−1,1 a
year, −7,4 over the window)."""

from __future__ import annotations

import io

import duckdb
import pytest
from rich.console import Console

from stadstrends.publish.profile import city_profile
from stadstrends.publish.profile_text import _trend_cell, render_profile
from stadstrends.publish.trend_line import city_lines
from stadstrends.settings import default_settings

VLIELAND, DEATHS = "GM0096", "deaths_per_1000"


@pytest.fixture(scope="module")
def vlieland(warehouse_path) -> tuple[dict[str, dict], dict]:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        lines = city_lines(con, VLIELAND, default_settings().min_distinct_values)
        return {lang: city_profile(con, VLIELAND, lang=lang) for lang in ("nl", "en")}, lines


def test_the_line_is_found_where_the_ends_make_twice_its_change(vlieland) -> None:
    _, lines = vlieland
    line = lines[DEATHS]
    assert (line["year"], line["side"], line["first_year"]) == (2016, "above", 2016)
    assert round(line["slope"], 1) == -1.1


def test_the_profile_row_and_bullets_give_the_slope_not_the_ends(vlieland) -> None:
    profile = vlieland[0]["en"]
    rows = [i for d in profile["domains"] for i in d["indicators"] if i["indicator_id"] == DEATHS]
    assert rows and rows[0]["line"]["year"] == 2016
    bullets = [s for o in profile["opgaven"] for s in o["top_signals"]
               if s["indicator_id"] == DEATHS and s["kind"] == "trend"]
    assert bullets
    for s in bullets:
        assert ("(2023): 2016 ligt ver boven de trendlijn; langs die lijn gemiddeld "
                "−1,1 per 1 000 inwoners per jaar") in s["text_nl"], s["text_nl"]
        assert "2016 lies far above the trend line" in s["text_en"], s["text_en"]
        assert "14,2" not in s["text_nl"] and "14.2" not in s["text_en"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_printed_table_gives_the_slope(vlieland, lang) -> None:
    out = io.StringIO()
    render_profile(vlieland[0][lang], Console(file=out, width=400, color_system=None), lang)
    row = next(x for x in out.getvalue().splitlines() if x.startswith(
        "Sterfte per 1 000" if lang == "nl" else "Deaths per 1,000"))
    want = ("↓ −1,1 per jaar langs de trendlijn sinds 2016 (op kleine aantallen: gemiddeld 12 "
            "per jaar); 2016 ligt ver boven die lijn" if lang == "nl" else
            "↓ −1.1 a year along the trend line since 2016 (on small counts: 12 a year on "
            "average); 2016 lies far above it")
    assert want in row, row
    assert "14,2" not in row and "14.2" not in row


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_line_cell_reads_as_one_phrase(warehouse_path, lang) -> None:
    """A line's cell has no two brackets in a row: the marks of its first figure stand beside
    its year and the years off the line come last. Noordenveld's regional customer potential
    (2018 provisional) read '↓ −207 per jaar sinds 2018 (langs de trendlijn; 2018 ligt er ver
    boven) (voorlopig)'; Nissewaard's gas to businesses names the three years off its line,
    each on its side, as the tile and the report do (Noord-Beveland's deaths named 2016
    alone, 2021 as far off)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        cells = [_trend_cell(next(i for d in city_profile(con, code, lang=lang)["domains"]
                                  for i in d["indicators"] if i["indicator_id"] == ind), lang)
                 for code, ind in (("GM1699", "regional_customer_potential"),
                                   ("GM1930", "gas_delivered_per_inhabitant"))]
    want = {"nl": ("↓ −207 per jaar langs de trendlijn sinds 2018 (voorlopig); 2018 ligt ver "
                   "boven die lijn",
                   "↓ −10 per jaar langs de trendlijn sinds 2017; 2017 en 2021 liggen ver "
                   "boven, 2020 ver onder die lijn"),
            "en": ("↓ −207 a year along the trend line since 2018 (provisional); 2018 lies far "
                   "above it",
                   "↓ −10 a year along the trend line since 2017; 2017 and 2021 lie far above, "
                   "2020 far below it")}[lang]
    for cell, words in zip(cells, want, strict=True):
        assert words in cell, cell
        assert ") (" not in cell, cell


def test_the_profile_names_the_years_its_lines_find(warehouse_path) -> None:
    """``city_lines`` gives every year far off the line, the first year first: Noord-
    Beveland's deaths, 15,0 in 2016 and 15,7 in 2021 (3,4 and 3,2 above the line, 3 times
    its median distance 2,5)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        lines = city_lines(con, "GM1695", default_settings().min_distinct_values)
    assert lines[DEATHS]["off"] == [(2016, "above"), (2021, "above")]
    assert lines[DEATHS]["year"] == 2016


def test_a_series_whose_ends_lie_near_its_line_keeps_its_change(warehouse_path) -> None:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        lines = city_lines(con, "GM0193", default_settings().min_distinct_values)  # Zwolle
    assert "population" not in lines and "dwellings" not in lines
