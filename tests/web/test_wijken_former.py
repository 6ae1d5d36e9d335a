"""The wijk boundaries of a former municipality's code say that it no longer exists, as
/series and /profile do: Weesp (GM0457) answers with Amsterdam's wijken and Aalburg (GM0738)
with Altena's, each with ``notes`` naming the successor (they were served without a word);
Haaren (GM0788), divided over four, is a 404 naming them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("former", "successor"), [("GM0457", "GM0363"),
                                                   ("GM0738", "GM1959")])
def test_a_former_code_says_where_it_went(client, wh, former: str, successor: str) -> None:
    answer = client.get(f"/api/v1/geo/wijken/{former}.geojson")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/geo+json")
    body = answer.json()
    profile = client.get(f"/api/v1/profile/{former}").json()
    assert body["notes"] == profile["notes"]
    assert body["notes"][0]["former"] == former and body["notes"][0]["region_code"] == successor
    name = wh.execute("SELECT any_value(name) FROM regions WHERE region_code = ?",
                      [successor]).fetchone()[0]
    assert name in body["notes"][0]["note_nl"] and name in body["notes"][0]["note_en"]
    assert all(f["properties"]["code"].startswith(f"WK{successor[2:]}")
               for f in body["features"])
    assert "notes" not in client.get(f"/api/v1/geo/wijken/{successor}.geojson").json()


def test_a_divided_municipality_names_its_successors(client, wh) -> None:
    answer = client.get("/api/v1/geo/wijken/GM0788.geojson")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert error["code"] == "region_not_found" and "Haaren" in error["message"]
    successors = {r[0] for r in wh.execute("SELECT successor_code FROM region_successors "
                                           "WHERE region_code = 'GM0788'").fetchall()}
    assert len(successors) == 4 and set(error["suggestions"]) == successors
