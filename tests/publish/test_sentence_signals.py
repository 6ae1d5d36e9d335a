"""The profile's signal and kies-richting sentences, and the number helpers they share with
the report sentences and the web tiles."""

from __future__ import annotations

import pandas as pd

from stadstrends.publish.sentence_numbers import (
    change_number,
    change_unit,
    number,
    p_text,
    p_value,
    percent_change,
    with_unit,
)
from stadstrends.publish.sentence_signals import (
    difference_text,
    kies_sentence,
    missing,
    signal_sentence,
    value_text,
)


def test_dutch_text_of_signals():
    assert value_text(52.6, "1 000 euro") == "52,6 duizend euro"  # as the report
    assert value_text(1234.5, "kWh") == "1.235 kWh" and value_text(12.34, "%") == "12,3%"
    assert difference_text(-2.3, "%") == "−2,3 procentpunt"
    row = {"kind": "trend", "title_nl": "Werkloosheid", "unit": "%", "movement": "falling",
           "first_year": 2017, "year": 2024, "first_value": 5.8, "value": 3.5, "change": -2.3,
           "p_value": 0.0126, "valence": "favourable", "indicative": False}
    # no p-value; no verb for a title to agree with ('Zonnestroominstallaties ... stijgt')
    assert signal_sentence(row) == ("Werkloosheid: dalend van 5,8% (2017) naar 3,5% (2024): "
                                    "−2,3 procentpunt, significant — gunstig.")


def test_signal_and_kies_sentences_follow_the_language():
    """The same rows in English: the templates and units of en.yaml, English numbers."""
    row = {"kind": "trend", "title_nl": "Werkloosheid", "title_en": "Unemployment rate",
           "unit": "%", "movement": "falling", "first_year": 2017, "year": 2024,
           "first_value": 5.8, "value": 3.5, "change": -2.3, "p_value": 0.0126,
           "valence": "favourable", "indicative": False}
    assert signal_sentence(row, lang="en") == (
        "Unemployment rate: falling from 5.8% (2017) to 3.5% (2024): −2.3 percentage points, "
        "significant — favourable.")
    kies = {"title_nl": "Bijstand", "title_en": "Social assistance", "unit": "per 1 000 inwoners",
            "value": 27.4, "year": 2024, "position": "unfavourable_quartile", "median": 23.7,
            "trend": None, "better_peers": [{"name": "Breda", "value": 22.2}]}
    assert kies_sentence(kies, "the G40", "en") == (
        "Social assistance: 27.4 per 1,000 inhabitants (2024), in the least favourable "
        "quarter of the G40 (median 23.7 per 1,000 inhabitants); too few recent, comparable "
        "years to test a trend; comparable municipalities doing better: Breda (22.2 per 1,000 "
        "inhabitants).")
    assert kies_sentence(kies, "de G40").startswith(
        "Bijstand: 27,4 per 1 000 inwoners (2024), bij het ongunstigste kwart van de G40")


def test_values_and_differences_in_profile_style():
    assert value_text(None, "%") == "–" and value_text(pd.NA, "1 000 euro") == "–"
    assert value_text(float("nan"), "m3") == "–" and missing(pd.NA) and not missing("x")
    assert value_text(7.25, "rapportcijfer") == "7,3 rapportcijfer"  # catalogue unit as it is
    # euro amounts as the report prints them (the city page shows both side by side)
    assert value_text(-0.3, "1 000 euro") == "−0,30 duizend euro"
    assert value_text(812.4, "euro") == "812 euro"
    assert difference_text(1.2, "1 000 euro") == "+1,2 duizend euro"
    assert difference_text(1.2, "1 000 euro", sign=False) == "1,2 duizend euro"
    assert difference_text(-0.345, "m3 per inwoner") == "−0,35 m³ per inwoner"
    assert difference_text(0.35, "%", sign=False) == "0,4 procentpunt"  # 1 decimal, as signed
    assert difference_text(None, "%") == "–" and difference_text(None, "kWh", sign=False) == "–"
    # table cells: units left out except % and euro; percentage points abbreviated
    assert value_text(27.44, "per 1 000 inwoners", short=True) == "27,4"
    assert value_text(52.6, "1 000 euro", short=True) == "52,6 duizend euro"
    assert difference_text(2.34, "%", short=True) == "+2,3 %-punt"
    assert difference_text(-0.05, "kWh per inwoner", short=True) == "−0,05"


