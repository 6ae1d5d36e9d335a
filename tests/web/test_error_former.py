"""A former municipality that went into one later divided (Adorp into Winsum in 1990, Winsum
divided in 2019; Esch into Haaren, Haaren divided in 2021) is on the pages that need one of
today's what its own page (/gemeente/GM0001) and the CLI say: 'Deze gemeente bestaat niet
meer' with the history, not 'Onbekende gemeente / Deze gemeente kennen we niet' (the true
history was only in the folded 'Technische melding'); on a page of several municipalities
the entry is named and the successors' links keep the others. Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.format import fmt_date

HTML = {"accept": "text/html"}
GONE = "Deze gemeente bestaat niet meer"


def _history(wh, code: str) -> tuple[str, str, str, str]:
    """The former's name, the day it ended, the one it went into and the day that ended
    (nl), from the warehouse's ``region_history``."""
    name, ended, into = wh.execute(
        "SELECT name, valid_to, successor FROM region_history WHERE code = ?", [code]
    ).fetchone()
    into_name, into_ended = wh.execute(
        "SELECT name, valid_to FROM region_history WHERE code = ?", [into]).fetchone()
    return name, fmt_date(ended, "nl"), into_name, fmt_date(into_ended, "nl")


def _successors(wh, code: str) -> list[str]:
    return [c for (c,) in wh.execute(
        "SELECT successor_code FROM region_successors WHERE region_code = ? "
        "ORDER BY weight DESC", [code]).fetchall()]


def _page(client, address: str) -> tuple[str, str, list[str]]:
    page = client.get(address, headers=HTML)
    assert page.status_code == 404
    text = html.unescape(page.text)
    lead = re.search(r'<p class="error-message">(.*?)</p>', text, re.S).group(1)
    hrefs = re.findall(r'<ul class="results">(.*?)</ul>', text, re.S)
    return text, lead, re.findall(r'href="([^"]+)"', hrefs[0]) if hrefs else []


@pytest.mark.parametrize("address", [
    "/ranglijst?indicator=population&mijn={q}", "/rapport/{code}.nl.pdf",
    "/vergelijk?regions=GM1991,GM1963,{q}", "/indicator/population?regions={q},GM1991"])
@pytest.mark.parametrize("code", ["GM0001", "GM0776"])
def test_a_former_municipality_in_a_divided_one_is_said_to_no_longer_exist(
        client, wh, address: str, code: str) -> None:
    name, ended, into, into_ended = _history(wh, code)
    asked = address.format(q=name, code=code)
    text, lead, _ = _page(client, asked)
    assert f"<h1>{GONE}</h1>" in text
    assert "kennen we niet" not in text and "Onbekende gemeente" not in text
    said = (f"{name} ging op {ended} op in {into}; "
            f"{into} is sinds {into_ended} verdeeld over").replace(" ", "\u00a0")
    assert said.replace("\u00a0", " ") in lead.replace("\u00a0", " "), lead


@pytest.mark.parametrize("entry", ["GM0001", "Adorp"])
def test_the_compare_page_names_the_entry_and_keeps_the_others(client, wh, entry) -> None:
    _, lead, hrefs = _page(client, f"/vergelijk?regions=GM1991,GM1963,{entry}"
                                   "&indicator=population")
    assert lead.startswith(f"Onder de gekozen gemeenten staat ‘{entry}’: Adorp ")
    assert "in de plaats van Adorp" in lead
    wanted = [f"/vergelijk?indicator=population&regions=GM1991,GM1963,{s}"
              for s in _successors(wh, "GM0053")]
    assert hrefs == wanted and len(wanted) == 2


def test_a_divided_municipality_in_a_comparison_keeps_the_others(client, wh) -> None:
    """Haaren itself (divided directly): the same words and links as Esch."""
    _, lead, hrefs = _page(client, "/vergelijk?regions=GM1991,Haaren")
    assert lead.startswith("Onder de gekozen gemeenten staat ‘Haaren’: Haaren bestaat sinds")
    assert hrefs == [f"/vergelijk?regions=GM1991,{s}" for s in _successors(wh, "GM0788")]


def test_the_ranking_keeps_its_indicator(client, wh) -> None:
    _, _, hrefs = _page(client, "/ranglijst?indicator=population&mijn=Esch")
    assert hrefs == [f"/ranglijst?indicator=population&mijn={s}"
                     for s in _successors(wh, "GM0788")]


@pytest.mark.parametrize("code", ["GM0055", "GM1055"])
def test_other_former_ways_are_no_unknown_municipality(client, code: str) -> None:
    """Boarnsterhim (area now in four, through later changes) and Elten (no successor named
    by CBS's register) were 'Onbekende gemeente' too."""
    text, lead, _ = _page(client, f"/vergelijk?regions=GM1991,{code}")
    assert f"<h1>{GONE}</h1>" in text and "bestaat sinds" in lead


def test_english(client) -> None:
    page = client.get("/vergelijk?regions=GM1991,Esch&lang=en", headers=HTML)
    assert "<h1>This municipality no longer exists</h1>" in page.text
    assert "The chosen municipalities include ‘Esch’" in html.unescape(page.text)


def _label(text: str) -> str:
    """The line above the links."""
    return re.search(r'<p>([^<]*)</p>\s*<ul class="results">', text).group(1)


@pytest.mark.parametrize(("address", "form"), [
    ("/rapport/GM0788.nl.pdf", "nl.pdf"), ("/rapport/Haaren.en.html?lang=en", "en.html"),
    ("/rapport/GM0776.nl.html", "nl.html")])  # Haaren; Esch, into Haaren
