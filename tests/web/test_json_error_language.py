"""A page's JSON twin (``format=json``) and the API answer errors in one default language,
English, unless ``?lang=`` names one; a ``lang`` given twice naming two languages names none
(``?lang=en&lang=nl`` answered in Dutch, the last one's, while every other error without a
language was English). The HTML page likewise keeps its default, Dutch."""

from __future__ import annotations

import pytest

# errors of several kinds on the pages' twins and the API, without Accept-Language
PATHS = ("/gemeente/GM9999?format=json", "/gemeente/Bergen?format=json",
         "/ranglijst?indicator=xx&format=json", "/gemeente/GM0193?set=G40&format=json",
         "/api/v1/profile/GM9999")
TWICE = ("lang=en&lang=nl", "lang=nl&lang=en", "lang=en&lang=NL")


def _message(client, path: str) -> str:
    answer = client.get(path, headers={"accept-language": ""})
    assert answer.status_code >= 400, path
    return answer.json()["error"]["message"]


@pytest.mark.parametrize("twice", TWICE)
def test_a_lang_given_twice_is_answered_in_the_default_language(client, twice: str) -> None:
    """Its message is the one of the same error on a twin without ``lang`` (English)."""
    for path in ("/gemeente/GM0193?format=json", "/api/v1/profile/GM0193"):
        sep = "&" if "?" in path else "?"
        said = _message(client, f"{path}{sep}{twice}")
        assert said == "the parameter 'lang' is given more than once in the address", said
    for path in PATHS:  # every other error without lang: English too
        assert _message(client, path).isascii() and "gemeente" not in _message(client, path)
    page = client.get(f"/gemeente/GM0193?{twice}", headers={"accept": "text/html"}).text
    assert '<html lang="nl">' in page and "meer dan eens" in page


def test_one_language_asked_twice_is_that_language(client) -> None:
    said = _message(client, "/gemeente/GM0193?format=json&lang=nl&lang=NL")
    assert said == "de parameter 'lang' staat meer dan eens in het adres", said
