"""Every tooltip field of the site's charts has a title in the page's language (the real
snapshot). Before, the indicator page's strip of the city set said 'name Zoetermeer / shown
3,8% / same 6 gemeenten hebben dit cijfer', its line chart 'name Rotterdam / year 2015 /
shown 12,9%' and the dotted rule of the series break 'label reeksbreuk vanaf 2013': Vega-Lite
shows a field's name where the spec gives no title. The map said 'Gemeente / Werkloosheid'."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

#: a chart's spec on a page (macros.html: ``chart``)
SPEC = re.compile(r'<script type="application/json" id="([\w-]+)-spec">(.*?)</script>', re.S)
#: pages with every kind of chart: the heatmap and map of the home page, the indicator page's
#: map, lines with a series break (unemployment, 2013) and strip, the comparison's and the
#: embedded lines, and Amersfoort's wijk map
PAGES = ["/", "/indicator/unemployment_rate?regions=GM0479,GM0794",
         "/vergelijk?regions=GM0599,GM0363&indicator=unemployment_rate",
         "/embed/indicator/unemployment_rate?regions=GM0599", "/gemeente/GM0307"]


def tooltips(node: Any) -> list[dict[str, Any]]:
    """Every field of every ``tooltip`` encoding in a spec (one field or a list of them)."""
    if isinstance(node, list):
        return [f for item in node for f in tooltips(item)]
    if not isinstance(node, dict):
        return []
    found = []
    for key, value in node.items():
        if key == "tooltip" and isinstance(value, (dict, list)):
            found += value if isinstance(value, list) else [value]
        else:
            found += tooltips(value)
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_tooltip_field_has_a_title(client, lang) -> None:
    charts: dict[str, list[dict[str, Any]]] = {}
    for path in PAGES:
        answer = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        assert answer.status_code == 200, path
        for name, body in SPEC.findall(answer.text):
            charts[f"{path} {name}"] = tooltips(json.loads(body))
    kinds = {key.rsplit(" ", 1)[1] for key in charts}
    assert {"heatmap", "map", "lines", "dist", "wijkmap"} <= kinds, kinds
    untitled = {key: [f["field"] for f in fields if "field" in f and (
        not str(f.get("title") or "").strip() or f.get("title") == f["field"])]
        for key, fields in charts.items()}
    assert not {key: f for key, f in untitled.items() if f}, untitled


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_tooltip_title_starts_with_a_capital(client, lang) -> None:
    """As the map's 'Gemeente / Werkloosheid': the home page's heatmap said 'gemeente /
    indicator / positie / waarde / jaar' (and 'ontbreekt') until session 55."""
    small = {}
    for path in PAGES:
        answer = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        for name, body in SPEC.findall(answer.text):
            titles = [str(f.get("title") or "") for f in tooltips(json.loads(body))]
            small[f"{path} {name}"] = [t for t in titles if t and not t[0].isupper()]
    assert any(key.endswith(" heatmap") for key in small), small
    assert not {key: t for key, t in small.items() if t}, small


@pytest.mark.parametrize(("lang", "tips", "legends"), [
    ("nl", {"Gemeente", "Indicator", "Positie", "Waarde", "Jaar", "Ontbreekt"},
     ["Gunstig (0–100)", "Neutraal: hoogte (0–100)"]),
    ("en", {"Municipality", "Indicator", "Position", "Value", "Year", "Missing"},
     ["Favourable (0–100)", "Neutral: level (0–100)"])])
def test_the_heatmap_s_titles_are_the_other_charts(client, lang, tips, legends) -> None:
    """The heatmap's municipality is the map's on the same page, word for word; its legends'
    titles start with a capital too (the entries, 'zonder cijfer (reden in de lijst)', not)."""
    page = client.get(f"/?format=json&lang={lang}").json()
    layers = page["heat_spec"]["layer"]
    titles = [t["title"] for layer in layers for t in layer["encoding"]["tooltip"]]
    assert set(titles) == tips, titles
    assert titles[0] == page["map_spec"]["layer"][0]["encoding"]["tooltip"][0]["title"]
    assert [layer["encoding"]["color"]["title"] for layer in layers
            if layer["encoding"]["color"].get("title")] == legends


@pytest.mark.parametrize(("lang", "line", "rule", "strip"), [
    ("nl", ["Gemeente", "Jaar", "Werkloosheid"], ["Reeksbreuk"],
     ["Gemeente", "Werkloosheid", "Zelfde cijfer"]),
    ("en", ["Municipality", "Year", "Unemployment rate"], ["Series break"],
     ["Municipality", "Unemployment rate", "Same figure"]),
])
def test_the_indicator_page_s_tooltips_say_what_each_figure_is(client, lang, line, rule,
                                                              strip) -> None:
    """As the map's 'Gemeente / Werkloosheid': the lines' 'Gemeente / Jaar / Werkloosheid',
    the series break's 'Reeksbreuk: vanaf 2013', the strip's 'Zelfde cijfer: 6 gemeenten'."""
    page = client.get(f"/indicator/unemployment_rate?regions=GM0479,GM0794&lang={lang}"
                      "&format=json").json()
    page = page.get("page", page)
    lines = [[f["title"] for f in layer["encoding"]["tooltip"]]
             for layer in page["line_spec"]["layer"] if "tooltip" in layer.get("encoding", {})]
    assert lines == [line, rule], lines
    breaks = {d["tip"] for layer in page["line_spec"]["layer"] for d in
              layer.get("data", {}).get("values", []) if "tip" in d}  # the rule's and label's
    assert breaks == {{"nl": "vanaf 2013", "en": "from 2013"}[lang]}, breaks
    dist = page["dist_spec"]
    assert [f["title"] for f in dist["layer"][0]["encoding"]["tooltip"]] == strip
    told = {d["same"] for d in dist["data"]["values"] if d["shown"] in ("3,8%", "3.8%")}
    assert len(told) == 1 and re.fullmatch(
        {"nl": r"\d+ gemeenten", "en": r"\d+ municipalities"}[lang], told.pop()), told