def test_a_report_links_the_successors_reports(client, wh, address: str, form: str) -> None:
    """A report's address of a divided municipality links the reports of the municipalities
    its area went to, in the language and form asked for; before, their pages."""
    _, _, hrefs = _page(client, address)
    assert hrefs == [f"/rapport/{s}.{form}" for s in _successors(wh, "GM0788")]


@pytest.mark.parametrize(("address", "label"), [
    ("/vergelijk?regions=GM1991,Esch", "Het gebied van Haaren hoort nu bij:"),
    ("/rapport/GM0788.nl.pdf", "Het gebied van Haaren hoort nu bij:"),
    ("/ranglijst?indicator=population&mijn=Adorp", "Het gebied van Winsum hoort nu bij:"),
    ("/vergelijk?regions=GM1991,Haaren&lang=en", "The area of Haaren now belongs to:"),
    ("/indicator/population?regions=Beers,GM1991", "Beers is toen verdeeld over:")])
def test_the_links_are_said_to_be_where_the_area_went(client, wh, address, label) -> None:
    """Above the successors' links the page said 'Bedoelde u:', a guess at a typo; it says
    where the area went (of the divided one: Haaren for Esch, Winsum for Adorp); where some
    of them ended later too (Beers, 1994: Cuijk, Grave, Mill en Sint Hubert are former), that it
    was divided among them then."""
    text, _, hrefs = _page(client, address)
    assert _label(text) == label and hrefs
    assert "Bedoelde u" not in text and "Did you mean" not in text
    if label.startswith("Beers"):  # Cuijk, Grave, Mill en Sint Hubert: since 2022 former
        codes = [re.search(r"regions=(GM\d+)", h).group(1) for h in hrefs]
        assert wh.execute("SELECT count(*) FROM region_history WHERE list_contains(?, code) "
                          "AND valid_to IS NOT NULL", [codes]).fetchone()[0] == 3


def test_a_typo_is_still_a_guess(client) -> None:
    text = html.unescape(client.get("/vergelijk?regions=GM1991,Zwole", headers=HTML).text)
    assert _label(text) == "Bedoelde u:"


@pytest.mark.parametrize(("address", "way"), [
    ("/vergelijk?regions=GM1991,GM1055,GM0193&indicator=population",
     ["/vergelijk?indicator=population&regions=GM1991,GM0193", "/zoek"]),
    ("/vergelijk?regions=GM1991,GM1055&indicator=population",  # not one: '1 opgegeven'
     ["/vergelijk?indicator=population", "/zoek"]),
    ("/indicator/population?regions=Elten,GM1991", ["/indicator/population?regions=GM1991",
                                                    "/zoek"]),
    ("/ranglijst?indicator=population&mijn=Tudderen", ["/ranglijst?indicator=population",
                                                      "/zoek"]),
    ("/vergelijk?regions=Tudderen", ["/vergelijk", "/zoek"]),
    ("/rapport/GM1055.nl.pdf", ["/zoek"])])
def test_a_municipality_without_a_successor_gives_a_way_on(client, wh, address, way) -> None:
    """Elten and Tudderen (1963): CBS's register names no municipality their area went to,
    and Stadstrends has no figures of them. Their error page offered only the page's footer;
    it says so and goes on without it, the page's other choices kept, or to the search."""
    for code in ("GM1055", "GM1204"):
        assert wh.execute("SELECT count(*) FROM region_successors WHERE region_code = ?",
                          [code]).fetchone()[0] == 0
        assert wh.execute("SELECT count(*) FROM indicator_values WHERE region_code = ?",
                          [code]).fetchone()[0] == 0
    text, lead, hrefs = _page(client, address)
    name = "Tudderen" if "Tudderen" in address else "Elten"
    assert f"<h1>{GONE}</h1>" in text and "Bedoelde u" not in text
    assert f"het register van het CBS noemt geen gemeente waar het gebied bij ging horen. " \
           f"Stadstrends heeft geen cijfers van {name}." in lead, lead
    assert hrefs == way
    if len(way) > 1:
        assert f">Verder zonder {name}</a>" in text
        kept = "de andere gekozen gemeenten blijven staan" in lead
        assert kept == (address.count(",") > 1 or "/indicator/" in address), lead
        assert client.get(way[0], headers=HTML).status_code == 200


def test_without_a_successor_in_english(client) -> None:
    text, lead, hrefs = _page(client, "/vergelijk?regions=GM1991,Elten,GM0193&lang=en")
    assert "Stadstrends has no figures for Elten. Continue without Elten below; the other " \
           "chosen municipalities stay." in lead
    assert hrefs == ["/vergelijk?lang=en&regions=GM1991,GM0193", "/zoek?lang=en"]
    assert ">Continue without Elten</a>" in text


@pytest.mark.parametrize(("address", "lang_attr", "label"), [
    ("/rapport/GM0788.en.pdf", "en", "The area of Haaren now belongs to:"),
    ("/rapport/GM0788.nl.pdf", "nl", "Het gebied van Haaren hoort nu bij:"),
    ("/rapport/GM0788.en.pdf?lang=nl", "nl", "Het gebied van Haaren hoort nu bij:")])
def test_a_reports_error_page_speaks_the_reports_language(client, address, lang_attr,
                                                         label) -> None:
    """The error page of an English report's address was Dutch unless the address also said
    ?lang=en: the report's file name names its language, which the page now speaks (an
    explicit ?lang= still decides)."""
    text, _, hrefs = _page(client, address)
    assert f'<html lang="{lang_attr}"' in text and _label(text) == label
    assert hrefs and all(h.endswith(address.split("/")[-1].split("?")[0][-7:]) for h in hrefs)


def test_an_unknown_code_in_an_english_reports_address_is_said_in_english(client) -> None:
    page = client.get("/rapport/XX9999.en.html", headers=HTML)
    assert page.status_code == 404 and '<html lang="en"' in page.text
