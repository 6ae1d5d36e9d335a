"""The divide section's summary says which way its gaps changed sides: before session 53
Deventer's read 'bij 1 wisselt het significant van kant (lag Deventer eerst hoger en nu
lager, of omgekeerd)' where the warehouse knew which (``region_gap_trends``: a crossing's
first and last gaps lie on opposite sides; Deventer's business establishments lay behind
its ommeland and now lie ahead)."""

from __future__ import annotations

from stadstrends.publish.report import sections
from tests.publish.loaded import kept_city

CITIES = ("GM0150", "GM0363", "GM0344", "GM0599", "GM0153", "GM0014", "GM0202", "GM0034")


def test_the_summary_says_which_way(wh) -> None:
    seen = set()
    for code in CITIES:
        said = {}
        for lang in ("nl", "en"):
            data = kept_city(wh, code).in_language(lang)
            said[lang] = " ".join(sections.divide(data, lang)["city_region"]["summary"].split())
        crossed = [g for g in sections._comparable(data).values()
                   if g["classification"] == "crossing"]
        up = sum(g["last_pct"] > 0 for g in crossed)
        down = len(crossed) - up
        nl, en = said["nl"], said["en"]
        assert "of omgekeerd" not in nl and "or the reverse" not in en, code
        if up and down:
            assert f"(bij {down} lag " in nl and f", bij {up} eerst lager en nu hoger)" in nl, nl
            assert f"(for {down} " in en, en
            seen.add("both")
        elif up:
            assert "eerst lager en nu hoger)" in nl and "was lower and is now higher)" in en, nl
            seen.add("up")
        elif down:
            assert "eerst hoger en nu lager)" in nl and "was higher and is now lower)" in en, nl
            seen.add("down")
        if code == "GM0150":
            assert "(lag Deventer eerst lager en nu hoger)" in nl, nl
    assert seen & {"up", "down"}, seen
