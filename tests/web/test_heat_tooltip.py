"""The home page heatmap's tooltip gives a filled cell's figure as the tiles print it (Dutch
digits, the catalogue's decimals, the unit: Tilburg's 230.746 inwoners), not Vega's
',.4~g' ('2,307e+5'); its legend names the yellow cells as what they are (each is in the
list under the chart with its reason), not 'geen gegevens'. Real snapshot."""

from __future__ import annotations

import re

import pytest
from babel.numbers import format_decimal

from stadstrends import vocabulary
from stadstrends.publish.web import units

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_filled_cells_tooltip_prints_the_figure_as_the_tiles(client, wh, lang) -> None:
    page = client.get(f"/?format=json&lang={lang}").json()
    spec = page["heat_spec"]
    cells = [d for d in spec["data"]["values"] if d["kind"] != "none"]
    assert len(cells) > 100
    meta = {r[0]: r[1:] for r in wh.execute(
        "SELECT indicator_id, unit, decimals FROM indicators").fetchall()}
    ids = {i["title"]: i["indicator_id"] for i in page["heat_indicators"]}
    for d in cells:
        unit, decimals = meta[ids[d["ind"]]]
        assert d["shown"] == units.show(d["value"], unit, lang, decimals=decimals), d
        assert "e+" not in d["shown"] and "e-" not in d["shown"], d
    for layer in spec["layer"]:
        for tip in layer["encoding"]["tooltip"]:
            assert "format" not in tip, tip  # no Vega number format left
            assert tip["field"] != "value", tip
    tilburg = next(d for d in cells if d["code"] == "GM0855" and ids[d["ind"]] == "population")
    people = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = 'population' "
                        "AND region_code = 'GM0855' AND year = ?", [tilburg["year"]]).fetchone()[0]
    assert people > 100_000
    number = format_decimal(people, format="#,##0", locale="nl_NL" if lang == "nl" else "en_GB")
    assert tilburg["shown"].startswith(number + " "), (tilburg["shown"], number)
    if lang == "nl":
        assert re.fullmatch(r"\d{3}\.\d{3} inwoners", tilburg["shown"]), tilburg["shown"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_legend_of_the_yellow_cells_says_their_reason_is_listed(client, lang) -> None:
    page = client.get(f"/?format=json&lang={lang}").json()
    none = next(layer for layer in page["heat_spec"]["layer"]
                if layer["transform"][0]["filter"] == "datum.kind === 'none'")
    legend = none["encoding"]["color"]["scale"]["domain"]
    plain = vocabulary.section(lang, "web")["no data"]
    assert legend == [vocabulary.section(lang, "heat")["none"]] and plain not in legend[0]
    assert ("lijst" if lang == "nl" else "list") in legend[0]
    empty = [d for d in page["heat_spec"]["data"]["values"] if d["kind"] == "none"]
    assert empty  # the claim 'in de lijst': every yellow cell's municipality is listed
    listed = " ".join(g["names"] for m in page["heat_missing"] for g in m["groups"])
    titles = {m["title"]: m["groups"] for m in page["heat_missing"]}
    for d in empty:
        assert any(d["city"] in g["names"].split(", ") and g["reason"] == d["why"]
                   for g in titles[d["ind"]]), (d, listed)
    html = client.get(f"/?lang={lang}", headers=HTML).text
    assert plain not in re.search(r'<section aria-labelledby="heat-h">(.*?)</section>', html,
                                  re.S).group(1)
