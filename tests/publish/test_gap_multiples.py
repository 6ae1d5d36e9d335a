"""A city ten times its ommeland's figure or more reads as a multiple in words, true to its
tenth, as a trend's rise does (tests/publish/test_sentence_multiples.py): 'ruim 29 keer zo
hoog als in het ommeland', not '2.806% hoger dan in het ommeland', in the gap sentence, the
gap table, the chart's figure past its axis and the city page; cited as
``gap_first_multiple`` / ``gap_last_multiple`` (the warehouse's first_ratio / last_ratio).
A city far below its ommeland stays a percentage ('95% lager': never beyond 100%)."""

from __future__ import annotations

import html
import json
import re

import pytest

from stadstrends.publish.chart_gaps import beyond_text
from stadstrends.publish.report import builder, sections
from stadstrends.publish.sentence_numbers import gap_multiple, gap_text
from stadstrends.publish.sentences import Writer
from stadstrends.publish.web.gap_text import relative_gap
from tests.publish.loaded import connect, kept_city
from tests.publish.multiple_words import multiple_claim, multiple_holds
from tests.publish.test_sentences import check_cite

# the city's percentage above its ommeland -> (nl, en): around +200% (three times as high),
# h49h's +633% ('ruim 7 keer zo hoog', below ten times 'ruim' only within 5%), real gaps of
# the snapshot (Hoogeveen's demolitions 10,39 times, Haarlem's new
# construction 10,61, Velsen's delivered electricity 29,06, Noordoostpolder's demolitions
# 84,16) and cities far below their ommeland
AROUND = {
    199.4: ("199% hoger", "199% higher"),
    200.0: ("3 keer zo hoog", "3 times as high"),
    633.0: ("ruim 7 keer zo hoog", "over 7 times as high"),
    650.0: ("7,5 keer zo hoog", "7.5 times as high"),
    899.4: ("10 keer zo hoog", "10 times as high"),
    900.0: ("10 keer zo hoog", "10 times as high"),
    938.8: ("ruim 10 keer zo hoog", "over 10 times as high"),
    960.6: ("bijna 11 keer zo hoog", "almost 11 times as high"),
    2806.06: ("ruim 29 keer zo hoog", "over 29 times as high"),
    8316.0: ("ruim 84 keer zo hoog", "over 84 times as high"),
    -95.0: ("95% lager", "95% lower"),
    -99.4: ("99% lager", "99% lower"),
    -0.04: ("gelijk", "equal"),
}


@pytest.mark.parametrize("pct", AROUND)
def test_a_gap_from_ten_times_as_high_is_a_multiple_everywhere(pct: float) -> None:
    """The report's table cell, the city page's row and the chart's figure past its axis
    say a gap alike: a percentage below +200%, a multiple from there."""
    for lang, words in zip(("nl", "en"), AROUND[pct], strict=True):
        table = [sections.t(lang, k) for k in ("higher", "lower", "equal")]
        assert gap_text(pct, lang, *table) == words, (pct, lang)
        assert sections._pct_cell(pct, lang) == words
        assert relative_gap(1 + pct / 100, lang) == words
        if gap_multiple(pct):
            assert multiple_holds(1 + pct / 100, *multiple_claim(words, lang))
            assert beyond_text(pct, lang) == words
        elif abs(pct) >= 1:  # the axis's own labels: '+899%', '−95%'
            sign = "+" if pct > 0 else "−"
            assert beyond_text(pct, lang) == sign + words.split(" ")[0]


VELSEN = {"indicator_id": "electricity_delivered_per_inhabitant", "unit": "kWh per inwoner",
          "trend": None, "bench": None, "provisional": set(),
          "gap": {"first_year": 2016, "last_year": 2023, "first_pct": 2525.6021615952726,
                  "last_pct": 2806.0636545033297, "classification": "diverging",
                  "mk_p": 0.006, "movement": "diverging", "city_last": 40989.329844454136,
                  "omm_last": 1410.4759811759714}}
