"""The year table under a line chart marks a figure on a count CBS rounded to 0 as its CSV
does (real snapshot; h51d).

Before, '‡' marked a figure computed from a coarsely rounded count (Deventer's demolitions
per 1 000 dwellings of 2017) but not one on a count CBS rounded to 0: Zeewolde's 0,0
demolitions per 1 000 dwellings of 2012-2023 (86054NED rounds demolitions to fives) stood
bare while the download's ``notes`` said 'rounded_zero' and the tiles 'berekend uit een op 0
afgerond aantal'. Now '0,0‡', with a legend line that says what a marked 0 means."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from stadstrends.publish.figure_notes import COARSE_MARK
from stadstrends.publish.sentence_words import WORDS

IND = "demolition_per_1000_dwellings"


def _download_marked(client, code: str) -> set[int]:
    """The years of ``code`` the indicator's CSV marks rounded (to 0 or coarsely)."""
    rows = csv.DictReader(io.StringIO(client.get(f"/api/v1/download/{IND}.csv").text))
    return {int(r["year"]) for r in rows if r["region_code"] == code
            and {"rounded_zero", "rounded_count"} & set(r["notes"].split())}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_zero_on_a_rounded_count_is_marked_with_its_legend(client, wh, lang) -> None:
    code = "GM0050"  # Zeewolde
    zeros = {y for (y,) in wh.execute("SELECT year FROM rounded_zero_cells WHERE "
                                      "indicator_id = ? AND region_code = ?",
                                      [IND, code]).fetchall()}
    assert len(zeros) >= 10  # the premise: 0 in 86054NED and 84903NED year after year
    page = client.get(f"/indicator/{IND}?regions={code}&lang={lang}&format=json").json()
    table = page["series_table"]
    col = table["columns"].index("Zeewolde")
    marked = {r["year"] for r in table["rows"] if COARSE_MARK in r["marks"][col]}
    assert marked == _download_marked(client, code) and zeros <= marked, (marked, zeros)
    zero_line = f"{COARSE_MARK} {WORDS[lang]['coarse_zero_legend']}"
    assert f"{COARSE_MARK} {WORDS[lang]['coarse_legend']}" in table["notes"]
    assert zero_line in table["notes"]
    body = html.unescape(client.get(f"/indicator/{IND}?regions={code}&lang={lang}",
                                    headers={"accept": "text/html"}).text)
    assert re.search(r'<th scope="row">2015</th>\s*<td class="num">0[,.]0[^<]*' + COARSE_MARK,
                     body)
    assert f'<p class="note">{zero_line}</p>' in body


def test_a_table_without_a_zero_has_no_zero_line(client) -> None:
    """Deventer's demolitions: coarse counts, none rounded to 0; the first legend line only."""
    table = client.get(f"/indicator/{IND}?regions=GM0150&format=json").json()["series_table"]
    assert f"{COARSE_MARK} {WORDS['nl']['coarse_legend']}" in table["notes"]
    assert not [n for n in table["notes"] if WORDS["nl"]["coarse_zero_legend"] in n]
    assert _download_marked(client, "GM0150") == {
        r["year"] for r in table["rows"] if COARSE_MARK in r["marks"][0]}
