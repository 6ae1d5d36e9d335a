"""The API's ``?lang=`` (the language of an answer's words) was read by six endpoints but
declared by none: /api/v1/openapi.json and /api/v1/docs did not name it. It is one
declaration (``answer_lang``) with its values, on every endpoint whose answer it changes;
an unknown language is a 400 in the API's one error shape, with the choices as its hint."""

from __future__ import annotations

import pytest

from stadstrends import vocabulary

HTML = {"accept": "text/html"}
# an address of each endpoint that takes ?lang=, on the real warehouse
ADDRESSES = {"/api/v1/indicators": "/api/v1/indicators",
             "/api/v1/indicators/{indicator_id}": "/api/v1/indicators/population",
             "/api/v1/indicators/{indicator_id}/values": "/api/v1/indicators/population/values",
             "/api/v1/series": "/api/v1/series?indicator=population&region=GM0193",
             "/api/v1/profile/{region}": "/api/v1/profile/GM0193",
             "/api/v1/download/{filename}": "/api/v1/download/population.json"}


def _lang_params(client) -> dict[str, dict]:
    """path -> the spec's ``lang`` parameter of its GET (paths without one left out)."""
    spec = client.get("/api/v1/openapi.json").json()
    return {path: p for path, item in spec["paths"].items()
            for p in item["get"].get("parameters", []) if p["name"] == "lang"}


def test_every_endpoint_whose_words_lang_chooses_declares_it(client) -> None:
    declared = _lang_params(client)
    for path, address in ADDRESSES.items():
        sep = "&" if "?" in address else "?"
        nl, en = client.get(address), client.get(f"{address}{sep}lang=en")
        assert nl.status_code == en.status_code == 200, (address, nl.text[:200])
        assert nl.content != en.content, address  # the language changes the answer
        assert path in declared, f"{path} reads ?lang= but its spec does not name it"
        schema = declared[path]["schema"]
        assert schema["enum"] == list(vocabulary.languages()) and schema["default"] == "nl"
        assert declared[path]["in"] == "query" and not declared[path].get("required")
    shared = [p for path, p in declared.items() if path != "/api/v1/labels"]  # a filter there
    assert all(p == shared[0] for p in shared)  # one declaration, not a copy per route


@pytest.mark.parametrize("address", list(ADDRESSES.values()))
def test_an_unknown_language_is_a_400_in_the_error_shape(client, address) -> None:
    sep = "&" if "?" in address else "?"
    r = client.get(f"{address}{sep}lang=fr")
    assert r.status_code == 400, r.text[:300]
    # in the API's default language, Dutch (session 54: the answers' language, not English)
    words = vocabulary.section("nl", "errors")
    assert r.json() == {"error": {"code": "invalid_parameter",
                                  "message": words["unknown_language"].format(lang="fr"),
                                  "hint": words["unknown_language_hint"].format(
                                      choices=", ".join(vocabulary.languages())),
                                  "suggestions": []}}
    assert r.json()["error"]["message"] == "onbekende taal ‘fr’"


def test_the_docs_page_says_what_lang_is_in_its_language(client) -> None:
    nl = client.get("/api/v1/docs", headers=HTML).text
    en = client.get("/api/v1/docs?lang=en", headers=HTML).text
    said_nl = vocabulary.section("nl", "api_docs")["shared_params"]["lang"]
    said_en = vocabulary.section("en", "api_docs")["shared_params"]["lang"]
    assert nl.count(said_nl.replace("'", "&#39;")) == len(ADDRESSES)
    assert en.count(said_en.replace("'", "&#39;")) == len(ADDRESSES)
