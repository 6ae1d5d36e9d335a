"""'Wat ontbreekt' names every year the city lacks between its first and last, with the reason
`show` gives (real snapshot; one source: the reasons the indicators stage stores for every year
of a series' span, ``indicators/span_gaps.py``). Zwolle's
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
from stadstrends.publish.queries import series_gaps
from stadstrends.publish.report import builder, sections
from stadstrends.publish.report.gap_words import city_left_out
from stadstrends.vocabulary import word
from tests.publish.loaded import connect, kept_city

NO_SOURCE = word("nl", "reasons", "no_source_for_years")
EXPECTED = {"Bijstandsuitkeringen per 1 000 inwoners": "2015–2023 (9)"}
CUT = ("Stadstrends heeft CBS-tabel 60039fvw niet compleet: de tabel houdt op bij Zevenaar; "
       "de gemeenten die in het alfabet daarna komen, zoals Zwolle, ontbreken, omdat het CBS "
       "bij één keer ophalen hoogstens 10.000 rijen van een tabel levert")


@pytest.fixture(scope="module")
def zwolle(warehouse_path):

    con = connect(warehouse_path)
    try:
        yield con, kept_city(con, "GM0193")
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
    figure are exactly those of its 'Wat ontbreekt' rows (the catalogue's omitted years with
    their caveat), each with `show`'s reason (:func:`series_gaps`, the stored rows)."""
    con, data = zwolle
    for ind, cov in data.coverage.items():
        said = series_gaps(con, "GM0193", ind)
        shown = {(g["reason"], tuple(g["years"])) for g in data.gap_reasons
                 if g["indicator_id"] == ind}
        assert shown == {(g["reason"], tuple(g["years"])) for g in said}, ind
        left = {y for years, _ in city_left_out(data, ind, "nl") for y in years}
        assert left == {y for g in said if g["reason"] == "omitted_by_catalogue"
                        for y in g["years"]}, ind
        years = {y for g in said for y in g["years"]} | set(cov["years"])
        span = range(min(years), max(years) + 1)
        assert set(span) <= years, (ind, fmt_years(sorted(set(span) - years)))


def test_gas_says_why_the_catalogue_leaves_2015_2016_out(zwolle) -> None:
    """The catalogue leaves gas delivered per inhabitant out in 2015-2016 (CBS's totals then
    lack the power stations' gas): 'Wat ontbreekt' gives that caveat for those years, and no
    row says 'geen bron' for them (the tables do have those years)."""
    _, data = zwolle
    rows = sections.accountability(data, "nl")["missing"]["rows"]
    gas = [r for r in rows if r[0] == data.catalogue["gas_delivered_per_inhabitant"]["title_nl"]]
    assert [r[2] for r in gas] == ["2015–2016 (2)"], gas
    assert gas[0][1].startswith("Zonder 2015 en 2016."), gas


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
