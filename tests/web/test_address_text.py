"""An address that is no text ('/gemeente/%C0%AF': no UTF-8 once %-decoded) gets a clear
400 that shows it as typed, %-escaped; it echoed '��' (Starlette's replacement characters)
as an unknown municipality on pages and in the API. Odd addresses of every other kind get
an answer, never a 500 or a traceback (the real snapshot)."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
# address -> the part shown (the part of the path or query that is no text, as typed)
NOT_TEXT = {"/gemeente/%C0%AF": "%C0%AF", "/gemeente/Zw%FFlle": "Zw%FFlle",
            "/rapport/%C0%AF": "%C0%AF", "/indicator/%C0%AF": "%C0%AF",
            "/zoek?q=%C0%AF": "%C0%AF", "/gemeente/GM0193?voorheen=x%C0%AF": "x%C0%AF",
            "/api/v1/profile/%C0%AF": "%C0%AF", "/api/v1/regions?q=%C0%AF": "%C0%AF",
            "/api/v1/series?indicator=population&region=%C0%AF": "%C0%AF",
            "/gemeente/%C0%AF?format=json": "%C0%AF", "/api/v1/profile/GM0193?%C0%AF=1": "%C0%AF",
            "/gemeente/" + "%C0" * 100: "%C0" * 19 + "…"}
ODD = ["/gemeente/%00", "/gemeente/..%2F", "/gemeente/..%2F..%2Fetc%2Fpasswd",
       "/gemeente/%2e%2e", "/gemeente/%01%1b[31m", "/gemeente/a%0Ab", "/gemeente/%E2%80%AEabc",
       "/gemeente/" + "x" * 5000, "/api/v1/profile/" + "x" * 5000, "/api/v1/profile/%00",
       "/zoek?q=%00", "/zoek?q=" + "%C3%A2" * 3000, "/gemeente/%EF%BF%BD",
       "/api/v1/regions?q=..%2F..%2F", "/rapport/..%2F..%2Fx.nl.html", "/%C0"]


def _lead(response) -> str:
    return html.unescape(re.search(r'class="error-message">(.*?)</p>', response.text,
                                   re.S).group(1))


@pytest.mark.parametrize("path", NOT_TEXT)
def test_an_address_that_is_no_text_is_named_escaped(client, path) -> None:
    shown = NOT_TEXT[path]
    page = client.get(path, headers=HTML)
    api = client.get(path + ("&" if "?" in path else "?") + "lang=nl" if "/api/" in path
                     else path, headers={"accept": "application/json"})
    for response in (page, api):
        assert response.status_code == 400, (path, response.text[:300])
        assert "\ufffd" not in response.text, path
    if "/api/" not in path and "format=json" not in path:
        assert page.headers["content-type"].startswith("text/html")
        assert _lead(page) == ("In het adres staan tekens die geen geldige tekst zijn: "
                               f"‘{shown}’."), path
        assert "Ongeldige tekens in het adres" in page.text
    err = api.json()["error"]
    assert set(err) == {"code", "message", "hint", "suggestions"} and \
        err["code"] == "invalid_parameter", err
    assert f"'{shown}'" in err["message"] and err["hint"], err


def test_the_apis_words_are_dutch_unless_asked(client) -> None:
    """The API's words are its answers' language, Dutch without ``lang`` (English until
    session 54); ``?lang=en`` English."""
    dutch = client.get("/api/v1/profile/%C0%AF").json()["error"]
    assert dutch["message"] == ("In het adres staan tekens die geen geldige tekst zijn: "
                                "'%C0%AF'"), dutch
    err = client.get("/api/v1/profile/%C0%AF?lang=en").json()["error"]
    assert err["message"] == ("The address contains characters that are not valid text: "
                              "'%C0%AF'"), err
    assert "UTF-8" in err["hint"] and "GM0193" in err["hint"], err
    page = client.get("/gemeente/%C0%AF?lang=en", headers=HTML)
    assert _lead(page) == "The address contains characters that are not valid text: ‘%C0%AF’."


@pytest.mark.parametrize("path", ODD)
def test_odd_addresses_get_an_answer_not_a_fault(client, path) -> None:
    for headers in (HTML, {"accept": "application/json"}):
        response = client.get(path, headers=headers, follow_redirects=False)
        assert response.status_code in (200, 303, 307, 400, 404), (path, response.text[:300])
        assert "Traceback" not in response.text and "\ufffd" not in response.text, path
        assert "\x00" not in response.text and "\x1b" not in response.text, path
        assert "\u202e" not in response.text, path
        if response.headers.get("content-type", "").startswith("application/json") \
                and response.status_code >= 400:
            assert set(response.json()["error"]) == {"code", "message", "hint", "suggestions"}
