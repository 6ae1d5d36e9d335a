"""The home page shows the year and the marks of its figures without hovering, in the words
the ranking and the tiles use (:func:`stadstrends.publish.sentence_words.marked_year`):
the heatmap's columns and its table say '(2019, verouderd)' for 'Voelt zich weleens
onveilig' (its colours are positions of 2019), and the map of 2023's incomes says
'voorlopig' in its title, legend and table, as /ranglijst marks every such value. Real
snapshot."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.read import fresh_from
from stadstrends.publish.web.page_parts import map_year_shown

HTML = {"accept": "text/html"}
WORDS = {"nl": ("verouderd", "voorlopig"), "en": ("out of date", "provisional")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_heatmap_column_says_its_year_and_marks(client, wh, lang: str) -> None:
    stale, provisional = WORDS[lang]
    page = client.get(f"/?format=json&lang={lang}").json()
    cells = [d for d in page["heat_spec"]["data"]["values"] if d["kind"] != "none"]
    columns = {i["title"]: i for i in page["heat_indicators"]}
    for title, column in columns.items():
        years = sorted({d["year_shown"] for d in cells if d["ind"] == title})
        assert column["year_shown"] == "; ".join(years), (title, column["year_shown"])
    cur = wh.execute("SELECT * FROM build_info")
    fresh = fresh_from(dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True)))
    codes = [r["region_code"] for r in page["heat_rows"]]
    unsafe = wh.execute("SELECT max(year) FROM benchmark_latest WHERE indicator_id = "
                        "'feels_unsafe_share' AND list_contains(?, region_code)",
                        [codes]).fetchone()[0]
    assert unsafe < fresh  # the safety survey's last year is stale in this snapshot
    safety = next(i for i in page["heat_indicators"] if i["indicator_id"] == "feels_unsafe_share")
    assert safety["year_shown"] == f"{unsafe}, {stale}"
    axis = page["heat_spec"]["encoding"]["x"]["axis"]["labelExpr"]
    assert f" ({unsafe}, {stale})" in axis and safety["title"] in axis
    text = html.unescape(client.get(f"/?lang={lang}", headers=HTML).text)
    table = re.search(r'<table class="utrecht-table utrecht-table--html-table heat">(.*?)'
                      r"</thead>", text, re.S).group(1)
    assert re.search(rf">{re.escape(safety['title'])}</a> <span class=\"year\">"
                     rf"\({unsafe}, {stale}\)</span></th>", table), table[:500]
    assert len(re.findall(r'<span class="year">\(\d{4}', table)) == len(columns)
    assert any(provisional in c["year_shown"] for c in columns.values())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_of_provisional_figures_says_voorlopig(client, wh, lang: str) -> None:
    provisional = WORDS[lang][1]
    page = client.get(f"/?format=json&lang={lang}").json()
    year, values = page["year"], page["map_values"]
    flags = wh.execute("SELECT count(*), count(*) FILTER (provisional) FROM indicator_values "
                       "JOIN current_municipalities USING (region_code) WHERE indicator_id = "
                       "'income_disposable_mean' AND year = ?", [year]).fetchone()
    assert flags[0] == len(values) > 300 and flags[1] == flags[0]  # all of 2023 provisional
    assert page["year_shown"] == f"{year}, {provisional}"
    text = html.unescape(client.get(f"/?lang={lang}", headers=HTML).text)
    section = re.search(r'<section aria-labelledby="map-h">(.*?)</section>', text, re.S).group(1)
    assert re.search(rf'<h2 id="map-h">[^<]*\({year}, {provisional}\)</h2>', section)
    assert re.search(rf'class="legend-title">[^<]*; {year}, {provisional}\)</p>', section)
    assert re.search(rf"<caption>[^<]*\({year}, {provisional}\)</caption>", section)
    # the caption says it for every row: the rows leave it out (h50l; they repeated it)
    assert flags[1] and f"({provisional}" not in section.split("</caption>")[1]
    ranking = html.unescape(client.get(f"/ranglijst?indicator=income_disposable_mean&year="
                                       f"{year}&lang={lang}", headers=HTML).text)
    # the same words, once in its heading and caption as the map's (h51d; each row said it)
    assert re.search(rf"<caption>[^<]*\({year}, {provisional}\)</caption>", ranking)
    assert f'<span class="year">({provisional})</span>' not in ranking
    older = client.get(f"/?indicator=population&lang={lang}&format=json").json()
    assert older["year_shown"] == str(older["year"])  # no figure of it provisional


def test_a_map_with_some_provisional_values_says_deels_voorlopig() -> None:
    """The map's year says 'deels voorlopig' when CBS marks only some of its values
    provisional, 'voorlopig' when all, nothing when none (hand-written values: on the
    snapshot a table-year is now provisional for every municipality or for none, see the
    next test)."""
    some = [{"provisional": True}, {"provisional": False}, {"provisional": False}]
    assert map_year_shown(2024, some, "nl") == "2024, deels voorlopig"
    assert map_year_shown(2024, some, "en") == "2024, partly provisional"
    assert map_year_shown(2024, some[:1] * 3, "nl") == "2024, voorlopig"
    assert map_year_shown(2024, some[1:], "nl") == "2024"


def test_every_municipality_of_an_indicator_year_shares_its_provisional_mark(wh) -> None:
    """CBS marks a table's year provisional for all its regions: the same mark for every
    current municipality of an indicator and year (establishments per 1 000 in 2023 and
    2024 had 124 of 684 cells marked otherwise while a later table's equal figures confirmed
    some municipalities only)."""
    mixed = wh.execute(
        "SELECT indicator_id, year, count(*) FILTER (provisional) AS marked, count(*) AS n "
        "FROM indicator_values JOIN current_municipalities USING (region_code) "
        "WHERE value IS NOT NULL GROUP BY ALL "
        "HAVING count(*) FILTER (provisional) BETWEEN 1 AND count(*) - 1").fetchall()
    assert mixed == []


#: the latest municipal year of each indicator that is no projection
LATEST = """
SELECT indicator_id, max(year) FROM indicator_values JOIN current_municipalities
USING (region_code) JOIN indicators i USING (indicator_id) WHERE NOT i.projection GROUP BY 1
"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_of_an_out_of_date_year_says_verouderd(client, wh, lang: str) -> None:
    """A map of an indicator whose latest year is out of date says so as /ranglijst does,
    by its rule (:func:`~stadstrends.publish.web.page_parts.stale_latest`): 'Kaart: Voelt
    zich weleens onveilig (2019, verouderd)' with the ranking's note, on the home page and
    /indicator. Before, the home map's caption said '(2019)' for the 10 indicators the
    ranking marked '(2019, verouderd)'; an older year asked for is history: no mark."""
    stale = WORDS[lang][0]
    cur = wh.execute("SELECT * FROM build_info")
    fresh = fresh_from(dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True)))
    old = {i: y for i, y in wh.execute(LATEST).fetchall() if y < fresh}
    assert "feels_unsafe_share" in old and len(old) >= 5, old  # 10 on the snapshot
    for ind, year in old.items():
        ranking = client.get(f"/ranglijst?indicator={ind}&lang={lang}&format=json").json()
        home = client.get(f"/?indicator={ind}&lang={lang}&format=json").json()
        page = client.get(f"/indicator/{ind}?lang={lang}&format=json").json()
        assert ranking["year_shown"] == f"{year}, {stale}", ranking["year_shown"]
        for shown in (home, page):
            assert shown["year"] == year and shown["year_shown"] == ranking["year_shown"], ind
            assert shown["stale_note"] and ranking["stale_note"].startswith(shown["stale_note"])
            assert str(fresh) in shown["stale_note"] and str(year) in shown["stale_note"]
    text = html.unescape(client.get(f"/?indicator=feels_unsafe_share&lang={lang}",
                                    headers=HTML).text)
    section = re.search(r'<section aria-labelledby="map-h">(.*?)</section>', text, re.S).group(1)
    year = old["feels_unsafe_share"]
    assert re.search(rf'<h2 id="map-h">[^<]*\({year}, {stale}\)</h2>', section)
    assert re.search(rf"<caption>[^<]*\({year}, {stale}\)</caption>", section)
    assert 'class="info-note stale-note">' in section
    before = client.get(f"/?indicator=feels_unsafe_share&year={year - 2}&lang={lang}"
                        "&format=json").json()
    assert before["year_shown"] == str(year - 2) and before["stale_note"] is None
    fresh_map = client.get(f"/?indicator=population&lang={lang}&format=json").json()
    assert stale not in fresh_map["year_shown"] and fresh_map["stale_note"] is None
