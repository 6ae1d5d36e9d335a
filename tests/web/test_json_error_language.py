"""A page's JSON twin (``format=json``) and the API answer errors in one default language,
the one of their answers, Dutch, unless ``?lang=`` names one (session 54: the errors were
English while the API's answers and its CSV downloads are Dutch without ``lang``); a
``lang`` given twice naming two languages names none (``?lang=en&lang=nl`` answered in
Dutch, the last one's, while every other error without a language was English). The HTML
page likewise keeps its default, Dutch."""

from __future__ import annotations

import pytest

# errors of several kinds on the pages' twins and the API, without Accept-Language
PATHS = ("/gemeente/GM9999?format=json", "/gemeente/Bergen?format=json",
         "/ranglijst?indicator=xx&format=json", "/gemeente/GM0193?set=G40&format=json",
         "/api/v1/profile/GM9999", "/api/v1/download/xyz.csv", "/api/v1/nope",
         "/api/v1/series?indicator=population&region=GM9999")
TWICE = ("lang=en&lang=nl", "lang=nl&lang=en", "lang=en&lang=NL")
ENGLISH_WORDS = ("Unknown", "unknown", "no address", "is given", "did you mean")


def _message(client, path: str) -> str:
    answer = client.get(path, headers={"accept-language": ""})
    assert answer.status_code >= 400, path
    return answer.json()["error"]["message"]


@pytest.mark.parametrize("twice", TWICE)
def test_a_lang_given_twice_is_answered_in_the_default_language(client, twice: str) -> None:
    """Its message is the one of the same error on a twin without ``lang`` (Dutch)."""
    for path in ("/gemeente/GM0193?format=json", "/api/v1/profile/GM0193"):
        sep = "&" if "?" in path else "?"
        said = _message(client, f"{path}{sep}{twice}")
        assert said == "de parameter 'lang' staat meer dan eens in het adres", said
    page = client.get(f"/gemeente/GM0193?{twice}", headers={"accept": "text/html"}).text
    assert '<html lang="nl">' in page and "meer dan eens" in page


def test_errors_without_lang_are_in_the_answers_language(client) -> None:
    """Without ``lang`` the API answers in Dutch (its CSV download's header and units, the
    credit) and so do its errors; ``?lang=en`` both in English."""
    csv = client.get("/api/v1/download/population.csv").text
    assert "inwoners" in csv and "Bron: CBS" in csv
    assert client.get("/api/v1/indicators").json()["credit"].startswith("Bron: CBS")
    for path in PATHS:
        said = _message(client, path)
        assert not any(w in said for w in ENGLISH_WORDS), (path, said)
        sep = "&" if "?" in path else "?"
        english = _message(client, f"{path}{sep}lang=en")
        assert english != said and english.isascii(), (path, said, english)
    assert _message(client, "/api/v1/download/xyz.csv") == "Onbekende indicator 'xyz'"
    assert _message(client, "/api/v1/download/xyz.csv?lang=en") == "Unknown indicator 'xyz'"


def test_one_language_asked_twice_is_that_language(client) -> None:
    said = _message(client, "/gemeente/GM0193?format=json&lang=en&lang=EN")
    assert said == "the parameter 'lang' is given more than once in the address", said
