"""Error pages speak the page's language, the API one language at a time, and a year without
figures is named as such (the real snapshot: population has municipal figures 1999-2026)."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
ENGLISH = ("Input should", "Value error", "Not Found", "Ambiguous", "unknown language",
           "see /api/v1/docs", "Unknown municipality")


def _shown(response) -> tuple[str, str]:
    """(the page's lead, its technical message) as a reader sees them."""
    lead = re.search(r'class="error-message">(.*?)</p>', response.text, re.S).group(1)
    note = re.search(r'<p class="note">(.*?)</p>', response.text, re.S).group(1)
    return html.unescape(lead), html.unescape(note)


@pytest.mark.parametrize("path", ["/indicator/population?year=abc", "/gemeente/utrecht?lang=zz",
                                  "/nergens", "/gemeente/bergen", "/ranglijst?year=99999",
                                  "/indicator/population?year=1800"])
def test_a_dutch_error_page_has_no_english_words(client, path) -> None:
    """'year: Input should be a valid integer…', 'lang: Value error…', 'Not Found – zie
    /api/v1/docs', 'Ambiguous municipality …' stood on Dutch pages (technical message)."""
    response = client.get(path, headers=HTML)
    assert response.status_code in (400, 404)
    lead, note = _shown(response)
    for words in ENGLISH:
        assert words not in lead and words not in note, (path, note)
    assert "/api/" not in note, note  # a page's reader gets what to click or type
    assert re.search("kies opnieuw op de pagina|taalknop|startpagina|heten|gemeentecijfers",
                     note), note


def test_a_year_without_figures_is_named_with_the_years_that_have_them(client) -> None:
    """'/indicator/population?year=1800' said "'1800' is geen jaartal": it is a year, without
    figures; the page says so with the years that have them, as for 2030 (1800 itself is
    outside 1900-2100 now, worded as the API words it: test_error_shape.py)."""
    years = client.get("/indicator/population?format=json").json()["years"]
    span = f"{years[0]}–{years[-1]}"
    assert years == list(range(years[0], years[-1] + 1))  # one run: the span is true
    for year in (1950, 2030):
        response = client.get(f"/indicator/population?year={year}", headers=HTML)
        lead, note = _shown(response)
        lead, note = _whole(lead), _whole(note)  # kept whole by a span
        assert response.status_code == 400 and "geen jaartal" not in lead
        assert f"geen gemeentecijfers uit {year}" in lead and span in lead, lead
        assert f"in {year}" in note and span in note, note
    english = client.get("/indicator/population?year=1950&lang=en", headers=HTML)
    assert f"no municipal figures for 1950. It has figures for {span}" \
        in _whole(_shown(english)[0])


def test_the_api_rejects_an_unknown_language_as_the_page_does(client) -> None:
    """'/api/v1/profile/ameland?lang=zz' answered 200 while the page gave 400."""
    assert client.get("/gemeente/ameland?lang=zz", headers=HTML).status_code == 400
    for path in ("/api/v1/profile/ameland?lang=zz", "/api/v1/regions?q=zwolle&lang=zz"):
        response = client.get(path)
        assert response.status_code == 400, path
        err = response.json()["error"]
        assert err["code"] == "invalid_parameter" and "zz" in err["message"], err
        assert "nl" in err["hint"] and "en" in err["hint"]
    assert client.get("/api/v1/profile/ameland?lang=EN").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/regions?limit=abc", "/api/v1/nergens",
                                  "/api/v1/profile/bergen"])
def test_an_api_error_is_in_one_language(client, path) -> None:
    """Dutch by default, as the API's answers (English until session 54), English with
    ?lang=en: message and hint alike (a Dutch hint stood beside pydantic's English message)."""
    sep = "&" if "?" in path else "?"
    english = client.get(path + sep + "lang=en").json()["error"]
    dutch = client.get(path).json()["error"]
    assert client.get(path + sep + "lang=nl").json()["error"] == dutch
    assert not re.search(r"\b(zie|geen|heten|niet)\b", english["message"] + (english["hint"]
                                                                            or "")), english
    for words in ENGLISH:
        assert words not in dutch["message"] + (dutch["hint"] or ""), dutch


def _whole(text: str) -> str:
    """``text`` without the spans that keep a range on one line (publish/nowrap.py)."""
    return re.sub(r'<span class="nowrap(?: name)?">([^<]*)</span>', r"\1", text)
