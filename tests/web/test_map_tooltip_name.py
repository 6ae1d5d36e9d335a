"""A map's tooltip labels its figure with the indicator's name (real snapshot; h54k). Before,
its label was the unit, which the figure carries too: 'per 1 000 woningen: 0,5 per 1 000
woningen'; now 'Nieuwbouw per 1 000 woningen: 0,5 per 1 000 woningen (2024)'."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", ["/indicator/new_construction_per_1000_dwellings",
                                  "/indicator/unemployment_rate?regions=GM0193",
                                  "/?indicator=new_construction_per_1000_dwellings"])
def test_the_tooltip_names_the_indicator(client, path: str, lang: str) -> None:
    sep = "&" if "?" in path else "?"
    page = client.get(f"{path}{sep}lang={lang}&format=json").json()
    page = page.get("page", page)
    tips = page["map_spec"]["layer"][0]["encoding"]["tooltip"]
    figure = [t for t in tips if t["field"] == "shown"]
    assert [t["title"] for t in figure] == [page["indicator"]["title"]], tips
    assert figure[0]["title"] != page["indicator"]["unit_label"]
