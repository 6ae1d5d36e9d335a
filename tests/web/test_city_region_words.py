"""'Stad' only for a city: Westerveld's and Vlieland's pages said 'Tweedeling: stad en
ommeland', 'Stad t.o.v. ommeland', 'hoeveel procent de stad hoger of lager ligt' (English
'city') and `stadstrends profile Westerveld` was a 'Stadsprofiel', where the report says
'Gemeente en ommeland' for a municipality outside the settings' city and featured sets.
Real snapshot: membership read from the warehouse's region_sets."""

from __future__ import annotations

import html
import re

import duckdb
import pytest

from stadstrends.publish.read import build_settings

HTML = {"accept": "text/html"}
CITY_WORDS = {"nl": re.compile(r"\b[Ss]tad\b"), "en": re.compile(r"\b[Cc]ity\b")}
PLACE_WORD = {"nl": "gemeente", "en": "municipality"}


def _cities(warehouse_path) -> set[str]:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        s = build_settings(con)
        return {r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id IN (?, ?)",
            [s.city_set, s.featured_set]).fetchall()}


def _gap_section(page: str) -> str:
    start = page.index('aria-labelledby="gap-h"')
    text = html.unescape(re.sub(r"<[^>]+>", " ", page[start:page.index("</section>", start)]))
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", ["GM1701", "GM0096", "GM0193"])  # Westerveld, Vlieland, Zwolle
def test_the_divide_says_city_only_for_a_city(client, warehouse_path, code, lang) -> None:
    city = code in _cities(warehouse_path)
    assert city == (code == "GM0193")
    section = _gap_section(client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text)
    name = client.get(f"/gemeente/{code}?format=json").json()["region"]["name"]
    section = section.replace(name, "")  # 'Stadskanaal' is a name, not a word
    if city:
        assert CITY_WORDS[lang].search(section), section[:300]
    else:
        assert not CITY_WORDS[lang].search(section), section[:600]
        assert section.lower().count(PLACE_WORD[lang]) >= 3, section[:600]  # heading, column, note
