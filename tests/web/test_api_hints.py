"""The API's hints are for a web user: no error's hint tells them to run a command line
(`stadstrends regions zwo`, --db), in any language. Before, every worded error without an
``<key>_api_hint`` (95 of them, among them unknown_municipality, unknown_set, no_group)
answered with the command line's hint ('probeer `stadstrends regions zwo`')."""

from __future__ import annotations

import string

import pytest

from stadstrends import vocabulary
from stadstrends.errors import InvalidParameter, RegionNotFound, StadstrendsError
from stadstrends.publish.web.errors import classify, command_line


def _worded_keys(lang: str) -> dict[str, dict[str, str]]:
    """Every error of ``lang``'s file with a hint, with each of its parameters filled."""
    words = vocabulary.section(lang, "errors")
    out = {}
    for key, text in words.items():
        if key.endswith(("_hint", "_web")) or not isinstance(text, str) \
                or not isinstance(words.get(f"{key}_hint"), str):
            continue
        fields = {f.split(".")[0].split("[")[0]
                  for k in (key, f"{key}_hint", f"{key}_api_hint", f"{key}_page_hint",
                            f"{key}_web") if isinstance(words.get(k), str)
                  for _, f, _, _ in string.Formatter().parse(words[k]) if f}
        out[key] = {f: "zwo" for f in fields}
    return out


def test_the_check_knows_a_command_line_hint():
    assert command_line("probeer `stadstrends regions zwo`")
    assert command_line("geef met --db het warehouse-bestand")
    assert command_line("uitleg: `{command} --help`")
    assert not command_line("zoek met /api/v1/regions?q=zwo")
    assert not command_line("kies een jaar met cijfers (1999–2026)")
    assert not command_line(None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_api_or_page_hint_is_a_command_line(lang):
    keys = _worded_keys(lang)
    assert len(keys) > 100 and "unknown_municipality" in keys
    cli = [k for k in keys if command_line(vocabulary.section(lang, "errors")[f"{k}_hint"])]
    assert len(cli) > 50  # the check below is not empty
    for page in (False, True):
        for key in cli:
            _, body = classify(StadstrendsError.worded(key, **keys[key]), lang, page)
            assert not command_line(body["error"]["hint"]), (key, page, body["error"]["hint"])
            assert body["error"]["hint"], (key, page)


def test_the_api_hints_of_a_lookup_point_to_the_api():
    """The errors a region or set lookup raises get the API's own words."""
    said = {
        RegionNotFound.worded("unknown_municipality", query="Zwole", search="zwo"):
            ("search with /api/v1/regions?q=zwo", "zoek met /api/v1/regions?q=zwo"),
        InvalidParameter.worded("unknown_set", set="G99", sets="G4, G40"):
            ("use one of: G4, G40, or a COROP or province code such as CR17 or PV27 "
             "(/api/v1/regions?level=provincie lists them)",
             "gebruik een van: G4, G40, of een COROP- of provinciecode zoals CR17 of PV27 "
             "(/api/v1/regions?level=provincie toont ze)"),
    }
    for exc, (en, nl) in said.items():
        assert classify(exc, "en")[1]["error"]["hint"] == en
        assert classify(exc, "nl")[1]["error"]["hint"] == nl
    # an error raised with a command-line hint and no words key: the API docs instead
    _, body = classify(StadstrendsError("kapot", "run `stadstrends build`"), "nl")
    assert body["error"]["hint"] == "zie /api/v1/docs"


@pytest.mark.parametrize(("path", "hint"), [
    ("/api/v1/profile/GM9999", "a municipality code is GM with four digits"),
    ("/gemeente/GM9999?format=json", "a municipality code is GM with four digits"),
    ("/api/v1/profile/Xyzstad",
     "search with /api/v1/regions?q= and (part of) the municipality's name")])
def test_an_unknown_code_or_name_points_to_no_wrong_city(client, path, hint):
    """/api/v1/profile/GM9999 said 'search with /api/v1/regions?q=gm9', whose one hit is
    Groningen (Ten Boer's GM0009), and 'Xyzstad' ?q=xyz (Lelystad, Zaanstad): a code gets
    what a code is, a name nothing starts with a search by (part of) the name."""
    english = path + ("&" if "?" in path else "?") + "lang=en"  # errors are Dutch by default
    body = client.get(english, headers={"accept": "application/json"}).json()
    said = body["error"]["hint"]
    assert said.startswith(hint) and "q=gm9" not in said and "q=xyz" not in said, said
