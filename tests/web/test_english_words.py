"""The English pages in English (real snapshot): a fresh-eyes reader of the site with
``?lang=en`` found Dutch words in them: the opgave cards' verdict 'too few changes for a verdict
on the opgave as a whole', the country 'Nederland' in the indicator page's legend, its table and
its list of areas, the section 'Kies richting' named in English text, and the direction
section called 'Choose a direction' on the site but 'Choosing direction' in the report."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
#: Dutch words that have English ones in the English language file
#: (CBS's product 'Gebieden in Nederland' keeps its name)
DUTCH = re.compile(r"\b(?:opgaven?|Kies richting|(?<!Gebieden in )Nederland|Tweedeling|"
                   r"ommeland)\b")


def _visible(page: str) -> str:
    """The page's text without its scripts, styles, tags and the language switch's own
    name ('Nederlands' is no leak: \\b keeps it out anyway)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("path", [
    "/gemeente/GM1982?lang=en",  # Land van Cuijk: opgave cards with a divide verdict
    "/gemeente/GM0153?lang=en",
    "/indicator/solar_capacity_per_inhabitant?regions=GM1982&lang=en",
])
def test_no_dutch_words_on_english_pages(client, path: str) -> None:
    page = client.get(path, headers=HTML)
    assert page.status_code == 200
    text = _visible(page.text)
    assert not DUTCH.findall(text), sorted({m.group(0) for m in DUTCH.finditer(text)})
    # the chart's legend and data name the country in English too
    assert '"Nederland"' not in page.text


def test_the_cards_name_their_divide_in_words(client) -> None:
    text = _visible(client.get("/gemeente/GM1982?lang=en", headers=HTML).text)
    assert "Divide between municipality and region: " in text
    assert not re.search(r"\bDivide: (?:too few|the gap|mixed|no )", text)
