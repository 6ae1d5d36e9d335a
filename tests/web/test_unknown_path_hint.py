"""The API's unknown address names the address meant, and that address is one its route reads
as meant (the synthetic warehouse): '/api/v1/geo/wijken/GM0193.json' was answered 'did you mean
/api/v1/geo/wijken/GM0193.json.geojson?', an address whose route reads the code
'GM0193.json' and answers 'Unknown municipality'."""

from __future__ import annotations

import pytest

from tests.web.on_synthetic import client  # noqa: F401 - the fixture

JSON = {"accept": "application/json"}


@pytest.mark.parametrize(("path", "meant"), [
    ("/api/v1/geo/wijken/GM0193.json", "/api/v1/geo/wijken/GM0193.geojson"),
    ("/api/v1/geo/wijken/GM0193.geo.json", "/api/v1/geo/wijken/GM0193.geojson"),
    ("/api/v1/geo/wijken/GM0193/", "/api/v1/geo/wijken/GM0193.geojson"),
    ("/api/v1/geo/wijken/GM0193", "/api/v1/geo/wijken/GM0193.geojson"),
    ("/api/v1/geo/gemeenten.json", "/api/v1/geo/gemeenten.geojson"),
])
def test_the_address_meant_drops_a_wrong_extension(client, path, meant) -> None:  # noqa: F811
    err = client.get(path, headers=JSON).json()["error"]
    # the API answers in Dutch without ?lang (its catalogue language)
    assert (err["code"], err["hint"]) == ("not_found", f"bedoelt u {meant}?"), err
    answer = client.get(meant, headers=JSON)  # the route reads the code meant, not 'GM0193.json'
    assert answer.status_code == 200 or answer.json()["error"]["code"] != "region_not_found"


@pytest.mark.parametrize(("lang", "message", "hint"), [
    ("nl", "geen gemeente opgegeven: vóór .geojson staat geen gemeentecode",
     "geef de code van een gemeente vóór .geojson, zoals GM0193 (Zwolle); "
     "/api/v1/regions?level=gemeente&q=<naam> zoekt er een op naam"),
    ("en", "no municipality given: there is no municipality code before .geojson",
     "give a municipality's code before .geojson, such as GM0193 (Zwolle); "
     "/api/v1/regions?level=gemeente&q=<name> finds one by name"),
])
def test_an_empty_wijken_code_is_said_to_be_empty(client, lang, message, hint) -> None:  # noqa: F811
    """/api/v1/geo/wijken/.geojson (no code) answered 'bedoelt u /api/v1/geo/wijken/.geojson.
    geojson?', an address whose route reads the code '.geojson': now the code is said to be
    missing, as an empty municipality elsewhere, with where the codes are found."""
    answer = client.get(f"/api/v1/geo/wijken/.geojson?lang={lang}", headers=JSON)
    err = answer.json()["error"]
    assert answer.status_code == 404
    assert (err["code"], err["message"], err["hint"], err["suggestions"]) == (
        "region_not_found", message, hint, []), err
    assert ".geojson.geojson" not in answer.text
