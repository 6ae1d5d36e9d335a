"""A former municipality's name finds its successor, with the sentence saying so (search page,
search box API); the successor comes from the warehouse's boundary-change register."""

from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(("name", "successor", "note"), [
    ("Weesp", "GM0363", "Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)"),
    ("Haren", "GM0014", "Haren valt sinds 1 januari 2019 onder Groningen (GM0014)"),
    ("Rijnwaarden", "GM0299", "Rijnwaarden valt sinds 1 januari 2018 onder Zevenaar (GM0299)"),
])
def test_former_names_lead_to_the_successor(client, wh, name, successor, note) -> None:
    ended = wh.execute("SELECT max(valid_to) FROM regions WHERE name = ? AND level = "
                       "'gemeente'", [name]).fetchone()[0]
    assert ended is not None  # really a former municipality
    body = client.get(f"/api/v1/regions?q={name}&level=gemeente&limit=8").json()
    first = body["regions"][0]
    assert first["region_code"] == successor and first["current"]
    assert first["former_name"] == name and first["note_nl"] == note
    page = client.get(f"/zoek?q={name}", headers=HTML)
    assert page.status_code == 200 and note in page.text  # no silent redirect
    assert f'href="/gemeente/{successor}"' in page.text
    english = client.get(f"/zoek?q={name}&lang=en", headers=HTML).text
    assert f"{name} has been part of" in english


def test_current_names_still_go_straight_to_the_city(client) -> None:
    response = client.get("/zoek?q=Zwolle", headers=HTML, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/gemeente/GM0193"
