"""The city page, its opgave cards and the profile API name the same Kies richting
(``kies_richting``): Schiermonnikoog's new dwellings of 2023, a rounded 0 of one year
with no significant trend, and its cleared crimes of 2024, 13,6% of 20 crimes that one cleared
crime more lifts past GK1's p25, are no urgent task on any of them (``signal_kies``)."""

from __future__ import annotations

NEW = "new_construction_per_1000_dwellings"


def test_schiermonnikoogs_page_and_api_name_no_urgent_new_dwellings(client) -> None:
    page = client.get("/gemeente/GM0088?format=json").json()
    api = client.get("/api/v1/profile/GM0088").json()
    for key in ("urgent_tasks", "distinctive_strengths"):
        listed = [k["indicator_id"] for k in page["kies_richting"][key]]
        assert listed == [k["indicator_id"] for k in api["kies_richting"][key]]
        assert NEW not in listed and "crimes_cleared_share" not in listed
    assert page["kies_richting"]["urgent_tasks"]  # its other tasks stay
    housing = next(o for o in page["opgaven"] if o["id"] == "wonen")
    assert "Nieuwbouw" not in housing["kies"]
