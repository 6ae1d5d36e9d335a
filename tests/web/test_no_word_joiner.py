"""No invisible word joiner (U+2060) in what the dashboard sends (real snapshot): the HTML
pages keep "'s-Hertogenbosch" and '2016–2023' whole with a span (:func:`~stadstrends.
publish.nowrap.nowrap_joined`); the JSON twins, the API and the chart specs carry plain
texts, so that a search for '2016–2023' matches. The city page's tweedeling table wrote its
trend's years '2016–&#8288;2023' in the template itself, a character reference the spans
never saw: 10 joiners on 's-Hertogenbosch's page, 12 on Ameland's."""

from __future__ import annotations

import html
import json
import re

import pytest

JOINER = "\u2060"
CITIES = ("GM0796", "GM0518", "GM0060")  # 's-Hertogenbosch, 's-Gravenhage, Ameland
PAGES = (*(f"/gemeente/{c}" for c in CITIES), "/vergelijk?regions=GM0796,GM0518,GM0193",
         "/ranglijst?indicator=population", "/indicator/population?regions=GM0796",
         "/indicator/unemployment_rate", "/")
API = (*(f"/api/v1/profile/{c}" for c in CITIES), "/api/v1/indicators", "/api/v1/labels",
       "/api/v1/regions?q=s-", "/api/v1/series?indicator=population&region=GM0796,GM0518")
SPECS = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)


def _joined(obj: object, where: str = "") -> list[str]:
    """The places (JSON paths) of every key or text in ``obj`` holding a word joiner."""
    if isinstance(obj, dict):
        return [p for k, v in obj.items() for p in (
            [f"{where}/{k} (key)"] if JOINER in str(k) else []) + _joined(v, f"{where}/{k}")]
    if isinstance(obj, list):
        return [p for i, v in enumerate(obj) for p in _joined(v, f"{where}[{i}]")]
    return [f"{where}: {obj!r}"] if isinstance(obj, str) and JOINER in obj else []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_a_page_its_charts_and_its_json_twin_have_no_word_joiner(client, path, lang):
    sep = "&" if "?" in path else "?"
    page = client.get(f"{path}{sep}lang={lang}")
    assert page.status_code == 200
    specs = [json.loads(s) for s in SPECS.findall(page.text)]
    assert specs or path.startswith("/ranglijst")  # the charts are there to be read
    assert _joined(specs) == []
    text = html.unescape(SPECS.sub("", page.text))  # '&#8288;' is a joiner too
    assert text.count(JOINER) == 0, [text[max(0, m.start() - 40):m.end() + 10] for m in
                                     re.finditer(JOINER, text)][:3]
    twin = client.get(f"{path}{sep}lang={lang}&format=json")
    assert twin.status_code == 200
    assert _joined(twin.json()) == []


def test_the_gap_trend_years_stay_whole_without_a_joiner(client):
    """The tweedeling table's years are a span that does not wrap, as every other range:
    one per row with a trend, the years of the page's JSON twin."""
    page = client.get("/gemeente/GM0796").text
    ranges = re.findall(r'<span class="nowrap">\((\d{4}–\d{4})\)</span></td>', page)
    gaps = client.get("/gemeente/GM0796?format=json").json()["gaps"]
    want = [f"{g['since']}–{g['until']}" for g in gaps
            if g["since"] and g["trend_class"] != "none"]
    assert len(want) >= 5 and ranges == want


@pytest.mark.parametrize("path", API)
def test_the_api_has_no_word_joiner(client, path):
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    assert JOINER not in answer.text and _joined(answer.json()) == []
