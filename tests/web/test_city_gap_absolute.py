"""The city page's tweedeling row of a gap trend that shrinks relatively while city -
ommeland as printed grew (``region_gap_trends.abs_against``): Dijk en Waard's solar capacity
per inhabitant, 60% -> 42% above the ommeland, +62 -> +399 Wp per inhabitant in 2016-2023,
says both and no verdict ('voorsprong slinkt significant (ongunstig)' before); the profile
API's tweedeling rows carry the code and the printed differences."""

from __future__ import annotations


def test_dijk_en_waards_solar_row_says_relative_and_absolute(client) -> None:
    page = client.get("/gemeente/GM1980?format=json").json()
    gaps = page["page"]["gaps"] if "page" in page else page["gaps"]
    rows = {g["indicator_id"]: g for g in gaps}
    trend = rows["solar_capacity_per_inhabitant"]["trend"]
    assert trend.startswith("de voorsprong van Dijk en Waard is relatief significant kleiner")
    assert ": van +62 in 2016 naar +399 Wp per inwoner in 2023" in trend
    assert "gunstig" not in trend  # neither 'ongunstig' nor 'gunstig'


def test_the_profile_apis_rows_carry_the_code(client) -> None:
    profile = client.get("/api/v1/profile/GM1980").json()
    rows = {r["indicator_id"]: r for r in profile["tweedeling"]}  # its key indicators
    r = rows["solar_capacity_per_inhabitant"]
    assert (r["movement"], r["valence"], r["abs_against"]) == (
        "lead_shrinking", "neutral", "larger")
    assert (r["printed_first_gap"], r["printed_last_gap"]) == (62.0, 399.0)
    signals = [s for o in profile["opgaven"] for s in o["top_signals"]
               if s["indicator_id"] == "solar_installations_per_1000"
               and s["kind"].startswith("gap_")]
    assert signals and all(s["movement"] == "lead_shrinking_rel" and s["valence"] == "neutral"
                           and "in absolute zin groter" in s["text_nl"] for s in signals)
