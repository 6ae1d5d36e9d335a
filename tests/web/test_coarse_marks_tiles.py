"""The city page's tile and the profile's table mark a figure on a count CBS rounds coarsely
for the city as the report's front page does, 'berekend uit afgerond aantal' (real snapshot):
Schiermonnikoog's jobs per 1 000 inhabitants of 2023 (0,6 thousand jobs in 83582NED)."""

from __future__ import annotations

from stadstrends.publish.profile_parts import domain_part
from stadstrends.publish.rounding import coarse_years, rounded_zeros
from stadstrends.publish.sentence_words import figure_marks

WORD = "berekend uit afgerond aantal"
ZERO = "berekend uit een op 0 afgerond aantal"


def test_profile_and_tile_mark_the_same_years(wh, client) -> None:
    coarse = coarse_years(wh, "GM0088")
    rows = {r["indicator_id"]: r for d in domain_part(wh, "GM0088", "CR04")
            for r in d["indicators"]}
    # a quotient of Stadstrends too: 'door Stadstrends berekend uit afgerond aantal' (h50l)
    assert any(WORD in m for m in figure_marks(rows["job_ratio"], rows["job_ratio"]["year"],
                                               "nl"))
    body = client.get("/gemeente/GM0088?lang=nl&format=json").json()
    tiles = {x["indicator_id"]: x for d in body["domains"] for x in d["tiles"]}
    assert WORD in tiles["job_ratio"]["marks"]
    zeros = rounded_zeros(wh, "GM0088")  # a count rounded to 0 has its own words (h47g)
    for i, x in tiles.items():  # every tile of a coarse year says so, no other
        if x["year"] in zeros.get(i, ()):
            assert any(ZERO in m for m in x["marks"]) and not any(
                WORD in m for m in x["marks"]), (i, x["marks"])
        elif x["year"] in coarse.get(i, ()):  # or 'door Stadstrends berekend uit ...' (h50l)
            assert any(WORD in m for m in x["marks"]), (i, x["marks"])
