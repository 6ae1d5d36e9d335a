"""Every number in a generated sentence equals the warehouse value it cites."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city
from stadstrends.publish.sentences import MEASURES, Cite, Writer, unit_text

CITIES = ["Eindhoven", "Zwolle", "Almere", "'s-Hertogenbosch", "Heerlen"]

# field -> (SQL returning one value, key order); fresh queries, independent of the report code
SQL = {
    "value": "SELECT value FROM indicator_values WHERE indicator_id = $i AND region_code = $r "
             "AND year = $y",
    "abs_change": "SELECT abs_change FROM trends WHERE indicator_id = $i AND region_code = $r "
                  "AND last_year = $y",
    "rel_change": "SELECT rel_change FROM trends WHERE indicator_id = $i AND region_code = $r "
                  "AND last_year = $y",
    "mk_p": "SELECT mk_p FROM trends WHERE indicator_id = $i AND region_code = $r "
            "AND last_year = $y",
    "n_points": "SELECT n_points FROM trends WHERE indicator_id = $i AND region_code = $r "
                "AND last_year = $y",
    "g40_median": "SELECT g40_median FROM benchmarks WHERE indicator_id = $i "
                  "AND region_code = $r AND year = $y",
    "ommeland_value": "SELECT ommeland_value FROM benchmarks WHERE indicator_id = $i "
                      "AND region_code = $r AND year = $y",
    "nl_value": "SELECT nl_value FROM benchmarks WHERE indicator_id = $i AND region_code = $r "
                "AND year = $y",
    "gap_first": "SELECT first_gap FROM region_gap_trends WHERE indicator_id = $i "
                 "AND region_code = $r AND first_year = $y",
    "gap_last": "SELECT last_gap FROM region_gap_trends WHERE indicator_id = $i "
                "AND region_code = $r AND last_year = $y",
    "gap_p": "SELECT mk_p FROM region_gap_trends WHERE indicator_id = $i AND region_code = $r "
             "AND last_year = $y",
    "ineq_first": "SELECT first_value FROM inequality_trends WHERE measure = $i "
                  "AND region_code = $r AND first_year = $y",
    "ineq_last": "SELECT last_value FROM inequality_trends WHERE measure = $i "
                 "AND region_code = $r AND last_year = $y",
    "ineq_p": "SELECT mk_p FROM inequality_trends WHERE measure = $i AND region_code = $r "
              "AND last_year = $y",
    "ineq_value": "SELECT value FROM inequality WHERE measure = $i AND region_code = $r "
                  "AND year = $y",
}


def parse(shown: str, lang: str) -> tuple[str, float, int]:
    """('<' or '=', number, decimals) of a printed number like '+1.234,5%' or '< 0,001'."""
    op = "<" if shown.startswith("<") else "="
    text = shown.lstrip("< ").rstrip("%").replace("−", "-").replace("+", "")
    if lang == "nl":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return op, float(text), decimals


def check_cite(con, cite: Cite, lang: str) -> None:
    rows = con.execute(SQL[cite.field], {"i": cite.indicator_id, "r": cite.region_code,
                                         "y": cite.year}).fetchall()
    assert len(rows) == 1, f"{cite}: {len(rows)} warehouse rows"
    fresh = rows[0][0] * cite.scale
    op, shown, decimals = parse(cite.shown, lang)
    if op == "<":
        assert fresh < shown, cite
    else:
        assert abs(fresh - shown) <= 0.5 * 10 ** -decimals + 1e-9, (cite, fresh)


def strip_known(text: str, sentence, phrases: list[str]) -> str:
    """The text without its cited numbers, years and number-bearing titles and units."""
    for cite in sentence.cites:
        pattern = rf"(?<![\d.,]){re.escape(cite.shown)}(?![\d]|[.,]\d)"
        assert re.search(pattern, text), (cite.shown, text)
        text = re.sub(pattern, " ", text, count=1)
    for phrase in phrases:
        text = text.replace(phrase, " ")
    for year in sentence.years:
        text = re.sub(rf"(?<!\d){year}(?!\d)", " ", text, count=1)
    return text


@pytest.fixture()
def phrases(wh) -> list[str]:
    titles = [t for row in wh.execute("SELECT title_nl, title_en FROM indicators").fetchall()
              for t in row]
    units = [u for row in wh.execute("SELECT DISTINCT unit FROM indicators").fetchall()
             for u in row]
    extra = [unit_text(u, lang) for u in units for lang in ("nl", "en")] + [
        m for pair in MEASURES.values() for m in pair] + ["G40"]
    found = [p for p in titles + units + extra if p]
    found += [p[0].lower() + p[1:] for p in found] + [p[0].upper() + p[1:] for p in found]
    return sorted(set(found), key=len, reverse=True)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_sentence_numbers_match_warehouse(wh, phrases, city: str, lang: str) -> None:
    data = load_city(wh, city)
    ctx = builder.city_context(data, lang, None)
    sentences = builder.collect_sentences(ctx)
    assert len(sentences) >= 10
    n_cites = 0
    for s in sentences:
        for cite in s.cites:
            check_cite(wh, cite, lang)
            n_cites += 1
        rest = strip_known(s.text, s, phrases)
        assert not re.search(r"\d", rest), (s.text, rest)
    assert n_cites >= 40


def test_dutch_and_english_templates() -> None:
    fact = {"indicator_id": "unemployment_rate", "title": "Werkloosheid", "unit": "%",
            "trend": {"first_year": 2017, "last_year": 2024, "first_value": 6.4,
                      "last_value": 4.0, "abs_change": -2.4, "rel_change": -0.375,
                      "mk_p": 0.0141, "classification": "falling", "indicative": False,
                      "n_points": 8},
            "bench": {"year": 2024, "value": 4.0, "g40_median": 3.8, "percentile_g40": 60.0,
                      "ommeland_value": 3.1},
            "gap": None}
    nl = Writer("GM0772", "Eindhoven", "nl").indicator(fact)
    assert nl.text == (
        "Werkloosheid daalde van 6,4% in 2017 naar 4,0% in 2024 (−2,4 procentpunt), een "
        "significante trend (p = 0,014). Eindhoven zit daarmee boven de mediaan van de G40 "
        "(mediaan 3,8%) en hoger dan het ommeland (3,1%).")
    en = Writer("GM0772", "Eindhoven", "en").indicator({**fact, "title": "Unemployment"})
    assert "fell from 6.4% in 2017 to 4.0% in 2024 (−2.4 percentage points)" in en.text
    assert [c.field for c in nl.cites] == ["value", "value", "abs_change", "mk_p",
                                           "g40_median", "ommeland_value"]
    big = {**fact, "title": "Inwoners op 1 januari", "unit": "inwoners",
           "trend": {**fact["trend"], "first_value": 1234.4, "last_value": 120000.0,
                     "rel_change": 0.1234}}
    text = Writer("GM0772", "Eindhoven", "nl").indicator(big).text
    assert "van 1.234 in 2017 naar 120.000 in 2024 (+12,3%)" in text
