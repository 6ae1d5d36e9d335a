"""An unknown name on the wijk boundaries suggests current municipalities only:
``/api/v1/geo/wijken/abc.geojson`` suggested Abcoude, Abcoude-Proosdij and
Abcoude-Baambrugge, ended municipalities (the last two longer than the route then took, so
following them was a 400); now De Ronde Venen, which Abcoude went into. Real snapshot."""

from __future__ import annotations

import pytest


def _current(wh) -> set[str]:
    return {n for (n,) in wh.execute(
        "SELECT name FROM regions WHERE level = 'gemeente' AND valid_to IS NULL").fetchall()}


@pytest.mark.parametrize("query", ["abc", "zwole", "haarn", "wees", "berg"])
def test_wijk_suggestions_are_current_municipalities(client, wh, query: str) -> None:
    current = _current(wh)
    answer = client.get(f"/api/v1/geo/wijken/{query}.geojson")
    assert answer.status_code == 404
    suggestions = answer.json()["error"]["suggestions"]
    assert suggestions
    for name in suggestions:  # a current one, by name or CBS's label ('Bergen (Limburg)')
        assert name in current or name.rsplit(" (", 1)[0] in current, (query, name)
        follow = client.get(f"/api/v1/geo/wijken/{name}.geojson")
        assert follow.status_code == 200 and "notes" not in follow.json(), (query, name)


def test_abc_suggests_where_abcoude_went(client, wh) -> None:
    went = wh.execute("SELECT any_value(name) FROM regions WHERE region_code = ("
                      "SELECT successor_code FROM region_successors WHERE region_code = "
                      "'GM0305' LIMIT 1)").fetchone()
    assert went is not None
    said = client.get("/api/v1/geo/wijken/abc.geojson").json()["error"]["suggestions"]
    assert said == [went[0]]
