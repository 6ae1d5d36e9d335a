"""A figure beside its group's median ('rond de mediaan', 'net boven de mediaan') names a
unit written in words once, after the second figure, where both share it (the real
snapshot): Alkmaar's income of 2023 read '(52,4 duizend euro tegen 52,3 duizend euro)', in
English '(52.4 thousand euro against 52.3 thousand euro)'; 63 such brackets in 54 of the 342
Dutch reports before session 56, 0 after. A sign joined to each figure ('3,1% tegen 3,0%')
stays with both. English says 'vs', not 'against' (publish/positions.py, locale
``median_near``)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city


def _text(wh, city: str, lang: str) -> str:
    html = builder.render("city.html.j2", builder.city_context(kept_city(wh, city), lang, None),
                          pdf=False)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "net boven de mediaan van de G40 (52,4 tegen 52,3 duizend euro)"),
    ("en", "just above the median of the G40 (52.4 vs 52.3 thousand euro)")])
def test_a_unit_in_words_once_after_the_median(wh, lang: str, said: str) -> None:
    text = _text(wh, "Alkmaar", lang)
    assert said in text, text[:2000]
    word = {"nl": "tegen", "en": "vs"}[lang]
    pairs = re.findall(rf"\(([^()]*?) {word} ([^()]*?)\)", text)
    assert pairs  # the brackets this test reads are there
    for first, _ in pairs:  # no figure before the word keeps a unit in words
        assert not re.search(r"\d (duizend|thousand|m³|kWh|km|m²)", first), first
    assert " against " not in text or lang == "nl"


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "net boven de mediaan van de 180 gemeenten van deze grootte (3,1% tegen 3,0%)"),
    ("en", "(3.1% vs 3.0%)")])
def test_a_percent_sign_stays_with_both_figures(wh, lang: str, said: str) -> None:
    assert said in _text(wh, "Aalsmeer", lang)
