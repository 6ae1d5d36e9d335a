"""The command-line profile of a municipality outside its comparison group (Utrecht, G4,
compared with the G40 it is not a member of) counts its place out of the members with a
figure and itself, in the city page's words: it printed 'Grijze druk 40/39' and 'Aandeel
65-plussers 42/41' (``group_benchmarks.n`` counts the members only), where the tile says
'plaats 40 van 40, deze gemeente meegeteld'. Real snapshot; the words are the web's
(``web.outsider_counted``), not a copy."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from stadstrends import vocabulary
from stadstrends.publish.profile import city_profile, render_profile


def _rows(wh, query: str, lang: str) -> tuple[dict, str]:
    profile = city_profile(wh, query, lang=lang)
    console = Console(record=True, width=400)  # no row wraps
    render_profile(profile, console, lang)
    return profile, console.export_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_outsiders_place_is_out_of_the_members_and_itself(wh, lang: str) -> None:
    profile, text = _rows(wh, "Utrecht", lang)
    assert profile["group"]["set_id"] == "G40" and profile["group"]["member"] is False
    counted = vocabulary.word(lang, "web", "outsider_counted")
    places = [(i["indicator_id"], int(i["rank"]), int(i["n"])) for d in profile["domains"]
              for i in d["indicators"] if i.get("rank") == i.get("rank") and i.get("rank")]
    # the warehouse: ranked among the members with a figure and Utrecht itself
    for ind, rank, n in places:
        year = next(i["year"] for d in profile["domains"] for i in d["indicators"]
                    if i["indicator_id"] == ind)
        members = wh.execute(
            "SELECT count(*) FROM indicator_values v JOIN comparison_group_members m ON "
            "m.set_id = 'G40' AND m.focal_code IS NULL AND m.region_code = v.region_code "
            "WHERE v.indicator_id = ? AND v.year = ? AND v.value IS NOT NULL",
            [ind, year]).fetchone()[0]
        assert n == members and rank <= n + 1, (ind, rank, n, members)
    grey = next((r, n) for i, r, n in places if i == "grey_pressure")
    assert grey[0] == grey[1] + 1  # the case reported: '40/39'
    shown = re.findall(r"(\d+)/(\d+), " + re.escape(counted), text)
    assert len(shown) >= 10, text
    assert all(int(r) <= int(n) for r, n in shown), shown
    gp = next(i for d in profile["domains"] for i in d["indicators"]
              if i["indicator_id"] == "grey_pressure")
    if not (gp.get("fresh_from") and gp["year"] < gp["fresh_from"]):  # out of date: '–'
        assert f"{grey[0]}/{grey[1] + 1}, {counted} " in text
    assert not re.search(r"\b(\d+)/(\d+) \(med", text), text  # no bare count left
    assert f"{profile['group']['n'] + 1}," in text.split("\n\n")[0]  # the note's number


def test_a_members_place_is_unchanged(wh) -> None:
    profile, text = _rows(wh, "Zwolle", "nl")
    assert profile["group"]["member"] is True
    assert "deze gemeente meegeteld" not in text
    assert re.search(r"\b\d+/\d+ \(med\. ", text)
