"""The report's source list links every table number to StatLine: the English report to
CBS's English edition where there is one (37259eng), else to the Dutch table, and its
note and titles say what is Dutch (the real snapshot: CBS's English titles only for
37259eng). The English report named 'StatLine (opendata.cbs.nl)' only, and printed CBS's
Dutch titles unmarked."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder

EN = "https://opendata.cbs.nl/statline/#/CBS/en/dataset/"
NL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/"


@pytest.fixture(scope="module")
def zwolle(city_reports):
    return city_reports(["Zwolle"])[1]["Zwolle"]


def test_the_english_source_list_links_and_marks_dutch(zwolle) -> None:
    _, ctxs = zwolle
    table = ctxs["en"]["acc"]["sources"]
    ids = [r[0].split(" ")[0] for r in table["rows"]]
    links = dict(zip(ids, table["links"], strict=True))
    assert links["37259eng"] == {"url": EN + "37259eng", "language": "en"}
    assert links["83582NED"] == {"url": NL + "83582NED", "language": "nl"}
    titles = dict(zip(ids, [r[1] for r in table["rows"]], strict=True))
    assert titles["37259eng"] == "Population dynamics; birth, death and migration per region"
    assert titles["83582NED"] == ("Banen van werknemers in december; economische activiteit "
                                  "(SBI2008), regio (CBS's Dutch title)")
    assert "in Dutch except for CBS's English editions" in table["note"]
    dutch = ctxs["nl"]["acc"]["sources"]
    assert all(link["language"] == "nl" for link in dutch["links"] if link)
    # a source that is no StatLine table (kwb2019, a file from elsewhere) is not linked
    assert all((link is None) == (not re.fullmatch(r"\d{5}\w{0,4}", r[0].split(" ")[0]))
               for r, link in zip(dutch["rows"], dutch["links"], strict=True))
    assert "CBS" in dutch["note"] and not any("Dutch" in r[1] or "Nederlandse titel" in r[1]
                                              for r in dutch["rows"])


def test_the_report_html_links_each_table_number(zwolle) -> None:
    _, ctxs = zwolle
    page = builder.render("city.html.j2", ctxs["en"], pdf=False)
    assert f'<a href="{EN}37259eng" hreflang="en">37259eng</a>' in page
    assert f'<a href="{NL}83582NED" hreflang="nl">83582NED</a>' in page
