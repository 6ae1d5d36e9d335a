"""A year whose empty CBS cells are other municipalities' says whose (real snapshot): the
harmonisation stores ``missing_in_source`` with those codes (``reason_detail``) where the
city's own cell is there or the city was not yet formed. Amsterdam's Wmo clients said
'2018–2021 ontbreken in de CBS-tabellen 83262NED en 86050NED' while Amsterdam's own figures
of 2018-2020 are in them (Weesp's, merged in 2022, are empty); Land van Cuijk's tweedeling
'heeft geen cijfer voor 2018–2021 (waarde ontbreekt in de bron)' where Grave's, Cuijk's and
Mill's figures are there and Boxmeer's and Sint Anthonis' are not. A year the table has for
no municipality names no one (Land van Cuijk's ages 2018-2021 in 60039fvw:
tests/harmonise/test_table_empty_years.py)."""

from __future__ import annotations

import pytest

from stadstrends.publish.cut_members import names
from stadstrends.publish.format import fmt_years
from stadstrends.publish.gap_missing import missing_trends, no_trend_reason
from stadstrends.publish.report import builder
from stadstrends.publish.report.texts import reason as reason_words
from tests.publish.loaded import kept_city
from tests.publish.test_trend_missing_years import texts

CITIES = {"GM0363": "Amsterdam", "GM1982": "Land van Cuijk"}
#: the short trend each report says in a sentence (others only in a chart's caption)
SAID = {"GM0363": "wmo_clients_per_1000"}
PART = {"nl": "voor {years} ontbreken in ", "en": "{years}: CBS table"}
OF = {"nl": "de cijfers van {names}, nodig voor {city} in de huidige grenzen",
      "en": "the figures of {names}, needed for {city} within today's boundaries"}


def _name(wh, code: str) -> str:
    return wh.execute("SELECT any_value(name ORDER BY valid_from DESC) FROM regions "
                      "WHERE region_code = ?", [code]).fetchone()[0]


def _other_cells(wh, code: str) -> dict[tuple[str, str], list[int]]:
    """(indicator, codes) -> the years of a short trend's span whose empty cells are those
    other codes' (``indicator_gaps``)."""
    out: dict[tuple[str, str], list[int]] = {}
    for ind, detail, year in wh.execute("""
            SELECT g.indicator_id, g.reason_detail, g.year
            FROM trends t JOIN indicator_gaps g USING (indicator_id, region_code)
            WHERE t.region_code = ? AND t.indicative AND g.reason = 'missing_in_source'
              AND g.reason_detail IS NOT NULL
              AND g.year BETWEEN t.first_year AND t.last_year ORDER BY 1, 2, 3""",
                                        [code]).fetchall():
        out.setdefault((ind, detail), []).append(int(year))
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", sorted(SAID))
def test_a_short_trends_bracket_names_whose_cells_are_empty(wh, code, lang) -> None:
    cases = _other_cells(wh, code)
    assert cases  # Weesp's Wmo clients 2018-2020
    said = set(texts(builder.city_context(kept_city(wh, code, None), lang, None)))
    found = set()
    for (ind, detail), years in cases.items():
        who = names([_name(wh, c) for c in detail.split(",")], lang)
        start, end = PART[lang].format(years=fmt_years(years)), OF[lang].format(
            names=who, city=CITIES[code])
        if any(start in t and end in t for t in said):
            found.add(ind)
    assert SAID[code] in found, (found, cases)


def test_the_tweedeling_names_whose_cells_are_empty(wh) -> None:
    """Land van Cuijk's Wmo clients (no gap trend): each group of its own missing years with
    other codes' empty cells names those municipalities, not 'waarde ontbreekt in de bron'."""
    ind, city = "wmo_clients_per_1000", CITIES["GM1982"]
    why = missing_trends(wh, "GM1982", [ind])[ind]
    parts = [r for r in why["city_missing_why"]
             if r["reason"] == "missing_in_source" and r["reason_detail"]]
    assert parts
    for lang in ("nl", "en"):
        said = no_trend_reason(why, lang, city, lambda c: _name(wh, c))
        for row in parts:
            who = names([_name(wh, c) for c in row["reason_detail"].split(",")], lang)
            assert OF[lang].format(names=who, city=city) in said, said
            assert f"({reason_words({**row, 'source': ''}, lang)})" not in said, said
