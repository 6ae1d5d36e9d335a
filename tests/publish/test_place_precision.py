"""A place among fewer than six members ('plaats 2 van de 3 ... (1 = hoogste; mediaan m)') is
of the figures as printed (set_benchmarks ranks them at the catalogue's decimals): the median
is printed at those digits too, as the city tile does (web/group_place.py). Coevorden's
Vestigingen in vervoer, informatie en communicatie in COROP-gebied Zuidoost-Drenthe read 'op
plaats 2 van de 3 gemeenten (1 = hoogste; 5,46 tegen een mediaan van 5,53)': the middle place,
the median member's (5,5 as ranked), beside a figure printed below the median. Over the 100
municipality x group pairs of the groups of 2 to 6 members, 6 place clauses printed the median
finer than their places were ranked; now none."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

PLACE = re.compile(r"text='([^.\"']*?): ([−\d.,]+)[^.\"]*? in (\d{4})[^.\"]*\. "
                   r"(?:Daarmee|In \d{4}) staat \S+ op plaats (\d+) van (?:de )?(\d+) "
                   r"[^\"]*?\(1 = hoogste; ([^;)]*)")


def _places(con: duckdb.DuckDBPyConnection, code: str, set_id: str) -> list[tuple]:
    ctx = builder.city_context(kept_city(con, code, set_id), "nl", None)
    text = re.sub(r"<[^>]+>", "", json.dumps(ctx, default=str, ensure_ascii=False))
    return PLACE.findall(text)


@pytest.mark.parametrize("code,set_id", [("GM0109", "CR08"), ("GM1773", "CR11"),
                                         ("GM0363", "G4"), ("GM0417", "TY7")])
def test_a_place_prints_its_median_as_it_was_ranked(warehouse_path, code, set_id):
    with connect(warehouse_path) as con:
        places = _places(con, code, set_id)
        decimals = dict(con.execute("SELECT title_nl, decimals FROM indicators").fetchall())
    assert places
    checked = 0
    for title, value, _year, rank, n, bracket in places:
        title = title.strip()
        if title not in decimals or decimals[title] is None:
            continue
        checked += 1
        assert "tegen een mediaan" not in bracket, (title, bracket)
        median = re.search(r"mediaan ([−\d.,]+)", bracket)
        assert median, bracket
        digits = len(median.group(1).split(",")[1]) if "," in median.group(1) else 0
        assert digits <= max(decimals[title], 0), (title, bracket)
        if int(n) % 2 and int(rank) == (int(n) + 1) // 2:  # the median member's place
            assert median.group(1) == value, (title, value, bracket)
    assert checked
    if code == "GM0109":
        said = [p for p in places if p[0].strip().startswith("Vestigingen in vervoer")]
        assert said and said[0][3:5] == ("2", "3") and said[0][1] == "5,5", said
        assert said[0][5] == "mediaan 5,5", said
