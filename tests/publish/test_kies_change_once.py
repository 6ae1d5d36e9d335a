"""The report's Kies richting says a change once: its Waarom does not repeat the figures its
trend sentence gives just before it.

Before (h56i): Maastricht's thefts per 1 000 read 'Trend 2017–2024: van 47,1 in 2017 naar
32,9 in 2024 (−30%), een daling, maar geen significante trend over deze 8 jaren. Waarom:
Maastricht hoort bij het ongunstigste kwart van de G40 ... en verandert niet significant;
van 47,1 per 1 000 inwoners in 2017 naar 32,9 per 1 000 inwoners (voorlopig) in 2024.'
Over the 342 municipalities' reports (their default groups, Dutch) 328 of 2 367 Kies items
said the same figures twice; now 0 (the Waarom keeps its neutral 'verandert niet
significant', the figures stay in the trend sentence). Real snapshot.
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.direction_words import ends_said
from stadstrends.publish.report.sections import direction
from stadstrends.publish.sentence_cites import Cite, Sentence
from stadstrends.publish.sentence_verdicts import against
from stadstrends.publish.sentence_words import WORDS
from tests.publish.loaded import kept_city

#: Maastricht, Amersfoort, Ede (the reviewer's reports), Groningen and Enschede (thefts and
#: crimes that fell), Oss (gas use, low incomes not tested), Altena, Heerlen
CITIES = ["GM0935", "GM0307", "GM0228", "GM0014", "GM0153", "GM0828", "GM1959", "GM0917"]


def _pair(lang: str) -> re.Pattern:
    """'van 47,1 in 2017 naar 32,9 in 2024' (with or without units and marks)."""
    to = WORDS[lang]["against_moved"].split("{y0}")[1].split("{last}")[0]  # ' naar '
    start = WORDS[lang]["against_moved"].split("{how}; ")[1].split(" {first}")[0]  # 'van'
    return re.compile(rf"\b{start} (.+?) in (\d{{4}}){to}(.+?) in (\d{{4}})")


def _items(data, lang: str) -> list[dict]:
    return [it for g in direction(data, lang)["groups"] for it in g["items"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_maastricht_thefts_said_once(wh, lang: str) -> None:
    data = kept_city(wh, "GM0935").in_language(lang)
    item = next(it for it in _items(data, lang)
                if it["sentence"].indicator_id == "thefts_per_1000")
    sentence = {"nl": "Trend 2017–2024: van 47,1 in 2017 naar 32,9 in 2024 (−30%), een "
                      "daling, maar geen significante trend over deze 8 jaren.",
                "en": "Trend 2017–2024: from 47.1 in 2017 to 32.9 in 2024 (−30%), a fall, "
                      "but no significant trend over these 8 years."}[lang]
    assert sentence in item["sentence"].text, item["sentence"].text
    end = {"nl": "en verandert niet significant.",
           "en": "and does not change significantly."}[lang]
    assert item["why"].endswith(end), item["why"]
    assert "47" not in item["why"] and "2017" not in item["why"], item["why"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_waarom_repeats_the_figures_of_its_trend_sentence(wh, lang: str) -> None:
    """Every Kies item whose figures moved against its label without a significant trend
    (:func:`~stadstrends.publish.sentence_verdicts.against`) gives its trend's first and
    last figure once: in the trend sentence (its cites), not again in its Waarom; no
    Waarom repeats a figure pair of the sentence before it."""
    pair, moved = _pair(lang), 0
    for code in CITIES:
        data = kept_city(wh, code).in_language(lang)
        items = {it["sentence"].indicator_id: it for it in _items(data, lang)}
        for row in data.kies:
            ind = row["indicator_id"]
            item, t, meta = items[ind], data.trends.get(ind), data.catalogue[ind]
            said = pair.search(item["why"])
            if said:  # a pair the sentence does not give (one after a jump leads it)
                assert not re.search(rf" in {said.group(2)}\b.* in {said.group(4)}\b",
                                     item["sentence"].text), (code, ind, item["why"])
            if against(t, row["label"], meta["direction"], meta["unit"],
                       meta.get("decimals")) is None:
                continue
            moved += 1
            assert ends_said(item["sentence"], data.code, t), (code, ind)
            assert said is None, (code, ind, item["why"])
            found = pair.search(item["sentence"].text)
            assert found and (int(found.group(2)), int(found.group(4))) == (
                int(t["first_year"]), int(t["last_year"])), (code, ind, item["sentence"].text)
    assert moved >= 15, moved  # 16 on the 2025 snapshot (each a pair twice before)


def test_ends_said_reads_the_cites() -> None:
    """Both end years' own figures cited: said; only the last (a sentence leading with the
    years after a jump), another city's or no sentence: not."""
    t = {"indicator_id": "thefts_per_1000", "first_year": 2017, "last_year": 2024}

    def cite(year: int, region: str = "GM0935", fld: str = "value") -> Cite:
        return Cite("thefts_per_1000", region, year, fld, 1.0, "1,0")

    both = Sentence("", cites=[cite(2024), cite(2017)])
    assert ends_said(both, "GM0935", t)
    assert not ends_said(Sentence("", cites=[cite(2024), cite(2019)]), "GM0935", t)
    assert not ends_said(Sentence("", cites=[cite(2024), cite(2017, "GM0917")]), "GM0935", t)
    assert not ends_said(Sentence("", cites=[cite(2024), cite(2017, fld="median")]),
                         "GM0935", t)
    assert not ends_said(None, "GM0935", t) and not ends_said(both, "GM0935", None)
