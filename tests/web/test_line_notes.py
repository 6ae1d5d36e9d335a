"""The dashboard's line charts say in their tooltips what the report says beside a figure
(real snapshot): Leeuwarden's thefts of 2010 '(omgerekend, berekend door Stadstrends)', in
the one bracket of the tiles and the ranking, and on the indicator page of one municipality the
lines of its COROP region, province and Nederland 'zonder Ameland ...' where their sums leave
members out (``region_left_out``: Nederland's social housing share of 2017 without Ameland,
Terschelling, Renswoude, Koggenland, Opmeer and Voorne aan Zee). Before, the tooltips printed
the bare figure.
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.harmonised import marked_years
from stadstrends.publish.sentence_words import WORDS as WORDS_OF

CITY = "GM0080"
# the tooltips' words are the tiles' (h50g: one bracket, as the ranking), the table's legend
# lines the long ones starting with them
WORDS = {"nl": ("omgerekend", "berekend door Stadstrends", "zonder"),
         "en": ("recalculated", "computed by Stadstrends", "without")}


def _points(spec: dict) -> list[dict]:
    return spec["data"]["values"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_city_line_names_recalculated_and_recomputed_years(client, wh, lang):
    recalc, recomp, _ = WORDS[lang]
    for path in (f"/indicator/thefts_per_1000?regions={CITY}&lang={lang}&format=json",
                 f"/vergelijk?regions={CITY},GM0193&indicator=thefts_per_1000&lang={lang}"
                 "&format=json"):
        page = client.get(path).json()
        city = [p for p in _points(page["line_spec"]) if p["name"] == "Leeuwarden"]
        own = marked_years(wh, CITY, "harmonised")["thefts_per_1000"]
        quotients = marked_years(wh, CITY, "recomputed")["thefts_per_1000"]
        assert city
        for p in city:
            assert (recalc in p["shown"]) == (p["year"] in own), p
            assert (recomp in p["shown"]) == (p["year"] in quotients), p
        assert not any(recalc in p["shown"] or recomp in p["shown"]
                       for p in _points(page["line_spec"]) if p["name"] == "Zwolle")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_aggregate_lines_say_which_members_they_leave_out(client, wh, lang):
    without = WORDS[lang][2]
    page = client.get(f"/indicator/social_housing_share?regions={CITY}&lang={lang}"
                      "&format=json").json()
    left = {(c, int(y)) for c, y in wh.execute(
        "SELECT region_code, year FROM region_left_out "
        "WHERE indicator_id = 'social_housing_share'").fetchall()}
    names = {r["region_code"]: r["name"] for r in page["series"]}
    code_of = {n: c for c, n in names.items()}
    points = _points(page["line_spec"])
    assert {"NL01", "PV21", "CR04"} <= set(names)
    for p in points:
        said = f"({without} " in p["shown"] or f", {without} " in p["shown"]
        assert said == ((code_of[p["name"]], p["year"]) in left), p
    nl = next(p for p in points if p["name"] == names["NL01"] and p["year"] == 2017)
    for member in ("Ameland", "Terschelling", "Renswoude", "Koggenland", "Opmeer"):
        assert member in nl["shown"], nl


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_and_its_table_mark_the_municipalities_figures(client, wh, lang):
    """Crimes per 1 000 of 2024: Schiermonnikoog's, Vlieland's and Rozendaal's are quotients
    of CBS's rounded count; the map's tooltip and its table say so, Zwolle's stays bare."""
    _, recomp, _ = WORDS[lang]
    page = client.get(f"/indicator/crimes_per_1000?year=2024&regions=GM0193&lang={lang}"
                      "&format=json").json()
    quotients = {c for c, in wh.execute("SELECT region_code FROM recomputed_cells WHERE "
                                        "indicator_id = 'crimes_per_1000' AND year = 2024"
                                        ).fetchall()}
    lookup = page["map_spec"]["transform"][0]["from"]["data"]["values"]  # joined to shapes
    shown = {r["region_code"]: r["shown"] for r in lookup}
    # or in one mark with a rounded count: 'door Stadstrends berekend uit ...' (h50l)
    said = re.compile("|".join(re.escape(w) for w in (
        recomp, *(WORDS_OF[lang][f"recomputed_{j}_short"] for j in ("coarse", "zero")))))
    assert {c for c, s in shown.items() if said.search(s)} == quotients & set(shown)
    assert {"GM0088", "GM0096", "GM0277"} <= quotients & set(shown)
    html = client.get(f"/indicator/crimes_per_1000?year=2024&regions=GM0193&lang={lang}",
                      headers={"accept": "text/html"}).text.replace("\xa0", " ")
    marks = re.findall(r'<span class="year">(\([^<]*\))</span>', html)
    assert sum(bool(said.search(m)) for m in marks) == len(quotients & set(shown))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_charts_table_marks_cells_and_names_the_members_left_out(client, wh, lang):
    """The line chart's table alternative: Leeuwarden's thefts '41,6*°' (2010) with the
    legend lines; social housing's Nederland, province and COROP columns with a line each
    naming the members their sums leave out."""
    recalc, recomp, without = WORDS[lang]
    page = client.get(f"/indicator/thefts_per_1000?regions={CITY}&lang={lang}"
                      "&format=json").json()
    table = page["series_table"]
    col = table["columns"].index("Leeuwarden")
    marks = {r["year"]: r["marks"][col] for r in table["rows"]}
    own = marked_years(wh, CITY, "harmonised")["thefts_per_1000"]
    quotients = marked_years(wh, CITY, "recomputed")["thefts_per_1000"]
    assert all(("*" in m) == (y in own) and ("°" in m) == (y in quotients)
               for y, m in marks.items())
    assert marks[2010] == "*°" and marks[2024] == ""
    assert any(recalc in n for n in table["notes"]) and any(recomp in n for n in table["notes"])
    social = client.get(f"/indicator/social_housing_share?regions={CITY}&lang={lang}"
                        "&format=json").json()["series_table"]
    lines = [n for n in social["notes"] if f": {without} " in n]
    assert len(lines) == 3  # Noord-Friesland, Fryslân, Nederland
    nl = next(n for n in lines if "Ameland, Koggenland, Opmeer, Renswoude" in n)
    assert "Terschelling (2016" in nl
    html = client.get(f"/indicator/social_housing_share?regions={CITY}&lang={lang}",
                      headers={"accept": "text/html"}).text
    # the page keeps '2012-2024' together (a span, publish/nowrap.py) and '1 000' (no-break
    # space)
    whole = re.sub(r'<span class="nowrap(?: name)?">([^<]*)</span>', r"\1", html)
    assert f'<p class="note">{nl}</p>' in whole.replace("\xa0", " ") and "\u2060" not in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_distribution_line_says_what_nederland_leaves_out(client, lang):
    """'G40-mediaan: ... · Nederland: 28,4% (zonder Ameland, Koggenland, ...)' for the social
    housing share of 2024; the population's Nederland, summed whole, says nothing of it."""
    without = WORDS[lang][2]
    page = client.get(f"/indicator/social_housing_share?year=2024&regions={CITY}&lang={lang}"
                      "&format=json").json()
    assert page["city_set"]["nl_left_out"].startswith(f"{without} Ameland, Koggenland")
    assert "Terschelling" not in page["city_set"]["nl_left_out"]  # 2016-2017 only
    html = client.get(f"/indicator/social_housing_share?year=2024&regions={CITY}&lang={lang}",
                      headers={"accept": "text/html"}).text.replace("\xa0", " ")
    assert f"({page['city_set']['nl_left_out']})" in html
    other = client.get(f"/indicator/population?regions={CITY}&lang={lang}&format=json").json()
    assert not (other.get("city_set") or {}).get("nl_left_out")
