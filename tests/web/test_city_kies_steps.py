"""The city page's Kies richting card and the API's profile say a trend not tested for its
few distinct (rounded) values 'niet getoetst', as the report
(:func:`~stadstrends.publish.sentence_verdicts.steps_only`): Oss's households in the lowest
10% of incomes (6-7%, two distinct values 2016-2023) read 'geen significante trend sinds
2016 (+1 procentpunt)' with p = 0.037 in the API. Real snapshot."""

from __future__ import annotations

import html
import re

LOW_INCOMES = "low_income_households_share"
STEPS_NL = ("niet getoetst: afgerond op hele procenten heeft de reeks sinds 2016 maar 2 "
            "verschillende waarden (+1 procentpunt)")


def test_the_kies_card_says_not_tested(client):
    page = client.get("/gemeente/GM0828", headers={"accept": "text/html"}).text
    whys = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", w)).replace("\u2060", "").split())
            for w in re.findall(r'<span class="why">(.*?)</span>', page, re.S)]
    low = [w for w in whys if "sinds 2016" in w and "2 verschillende waarden" in w]
    assert low and all(STEPS_NL in w for w in low), whys
    assert not any("geen significante trend sinds 2016 (+1 procentpunt)" in w for w in whys)


def test_the_api_says_not_tested_and_why(client):
    profile = client.get("/api/v1/profile/GM0828").json()
    kies = [r for key in ("distinctive_strengths", "urgent_tasks")
            for r in profile["kies_richting"][key] if r["indicator_id"] == LOW_INCOMES]
    assert kies
    for row in kies:
        assert (row["tested"], row["untested_reason"], row["p_value"]) == (
            False, "few_distinct_values", None)
        assert STEPS_NL in " ".join(row["text_nl"].replace("\xa0", " ").split())
    rows = [i for d in profile["domains"] for i in d["indicators"]
            if i["indicator_id"] == LOW_INCOMES]
    assert [(i["classification"], i["tested"], i["untested_reason"], i["p_value"])
            for i in rows] == [("not tested", False, "few_distinct_values", None)]
