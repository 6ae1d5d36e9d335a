"""The profile API gives the facts the city page gives (real snapshot):

* per opgave what Kies richting names for it (``kies_richting`` and ``kies_nl``, the card's
  line: Land van Cuijk's governance, 'Urgente opgave (zie Kies richting): Opgehelderde
  misdrijven.'); the API's opgaven named none. The card, a block of the report's 'In een
  oogopslag', also says under which opgave a title it does not show stands ('(staat onder
  Economie)', session 57); the API, without those blocks, does not;
* per domain the page's tiles counted by the verdict they show, an out-of-date latest figure
  ('verouderd') as ``n_stale`` and CBS's projections apart: Zwolle's demography counted 19
  indicators (the page shows 16 tiles: 3 projections) and its safety '2 verbeteren' for the
  survey of 2019.
"""

from __future__ import annotations

import re

import pytest

from stadstrends import vocabulary
from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.sentence_words import WORDS

#: where the card says a title of its Kies line stands ('Mediaan vermogen van huishoudens
#: (staat onder Economie)': report/direction_words.kies_title); the API's line has no blocks
PLACE = vocabulary.word("nl", "report", "kies_shown_under", opgave="")


def without_places(line: str | None) -> str | None:
    """The card's Kies line without the places of its titles: the API's ``kies_nl``."""
    if line is None:
        return None
    line = re.sub(rf" \({PLACE}[^()]*\)", "", line)
    return re.sub(rf"; {PLACE}[^()]*\)", ")", line)


CITIES = ("GM1982", "GM0193", "GM0106", "GM0080", "GM0060")  # + Ameland: not in the G40
#: a tile's status -> the API's count (``profile_domains.KINDS``)
KIND = {"stable": "flat", "indicative": "untested", "none": "untested"}
# 'niet getoetst: ...', the sentence's words why (session 46; the panel's 'niet getoetst,
# afgerond' before)
STEPS = WORDS["nl"]["steps"].split(":")[0] + ":"
#: the end of a tile whose trend may rest on CBS's rounding (the API's 'rounding' count)
ROUNDING = tuple(vocabulary.section("nl", "words")[k] for k in ("rounding_rise",
                                                                 "rounding_fall"))


@pytest.mark.parametrize("code", CITIES)
def test_opgaven_name_what_kies_richting_names_as_the_cards_do(client, code: str) -> None:
    page = client.get(f"/gemeente/{code}?format=json").json()
    api = client.get(f"/api/v1/profile/{code}").json()
    cards = {o["id"]: without_places(o["kies"]) for o in page["opgaven"]}
    assert {o["id"]: o["kies_nl"] for o in api["opgaven"]} == cards
    for o in api["opgaven"]:
        for key in ("urgent_tasks", "distinctive_strengths"):
            linked = [k["indicator_id"] for k in api["kies_richting"][key]
                      if o["id"] in (k["opgaven"] or ())]
            assert [k["indicator_id"] for k in o["kies_richting"][key]] == linked
    if code == "GM1982":  # an urgent task that is no signal of the opgave
        governance = next(o for o in api["opgaven"] if o["id"] == "bestuur_samenspel")
        assert [k["indicator_id"] for k in governance["kies_richting"]["urgent_tasks"]] == [
            "crimes_cleared_share"]
        assert governance["kies_nl"] == "Urgente opgave (zie Kies richting): " \
                                        "Opgehelderde misdrijven."
    assert any(cards.values())


def test_the_chosen_group_agrees_too(client) -> None:
    page = client.get("/gemeente/GM0193?vergelijk=PV23&format=json").json()
    api = client.get("/api/v1/profile/GM0193?set=PV23").json()
    assert api["group"]["set_id"] == "PV23"
    assert {o["id"]: o["kies_nl"] for o in api["opgaven"]} == \
        {o["id"]: without_places(o["kies"]) for o in page["opgaven"]}


@pytest.mark.parametrize("code", CITIES + ("GM0096",))
def test_domain_counts_are_the_pages_tiles(client, wh, code: str) -> None:
    fresh = fresh_from(build_info(wh))
    page = client.get(f"/gemeente/{code}?format=json").json()
    api = client.get(f"/api/v1/profile/{code}").json()
    tiles = {d["domain"]: d["tiles"] for d in page["domains"]}
    projections = {r[0] for r in wh.execute(
        "SELECT indicator_id FROM indicators WHERE projection").fetchall()}
    for dom in api["domains"]:
        shown = tiles.get(dom["domain"], [])
        assert dom["n_indicators"] == len(shown), (code, dom["domain"])
        assert {i["indicator_id"] for i in dom["indicators"]} == {x["indicator_id"]
                                                                  for x in shown}
        assert {i["indicator_id"] for i in dom["projections"]} <= projections
        kinds: dict[str, int] = {}
        for x in shown:  # a tile not tested for its few distinct values: 'niet getoetst'
            k = "stale" if x["year"] < fresh else "steps" if x["status_text"].startswith(
                STEPS) else "rounding" if x["status_text"].endswith(ROUNDING) \
                else KIND.get(x["status"], x["status"])
            kinds[k] = kinds.get(k, 0) + 1
        counted = {k[2:]: n for k, n in dom.items()
                   if k.startswith("n_") and k != "n_indicators" and n}
        assert counted == kinds, (code, dom["domain"])
        assert f"before {fresh}" in dom["counted"] and "projections" in dom["counted"]


def test_zwolles_counts(client, wh) -> None:
    fresh = fresh_from(build_info(wh))
    api = {d["domain"]: d for d in client.get("/api/v1/profile/GM0193").json()["domains"]}
    old = wh.execute("""
        SELECT i.domain, count(*) FROM indicators i JOIN (
            SELECT indicator_id, max(year) AS y FROM indicator_values
            WHERE region_code = 'GM0193' AND value IS NOT NULL GROUP BY 1) v USING (indicator_id)
        WHERE NOT i.projection AND v.y < ? GROUP BY 1""", [fresh]).fetchall()
    assert dict(old) == {d: a["n_stale"] for d, a in api.items() if a["n_stale"]}
    assert api["safety"]["n_stale"] >= 2 and f"van vóór {fresh}" in api["safety"]["summary_nl"]
    assert len(api["demography"]["projections"]) == 3
