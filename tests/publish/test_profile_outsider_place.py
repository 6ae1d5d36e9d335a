"""Amsterdam's profile bullets. A municipality compared with a group it is not in (its default
group, the city set it is no member of) ranks among the members and itself: the bullets said
'plaats 42 van 41' (Amsterdam's solar installations) where the city page's tile says 'plaats
42 van 42, deze gemeente meegeteld' (:mod:`stadstrends.publish.group_count`); and a trend's
start recalculated for today's boundaries says so. Real snapshot."""

from __future__ import annotations

import re

from stadstrends.publish.harmonised import marked_years
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


def test_a_trends_recalculated_start_is_marked(wh) -> None:
    """Amsterdam's solar installations of 2016 are Stadstrends' estimate for today's
    boundaries (with Weesp: 6,9 against CBS's 6,6 for Amsterdam then); the bullet's trend
    start says 'omgerekend' as the tile does (it said the bare 6,9)."""
    code = "GM0363"
    assert 2016 in marked_years(wh, code, "harmonised")["solar_installations_per_1000"]
    profile = city_profile(wh, "Amsterdam", lang="en")
    text = next(s for o in profile["opgaven"] for s in o["top_signals"]
                if s["indicator_id"] == "solar_installations_per_1000")
    assert "sinds 2016 gestegen van 6,9 per 1 000 inwoners (omgerekend)" in text["text_nl"], text
    assert "since 2016 from 6.9 per 1,000 inhabitants (recalculated)" in text["text_en"], text
