"""Three marks on the site's tables, found by a tester (real snapshot; h50l).

1. 'berekend' twice in one bracket: Vlieland's thefts per 1 000 of 2024 read '(voorlopig,
   berekend door Stadstrends, berekend uit afgerond aantal)'; both marks now join into one,
   '(voorlopig, door Stadstrends berekend uit afgerond aantal)' (sentence_words.flag_words).
2. The year x region table under the line chart marked '*' and '°' but not a figure on a
   count CBS rounds coarsely: Deventer's demolitions per 1 000 dwellings of 2017, '0,8'
   bare while its tooltip and the CSV said so. Now '‡' with its legend line.
3. The table of a year whose caption says '(2024, voorlopig)' repeated '(voorlopig)' in every
   one of its 342 rows; the rows now keep only their other marks.
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.figure_notes import COARSE_MARK
from stadstrends.publish.rounding import coarse_cells
from stadstrends.publish.sentence_words import WORDS

WORD = {"nl": "berekend", "en": "computed"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_bracket_says_computed_twice(client, lang) -> None:
    ranked = client.get(f"/ranglijst?indicator=thefts_per_1000&year=2024&lang={lang}"
                        "&format=json").json()
    marks = {r["region_code"]: r["marks"] for r in ranked["rows"] if r["value"] is not None}
    w = WORDS[lang]
    # 'voorlopig' once in the heading, every 2024 figure being provisional (h51d)
    assert ranked["year_shown"] == f"2024, {w['provisional']}"
    assert marks["GM0096"] == f"({w['recomputed_coarse_short']})"
    assert {"nl": "(door Stadstrends berekend uit afgerond aantal)",
            "en": "(computed by Stadstrends from a rounded count)"}[lang] \
        == marks["GM0096"]
    assert [c for c, m in marks.items() if m.count(WORD[lang]) > 1] == []
    tiles = client.get(f"/gemeente/GM0096?lang={lang}&format=json").json()
    shown = [x["marks"] for d in tiles["domains"] for x in d["tiles"]]
    assert any(w["recomputed_coarse_short"] in m for m in shown)
    assert [m for m in shown if m.count(WORD[lang]) > 1] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_year_table_marks_a_coarse_count(client, wh, lang) -> None:
    ind, code = "demolition_per_1000_dwellings", "GM0150"
    page = client.get(f"/indicator/{ind}?regions={code}&lang={lang}&format=json").json()
    table = page["series_table"]
    col = next(i for i, c in enumerate(table["columns"]) if c == "Deventer")
    marked = {r["year"] for r in table["rows"] if COARSE_MARK in r["marks"][col]}
    flagged = {y for c, y in coarse_cells(wh, ind) if c == code}  # the CSV's rounded_count
    assert 2017 in flagged and marked == flagged, (marked, flagged)
    assert f"{COARSE_MARK} {WORDS[lang]['coarse_legend']}" in table["notes"]
    assert not any(COARSE_MARK in m for r in table["rows"] for m in r["marks"][:col]
                   + r["marks"][col + 1:])  # COROP, province, Nederland: no count of theirs
    body = html.unescape(client.get(f"/indicator/{ind}?regions={code}&lang={lang}",
                                    headers={"accept": "text/html"}).text)
    assert re.search(r'<th scope="row">2017</th>\s*<td class="num">[^<]*' + COARSE_MARK, body)
    assert f'<p class="note">{COARSE_MARK} ' in body


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_provisional_caption_is_not_repeated_in_its_rows(client, lang) -> None:
    path = f"/indicator/thefts_per_1000?year=2024&lang={lang}"
    page = client.get(path + "&format=json").json()
    prov = WORDS[lang]["provisional"]
    assert page["year_shown"] == f"2024, {prov}"
    values = page["map_values"]
    assert len(values) >= 340 and all(v["provisional"] for v in values)
    body = html.unescape(client.get(path, headers={"accept": "text/html"}).text)
    table = body.split('<table class="utrecht-table utrecht-table--html-table values">')[1]
    table = table.split("</table>")[0]
    assert f"(2024, {prov})</caption>" in table
    assert f"({prov}" not in table.split("</caption>")[1]
    w = WORDS[lang]
    assert f'<span class="year">({w["recomputed_coarse_short"]})</span>' in table  # Vlieland
    assert all(prov in v["note"] for v in values)  # the map's tooltips keep it
