"""Maps and the heatmap on the synthetic warehouse: classes that spread the data, every
break labelled in Dutch, a "geen gegevens" entry, and a heatmap table that shows the numbers
the chart is coloured by. Two municipalities called Bergen: test_end_to_end.py."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

import re

import pytest

from stadstrends.publish.web.units import shown_value, step
from tests.web.on_synthetic import client, wh  # noqa: F401 - fixtures

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("indicator", ["income_disposable_mean", "population",
                                       "population_growth_pct", "unemployment_rate"])
def test_map_classes_spread_and_are_labelled(client, indicator: str) -> None:
    page = client.get(f"/?indicator={indicator}&format=json").json()
    legend = page["map_spec"]["usermeta"]["legend"]
    values = [v["value"] for v in page["map_values"] if v["value"] is not None]
    assert 3 <= len(legend) <= 5
    for c in legend:
        inside = sum(c["lo"] <= v <= c["hi"] for v in values)
        assert inside <= 0.45 * len(values), (c, inside, len(values))
    unit = page["indicator"]["unit"]
    shown = [shown_value(v, unit) for v in values]
    assert legend[0]["lo"] == min(shown) and legend[-1]["hi"] == max(shown)
    # classes share no boundary: each ends one shown step before the next one starts, and
    # every value (as shown) lies in exactly one of them
    for a, b in zip(legend, legend[1:], strict=False):
        assert a["hi"] < b["lo"] and b["lo"] - a["hi"] == pytest.approx(step(b["lo"], unit))
    assert all(sum(c["lo"] <= v <= c["hi"] for c in legend) == 1 for v in shown)
    text = client.get(f"/?indicator={indicator}", headers=HTML).text
    block = text[text.index('class="map-legend"'):]
    block = block[:block.index("</div>")]
    for c in legend:
        assert c["label"] in block
    assert "geen gegevens" in block
    assert not re.search(r"\de[+-]\d", block)
    scale = page["map_spec"]["layer"][0]["encoding"]["color"]
    assert scale["condition"]["test"] == "!isValid(datum.value)"  # no value: drawn grey
    assert scale["scale"]["domain"] == [c["lo"] for c in legend[1:]]


def test_euro_legend_in_euros(client) -> None:
    page = client.get("/?indicator=income_disposable_mean&format=json").json()
    label = page["map_spec"]["usermeta"]["legend"][0]["label"]
    # as the report prints an amount in 1 000 euro: '45,2 duizend euro'
    assert re.fullmatch(r"\d{2},\d duizend euro – \d{2},\d duizend euro", label), label


def test_selected_municipality_outlined(client) -> None:
    page = client.get("/indicator/income_disposable_mean?regions=GM0193&format=json").json()
    outline = page["map_spec"]["layer"][-1]
    assert outline["transform"][0]["filter"]["oneOf"] == ["GM0193"]
    assert outline["mark"]["fill"] is None and outline["mark"]["strokeWidth"] >= 2


def test_heatmap_table_shows_the_chart_numbers(client) -> None:
    page = client.get("/?format=json").json()
    chart = {(d["code"], d["ind"]): d for d in page["heat_spec"]["data"]["values"]}
    titles = [i["title"] for i in page["heat_indicators"]]
    missing = 0
    for row in page["heat_rows"]:
        for label, cell in zip(titles, row["cells"], strict=True):
            shown = chart[row["region_code"], label]
            if cell is None:
                missing += 1
                assert "pos" not in shown and shown["kind"] == "none"  # no "null" in its tooltip
            else:
                assert shown["pos"] == round(cell)
    assert missing > 0  # the snapshot lacks some cells: drawn and explained
    text = client.get("/", headers=HTML).text
    assert "geel = zonder cijfer (de reden staat in de lijst eronder)" in text


def test_error_suggestions_work(client) -> None:
    bad = client.get("/indicator/income_disposable_mean?year=1950&regions=GM0193", headers=HTML)
    assert bad.status_code == 400
    links = re.findall(r'href="(/indicator/income_disposable_mean\?year=\d+[^"]*)"', bad.text)
    assert links == [f"/indicator/income_disposable_mean?year={y}&amp;regions=GM0193"
                     for y in range(2019, 2024)]  # the latest five years with figures
    for link in links:
        assert client.get(link.replace("&amp;", "&"), headers=HTML).status_code == 200
    english = client.get("/nergens?lang=en", headers=HTML)
    assert english.status_code == 404 and "This page does not exist" in english.text


def test_map_year_slider_is_a_form_that_works_without_script(client, wh) -> None:
    ind = "new_construction_per_1000_dwellings"  # 2020, 2021 and 2023 only
    years = [r[0] for r in wh.execute(
        "SELECT DISTINCT v.year FROM indicator_values v JOIN current_municipalities m "
        "USING (region_code) WHERE v.indicator_id = ? ORDER BY 1", [ind]).fetchall()]
    html = client.get(f"/?indicator={ind}", headers=HTML).text
    slider = re.search(r'<input type="range" id="map-year" name="year"[^>]*>', html).group(0)
    assert f'min="{years[0]}"' in slider and f'max="{years[-1]}"' in slider
    assert f'data-years="{",".join(map(str, years))}"' in slider
    assert re.findall(r'<option value="(\d{4})"></option>', html) == [str(y) for y in years]
    assert 'for="map-year"' in html and 'id="map-year-out"' in html
    # the form's GET (no script): a year without figures draws the nearest year with them
    assert years == [2020, 2021, 2023]
    gap = next(y for y in range(years[0], years[-1]) if y not in years)
    page = client.get(f"/?indicator={ind}&year={gap}&format=json").json()
    nearest = min(years, key=lambda y: (abs(y - gap), -y))
    assert page["year"] == nearest and page["map_values"]
