"""The report marks the last years CBS publishes as provisional where the file has no status.

Before, Heerlen's key figure read 'Gemiddeld besteedbaar huishoudensinkomen (2023) 42,6
duizend euro' and Súdwest-Fryslân's sentence 'Opgehelderde misdrijven: 31,7% in 2024'
(a quotient of counts rounded to fives; CBS: 31,6), both final; the source list said nothing
about these tables' last year (see tests/indicators/test_provisional_latest.py).
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city


@pytest.fixture(scope="module")
def texts(warehouse_path) -> dict[str, str]:
    out = {}
    with connect(warehouse_path) as con:
        for city in ("Heerlen", "Súdwest-Fryslân"):
            html = builder.render("city.html.j2", builder.city_context(
                kept_city(con, city), "nl", None), pdf=False)
            out[city] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return out


def test_key_figures_and_sentences_say_voorlopig(texts):
    heerlen, sudwest = texts["Heerlen"], texts["Súdwest-Fryslân"]
    assert re.search(r"Gemiddeld besteedbaar huishoudensinkomen \(2023\) 42,6 duizend euro "
                     r"\(voorlopig\)", heerlen)
    assert "Opgehelderde misdrijven: 35,3% in 2024 (voorlopig)" in heerlen
    assert "Opgehelderde misdrijven: 31,6% in 2024 (voorlopig)" in sudwest
    assert "Opgehelderde misdrijven: 31,7%" not in sudwest


def test_the_source_list_says_which_last_year_is_provisional(texts):
    for table, year in (("86004NED", 2023), ("83648NED", 2024), ("81528NED", 2023)):
        row = re.search(table + r" .{0,400}?het laatste jaarcijfer \((\d{4})\) is voorlopig",
                        texts["Heerlen"])
        assert row and int(row.group(1)) == year, table
