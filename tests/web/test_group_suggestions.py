"""A mistyped comparison group gets the group meant (the synthetic warehouse): 'G41' was
answered with a list of every group and no suggestion, in `regions --set`, `report`/`profile
--vergelijk`, the API's ?set= and the city page's ?vergelijk= (whose link then led to a search
for 'G40' as a municipality's name)."""

from __future__ import annotations

import pytest

from stadstrends.closest import closest
from stadstrends.errors import GroupNotFound, InvalidParameter
from stadstrends.publish.groups import resolve_group
from stadstrends.publish.queries import set_members
from tests.web.on_synthetic import client  # noqa: F401 - the fixture

HTML = {"accept": "text/html"}


def test_closest_ranks_the_longest_shared_start_first() -> None:
    ids = ["G32_2017", "G4", "G40", "GK1", "GK4", "TY3"]
    # difflib alone: G4, GK4, GK1; the shared start alone: G4, G40 (G4 is more alike by
    # ratio); one key wrong before one key too many: G40 first
    assert closest("g41", ids) == ["G40", "G4", "GK1"]
    assert closest("zzz", ids) == []


def test_a_mistyped_group_is_answered_with_the_group_meant(syn, client) -> None:  # noqa: F811
    with pytest.raises(GroupNotFound) as err:
        resolve_group(syn, "GM0193", "Zwolle", "G41")  # Zwolle's groups: only G40 is close
    assert err.value.suggestions == ["G40"]
    with pytest.raises(InvalidParameter) as err:
        set_members(syn, "G41")
    assert err.value.suggestions[:2] == ["G40", "G4"]
    api = client.get("/api/v1/profile/GM0193?set=G41").json()["error"]
    assert (api["code"], api["suggestions"]) == ("group_not_found", ["G40"])
    page = client.get("/gemeente/GM0193?vergelijk=G41&lang=en", headers=HTML)
    assert page.status_code == 404
    assert '<a href="/gemeente/GM0193?vergelijk=G40&amp;lang=en">G40</a>' in page.text
    assert client.get("/gemeente/GM0193?vergelijk=G40&lang=en", headers=HTML).status_code == 200
