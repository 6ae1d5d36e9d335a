"""The report's locator map names a small island beside it, not over it: Schiermonnikoog's
name (15 letters, bold) hid its whole island on its own map (the real snapshot)."""

from __future__ import annotations

import math
import re

import pytest

from stadstrends.publish import maps
from stadstrends.publish.map_labels import (
    MAX_HIDDEN,
    MAX_HIDDEN_ON,
    Frame,
    hidden_share,
    overlaps,
)
from stadstrends.publish.report import builder
from stadstrends.publish.report.front import front
from tests.publish.loaded import connect, kept_city

SIZE, FONT, PAD = (330, 280), (10.5, 8.5), 2.0  # chart_maps.locator_map, spread_labels


@pytest.fixture(scope="module")
def fronts(warehouse_path):
    with connect(warehouse_path) as con:
        geo = builder.geometries_for(con)
        out = {}
        for city in ("Schiermonnikoog", "Ameland", "Vlieland", "Texel", "Zwolle",
                     "Maastricht", "Leeuwarden"):
            data = kept_city(con, city)
            out[city] = (data, front(data, "nl", geo))
    return geo, out


def _boxes(frame: Frame, labels: list[dict]) -> list[tuple[float, ...]]:
    out = []
    for i, p in enumerate(labels):
        x, y = frame.pixel(p["lon"], p["lat"])
        half_w = 0.3 * FONT[i > 0] * len(p["name"]) + PAD
        half_h = 0.6 * FONT[i > 0] + PAD
        out.append((x - half_w, y - half_h, x + half_w, y + half_h))
    return out


def test_no_name_hides_its_municipality_on_the_locator_map(fronts) -> None:
    """The city's name hides at most a third of its shape (Schiermonnikoog's hid 94% of its
    island), a neighbour's at most half; every name inside the chart, none over another."""
    geo, cities = fronts
    for city, (data, page) in cities.items():
        spec = page["figures"][0]["spec"]
        labels = spec["datasets"]["city_label"] + spec["datasets"]["others"]
        assert labels[0]["code"] == data.code, city  # the city is always named
        frame = Frame(maps.extent(geo, [m["code"] for m in data.members]), SIZE)
        boxes = _boxes(frame, labels)
        for i, (p, box) in enumerate(zip(labels, boxes, strict=True)):
            share = hidden_share(frame, box, geo[p["code"]]["geometry"])
            assert share <= (MAX_HIDDEN_ON if i else MAX_HIDDEN), (city, p["name"], share)
            assert frame.holds(box), (city, p["name"], box)
        assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), city
    # the islands' names stand beside them (in the city's colour on white), the mainland
    # cities' on their fill, as before
    beside = {c: page["figures"][0]["spec"]["datasets"]["city_label"][0]["beside"]
              for c, (_, page) in cities.items()}
    assert beside == {"Schiermonnikoog": True, "Ameland": True, "Vlieland": True,
                      "Texel": False, "Zwolle": False, "Maastricht": False,
                      "Leeuwarden": False}, beside


def test_a_name_beside_its_island_is_drawn_in_the_citys_colour(fronts) -> None:
    from stadstrends.publish import charts

    _, cities = fronts
    svg = charts.to_svg(cities["Schiermonnikoog"][1]["figures"][0]["spec"])
    fills = re.findall(r'<text[^>]*fill="([^"]+)"[^>]*>Schiermonnikoog</text>', svg)
    assert fills and fills[-1].lower() == charts.PALETTE["city"].lower(), fills


def _nearest(frame: Frame, point: tuple[float, float], geometry: dict
             ) -> tuple[float, tuple[float, float]]:
    """Pixels from ``point`` to the nearest outline point of ``geometry``, and that point."""
    from stadstrends.publish.map_labels import _polygons

    best = (float("inf"), point)
    for poly in _polygons(geometry):
        ring = [frame.pixel(x, y) for x, y in poly[0]]
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            dx, dy = x1 - x0, y1 - y0
            f = max(0.0, min(1.0, ((point[0] - x0) * dx + (point[1] - y0) * dy)
                             / ((dx * dx + dy * dy) or 1e-12)))
            q = (x0 + f * dx, y0 + f * dy)
            best = min(best, (math.dist(point, q), q))
    return best


def test_a_name_beside_its_shape_stands_against_its_outline(fronts) -> None:
    """A neighbour's name put beside its shape stands against it: the outline point nearest
    the name's centre lies within the name's box grown by 5 px (a thin shape's name
    beside its box, not its outline, stood off it). On Leeuwarden's map 'Terschelling'
    stood below its long diagonal island's box, in the sea 20 px from the island with only
    a corner near it, read as naming the mainland (session 55); now against the island."""
    geo, cities = fronts
    checked = []
    for city, (data, page) in cities.items():
        spec = page["figures"][0]["spec"]
        codes = [m["code"] for m in data.members]
        frame = Frame(maps.extent(geo, codes), SIZE)
        labels = spec["datasets"]["city_label"] + spec["datasets"]["others"]
        for i, (p, box) in enumerate(zip(labels, _boxes(frame, labels), strict=True)):
            if not p["beside"] or i == 0:  # (the city's own name is in its colour)
                continue
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            own, (x, y) = _nearest(frame, centre, geo[p["code"]]["geometry"])
            assert box[0] - 5 <= x <= box[2] + 5 and box[1] - 5 <= y <= box[3] + 5, (
                city, p["name"], own, box, (x, y))
            checked.append((city, p["name"]))
    assert ("Leeuwarden", "Terschelling") in checked, checked
