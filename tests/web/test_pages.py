"""Server-rendered pages on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py):
Dutch/English, permalinks, JSON twins, friendly errors, no CDN."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

import re

import pytest

from tests.web.on_synthetic import client  # noqa: F401 - fixtures

HTML = {"accept": "text/html"}
PAGES = ["/", "/gemeente/GM0193", "/indicator/unemployment_rate?regions=GM0193,GM0153",
         "/vergelijk?regions=GM0193,GM0153,GM0796", "/api/v1/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_locally(client, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200
    text = response.text
    assert '<html lang="nl">' in text and "Bron: CBS" in text
    # nothing loaded from elsewhere (scripts, styles, images, fonts: no CDN); a link a reader
    # follows may lead to CBS StatLine only (the source tables, session 47)
    for tag, src in re.findall(r'<(\w+)[^>]*?\b(?:src|href)="([^"]+)"', text):
        if tag == "a" and src.startswith("https://opendata.cbs.nl/statline/"):
            continue
        assert not src.startswith(("http://", "https://", "//")), (tag, src)
    assert "content-security-policy" in response.headers
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    assert "<" not in title and len(title) < 120, title  # a tab's title, not page markup
    assert text.count('id="report-h"') <= 1


@pytest.mark.parametrize("path", PAGES[:4])
def test_english_and_json_twin(client, path: str) -> None:
    sep = "&" if "?" in path else "?"
    english = client.get(f"{path}{sep}lang=en", headers=HTML)
    assert '<html lang="en">' in english.text
    assert '<html lang="en">' in client.get(f"{path}{sep}lang=EN", headers=HTML).text
    twin = client.get(f"{path}{sep}format=json")
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
    body = twin.json()
    assert body["credit"].startswith("Bron: CBS") and body["permalink"].startswith("/")
    assert "format=json" in client.get(path, headers=HTML).text


def test_charts_have_table_alternatives(client) -> None:
    for path in PAGES[:4]:
        text = client.get(path, headers=HTML).text
        charts = text.count('class="chart"')
        assert text.count("<details>") >= charts, path


def test_city_page(client) -> None:
    text = client.get("/gemeente/GM0193", headers=HTML).text
    assert "<h1>Zwolle" in text and "class=\"tile st-" in text
    assert "/reports/zwolle.nl.html" in text  # the report in the configured folder
    assert "Vergelijkbare gemeenten" in text and "Tweedeling" in text
    report = client.get("/reports/zwolle.nl.html")
    assert report.status_code == 200 and "rapport" in report.text
    enschede = client.get("/gemeente/GM0153", headers=HTML).text
    assert "/rapport/GM0153.nl.pdf" in enschede  # made on demand


def test_city_page_within_any_group(client) -> None:
    text = client.get("/gemeente/GM0166", headers=HTML).text  # Kampen: no G40 city
    assert "Vergeleken met de 2 gemeenten met 50.000 tot 100.000 inwoners" in text
    assert '<option value="PV23"' in text and "class=\"tile st-" in text
    text = client.get("/gemeente/GM0166?vergelijk=pv23", headers=HTML).text
    assert "Vergeleken met de 5 gemeenten van de provincie Overijssel" in text
    assert '<option value="PV23" selected>' in text
    assert "/api/v1/profile/GM0166?set=PV23" in text
    body = client.get("/gemeente/GM0166?vergelijk=PV23&format=json").json()
    assert body["group"]["set_id"] == "PV23" and "vergelijk=PV23" in body["permalink"]
    bad = client.get("/gemeente/GM0166?vergelijk=XYZ", headers=HTML)
    assert bad.status_code == 404 and "XYZ" in bad.text and "Traceback" not in bad.text
    bad = client.get("/gemeente/GM0166?vergelijk=G40&format=json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_parameter"


def test_city_by_name_redirects_to_permalink(client) -> None:
    response = client.get("/gemeente/den bosch?lang=en", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/gemeente/GM0796?lang=en"


def test_search_without_javascript(client) -> None:
    response = client.get("/zoek?q=den+bosch", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/gemeente/GM0796"
    text = client.get("/zoek?q='s-", headers=HTML).text  # 's-Hertogenbosch, 's-Gravenhage
    assert text.count('href="/gemeente/') == 2


def test_unknown_city_friendly_404(client) -> None:
    response = client.get("/gemeente/Zwole", headers=HTML)
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "Bedoelde u" in response.text and ">Zwolle</a>" in response.text
    assert "Traceback" not in response.text
    body = client.get("/gemeente/Zwole?format=json").json()
    assert body["error"]["suggestions"][0] == "Zwolle"


def test_unknown_indicator_page_suggests(client) -> None:
    response = client.get("/indicator/werkloosheid_rate", headers=HTML)
    assert response.status_code == 404
    response = client.get("/indicator/unemployment_rat", headers=HTML)
    assert response.status_code == 404 and "/indicator/unemployment_rate" in response.text


def test_page_parameter_errors(client) -> None:
    assert client.get("/vergelijk?regions=GM0193", headers=HTML).status_code == 400
    six = ",".join(["GM0193", "GM0153", "GM0796", "GM0363", "GM0518", "GM0164"])
    assert client.get(f"/vergelijk?regions={six}", headers=HTML).status_code == 400
    assert client.get("/indicator/population?year=1800", headers=HTML).status_code == 400
    assert client.get("/indicator/population?year=1950", headers=HTML).status_code == 400
    assert client.get("/?lang=fr", headers=HTML).status_code == 400
    assert client.get("/nergens", headers=HTML).status_code == 404
    # the API, too, answers a value it cannot read with a 400 (not FastAPI's 422)
    assert client.get("/api/v1/regions?limit=101").status_code == 400


def _lead(response) -> str:
    text = response.text
    start = text.index('class="error-message">') + len('class="error-message">')
    return text[start:text.index("</p>", start)]


def test_page_errors_are_plain_in_the_users_language(client) -> None:
    year = client.get("/?year=abc", headers={**HTML, "accept-language": "en-US"})
    assert year.status_code == 400 and "‘abc’ is geen jaartal" in _lead(year)
    english = client.get("/ranglijst?year=abc&lang=en", headers=HTML)
    assert "‘abc’ is not a year" in _lead(english) and '<html lang="en"' in english.text
    lang = client.get("/?lang=xx", headers={**HTML, "accept-language": "en-GB,en;q=0.9"})
    assert lang.status_code == 400 and "language ‘xx’" in _lead(lang)
    assert "De taal ‘xx’" in _lead(client.get("/?lang=xx", headers=HTML))
    for response in (year, english, lang):
        assert "Value error" not in _lead(response) and "Input should" not in _lead(response)
    compare = client.get("/vergelijk?regions=GM0193", headers=HTML)
    assert "Kies twee tot vijf gemeenten" in _lead(compare)
    assert "municipalities given" not in _lead(compare)


def test_suggestion_links_keep_the_query(client) -> None:
    response = client.get("/indicator/unemployment_rat?regions=GM0193&year=2020", headers=HTML)
    assert 'href="/indicator/unemployment_rate?regions=GM0193&amp;year=2020"' in response.text


def test_permalink_encodes_state(client) -> None:
    body = client.get("/indicator/income_disposable_mean?year=2020&regions=zwolle,enschede"
                      "&format=json").json()
    assert body["permalink"] == ("/indicator/income_disposable_mean?year=2020"
                                 "&regions=GM0193,GM0153")
    assert body["year"] == 2020 and [r["region_code"] for r in body["regions"]] == [
        "GM0193", "GM0153"]


def test_static_assets(client) -> None:
    bundle = client.get("/static/vega-bundle.js")
    assert bundle.status_code == 200 and "vegaEmbed" in bundle.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/", headers=HTML).text


def test_robots_keep_crawlers_from_making_every_report(client) -> None:
    """Every municipality's report is made on its first request (10-25 s of a worker):
    342 x 4 of them at a crawler's pace would keep the site's workers busy."""
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots.headers["content-type"].startswith("text/plain")
    assert robots.text.splitlines() == ["User-agent: *", "Disallow: /rapport/",
                                        "Disallow: /api/v1/download/"]


def test_noscript_share_and_print(client) -> None:
    text = client.get("/gemeente/GM0193", headers=HTML).text
    assert "<noscript>" in text and "JavaScript staat uit" in text
    assert 'id="share-url"' in text and 'value="/gemeente/GM0193"' in text
    assert "@media print" in client.get("/static/style.css").text


def test_home_map_year_and_click_through(client) -> None:
    page = client.get("/?indicator=income_standardised_median&year=2020&format=json").json()
    assert page["year"] == 2020
    assert any(t.get("as") == "href" for t in page["map_spec"]["transform"])
    # a year another indicator has (2014; new construction from 2020): the nearest year
    other = client.get("/?indicator=new_construction_per_1000_dwellings&year=2014&format=json")
    assert other.status_code == 200 and other.json()["year"] == 2020
    # one no observed figure has (the synthetic figures begin in 2013): a 400, not ignored
    assert client.get("/?indicator=unemployment_rate&year=1999&format=json"
                      ).status_code == 400


def test_indicator_compares_with_corop_province_and_country(client) -> None:
    page = client.get("/indicator/income_disposable_mean?regions=GM0193&format=json").json()
    assert [c["region_code"] for c in page["context"]] == ["CR10", "PV23", "NL01"]
    assert page["series_table"]["columns"] == ["Zwolle", "COROP Noord-Overijssel",
                                               "provincie Overijssel", "Nederland"]
    names = {r["name"] for r in page["series"]}
    assert "Nederland" in names and "provincie Overijssel" in names
    two = client.get("/indicator/income_disposable_mean?regions=GM0193,GM0153&format=json"
                     ).json()
    assert two["context"] == []  # several cities: only them


def test_embed_route_only_may_be_framed(client) -> None:
    embed = client.get("/embed/indicator/income_disposable_mean?regions=GM0193", headers=HTML)
    assert embed.status_code == 200 and 'id="lines"' in embed.text and "Bron: CBS" in embed.text
    policies = embed.headers.get_list("content-security-policy")
    assert len(policies) == 1 and "frame-ancestors *" in policies[0]
    page = client.get("/indicator/income_disposable_mean?regions=GM0193", headers=HTML)
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert 'data-path="/embed/indicator/income_disposable_mean?regions=GM0193"' in page.text
    assert client.get("/embed/indicator/nope", headers=HTML).status_code == 404
