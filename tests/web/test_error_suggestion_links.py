"""A suggestion for a mistyped municipality on a page of several choices keeps the page:
'Bedoelde u: Zwolle' on ``/vergelijk?regions=Zwole,Dalfsen`` opens the comparison with
Zwolle in Zwole's place, not Zwolle's own page (the comparison lost); on
``/indicator/population?regions=Zwole,...`` it opened ``/indicator/Zwolle``, an indicator page
that does not exist (404). Synthetic warehouse."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}


def _links(response) -> list[str]:
    block = re.search(r'<ul class="results">(.*?)</ul>', response.text, re.S)
    assert block, response.text[:400]
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', block.group(1))]


@pytest.mark.parametrize(("asked", "meant"), [
    ("/vergelijk?regions=Zwole,GM0148&indicator=population",
     "/vergelijk?regions=GM0193,GM0148&indicator=population"),
    ("/indicator/population?regions=GM0148,Zwole&year=2020",
     "/indicator/population?regions=GM0148,GM0193&year=2020"),
    ("/ranglijst?indicator=population&mijn=Zwole",
     "/ranglijst?indicator=population&mijn=GM0193"),
    ("/vergelijk?regions=Zwole,GM0148&lang=en",
     "/vergelijk?regions=GM0193,GM0148&lang=en"),
])
def test_a_suggested_municipality_takes_the_typos_place(syn_client, asked: str,
                                                        meant: str) -> None:
    response = syn_client.get(asked, headers=HTML)
    assert response.status_code == 404
    links = _links(response)
    assert links == [meant], links
    assert syn_client.get(meant, headers=HTML).status_code == 200
