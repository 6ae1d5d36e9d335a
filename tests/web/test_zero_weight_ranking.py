"""The ranking and pages of unemployment give Schiermonnikoog's CBS figure where its labour
force is published as 0 (real snapshot): /ranglijst of 2021 said '341 gemeenten met een
cijfer; 1 zonder cijfer' and 'de noemer is kleiner dan 500: ... geen cijfer te berekenen'
(:mod:`stadstrends.indicators.published_means`)."""

from __future__ import annotations

import html
import re

HTML = {"accept": "text/html"}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_ranking_of_2021_counts_schiermonnikoog_with_its_figure(client) -> None:
    text = _text(client.get("/ranglijst?indicator=unemployment_rate&year=2021",
                            headers=HTML).text)
    assert "342 gemeenten met een cijfer." in text and "zonder cijfer" not in text
    assert re.search(r"\b215 Schiermonnikoog 3,2%", text), text[:300]
    assert "noemer" not in text


def test_the_indicator_and_city_pages_state_no_untrue_gap(client) -> None:
    page = _text(client.get("/indicator/unemployment_rate?regions=GM0088", headers=HTML).text)
    assert "noemer" not in page and "Schiermonnikoog heeft geen cijfer" not in page
    city = _text(client.get("/gemeente/GM0088", headers=HTML).text)
    assert "dalend, niet zeker (door de afronding van het CBS)" in city
    # the gap's words ('de noemer is kleiner dan 500'); the tiles' caveats may name a
    # denominator of another indicator ('Een gepubliceerd percentage zonder noemer', session 57)
    assert "noemer is kleiner" not in city and "geen cijfer te berekenen" not in city
