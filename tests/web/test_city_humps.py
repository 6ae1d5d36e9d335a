"""A city page's tile over a few years at another level (``series_humps``) says what the
report says: Deventer's jobs 2017-2018 stood without a word on the dashboard."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deventer_jobs_tile_tells_the_hump_as_the_report(client, wh, lang) -> None:
    page = client.get(f"/gemeente/GM0150?format=json&lang={lang}").json()
    x = {t["indicator_id"]: t for d in page["domains"] for t in d["tiles"]}["jobs_employees"]
    years = {"nl": "in 2017–2018 tijdelijk gemiddeld 18% hoger dan in 2016",
             "en": "in 2017–2018 temporarily 18% higher on average than in 2016"}[lang]
    assert x["jump"] and years in x["jump"], x
    data = kept_city(wh, "GM0150", None)
    ctx = builder.city_context(data, lang, None)
    said = [s.text for s in builder.collect_sentences(ctx)
            if s.indicator_id == "jobs_employees" and years in s.text]
    assert said == [x["jump"]]
    # a tile of a series without a hump or jump has no such note
    assert not x_note(page, "unemployment_rate")


def x_note(page: dict, ind: str) -> str | None:
    return {t["indicator_id"]: t for d in page["domains"] for t in d["tiles"]}[ind]["jump"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zutphens_jobs_tile_tells_the_lasting_step_as_the_report(client, wh, lang) -> None:
    """Zutphen's jobs 25 200 -> 18 900 in 2017 (series_steps): the tile said only '-23%',
    grey, without saying the fall is one year's."""
    page = client.get(f"/gemeente/GM0301?format=json&lang={lang}").json()
    words = {"nl": "van 2016 op 2017 in één jaar 25% lager",
             "en": "25% lower in one year, 2016 to 2017"}[lang]
    note = x_note(page, "jobs_employees")
    assert note and words in note
    data = kept_city(wh, "GM0301", None)
    ctx = builder.city_context(data, lang, None)
    said = [s.text for s in builder.collect_sentences(ctx)
            if s.indicator_id == "jobs_employees" and words in s.text]
    assert said == [note]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vaals_self_employed_tile_tells_no_hump_and_no_tested_trend(client, wh, lang) -> None:
    """Vaals's self-employed, 600 a year and 700 in 2022 (86043NED, in hundreds): the tile
    said 'in 2022 tijdelijk gemiddeld 17% hoger' and 'geen significante verandering'; it now
    has no hump note and the report's 'niet getoetst'. Vlieland's (100 and 200) are no longer
    named in its report (session 50)."""
    page = client.get(f"/gemeente/GM0981?format=json&lang={lang}").json()
    x = {t["indicator_id"]: t for d in page["domains"] for t in d["tiles"]}[
        "self_employed_per_1000"]
    assert not x["jump"], x
    text = str(x)
    assert {"nl": "niet getoetst: het aantal erachter is afgerond op honderdtallen",
            "en": "not tested: the count behind it is rounded to hundreds"}[lang] in text
    assert {"nl": "geen significante verandering", "en": "no significant change"}[lang] \
        not in text
    data = kept_city(wh, "GM0096", None)
    ctx = builder.city_context(data, lang, None)
    said = " ".join(s.text for s in builder.collect_sentences(ctx)
                    if s.indicator_id == "self_employed_per_1000")
    # since session 50 Vlieland's self-employed of 2023 (200, in hundreds; untested) are no
    # deviation from its groups or its ommeland (one coarse year, no trend going its way):
    # its report no longer names them (before: 'het aantal erachter is afgerond op
    # honderdtallen door het CBS en heeft in deze jaren maar 2 verschillende waarden')
    assert said == ""
    assert not wh.execute("SELECT count(*) FROM signal_rows WHERE region_code = 'GM0096' "
                          "AND indicator_id = 'self_employed_per_1000'").fetchone()[0]
