"""A figure on a count CBS rounds coarsely for the city carries 'berekend uit afgerond aantal'
wherever it is printed, by one rule (sentence_words.year_flags, rounding.coarse_years):
Schiermonnikoog's jobs per 1 000 inhabitants of 2023, 611, rest on 0,6 thousand jobs in
83582NED (550 to 649: 560 to 661 per 1 000). Before, the report's front page printed
'611 per 1 000 inwoners (voorlopig)', the tile and the profile's table the same."""

from __future__ import annotations

import re

from stadstrends.publish.report.builder import city_context, render
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.front import front
from stadstrends.publish.rounding import coarse_years
from stadstrends.publish.sentence_words import figure_marks, flag_words, year_flags
from tests.publish.loaded import kept_city

WORD = "berekend uit afgerond aantal"


def test_flags_say_a_coarse_count_once() -> None:
    row = {"provisional": [2023], "coarse_years": [2022, 2023], "rounded_zero": [2023],
           "recomputed": [2022]}
    assert year_flags(row, 2022)["coarse"] and not year_flags(row, 2021)["coarse"]
    # a count rounded to 0 says so in its own words, not beside the coarse ones (h47g)
    assert not year_flags(row, 2023)["coarse"] and year_flags(row, 2023)["rounded_zero"]
    assert figure_marks(row, 2023, "nl") == ["voorlopig", "berekend uit een op 0 afgerond aantal"]
    # recomputed and coarse: two claims, said in one mark, 'berekend' once (h50l; h49e printed
    # 'berekend door Stadstrends, berekend uit afgerond aantal')
    assert figure_marks(row, 2022, "nl") == ["door Stadstrends berekend uit afgerond aantal"]
    assert figure_marks(row, 2022, "en") == ["computed by Stadstrends from a rounded count"]
    assert figure_marks({**row, "rounded_zero": [2022]}, 2022, "nl") == [
        "door Stadstrends berekend uit een op 0 afgerond aantal"]
    assert figure_marks(row, 2021, "nl") == []
    assert flag_words({"coarse": True}, "en") != flag_words({"recomputed": True}, "en")


def test_front_key_figure_of_coarse_jobs_is_marked(wh) -> None:
    assert 2023 in coarse_years(wh, "GM0088")["job_ratio"]
    data = kept_city(wh, "GM0088").in_language("nl")
    key = {k["label"]: f"{k['value']} {k['marks']}" if k["marks"] else k["value"]
           for k in front(data, "nl", None)["key_figures"]}
    jobs = key[data.catalogue["job_ratio"]["title_nl"]].replace("\xa0", " ")
    assert jobs == f"611 per 1 000 inwoners (voorlopig, {WORD})", jobs  # marks bracketed
    # a figure on a count CBS does not round coarsely for the city keeps its marks only
    assert all(WORD not in v for k, v in key.items() if "Banen" not in k), key



def test_a_counts_own_figure_is_not_computed_from_anything(wh) -> None:
    """Vlieland's 700 jobs of 2023 are CBS's count rounded to hundreds, not a figure computed
    from one: the sentence says CBS rounds it, no 'berekend uit afgerond aantal' (it did, as
    the profile's table, after the coarse-count mark came in); a rate on it keeps the mark."""
    from stadstrends.publish.profile_parts import domain_part
    from stadstrends.publish.report.data import fact

    data = kept_city(wh, "GM0096").in_language("nl")
    jobs = data.writer("nl").indicator(fact(data, "jobs_employees", "nl")).text
    assert "700 (voorlopig) in 2023" in jobs and "rondt dit aantal af op honderdtallen" in jobs
    assert WORD not in jobs, jobs
    rows = {r["indicator_id"]: r for d in domain_part(wh, "GM0096", "CR04")
            for r in d["indicators"]}
    assert WORD not in figure_marks(rows["jobs_employees"], 2023, "nl")
    assert "jobs_employees" not in coarse_years(wh, "GM0096")


#: 'van 8,4 (berekend uit afgerond aantal) in 2021 naar 7,7 (...) in 2023': a trend's two
#: figures, each with its bracket of marks, in either language
CHANGE = re.compile(r"\b(?:van|from) [^()]+?(?: \(([^)]*)\))? in (\d{4}) (?:naar|to) "
                    r"[^()]+?(?: \(([^)]*)\))? in (\d{4})")


def test_every_coarse_figure_of_a_sentence_is_marked(wh) -> None:
    """Each figure of a sentence that rests on a count CBS rounds coarsely says so, not the
    first one only: Vlieland's youth care per 1 000 was 'van 8,4 (berekend uit afgerond
    aantal) in 2021 naar 7,7 in 2023', and 7,7 rests on a count rounded to fives too. Over
    the trend clauses of four Wadden islands' indicators in both languages (on the 2025
    snapshot 68 of the 138 such figures went unmarked)."""
    words = {lang: (flag_words({"coarse": True}, lang)[0],
                    flag_words({"rounded_zero": True}, lang)[0]) for lang in ("nl", "en")}
    checked = 0
    for code in ("GM0088", "GM0096", "GM0060", "GM0093"):
        for lang in ("nl", "en"):
            data = kept_city(wh, code).in_language(lang)
            coarse = coarse_years(wh, code)
            w = data.writer(lang)
            for ind in data.trends:
                years = set(coarse.get(ind, []))
                if not years:
                    continue
                text = w.indicator(fact(data, ind, lang)).text.replace("\xa0", " ")
                for m in CHANGE.finditer(text):
                    for marks, year in ((m[1], m[2]), (m[3], m[4])):
                        if int(year) in years:
                            checked += 1
                            assert any(x in (marks or "") for x in words[lang]), (ind, text)
    assert checked > 100, checked
    data = kept_city(wh, "GM0096").in_language("nl")
    text = data.writer("nl").indicator(fact(data, "youth_care_per_1000", "nl")).text
    assert f"van 8,4 ({WORD}) in 2021 naar 7,7 ({WORD}) in 2023" in text, text


def test_front_key_figure_title_and_year_in_one_bracket(wh) -> None:
    """'Banen per 1 000 inwoners (baanintensiteit) (2023)' read two brackets in a row (before
    session 53): a title that ends in a bracket takes the year into it."""
    data = kept_city(wh, "GM0150").in_language("nl")
    keys = {k["label"]: k["head"] + ("" if k["year_text"].startswith(",") else " ")
            + k["year_text"] for k in front(data, "nl", None)["key_figures"]}
    jobs = keys[data.catalogue["job_ratio"]["title_nl"]]
    assert jobs.startswith("Banen per 1 000 inwoners (baanintensiteit, 20"), jobs
    assert all(") (" not in v for v in keys.values()), keys
    page = render("city.html.j2", city_context(data, "nl", None), pdf=False)
    assert "(baanintensiteit" in page and "(baanintensiteit) <span" not in page
    assert re.search(r"\(baanintensiteit<span class=\"year\">, 20\d\d\)</span>", page)
