"""An opgave card's 'Tweedeling:' clause and the badges under it tell one story, for every
municipality in every group (real snapshot). Before:

* Ede's Verduurzaming said 'geen significante verandering in de kloof met het ommeland (bij
  de 2 indicatoren ...)' above the badge 'ongunstig: lag voor en raakt achter op het
  ommeland' (solar capacity, a significant crossing): the verdict counts only growing and
  shrinking divides, and the clause left a crossing out (940 set x municipality x opgave
  rows 'stable' beside such a badge);
* Zeewolde's Verduurzaming said 'te weinig veranderingen voor een oordeel' above the badge
  'ongunstig: voorsprong op het ommeland slinkt': the verdict is about the opgave as a whole
  (at least ``divide_min_gaps`` divides one way), the badge about one indicator."""

from __future__ import annotations

import pytest

from stadstrends.publish.divide_words import divide_clause

HTML = {"accept": "text/html"}
#: per set, municipality and opgave: the summary's lens with the badges' counts by kind, as
#: the page shows them (signals with a good or bad valence, not out of date)
LENSES = """
SELECT o.set_id, o.region_code, o.opgave_id, o.tweedeling_verdict AS verdict,
       o.tweedeling_way AS way, o.n_divides, o.n_divides_widening AS divides_widening,
       o.n_divides_narrowing AS divides_narrowing,
       count(DISTINCT s.indicator_id) FILTER (WHERE s.kind = 'gap_crossing') AS divides_crossing,
       count(DISTINCT s.indicator_id) FILTER (WHERE s.kind = 'gap_widening') AS badges_widening,
       count(DISTINCT s.indicator_id) FILTER (WHERE s.kind = 'gap_narrowing') AS badges_narrowing
FROM opgave_summary o
LEFT JOIN signals s ON s.set_id = o.set_id AND s.region_code = o.region_code
 AND s.opgave_id = o.opgave_id AND NOT s.stale AND s.valence <> 'neutral'
 AND s.kind LIKE 'gap_%'
GROUP BY ALL
"""


@pytest.fixture(scope="module")
def lenses(warehouse_path) -> list[dict]:
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        cur = con.execute(LENSES)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_the_counts_are_the_badges(lenses) -> None:
    assert len({r["region_code"] for r in lenses}) > 300  # every municipality
    for r in lenses:
        assert r["badges_widening"] == r["divides_widening"], r
        assert r["badges_narrowing"] == r["divides_narrowing"], r
        assert r["divides_widening"] + r["divides_narrowing"] + r["divides_crossing"] \
            <= r["n_divides"], r


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_clause_denies_a_badge(lenses, lang) -> None:
    still = {"nl": "geen significante verandering", "en": "no significant change"}[lang]
    whole = {"nl": "over de hele opgave", "en": "as a whole"}[lang]
    sides = {"nl": "van kant", "en": "changes sides"}[lang]
    seen = {"crossing": 0, "too few": 0}
    for r in lenses:
        text = divide_clause(r, lang, "X")
        moved = r["divides_widening"] + r["divides_narrowing"] + r["divides_crossing"]
        if moved:  # a badge says a divide changed significantly
            assert still not in text, (r, text)
        if r["divides_crossing"]:
            assert sides in text, (r, text)
            seen["crossing"] += 1
        if r["verdict"] == "too few":
            assert whole in text, (r, text)
            seen["too few"] += 1
    assert seen["crossing"] > 100 and seen["too few"] > 100, seen


@pytest.mark.parametrize(("code", "said"), [
    ("GM0228", "Tweedeling: geen groeiende of krimpende kloof met het ommeland (bij 1 van de 2 "
               "indicatoren met een goede of slechte richting wisselt het verschil van kant, bij "
               "geen wordt het groter of kleiner)."),
    ("GM0050", "Tweedeling: te weinig veranderingen voor een oordeel over de hele opgave (bij "
               "geen van de 2 indicatoren met een goede of slechte richting wordt het verschil "
               "groter, bij 1 kleiner)."),
])
def test_the_city_page_says_it(client, code, said) -> None:
    import html
    import re

    page = client.get(f"/gemeente/{code}", headers=HTML).text
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
    assert said in text
