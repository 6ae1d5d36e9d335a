"""A verdict on a position in the group, on real reports: a value equal to the group's
median is no distinctive strength or urgent task, and no 'vergeleken met de groep' badge
rests on fewer than six figures; the rank stays as a plain fact.

Before (main 3a0aa22): Ameland's Kies richting listed 'Volwassenen met een
betalingsachterstand op de zorgpremie' (0,6 in 2024, the median of GK1, five of ten at 0,6,
two lower) as a distinctive strength 'in the most favourable quarter'; its 'In een
oogopslag' said 'WIJKT AF VAN DE GROEP ... Aandeel inwoners 25-44 jaar: ... plaats 1 van
de 3 ... (8 van de 11 zonder cijfers)', and Amsterdam's 'GUNSTIG VERGELEKEN MET DE GROEP
Huishoudelijk afval ... plaats 3 van de 3 gemeenten van de G4 die cijfers hebben'."""

from __future__ import annotations

import pytest

from stadstrends.publish.positions import MIN_QUARTER_N
from stadstrends.publish.report import builder, sections
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.glance import glance
from tests.publish.loaded import kept_city


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("city", "group"), [("Ameland", None), ("Amsterdam", "G4"),
                                              ("Amsterdam", None), ("Schiermonnikoog", None),
                                              ("Zwolle", None)])
def test_no_verdict_on_the_group_over_fewer_than_six(wh, city: str, group: str | None,
                                                     lang: str) -> None:
    """Amsterdam within the G4 (chosen; its default is the G40) and in its default."""
    data = kept_city(wh, city, group)
    items = [it for opg in glance(data, lang)["opgaven"] for it in opg["items"]]
    for it in items:
        if it.get("kind") != "group_deviation" or it.get("valence") is None:
            continue
        ind = it["sentence"].indicator_id
        n = data.latest[ind]["n"]
        assert n >= MIN_QUARTER_N, f"{city} {ind}: {it['valence_text']} over {n} figures"
    if city == "Ameland":  # the rank over three stays, as a fact in its domain
        html = builder.render("city.html.j2", builder.city_context(data, lang, None),
                              pdf=False)
        assert "share_age_25_44" not in {it["sentence"].indicator_id for it in items
                                         if it.get("kind") == "group_deviation"}
        rank = {"nl": "plaats 1 van de 3 gemeenten", "en": "ranks 1 of the 3 municipalities"}
        assert rank[lang] in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_value_at_the_median_is_no_strength(wh, lang: str) -> None:
    data = kept_city(wh, "Ameland")
    assert data.group["set_id"] == "GK1"
    ind = "payment_arrears_share"
    b = data.latest[ind]
    assert (b["year"], b["value"], b["median"]) == (2024, 0.6, 0.6)
    assert ind not in {r["indicator_id"] for r in data.kies}
    titles = [it["sentence"].text for g in sections.direction(data, lang)["groups"]
              for it in g["items"]]
    assert not any("zorgpremie" in t or "insurance premium" in t for t in titles), titles
    assert data.kies  # other strengths and tasks stay
    text = data.writer(lang, named=True).indicator(fact(data, ind, lang),
                                                   "group_deviation").text
    equal = {"nl": "gelijk aan de mediaan", "en": "equal to the median"}
    assert equal[lang] in text, text
