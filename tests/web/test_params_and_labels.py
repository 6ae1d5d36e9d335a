"""Query parameters given twice or empty, and labels that are true of every page (on the
synthetic warehouse): a repeated parameter's hint shows that parameter, not the API's
'?from=2020&to=2024'; a link's repeated tracking tags pass; an empty parameter is the
parameter left out; the footer names no city set on a page of a municipality outside it;
report files of ``serve --reports DIR`` are named as the on-demand links are."""

from __future__ import annotations

import html
import re

from tests.web.on_synthetic import client  # noqa: F401 - the module's client

HTML = {"accept": "text/html"}


def _note(response) -> str:
    return html.unescape(re.search(r'<p class="note">(.*?)</p>', response.text, re.S).group(1))


def test_a_repeated_parameters_hint_shows_that_parameter(client) -> None:  # noqa: F811
    """'/gemeente/GM0202?vergelijk=G40&vergelijk=GK7' hinted '?from=2020&to=2024', a
    parameter of the API's /series only."""
    cases = {"/gemeente/GM0148?vergelijk=G40&vergelijk=GK7": "?vergelijk=G40",
             "/indicator/population?year=2020&year=2021": "?year=2020",
             "/ranglijst?groep=G40&groep=PV23": "?groep=G40"}
    for path, example in cases.items():
        response = client.get(path, headers=HTML)
        assert response.status_code == 400, (path, response.text[:300])
        note = _note(response)
        assert example in note and "from=" not in note, (path, note)
        lead = html.unescape(re.search(r'class="error-message">(.*?)</p>', response.text,
                                       re.S).group(1))
        assert lead.startswith("Het adres geeft ‘") and lead.endswith(f"{example}."), lead
        err = client.get(path + "&format=json").json()["error"]
        assert example in err["hint"] and "from=" not in err["hint"], err
    err = client.get("/api/v1/profile/GM0148?set=G40&set=GK7&lang=en").json()["error"]
    assert err["hint"] == "give each parameter once, e.g. ?set=G40", err
    empty = client.get("/api/v1/profile/GM0148?set=&set=&lang=en").json()["error"]
    assert "'set'" in empty["message"] and "?from" not in empty["hint"], empty
    assert "leave it out" in empty["hint"], empty


def test_repeated_tracking_tags_pass(client) -> None:  # noqa: F811
    """'?utm_source=x&utm_source=y' (a link shared twice over) was a 400; the pages take
    tracking tags (errors.TRACKING), repeated too; a page's own parameter is still refused."""
    for tags in ("utm_source=x&utm_source=y", "fbclid=a&fbclid=b&UTM_Medium=m&utm_medium=n",
                 "gclid=1&gclid=2&mc_cid=3&mc_cid=4"):
        response = client.get(f"/gemeente/GM0148?{tags}", headers=HTML)
        assert response.status_code == 200, (tags, response.text[:300])
    assert client.get("/gemeente/GM0148?utm_source=x&vergelijk=G40&vergelijk=GK7",
                      headers=HTML).status_code == 400


def test_an_empty_parameter_is_the_parameter_left_out(client) -> None:  # noqa: F811
    """'/ranglijst?indicator=' and '/vergelijk?regions=..&indicator=' answered 404
    "Onbekende indicator ''" (on /vergelijk with a hint to the Ranglijst page): an empty
    value is the page's default, the same page as without it."""
    same = {"/ranglijst?indicator=": "/ranglijst",
            "/ranglijst?indicator=&year=&groep=&mijn=&sorteer=&volgorde=": "/ranglijst",
            "/vergelijk?regions=GM0148,GM0193&indicator=": "/vergelijk?regions=GM0148,GM0193",
            "/?indicator=&year=": "/", "/indicator/population?year=&regions=":
            "/indicator/population", "/gemeente/GM0148?vergelijk=&voorheen=&lang=&format=":
            "/gemeente/GM0148", "/ranglijst?groep=&groep=PV23":
            "/ranglijst?groep=PV23", "/ranglijst/download.csv?indicator=":
            "/ranglijst/download.csv"}
    for path, plain in same.items():
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, (path, response.text[:400])
        assert response.text == client.get(plain, headers=HTML).text, path
    # a name the page does not take is still named, empty or not
    response = client.get("/gemeente/GM0148?set=", headers=HTML)
    assert response.status_code == 400 and "‘vergelijk’" in response.text


