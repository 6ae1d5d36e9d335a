"""The city page's tiles say what the report says about a figure (real snapshot, Leeuwarden):
a latest figure Stadstrends recalculated for today's boundaries is marked 'omgerekend' after
its year (its land use of 2017: 83287NED gives 2017 in the boundaries of before Leeuwarden's
mergers of 2018), and an ommeland summed without rejected members says which ('Ommeland:
25,4% (zonder Ameland)', its social housing share of 2024; CR04 leaves Ameland out,
``region_left_out``). Before, neither was said.
"""

from __future__ import annotations

import pytest

from stadstrends.publish.harmonised import marked_years

CITY = "GM0080"
WORDS = {"nl": ("omgerekend", "Ommeland", "zonder"),
         "en": ("recalculated", "Surrounding region", "without")}


def _tiles(client, lang: str) -> dict[str, dict]:
    body = client.get(f"/gemeente/{CITY}?lang={lang}&format=json").json()
    return {x["indicator_id"]: x for d in body["domains"] for x in d["tiles"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_recalculated_latest_figure_is_marked(client, wh, lang):
    """Measured: seven of Leeuwarden's tiles end in a recalculated year (the four land use
    shares, grey pressure and the share of over-85s of 2017, migration background 2009)."""
    own = marked_years(wh, CITY, "harmonised")
    tiles = _tiles(client, lang)
    word = WORDS[lang][0]
    marked = {i for i, x in tiles.items() if word in x["marks"]}
    assert marked == {i for i, x in tiles.items() if x["year"] in own.get(i, ())}
    assert "land_use_residential_share" in marked and len(marked) >= 5
    assert "social_housing_share" not in marked  # 2024: CBS's own figure


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_ommeland_without_ameland_says_so(client, wh, lang):
    year = wh.execute("""SELECT year FROM benchmark_latest WHERE region_code = ?
                         AND indicator_id = 'social_housing_share'""", [CITY]).fetchone()[0]
    assert wh.execute("""SELECT members FROM region_left_out WHERE region_code = 'CR04'
                         AND indicator_id = 'social_housing_share' AND year = ?""",
                      [year]).fetchone()[0] == ["GM0060"]
    _, omm, without = WORDS[lang]
    tiles = _tiles(client, lang)
    assert tiles["social_housing_share"]["ommeland"].startswith(f"{omm}: ")
    assert tiles["social_housing_share"]["ommeland"].endswith(f"({without} Ameland)")
    # an indicator CR04 sums whole says nothing of the kind
    assert without not in tiles["owner_occupied_share"]["ommeland"]
    page = client.get(f"/gemeente/{CITY}?lang={lang}", headers={"accept": "text/html"}).text
    assert f"({without} Ameland)</td>" in page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_ranking_marks_recalculated_figures(client, wh, lang):
    """Measured: 29 of the municipalities' residential land use shares of 2017 are
    recalculated (83287NED gives 2017 in the boundaries of before the mergers of 2018-2025),
    Leeuwarden's among them; Zwolle's (no merger since 2001) is CBS's own."""
    word = WORDS[lang][0]
    page = client.get(f"/ranglijst?indicator=land_use_residential_share&year=2017&lang={lang}"
                      "&format=json").json()
    rows = {r["region_code"]: r for r in page["rows"]}
    assert rows[CITY]["harmonised"] and not rows["GM0193"]["harmonised"]
    assert sum(r["harmonised"] for r in rows.values()) >= 20
    html = client.get(f"/ranglijst?indicator=land_use_residential_share&year=2017&lang={lang}",
                      headers={"accept": "text/html"}).text
    assert html.count(f'<span class="year">({word})</span>') == sum(
        r["harmonised"] for r in rows.values())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_ommeland_derived_from_cbs_rounded_corop_figure_says_about(client, wh, lang):
    """Leeuwarden's income of 2023: its ommeland is derived from CBS's COROP mean (48,2,
    rounded to a tenth), +-0,13 thousand euro: the tile prints 'Ommeland: ≈ 50,5', as the
    report's table (before: 'Ommeland: 50,5'); an ommeland summed over the members (its
    owner-occupied share) has no '≈'."""
    tiles = _tiles(client, lang)
    _, omm, _ = WORDS[lang]
    income = tiles["income_disposable_mean"]
    assert income["year"] == 2023
    assert income["ommeland"].startswith(f"{omm}: ≈ 50"), income["ommeland"]
    assert "≈" not in tiles["owner_occupied_share"]["ommeland"]


def test_the_api_profiles_signal_says_about(client, wh):
    """The API profile's signal sentence of Leeuwarden's low-income share, 'hoger dan het
    ommeland' in 2023: its ommeland (derived from CBS's whole-per-cent COROP share, +-0,6
    points) reads 'ongeveer 7%' (before: '7%'), in English (``city_profile``'s other
    language, as ``stadstrends show``) 'about 7%'."""
    from stadstrends.publish.profile import city_profile

    for body, langs in ((client.get(f"/api/v1/profile/{CITY}").json(), ("nl",)),
                        (city_profile(wh, CITY, lang="en"), ("nl", "en"))):
        sigs = [sig for opg in body["opgaven"] for sig in opg["top_signals"]
                if sig["indicator_id"] == "low_income_households_share"
                and sig["kind"] == "ommeland_deviation"]
        assert sigs, [s["indicator_id"] for o in body["opgaven"] for s in o["top_signals"]]
        for sig in sigs:
            for lang in langs:
                want = {"nl": "ongeveer 7%", "en": "about 7%"}[lang]
                assert want in sig[f"text_{lang}"], sig[f"text_{lang}"]
