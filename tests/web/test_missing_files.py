"""A report file that is not in the served folder (``serve --reports``): a browser got JSON
with the hint 'bedoelt u /reports/nonexist.geojson?' (the folder's mount takes any address
below it); now a Dutch HTML page for a browser, JSON for an API client, naming the report of
the municipality the file name names (made on demand at /rapport/), else where the reports
are listed. The comparison's JSON error names an entry as typed ('<script>')."""

from __future__ import annotations

import pytest

from stadstrends.publish.web.missing_files import meant_report
from stadstrends.publish.web.report_files import available

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"accept": "application/json"}


@pytest.mark.parametrize(("path", "heading", "said"), [
    ("/reports/nonexist.pdf", "Rapport niet gevonden",
     "Het rapport ‘nonexist.pdf’ staat niet op deze site. Het rapport van elke gemeente staat "
     "op haar pagina, onder ‘Rapport’"),
    ("/reports/", "Geen lijst van rapporten", "Op dit adres staat geen lijst van de rapporten."),
    ("/reports/leiden.pdf", "Rapport niet gevonden",
     "Het rapport ‘leiden.pdf’ staat niet op deze site. Het rapport van Leiden staat hieronder"),
])
def test_a_browser_gets_a_dutch_page(client, path, heading, said) -> None:
    answer = client.get(path, headers=HTML)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html"), answer.text[:200]
    assert '<html lang="nl">' in answer.text and f"<h1>{heading}</h1>" in answer.text
    assert said in answer.text and "geojson" not in answer.text
    assert f'value="{path}"' in answer.text  # shared as its own address, not '/'


def test_the_page_links_the_report_meant_and_its_municipality(client) -> None:
    text = client.get("/reports/GM0546.en.html", headers=HTML).text
    assert '<a href="/rapport/GM0546.en.html">Rapport als webpagina (Engels)</a>' in text
    assert '<a href="/gemeente/GM0546">Leiden</a>' in text


@pytest.mark.parametrize("accept", [JSON, {"accept": "*/*"}, {}])
def test_an_api_client_gets_json_with_the_report_meant(client, accept) -> None:
    answer = client.get("/reports/leiden.nl.pdf", headers=accept)
    assert answer.status_code == 404 and answer.headers["content-type"] == "application/json"
    assert answer.json()["error"] == {
        "code": "not_found", "message": "geen rapport ‘leiden.nl.pdf’ op deze site",
        "hint": "het rapport van Leiden staat op /rapport/GM0546.nl.pdf",
        "suggestions": ["/rapport/GM0546.nl.pdf"]}


def test_a_report_without_a_municipality_says_where_the_reports_are(client) -> None:
    err = client.get("/reports/nonexist.pdf?lang=en", headers=JSON).json()["error"]
    assert (err["message"], err["suggestions"]) == ("no report ‘nonexist.pdf’ on this site", [])
    assert err["hint"].startswith("each municipality's report is on its page, under ‘Report’")


def test_a_missing_static_file_meant_no_geojson(client) -> None:
    err = client.get("/static/nonexist.css", headers=JSON).json()["error"]
    assert err["message"] == "geen adres /static/nonexist.css op deze site"
    assert "geojson" not in (err["hint"] or "")
    page = client.get("/static/nonexist.css", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_a_report_in_the_folder_is_served_as_before(client) -> None:
    answer = client.get("/reports/zwolle.nl.html", headers=HTML)
    assert answer.status_code == 200 and "<title>Zwolle</title>" in answer.text


@pytest.mark.parametrize(("name", "meant"), [
    ("leiden.pdf", ("GM0546", "nl", "pdf")),
    ("hollands-kroon.pv26.en.html", ("GM1911", "en", "html")),
    ("bergen-gm0373.nl.pdf", ("GM0373", "nl", "pdf")),
    ("GM0546", ("GM0546", "nl", "pdf")),
    ("haaren.nl.pdf", None),  # merged in 2021: no report of its own
    ("bergen.nl.pdf", None),  # two municipalities
    ("nonexist.pdf", None),
])
def test_the_report_a_file_name_names(web_app, name, meant) -> None:
    wh = web_app.state.wh
    assert meant_report(wh, name) == meant
    if meant:
        assert available(wh, meant[0])  # the site makes that report on demand


@pytest.mark.parametrize("address", ["/vergelijk?regions=<script>,Leiden",
                                     "/vergelijk?regions=%3Cscript%3E,Leiden&format=json"])
def test_the_comparison_names_an_entry_as_typed(client, address) -> None:
    """h57h read "Onbekende gemeente ' '" here: the answer was right; its tags were dropped
    in reading it (sed 's/<[^>]*>/ /g'). Kept: the JSON names the entry as typed."""
    err = client.get(address, headers=JSON).json()["error"]
    assert (err["code"], err["message"]) == ("region_not_found", "Onbekende gemeente '<script>'")
    page = client.get(address.replace("&format=json", ""), headers=HTML).text
    assert "‘&lt;script&gt;’" in page and "<script>," not in page
