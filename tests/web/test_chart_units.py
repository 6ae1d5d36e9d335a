"""The web charts name and scale a figure as the sentences and tiles do (the real snapshot):
Zwolle's income, '52,6 duizend euro' on its tile, was drawn on an axis titled '€' with values
times 1 000 (52.600); the axes now say 'duizend euro' over 52,6, with the catalogue's
decimals."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.sentence_numbers import unit_text

ZWOLLE = "GM0193"
PATH = "/indicator/income_disposable_mean?regions=GM0193&format=json"


@pytest.fixture(scope="module")
def stored(warehouse_path) -> dict[int, float]:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return dict(con.execute("SELECT year, value FROM indicator_values WHERE indicator_id ="
                                " 'income_disposable_mean' AND region_code = ?",
                                [ZWOLLE]).fetchall())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zwolles_income_chart_has_the_sentences_unit_and_scale(client, stored, lang):
    page = client.get(PATH + f"&lang={lang}").json()
    page = page.get("page", page)
    unit = unit_text("1 000 euro", lang)
    assert unit == {"nl": "duizend euro", "en": "thousand euro"}[lang]
    line = page["line_spec"]
    y = line["encoding"]["y"]
    assert y["title"] == unit and y["axis"]["format"] == ",.1~f", y  # 52,6: one decimal
    drawn = {r["year"]: r["value"] for r in line["data"]["values"] if r["name"] == "Zwolle"}
    assert drawn and all(drawn[y] == pytest.approx(stored[y]) for y in drawn)  # not x 1 000
    # the unit after the figure, then its marks' one bracket since session 50:
    # '52,6 duizend euro (voorlopig)'
    assert all(r["shown"].split(" (")[0].endswith(" " + unit) for r in line["data"]["values"]
               if r["value"] is not None)
    assert any(r["shown"] == f"52{',' if lang == 'nl' else '.'}6 {unit} ("
               + {"nl": "voorlopig", "en": "provisional"}[lang] + ")"
               for r in line["data"]["values"] if r["year"] == 2023 and r["name"] == "Zwolle")
    dist = page["dist_spec"]
    x = dist["layer"][0]["encoding"]["x"]
    assert x["title"] == unit and x["axis"]["format"] == ",.1~f", x
    assert max(r["value"] for r in dist["data"]["values"]) < 200  # thousands, not euros
    assert page["indicator"]["unit_label"] == unit
    assert "€" not in str(line["encoding"]) + str(x)


def test_a_whole_number_indicators_axis_has_no_decimals(client):
    """Population density is published whole (37259eng): axis and tooltips print '68'."""
    page = client.get("/indicator/population_density?regions=GM0060&format=json").json()
    page = page.get("page", page)
    assert page["line_spec"]["encoding"]["y"]["axis"]["format"] == ",d"
    shown = [r["shown"] for r in page["line_spec"]["data"]["values"] if r["value"] is not None]
    assert shown and not any("," in s.split(" ")[0] for s in shown), shown
