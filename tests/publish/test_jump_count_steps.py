"""What the readers of ``jump_trends`` say of a trend after an abrupt change that was not
tested because the count CBS rounds behind its ratio has too few values in those years
(``jump_trends.n_counts``, the trends' rule since session 46): the report's sentence and
panel and the API's domain counts say 'niet getoetst' and why, as for a trend over the whole
window; none calls it rising, falling or significant (the dashboard's tile:
tests/web/test_city_count_steps.py).

No jump trend on the snapshot is such a trend (the 10 tested ones rest on totals of 3 to 7
distinct thousands), so Noordenveld's electricity after its jump of 2016-2017 (a significant
fall, 2017-2023) is given the row the rule writes for a count with 2 values in thousands."""

from __future__ import annotations

import pytest

from stadstrends.publish import sentence_jumps as sj
from stadstrends.publish.profile_domains import kind
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.panels import trend_label
from stadstrends.settings import default_settings
from tests.publish.loaded import kept_city

ELECTRICITY = "electricity_delivered_per_inhabitant"
NOORDENVELD = "GM1699"
MIN_DISTINCT = default_settings().min_distinct_values
WORDS = {
    "nl": "niet getoetst: het aantal erachter is afgerond op duizendtallen door het CBS en "
          "heeft in deze jaren maar 2 verschillende waarden",
    "en": "not tested: the count behind it is rounded to thousands by CBS and takes only 2 "
          "different values in these years",
}
SIGNIFICANT = {"nl": ("significante daling", "significante stijging"),
               "en": ("significant fall", "significant rise")}


def untested(row: dict) -> dict:
    """A ``jump_trends`` row as the count rule leaves it for 2 distinct counts in thousands."""
    return {**row, "n_counts": 2, "count_unit": 1000, "classification": "not tested",
            "direction_label": None}


@pytest.fixture()
def noordenveld(wh):
    return kept_city(wh, NOORDENVELD)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sentence_says_why_the_years_after_the_jump_were_not_tested(noordenveld,
                                                                        lang) -> None:
    f = fact(noordenveld, ELECTRICITY, lang)
    assert f["jump_trend"]["classification"] == "falling" and sj.leads(f)
    before = noordenveld.writer(lang).indicator(f).text
    assert SIGNIFICANT[lang][0] in before and WORDS[lang] not in before  # the real row
    f["jump_trend"] = untested(f["jump_trend"])
    said = noordenveld.writer(lang).indicator(f).text
    lead = said.split(". ")[0]  # 'Geleverde elektriciteit ... 2017–2023 (na de abrupte ...'
    assert "2017–2023" in lead and WORDS[lang] in lead, said
    assert not any(w in lead for w in SIGNIFICANT[lang]), said
    # the panel judges those years the same way: grey, 'niet getoetst, afgerond'
    shown = sj.shown_trend(f)
    assert sj.status(shown) == "steps"  # not tested (before schema 53: "stable")
    assert trend_label(shown, lang, None, MIN_DISTINCT) == {
        "nl": "trend 2017–2023: niet getoetst, afgerond",
        "en": "trend 2017–2023: not tested, rounded"}[lang]


def test_the_api_counts_it_as_not_tested(noordenveld) -> None:
    """The profile's domain counts (``profile_domains.kind``): 'steps', not 'flat' (no
    significant change), as for a trend over the whole window."""
    f = fact(noordenveld, ELECTRICITY, "nl")
    row = {**f["trend"], "indicator_id": ELECTRICITY}
    after = {ELECTRICITY: f["jump_trend"]}
    assert kind(row, {ELECTRICITY}, after, None, MIN_DISTINCT) == "neutral"  # the real row
    after = {ELECTRICITY: untested(f["jump_trend"])}
    assert kind(row, {ELECTRICITY}, after, None, MIN_DISTINCT) == "steps"