def test_gap_and_kies_sentences():
    gap = {"kind": "gap_widening", "title_nl": "Werkloosheid", "unit": "%", "year": 2023,
           "first_year": 2015, "value": 5.1, "ommeland_value": 3.9, "gap": 1.2, "change": 0.5,
           "valence": "adverse", "projection": False, "movement": "falling_behind"}
    assert signal_sentence(gap) == (
        "Werkloosheid: stad 5,1%, ommeland 3,9% (2023); het relatieve verschil sinds 2015: "
        "de stad raakt significant verder achter — ongunstig.")
    dev = {"kind": "group_deviation", "title_nl": "Inkomen", "unit": "1 000 euro",
           "year": 2022, "value": 33.9, "median": 33.1, "movement": "above", "rank": 17,
           "n": 64, "p_value": 0.0004, "valence": "favourable"}
    group = "de 64 gemeenten met 50.000 tot 100.000 inwoners"
    assert signal_sentence(dev, group) == (
        "Inkomen: 33,9 duizend euro (2022), boven de mediaan van de 64 gemeenten met 50.000 "
        "tot 100.000 inwoners (33,1 duizend euro); plaats 17 van 64 (1 = hoogste) — gunstig.")
    kies = {"title_nl": "Zonnestroom", "unit": "Wp per inwoner", "value": 512.3, "year": 2023,
            "position": "favourable_quartile", "median": 402.0, "momentum": "improving",
            "trend": "rising", "first_year": 2016, "change": 380.2,
            "better_peers": [{"name": "Zwolle", "value": 600.0}], "n_peers_compared": 5}
    assert kies_sentence(kies, "de G40") == (
        "Zonnestroom: 512 Wp per inwoner (2023), bij het gunstigste kwart van de G40 (mediaan "
        "402 Wp per inwoner); gunstige trend sinds 2016 (+380 Wp per inwoner); "
        "vergelijkbare gemeenten die het beter doen: Zwolle (600 Wp per inwoner).")
    # Zwolle's bijstand in the real warehouse: no trend tested (too few years in the window)
    untested = {**kies, "momentum": "none", "trend": None, "first_year": None, "change": None,
                "better_peers": [], "n_peers_compared": 0}
    text = kies_sentence(untested)
    assert "te weinig recente, vergelijkbare jaren voor een trendtoets" in text
    assert "geen significante trend" not in text
    tested = {**untested, "trend": "no significant change"}
    assert "geen significante trend" in kies_sentence(tested)
    # a trend of too few years (indicative: youth protection's 2021-2023 after its break)
    # is no test: before, 'geen significante trend sinds 2021 (0,0 procentpunt)'
    short = {**tested, "indicative": True, "trend": "not tested", "first_year": 2021,
             "change": 0.0}
    text = kies_sentence(short)
    assert "te weinig recente, vergelijkbare jaren voor een trendtoets" in text
    assert "geen significante trend" not in text and "sinds 2021" not in text
    assert "geen significante trend sinds 2021" in kies_sentence(
        {**short, "indicative": False, "trend": "no significant change"})


def test_shared_number_helpers():
    assert number(12.34, "%", "en") == "12.3%" and number(7.25, "rapportcijfer", "nl") == "7,3"
    assert number(None, "inwoners") == "–"
    assert with_unit("52,6", "1 000 euro", "nl") == "52,6 duizend euro"
    assert with_unit("52,6", "1 000 euro", "nl", named=False) == "52,6 1 000 euro"
    assert change_number(0.04, "%") == "0,0" and change_number(-0.04, "m3") == "−0,04"
    assert change_number(0.4, "m3", digits=1) == "+0,4"
    assert change_number(-123.4, "inwoners", "en", sign=False) == "−123"
    assert change_unit("%", "en") == "percentage points" and change_unit("%", "nl", short=True) \
        == "%-punt" and change_unit("inwoners", "en", short=True) == ""
    assert percent_change(0.052) == "+5,2%" and percent_change(-0.1, "en") == "−10%"
    assert p_text(p_value(0.0004)) == "p < 0,001" and p_text(p_value(0.0126, "en")) == \
        "p = 0.013"


def test_a_current_price_trend_says_why_it_has_no_verdict():
    """Zwolle's median income 2016-2023 (in current prices, no verdict): the sentence ended
    '… in lopende prijzen, significant — neutraal.', a label that says nothing; now it says
    what the missing verdict means, in both languages. A neutral indicator keeps its word."""
    row = {"kind": "trend", "title_nl": "Mediaan gestandaardiseerd huishoudensinkomen",
           "title_en": "Median standardised household income", "unit": "1 000 euro",
           "movement": "rising", "first_year": 2016, "year": 2023, "first_value": 24.9,
           "value": 33.9, "change": 9.0, "p_value": 0.001, "valence": "neutral",
           "indicative": False, "current_prices": True}
    nl, en = signal_sentence(row), signal_sentence(row, lang="en")
    assert nl.endswith("in lopende prijzen, significant — geen oordeel: niet gecorrigeerd "
                       "voor inflatie."), nl
    assert en.endswith("in current prices, significant — no verdict: not adjusted for "
                       "inflation."), en
    assert "neutra" not in nl + en
    plain = {**row, "current_prices": False, "unit": "%"}
    assert signal_sentence(plain).endswith("significant — neutraal.")
