"""The API's hint for an unknown municipality is an address that works: its query is
URL-encoded ('Súdwest Fryslân x': ``q=s%C3%BAd``, not ``q=súd``; 'a&b': ``q=a%26b``, which
unencoded asked for a parameter 'b' and got a 400); a search only where it finds a name
starting with those letters, else a search by (part of) the name."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

#: what each query's first three letters find (session 26: a search is offered only where a
#: name starts with them; "'s-" found Sluis and Soest, 'a&b' Abcoude)
OFFERED = {"Súdwest Fryslân x": "súd"}
BY_NAME = "search with /api/v1/regions?q= and (part of) the municipality's name"


@pytest.mark.parametrize("query", ["Súdwest Fryslân x", "'s-Hertogenbosch zz", "a&b stad",
                                   "Zw#lle", "Ée n"])
def test_the_hint_is_an_encoded_address_that_answers(client, query: str) -> None:
    # in English (errors are Dutch by default since session 54)
    body = client.get(f"/api/v1/profile/{query.replace('#', '%23')}?lang=en").json()["error"]
    assert body["code"] == "region_not_found"
    if query not in OFFERED:
        assert body["hint"] == BY_NAME, body["hint"]
        return
    address = body["hint"].split()[-1]
    assert re.fullmatch(r"/api/v1/regions\?q=[A-Za-z0-9%._~-]+", address), address
    assert parse_qs(urlsplit(address).query)["q"] == [OFFERED[query]]
    answer = client.get(address)
    assert answer.status_code == 200 and answer.json()["count"] >= 1
