"""The Vooruitblik says in its own line when a forecast is old, by the build's staleness
rule (``publish.sentence_projections``), on the real snapshot. Before: Maastricht's
'Prognose aandeel 65-plussers: van 21,7% in 2024 (waargenomen: 22,1%) naar 23,3% in 2040.'
from 82220NED, CBS's forecast of 2013; only the notes below said 'verouderde prognose'."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.sections import outlook
from tests.publish.loaded import kept_city

MARK = {"nl": "(prognose uit 2013, verouderd)", "en": "(projection made in 2013, outdated)"}
NOTE = {"nl": "verouderde prognose", "en": "outdated projection"}


def test_maastricht_says_its_ageing_forecast_is_from_2013(wh) -> None:
    data = kept_city(wh, "GM0935", None)
    by = {s.indicator_id: s.text for s in outlook(data, "nl")["sentences"]}
    assert by["share_age_65_plus_projected"] == (
        "Prognose aandeel 65-plussers (prognose uit 2013, verouderd): van 21,7% in 2024 "
        "(waargenomen: 22,1%) naar 23,3% in 2040. In 2024 ligt de prognose 0,4 "
        "procentpunt onder het waargenomen percentage.")  # 22,1 - 21,7 as printed
    assert "verouderd" not in by["population_projected"]  # 85171NED: made in 2022


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_forecast_is_marked_old_in_its_line_exactly_when_its_notes_say_so(wh, lang) -> None:
    cities = [r[0] for r in wh.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G40' ORDER BY 1").fetchall()]
    marked = 0
    for code in cities:
        data = kept_city(wh, code, None)
        part = outlook(data, lang)
        for s in part["sentences"]:
            title = data.catalogue[s.indicator_id][f"title_{lang}"]
            noted = any(c.startswith(f"{title}: ") and NOTE[lang] in c.lower()
                        for c in part["caveats"])
            assert (MARK[lang] in s.text) == noted, (code, s.text)
            marked += MARK[lang] in s.text
    assert marked >= 40  # 65-plus and grey pressure of each G40 city in 82220NED
