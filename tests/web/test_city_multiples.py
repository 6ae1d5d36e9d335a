"""A change over time is said as a multiple ('bijna 8 keer zo hoog') only where its first
figure is a level of its own (:mod:`stadstrends.publish.multiple_rule`; session 51): not of
a quantity that can be below zero (wealth: assets minus debts; a balance), nor of a first
figure below a quarter of the Netherlands' that year. Enschede's median wealth, 4,5 duizend
euro in 2016 (the country's 23,5) and 35,1 in 2023, read '+30,6 duizend euro (bijna 8 keer
zo hoog)' on the city page's tile; Harlingen's new construction per 1 000 dwellings, 1,3 in
2016 (the country's 7,2) and 9,3 in 2023, '7 keer zo hoog' in the report's sentence. Both
now say the absolute change; Lelystad's solar capacity per inhabitant (170 Wp in 2016, the
country's 126) keeps 'ruim 20 keer zo hoog' in its sentence; Rotterdam's tile, 24 Wp in 2016,
loses its 'ruim 17 keer zo hoog'. Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.multiple_rule import MULTIPLE_BASE_SHARE, base_allows_multiple
from stadstrends.publish.report.data import fact
from stadstrends.publish.sentences import Writer
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
TREND = ("SELECT t.first_year, t.first_value, t.last_value, b.nl_value, i.can_be_negative, "
         "i.signed FROM trends t JOIN indicators i USING (indicator_id) JOIN benchmarks b "
         "ON b.indicator_id = t.indicator_id AND b.region_code = t.region_code "
         "AND b.year = t.first_year WHERE t.indicator_id = ? AND t.region_code = ?")
#: (city, indicator) -> the change the report's sentence gives, nl and en
CASES = {
    ("Enschede", "wealth_median"): ("(+30,6 duizend euro)", "(+30.6 thousand euro)"),
    ("Harlingen", "new_construction_per_1000_dwellings"): (
        "(+8,0 per 1 000 woningen;", "(+8.0 per 1,000 dwellings;"),
    ("Lelystad", "solar_capacity_per_inhabitant"): ("(ruim 20 keer zo hoog;",
                                                    "(over 20 times as high;"),
}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_rule() -> None:
    assert base_allows_multiple(170, 126, False)
    assert not base_allows_multiple(4.5, 23.5, True)  # wealth: can be below zero
    assert not base_allows_multiple(1.33, 7.18, False)  # below a quarter of the country's
    assert base_allows_multiple(MULTIPLE_BASE_SHARE * 8, 8, False)
    assert base_allows_multiple(1.0, None, False)  # no country's figure: the base alone
    assert not base_allows_multiple(0.0, None, False) and not base_allows_multiple(None, 5.0, False)


@pytest.mark.parametrize(("city", "indicator"), CASES)
def test_the_reports_sentence_follows_the_rule(wh, city: str, indicator: str) -> None:
    data = kept_city(wh, city)
    (fy, first, last, nl, negative, signed), = wh.execute(TREND, [indicator, data.code]) \
        .fetchall()
    fits = base_allows_multiple(first, nl, negative or signed)
    assert last / first >= 3 and fits == (indicator == "solar_capacity_per_inhabitant"), \
        (fy, first, last, nl)
    for lang, words in zip(("nl", "en"), CASES[city, indicator], strict=True):
        s = Writer(data.code, data.name, lang).indicator(fact(data, indicator, lang), "trend")
        assert words in s.text, s.text
        multiples = [c for c in s.cites if c.field == "multiple"]
        assert bool(multiples) == fits and ("keer zo hoog" in s.text) == (fits and lang == "nl")


def test_the_tile_says_the_change_without_a_multiple(client) -> None:
    text = _text(client.get("/gemeente/GM0153", headers=HTML).text)
    assert "+30,6 duizend euro 2016–2023" in text and "bijna 8 keer zo hoog" not in text
    english = _text(client.get("/gemeente/GM0153?lang=en", headers=HTML).text)
    assert "+30.6 thousand euro 2016–2023" in english and "almost 8 times" not in english
    # a first figure below a quarter of the country's: Rotterdam's solar capacity, 24 Wp per
    # inhabitant in 2016 (the country's 126) and 422 in 2023, read 'ruim 17 keer zo hoog'
    rotterdam = _text(client.get("/gemeente/GM0599", headers=HTML).text)
    assert "+398 Wp per inwoner 2016–2023" in rotterdam and "ruim 17 keer" not in rotterdam


def test_no_quantity_that_can_be_below_zero_has_a_gap_said_as_a_multiple(wh) -> None:
    """The rule keeps a gap's multiple (city / ommeland, the relative gap its trend tests):
    it holds that no gap of a quantity that can be below zero is three times as high."""
    assert not wh.execute("""SELECT count(*) FROM region_gap_trends g
        JOIN indicators i USING (indicator_id) WHERE (i.signed OR i.can_be_negative)
          AND greatest(g.first_ratio, g.last_ratio) >= 3""").fetchone()[0]


def test_a_wealth_tile_says_no_percentage_either(client) -> None:
    """Below three times as high too (session 53): Ameland's median wealth 135,9 -> 249,3
    duizend euro (1,83 times) read '+113,4 duizend euro (+83%)'; its difference alone, as the
    report's sentence, one form for wealth."""
    text = _text(client.get("/gemeente/GM0060", headers=HTML).text)
    at = text.index("Mediaan vermogen van huishoudens")
    tile = text[at:at + 600]
    assert "+113,4 duizend euro 2016–2023" in tile and "(+83%)" not in tile, tile
