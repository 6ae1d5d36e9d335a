"""The API's own errors (unknown domain, label kind, download, report asset) in the fixed
shape, English by default and Dutch with ?lang=nl (session 22: they were English strings
whatever the language); the suggestions stay codes."""

from __future__ import annotations

import pytest

SHAPE = {"code", "message", "hint", "suggestions"}
CASES = {
    "/api/v1/indicators?domain=weer": (
        400, "invalid_parameter", "unknown domain 'weer'", "onbekend domein 'weer'"),
    "/api/v1/labels?kind=kleur": (
        400, "invalid_parameter", "unknown kind 'kleur'", "onbekende soort 'kleur'"),
    "/api/v1/download/population.docx": (
        400, "invalid_parameter", "unknown download 'population.docx'",
        "onbekende download 'population.docx'"),
    # a code of no province or COROP region said as such, not 'Unknown municipality' (h46f)
    "/api/v1/series?indicator=population&region=PV99": (
        404, "region_not_found", "Unknown region code 'PV99'", "Onbekende regiocode 'PV99'"),
    "/api/v1/series?indicator=population&region=CR99": (
        404, "region_not_found", "Unknown region code 'CR99'", "Onbekende regiocode 'CR99'"),
    "/rapport/assets/nothing.css": (
        404, "not_found", "no report asset 'nothing.css'", "geen rapportbestand 'nothing.css'"),
}


@pytest.mark.parametrize("path", list(CASES))
def test_an_api_error_in_english_and_in_dutch(syn_client, path):
    status, code, english, dutch = CASES[path]
    answers = {lang: syn_client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
               for lang in ("en", "nl")}
    answers["default"] = syn_client.get(path)
    for lang, answer in answers.items():
        assert answer.status_code == status, (lang, answer.text[:300])
        err = answer.json()["error"]
        assert set(err) == SHAPE and err["code"] == code and err["hint"], (lang, err)
    said = {lang: answers[lang].json()["error"] for lang in answers}
    # without lang in the API's language, Dutch, as its answers (English until session 54)
    assert said["default"]["message"] == said["nl"]["message"] == dutch, said["default"]
    assert said["en"]["message"] == english, said["en"]
    assert said["nl"]["hint"] != said["en"]["hint"]
    assert said["nl"]["suggestions"] == said["en"]["suggestions"]


def test_an_unknown_indicator_is_named_before_an_unknown_format(syn_client):
    """'foo.xyz' answered 'unknown download' with foo.csv, foo.xlsx, ... as suggestions, each a
    404 in its turn; the unknown indicator is the error to fix first."""
    answer = syn_client.get("/api/v1/download/foo.xyz")
    assert answer.status_code == 404, answer.text[:300]
    err = answer.json()["error"]
    assert set(err) == SHAPE and "foo" in err["message"]
    assert not any(s.startswith("foo.") for s in err["suggestions"]), err
    assert syn_client.get("/api/v1/download/population.xyz").status_code == 400
