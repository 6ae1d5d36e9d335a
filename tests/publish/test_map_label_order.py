"""The front page's region map names the city and its largest neighbours (by inhabitants),
not the densest ones: beside Vaals it named Brunssum, Landgraaf, Kerkrade and Maastricht
and left out Heerlen (87 764 inhabitants) and Sittard-Geleen (92 461); a name is left out
only where it would overlap one already placed. Real warehouse and PDOK geometries."""

from __future__ import annotations

import math

import pytest

from stadstrends.publish import maps
from stadstrends.publish.report.builder import geometries_for
from stadstrends.publish.report.front import front
from tests.publish.loaded import connect, kept_city


@pytest.fixture(scope="module")
def con(warehouse_path):
    with connect(warehouse_path) as c:
        yield c


@pytest.fixture(scope="module")
def geo(con):
    return geometries_for(con)


def _map(con, geo, code: str) -> tuple[list[str], dict[str, float], list[dict]]:
    data = kept_city(con, code, None)
    fig = next(f for f in front(data, "nl", geo)["figures"] if f["id"] == "fig-map")
    named = fig["spec"]["datasets"]
    labels = named["city_label"] + named["others"]
    people = {m["name"]: m["population"] for m in data.members}
    return [r["name"] for r in labels], people, labels


def test_vaals_map_names_heerlen_and_sittard_geleen(con, geo) -> None:
    names, people, _ = _map(con, geo, "GM0981")
    assert names[0] == "Vaals"
    # the three largest neighbours, by the warehouse's latest population
    largest = sorted((n for n in people if n != "Vaals"), key=lambda n: -people[n])[:3]
    assert set(largest) == {"Maastricht", "Sittard-Geleen", "Heerlen"}
    assert set(largest) <= set(names)


@pytest.mark.parametrize("code", ["GM0981", "GM0193", "GM0344", "GM0363", "GM0518"])
def test_map_names_the_largest_neighbour_and_no_two_overlap(con, geo, code) -> None:
    names, people, labels = _map(con, geo, code)
    others = sorted((n for n in people if n != names[0]), key=lambda n: -(people[n] or 0))
    assert others[0] in names  # the largest neighbour is always named
    # labelled neighbours come in order of size
    assert [people[n] for n in names[1:]] == sorted((people[n] for n in names[1:]),
                                                    reverse=True)
    codes = [m for m in geo if m in {r["code"] for r in labels}]
    assert codes
    box = maps.extent(geo, [m["code"] for m in kept_city(con, code, None).members])

    def merc(lon: float, lat: float) -> tuple[float, float]:
        return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    (x0, y0), (x1, y1) = merc(box[0], box[1]), merc(box[2], box[3])
    scale = min(330 / (x1 - x0), 280 / (y1 - y0))
    rects = []
    for i, r in enumerate(labels):
        x, y = merc(r["lon"], r["lat"])
        x, y = (x - x0) * scale, (y1 - y) * scale
        size = 10.5 if i == 0 else 8.5
        w, h = 0.3 * size * len(r["name"]), 0.6 * size
        rects.append((x - w, y - h, x + w, y + h))
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
