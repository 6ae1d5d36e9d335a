"""A difference the city page prints beside the figures it is the difference of agrees with
them as printed, and carries their unit. The tweedeling said Barneveld's population growth
'1,2%' against its ommeland's '0,7%' is '0,6 %-punt hoger' (the unrounded difference; a
reader computes 0,5), Hengelo's '0,5%' against '0,4%' '0,0 %-punt hoger'; a tile said
Groningen's births fell '−1,9' beside '7,8 per 1 000 inwoners'. Real snapshot: every
municipality's latest gap of every indicator, and the tiles of a few city pages."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.web import units
from stadstrends.publish.web.gap_text import gap_row

POINT = {"nl": ",", "en": "."}  # the decimal sign; the other one groups thousands
NUMBER = r"[−+-]?\d[\d.,]*\d|[−+-]?\d"
WORDS = {"nl": ("hoger", "lager"), "en": ("higher", "lower")}


def _number(text: str, lang: str) -> tuple[float, int]:
    """'−1.264,5' (Dutch), '−1,264.5' (English) -> (-1264.5, 1 decimal)."""
    other = "." if lang == "nl" else ","
    plain = text.replace(other, "")
    digits = len(plain.split(POINT[lang], 1)[1]) if POINT[lang] in plain else 0
    return float(plain.replace(POINT[lang], ".").replace("−", "-")), digits


def _gap_rows(wh) -> list[dict]:
    """Every current municipality's latest gap with its ommeland of every indicator the
    tweedeling can show (no counts, no projections), as :func:`~stadstrends.publish.web.data.
    city_gaps` reads it."""
    cur = wh.execute("""
        SELECT g.region_code, r.name, g.indicator_id, i.title_nl, i.title_en, i.unit,
               i.signed, i.decimals, g.year, g.city_value, g.ommeland_value, g.ratio
        FROM region_gaps g JOIN indicators i USING (indicator_id)
        JOIN regions r ON r.region_code = g.region_code AND r.valid_to IS NULL
                      AND r.level = 'gemeente'
        WHERE i.method <> 'count' AND NOT i.projection
        QUALIFY g.year = max(g.year) OVER (PARTITION BY g.region_code, g.indicator_id)""")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_gap_is_the_difference_of_the_printed_figures(wh, lang: str) -> None:
    """Each tweedeling row whose gap is a difference ('0,5 %-punt hoger', '2,0 %-punt
    (relatief 29%) hoger', '3,1 per 1 000 inwoners lager'): its size is the city's printed
    figure less the ommeland's, its word their order, its unit theirs. On the snapshot
    1 100 of them failed: 352 printed the unrounded difference (85 of population growth:
    Hengelo's 0,5% against 0,4% '0,0 %-punt hoger'; Emmen's net migration 9,8 against 6,3
    per 1 000 inwoners '3,6 hoger'), the balances per 1 000 without their unit."""
    higher, lower = WORDS[lang]
    checked, wrong = 0, []
    for row in _gap_rows(wh):
        g = gap_row({**row, "harmonised": False, "recomputed": False}, lang, row["name"])
        found = re.match(rf"({NUMBER})(.*?)(?: \(.*\))? ({higher}|{lower})$", g["gap"])
        if not found or "%" in found.group(2).replace(units.POINTS[lang]["short"], ""):
            continue  # a relative gap alone ('12% hoger'), 'gelijk', '–'
        city = re.match(NUMBER, g["city"].lstrip("≈ "))
        omm = re.match(NUMBER, g["ommeland"].lstrip("≈ "))
        (a, da), (b, db) = _number(city.group(), lang), _number(omm.group(), lang)
        size, digits = _number(found.group(1), lang)
        unit = units.POINTS[lang]["short"] if row["unit"] == "%" else \
            g["city"][city.end():].strip(" *°")  # '%-punt', 'per 1 000 inwoners'
        checked += 1
        if round(abs(a - b), max(da, db)) != size or digits != max(da, db) \
                or (a > b) != (found.group(3) == higher) or found.group(2).strip() != unit:
            wrong.append((row["region_code"], row["indicator_id"], g["city"], g["ommeland"],
                          g["gap"]))
    assert checked > 8_000, checked
    assert not wrong, (len(wrong), wrong[:10])


def _plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u2060", "")).strip()


@pytest.mark.parametrize("code", ["GM0014", "GM0193", "GM0060"])
def test_a_tile_change_carries_the_unit_of_its_figure(client, code: str) -> None:
    """Every tile's change ('· −1,9 per 1 000 inwoners 2016–2023') ends in the unit its
    figure ('7,8 per 1 000 inwoners') prints with; percentages in percentage points
    ('+0,9 %-punt'). Before, 20 of the 59 tiles of Groningen printed a bare number."""
    page = client.get(f"/gemeente/{code}", headers={"accept": "text/html"}).text
    seen = 0
    for tile in re.findall(r'<li class="tile[^"]*">(.*?)</li>', page, re.S):
        big = re.search(r'<p class="big">(.*?)<span class="year">', tile, re.S)
        status = re.search(r'<p class="status">(.*?)</p>', tile, re.S)
        found = status and re.search(rf"· ({NUMBER})(.*?) \d{{4}}–\d{{4}}",
                                     _plain(status.group(1)))
        if not (big and found) or re.search("trendlijn|trend line", status.group(1)):
            continue  # a change along the trend line: its slope 'per jaar' (trend_line.py)
        value = _plain(big.group(1))
        unit = re.sub(rf"^≈?\s*({NUMBER})\s*", "", value).rstrip("*°")
        after = re.sub(r"\s*\(.*\)$", "", found.group(2)).strip()  # '(+5,7%)'
        want = "%-punt" if unit == "%" else unit
        assert after == want, (code, value, found.group(0))
        seen += 1
    assert seen > 30, seen
