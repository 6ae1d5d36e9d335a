"""An empty cell of a page's table says why, and a provisional figure says so (real
warehouse).

* The indicator page's 'Tabel bij de grafiek': Nederland's solar capacity 2012-2015 showed
  '–' without a word (stored ``region_incomplete``: the sum over the municipalities lacks
  those whose cell CBS left empty; now CBS's national figure, so the test reads the share
  of 65-plussers, whose Nederland row CBS left empty), and 2023, provisional, had no mark.
* The city page's wijk table: Velp (WK198201) of Land van Cuijk showed '–' for its WOZ
  value, an empty cell of 85984NED, without a word; the footer credited the wijk boundaries
  of 2014 where no wijk is on a map.
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends import vocabulary
from stadstrends.publish.web import units

HTML = {"accept": "text/html"}
IND = "solar_capacity_per_inhabitant"


def _series_table(page: str, lang: str) -> str:
    """The 'Tabel bij de grafiek' beside the line chart (the one with a column of years)."""
    year = vocabulary.section(lang, "web")["year"]
    start = page.rindex("<details", 0, page.index(f'<th scope="col">{year}</th>'))
    return page[start:page.index("</details>", start)]


def _text(part: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))).strip()


# Noord-Brabant's share of 65-plussers 2010-2017: CBS's 60039fvw lacks some of its
# municipalities (the first case, Nederland's solar capacity 2012-2015, is now CBS's own
# national figure: tests/indicators/test_national_totals.py)
EMPTY = "share_non_western_background"  # 2024 from a cut table (share_age_65_plus
# until session 45, whose empty years of Noord-Brabant became CBS's provincial figures)
PROVINCE = "PV30"  # Noord-Brabant, the province of Land van Cuijk (GM1982)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_series_table_says_why_a_region_is_empty(client, wh, lang) -> None:
    years = [r[0] for r in wh.execute(
        "SELECT year FROM indicator_gaps WHERE indicator_id = ? AND region_code = ? "
        "AND reason = 'region_incomplete' ORDER BY year", [EMPTY, PROVINCE]).fetchall()]
    assert years and min(years) == 2024, years
    table = _series_table(client.get(f"/indicator/{EMPTY}?regions=GM1982&lang={lang}",
                                     headers=HTML).text, lang)
    shown = {int(y) for y in re.findall(r'<th scope="row">(\d{4})</th>', table)}
    years = [y for y in years if y in shown]  # a year no region has a figure for has no row
    labels = [_text(x) for x in re.findall(r'<th scope="col">(.*?)</th>', table)]
    column = next(i for i, x in enumerate(labels) if "Noord-Brabant" in x and "COROP" not in x)
    row = re.search(rf'<th scope="row">{years[0]}</th>(.*?)</tr>', table, re.S).group(1)
    assert _text(re.findall(r"<td[^>]*>(.*?)</td>", row)[column - 1]) == "–"
    said = vocabulary.section(lang, "web")["series_missing"].format(
        region=labels[column], years=_text(str(units.spans(years))),
        reason=vocabulary.word(lang, "reasons", "region_incomplete"))
    assert said in _text(table), _text(table)[-600:]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_series_table_marks_a_provisional_figure(client, wh, lang) -> None:
    marked = {r[0]: r[1] for r in wh.execute(
        "SELECT year, bool_and(provisional) FROM indicator_values WHERE indicator_id = ? AND "
        "region_code = 'GM1982' GROUP BY 1", [IND]).fetchall()}
    last = max(marked)
    assert marked[last] and not marked[last - 1]  # 2023 provisional, 2022 not
    table = _series_table(client.get(f"/indicator/{IND}?regions=GM1982&lang={lang}",
                                     headers=HTML).text, lang)
    word = vocabulary.section(lang, "web")["provisional"]
    cells = {y: re.findall(r"<td[^>]*>(.*?)</td>", re.search(
        rf'<th scope="row">{y}</th>(.*?)</tr>', table, re.S).group(1)) for y in (last, last - 1)}
    assert f"({word})" in _text(cells[last][0]), cells[last]
    assert all(f"({word})" not in _text(c) for c in cells[last - 1]), cells[last - 1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_empty_wijk_cell_says_why_and_no_map_credits_no_boundaries(client, wh, lang):
    status = wh.execute("SELECT status, value FROM raw_observations WHERE table_id = '85984NED'"
                        " AND region_code = 'WK198201' AND year = 2024 AND measure = "
                        "'GemiddeldeWOZWaardeVanWoningen_39'").fetchone()
    assert status == ("missing", None)
    page = client.get(f"/gemeente/GM1982?lang={lang}", headers=HTML).text
    section = page[page.index('id="wijk-h"'):]
    section = section[:section.index("</section>")]
    assert 'id="wijk-none-drawn"' in section  # no wijk of Land van Cuijk on the map
    row = _text(re.search(r'<th scope="row">Velp</th>(.*?)</tr>', section, re.S).group(1))
    why = vocabulary.word(lang, "reasons", "missing_in_source")
    assert row.startswith(f"– ({why})"), row
    words = vocabulary.section(lang, "web")
    assert words["wijken_source_table"] in _text(section)
    assert "PDOK" not in section
    # a city with wijken on the map credits the boundaries (Amersfoort)
    drawn = client.get(f"/gemeente/GM0307?lang={lang}", headers=HTML).text
    assert 'id="wijkmap"' in drawn and _text(words["wijken_source"]) in _text(drawn)