TITLES = {"nl": "Geleverde elektriciteit aan bedrijven per inwoner",
          "en": "Electricity delivered to businesses per inhabitant"}


@pytest.mark.parametrize(("lang", "levels", "relative"), [
    ("nl", "in 2023 40.989 kWh per inwoner in Velsen, ruim 29 keer zo hoog als in het ommeland "
           "(1.410 kWh per inwoner); in 2016 was dat ruim 26 keer zo hoog. Het verschil wordt "
           "significant groter.",
     "in 2023 lag Velsen ruim 29 keer zo hoog als het ommeland; in 2016 was dat ruim 26 keer "
     "zo hoog."),
    ("en", "in 2023 40,989 kWh per inhabitant in Velsen, over 29 times as high as in the "
           "surrounding region (1,410 kWh per inhabitant); in 2016 it was over 26 times as "
           "high. The difference grows significantly.",
     "in 2023 Velsen was over 29 times as high as the surrounding region; in 2016 it was "
     "over 26 times as high.")])
def test_a_gap_sentence_says_the_multiple(lang: str, levels: str, relative: str) -> None:
    """Velsen's delivered electricity (2016-2023): with its levels, and without them (where
    they would not show the gap) 'lag Velsen ruim 29 keer zo hoog als het ommeland'."""
    fact = {**VELSEN, "title": TITLES[lang]}
    s = Writer("GM0453", "Velsen", lang).indicator(fact, "gap_widening")
    assert s.text == f"{TITLES[lang]}: {levels}"
    assert [(c.field, c.year) for c in s.cites][2:] == [("gap_last_multiple", 2023),
                                                        ("gap_first_multiple", 2016)]
    assert s.cites[2].value == pytest.approx(29.0606365) and "%" not in s.text
    bare = {**fact, "gap": {**fact["gap"], "city_last": None}}
    text = Writer("GM0453", "Velsen", lang).indicator(bare, "gap_widening").text
    assert text.startswith(f"{TITLES[lang]}: {relative}")
    below = {**fact, "gap": {**fact["gap"], "first_pct": -95.0, "last_pct": -96.0,
                             "city_last": 40.0, "omm_last": 1000.0,
                             "classification": "stable", "movement": "stable"}}
    text = Writer("GM0453", "Velsen", lang).indicator(below, "gap_widening").text
    assert ("96% lager dan in het ommeland" if lang == "nl" else
            "96% lower than in the surrounding region") in text  # far below: a percentage


def _multiple_gap_cities(wh) -> list[str]:
    """The municipalities with a gap trend whose first or last city figure is ten times the
    ommeland's or more, or whose latest gap is (the city page's row)."""
    return [r[0] for r in wh.execute(
        "SELECT region_code FROM region_gap_trends WHERE first_ratio >= 10 OR last_ratio >= 10 "
        "UNION SELECT region_code FROM region_gaps g WHERE ratio >= 10 AND year = (SELECT "
        "max(year) FROM region_gaps x WHERE x.region_code = g.region_code "
        "AND x.indicator_id = g.indicator_id) ORDER BY 1").fetchall()]


@pytest.fixture(scope="module")
def reports(warehouse_path) -> dict[tuple[str, str], tuple[object, dict]]:
    """(code, lang) -> (data, report context) of every :func:`_multiple_gap_cities`."""
    out = {}
    with connect(warehouse_path) as con:
        for code in _multiple_gap_cities(con):
            data = kept_city(con, code)
            for lang in ("nl", "en"):
                out[code, lang] = (data, builder.city_context(data, lang, None))
    return out


