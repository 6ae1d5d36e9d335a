"""A tile whose trend was not tested for CBS's rounding says why in the report's sentence's
words, so that the change beside it reads as what it is: Vlieland's self-employed per 1 000
read 'niet getoetst, afgerond · +63 per 1 000 inwoners 2016–2023' (what was rounded? the
count behind it, 100 or 200 in hundreds); and a trend after an abrupt change not tested for
that reason (``jump_trends.n_counts``, session 46) is neither coloured nor given an arrow."""

from __future__ import annotations

import pytest

from stadstrends.publish.report.data import fact
from stadstrends.publish.sentence_verdicts import steps_only
from stadstrends.settings import default_settings
from tests.publish.loaded import kept_city
from tests.publish.test_jump_count_steps import ELECTRICITY, NOORDENVELD, WORDS, untested

MIN_DISTINCT = default_settings().min_distinct_values
SELF_EMPLOYED = "self_employed_per_1000"
VLIELAND = {"nl": "niet getoetst: het aantal erachter is afgerond op honderdtallen door het "
                  "CBS en heeft in deze jaren maar 2 verschillende waarden",
            "en": "not tested: the count behind it is rounded to hundreds by CBS and takes "
                  "only 2 different values in these years"}


def _tiles(client, code: str, lang: str) -> dict[str, dict]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlieland_self_employed_tile_says_what_was_rounded(client, wh, lang) -> None:
    x = _tiles(client, "GM0096", lang)[SELF_EMPLOYED]
    assert x["status_text"] == VLIELAND[lang], x
    assert x["change"].startswith("+63 per 1") and x["arrow"] == "", x
    data = kept_city(wh, "GM0096")
    said = data.writer(lang).indicator(fact(data, SELF_EMPLOYED, lang)).text
    assert f"(+63 per 1 000 {'inwoners' if lang == 'nl' else 'inhabitants'}), " \
           f"{VLIELAND[lang]}" in said.replace(",000", " 000"), said


@pytest.mark.parametrize("code", ["GM0096", "GM0755", "GM0184", "GM0981"])
def test_every_untested_tile_gives_its_sentences_reason(client, wh, code) -> None:
    """Vlieland, Boekel (demolitions: 10 or 5, rounded to fives), Urk (low incomes, 4-6%
    in whole percents), Vaals: each tile not tested for its few (rounded) values or counts
    says the words its report's sentence ends the change with, never the bare label."""
    data = kept_city(wh, code)
    seen = 0
    for ind, x in _tiles(client, code, "nl").items():
        f = fact(data, ind, "nl")
        if x["status"] == "stale" or not steps_only(f.get("trend"), MIN_DISTINCT):
            continue
        seen += 1
        said = data.writer("nl").indicator(f).text
        assert x["status_text"].startswith("niet getoetst: "), (ind, x["status_text"])
        assert x["status_text"] in said, (ind, x["status_text"], said)
    assert seen


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_tile_after_a_jump_not_tested_for_its_count_says_so(web_app, lang) -> None:
    """Noordenveld's electricity after its jump of 2016-2017, given the row the count rule
    writes for 2 distinct counts in thousands (no such jump trend on the snapshot): grey, no
    arrow, the sentence's words (it said 'geen significante verandering', and the whole
    window's n_counts would have decided its words)."""
    from stadstrends.publish.web import data, tiles

    st = web_app.state.wh
    row = next(r for r in data.city_indicators(st, NOORDENVELD, st.settings.city_set)
               if r["indicator_id"] == ELECTRICITY)
    x = tiles.tile(dict(row), lang)
    assert x["status"] == "neutral" and x["arrow"] == "↓", x  # the real row
    row["jump_trend"] = untested(row["jump_trend"])
    x = tiles.tile(row, lang)
    assert x["status"] == "steps" and x["arrow"] == "", x  # grey: not tested (was "stable")
    assert x["status_text"] == WORDS[lang], x
    assert x["change"].endswith("2017–2023"), x  # the years the words are about
