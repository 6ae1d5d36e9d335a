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


def test_a_median_printed_as_the_figure_is_printed_finer_with_it(client) -> None:
    """Zwolle's population growth of 2025, 0.252% at place 26 of 41 beside a G40 median of
    0.320%: 'plaats 26 van 41 · mediaan 0,3%' beside its '0,3%' read as equal (the report said
    'gelijk aan de mediaan'); now both finer, as the report. Its place is 20, shared with the
    members printed '0,3%' (ranks as printed: tests/analysis/test_printed_ranks.py)."""
    page = client.get("/gemeente/GM0193?format=json").json()
    page = page.get("page", page)
    tile = next(t for d in page["domains"] for t in d["tiles"]
                if t["indicator_id"] == "population_growth_pct")
    assert "plaats 20 van 41" in tile["position"]
    assert tile["position"].endswith("0,25% tegen een mediaan van 0,32%"), tile["position"]
