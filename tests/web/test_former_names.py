"""A former municipality's name finds its successor, with the sentence saying so (search page,
search box API); the successor comes from the warehouse's boundary-change register. On the
synthetic warehouse (Weesp); Haren and Rijnwaarden on the real one: test_end_to_end.py."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

from tests.web.on_synthetic import client  # noqa: F401 - fixtures

HTML = {"accept": "text/html"}


def test_former_names_lead_to_the_successor(client, syn) -> None:
    check_former_name(client, syn, "Weesp", "GM0363",
                      "Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)")


def check_former_name(client, wh, name: str, successor: str, note: str) -> None:
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
