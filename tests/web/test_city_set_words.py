"""The web names the city set it benchmarks (tagline, heatmap, the indicator page's median
and distribution, the API's ``in_city_set``) from the build settings, never from code: a
warehouse built with another city set says that set's name everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}
INDICATOR = "/indicator/unemployment_rate?regions=GM0193"


def _words(client: TestClient) -> dict[str, str]:
    return {"home": client.get("/", headers=HTML).text,
            "indicator": client.get(INDICATOR, headers=HTML).text,
            "indicator_en": client.get(INDICATOR + "&lang=en", headers=HTML).text}


def test_the_default_city_set_is_named(syn_client) -> None:
    pages = _words(syn_client)
    assert "G40-overzicht" in pages["home"]  # the tagline names no set: every page serves
    assert "Trends in Nederlandse gemeenten" in pages["home"]  # every municipality
    assert "G40-mediaan" in pages["indicator"]
    assert "Spreiding over de G40" in pages["indicator"]
    assert "G40 median" in pages["indicator_en"]
    assert "Distribution across the G40" in pages["indicator_en"]
    assert not any("{city_set}" in text for text in pages.values())


@pytest.fixture(scope="module")
def g4_client(tmp_path_factory: pytest.TempPathFactory):
    """The app on a synthetic warehouse built with ``city_set: G4``."""
    from stadstrends.publish.web.app import create_app
    from stadstrends.settings import load_settings
    from stadstrends.warehouse.build import build_warehouse
    from tests.fixtures.synthetic_warehouse import (
        read_synthetic,
        synthetic_catalogue,
        synthetic_regions,
    )

    path = tmp_path_factory.mktemp("g4") / "stadstrends.duckdb"
    folder = Path(path).parent / "synthetic-snapshot"
    folder.mkdir()
    build_warehouse(path, read_synthetic, folder, catalogue=synthetic_catalogue(),
                    origin="snapshot", regions=synthetic_regions,
                    settings=load_settings(city_set="G4"))
    app = create_app(path, None, warm=False)
    with TestClient(app) as client:
        yield client
    app.state.wh.close()


def test_another_city_set_is_named_from_the_build(g4_client) -> None:
    pages = _words(g4_client)
    assert "G4-overzicht" in pages["home"]
    assert "G4-mediaan" in pages["indicator"] and "Spreiding over de G4" in pages["indicator"]
    assert "G4 median" in pages["indicator_en"]
    for text in pages.values():
        assert not any(w in text for w in ("G40-steden", "G40-overzicht", "G40-mediaan",
                                           "over de G40", "G40 median", "the G40"))
    body = g4_client.get("/api/v1/indicators/population/values?year=2023").json()
    members = {v["region_code"] for v in body["values"] if v["in_city_set"]}
    assert body["city_set"] == "G4" and members == {"GM0363", "GM0518"}  # Amsterdam, Den Haag
