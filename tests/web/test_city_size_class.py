"""The city page names a size group with the figure CBS classed the municipality by: Eemnes'
page showed 10.065 inhabitants (2026) in its population tile under 'Vergeleken met de 11
gemeenten met minder dan 10.000 inwoners op 1 januari 2025' and nothing more."""

from __future__ import annotations

import html
import re

import duckdb
import pytest

from stadstrends.publish.format import fmt_number

HTML = {"accept": "text/html"}
SAID = {"nl": "Het CBS deelde de gemeente in met {n} inwoners op 1 januari {year}, de datum van "
              "die indeling.",
        "en": "CBS classed the municipality with {n} inhabitants on 1 January {year}, the date "
              "of that classification."}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_eemnes_page_says_the_figure_its_size_group_rests_on(client, warehouse_path, lang):
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        n, year = con.execute("SELECT inhabitants, year FROM municipality_classes "
                              "WHERE region_code = 'GM0317'").fetchone()
        newest = con.execute("SELECT value FROM benchmark_latest WHERE indicator_id = "
                             "'population' AND region_code = 'GM0317'").fetchone()[0]
    assert n < 10_000 <= newest  # GK1: 'minder dan 10.000 inwoners'
    page = client.get(f"/gemeente/GM0317?lang={lang}", headers=HTML).text
    form = re.search(r'<form class="group".*?<label', page, re.S)
    assert form
    line = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", form.group(0))).split())
    assert SAID[lang].format(year=year, n=fmt_number(n, 0, lang)) in line, line