#: the gap sentences of the snapshot with a multiple: Velsen's delivered electricity (29,06
#: times in 2023, 26,26 in 2016) and Ameland's solar capacity (10,75 times in 2016, 98% more
#: in 2023); before '2.806% hoger dan in het ommeland ...; in 2016 was dat 2.526% hoger' and
#: 'in 2016 was dat 975% hoger'
SAID = {
    ("GM0453", "nl"): "in Velsen, ruim 29 keer zo hoog als in het ommeland (1.410 kWh per "
                      "inwoner); in 2016 was dat ruim 26 keer zo hoog.",
    ("GM0453", "en"): "in Velsen, over 29 times as high as in the surrounding region (1,410 "
                      "kWh per inhabitant); in 2016 it was over 26 times as high.",
    # one form a sentence (session 53): 1,98 times as high, not '98% hoger' beside 'bijna 11'
    ("GM0060", "nl"): "in Ameland, 2 keer zo hoog als in het ommeland (1.557 Wp per inwoner); "
                      "in 2016 was dat bijna 11 keer zo hoog.",
    ("GM0060", "en"): "in Ameland, 2 times as high as in the surrounding region (1,557 Wp per "
                      "inhabitant); in 2016 it was almost 11 times as high.",
}


def test_the_real_gaps_of_ten_times_or_more_read_as_multiples(wh, reports) -> None:
    """On the snapshot: 21 gap trends of 19 municipalities have a city figure ten times the
    ommeland's or more; the reports print two of them (the others do not move significantly
    or have no verdict). Each of their sentences cites the multiple, which parses back to the
    warehouse's ratio (``check_cite``); the table cells say it alike."""
    n = wh.execute("SELECT count(*), count(DISTINCT region_code) FROM region_gap_trends "
                   "WHERE first_ratio >= 10 OR last_ratio >= 10").fetchone()
    assert n[0] >= 20 and n[1] >= 18, n
    found = set()
    for (code, lang), (data, ctx) in reports.items():
        region = ctx["divide"]["city_region"]
        rows = {r[0]: r for f in region["figures"] for r in f["table"]["rows"]}
        for s in builder.collect_sentences(ctx):
            if not any(c.field.startswith("gap_") for c in s.cites):
                continue  # not a gap sentence
            for cite in s.cites:
                check_cite(wh, cite, lang)  # a multiple from ten times, else below +900%
            cites = [c for c in s.cites if c.field.endswith("_multiple")]
            if not cites:
                continue
            found.add((code, lang))
            assert (code, lang) not in SAID or SAID[code, lang] in s.text, s.text
            row = rows[data.catalogue[s.indicator_id][f"title_{lang}"]]
            for cite in cites:  # between two percentages the points first (gap_points)
                cell = row[1] if cite.field == "gap_first_multiple" else row[2]
                # '*': a recalculated year's mark after it (figure_notes.marked)
                assert cell.startswith(f"{cite.year}: ") and cell.rstrip("*").endswith(
                    cite.shown), (cell, cite)
    assert found >= set(SAID), found


_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,]\d+)?\s?%")


def test_no_report_prints_a_percentage_of_900_or_more(reports) -> None:
    """Every report (nl, en; the page and its print version, with its tables and the text
    of its charts) of a municipality with a gap of ten times or more: no percentage of
    +900% or more anywhere, a gap's or a trend's ('2.806% hoger', '+1.935%')."""
    seen = 0
    for (code, lang), (_, ctx) in reports.items():
        charts = json.dumps([f["spec"].get("datasets") for f in builder.figures_of(ctx)],
                            ensure_ascii=False)
        for pdf in (False, True):
            page = html.unescape(re.sub(r"<[^>]+>", " ", builder.render("city.html.j2", ctx,
                                                                       pdf=pdf)))
            for m in _PERCENT.finditer(page + charts):
                seen += 1
                number = int(re.sub(r"[.,]", "", m.group(1)))
                assert number < 900, (code, lang, (page + charts)[m.start() - 120:m.end()])
    assert seen > 1000


