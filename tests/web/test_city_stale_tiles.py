"""An out-of-date figure is no headline (:func:`stadstrends.publish.web.tiles.stale`): a
tile whose latest year is before the build's first fresh year is grey ('st-stale'), says
'verouderd', and has no arrow, no verdict colour, no change and no place in the group.
Zwolle's share with a non-western background (8,8% in 2009) had a blue '↑ significante
trend (geen oordeel) · +1,0 %-punt 2002–2009' and 'plaats 32 van 41'."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.read import build_info, fresh_from

HTML = {"accept": "text/html"}
CODES = ["GM0193", "GM0096", "GM0344", "GM1911"]


def _tiles(client, code: str, lang: str) -> list[dict]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    return [x for d in page["domains"] for x in d["tiles"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", CODES)
def test_a_stale_tile_has_no_colour_arrow_change_or_rank(client, wh, code, lang) -> None:
    fresh = fresh_from(build_info(wh))
    assert fresh == 2022  # the snapshot's build: 2026 - 4
    tiles = _tiles(client, code, lang)
    old = [x for x in tiles if int(x["year"]) < fresh]
    assert old or code != "GM0193"  # Zwolle has 13 of them on the snapshot
    for x in tiles:
        assert (x["status"] == "stale") == (int(x["year"]) < fresh), x
    for x in old:
        assert x["arrow"] == "" and x["change"] is None and x["position"] is None, x
        assert x["percentile"] is None and str(fresh) in x["status_text"], x
        assert {"nl": "verouderd", "en": "out of date"}[lang] in x["marks"], x


def test_zwolle_page_shows_old_figures_grey_and_last(client) -> None:
    text = client.get("/gemeente/GM0193", headers=HTML).text
    tile = re.search(r'<li class="tile (st-\w+)">\s*<h4><a href="/indicator/'
                     r'share_non_western_background[^"]*">.*?</li>', text, re.S)
    assert tile and tile.group(1) == "st-stale", tile and tile.group(0)
    assert "plaats 32" not in tile.group(0) and "↑" not in tile.group(0)
    assert "2002–2009" not in tile.group(0) and "verouderd cijfer" in tile.group(0)
    for d in re.findall(r'<ul class="tiles">(.*?)</ul>', text, re.S):  # stale ones last
        kinds = re.findall(r'<li class="tile st-(\w+)">', d)
        assert kinds == sorted(kinds, key=lambda k: k == "stale"), kinds


def test_a_stale_tile_keeps_a_jumps_note_only_without_a_verdict(web_app) -> None:
    """Vlissingen's gas delivered to companies (last figure 2017; 2012 -> 2017 an abrupt
    change, no significant trend): grey and out of date, with the jump's note, which
    carries no verdict. Had the whole window a significant trend, the note would tell it
    ('een significante stijging; in die jaren verandert de reeks abrupt'): left out."""
    from stadstrends.publish.web.tiles import city_data, tile

    rows = city_data(web_app.state.wh, "GM0718", "G40")["rows"]
    row = next(r for r in rows if r["indicator_id"] == "gas_delivered_per_inhabitant")
    x = tile(row, "nl")
    assert x["status"] == "stale" and x["year"] == 2017 and x["change"] is None, x
    assert "verandert de reeks abrupt (2012–2017)" in x["jump"], x["jump"]
    assert "significant" not in x["jump"], x["jump"]
    assert tile({**row, "classification": "rising"}, "nl")["jump"] is None
