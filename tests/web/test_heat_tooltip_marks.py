"""The home page heatmap's tooltip gives a cell's year with the tiles' marks ('2023,
voorlopig', '2019, verouderd': :func:`~stadstrends.publish.sentence_words.figure_marks`),
not a bare 'jaar 2023' under a legend saying 'laatste jaar' ('s-Hertogenbosch's income,
its 2019 safety survey). The profile API's and the city page's Kies lines the same (Oss's
'940 m³ (2023, voorlopig)'). Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.sentence_words import WORDS


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_cell_s_year_carries_its_marks(client, wh, lang) -> None:
    page = client.get(f"/?format=json&lang={lang}").json()
    spec = page["heat_spec"]
    for layer in spec["layer"]:
        fields = [t["field"] for t in layer["encoding"]["tooltip"]]
        assert "year" not in fields, fields  # the bare year is not shown
    cells = [d for d in spec["data"]["values"] if d["kind"] != "none"]
    prov = set(wh.execute("SELECT region_code, indicator_id, year FROM indicator_values "
                          "WHERE provisional").fetchall())
    fresh = fresh_from(build_info(wh))
    ids = {i["title"]: i["indicator_id"] for i in page["heat_indicators"]}
    w = WORDS[lang]
    counted = {"prov": 0, "stale": 0}
    for d in cells:
        year = int(d["year"])
        marks = ([w["provisional"]] if (d["code"], ids[d["ind"]], year) in prov else []) + (
            [w["stale"]] if fresh and year < fresh else [])
        assert d["year_shown"] == ", ".join([str(year), *marks]), d
        counted["prov"] += w["provisional"] in marks
        counted["stale"] += w["stale"] in marks
    assert counted["prov"] > 10 and counted["stale"] > 10, counted
    if lang == "nl":
        bosch = {ids[d["ind"]]: d for d in cells if d["code"] == "GM0796"}
        income = bosch["income_disposable_mean"]
        assert (income["shown"], income["year_shown"]) == ("56,4 duizend euro",
                                                           "2023, voorlopig"), income
        unsafe = [d for d in bosch.values() if d["year"] == 2019]
        assert unsafe and all(d["year_shown"] == "2019, verouderd" for d in unsafe), unsafe


def test_the_profile_api_marks_kies_years(client) -> None:
    body = client.get("/api/v1/profile/GM0828").json()
    kies = body["kies_richting"]
    texts = {k["indicator_id"]: k["text_nl"] for key in ("distinctive_strengths",
                                                         "urgent_tasks") for k in kies[key]}
    assert texts["gas_use_per_dwelling"].startswith(
        "Gemiddeld aardgasverbruik per woning (ook woningen met stadsverwarming): "
        "940 m³ (2023, voorlopig), ")
    assert "7% (2023, voorlopig)" in texts["low_income_households_share"]


def test_the_city_page_s_kies_lines_mark_their_year(client) -> None:
    """The city page prints the value and year itself and the sentence's rest after
    'Waarom': Oss's gas use '940 m³ (2023, voorlopig)', the rest without the title."""
    page = client.get("/gemeente/GM0828?format=json").json()
    rows = {r["indicator_id"]: r for g in page["kies"] for r in g["rows"]}
    gas = rows["gas_use_per_dwelling"]
    assert (gas["value"], gas["year"], gas["year_shown"]) == (
        "940 m³", 2023, "2023, voorlopig"), gas
    assert gas["why"].startswith("bij het ongunstigste kwart"), gas
    assert all(not r["why"].startswith(r["title"]) for r in rows.values()), rows
    html = client.get("/gemeente/GM0828", headers={"accept": "text/html"}).text
    assert "<strong>940 m³</strong> (2023, voorlopig)" in html
