"""The report tells a hump in a series (series_humps): Deventer's jobs 2017-2018."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

WORDS = {
    "nl": ("Banen van werknemers: in 2017–2018 tijdelijk gemiddeld 18% hoger dan in 2016 "
           "(51.900) en 2019 (51.000), daarna weer op het oude niveau, zonder bekende "
           "reeksbreuk", "De trend over 2016–2023 rekent die jaren mee."),
    "en": ("Jobs of employees: in 2017–2018 temporarily 18% higher on average than in 2016 "
           "(51,900) and 2019 (51,000), then back at its old level, with no known series "
           "break", "The trend over 2016–2023 includes those years."),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deventer_jobs_hump_is_told_beside_its_panel(wh, lang) -> None:
    """Without it a reader of the economy section sees 51 900 -> 60 300 -> 61 200 -> 51 000
    as growth and collapse; the trend 2016-2023 (no significant change) counts those years."""
    data = kept_city(wh, "GM0150", None)
    ctx = builder.city_context(data, lang, None)
    said = [s for s in builder.collect_sentences(ctx) if s.indicator_id == "jobs_employees"]
    told = [s for s in said if WORDS[lang][0] in s.text]
    assert len(told) == 1 and WORDS[lang][1] in told[0].text
    hump = wh.execute("SELECT ratio FROM series_humps WHERE region_code = 'GM0150' "
                      "AND indicator_id = 'jobs_employees'").fetchone()[0]
    assert round((hump - 1) * 100) == 18
    assert {c.field for c in told[0].cites} == {"value", "hump_pct"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deventer_jobs_panel_marks_the_hump(wh, lang) -> None:
    """The panel's third line points to the sentence; a panel without a hump has none."""
    from stadstrends.publish.report.panels import panel

    data = kept_city(wh, "GM0150", None)
    label = {"nl": "tijdelijk hoger 2017–2018 (zie tekst)",
             "en": "temporarily higher 2017–2018 (see text)"}[lang]
    assert panel(data, "jobs_employees", lang).jump == label and len(label) <= 40
    assert panel(data, "unemployment_rate", lang).jump == ""