def test_an_unknown_indicator_is_hinted_on_its_own_page(client) -> None:  # noqa: F811
    """'/vergelijk?regions=..&indicator=x' hinted 'kies een indicator op de pagina
    Ranglijst' and linked the suggestions to indicator pages: now the same page."""
    response = client.get("/vergelijk?regions=GM0148,GM0193&indicator=populaton", headers=HTML)
    assert response.status_code == 404
    note = _note(response)
    assert "Ranglijst" not in note and note.endswith(
        "open de pagina zonder ?indicator= en kies in de keuzelijst ‘Indicator’: "
        "/vergelijk?regions=GM0148,GM0193"), note
    hrefs = re.findall(r'<main.*?</main>', response.text, re.S)[0]
    assert "/vergelijk?regions=GM0148,GM0193&amp;indicator=population" in hrefs, hrefs
    assert 'href="/indicator/population' not in hrefs
    ranking = client.get("/ranglijst?indicator=populaton&year=2020&groep=PV23", headers=HTML)
    assert "‘Indicator’: /ranglijst?groep=PV23" in _note(ranking)


def test_the_footer_is_true_on_a_municipality_outside_the_city_set(client) -> None:  # noqa: F811
    """Dalfsen's page (not a G40 city) said 'Trends in de G40-steden op basis van
    CBS-statistieken' in its footer; the site serves every municipality."""
    for lang, words in (("nl", "Trends in Nederlandse gemeenten op basis van CBS-statistieken"),
                        ("en", "Trends in Dutch municipalities from CBS statistics")):
        for path in ("/gemeente/GM0148", "/", "/ranglijst", "/indicator/population"):
            text = client.get(f"{path}?lang={lang}", headers=HTML).text
            footer = re.search(r"<footer.*?</footer>", text, re.S).group(0)
            assert words in footer, (path, footer)
            assert not re.search(r"G40-steden|G40 cities", footer), path


def test_report_files_are_named_as_the_on_demand_links(synthetic_path, tmp_path) -> None:
    """With ``--reports DIR`` Dalfsen's page listed 'dalfsen.nl.html (HTML)'; the on-demand
    block says 'Rapport als PDF (Nederlands)': the same words for both."""
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    for name in ("dalfsen.nl.html", "dalfsen.en.pdf", "GM0148-2024.pdf"):
        (tmp_path / name).write_text("<!doctype html><title>Dalfsen</title>", encoding="utf-8")
    app = create_app(synthetic_path, tmp_path, warm=False, reload_every=None)
    try:
        with TestClient(app) as own:
            # every municipality's report is made on request too (session 42: Dalfsen's page
            # listed the files only), in the same words as the files of --reports
            for lang, made, want in (
                    ("nl", ["Rapport als PDF (Nederlands)", "Rapport als webpagina (Nederlands)",
                            "Rapport als PDF (Engels)", "Rapport als webpagina (Engels)"],
                     ["Rapport als webpagina (Nederlands)", "Rapport als PDF (Engels)",
                      "Rapport als PDF (GM0148-2024.pdf)"]),
                    ("en", ["Report as PDF (Dutch)", "Report as web page (Dutch)",
                            "Report as PDF (English)", "Report as web page (English)"],
                     ["Report as web page (Dutch)", "Report as PDF (English)",
                      "Report as PDF (GM0148-2024.pdf)"])):
                text = own.get(f"/gemeente/GM0148?lang={lang}", headers=HTML).text
                block = text[text.index('id="report-h"'):].split("</section>")[0]
                links = [html.unescape(x) for x in re.findall(r"<a [^>]*>(.*?)</a>", block)]
                assert sorted(links) == sorted(made + want), links
                assert "(HTML)" not in block and "(PDF)" not in block, block
    finally:
        app.state.wh.close()
