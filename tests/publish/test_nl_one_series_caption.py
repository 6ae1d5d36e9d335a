"""A chart caption says where Nederland's figure is CBS's national figure in every year, so
that the series stays one kind of figure (real warehouse; ``region_cbs_means`` reason
``one_series``, :mod:`stadstrends.indicators.aggregate`).

Enschede's sustainability panels draw solar capacity per inhabitant 2004-2023. Before, its
Nederland was CBS's national figure in 2012-2015 and the municipalities' sum, 0.02-0.12 %
lower, in 2016-2023, and the caption said 'Nederland bij ... opgesteld vermogen zonnepanelen
per inwoner in 2012–2015 (in die jaren hebben niet alle gemeenten een cijfer): het landelijke
cijfer van CBS'. Now every year is CBS's and the caption says so, and why.
"""

from __future__ import annotations

import pytest

from stadstrends import vocabulary

SOLAR = "solar_capacity_per_inhabitant"


def _lower(title: str) -> str:
    return title[0].lower() + title[1:]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_enschedes_sustainability_caption_names_solar_in_every_year(city_reports, lang):
    _, reports = city_reports(["Enschede"])
    data, ctx = reports["Enschede"]
    assert SOLAR in data.nl_cbs_series
    drawn = [r["year"] for r in data.series[SOLAR] if r["nl_value"] is not None]
    assert set(drawn) <= set(data.nl_cbs[SOLAR]) and max(drawn) == 2023
    caption = next(f["caption"] for d in ctx[lang]["domains"] for f in d["figures"]
                   if f["id"] == "fig-sustainability")
    words = vocabulary.section(lang, "report")
    # every Nederland figure drawn is CBS's (gas use: a published mean): one statement
    said = words["computed_omm_cbs_nl_series"].format(
        titles=_lower(data.catalogue[SOLAR][f"title_{lang}"]))
    assert said in caption, caption
    assert "2012–2015" not in caption, caption
    national = {"nl": "landelijke", "en": "national figure"}[lang]
    assert caption.count(national) == 1, caption


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_beside_a_summed_nederland_solar_is_named_with_its_reason(city_reports, lang):
    """Solar panels beside population (Nederland the municipalities' sum): 'Ommeland en
    Nederland: berekend ...; Nederland bij opgesteld vermogen zonnepanelen per inwoner (in
    elk jaar: niet elk jaar hebben alle gemeenten een cijfer): het landelijke cijfer van
    CBS.'"""
    from stadstrends.publish.report.panels import computed_note

    _, reports = city_reports(["Enschede"])
    data, _ = reports["Enschede"]
    note = computed_note(data, ["population", SOLAR], lang)
    words = vocabulary.section(lang, "report")
    item = words["nl_cbs_series_item"].format(
        title=_lower(data.catalogue[SOLAR][f"title_{lang}"]))
    assert words["computed_nl_except"].format(titles=item) in note, note
    assert "2012–2015" not in note
