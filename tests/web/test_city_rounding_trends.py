"""A city page's tile and the API's profile row of a significant trend that may rest on
CBS's rounding of its years (analysis/coarse_trends.py: ``coarse_trends``) say so as the report's
sentence does, and the tile is grey as the report's panel: Ameland's payment arrears per
1 000 (tens of persons) fall from 8,3 in 2017 to 5,2 in 2024, a 'gunstige trend' the
rounding alone could undo (real snapshot)."""

from __future__ import annotations

import pytest

# its bracket may go on with the small counts' words ('...; op kleine aantallen: ...)')
CAVEAT = {"nl": "(door de afronding van het CBS",
          "en": "(because of CBS rounding"}
ARREARS = "payment_arrears_per_1000"


def _tiles(client, code: str, lang: str) -> dict[str, dict]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tile_says_the_fall_may_be_rounding(client, wh, lang) -> None:
    resting = {r[0] for r in wh.execute("SELECT indicator_id FROM coarse_trends WHERE "
                                        "region_code = 'GM0060' AND NOT holds").fetchall()}
    assert ARREARS in resting
    tiles = _tiles(client, "GM0060", lang)
    for ind, x in tiles.items():
        assert (CAVEAT[lang] in x["status_text"]) == (ind in resting), (ind, x)
    text = tiles[ARREARS]["status_text"]
    assert CAVEAT[lang] in text and text.endswith(")"), tiles[ARREARS]
    # grey, no arrow, the panel's words: not the green of an improvement that holds
    assert tiles[ARREARS]["status"] == "rounding" and tiles[ARREARS]["arrow"] == "", \
        tiles[ARREARS]
    assert tiles[ARREARS]["status_text"].startswith(
        {"nl": "dalend, niet zeker", "en": "falling, not certain"}[lang]), tiles[ARREARS]
    assert all(x["status"] == "rounding" for ind, x in tiles.items() if ind in resting)
    # Maastricht (Arnhem until session 52: its deaths rest on CBS's rate, rounded to 0,1)
    assert not any(CAVEAT[lang] in x["status_text"] for x in _tiles(client, "GM0935", lang)
                   .values())


def test_the_api_marks_the_trend(client) -> None:
    api = client.get("/api/v1/profile/GM0060").json()
    rows = {i["indicator_id"]: i for d in api["domains"] for i in d["indicators"]}
    assert rows[ARREARS]["rests_on_rounding"] is True
    assert rows[ARREARS]["classification"] == "falling"
    assert not any(r["rests_on_rounding"] for r in
                   (i for d in client.get("/api/v1/profile/GM0935").json()["domains"]
                    for i in d["indicators"]))
