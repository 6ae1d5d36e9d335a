"""An out-of-date figure has no place in the group on the home page's heatmap either
(:func:`stadstrends.publish.web.specs.heat_stale`), by the rule of the city page's tiles
(:func:`stadstrends.publish.web.tiles.stale`: a year before the build's first fresh year,
``stale_after_years`` of the settings). Before, the column 'Voelt zich weleens onveilig
(2019, verouderd)' was coloured by the cities' positions while /gemeente/GM0193 said of the
same figure 'verouderd cijfer (van vóór 2022): geen trend of plaats in de groep getoond'.
Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.read import build_info, fresh_from

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_old_figure_is_not_coloured_by_its_position(client, wh, lang) -> None:
    fresh = fresh_from(build_info(wh))
    assert fresh == 2022  # the snapshot's build: 2026 - stale_after_years 4
    page = client.get(f"/?format=json&lang={lang}").json()
    spec = page["heat_spec"]
    ids = {i["title"]: i["indicator_id"] for i in page["heat_indicators"]}
    old = [d for d in spec["data"]["values"] if d.get("year") and int(d["year"]) < fresh]
    assert len(old) > 30, len(old)  # the safety survey of 2019 in 39 cities
    for d in old:
        assert d["kind"] == "stale" and d.get("pos") is None, d
        assert str(fresh) in d["why"] and d["shown"] and d["year_shown"].startswith("2019")
    for d in spec["data"]["values"]:  # and every other cell with a figure keeps its colour
        if d["kind"] in ("fav", "neu"):
            assert int(d["year"]) >= fresh and d["pos"] is not None, d
    coloured = [ly for ly in spec["layer"] if ly["encoding"]["color"].get("field") == "pos"]
    for ly in coloured:  # the position layers never draw an old cell
        assert "stale" not in ly["transform"][0]["filter"]
    stale_layer = [ly for ly in spec["layer"] if "'stale'" in ly["transform"][0]["filter"]]
    assert len(stale_layer) == 1
    tips = [t["field"] for t in stale_layer[0]["encoding"]["tooltip"]]
    assert "pos" not in tips and "why" in tips and "shown" in tips
    # the table alternative: no position number for them, and the list says why
    codes = {r["region_code"]: r for r in page["heat_rows"]}
    for d in old:
        row = codes[d["code"]]
        k = [i["indicator_id"] for i in page["heat_indicators"]].index(ids[d["ind"]])
        assert row["cells"][k] is None and row["stale"][k] and row["why"][k] == d["why"]
    notes = page["heat_stale"]
    assert [n["n"] for n in notes] == [sum(1 for d in old if d["ind"] == n["title"])
                                       for n in notes]


def test_the_heatmap_and_the_city_page_agree(client) -> None:
    page = client.get("/?format=json").json()
    ids = {i["title"]: i["indicator_id"] for i in page["heat_indicators"]}
    heat = {(d["code"], ids[d["ind"]]): d["kind"] for d in page["heat_spec"]["data"]["values"]}
    for code in ("GM0193", "GM0796", "GM0080"):  # Zwolle, 's-Hertogenbosch, Leeuwarden
        city = client.get(f"/gemeente/{code}?format=json").json()
        tiles = {x["indicator_id"]: x for d in city["domains"] for x in d["tiles"]}
        for (c, ind), kind in heat.items():
            if c != code or ind not in tiles or kind == "none":
                continue
            assert (kind == "stale") == (tiles[ind]["status"] == "stale"), (code, ind, kind)


def test_the_page_says_which_cells_are_old(client) -> None:
    html = client.get("/", headers=HTML).text
    page = client.get("/?format=json").json()
    with_figure = sum(1 for d in page["heat_spec"]["data"]["values"]
                      if d["ind"] == "Voelt zich weleens onveilig" and d["kind"] != "none")
    assert "Verouderd, zonder positie" in html
    assert (f"Voelt zich weleens onveilig (2019, verouderd): alle {with_figure} gemeenten met "
            "een cijfer: verouderd cijfer (van vóór 2022): geen plaats in de groep getoond"
            in html)
