"""The catalogue's caveats travel with the figures: the report's Verantwoording lists them
for the indicators it shows ('Kanttekeningen bij de indicatoren', :mod:`stadstrends.publish.
report.caveat_list`), not again those the outlook or 'Wat ontbreekt' already give (real
snapshot). Before, Oldambt's report compared its net international migration with the
ommeland's 165,0 (Westerwolde's Ter Apel) without the catalogue's 'de opvang van
asielzoekers en arbeidsmigranten geeft grote schommelingen', which only the site's indicator
page showed."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder, sections
from tests.publish.loaded import connect, kept_city

MIGRATION = "net_international_migration_per_1000"
ASYLUM = {"nl": "de opvang van asielzoekers en arbeidsmigranten geeft grote schommelingen",
          "en": "the reception of asylum seekers and labour migrants causes large swings"}


def _data(warehouse_path, city: str):
    with connect(warehouse_path) as con:
        return kept_city(con, city)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_oldambts_verantwoording_gives_the_migration_caveat(warehouse_path, lang):
    data = _data(warehouse_path, "Oldambt")
    ctx = builder.city_context(data, lang, None)
    entries = {e["title"]: e["caveats"] for e in ctx["acc"]["caveats"]["entries"]}
    caveats = entries[data.catalogue[MIGRATION][f"title_{lang}"]]
    assert any(ASYLUM[lang] in c for c in caveats), caveats
    html = builder.render("city.html.j2", ctx, pdf=False)
    assert ASYLUM[lang] in html
    assert builder.render("city.html.j2", ctx, pdf=True).count(ASYLUM[lang]) == 1


def test_each_shown_indicator_has_its_caveats_once(warehouse_path):
    """Every indicator of the Verantwoording's table has its caveats there, but a
    projection's (under the outlook) and a caveat 'Wat ontbreekt' gives as a reason (gas
    delivered per inhabitant without 2015-2016): each caveat in the report once."""
    data = _data(warehouse_path, "Oldambt").in_language("nl")
    acc = sections.accountability(data, "nl")
    listed = {e["title"]: e["caveats"] for e in acc["caveats"]["entries"]}
    shown = [r[0] for r in acc["indicators"]["rows"]]
    by_title = {m["title_nl"]: (i, m) for i, m in data.catalogue.items()}
    missing_reasons = {r[1] for r in acc["missing"]["rows"]}
    outlook = " ".join(sections.outlook(data, "nl")["caveats"])
    n_said = 0
    for title in shown:
        ind, meta = by_title[title]
        for c in meta["caveats"]:
            said = c in missing_reasons or (meta["projection"] and c[1:] in outlook)
            n_said += said
            assert (c in listed.get(title, [])) != said, (title, c)
    assert n_said >= 1  # gas delivered per inhabitant: 'Zonder 2015 en 2016. ...'
    gas = data.catalogue["gas_delivered_per_inhabitant"]
    assert gas["caveats"][0] in missing_reasons
    assert gas["caveats"][0] not in listed[gas["title_nl"]]
