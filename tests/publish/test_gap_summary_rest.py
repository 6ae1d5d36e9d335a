"""The tweedeling's summary counts the moving gaps with no good or bad direction in the
number it has: Leeuwarden's report said 'ongunstig: 1; de overige indicatoren hebben geen
goede of slechte richting' of one indicator left. The English said 'how many percent
Leeuwarden is higher or lower'. Real snapshot."""

from __future__ import annotations

from stadstrends.publish.report import sections
from tests.publish.loaded import connect, kept_city


def test_the_rest_of_the_moving_gaps_in_their_number(warehouse_path) -> None:
    seen = set()
    with connect(warehouse_path) as con:
        for city in ("Leeuwarden", "Zwolle", "Utrecht", "Groningen", "Deventer", "Ede"):
            data = kept_city(con, city)
            moving = [g for g in sections._comparable(data).values()
                      if g.get("classification") in sections.gv.MOVING]
            rest = sum(g.get("valence") not in ("favourable", "adverse") and not (
                g.get("abs_against") and g.get("movement") not in sections.gv.NEUTRAL_MOVES)
                for g in moving)  # relative only: said apart (gap_summary_rel)
            nl = sections.divide(data.in_language("nl"), "nl")["city_region"]["summary"]
            en = sections.divide(data.in_language("en"), "en")["city_region"]["summary"]
            if not moving:
                continue
            seen.add(rest if rest < 2 else 2)
            assert ("de overige indicator heeft" in nl) == (rest == 1), (city, rest, nl)
            assert ("the other indicator has" in en) == (rest == 1), (city, rest, en)
            assert (f"de overige {rest} indicatoren hebben" in nl) == (rest > 1), (city, nl)
            assert ("; de overige " in nl) == (rest > 0), (city, rest, nl)
            assert "how many percent" not in en and "by what percentage" in en, en
            if city == "Leeuwarden":
                assert rest == 1 and "ongunstig: 1; de overige indicator heeft geen goede " \
                    "of slechte richting." in nl, nl
    assert 1 in seen, seen
