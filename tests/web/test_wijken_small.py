"""The city page's wijken, session 56 (real snapshot): the note says the rule the map draws by
(same code and name, a wijk number before the name not counted: Heerlen's WK091742 is 'Wijk
41 De Beitel' on the 2014 map, 'Wijk 42 De Beitel' in the KWB, and drawn), and a wijk of
fewer dwellings than ``SMALL_BASE`` carries their number with its figures in the table and
the map's tooltip (De Beitel: 75 inhabitants, 29 dwellings, a mean WOZ of 379 000 euro and 0%
corporation dwellings, unmarked before; 102 wijken of 43 municipalities)."""

from __future__ import annotations

import html
import re

from stadstrends.analysis.small_bases import SMALL_BASE

HTML = {"accept": "text/html"}


def _dwellings(wh, gm: str) -> dict[str, float]:
    return dict(wh.execute(
        "SELECT region_code, value FROM raw_observations WHERE table_id = '85984NED' AND "
        "region_code LIKE ? AND year = 2024 AND measure = 'Woningvoorraad_35'",
        [f"WK{gm[2:]}%"]).fetchall())


def test_the_note_says_a_wijk_number_does_not_count_and_de_beitel_is_drawn(client) -> None:
    shapes = {f["properties"]["code"]: f["properties"]["name"] for f in
              client.get("/api/v1/geo/wijken/GM0917.geojson").json()["features"]}
    w = client.get("/gemeente/GM0917?format=json").json()["wijken"]
    beitel = next(x for x in w["drawn"] if x["code"] == "WK091742")
    assert (shapes["WK091742"], beitel["name"]) == ("Wijk 41 De Beitel", "Wijk 42 De Beitel")
    for lang, words in (("nl", "dezelfde code en naam in 2014 wordt getekend (een wijknummer "
                               "voor de naam telt niet mee)"),
                        ("en", "the same code and name in 2014 is drawn (a district number "
                               "before the name not counted)")):
        page = html.unescape(client.get(f"/gemeente/GM0917?lang={lang}", headers=HTML).text)
        assert words in page


def test_a_wijk_of_few_dwellings_says_so_with_its_figures(client, wh) -> None:
    dwellings = _dwellings(wh, "GM0917")
    assert dwellings["WK091742"] == 29
    small = {c for c, n in dwellings.items() if n is not None and n < SMALL_BASE}
    w = client.get("/gemeente/GM0917?format=json").json()["wijken"]
    rows = w["drawn"] + w["missing"]
    assert {x["code"] for x in rows if x.get("small")} == small & {x["code"] for x in rows}
    assert w["small"] == len(small & {x["code"] for x in rows}) >= 1
    page = html.unescape(client.get("/gemeente/GM0917", headers=HTML).text)
    row = re.search(r"<tr><th scope=\"row\">Wijk 42 De Beitel</th>(.*?)</tr>", page).group(1)
    assert row.count("(uit 29 woningen)") == 2, row  # WOZ and corporation share
    big = next(x["name"] for x in rows if not x.get("small"))
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(big)}</th>(.*?)</tr>", page).group(1)
    assert "woningen)" not in row, row
    assert f"Bij een wijk met minder dan {SMALL_BASE} woningen staat het aantal" in page
    assert '"shown": "379 duizend euro (uit 29 woningen)"' in page  # the map's tooltip


def test_no_mark_and_no_note_without_a_small_wijk(client, wh) -> None:
    dwellings = _dwellings(wh, "GM0200")  # Apeldoorn: every wijk 191 dwellings or more
    assert dwellings and min(v for v in dwellings.values() if v is not None) >= SMALL_BASE
    page = html.unescape(client.get("/gemeente/GM0200", headers=HTML).text)
    assert 'id="wijk-h"' in page and 'id="wijk-small"' not in page and "(uit " not in page
