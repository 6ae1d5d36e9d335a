"""The API's own page speaks the reader's language: every endpoint's summary and every
parameter's meaning come from the language files (Dutch on the Dutch page, no English from
the route definitions), and the files name no endpoint or parameter the API lacks."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends import vocabulary

HTML = {"accept": "text/html"}


def _spec(client) -> dict:
    return client.app.openapi()


def _params(spec: dict) -> dict[str, set[str]]:
    return {path: {p["name"] for op in item.values() for p in op.get("parameters", [])}
            for path, item in spec["paths"].items()}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_endpoint_and_parameter_has_words(client, lang: str) -> None:
    words = vocabulary.section(lang, "api_docs")
    spec_params = _params(_spec(client))
    assert set(words["ops"]) == set(spec_params), "endpoints without words, or words without one"
    shared = set(words.get("shared_params") or {})  # 'lang': its words once, for every path
    assert all(any(n in names for names in spec_params.values()) for n in shared), shared
    for path, names in spec_params.items():
        described = set((words["params"] or {}).get(path) or {}) | (shared & names)
        assert described == names, (path, names ^ described)


def _rows(text: str) -> dict[str, str]:
    """path -> the row's text (summary and parameters) of the docs page's table."""
    rows = re.findall(r"<tr><td[^>]*>GET</td><th scope=\"row\"><code>(.*?)</code></th>(.*?)</tr>",
                      text, re.S)
    return {html.unescape(p): html.unescape(re.sub(r"<[^>]+>", " ", body)) for p, body in rows}


def test_dutch_page_is_dutch(client) -> None:
    spec = _spec(client)
    text = client.get("/api/v1/docs", headers=HTML).text
    rows = _rows(text)
    assert set(rows) == set(spec["paths"])
    assert "Regio's zoeken op naam, code of andere naam" in rows["/api/v1/regions"]
    assert "herhaal of scheid met komma's" in rows["/api/v1/series"]
    assert "Trends van Nederlandse gemeenten" in text
    for path, item in spec["paths"].items():
        for op in item.values():  # the routes' English appears nowhere in the Dutch rows
            assert op["summary"] not in rows[path], path
            for p in op.get("parameters", []):
                if p.get("description"):
                    assert p["description"] not in rows[path], (path, p["name"])


def test_english_page_is_english(client) -> None:
    text = client.get("/api/v1/docs?lang=en", headers=HTML).text
    rows = _rows(text)
    assert "Search regions by name, code or alias" in rows["/api/v1/regions"]
    assert "zoeken" not in " ".join(rows.values())
    assert "Trends of Dutch municipalities" in text
