"""The city page's tweedeling rows mark their year as the tiles mark a figure: 'verouderd'
where it is before the build's first fresh year, with why the later years are missing, and
'voorlopig' where CBS marks the city's figure so. Real snapshot: Zaanstad's Wmo clients row
was '2019' bare (59 against 35, '69% hoger') beside the tile's 58 of 2023, because 86050NED
has no full-year figure of Wormerland, its ommeland, for 2020-2023 (only half years); its
income, jobs, crimes, electricity, gas and solar rows printed provisional figures bare."""

from __future__ import annotations

import pytest

from stadstrends.publish.read import build_info, fresh_from


def _page(client, code: str, lang: str = "nl") -> dict:
    body = client.get(f"/gemeente/{code}?lang={lang}&format=json").json()
    return body.get("page", body)


def _section(client, code: str) -> str:
    html = client.get(f"/gemeente/{code}", headers={"accept": "text/html"}).text
    start = html.index('id="gap-h"')
    return html[start:html.index("</section>", start)]


@pytest.mark.parametrize(("code", "year", "note"), [
    ("GM0479", 2019, "geen cijfer van Wormerland na 2019"),
    ("GM0935", 2021, "geen cijfer van Heerlen in 2022; geen cijfer van Landgraaf in 2023"),
    ("GM0917", 2021, "geen cijfer van Heerlen in 2022; geen cijfer van Landgraaf in 2023"),
    ("GM1883", 2021, "geen cijfer van Heerlen in 2022; geen cijfer van Landgraaf in 2023")])
def test_an_old_divide_is_marked_old_with_the_reason_of_every_later_year(client, code, year,
                                                                         note):
    rows = {g["indicator_id"]: g for g in _page(client, code)["gaps"]}
    wmo = rows["wmo_clients_per_1000"]
    assert wmo["year"] == year
    assert wmo["year_text"] == f"{year}, verouderd"
    assert wmo["year_note"] == note
    section = _section(client, code)
    assert f"{year}, verouderd" in section and note in section
    # one mark of its age where the year is read, not a second flag on the row (session 55)
    row = section[section.index("Wmo-cli"):]
    assert row[:row.index("</tr>")].count("verouderd") == 1, row[:600]


def test_every_row_is_marked_old_exactly_when_the_tiles_rule_says_so(client, wh):
    fresh = fresh_from(build_info(wh))
    for code in ("GM0479", "GM0363", "GM0935"):
        page = _page(client, code)
        tiles = {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}
        for g in page["gaps"]:
            assert ("verouderd" in g["year_text"]) == (g["year"] < fresh), g
            # a note exactly where the city has a later figure than the row's (its tile's)
            assert (g["year_note"] is not None) == (g["year"] < tiles[g["indicator_id"]]["year"]), g


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_provisional_figures_are_marked_as_the_tiles_mark_them(client, lang):
    page = _page(client, "GM0479", lang)
    word = {"nl": "voorlopig", "en": "provisional"}[lang]
    tiles = {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}
    rows = {g["indicator_id"]: g for g in page["gaps"]}
    for ind in ("income_disposable_mean", "job_ratio", "crimes_per_1000",
                "electricity_use_per_dwelling", "gas_use_per_dwelling",
                "solar_capacity_per_inhabitant"):
        assert rows[ind]["year_text"] == f"{rows[ind]['year']}, {word}", rows[ind]
    for ind, g in rows.items():  # the tile of the same year says it exactly then
        tile = tiles.get(ind)
        if tile and tile["year"] == g["year"]:
            assert (word in tile["marks"]) == (word in g["year_text"]), (tile, g)
    assert rows["unemployment_rate"]["year_text"] == "2024"
