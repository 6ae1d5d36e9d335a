"""A tile's group median is never printed as the city's figure while the two differ (the real
snapshot): Hollands Kroon's gas use per dwelling in 2023, 970 m³ beside a median of 965 m³,
printed 'mediaan 970 m³' (tests/publish/test_median_beside_value.py: the report)."""

from __future__ import annotations

IND = "gas_use_per_dwelling"


def test_the_tile_prints_the_median_apart_from_the_figure(client) -> None:
    page = client.get("/gemeente/GM1911?format=json").json()
    page = page.get("page", page)
    tile = next(t for d in page["domains"] for t in d["tiles"] if t["indicator_id"] == IND)
    assert tile["value"] == "970 m³"
    assert tile["position"].endswith("mediaan 965 m³"), tile["position"]
