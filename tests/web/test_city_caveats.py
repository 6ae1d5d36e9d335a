"""The city page's tiles carry the catalogue's caveats of their indicator (a folded list
'Kanttekeningen (n)'), as the indicator's own page shows them (real snapshot). Before:
Oldambt's tile of net international migration, 'Ommeland: 165,0 per 1 000 inwoners', without
'de opvang van asielzoekers en arbeidsmigranten geeft grote schommelingen'."""

from __future__ import annotations

import html as html_lib

import pytest

MIGRATION = "net_international_migration_per_1000"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_tile_carries_its_indicators_caveats(client, lang):
    body = client.get(f"/gemeente/GM1895?lang={lang}&format=json").json()
    page = body.get("page", body)
    tiles = {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}
    meta = client.get(f"/api/v1/indicators/{MIGRATION}?lang={lang}").json()
    want = meta.get("caveats_en" if lang == "en" else "caveats") or meta.get("caveats")
    assert tiles[MIGRATION]["caveats"] == want and len(want) == 3
    assert all(x["caveats"] for x in tiles.values())  # every indicator has caveats
    text = html_lib.unescape(client.get(f"/gemeente/GM1895?lang={lang}",
                                        headers={"accept": "text/html"}).text)
    assert text.count('<details class="caveats">') == len(tiles)
    assert {"nl": "de opvang van asielzoekers", "en": "the reception of asylum seekers"}[
        lang] in text
