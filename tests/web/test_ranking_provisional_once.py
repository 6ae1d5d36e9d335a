"""The ranking says 'voorlopig' once when every figure of its column is, per row only where
rows differ (real snapshot; h51d).

Before, the default ranking (mean disposable income of 2023, every figure provisional)
printed '(voorlopig)' after each of its 337 figures and '(2023)' above them; thefts per
1 000 of 2024 after each of 342. Now the heading and caption say '(2024, voorlopig)' once,
as the indicator page's table of a year and the map's table do (session 50), and a row keeps
only its other marks; the CSV's ``provisional`` column stays true in every row."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from stadstrends.publish.sentence_words import WORDS
from stadstrends.publish.web.ranking import row_marks

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_wholly_provisional_column_says_it_once(client, wh, lang) -> None:
    ind, year = "thefts_per_1000", 2024
    flags = {p for (p,) in wh.execute(
        "SELECT DISTINCT provisional FROM indicator_values v JOIN current_municipalities "
        "USING (region_code) WHERE indicator_id = ? AND year = ?", [ind, year]).fetchall()}
    assert flags == {True}  # the premise: every municipality's figure is provisional
    prov, w = WORDS[lang]["provisional"], WORDS[lang]
    query = f"/ranglijst?indicator={ind}&year={year}&lang={lang}"
    page = client.get(query + "&format=json").json()
    rows = [r for r in page["rows"] if r["value"] is not None]
    assert len(rows) >= 340 and all(r["provisional"] for r in rows)
    assert page["year_shown"] == f"{year}, {prov}"
    assert [r["marks"] for r in rows if prov in r["marks"]] == []
    marks = {r["region_code"]: r["marks"] for r in rows}
    assert marks["GM0096"] == f"({w['recomputed_coarse_short']})"  # Vlieland: its other mark
    assert sum(bool(m) for m in marks.values()) >= 10
    body = html.unescape(client.get(query, headers=HTML).text)
    assert f"({year}, {prov})</h1>" in body and f"({year}, {prov})</caption>" in body
    table = body.split('<table class="utrecht-table utrecht-table--html-table ranking">')[1]
    assert f"({prov}" not in table.split("</caption>")[1].split("</table>")[0]
    text = client.get(f"/ranglijst/download.csv?indicator={ind}&year={year}").text
    got = list(csv.DictReader(io.StringIO(text)))
    assert len(got) >= 340 and {r["provisional"] for r in got if r["value"]} == {"true"}


def test_the_default_ranking_no_longer_repeats_it(client) -> None:
    page = client.get("/ranglijst?format=json").json()
    rows = [r for r in page["rows"] if r["value"] is not None]
    if all(r["provisional"] for r in rows):  # income of 2023 in this snapshot
        assert page["year_shown"].endswith(", voorlopig")
        assert not [r for r in rows if "voorlopig" in r["marks"]]
    else:  # no figure provisional: neither heading nor rows say it
        assert "voorlopig" not in str(page["year_shown"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rows_that_differ_keep_their_own_mark(lang) -> None:
    """Where only some figures are provisional (the heading: 'deels voorlopig'), each
    provisional row says it; with the column's caption saying it, none does."""
    prov = WORDS[lang]["provisional"]
    row = {"provisional": True, "harmonised": False, "recomputed": True, "small_base": ""}
    assert row_marks(dict(row), ({}, {}), "x", 2024, lang) == \
        f"({prov}, {WORDS[lang]['recomputed_short']})"
    assert row_marks(dict(row), ({}, {}), "x", 2024, lang, captioned=True) == \
        f"({WORDS[lang]['recomputed_short']})"
    assert row_marks({**row, "recomputed": False}, ({}, {}), "x", 2024, lang,
                     captioned=True) == ""
    assert not re.search(prov, row_marks({**row, "provisional": False}, ({}, {}), "x", 2024,
                                         lang))
