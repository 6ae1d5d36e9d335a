"""Bad input is answered with the values meant (the synthetic warehouse): an API choice
(``?level=gemeentes``, ``?include_former=maybe``) hinted only 'see /api/v1/docs'; the API
refused ``?domain=demografie`` that `indicators --domain` takes and suggested all eight
domains unranked; `report --set G41` listed ~80 groups (every COROP region's) without the one
meant, as did the ranking page's ``?groep=G41``; `show Zwolle ""` said "Onbekende indicator
''"."""

from __future__ import annotations

import re

import pytest

from stadstrends.errors import GroupNotFound, IndicatorNotFound, InvalidParameter
from stadstrends.publish.queries import indicator_meta, list_indicators
from stadstrends.publish.report.batch import set_codes
from tests.web.on_synthetic import client  # noqa: F401 - the fixture

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(("query", "hint", "meant"), [
    ("level=gemeentes&lang=en", "give level one of: gemeente, corop, provincie, land", "gemeente"),
    ("level=Provincies&lang=nl", "geef level een van: gemeente, corop, provincie, land",
     "provincie"),
    # no close value, none suggested (session 53: 'maybe' suggested 'false', 'xyz' 'land')
    ("include_former=maybe&lang=en", "give include_former one of: true, false", None),
    ("level=xyz&lang=en", "give level one of: gemeente, corop, provincie, land", None),
])
def test_an_api_choice_names_its_values_and_the_closest(client, query, hint,  # noqa: F811
                                                         meant) -> None:
    answer = client.get(f"/api/v1/regions?{query}")
    err = answer.json()["error"]
    assert answer.status_code == 400
    assert (err["code"], err["hint"], err["suggestions"]) == ("invalid_parameter", hint,
                                                              [meant] if meant else [])


def test_every_bad_choice_is_named_with_its_values(client) -> None:  # noqa: F811
    """The ranking's ``?sorteer=evil&volgorde=x`` named the values of ``sorteer`` only
    (before session 53); its hint now names both, and suggests nothing far off."""
    err = client.get("/ranglijst?sorteer=evil&volgorde=x&lang=en",
                     headers={"accept": "application/json"}).json()["error"]
    assert err["hint"] == ("give sorteer one of: rang, naam, waarde; "
                           "give volgorde one of: op, af"), err
    assert err["suggestions"] == [] and "evil" in err["message"] and "'x'" in err["message"]
    err = client.get("/ranglijst?sorteer=naa&volgorde=afw",
                     headers={"accept": "application/json"}).json()["error"]
    assert err["suggestions"] == ["naam", "af"], err


def test_a_domain_by_its_name_in_any_language(syn, client) -> None:  # noqa: F811
    from stadstrends.publish.queries import domain_code  # the one lookup of CLI and API

    codes = sorted({r[0] for r in syn.execute("SELECT domain FROM indicators").fetchall()})
    assert "demography" in codes
    by_code = client.get("/api/v1/indicators?domain=demography").json()
    for name in ("demografie", "Demografie", "DEMOGRAPHY"):
        assert client.get(f"/api/v1/indicators?domain={name}").json() == by_code
        assert domain_code(name, codes) == "demography"
    assert len(list_indicators(syn, "demografie")) == by_code["count"] > 0
    err = client.get("/api/v1/indicators?domain=economi").json()["error"]
    assert err["suggestions"] == ["economy"] and "spatial" in err["hint"]
    with pytest.raises(InvalidParameter) as said:
        domain_code("veiligheden", codes)  # the Dutch name's closest, one only
    assert said.value.suggestions == ["safety"]


def test_an_unknown_report_set_is_answered_as_regions_set(syn, client) -> None:  # noqa: F811
    with pytest.raises(GroupNotFound) as said:
        set_codes(syn, "G41")
    err = said.value
    assert err.suggestions[:2] == ["G40", "G4"]
    message, hint = err.in_language("nl")
    assert message == "Geen vergelijkingsgroep 'G41'"
    assert "of een COROP- of provinciecode zoals" in hint and "CR01" not in hint
    page = client.get("/ranglijst?groep=G41&lang=en", headers=HTML)
    assert page.status_code == 404
    # the group meant as the ranking's menu names it (its name holds the id), not a bare id
    link = re.search(r'<a href="/ranglijst\?groep=G40&amp;lang=en">([^<]+)</a>', page.text)
    assert link and "G40" in link[1] and len(link[1]) > len("G40"), link


def test_an_empty_indicator_has_its_own_words(syn) -> None:
    for given in ("", "  "):
        with pytest.raises(IndicatorNotFound) as said:
            indicator_meta(syn, given)
        assert said.value.in_language("nl")[0] == "geen indicator opgegeven"
        assert said.value.in_language("en")[0] == "no indicator given"
