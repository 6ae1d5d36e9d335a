"""A city page's tile where an end year of its trend lies far off the Theil–Sen line gives
the line's slope as the report's sentence does (publish/web/tile_line.py), real snapshot:
Vaals's new dwellings per 1 000 read '−59,2 per 1 000 woningen 2016–2023' (60,1 in 2016,
one year of 315 dwellings, to 0,9 in 2023)."""

from __future__ import annotations

import re
from statistics import median

import pytest
from scipy import stats

NEW = "new_construction_per_1000_dwellings"
#: (2018's 39,8 lies far above the line too: named since session 53)
WORDS = {"nl": ("2016 en 2018 ver boven de trendlijn; langs die lijn −3,5 per 1 000 woningen "
                "per jaar 2016–2023"),
         "en": ("2016 and 2018 far above the trend line; along that line −3.5 per 1,000 "
                "dwellings a year 2016–2023")}


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


#: (municipality, indicator) -> the years the tile names off the line, read aloud by the
#: review of session 53: Noord-Beveland's deaths named 2016 alone while 2021 (15,7 against
#: 2016's 15,0) lies as far above the line; Nissewaard's gas to businesses swings both ways
OFF = {("GM1695", "deaths_per_1000"): {
           "nl": "2016 en 2021 ver boven de trendlijn; langs die lijn +0,2 per 1 000 inwoners "
                 "per jaar 2016–2023",
           "en": "2016 and 2021 far above the trend line; along that line +0.2 per 1,000 "
                 "inhabitants a year 2016–2023"},
       ("GM1930", "gas_delivered_per_inhabitant"): {
           "nl": "2017 en 2021 ver boven, 2020 ver onder de trendlijn; langs die lijn −10 m³ "
                 "per inwoner per jaar 2017–2023",
           "en": "2017 and 2021 far above, 2020 far below the trend line; along that line "
                 "−10 m³ per inhabitant a year 2017–2023"}}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_tile_names_every_year_far_off_the_line(client, wh, lang) -> None:
    """A tile that names a year far off the line names every year that lies that far off
    (more than 3 times the median distance, scipy's Theil–Sen line recomputed here), on its
    side, and no other: '2016 ver boven de trendlijn' was untrue of Noord-Beveland's deaths as
    the one odd year. Fails on the code that named the first year alone."""
    for (code, ind), words in OFF.items():
        change = _tiles(client, code, lang)[ind]["change"]
        assert change.startswith(words[lang]), change
        years = wh.execute("SELECT first_year, last_year FROM trends WHERE region_code = ? "
                           "AND indicator_id = ?", [code, ind]).fetchone()
        by_year = dict(wh.execute(
            "SELECT year, value FROM indicator_values WHERE region_code = ? AND indicator_id = ? "
            "AND year BETWEEN ? AND ? AND value IS NOT NULL", [code, ind, *years]).fetchall())
        b, a, _, _ = stats.theilslopes(list(by_year.values()), list(by_year))
        res = {y: v - (a + b * y) for y, v in by_year.items()}
        limit = 3 * median(abs(r) for r in res.values())
        far = {y for y, r in res.items() if abs(r) > limit * 1.000001}
        named = {int(y) for y in re.findall(r"\b\d{4}\b", change.split(";")[0])}
        assert named == far, (code, ind, named, far)
        head = change.split(";")[0]
        for y in far:  # each on its side: the words after it up to the next side word
            side = ("boven" if lang == "nl" else "above") if res[y] > 0 else (
                "onder" if lang == "nl" else "below")
            assert side in head[head.index(str(y)):], (y, head)


def test_a_first_year_only_at_three_times_the_spread_keeps_the_change(client, wh) -> None:
    """Hoorn's reports to Veilig Thuis per 1 000: 2019 lies 1,6245 below the line, exactly 3
    times the median distance (0,5415); float noise (1e-15) made it 'ver onder de trendlijn'.
    A year is far off when it lies more than 3 times that distance off, so the tile keeps the
    change between the ends; Amersfoort's Wmo clients name 2017 (4 off, the limit 1) and not
    2020 and 2023 (1 off: 1 - 1e-14 was the limit)."""
    hoorn = _tiles(client, "GM0405", "nl")["domestic_violence_reports_per_1000"]["change"]
    assert "trendlijn" not in hoorn and "2019–2023" in hoorn, hoorn
    amersfoort = _tiles(client, "GM0307", "nl")["wmo_clients_per_1000"]["change"]
    assert amersfoort.startswith("2017 ver onder de trendlijn;"), amersfoort
