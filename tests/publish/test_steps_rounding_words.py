"""A trend not tested for its few distinct values names the rounding that made them few:
CBS's own where it rounds coarser than the printed decimals (jobs of 83582NED to hundreds,
households to hundreds, gas and electricity use per dwelling to tens:
:func:`~stadstrends.publish.harmonised.computed_rounding`), else the printed precision.
Before, Vaals' 'Banen van werknemers 2016-2023: van 1.800 ... naar 1.800 ... niet getoetst:
afgerond op hele getallen heeft de reeks in deze jaren maar 2 verschillende waarden'; whole
numbers never made 1 800 and 1 900 equal. Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.harmonised import computed_rounding
from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city
from stadstrends.publish.sentence_verdicts import precision_words, steps_only
from stadstrends.publish.sentence_words import WORDS

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
    steps, seen = computed_rounding(wh), 0
    for city in CITIES:
        data = load_city(wh, city)
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
                assert WORDS[lang][f"precision_step_{step}"] in s.text, s.text
                assert WORDS[lang]["precision_0"] not in s.text, s.text
    assert seen >= 2, seen
    if lang == "nl":
        vaals = load_city(wh, "Vaals")
        text = " ".join(s.text for s in builder.collect_sentences(
            builder.city_context(vaals, "nl", None)) if s.indicator_id == "jobs_employees")
        assert "afgerond op honderdtallen door het CBS heeft de reeks" in text, text
