"""'Wat ontbreekt' names every year the city lacks between its first and last, with the reason
`show` gives (real snapshot; one source: :mod:`stadstrends.publish.year_reasons`). Zwolle's
report listed only 2009-2014 for Bijstandsuitkeringen (a cut snapshot file) while `show` and
the empty chart have 2009-2023: 2015-2023 have no source. The share of 65-plussers (2018,
2020-2022) and of 75-plussers (2018-2022) said 'geen bron' too, while 60039fvw has those rows
without age figures: Zwolle's are the copy's cut, as its 2010-2017. The tweedeling's 'er zijn
geen cijfers voor 2018–2022' gets the reason most municipalities store ('waarde ontbreekt in
de bron'), not Zwolle's own (the cut is not why no region has a figure)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.format import fmt_years
from stadstrends.publish.queries import series_gaps, unexplained_gaps
from stadstrends.publish.report import builder, sections
from stadstrends.publish.report.data import load_city
from stadstrends.vocabulary import word

NO_SOURCE = word("nl", "reasons", "no_source_for_years")
EXPECTED = {"Bijstandsuitkeringen per 1 000 inwoners": "2015–2023 (9)"}
CUT = ("niet in deze momentopname: het CBS-bestand van tabel 60039fvw is afgekapt en loopt tot "
       "en met gemeente Zevenaar")


@pytest.fixture(scope="module")
def zwolle(warehouse_path):
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        yield con, load_city(con, "GM0193")
    finally:
        con.close()


def test_the_table_names_the_years_without_a_source(zwolle) -> None:
    _, data = zwolle
    rows = sections.accountability(data, "nl")["missing"]["rows"]
    for title, years in EXPECTED.items():
        assert [title, NO_SOURCE, years] in rows, [r for r in rows if r[0] == title]
    ages = [r for r in rows if r[0] in ("Aandeel 65-plussers", "Aandeel 75-plussers")]
    assert ages == [["Aandeel 65-plussers", CUT, "2010–2018, 2020–2022 (12)"],
                    ["Aandeel 75-plussers", CUT, "2007–2022 (16)"]], ages


def test_every_missing_year_is_named_as_show_names_it(zwolle) -> None:
    """Per indicator with figures: the years between the city's first and last without a
    figure are exactly those of its 'Wat ontbreekt' rows, each with `show`'s reason."""
    con, data = zwolle
    for ind, cov in data.coverage.items():
        gaps = series_gaps(con, "GM0193", ind)
        said = gaps + unexplained_gaps(con, "GM0193", ind, list(cov["years"]), gaps)
        omitted = set(data.catalogue[ind].get("omitted_years") or ())
        shown = {(g["reason"], tuple(g["years"])) for g in data.gap_reasons
                 if g["indicator_id"] == ind}
        assert shown == {(g["reason"], tuple(y for y in g["years"] if y not in omitted))
                         for g in said if set(g["years"]) - omitted}, ind
        years = {y for g in said for y in g["years"]} | set(cov["years"]) | omitted
        span = range(min(years), max(years) + 1)
        assert set(span) <= years, (ind, fmt_years(sorted(set(span) - years)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tweedeling_says_why_there_are_no_figures(zwolle, lang: str) -> None:
    _, data = zwolle
    html = builder.render("city.html.j2", builder.city_context(data, lang, None), pdf=False)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u2060", "")
    plain = {"nl": "er zijn geen cijfers voor 2018–2022", "en": "there are no figures for "
             "2018–2022"}[lang]
    why = word(lang, "reasons", "missing_in_source")
    assert f"{plain} ({why})" in text
    assert not re.search(re.escape(plain) + r"[;.]", text)
