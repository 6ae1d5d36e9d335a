"""A figure prints alike in the report's sentence and on the city tile (the real snapshot):
one precision, the indicator's catalogue decimals. Deventer's share of 65-plussers read
'19,25% in 2024 ... van 17,23% in 2017 (+2,02 procentpunt) ... (19,25% tegen 19,34%)' in the
report and '19,3%', '+2,1 %-punt' on its tile; Zwolle's population growth '−0,85' and '−0,8'.
The report printed the sentence two decimals finer where the figure and its group's median
print alike at one; now it gives the median alone ('rond de mediaan van de G40 (19,3%)') and
prints what the tile prints. On the whole snapshot (342 municipalities, default groups, nl,
every tile against its indicator's report sentence) 232 of 22 143 latest figures and 59 of
5 944 changes printed otherwise in the report before session 54, none after."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

NUMBER = re.compile(r"[−+-]?\d[\d.,]*\d|[−+-]?\d")
CASES = {("GM0150", "share_age_65_plus"): ("19,3%", "+2,1 %-punt", "+2,1 procentpunt"),
         ("GM0193", "population_growth_pct"): ("0,3%", "−0,8 %-punt", "−0,8 procentpunt")}


def _tiles(client, code: str, lang: str) -> dict[str, dict]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    page = page.get("page", page)
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


def _said(wh, code: str, lang: str) -> dict[str, object]:
    """indicator -> its domain sentence in the report."""
    ctx = builder.city_context(kept_city(wh, code), lang, None)
    return {s.indicator_id: s for d in ctx["domains"] for s in d["sentences"]}


@pytest.mark.parametrize(("code", "ind"), list(CASES))
def test_the_reported_figure_and_change_are_the_tiles(client, wh, code, ind) -> None:
    value, change, words = CASES[code, ind]
    tile = _tiles(client, code, "nl")[ind]
    assert tile["value"] == value and tile["change"].startswith(change), tile
    said = _said(wh, code, "nl")[ind].text
    assert f"{value} in " in said and f"({words}" in said, said
    assert f"rond de mediaan van de G40 ({value})" in said, said
    assert not re.search(r"\d,\d\d%", said), said  # no figure finer than the tile's


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", ["GM0150", "GM0193"])
def test_every_tile_figure_prints_as_in_the_report(client, wh, code, lang) -> None:
    """Each tile's latest figure and its change as the report's sentence cites them."""
    tiles, said = _tiles(client, code, lang), _said(wh, code, lang)
    compared, wrong = 0, []
    for ind, tile in tiles.items():
        s = said.get(ind)
        if s is None or not tile["value"] or tile["value"] == "–":
            continue
        for c in s.cites:
            if c.region_code != code:
                continue
            if c.field in ("value", "last_value") and c.year == int(tile["year"]):
                compared += 1
                if NUMBER.search(c.shown).group() != NUMBER.search(tile["value"]).group():
                    wrong.append((ind, c.shown, tile["value"]))
            elif c.field == "abs_change" and tile["change"] and NUMBER.match(tile["change"]):
                compared += 1
                if c.shown.lstrip("+") != NUMBER.match(tile["change"]).group().lstrip("+"):
                    wrong.append((ind, c.shown, tile["change"]))
    assert compared >= 20 and not wrong, (compared, wrong)
