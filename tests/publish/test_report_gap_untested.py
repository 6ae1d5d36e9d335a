"""The tweedeling's 'Stad en ommeland' counts only the gap trends that were tested: 'Bij 7 van
de {n} indicatoren met een recente vergelijking ...' with {n} the recent relative gap trends
with a verdict, and says plainly which it did not test for too few years (a gap trend on 3-4
years, ``region_gap_trends.indicative``, classified 'stable' without a test). Before, {n}
counted those as well, telling the reader they were tested and found not significant:
Maastricht 'van de 30' for 24 tested, its shares of over-65s (4 years in 2017-2024) and
over-75s, youth care, commuting distance and energy delivered to businesses nowhere said."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import sections
from tests.publish.loaded import connect, kept_city

CITY_SET = "G40"
N = {"nl": r"van de (\d+) indicatoren met een recente vergelijking",
     "en": r"of the (\d+) indicators with a recent comparison"}
#: the sentence's opening ('Ook niet getoetst' after a 'Niet getoetst' on CBS's rounding)
FEW = {"nl": r"(?:Niet|Ook niet) getoetst, omdat er te weinig jaren zijn voor een toets "
             r"\(minimaal {min} jaren\): ",
       "en": r"(?:Not|Also not) tested, because there are too few years to test "
             r"\(at least {min} years\): "}
ONCE = {"nl": "Niet getoetst", "en": "Not tested"}
POINTS = {"nl": "{n} jaren in {y0}–{y1}", "en": "{n} years in {y0}–{y1}"}

#: per municipality the recent relative gap trends (no counts, no projections, last year not
#: stale), tested or not, from the warehouse itself
RECENT = """
SELECT g.region_code, g.indicator_id, i.title_nl, i.title_en, g.indicative, g.n_points,
       g.first_year, g.last_year
FROM region_gap_trends g JOIN indicators i USING (indicator_id), build_info b
WHERE i.method <> 'count' AND NOT i.projection AND g.no_verdict IS NULL
  AND g.last_year >= b.latest_data_year - b.stale_after_years
  AND g.region_code IN (SELECT region_code FROM region_sets WHERE set_id = ?)
ORDER BY ALL"""


@pytest.fixture(scope="module")
def city_set(warehouse_path):
    """(code -> its recent relative gap trends with a verdict or untested, the build's
    minimum of years for a test, code -> its CityData) for the city set."""
    with connect(warehouse_path) as con:
        rows = con.execute(RECENT, [CITY_SET]).fetchall()
        minimum = con.execute("SELECT min_significant_points FROM build_info").fetchone()[0]
        trends: dict[str, list[tuple]] = {}
        for r in rows:
            trends.setdefault(r[0], []).append(r[1:])
        return trends, minimum, {code: kept_city(con, code) for code in trends}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_summary_counts_only_tested_gaps_and_names_the_untested(city_set, lang):
    """Every city of the set whose summary counts: {n} is the number of its recent gap
    trends that were tested, and every untested one is named with its years in the sentence
    on what is left out (none named where all were tested)."""
    trends, minimum, cities = city_set
    with_few = counted = 0
    for code, rows in trends.items():
        region = sections.divide(cities[code], lang)["city_region"]
        said = re.search(N[lang], region["lead"])
        tested = [r for r in rows if not r[3]]
        few = [r for r in rows if r[3]]
        if said:
            counted += 1
            assert int(said.group(1)) == len(tested), (code, len(tested), len(few), said[0])
        head = FEW[lang].format(min=minimum)
        assert region["left_out"].count(ONCE[lang]) <= 1, (code, region["left_out"])
        if not few:
            assert not re.search(head, region["left_out"]), (code, region["left_out"])
            continue
        with_few += 1
        parts = re.split(head, region["left_out"])
        assert len(parts) == 2, (code, region["left_out"])
        sentence = parts[1].split(").", 1)[0] + ")"
        for _, title_nl, title_en, _, n, y0, y1 in few:
            title = title_nl if lang == "nl" else title_en
            # its window, from the window's start (at or before its first gap, y0), and after
            # '; ' why the window's other years have no gap (test_gap_few_years.py)
            years = POINTS[lang].format(n=n, y0=r"(\d{4})", y1=y1)
            found = re.search(rf"{re.escape(title)} \({years}[;)]", sentence)
            assert found and int(found.group(1)) <= y0, (code, title, sentence)
        for _, title_nl, title_en, *_ in tested:
            assert (title_nl if lang == "nl" else title_en) not in sentence, (code, sentence)
    assert with_few >= 30 and counted >= 30, (with_few, counted)


def test_maastricht(city_set):
    """The case above: Maastricht's share of over-65s, 4 years in 2017-2024, untested and
    said so; its summary counts the tested gaps only."""
    trends, minimum, cities = city_set
    few = {r[0]: r for r in trends["GM0935"] if r[3]}
    assert few["share_age_65_plus"][4:] == (4, 2017, 2024)
    region = sections.divide(cities["GM0935"], "nl")["city_region"]
    assert "Aandeel 65-plussers (4 jaren in 2017–2024; Maastricht heeft geen cijfer voor " \
        in region["left_out"]
    n = len(trends["GM0935"]) - len(few)
    assert f"van de {n} indicatoren met een recente vergelijking" in region["lead"]
