"""A report compared within the city's peer group names that group's members: its kicker said
'vergeleken met Kerkrade en de 10 gemeenten die er qua structuur het meest op lijken' above a
list of 5 'Gemeenten die structureel het meest op Kerkrade lijken'. Now the list is counted
('De 5 gemeenten ...') and a line names the other 5 and the group's size. On the real
snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

REST = {"nl": ("De 5 gemeenten die structureel", "Met Kerkrade zelf en de 5 die daarna komen "
               "({names}) vormen ze de vergelijkingsgroep van 11 gemeenten."),
        "en": ("The 5 municipalities structurally", "With Kerkrade itself and the 5 that come "
               "next ({names}) they make up the comparison group of 11 municipalities.")}
AND = {"nl": "en", "en": "and"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_peer_group_report_names_the_group_s_other_members(wh, lang: str) -> None:
    data = kept_city(wh, "GM0928", "PEERS")
    front = builder.city_context(data, lang, None)["front"]
    members = data.group["peer_members"]
    assert len(members) == 10 == data.group["peers"] and len(data.peers) == 5
    assert [p["code"] for p in data.peers] == [m["code"] for m in members[:5]]
    rest = [m["name"] for m in members[5:]]
    names = f"{', '.join(rest[:-1])} {AND[lang]} {rest[-1]}"
    lead, line = REST[lang]
    assert front["peers_text"].startswith(lead), front["peers_text"]
    assert front["peers_rest"] == line.format(names=names), front["peers_rest"]
    default = builder.city_context(kept_city(wh, "GM0928"), lang, None)["front"]
    assert default["peers_text"].startswith(lead) and default["peers_rest"] == ""
