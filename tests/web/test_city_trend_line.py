"""A city page's tile where an end year of its trend lies far off the Theil–Sen line gives
the line's slope as the report's sentence does (publish/web/tile_line.py), real snapshot:
Vaals's new dwellings per 1 000 read '−59,2 per 1 000 woningen 2016–2023' (60,1 in 2016,
one year of 315 dwellings, to 0,9 in 2023)."""

from __future__ import annotations

import pytest

NEW = "new_construction_per_1000_dwellings"
WORDS = {"nl": ("2016 ver boven de trendlijn; langs die lijn −3,5 per 1 000 woningen per "
                "jaar 2016–2023"),
         "en": ("2016 far above the trend line; along that line −3.5 per 1,000 dwellings a "
                "year 2016–2023")}


def _tiles(client, code: str, lang: str) -> dict[str, dict]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vaals_new_dwellings_tile_gives_the_line(client, wh, lang) -> None:
    slope = wh.execute("SELECT theil_sen_slope FROM trends WHERE region_code = 'GM0981' "
                       "AND indicator_id = ?", [NEW]).fetchone()[0]
    assert round(slope, 1) == -3.5  # the warehouse's slope, printed with one decimal
    tiles = _tiles(client, "GM0981", lang)
    change = tiles[NEW]["change"]
    assert change.startswith(WORDS[lang]) and "%" not in change, change
    # the dwelling stock starts on the level of 2017 and steps in 2019: its change stays
    assert "%" in tiles["dwellings"]["change"], tiles["dwellings"]
    assert not any("trendlijn" in (x["change"] or "") for x in _tiles(
        client, "GM0193", "nl").values() if x["indicator_id"] in ("dwellings", "population"))


def test_vlieland_deaths_tile_gives_the_line_where_the_ends_make_twice_its_change(
        client, wh) -> None:
    """Vlieland's deaths per 1 000 (CBS's rates): 22,1 in 2016 (24 deaths, against 14 in 2015
    and 13 in 2017) to 7,9 in 2023 read '−14,2 per 1 000 inwoners 2016–2023' beside
    'significante trend', about twice the fall along the Theil–Sen line (−1,1 a year, −7,4
    over the window): the
    rule's first form let a raw change pass up to twice the line's. Fails on that form."""
    deaths = "deaths_per_1000"
    slope, first, last = wh.execute(
        "SELECT theil_sen_slope, first_value, last_value FROM trends "
        "WHERE region_code = 'GM0096' AND indicator_id = ?", [deaths]).fetchone()
    along = slope * 7
    assert abs((last - first) - along) > 0.9 * abs(along)  # the raw change: about twice
    change = _tiles(client, "GM0096", "nl")[deaths]["change"]
    assert change.startswith("2016 ver boven de trendlijn; langs die lijn −1,1 per 1 000 "
                             "inwoners per jaar 2016–2023"), change
    assert "14,2" not in change
