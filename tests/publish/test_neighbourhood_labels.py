"""The lines of 'Verschillen tussen buurten' name their measures alike and say the unit once,
on the real snapshot (locale ``measures``, ``publish.sentence_inequality``). Before:
Amersfoort's 'Gini-index van de WOZ-waarde tussen buurten: 0,143 in 2024, gemeten over
buurten.' beside 'Theil-index van de WOZ-waarde: 0,038 in 2024, gemeten over buurten.'"""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.sentence_words import MEASURES
from tests.publish.loaded import kept_city

BETWEEN = {"nl": "tussen buurten", "en": "between neighbourhoods"}
ACROSS = {"nl": "gemeten over buurten", "en": "measured across neighbourhoods"}
INDEX = {"nl": "-index", "en": " index"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_gini_and_theil_lines_read_alike(wh, lang: str) -> None:
    cities = [r[0] for r in wh.execute("""
        SELECT DISTINCT i.region_code FROM inequality i JOIN region_sets s
        ON s.region_code = i.region_code AND s.set_id = 'G40' ORDER BY 1""").fetchall()]
    pairs = 0
    for code in cities:
        data = kept_city(wh, code, None)
        part = builder.city_context(data, lang, None)["divide"]["neighbourhoods"]
        lines = [s.text for it in part["items"] for s in it["sentences"]]
        for text in lines:  # 'tussen buurten ..., gemeten over buurten': once is enough
            assert not (BETWEEN[lang] in text and ACROSS[lang] in text), (code, text)
        by = {s.indicator_id: s.text for it in part["items"] for s in it["sentences"]}
        for gini in [m for m in by if m.startswith("gini_")]:
            theil = "theil_" + gini.removeprefix("gini_")
            label = MEASURES[lang][gini]  # the same words about the same figure
            assert label.startswith(f"Gini{INDEX[lang]}"), label
            assert label.lower() in by[gini].lower(), (code, by[gini])
            assert MEASURES[lang][theil].lower() in by[theil].lower(), (code, by[theil])
            assert MEASURES[lang][theil] == label.replace("Gini", "Theil", 1), (code, label)
            pairs += 1
    assert pairs >= 10  # WOZ (KWB 2024) in 7+ G40 cities, income position (SES) in some
