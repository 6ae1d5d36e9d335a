"""The city page's tweedeling (issue 10): the report's relative measure (city / ommeland),
the relative gap's movement and valence in plain words, no counts, no p-values."""

from __future__ import annotations

import re

from stadstrends.publish.web.gap_text import relative_gap
from stadstrends.publish.web.tiles import _gap

GAP = re.compile(r"(\d+(,\d)?% (hoger|lager)|gelijk|–)")


def test_gap_rows_are_relative_and_plain_dutch(syn_client, syn) -> None:
    """On the synthetic warehouse: Enschede's ommeland is Hengelo, Zwolle's Dalfsen and
    Kampen."""
    client, wh = syn_client, syn
    for code, city in (("GM0153", "Enschede"), ("GM0193", "Zwolle")):
        page = client.get(f"/gemeente/{code}?format=json").json()
        gaps = page["page"]["gaps"] if "page" in page else page["gaps"]
        assert gaps
        counts = {r[0] for r in wh.execute(
            "SELECT indicator_id FROM indicators WHERE method = 'count'").fetchall()}
        assert not counts & {g["indicator_id"] for g in gaps}  # no absolute sizes compared
        trends = dict(wh.execute(
            "SELECT indicator_id, movement FROM region_gap_trends WHERE region_code = ? "
            "AND NOT indicative", [code]).fetchall())
        signed = {r[0] for r in wh.execute(
            "SELECT indicator_id FROM indicators WHERE signed").fetchall()}
        for g in gaps:
            if g["indicator_id"] in signed:  # growth, balances: a difference (test_city_truth)
                assert re.fullmatch(r"\d+(,\d)? \S.* (hoger|lager)|gelijk|–", g["gap"]), g
                continue
            assert GAP.fullmatch(g["gap"]), g
            assert not re.search(r"\bp\s*[=<]|\d\.\d{3}", g["trend"]), g
            ratio = wh.execute("SELECT ratio FROM region_gaps WHERE region_code = ? AND "
                               "indicator_id = ? AND year = ?",
                               [code, g["indicator_id"], g["year"]]).fetchone()[0]
            assert g["gap"] == relative_gap(ratio, "nl")
            if trends.get(g["indicator_id"]) in ("pulling_ahead", "falling_behind",
                                                 "catching_up", "lead_shrinking"):
                assert city in g["trend"], g
    html = client.get("/gemeente/GM0153", headers={"accept": "text/html"}).text
    section = html[html.index('id="gap-h"'):]
    assert "% hoger" in section and "relatief" in section
    assert "Inwoners op 1 januari" not in section


def test_relative_gap_words_and_valence() -> None:
    assert relative_gap(1.25, "nl") == "25% hoger"
    assert relative_gap(0.995, "nl") == "0,5% lager"
    assert relative_gap(1.0004, "nl") == "gelijk"
    assert relative_gap(None, "nl") == "–"
    assert relative_gap(0.5, "en") == "50% lower"
    row = {"indicator_id": "x", "title_nl": "Werkloosheid", "title_en": "Unemployment",
           "unit": "%", "year": 2024, "city_value": 4.6, "ommeland_value": 3.2,
           "ratio": 4.6 / 3.2, "first_year": 2017, "trend_last_year": 2024,
           "movement": "falling_behind", "valence": "adverse", "indicative": False}
    out = _gap(row, "nl", "Enschede")
    assert out["gap"] == "44% hoger"
    assert out["trend"] == "Enschede raakt significant verder achter (ongunstig)"
    assert out["trend_class"] == "adverse"
    assert _gap({**row, "indicative": True}, "nl", "Enschede")["trend"] == \
        "te weinig jaren voor een toets"
    stable = _gap({**row, "movement": "stable", "valence": "neutral"}, "nl", "Enschede")
    assert stable["trend"] == "het verschil verandert niet significant"
