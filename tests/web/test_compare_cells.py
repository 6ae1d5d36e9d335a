"""The comparison page (/vergelijk) shows each latest figure as the city page's tile does:
its year with 'voorlopig' and 'verouderd', the values missing after it with the report's
reason, and why a municipality has no figure at all (never a bare '–'). On the real
snapshot: Leeuwarden's safety survey of 2019 is out of date, Ameland's social assistance of
2014 provisional, Vlieland's establishments in transport and ICT are cut from table 85984NED.
"""

from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}
PAIRS = ("GM0080,GM0153", "GM0096,GM1979", "GM0060,GM0193")


def _cells(client, regions: str, lang: str = "nl") -> dict[tuple[str, str], dict]:
    body = client.get(f"/vergelijk?regions={regions}&lang={lang}&format=json").json()
    codes = [r["region_code"] for r in body["regions"]]
    return {(c, row["indicator"]["indicator_id"]): cell for row in body["table"]
            for c, cell in zip(codes, row["cells"], strict=True)}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("regions", PAIRS)
def test_cells_read_as_the_city_page_tiles(client, regions: str, lang: str) -> None:
    cells = _cells(client, regions, lang)
    for code in regions.split(","):
        city = client.get(f"/gemeente/{code}?lang={lang}&format=json").json()
        tiles = {x["indicator_id"]: x for d in city["domains"] for x in d["tiles"]
                 if x["key"]}
        compared = {i for c, i in cells if c == code}
        assert tiles and set(tiles) <= compared
        for ind, tile in tiles.items():
            cell = cells[(code, ind)]
            # a sample figure: the cell marks its one figure, the tile (with its series) every
            # year it shows ('elk jaar een steekproefcijfer, ...', session 53)
            one = [_one_year(m, lang) for m in tile["marks"]]
            assert (cell["shown"], cell["year"], cell["marks"], cell["missing"]) == \
                (tile["value"], tile["year"], one, tile["missing"]), (code, ind)


def _one_year(mark: str, lang: str) -> str:
    """A tile's sample-figure mark of every year as the mark of its one figure."""
    every = {"nl": ("elk jaar een steekproefcijfer", "steekproefcijfer"),
             "en": ("a sample figure every year", "sample figure")}[lang]
    return mark.replace(*every)


def test_stale_and_provisional_figures_are_marked(client, wh) -> None:
    fresh = wh.execute("SELECT latest_data_year - stale_after_years FROM build_info").fetchone()[0]
    year, provisional = wh.execute(
        "SELECT max(year), arg_max(provisional, year) FROM indicator_values "
        "WHERE region_code = 'GM0080' AND indicator_id = 'feels_unsafe_share'").fetchone()
    assert year < fresh and not provisional  # the safety survey of 2019: out of date
    cell = _cells(client, "GM0080,GM0153")[("GM0080", "feels_unsafe_share")]
    assert cell["year"] == year and cell["marks"] == ["verouderd"]
    page = client.get("/vergelijk?regions=GM0080,GM0153&indicator=unemployment_rate",
                      headers=HTML).text
    assert (f"<span class=\"fig\">{cell['shown']}</span> <span class=\"year\">({year}, "
            "verouderd)</span>") in page
    year, provisional = wh.execute(
        "SELECT max(year), arg_max(provisional, year) FROM indicator_values "
        "WHERE region_code = 'GM0060' AND indicator_id = 'social_assistance_per_1000'"
    ).fetchone()
    assert provisional and year < fresh  # Ameland's latest figure: 2014, provisional
    cell = _cells(client, "GM0060,GM0193")[("GM0060", "social_assistance_per_1000")]
    assert cell["marks"] == ["voorlopig", "verouderd"]
    assert f"({year}, voorlopig, verouderd)" in client.get(
        "/vergelijk?regions=GM0060,GM0193", headers=HTML).text


def test_a_missing_figure_says_why(client, wh) -> None:
    cut = wh.execute("SELECT cut_after FROM sources WHERE table_id = '85984NED'").fetchone()[0]
    assert cut  # the CBS file is cut before Vlieland
    none = wh.execute("SELECT count(*) FROM indicator_values WHERE region_code = 'GM0096' "
                      "AND indicator_id = 'establishments_transport_ict_per_1000'").fetchone()[0]
    assert none == 0
    cell = _cells(client, "GM0096,GM1979")[("GM0096", "establishments_transport_ict_per_1000")]
    assert cell["value"] is None and len(cell["missing"]) == 1
    assert "85984NED" in cell["missing"][0] and cell["missing"][0].startswith("Geen cijfer")
    page = client.get("/vergelijk?regions=GM0096,GM1979", headers=HTML).text
    assert cell["missing"][0] in page
    # no figure: the stored reason, the whole CBS table without it in any year (it said
    # 'geen gegevens', then a reason publish derived from the tables)
    assert wh.execute("SELECT list(DISTINCT reason ORDER BY reason) FROM indicator_gaps WHERE "
                      "region_code = 'GM1979' AND indicator_id = 'feels_unsafe_share'"
                      ).fetchone()[0] == ["predecessors_never_in_table"]  # 2018 too
    # Eemsdelta exists since 2021: 2012-2019 are years before it (it said 'in geen enkel jaar
    # voor deze gemeente', as if CBS left out a municipality that existed)
    plain = _cells(client, "GM0096,GM1979")[("GM1979", "feels_unsafe_share")]
    # the snapshot's file is CBS's whole table: CBS, not only the copy, lacks Eemsdelta
    assert wh.execute("SELECT list(completeness_code) FROM sources WHERE table_id = "
                      "'81877NED'").fetchone()[0] == ["complete"]
    assert plain["value"] is None and plain["missing"] == [
        "Geen cijfer voor 2012–2019: de gemeente bestond toen nog niet; CBS publiceert tabel "
        "81877NED niet voor alle gemeenten, en in geen enkel jaar voor Appingedam, Delfzijl "
        "en Loppersum, waaruit de gemeente is ontstaan."]  # wholly: no 'deels' (h50g)


def test_the_compare_table_prints_the_catalogues_decimals(client) -> None:
    """The year table under the compare page's chart prints a figure as the indicator page,
    the tooltips and the tiles do (session 50's tester): Deventer's demolitions per 1 000
    dwellings of 2017 read '0,78' there and '0,8' everywhere else."""
    import re

    html = client.get("/vergelijk?regions=GM0150,GM0153"
                      "&indicator=demolition_per_1000_dwellings").text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "2017 0,8 per 1 000 woningen" in text
    assert not re.search(r"\b\d+,\d\d per 1 000 woningen", text)
