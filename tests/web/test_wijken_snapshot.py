"""The wijk map is found in the snapshot the warehouse was built from (``build_info.snapshot``),
also in a clone that is not next to ``shared/``; without a boundaries file the city page says
why there is no map and still lists the wijk figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture()
def elsewhere(monkeypatch, tmp_path: Path) -> Path:
    """No snapshot next to the checkout nor in $STADSTRENDS_SNAPSHOT: a clone elsewhere."""
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "no-snapshot"))
    return tmp_path


def _client(warehouse_path: Path, reports: Path):
    from stadstrends.publish.web.app import create_app

    app = create_app(warehouse_path, reports, warm=False)
    return app, TestClient(app)


def test_wijk_map_from_the_build_snapshot(warehouse_path, elsewhere) -> None:
    app, client = _client(warehouse_path, elsewhere)
    try:
        html = client.get("/gemeente/GM0758", headers=HTML).text  # Breda
        assert "Wijken (2024)" in html and 'id="wijk-no-map"' not in html
        assert "staan op de kaart" in html
        geo = client.get("/api/v1/geo/wijken/GM0758.geojson")
        assert geo.status_code == 200
        assert all(f["properties"]["code"].startswith("WK0758") for f in geo.json()["features"])
        assert len(geo.json()["features"]) > 5
    finally:
        app.state.wh.close()


def test_no_boundaries_file_is_said_on_the_page(warehouse_path, elsewhere, monkeypatch) -> None:
    from stadstrends.publish.web import wijken

    monkeypatch.setattr(wijken, "WIJK_FILE", Path("geo_elders") / "Wijk_2014.topojson")
    app, client = _client(warehouse_path, elsewhere)
    try:
        page = client.get("/gemeente/GM0758?format=json").json()["wijken"]
        assert page["no_map"] == "geo_elders/Wijk_2014.topojson" and page["drawn"] == []
        assert page["n"] == len(page["missing"]) > 5
        html = client.get("/gemeente/GM0758", headers=HTML).text
        assert "Wijken (2024)" in html and "Geen wijkkaart" in html
        assert "geo_elders/Wijk_2014.topojson" in html and "Niet op de kaart" not in html
        assert page["missing"][0]["name"] in html  # the figures are still in the table
        en = client.get("/gemeente/GM0758?lang=en", headers=HTML).text
        assert "No district map" in en
        geo = client.get("/api/v1/geo/wijken/GM0758.geojson?lang=en")  # Dutch by default
        assert geo.status_code == 404 and "no wijk boundaries" in geo.text
        dutch = client.get("/api/v1/geo/wijken/GM0758.geojson")
        assert dutch.status_code == 404 and "geen wijkgrenzen" in dutch.text
    finally:
        app.state.wh.close()
