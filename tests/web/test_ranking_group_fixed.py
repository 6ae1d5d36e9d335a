"""A size group's ranking says its members are fixed by the inhabitants on 1 January of the
classification's year: /ranglijst?groep=GK1 for population in 2026 lists Eemnes with 10.065
inhabitants under 'gemeenten met minder dan 10.000 inwoners' (on 1 January 2025: 9.9xx),
without a word on why (reviewer)."""

from __future__ import annotations

import html
import re

import duckdb
import pytest

HTML = {"accept": "text/html"}
NOTE = {"nl": "Deze groep is ingedeeld op het aantal inwoners op 1 januari {year} en bevat in "
              "elk jaar van de ranglijst dezelfde gemeenten",
        "en": "This group is classed by the number of inhabitants on 1 January {year} and "
              "holds the same municipalities in every year of the ranking"}


def _note(page: str) -> str | None:
    found = re.search(r'<p class="info-note group-fixed">(.*?)</p>', page, re.S)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_size_group_ranking_says_its_members_are_fixed(client, warehouse_path, lang) -> None:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        year = con.execute("SELECT max(year) FROM municipality_classes").fetchone()[0]
        latest = con.execute("SELECT max(year) FROM indicator_values WHERE indicator_id = "
                             "'population' AND region_code LIKE 'GM%'").fetchone()[0]
        # why the note is needed: a member of GK1 (< 10.000 on 1 January {year}) above it
        above = con.execute(
            "SELECT count(*) FROM indicator_values v JOIN region_sets s USING (region_code) "
            "WHERE s.set_id = 'GK1' AND v.indicator_id = 'population' AND v.year = ? "
            "AND v.value >= 10000", [latest]).fetchone()[0]
    assert above >= 1
    page = client.get(f"/ranglijst?indicator=population&year={latest}&groep=GK1&lang={lang}",
                      headers=HTML).text
    assert (_note(page) or "").startswith(NOTE[lang].format(year=year))


@pytest.mark.parametrize("group", ["G40", "PV23", "ST1"])
def test_other_groups_have_no_such_note(client, group) -> None:
    page = client.get(f"/ranglijst?indicator=population&groep={group}", headers=HTML).text
    assert "<h1" in page and _note(page) is None
