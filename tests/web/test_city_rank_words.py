"""One convention for a place in the comparison group, the report's: 'plaats 4 van 4
(1 = hoogste)' (the real snapshot)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.glance import glance
from tests.publish.loaded import connect, kept_city

GROUP = "G4"  # Utrecht's own set of the four largest cities

HTML = {"accept": "text/html"}
WORDS = {"nl": (r"plaats (\d+) van (\d+) \(1 = hoogste(?:; [^)]*)?\)", "gunstigst"),
         "en": (r"rank (\d+) of (\d+) \(1 = highest(?:; [^)]*)?\)", "most favourable")}
#: after '1 = hoogste', members a cut copy of a table left out (test_tile_cut_members.py)
OUTSIDER = {"nl": r"plaats (\d+) van (\d+), deze gemeente meegeteld \(1 = hoogste(?:; [^)]*)?\)",
            "en": r"rank (\d+) of (\d+), this municipality included \(1 = highest(?:; [^)]*)?\)"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["GM0344", "GM0193"])
def test_a_tiles_place_is_the_stored_rank_1_highest(client, warehouse_path, city, lang):
    """Every tile's place is group_benchmarks.rank (1 = the highest value) of its year within
    the page's group, worded as the report words it; no '1 = gunstigst' left. Utrecht is
    compared with the G40 without being a member: its place counts itself too ('plaats 42
    van 42, deze gemeente meegeteld'; 'plaats 42 van 41' before), never beyond the count."""
    page = client.get(f"/gemeente/{city}?lang={lang}&format=json").json()
    page = page.get("page", page)
    pattern, other = WORDS[lang]
    with connect(warehouse_path) as con:
        stored = {(i, y): (r, n) for i, y, r, n in con.execute(
            "SELECT indicator_id, year, rank, n FROM group_benchmarks WHERE region_code = ? "
            "AND set_id = ?", [city, page["group"]["set_id"]]).fetchall()}
    placed = 0
    for tile in (x for d in page["domains"] for x in d["tiles"]):
        if not tile["position"]:
            continue
        outsider = page["group"]["member"] is False
        found = re.match(OUTSIDER[lang] if outsider else pattern, tile["position"])
        assert found and other not in tile["position"], tile["position"]
        rank, n = map(int, found.groups())
        assert rank <= n, tile["position"]
        assert (rank, n - outsider) == stored[tile["indicator_id"], tile["year"]]
        placed += 1
    assert placed > 20
    html = client.get(f"/gemeente/{city}?lang={lang}", headers=HTML).text
    assert f"(1 = {other})" not in html


def test_utrecht_crimes_have_one_place_on_the_web_and_in_the_report(client, warehouse_path):
    """The report said 'plaats 4 van de 4 (1 = hoogste)', the web 'rang 1 van 4 (1 =
    gunstigst)' for Utrecht's registered crimes (lower is better)."""
    with connect(warehouse_path) as con:
        # within the four largest cities (its default is a larger group): a rank, not quarters
        report = glance(kept_city(con, "GM0344", GROUP), "nl")
    said = next(it["sentence"].text for o in report["opgaven"] for it in o["items"]
                if it["sentence"].indicator_id == "crimes_per_1000")
    rank = re.search(r"op plaats (\d+) van de (\d+) gemeenten[^(]*\(1 = hoogste", said).groups()
    page = client.get(f"/gemeente/GM0344?vergelijk={GROUP}&format=json").json()
    page = page.get("page", page)
    tile = next(x for d in page["domains"] for x in d["tiles"]
                if x["indicator_id"] == "crimes_per_1000")
    assert tile["position"].startswith(f"plaats {rank[0]} van {rank[1]} (1 = hoogste)"), tile
