"""A municipality compared with a group it is not in (Amsterdam, default group the city set it
is no member of) ranks among the members and itself: the profile's bullets said 'plaats 42
van 41' (Amsterdam's solar installations) where the city page's tile says 'plaats 42 van 42,
deze gemeente meegeteld' (:mod:`stadstrends.publish.group_count`). Real snapshot."""

from __future__ import annotations

import re

from stadstrends.publish.profile import city_profile

PLACE = {"nl": re.compile(r"plaats (\d+) van (?:de )?(\d+)"),
         "en": re.compile(r"rank (\d+) of (?:the )?(\d+)")}


def bullets(profile: dict, lang: str) -> list[str]:
    return [s[f"text_{lang}"] for o in profile["opgaven"] for s in o["top_signals"]]


def test_an_outsiders_place_counts_itself(wh) -> None:
    profile = city_profile(wh, "Amsterdam", lang="en")
    for lang, counted in (("nl", "deze gemeente meegeteld"),
                          ("en", "this municipality included")):
        placed = [t for t in bullets(profile, lang) if PLACE[lang].search(t)]
        assert len(placed) >= 5, placed
        for text in placed:
            rank, n = map(int, PLACE[lang].search(text).groups())
            assert rank <= n and counted in text, text
    # 42 of the 41 members and itself, as the tile
    assert any("plaats 42 van 42, deze gemeente meegeteld (1 = hoogste)" in t
               for t in bullets(profile, "nl")), bullets(profile, "nl")


def test_a_members_place_does_not(wh) -> None:
    profile = city_profile(wh, "Heerlen", lang="en")  # a member of its default group
    placed = [t for t in bullets(profile, "nl") if PLACE["nl"].search(t)]
    assert placed and not any("meegeteld" in t for t in placed), placed
