"""An unknown name on the wijk boundaries suggests current municipalities only:
``/api/v1/geo/wijken/abc.geojson`` suggested Abcoude, Abcoude-Proosdij and
Abcoude-Baambrugge, ended municipalities (the last two longer than the route then took, so
following them was a 400); then De Ronde Venen, which Abcoude went into, a name nothing like
what was typed (h54k): now a suggestion resembles it (``closest.alike`` or its start), else
there is none and the hint says where the codes are. Real snapshot."""

from __future__ import annotations

import pytest


def _current(wh) -> set[str]:
    return {n for (n,) in wh.execute(
        "SELECT name FROM regions WHERE level = 'gemeente' AND valid_to IS NULL").fetchall()}


@pytest.mark.parametrize("query", ["zwole", "haarn", "berg", "amsterdm"])
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


@pytest.mark.parametrize("query", ["abc", "wees", "xyz", "GM0363x"])
def test_nothing_alike_is_no_suggestion_but_where_the_codes_are(client, query: str) -> None:
    """'abc' suggested De Ronde Venen (Abcoude's successor), 'wees' Amsterdam (Weesp's)."""
    from stadstrends.closest import CUTOFF, alike

    error = client.get(f"/api/v1/geo/wijken/{query}.geojson").json()["error"]
    assert error["suggestions"] == [], error
    assert "/api/v1/regions?level=gemeente" in error["hint"] and "GM0193" in error["hint"]
    for path in ("/api/v1/geo/wijken/zwole.geojson", "/api/v1/geo/wijken/berg.geojson"):
        for name in client.get(path).json()["error"]["suggestions"]:
            typed = path.rsplit("/", 1)[1].split(".")[0]
            assert alike(typed, name.split(" (")[0]) >= CUTOFF \
                or name.casefold().startswith(typed), (typed, name)
