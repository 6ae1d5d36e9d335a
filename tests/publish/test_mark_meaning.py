"""'berekend uit afgerond aantal' / 'computed from a rounded count' is one claim, printed in one
form, once a paragraph (real snapshot; the reports of Vlieland and Enschede, nl and en).

The claim: the figure rests on a count CBS rounds coarsely for the city (``coarse_years``,
``marked_coarse``; a count rounded to 0 has its own words). A figure Stadstrends divided from
CBS's count because CBS publishes no rate (``recomputed``) is another claim with its own words,
'berekend door Stadstrends': Vlieland's 39,8 crimes per 1 000 of 2024 rest on 50 crimes,
rounded to fives (2,5 of 50: not coarse); the tiles and the profile's table called it
'berekend uit afgerond aantal' while the report did not (h49e). The marks after a figure are
one bracketed list in the words file's form ('(voorlopig, berekend uit afgerond aantal)'; the
report's sentences joined them with '; '). A figure cited again in its paragraph carries its
marks with its first citation: Enschede's net growth of its dwelling stock, '0,0 in 2023
(berekend uit een op 0 afgerond aantal)', and the trend after it 'naar 0,0 (...) in 2023';
Vlieland's thefts, 23,9 of 2024, the same.
"""

from __future__ import annotations

import re

from stadstrends.publish.harmonised import marked_years
from stadstrends.publish.profile_parts import domain_part
from stadstrends.publish.report.builder import collect_sentences
from stadstrends.publish.report.data import fact
from stadstrends.publish.rounding import coarse_years, rounded_zeros
from stadstrends.publish.sentence_words import WORDS, figure_marks

CITIES = ["GM0096", "GM0153", "GM0376"]  # Vlieland, Enschede, Blaricum
#: the words of the claim (a coarse count; a count rounded to 0)
CLAIM = ("coarse_short", "rounded_zero_short")


def _claims(lang: str) -> list[str]:
    return [WORDS[lang][k] for k in CLAIM]


def _in_form(text: str, word: str, lang: str) -> tuple[int, int]:
    """(all occurrences of ``word``, those in the one form: a bracket whose items the
    language's separator joins)."""
    sep = re.escape(WORDS[lang]["marks_sep"])
    form = rf"\((?:[^()]*?{sep})?{re.escape(word)}(?:{sep}[^()]*)?\)"
    bare = len(re.findall(rf"{re.escape(word)}(?! afgerond)", text))
    return bare, len(re.findall(form, text))


def test_vlielands_crimes_are_computed_by_stadstrends_not_from_a_coarse_count(wh) -> None:
    assert 2024 in marked_years(wh, "GM0096", "recomputed")["crimes_per_1000"]
    assert 2024 not in coarse_years(wh, "GM0096").get("crimes_per_1000", ())
    rows = {r["indicator_id"]: r for d in domain_part(wh, "GM0096", "CR04")
            for r in d["indicators"]}
    for lang in ("nl", "en"):  # the profile's table (CLI, API) and the tiles read these
        marks = figure_marks(rows["crimes_per_1000"], 2024, lang)
        assert WORDS[lang]["recomputed_short"] in marks, marks
        assert WORDS[lang]["coarse_short"] not in marks, marks
        # the thefts of 2024 rest on 30 thefts rounded to fives: both claims, in one mark
        thefts = figure_marks(rows["thefts_per_1000"], 2024, lang)
        assert WORDS[lang]["recomputed_coarse_short"] in thefts, thefts


def test_report_marks_one_claim_in_one_form_once_a_paragraph(city_reports) -> None:
    con, reports = city_reports(CITIES)
    checked = formed = 0
    for code in CITIES:
        coarse, zeros = coarse_years(con, code), rounded_zeros(con, code)
        _, contexts = reports[code]
        for lang, ctx in contexts.items():
            words = _claims(lang)
            for s in collect_sentences(ctx):
                if s is None or not s.text:
                    continue
                said = sum(_in_form(s.text, w, lang)[0] for w in words)
                # each own figure on a coarse count (or one rounded to 0) once, however often
                # the paragraph cites it
                figures = {(c.indicator_id, c.year) for c in s.cites
                           if c.field == "value" and c.region_code == code
                           and c.year in set(coarse.get(c.indicator_id, ()))
                           | set(zeros.get(c.indicator_id, ()))}
                assert said <= len(figures), (code, lang, s.text)
                checked += said
                for w in words:
                    bare, in_form = _in_form(s.text, w, lang)
                    assert bare == in_form, (w, s.text)
                    formed += in_form
            for k in ctx["front"]["key_figures"]:  # '(voorlopig, berekend uit ...)'
                for w in words:
                    bare, in_form = _in_form(k["marks"], w, lang)
                    assert bare == in_form, k
    assert checked >= 20 and formed == checked, (checked, formed)


def test_enschedes_zero_and_vlielands_thefts_are_marked_once(city_reports) -> None:
    _, reports = city_reports(CITIES)
    for code, ind, figure in (("GM0153", "dwelling_stock_growth_per_1000", "0,0"),
                              ("GM0096", "thefts_per_1000", "23,9")):
        data, _ = reports[code]
        d = data.in_language("nl")
        text = d.writer("nl").indicator(fact(d, ind, "nl"), "group_deviation").text
        assert text.count(figure) >= 2, text  # the level and the trend's last figure
        marked = [m for w in _claims("nl") for m in re.findall(
            rf"{figure}(?: in \d{{4}})? \([^()]*{re.escape(w)}[^()]*\)", text)]
        assert len(marked) == 1 and text.index(marked[0]) == text.index(figure), text


def test_a_provisional_figure_is_marked_once_a_paragraph(city_reports) -> None:
    """'voorlopig' follows the rounding mark's rule (h50g): with a figure's first citation in
    its paragraph only. Enschede's crimes per 1 000 read '58,9 in 2024 (voorlopig)' and then
    the trend's 'naar 58,9 (voorlopig) in 2024' (Zwolle's gas use, thefts, jobs likewise)."""
    con, reports = city_reports(CITIES)
    checked = 0
    for code in CITIES:
        provisional = {(i, int(y)) for i, y in con.execute(
            "SELECT indicator_id, year FROM indicator_values WHERE region_code = ? "
            "AND provisional", [code]).fetchall()}
        _, contexts = reports[code]
        for lang, ctx in contexts.items():
            word = re.escape(WORDS[lang]["provisional"])
            for s in collect_sentences(ctx):
                if s is None or not s.text:
                    continue
                figures = {(c.indicator_id, c.year) for c in s.cites if c.field == "value"
                           and c.region_code == code and (c.indicator_id, c.year) in provisional}
                said = len(re.findall(rf"[(, ]{word}[,)]", s.text))
                assert said <= len(figures), (code, lang, s.text)
                checked += said
    assert checked >= 20, checked
    data, _ = reports["GM0153"]
    d = data.in_language("nl")
    text = d.writer("nl").indicator(fact(d, "crimes_per_1000", "nl"), "group_deviation").text
    assert "58,9 in 2024 (voorlopig)" in text and "naar 58,9 in 2024" in text, text
    assert text.count("voorlopig") == 1, text
