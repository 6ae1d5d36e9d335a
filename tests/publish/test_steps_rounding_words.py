"""A trend not tested for its few distinct values names the rounding that made them few:
CBS's own where it rounds coarser than the printed decimals (jobs of 83582NED to hundreds,
households to hundreds, gas and electricity use per dwelling to tens:
:func:`~stadstrends.publish.harmonised.computed_rounding`), else the printed precision.
Before, Vaals' 'Banen van werknemers 2016-2023: van 1.800 ... naar 1.800 ... niet getoetst:
afgerond op hele getallen heeft de reeks in deze jaren maar 2 verschillende waarden'; whole
numbers never made 1 800 and 1 900 equal. Also the figures CBS publishes itself rounded
coarser than the catalogue's decimals (``published_rounding``,
:func:`~stadstrends.publish.harmonised.published_rounding`): before, Rozendaal's 'Regionaal
klantenpotentieel ... 30 ... naar 40 inwoners ... niet getoetst: afgerond op hele getallen
heeft de reeks in deze jaren maar 2 verschillende waarden', though CBS rounds the measure to
tens (60039fvw, 85383NED: 30 in 2007-2020, 40 since 2021). Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.harmonised import cbs_units, computed_rounding, published_rounding
from stadstrends.publish.report import builder
from stadstrends.publish.sentence_verdicts import precision_words, steps_only
from stadstrends.publish.sentence_words import WORDS
from tests.publish.loaded import kept_city

CITIES = ["Vaals", "Rozendaal"]  # jobs of both step between rounded hundreds


def test_the_indicators_cbs_rounds_coarser_than_printed(wh) -> None:
    """Which indicators these are on the snapshot (all printed whole: decimals 0)."""
    steps = computed_rounding(wh)
    decimals = dict(wh.execute("SELECT indicator_id, decimals FROM indicators").fetchall())
    coarse = {i for i, s in steps.items() if max(s.values()) > 1 and decimals[i] == 0}
    assert {"jobs_employees", "households", "gas_use_per_dwelling",
            "electricity_use_per_dwelling"} <= coarse, coarse
    for ind in coarse:
        for lang in ("nl", "en"):
            words = precision_words(lang, "banen", 0, steps[ind])
            assert words != WORDS[lang]["precision_0"] and "CBS" in words, (ind, words)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_untested_reason_names_cbs_rounding(wh, lang) -> None:
    steps, seen = cbs_units(wh), 0
    for city in CITIES:
        data = kept_city(wh, city)
        untested = {i for i, t in data.trends.items()
                    if steps_only(t, data.settings.min_distinct_values)}
        ctx = builder.city_context(data, lang, None)
        for s in builder.collect_sentences(ctx):
            if s.indicator_id not in untested or not any(c.field == "n_distinct"
                                                         for c in s.cites):
                continue
            t = data.trends[s.indicator_id]
            step = max((u for y, u in steps.get(s.indicator_id, {}).items()
                        if t["first_year"] <= y <= t["last_year"]), default=1)
            if step > 1:
                seen += 1
                assert WORDS[lang][f"precision_step_{round(step)}"] in s.text, s.text
                assert WORDS[lang]["precision_0"] not in s.text, s.text
    assert seen >= 3, seen  # Vaals' and Rozendaal's jobs, Rozendaal's customer potential
    if lang == "nl":
        vaals = kept_city(wh, "Vaals")
        text = " ".join(s.text for s in builder.collect_sentences(
            builder.city_context(vaals, "nl", None)) if s.indicator_id == "jobs_employees")
        assert "afgerond op honderdtallen door het CBS heeft de reeks" in text, text


def test_cbs_rounds_the_regional_customer_potential_to_tens(wh) -> None:
    """The unit named is true: every municipal figure of every year a multiple of 10, not
    all of 100 (CBS's own figures, the catalogue prints them whole)."""
    units = published_rounding(wh)["regional_customer_potential"]
    assert set(units.values()) == {10.0} and min(units) == 2007, units
    years = wh.execute("""
        SELECT year, bool_and(value % 10 = 0), bool_and(value % 100 = 0)
        FROM indicator_results WHERE indicator_id = 'regional_customer_potential'
        AND region_code LIKE 'GM%' AND value IS NOT NULL GROUP BY year""").fetchall()
    assert {y for y, _, _ in years} == set(units), years
    assert all(tens and not hundreds for _, tens, hundreds in years), years
    assert "regional_customer_potential" not in computed_rounding(wh)  # printing: unchanged


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", "niet getoetst: afgerond op tientallen door het CBS heeft de reeks in deze jaren "
           "maar 2 verschillende waarden"),
    ("en", "not tested: rounded to tens by CBS, the series takes only 2 different values")])
def test_rozendaal_customer_potential_names_cbs_tens(wh, lang, words) -> None:
    data = kept_city(wh, "Rozendaal")
    text = " ".join(s.text for s in builder.collect_sentences(builder.city_context(
        data, lang, None)) if s.indicator_id == "regional_customer_potential")
    assert words in text, text
    assert WORDS[lang]["precision_0"] not in text, text


def test_whole_percents_by_cbs_where_printed_with_a_decimal() -> None:
    """District heating shares of 2010-2011 are whole percents in CBS's table (one decimal
    later): a share printed with a decimal names CBS's whole percents in those years only."""
    steps = {2010: 1.0, 2011: 1.0}
    assert precision_words("nl", "%", 1, steps, (2010, 2017)) == "hele procenten door het CBS"
    assert precision_words("nl", "%", 1, steps, (2012, 2019)) == "één decimaal"
    assert precision_words("en", "m3", 0, {2020: 5}) == "fives by CBS"
