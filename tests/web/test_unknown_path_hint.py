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
    assert (err["code"], err["hint"]) == ("not_found", f"did you mean {meant}?"), err
    answer = client.get(meant, headers=JSON)  # the route reads the code meant, not 'GM0193.json'
    assert answer.status_code == 200 or answer.json()["error"]["code"] != "region_not_found"