def test_a_gap_sentence_gives_one_form(wh) -> None:
    """Deventer's registered thefts (2017-2024) read 'in 2024 20,6 (voorlopig) in Deventer,
    167% hoger dan in het ommeland (7,7); in 2017 was dat 3,5 keer zo hoog' before session
    53: two forms of one measure in one sentence. Where one end is a multiple and the other
    lies above the ommeland too, both are multiples ('2,7 keer zo hoog'); of the snapshot's
    17 moving gaps so, those checked here read one form."""
    rows = wh.execute("""
        SELECT region_code, indicator_id FROM region_gap_trends
        WHERE classification IN ('diverging', 'converging', 'crossing')
          AND first_pct > 0 AND last_pct > 0 AND (first_pct >= 200) != (last_pct >= 200)
          AND NOT coalesce(starts_level, false) AND NOT coalesce(ends_level, false)
        ORDER BY region_code = 'GM0150' DESC, 1, 2 LIMIT 4""").fetchall()
    assert rows[0][0] == "GM0150", rows
    for code, ind in rows:
        data = kept_city(wh, code).in_language("nl")
        kind = {"diverging": "gap_widening", "converging": "gap_narrowing",
                "crossing": "gap_crossing"}[data.gap_trends[ind]["classification"]]
        s = data.writer("nl").indicator(sections.fact(data, ind, "nl"), kind)
        text = s.text.replace("\xa0", " ")
        assert text.count("keer zo hoog") == 2 and not re.search(r"\d% (hoger|lager)", text), text
        for c in s.cites:
            check_cite(wh, c, "nl")
        if code == "GM0150":  # its thefts: 2,67 times as high in 2024
            assert "2,7 keer zo hoog als in het ommeland" in text, text


def test_a_gap_across_the_ommeland_gives_one_form(wh) -> None:
    """Veendam's solar capacity per inhabitant (2016-2023) read 'in 2023 ... 53% lager dan in
    het ommeland ...; in 2016 was dat 4,4 keer zo hoog' before session 54: a multiple beside
    a percentage, as 8 crossing gap sentences of the snapshot did (one end three times as
    high or more, the other below the ommeland; no multiple says that end). Both ends are
    percentages now ('340% hoger'), as the table row; cited as ``gap_<end>_pct``."""
    rows = wh.execute("""
        SELECT region_code, indicator_id FROM region_gap_trends
        WHERE classification = 'crossing' AND least(first_pct, last_pct) < 0
          AND greatest(first_pct, last_pct) >= 200
          AND NOT coalesce(starts_level, false) AND NOT coalesce(ends_level, false)
        ORDER BY region_code = 'GM0047' DESC, 1, 2""").fetchall()
    assert len(rows) == 8 and rows[0] == ("GM0047", "solar_capacity_per_inhabitant"), rows
    tables = 0
    for code, ind in rows:
        for lang, times, pct in (("nl", "keer zo hoog", r"\d% (?:hoger|lager)"),
                                 ("en", "times as high", r"\d% (?:higher|lower)")):
            data = kept_city(wh, code).in_language(lang)
            s = data.writer(lang).indicator(sections.fact(data, ind, lang), "gap_crossing")
            text = s.text.replace("\xa0", " ")
            assert times not in text and len(re.findall(pct, text)) == 2, text
            assert {c.field for c in s.cites} >= {"gap_first_pct", "gap_last_pct"}, s.cites
            for c in s.cites:
                check_cite(wh, c, lang)
            region = builder.city_context(data, lang, None)["divide"]["city_region"]
            title = data.catalogue[ind][f"title_{lang}"]
            for row in (r for f in region["figures"] for r in f["table"]["rows"]
                        if str(r[0]).startswith(title)):  # the table's, where it shows one
                tables += 1
                assert times not in row[1] + row[2], row  # in the sentence's form
            if code == "GM0047" and lang == "nl":
                assert "53% lager dan in het ommeland" in text and \
                    "in 2016 was dat 340% hoger" in text, text
    assert tables
