"""The city page's tiles, the profile API and the indicator page mark a group's median of 0
on its middle members' counts CBS rounded to 0 as they mark the city's own figure and an
ommeland on such counts (real snapshot; ``benchmark_zeros``,
:mod:`stadstrends.publish.median_zeros`). Before: Maastricht's tile in Zuid-Limburg said
'plaats 7 van 16 (1 = hoogste) · mediaan 0,0 per 1 000 woningen' bare, the two middle
members' 0 demolitions of 2023 in 86054NED being counts CBS rounds to fives."""

from __future__ import annotations

import pytest

from stadstrends.publish.web.page_parts import quantile_notes
from stadstrends.publish.web.state import WebWarehouse

DEMOLITION = "demolition_per_1000_dwellings"
ONE = {"nl": "berekend uit een op 0 afgerond aantal", "en": "computed from a count rounded to 0"}
MANY = {"nl": "berekend uit op 0 afgeronde aantallen", "en": "computed from counts rounded to 0"}
MEDIAN = {"nl": "mediaan 0,0 per 1 000 woningen", "en": "median 0.0 per 1,000 dwellings"}

#: every position beside a median of 0 on counts rounded to 0 in the latest year (40)
LATEST_SQL = """
SELECT z.set_id, z.region_code, z.indicator_id, z.median_zeros
FROM benchmark_zeros z SEMI JOIN benchmark_latest l USING (region_code, indicator_id, year)
WHERE z.median_zeros IS NOT NULL ORDER BY ALL
"""


def _tiles(client, code: str, set_id: str, lang: str = "nl") -> dict:
    body = client.get(f"/gemeente/{code}?vergelijk={set_id}&lang={lang}&format=json").json()
    page = body.get("page", body)
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


def _plain(text: str) -> str:
    return text.replace("&nbsp;", " ").replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tile_marks_the_median(client, lang):
    tile = _tiles(client, "GM0935", "CR39", lang)[DEMOLITION]
    shown = f"{MEDIAN[lang]} ({MANY[lang]})"
    assert _plain(tile["position"]).endswith(shown), tile["position"]
    html = client.get(f"/gemeente/GM0935?vergelijk=CR39&lang={lang}",
                      headers={"accept": "text/html"}).text
    assert shown in _plain(html)


def test_every_group_with_a_latest_median_on_rounded_counts_marks_it(wh, client):
    """The first municipality of each of the six groups of the 40 positions (a page takes
    2 s; the profile's test reads all 40): the tile's place line ends in the words, one
    count or several as the median is one member's or two's (PEERS: Doesburg's group of 11);
    no other tile of those pages says them after its median."""
    rows = wh.execute(LATEST_SQL).fetchall()
    assert len(rows) == 40
    first = {}
    for row in rows:
        first.setdefault(row[0], row)
    assert len(first) == 6
    for set_id, code, ind, n in first.values():
        tiles = _tiles(client, code, set_id)
        words = (ONE if n == 1 else MANY)["nl"]
        assert _plain(tiles[ind]["position"]).endswith(f"{MEDIAN['nl']} ({words})"), (
            code, set_id, tiles[ind]["position"])
        others = [i for i, t in tiles.items() if i != ind and any(
            w in (t.get("position") or "") for w in (ONE["nl"], MANY["nl"]))]
        assert others == [], (code, set_id, others)


def test_the_profile_api_carries_it(client):
    body = client.get("/api/v1/profile/GM1783?set=CR27").json()
    row = next(i for d in body["domains"] for i in d["indicators"]
               if i["indicator_id"] == DEMOLITION)
    assert (row["year"], row["median"], row["median_zeros"]) == (2023, 0, 1)
    other = [i["indicator_id"] for d in body["domains"] for i in d["indicators"]
             if i.get("median_zeros")]
    assert other == [DEMOLITION]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_indicator_pages_group_figures(warehouse_path, lang):
    """The indicator page's line on the city set's median and quartiles: a set whose median
    of 2022 is its two middle members' 0 demolitions (the size class of the smallest), and
    the city set itself, whose demolitions have no median of 0 (no words)."""
    web = WebWarehouse(warehouse_path)
    try:
        notes = quantile_notes(web, "GK1", DEMOLITION, 2022, lang)
        assert notes["median_note"] in (ONE[lang], MANY[lang])
        plain = quantile_notes(web, web.settings.city_set, DEMOLITION, 2023, lang)
        assert plain == {"median_note": "", "p25_note": "", "p75_note": ""}
    finally:
        web.close()
