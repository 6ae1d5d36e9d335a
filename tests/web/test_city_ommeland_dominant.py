"""The city page's tile and tweedeling table name the member carrying most of the ommeland's
figure, and the profile API's tweedeling rows give it as a code with its share (real
snapshot; :mod:`stadstrends.publish.ommeland_dominant`). Before: Oldambt's tile 'Ommeland:
165,0 per 1 000 inwoners' bare, 98% of it Westerwolde's (Ter Apel)."""

from __future__ import annotations

import pytest


def _page(client, code: str, lang: str = "nl") -> dict:
    body = client.get(f"/gemeente/{code}?lang={lang}&format=json").json()
    return body.get("page", body)


@pytest.mark.parametrize(("code", "ind", "lang", "shown"), [
    ("GM1895", "net_international_migration_per_1000", "nl",
     "Ommeland: 165,0 per 1 000 inwoners (vooral bepaald door Westerwolde)"),
    ("GM1895", "net_international_migration_per_1000", "en",
     "Surrounding region: 165.0 per 1,000 inhabitants (mostly determined by Westerwolde)"),
    ("GM1969", "gas_delivered_per_inhabitant", "nl",
     "Ommeland: 4.456 m³ per inwoner (vooral bepaald door Het Hogeland)")])
def test_the_tile_names_the_member(client, code, ind, lang, shown):
    tiles = {x["indicator_id"]: x for d in _page(client, code, lang)["domains"]
             for x in d["tiles"]}
    assert tiles[ind]["ommeland"] == shown
    html = client.get(f"/gemeente/{code}?lang={lang}", headers={"accept": "text/html"}).text
    assert shown in html.replace("&nbsp;", " ").replace("\u00a0", " ")


def test_the_tweedeling_table_and_the_api_rows(client):
    """Oldambt's population growth: its ommeland's balance mostly Westerwolde's."""
    page = {g["indicator_id"]: g for g in _page(client, "GM1895")["gaps"]}
    assert page["population_growth_pct"]["ommeland_note"] == "vooral bepaald door Westerwolde"
    rows = {r["indicator_id"]: r for r in
            client.get("/api/v1/profile/GM1895").json()["tweedeling"]}
    growth = rows["population_growth_pct"]
    assert growth["ommeland_dominant"] == "GM1950"
    assert 0.75 < growth["ommeland_dominant_share"] <= 1
    # a row without such a member: none named, on the page nor in the API
    bare = [i for i, g in page.items() if not g.get("ommeland_note")]
    assert bare and all(rows[i]["ommeland_dominant"] is None for i in bare)


@pytest.mark.parametrize(("code", "lang"), [("GM1895", "nl"), ("GM1969", "nl"), ("GM1895", "en")])
def test_the_tables_ommeland_cells_say_it_once(client, code, lang):
    """The tables under the charts ('Tabel bij de grafiek') give each tile's ommeland under
    their column 'Ommeland'; a cell repeated the tile's lead: 'Ommeland: Ommeland: −1,8%
    (vooral bepaald door Westerwolde)' (53 cells on Oldambt's page, h57l)."""
    import re

    html = client.get(f"/gemeente/{code}?lang={lang}", headers={"accept": "text/html"}).text
    label = {"nl": "Ommeland", "en": "Surrounding region"}[lang]
    cells = re.findall(rf'<td data-label="{label}">([^<]*)</td>', html)
    assert len(cells) > 20, len(cells)
    assert not [c for c in cells if c.startswith(label)], cells[:3]
    assert any("Westerwolde" in c or "Het Hogeland" in c for c in cells)
