"""A chart caption's word on Nederland agrees with where its figures come from (real
warehouse). Since Nederland of a count or ratio is CBS's national figure where the sum over
the municipalities is incomplete (``region_cbs_means``), a domain can draw only CBS's
national figures: Enschede's technology panels (2024 of the cut 85984NED). Its caption
said 'Ommeland en Nederland: berekend door Stadstrends uit de cijfers van de gemeenten' and
then 'Nederland bij ... 2024: uit de landelijke cijfers van CBS'; it now says Nederland is
CBS's national figure, and why. A domain that draws a summed Nederland figure keeps 'Ommeland
en Nederland: berekend', naming in the same sentence the years where Nederland is CBS's."""

from __future__ import annotations

import pytest

from stadstrends import vocabulary
from stadstrends.publish.report.domains import domain_indicators
from stadstrends.publish.report.panels import SERIES_YEARS, computed_note

CITIES = ["Enschede", "Zwolle"]
DOMAINS = ("demography", "economy", "social", "spatial", "technology", "sustainability",
           "safety", "governance")


def _all_cbs(data, ids) -> bool:
    """Every Nederland figure the panels draw is CBS's own: a published mean or a level, or
    a year of ``data.nl_cbs`` (the sum incomplete)."""
    for i in ids:
        if data.catalogue[i]["method"] in ("weighted_mean", "level"):
            continue
        drawn = {r["year"] for r in data.series[i][-SERIES_YEARS:] if r["nl_value"] is not None}
        if not drawn <= set(data.nl_cbs.get(i, ())):
            return False
    return True


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_caption_says_who_made_nederlands_figures(city_reports, lang) -> None:
    _, reports = city_reports(CITIES)
    words = vocabulary.section(lang, "report")
    both = words["computed_both"].split(",")[0]  # 'Ommeland en Nederland: berekend door ...'
    # '... Nederland: het landelijke cijfer van CBS' (and ', want bij ... een cijfer.')
    cbs_nl = words["computed_omm_cbs_nl"].rstrip(".")
    seen = {True: 0, False: 0}
    for city in CITIES:
        data, _ = reports[city]
        for domain in DOMAINS:
            ids = domain_indicators(data, domain)
            if not ids or all(data.catalogue[i]["method"] == "level" for i in ids):
                continue
            note = computed_note(data, ids, lang)
            cbs = _all_cbs(data, ids)
            seen[cbs] += 1
            assert (cbs_nl in note) is cbs, (city, domain, note)
            assert (both in note) is not cbs, (city, domain, note)
    assert seen[True] and seen[False], seen  # both cases occur on the snapshot


def test_enschedes_technology_draws_only_cbs_national_figures(city_reports) -> None:
    """The case the rule was written for: Enschede's technology domain (85984NED's 2024)."""
    _, reports = city_reports(["Enschede"])
    data, ctx = reports["Enschede"]
    ids = domain_indicators(data, "technology")
    assert ids and _all_cbs(data, ids)
    assert any(data.nl_cbs.get(i) for i in ids)  # a count or ratio, not only means
    caption = next(f["caption"] for d in ctx["nl"]["domains"] for f in d["figures"]
                   if f["id"] == "fig-technology")
    assert "Ommeland en Nederland: berekend" not in caption, caption
    assert "Nederland: het landelijke cijfer van CBS" in caption, caption


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_statement_on_nederland_with_the_years_cbs_fills_in(city_reports, lang) -> None:
    """Where a domain draws CBS's national figure for some years of a count or ratio
    (Zwolle's Wmo clients 2016-2018, 2020, 2022-2023; Enschede's share of 65-plussers
    2010-2017), the caption said 'Ommeland en Nederland: berekend door Stadstrends ...' and,
    sentences later, 'Nederland bij ...: uit de landelijke cijfers van CBS'. Now one
    statement names those years: CBS's national figure is named once per caption."""
    from stadstrends.publish.format import fmt_years

    national = {"nl": "landelijke", "en": "national figure"}[lang]
    _, reports = city_reports(CITIES)
    seen = 0
    for city in CITIES:
        data, ctx = reports[city]
        for domain in ctx[lang]["domains"]:
            for figure in domain["figures"]:
                if not figure["id"].startswith("fig-") or figure["id"][4:] not in DOMAINS:
                    continue
                caption = figure["caption"]
                assert caption.count(national) <= 1, (city, figure["id"], caption)
                ids = domain_indicators(data, figure["id"][4:])
                for i in ids:
                    drawn = [r["year"] for r in data.series[i][-SERIES_YEARS:]
                             if r["nl_value"] is not None]
                    years = [y for y in drawn if y in data.nl_cbs.get(i, ())]
                    if years and set(years) != set(drawn):  # some years, named with them
                        seen += 1
                        assert fmt_years(years) in caption, (city, i, caption)
    # Zwolle's Wmo clients, Enschede's 65-plussers, ... (3; 5 before solar panels and
    # electricity to businesses became CBS's in every year, test_nl_one_series_caption)
    assert seen >= 3, seen
