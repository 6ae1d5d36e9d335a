"""A G4 city's default report compares it with the G40, as an outsider (regions/groups.yaml:
the first rule whose group has at least ``min_members`` members, its also_compare groups
counting), so it has quarters, group verdicts and a Kies richting; on the real snapshot.

Before: the four were compared with the G4 (4 members, as their size group GK8), among
fewer than six no quarter or label is given, and their default reports said 'Deze groep telt
maar 4 gemeenten ... geen sterktes of opgaven' with an empty Kies richting."""

from __future__ import annotations

import pytest

from stadstrends.publish.positions import MIN_QUARTER_N
from stadstrends.publish.report import builder, sections
from tests.publish.loaded import kept_city

G4 = ["GM0363", "GM0599", "GM0518", "GM0344"]  # Amsterdam, Rotterdam, Den Haag, Utrecht
OUTSIDE = {"nl": "{city}, dat er zelf niet bij hoort", "en": "{city}, which is not a member"}
METHOD = {"nl": "de G40 (41 gemeenten; {city} hoort er zelf niet bij)",
          "en": "the G40 (41 municipalities; {city} is not a member)"}


@pytest.mark.parametrize("code", G4)
def test_a_g4_city_default_report_has_kies_richting(wh, code: str) -> None:
    members = {r[0] for r in wh.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G4'").fetchall()}
    assert set(G4) == members
    data = kept_city(wh, code)
    group = data.group
    assert group["is_default"] and group["n"] >= MIN_QUARTER_N, group
    assert (group["set_id"], group["member"]) == ("G40", False)  # 41 members, as outsider
    # more than six with a figure on most indicators, and on every label's
    figures = [r["n"] for r in data.latest.values() if r.get("n") is not None]
    assert max(figures) >= MIN_QUARTER_N
    assert data.kies and all(r["n"] >= MIN_QUARTER_N for r in data.kies)
    for lang in ("nl", "en"):
        direction = sections.direction(data, lang)
        assert sum(len(g["items"]) for g in direction["groups"]) == len(data.kies)
        # the cover and the method say it is compared without being a member
        ctx = builder.city_context(data, lang, None)
        line = ctx["front"]["group_line"]
        assert OUTSIDE[lang].format(city=data.name) in line, line
        assert METHOD[lang].format(city=data.name) in ctx["acc"]["intro"]
