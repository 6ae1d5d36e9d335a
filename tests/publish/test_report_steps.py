"""The report tells a lasting step in a tested series (series_steps): Zutphen's jobs 2017."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city
from tests.publish.test_sentences import check_cite

WORDS = {
    "nl": ("Banen van werknemers: van 2016 op 2017 in één jaar 25% lager (van 25.200 naar "
           "18.900) en daarna tot en met 2023 binnen 7% van dat niveau; in de andere jaren van "
           "2016–2023 veranderde het cijfer gemiddeld 3% per jaar. Er is geen reeksbreuk "
           "bekend", "de trend over 2016–2023 rekent die sprong mee."),
    "en": ("Jobs of employees: 25% lower in one year, 2016 to 2017 (25,200 to 18,900), "
           "and then within 7% of that level up to 2023; in the other years of "
           "2016–2023 the figure changed by 3% a year on average. No series break is known",
           "the trend over 2016–2023 includes this step."),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zutphens_jobs_step_is_told_beside_its_panel(wh, lang) -> None:
    """Before, the report said only 'van 25.200 in 2016 naar 19.300 in 2023 (-23%), geen
    significante trend': a reader could not see that the fall is one year's."""
    data = kept_city(wh, "GM0301", None)
    ctx = builder.city_context(data, lang, None)
    said = [s for s in builder.collect_sentences(ctx) if s.indicator_id == "jobs_employees"]
    told = [s for s in said if WORDS[lang][0] in s.text]
    assert len(told) == 1 and told[0].text.endswith(WORDS[lang][1]), [s.text for s in said]
    assert {c.field for c in told[0].cites} == {"value", "step_pct", "step_after_pct",
                                                "step_own_pct"}
    for cite in told[0].cites:
        check_cite(wh, cite, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zutphens_jobs_panel_marks_the_step(wh, lang) -> None:
    from stadstrends.publish.report.panels import panel

    data = kept_city(wh, "GM0301", None)
    label = {"nl": "blijvende sprong omlaag 2017 (zie tekst)",
             "en": "lasting step down 2017 (see text)"}[lang]
    assert panel(data, "jobs_employees", lang).jump == label and len(label) <= 40
    assert panel(data, "unemployment_rate", lang).jump == ""


def test_every_told_step_cites_its_row_and_names_the_other_municipalities(wh) -> None:
    """Every municipality with a step in a panel's years: its sentence's numbers are the
    warehouse's, and 'nog N andere gemeenten' counts the same year's steps of the indicator
    in the same direction (Wmo clients 2019: the fixed personal contribution began)."""
    codes = [r[0] for r in wh.execute(
        "SELECT DISTINCT region_code FROM series_steps ORDER BY 1 LIMIT 30").fetchall()]
    told = 0
    for code in codes:
        data = kept_city(wh, code, None)
        ctx = builder.city_context(data, "nl", None)
        for s in builder.collect_sentences(ctx):
            if "in één jaar" not in s.text:
                continue
            told += 1
            for cite in s.cites:
                check_cite(wh, cite, "nl")
            for st in data.steps[s.indicator_id]:
                others = st["same_year_steps"] - 1
                if others > 1:
                    assert f"nog {others} andere gemeenten zo'n sprong" in s.text, s.text
                elif others == 0:
                    assert "zo'n sprong" not in s.text
    assert told >= 10
