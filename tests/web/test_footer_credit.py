"""The pages' footer credits CBS in the page's language: English pages said 'Bron: CBS (CC BY
4.0)'; the JSON twin says it as the API and the downloads do, in ``lang`` too
(tests/web/test_api_lang_words.py)."""

from __future__ import annotations

import re

HTML = {"accept": "text/html"}


def _footer(text: str) -> str:
    return re.search(r"<footer.*?</footer>", text, re.S).group(0)


def test_the_footer_credit_is_in_the_pages_language(client) -> None:
    for path in ("/gemeente/GM0193", "/ranglijst?indicator=unemployment_rate",
                 "/gemeente/GM9999"):  # a city page, a ranking, an error page
        nl = _footer(client.get(path, headers=HTML).text)
        sep = "&" if "?" in path else "?"
        en = _footer(client.get(f"{path}{sep}lang=en", headers=HTML).text)
        assert "Bron: CBS (CC BY 4.0)" in nl and "Source:" not in nl, path
        assert "Source: CBS (CC BY 4.0)" in en and "Bron" not in en, path
    assert client.get("/gemeente/GM0193?lang=en&format=json").json()["credit"] == \
        "Source: CBS (CC BY 4.0)"
    assert client.get("/gemeente/GM0193?format=json").json()["credit"] == \
        "Bron: CBS (CC BY 4.0)"


def test_one_permalink_per_page(client) -> None:
    """The share line gives the page's permalink; the footer repeated it ('Permalink' twice
    on /vergelijk, h47e) and now keeps only the JSON twin's link."""
    for path in ("/", "/gemeente/GM0193", "/vergelijk?regions=GM0193,GM0363",
                 "/ranglijst?indicator=unemployment_rate", "/gemeente/GM9999"):
        text = client.get(path, headers=HTML).text
        assert text.count(">Permalink</a>") == 1, path
        assert ">Permalink</a>" not in _footer(text), path
    assert "?format=json" in _footer(client.get("/gemeente/GM0193", headers=HTML).text)
