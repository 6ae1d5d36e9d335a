"""The indicator page's table of a year and the tooltips of its map and lines mark a figure in
the one form of the tiles, the ranking and the report: one bracket, the tiles' words, ', '
between them (real snapshot; session 49's h49e and the ranking page, lead).

Before, the table put 'voorlopig' in a bracket of its own and the tooltips joined the long
notes with '; ' and said nothing of 'voorlopig' or of a count CBS rounds coarsely: Vlieland's
thefts per 1 000 of 2024 read '23,9 (voorlopig) (berekend door Stadstrends uit het aantal:
het CBS publiceert geen cijfer per 1 000 inwoners)' in the table where its ranking row and
its tile say '(voorlopig, door Stadstrends berekend uit afgerond aantal)' (h50l: one
'berekend'; the table's rows leave out the 'voorlopig' of their caption '(2024, voorlopig)').
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.sentence_words import WORDS

VLIELAND = "GM0096"
PAGE = "/indicator/thefts_per_1000?year=2024&regions=GM0096"


def _vlieland_bracket(lang: str) -> str:
    w = WORDS[lang]
    return "(" + ", ".join([w["provisional"], w["recomputed_coarse_short"]]) + ")"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_table_and_map_mark_each_figure_as_its_ranking_row(client, lang) -> None:
    page = client.get(f"{PAGE}&lang={lang}&format=json").json()
    ranked = client.get(f"/ranglijst?indicator=thefts_per_1000&year=2024&lang={lang}"
                        "&format=json").json()
    marks = {r["region_code"]: r["marks"] for r in ranked["rows"] if r["value"] is not None}
    notes = {v["region_code"]: v["note"] for v in page["map_values"]}
    # the table's cells and the ranking's rows leave out the 'voorlopig' their caption says
    # for all (h51d): the same bracket (or none) for all 342 municipalities
    assert ranked["year_shown"] == page["year_shown"] == f"2024, {WORDS[lang]['provisional']}"
    assert {v["region_code"]: v["cell_note"] for v in page["map_values"]} == marks
    assert notes[VLIELAND] == _vlieland_bracket(lang)
    assert sum(bool(n) for n in notes.values()) >= 300  # 2024 is provisional for all
    lookup = page["map_spec"]["transform"][0]["from"]["data"]["values"]
    for v in lookup:  # the map's tooltip: the figure, then its one bracket with its year
        note = notes[v["region_code"]]
        assert v["shown"].endswith(f" (2024, {note[1:]}" if note else " (2024)"), v
    text = html.unescape(client.get(f"{PAGE}&lang={lang}",
                                    headers={"accept": "text/html"}).text).replace("\xa0", " ")
    cell = "(" + WORDS[lang]["recomputed_coarse_short"] + ")"  # the caption says 'voorlopig'
    assert f'<span class="year">{cell}</span></td>' in text
    assert not re.search(r'</span> <span class="year">\(', text)  # never two brackets


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_lines_tooltips_give_one_bracket(client, lang) -> None:
    """Vlieland's line with its COROP region, province and Nederland: its 2024 in the same
    bracket as the table; no tooltip joins its marks with '; '."""
    page = client.get(f"{PAGE}&lang={lang}&format=json").json()
    points = page["line_spec"]["data"]["values"]
    vlieland = {p["year"]: p["shown"] for p in points if p["name"] == "Vlieland"}
    assert vlieland[2024].endswith(f" {_vlieland_bracket(lang)}"), vlieland[2024]
    assert not [p for p in points if "; " in p["shown"] or ") (" in p["shown"]]
    provisional = WORDS[lang]["provisional"]
    assert all((f"({provisional}" in p["shown"]) == (p["year"] == 2024) for p in points
               if p["name"] == "Vlieland")
