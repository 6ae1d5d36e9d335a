"""The report's maps draw the municipalities' land and name the neighbours inside the picture
(the real snapshot): Leiden's locator map put 'Voorschoten' half in the margin left of the map,
away from its shape (its box 12-72 px, the drawn extent from 42 px); Oldambt's maps drew a
loose sliver at their top edge, a thin frame in the Dollard (7 % of its outline left by
its holes), which also stretched the map upwards."""

from __future__ import annotations

import pytest

from stadstrends.publish import maps
from stadstrends.publish.map_labels import Frame
from stadstrends.publish.report import builder
from stadstrends.publish.report.front import front
from tests.publish.loaded import connect, kept_city

SIZE, FONT, PAD = (330, 280), (10.5, 8.5), 2.0  # chart_maps.locator_map, spread_labels
CITIES = ("Leiden", "Oldambt", "Schiermonnikoog", "Vlieland", "Texel", "Zwolle", "Maastricht")


@pytest.fixture(scope="module")
def fronts(warehouse_path):
    with connect(warehouse_path) as con:
        geo = builder.geometries_for(con)
        return geo, {city: (data, front(data, "nl", geo)) for city in CITIES
                     if (data := kept_city(con, city))}


def _box(frame: Frame, p: dict, first: bool) -> tuple[float, ...]:
    x, y = frame.pixel(p["lon"], p["lat"])
    half_w = 0.3 * FONT[not first] * len(p["name"]) + PAD
    half_h = 0.6 * FONT[not first] + PAD
    return x - half_w, y - half_h, x + half_w, y + half_h


def test_every_neighbours_name_lies_inside_the_drawn_extent(fronts) -> None:
    """A neighbour's name: before, Leiden's Voorschoten (box 12-72 px, the extent from 42)
    and Maastricht's Brunssum (right of the map) stood half in the margin; the city's own
    name, in its colour, may stand beside its shape there (Vaals's, right of it)."""
    geo, cities = fronts
    assert set(cities) == set(CITIES)
    for city, (data, page) in cities.items():
        frame = Frame(maps.extent(geo, [m["code"] for m in data.members]), SIZE)
        left, top = max(0.0, frame.dx), max(0.0, frame.dy)
        right, bottom = frame.dx + frame.width, frame.dy + frame.height
        for p in page["figures"][0]["spec"]["datasets"]["others"]:
            box = _box(frame, p, False)
            assert left - 0.01 <= box[0] and box[2] <= right + 0.01, (city, p["name"], box)
            assert top - 0.01 <= box[1] and box[3] <= bottom + 0.01, (city, p["name"], box)


def test_voorschoten_is_named_next_to_its_shape(fronts) -> None:
    geo, cities = fronts
    data, page = cities["Leiden"]
    others = page["figures"][0]["spec"]["datasets"]["others"]
    frame = Frame(maps.extent(geo, [m["code"] for m in data.members]), SIZE)
    p = next(p for p in others if p["name"] == "Voorschoten")
    box = _box(frame, p, False)
    ring = [frame.pixel(x, y) for x, y in geo["GM0626"]["geometry"]["coordinates"][0]]
    # the nearest point of its outline within 3 px of the name's box (PAD + the gap)
    gap = min(max(box[0] - x, x - box[2], 0) + max(box[1] - y, y - box[3], 0) for x, y in ring)
    assert gap <= 3, (box, gap)


def test_no_thin_frame_is_drawn_as_land(warehouse_path) -> None:
    with connect(warehouse_path) as con:
        geo = builder.geometries_for(con)
    oldambt = geo["GM1895"]["geometry"]
    assert len(oldambt["coordinates"]) == 1  # its land; the Dollard strip left out
    north = max(y for poly in oldambt["coordinates"] for x, y in poly[0])
    assert north == pytest.approx(53.267, abs=0.001)  # was 53.3262, the strip's edge
    for code, item in geo.items():  # every drawn part mostly land, not holes
        geom = item["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for part in parts:
            assert maps._filled(part) >= maps.MIN_FILLED or len(parts) == 1, code
