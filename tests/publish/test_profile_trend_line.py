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
from stadstrends.publish.profile_text import render_profile
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
        assert ("2016 ligt ver boven de trendlijn door 2016–2023; langs die lijn gemiddeld "
                "−1,1 per 1 000 inwoners per jaar") in s["text_nl"], s["text_nl"]
        assert "2016 lies far above the trend line" in s["text_en"], s["text_en"]
        assert "14,2" not in s["text_nl"] and "14.2" not in s["text_en"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_printed_table_gives_the_slope(vlieland, lang) -> None:
    out = io.StringIO()
    render_profile(vlieland[0][lang], Console(file=out, width=400, color_system=None), lang)
    row = next(x for x in out.getvalue().splitlines() if x.startswith(
        "Sterfte per 1 000" if lang == "nl" else "Deaths per 1,000"))
    want = ("↓ −1,1 per jaar sinds 2016 (langs de trendlijn; 2016 ligt er ver boven)"
            if lang == "nl" else
            "↓ −1.1 a year since 2016 (along the trend line; 2016 lies far above it)")
    assert want in row, row
    assert "14,2" not in row and "14.2" not in row


def test_a_series_whose_ends_lie_near_its_line_keeps_its_change(warehouse_path) -> None:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        lines = city_lines(con, "GM0193", default_settings().min_distinct_values)  # Zwolle
    assert "population" not in lines and "dwellings" not in lines
