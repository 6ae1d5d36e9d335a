"""An ommeland or Nederland figure Stadstrends computes is printed no more precisely than
the municipalities' figures it is made of, and the report says it computed it (real
snapshot, Zwolle).

Before, Zwolle's report printed the gas use per dwelling of Nederland in 2012 as 1.525 m³
(Stadstrends' weighted mean of the municipalities; CBS publishes 1 500 in 81528NED) and of
its ommeland as 1.888 m³, where CBS rounds every municipality's gas use to tens; the
sentence said 'lager dan het ommeland (991 m³)' for 2023. Now Nederland of a published mean
is CBS's figure, the ommeland is rounded to tens (1.890, 990), and each domain figure's
caption says which columns Stadstrends computed.
"""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

GAS, POWER = "gas_use_per_dwelling", "electricity_use_per_dwelling"


@pytest.fixture(scope="module")
def zwolle(warehouse_path):

    with connect(warehouse_path) as con:
        data = kept_city(con, "Zwolle")
        return data, {lang: builder.city_context(data, lang, None) for lang in ("nl", "en")}


def _table_rows(ctx: dict, title: str) -> list[list]:
    for d in ctx["domains"]:
        for f in d["figures"]:
            if f["table"] and not f["id"].startswith("fig-map-"):
                rows = [r for r in f["table"]["rows"] if r[0].startswith(title + " (")]
                if rows:
                    return rows
    raise AssertionError(title)


def _number(text: str) -> float:
    return float(text.split(" ")[0].replace(".", "").replace(",", "."))


def test_gas_nederland_and_ommeland_in_the_table(zwolle):
    data, ctx = zwolle
    rows = {r[1]: r for r in _table_rows(ctx["nl"], data.catalogue[GAS]["title_nl"])}
    omm, nl = rows[2012][-2], rows[2012][-1]
    assert (omm, nl) == ("1.890", "1.500"), rows[2012]  # before: 1.888 and 1.525
    assert rows[2023][-2:] == ["990", "820"], rows[2023]  # before: 991 and 824


@pytest.mark.parametrize("ind", [GAS, POWER])
def test_computed_columns_no_finer_than_tens(zwolle, ind):
    """Every ommeland and Nederland figure of the two means CBS rounds to tens."""
    data, ctx = zwolle
    rows = _table_rows(ctx["nl"], data.catalogue[ind]["title_nl"])
    assert len(rows) >= 10
    figures = [_number(c) for r in rows for c in r[-2:] if c != "–"]
    assert figures and all(v % 10 == 0 for v in figures), figures


def test_sentence_ommeland_rounded_like_the_municipalities(zwolle):
    data, ctx = zwolle
    texts = [s.text for s in builder.collect_sentences(ctx["nl"])]
    gas = [t for t in texts if t.startswith(
        "Gemiddeld aardgasverbruik per woning (ook woningen met stadsverwarming): 760 m³")]
    assert gas and "lager dan het ommeland (990 m³)" in gas[0], gas


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_captions_say_who_computed(zwolle, lang):
    data, ctx = zwolle
    word = {"nl": "berekend door Stadstrends uit de cijfers van de gemeenten",
            "en": "calculated by Stadstrends from the municipalities' figures"}[lang]
    cbs = {"nl": "het landelijke cijfer van CBS", "en": "CBS's national figure"}[lang]
    captions = {d["domain"]: f["caption"] for d in ctx[lang]["domains"] for f in d["figures"]
                if not f["id"].startswith("fig-map-")}
    assert captions and all(word in c for c in captions.values()), captions
    # every Nederland figure of the panel is CBS's national one (gas and electricity per
    # dwelling: published means; solar capacity and electricity to businesses: CBS's in every
    # year since session 46, one kind of figure), so the caption says so of Nederland as a
    # whole, and computed by Stadstrends only of the ommeland
    sust = captions["sustainability"]
    whole = {"nl": "Ommeland: berekend door Stadstrends", "en": "Surrounding region: calculated "
             "by Stadstrends"}[lang]
    nl = {"nl": "Nederland: het landelijke cijfer van CBS", "en": "the Netherlands: CBS's "
          "national figure"}[lang]
    assert whole in sust and nl in sust, sust
    # a domain without published means (demography) names no CBS national figure
    assert cbs not in captions["demography"], captions["demography"]
