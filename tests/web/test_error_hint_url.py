"""The API's hint for an unknown municipality is an address that works: its query is
URL-encoded ('Súdwest Fryslân x': ``q=s%C3%BAd``, not ``q=súd``; 'a&b': ``q=a%26b``, which
unencoded asked for a parameter 'b' and got a 400)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest


@pytest.mark.parametrize("query", ["Súdwest Fryslân x", "'s-Hertogenbosch zz", "a&b stad",
                                   "Zw#lle", "Ée n"])
def test_the_hint_is_an_encoded_address_that_answers(client, query: str) -> None:
    body = client.get(f"/api/v1/profile/{query.replace('#', '%23')}").json()["error"]
    assert body["code"] == "region_not_found"
    address = body["hint"].split()[-1]
    assert re.fullmatch(r"/api/v1/regions\?q=[A-Za-z0-9%._~-]+", address), address
    assert parse_qs(urlsplit(address).query)["q"] == [query[:3].lower()]
    assert client.get(address).status_code == 200
