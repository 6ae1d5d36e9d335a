"""The tweedeling clause of the city page's opgave cards and of the API's profile summary (real
snapshot): its counts are the opgave's recent gaps with the ommeland of indicators with a good
or bad direction, counted again from ``region_gap_trends``, and it gives a verdict in one word
('de kloof met het ommeland groeit / krimpt') only where enough of them move the same way.
Before, the cards said 'Tweedeling: verschillen krimpen' for Enschede's Economie, 2 gaps growing
and 3 shrinking, and 'verschillen groeien' for 's-Hertogenbosch's Bestuur en samenspel on the
job ratio alone, which has no good or bad direction."""

from __future__ import annotations

import html
import re

import duckdb
import pytest

from stadstrends import vocabulary
from stadstrends.publish.profile import city_profile
from tests.analysis.test_divide_verdicts import RECOUNT

HTML = {"accept": "text/html"}
CITIES = ["GM0153", "GM0796", "GM0193", "GM0344"]  # Enschede, 's-Hertogenbosch, Zwolle, Utrecht
OPGAVEN = ["wonen", "zorg_welzijn", "verduurzaming", "economie", "bestuur_samenspel"]
#: the clause as a reader sees it: verdict, then the counts, the verdict's way first
CLAUSE = {
    "nl": (r"Tweedeling: (?P<verdict>[^(]+?) \((?:(?P<n>\d+) indicator(?:en)? met een goede of "
           r"slechte richting: (?P<parts>[^;)]+)|bij de (?P<n0>\d+) indicator(?:en)? met een "
           r"goede of slechte richting)(?:; (?:wel|ook) verandert het verschil significant bij "
           r"\d+ indicator(?:en)? zonder goede of slechte richting)?\)\."),
    "en": (r"Divide between municipality and region: (?P<verdict>[^(]+?) \((?:(?P<n>\d+) "
           r"indicators? with a good or bad direction: (?P<parts>[^;)]+)|for the (?P<n0>\d+) "
           r"indicators? with a good or bad direction)(?:; the difference (?:does|also) "
           r"changes? significantly for \d+ indicators? without a good or bad direction)?\)\."),
}
#: a count above 0 in the clause's list (none: left out)
PARTS = {"nl": r"bij (\d+) (?:wordt het verschil )?{}", "en": r"for (\d+) (?:the difference|it) {}"}


def _count(parts: str, way: str, lang: str) -> int:
    """The count of ``way`` ('groter', 'grows', ...) in a clause's list, 0 where left out."""
    m = re.search(PARTS[lang].format(way), parts)
    return int(m.group(1)) if m else 0


def _card_clauses(text: str) -> list[str]:
    """The counts line of each opgave card, in the cards' order, as a reader sees it."""
    section = text[text.index('aria-labelledby="opg-h"'):text.index('aria-labelledby="dom-h"')]
    return [html.unescape(re.sub(r"<[^>]+>", "", p)).replace("\u2060", "").replace("\xa0", " ")
            for p in re.findall(r'<p class="counts">(.*?)</p>', section, re.S)]


@pytest.fixture(scope="module")
def recount(warehouse_path):
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute(RECOUNT).fetchall()
        settings = con.execute("SELECT divide_min_gaps, divide_min_share FROM build_info"
                               ).fetchone()
    return {(r[0], r[1]): r[3:6] for r in rows}, settings  # (n, w, c): the tested divides


def _read(line: str, lang: str) -> tuple[str, int, int, int]:
    """(verdict words, n, widening, narrowing) of a card's or summary's clause."""
    m = re.search(CLAUSE[lang], line)
    assert m, line
    if m["n0"]:
        return m["verdict"], int(m["n0"]), 0, 0
    grow, shrink = {"nl": ("groter", "kleiner"), "en": ("grows", "shrinks")}[lang]
    return (m["verdict"], int(m["n"]), _count(m["parts"], grow, lang),
            _count(m["parts"], shrink, lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_the_clause_counts_the_divides(client, warehouse_path, recount, city, lang):
    """Card and profile summary (the API's in Dutch) alike: the counts are the recount's,
    'groeit' / 'krimpt' only with at least ``divide_min_gaps`` divides that way, at least
    ``divide_min_share`` of those that move."""
    counts, (min_gaps, min_share) = recount
    words = vocabulary.section(lang, "verdicts")
    cards = _card_clauses(client.get(f"/gemeente/{city}?lang={lang}", headers=HTML).text)
    if lang == "nl":
        profile = client.get(f"/api/v1/profile/{city}").json()
    else:
        with duckdb.connect(str(warehouse_path), read_only=True) as con:
            profile = city_profile(con, city, None, lang)
    summaries = [o[f"summary_{lang}"] for o in profile["opgaven"]]
    assert [o["id"] for o in profile["opgaven"]] == OPGAVEN and len(cards) == 5
    for opgave, card, summary in zip(OPGAVEN, cards, summaries, strict=True):
        verdict, n, w, c = _read(card, lang)
        assert _read(summary, lang) == (verdict, n, w, c), (card, summary)
        assert (n, w, c) == counts[city, opgave], (opgave, card)
        moved = w + c
        clear = {"gaps widen": w >= min_gaps and w >= min_share * moved,
                 "gaps narrow": c >= min_gaps and c >= min_share * moved}
        for code, ok in clear.items():  # the verdict, then which way it goes for the city
            assert verdict.startswith(words[code]) == ok, (opgave, card)


def test_enschede_economie_says_too_few(client):
    """The case the reviewer saw ('verschillen krimpen' on 2 growing and 3 shrinking gaps), in
    the reader's words: of the gaps with a direction and a verdict, one moves."""
    nl = _card_clauses(client.get("/gemeente/GM0153", headers=HTML).text)[3]
    assert nl.endswith("Tweedeling: te weinig veranderingen voor een oordeel over de hele "
                       "opgave (4 indicatoren met een goede of slechte richting: bij 1 wordt "
                       "het verschil kleiner; wel verandert het verschil significant bij 2 "
                       "indicatoren zonder goede of slechte richting)."), nl  # the 2: badges
    # '... (geen oordeel)' below it
    bosch = _card_clauses(client.get("/gemeente/GM0796", headers=HTML).text)
    assert "geen significante verandering" in bosch[4]  # Bestuur: the job ratio not counted
    assert "te weinig veranderingen voor een oordeel" in bosch[0]  # Wonen: solar alone
