"""Where a locator map's names go (:func:`stadstrends.publish.maps.spread_labels`): on a
municipality's shape where the name leaves most of it in view, else beside it, so a small
island is not hidden under its own name (Schiermonnikoog's 15 letters covered the whole
island on its own map).

Positions are estimated on the map's Mercator projection fitted to the region's extent
within the chart's pixels, as Vega fits it: a name's box is ~0.6 of the font size wide per
character and ~1.2 high, centred on its point.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels

#: a name on its shape hiding more than this share of the shape is put beside it
MAX_HIDDEN = 0.35
#: a neighbour's name with no free place beside its shape stays on it up to this share
#: (else it is left out: the city's name always stays)
MAX_HIDDEN_ON = 0.5
#: pixels around a name beside its shape kept clear of other shapes where a place allows
MARGIN = 5.0
SAMPLES = (5, 3)  # points across and down a name's box tested against other shapes


def mercator(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


class Frame:
    """The map's projection: lon/lat <-> pixels of a ``size`` chart fitted to ``box``
    (west, south, east, north), the extent centred as Vega centres it."""

    def __init__(self, box: tuple[float, ...], size: tuple[int, int]) -> None:
        (self.x0, self.y0), (x1, self.y1) = mercator(box[0], box[1]), mercator(box[2], box[3])
        self.scale = min(size[0] / ((x1 - self.x0) or 1e-9),
                         size[1] / ((self.y1 - self.y0) or 1e-9))
        self.width, self.height = (x1 - self.x0) * self.scale, (self.y1 - self.y0) * self.scale
        self.size = size
        self.dx, self.dy = (size[0] - self.width) / 2, (size[1] - self.height) / 2

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        px, py = mercator(lon, lat)
        return (px - self.x0) * self.scale + self.dx, (self.y1 - py) * self.scale + self.dy

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        px = (x - self.dx) / self.scale + self.x0
        py = self.y1 - (y - self.dy) / self.scale
        return math.degrees(px), math.degrees(2 * math.atan(math.exp(py)) - math.pi / 2)

    def holds(self, box: Box, whole: bool = False) -> bool:
        """The whole name inside the chart and its point inside the fitted extent (a point
        beyond it would widen Vega's fit and move the map); ``whole``: the whole name inside
        the drawn extent, the map's picture (a neighbour's name half beyond it floated in the
        margin, away from its shape: Voorschoten's, left of Leiden's map, 30 px of its 60
        beyond the westernmost coast; the city's own, in its colour, stands beside its shape
        as before: Vaals's right of it, not over its neighbour)."""
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if whole:
            return (max(0.0, self.dx) <= box[0] and max(0.0, self.dy) <= box[1]
                    and box[2] <= min(self.size[0], self.dx + self.width)
                    and box[3] <= min(self.size[1], self.dy + self.height))
        return (box[0] >= 0 and box[1] >= 0 and box[2] <= self.size[0]
                and box[3] <= self.size[1] and self.dx <= cx <= self.dx + self.width
                and self.dy <= cy <= self.dy + self.height)


def _polygons(geometry: dict) -> list[list]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" \
        else geometry["coordinates"]


def shape_box(frame: Frame, geometry: dict) -> Box:
    """The pixel box of a geometry's largest polygon (where its name's point lies)."""
    ring = max((p[0] for p in _polygons(geometry)), key=lambda r: abs(_planar(r)))
    pts = [frame.pixel(x, y) for x, y in ring]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _planar(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def hidden_share(frame: Frame, label: Box, geometry: dict) -> float:
    """The share of a geometry's area (its largest polygon's, in pixels) under ``label``,
    estimated from a grid of points across the label (a thin diagonal island such as
    Vlieland fills little of its box: a box's share would understate it)."""
    ring = max((p[0] for p in _polygons(geometry)), key=lambda r: abs(_planar(r)))
    area = abs(_planar([frame.pixel(x, y) for x, y in ring])) / 2
    if area <= 0:
        return 1.0
    grid = (SAMPLES[0] * 3, SAMPLES[1] * 3)
    on = on_shapes(frame, label, [geometry], grid)
    return min(1.0, on / (grid[0] * grid[1]) * (label[2] - label[0]) * (label[3] - label[1])
               / area)


def overlaps(a: Box, b: Box) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def _inside(lon: float, lat: float, ring: list) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def on_shapes(frame: Frame, box: Box, geometries: list[dict],
              grid: tuple[int, int] = SAMPLES) -> int:
    """How many of a ``grid`` of points across ``box`` fall on any of ``geometries``."""
    n = 0
    for i in range(grid[0]):
        for j in range(grid[1]):
            x = box[0] + (box[2] - box[0]) * (i + 0.5) / grid[0]
            y = box[1] + (box[3] - box[1]) * (j + 0.5) / grid[1]
            lon, lat = frame.lonlat(x, y)
            n += any(_inside(lon, lat, poly[0]) and not any(
                _inside(lon, lat, hole) for hole in poly[1:])
                for geom in geometries for poly in _polygons(geom))
    return n


def beside(shape: Box, half_w: float, half_h: float, gap: float
           ) -> list[tuple[float, float]]:
    """Centres of a name just below, above, right of and left of a shape's box."""
    cx, cy = (shape[0] + shape[2]) / 2, (shape[1] + shape[3]) / 2
    return [(cx, shape[3] + gap + half_h), (cx, shape[1] - gap - half_h),
            (shape[2] + gap + half_w, cy), (shape[0] - gap - half_w, cy)]


def _crossings(ring: list[tuple[float, float]], at: float, axis: int) -> list[float]:
    """Where a pixel ring crosses the line ``axis`` = ``at`` (0: x, a vertical line; 1: y),
    as the other coordinate, sorted."""
    out = []
    for a, b in zip(ring, ring[1:], strict=False):
        if (a[axis] > at) != (b[axis] > at):
            f = (at - a[axis]) / (b[axis] - a[axis])
            out.append(a[1 - axis] + f * (b[1 - axis] - a[1 - axis]))
    return sorted(out)


def hugging(frame: Frame, point: tuple[float, float], geometry: dict, half_w: float,
            half_h: float, gap: float) -> list[tuple[float, float]]:
    """Centres of a name just below, above, right of and left of its shape's outline where
    the lines through the name's ``point`` cross it: beside the shape itself, not beside
    its box (below Terschelling's box, a long diagonal island, a name stood in the sea
    nearer the mainland than the island, read as naming the mainland)."""
    ring = [frame.pixel(x, y) for x, y in
            max((p[0] for p in _polygons(geometry)), key=lambda r: abs(_planar(r)))]
    out = []
    for axis, half, at in ((0, half_h, point[0]), (1, half_w, point[1])):
        cut = _crossings(ring, at, axis)
        if len(cut) < 2:
            continue
        low, high = cut[0], cut[-1]  # the part the point is on, if on one
        for a, b in zip(cut[::2], cut[1::2], strict=False):
            if a <= point[1 - axis] <= b:
                low, high = a, b
        after, before = high + gap + half, low - gap - half
        out += [(at, after), (at, before)] if axis == 0 else [(after, at), (before, at)]
    return out


def _near(frame: Frame, box: Box, geometries: list[dict]) -> int:
    """How many outline points of ``geometries`` lie within :data:`MARGIN` pixels of
    ``box`` (the box grown by it, compared in lon/lat: no projection of every point)."""
    m = MARGIN
    (w, n), (e, s) = frame.lonlat(box[0] - m, box[1] - m), frame.lonlat(box[2] + m, box[3] + m)
    return sum(w <= x <= e and s <= y <= n for geom in geometries
               for poly in _polygons(geom) for ring in poly for x, y in ring)


def place(frame: Frame, point: tuple[float, float], half: tuple[float, float],
          shape: dict | None, others: list[dict], free: Callable[[Box], bool],
          clear: bool = False) -> tuple[Box, bool] | None:
    """A name's box: on its point when that leaves most of its shape in view, else the
    place beside the shape inside the chart, clear of kept names (``free``), that covers
    the fewest of the ``others``' shapes (``shape``, ``others``: geometries); (box, beside)
    or None where no place is free. ``clear``: a neighbour's name, beside its shape only on
    the background, on no other shape (there it would name that one), and left out where it
    would hide more than :data:`MAX_HIDDEN_ON` of its shape."""
    (cx, cy), (hw, hh) = point, half
    own = (cx - hw, cy - hh, cx + hw, cy + hh)
    if shape is None or hidden_share(frame, own, shape) <= MAX_HIDDEN:
        return (own, False) if free(own) else None
    best: tuple[tuple[int, int], Box] | None = None
    # beside its outline first, then beside its box (a shape the lines miss)
    for bx, by in hugging(frame, point, shape, hw, hh, 1.5) + beside(
            shape_box(frame, shape), hw, hh, gap=1.5):
        box = (bx - hw, by - hh, bx + hw, by + hh)
        if not (frame.holds(box, whole=clear) and free(box)):
            continue
        covered = on_shapes(frame, box, others)
        if clear and covered:
            continue
        # of two places clear of other shapes, the one not touching them (Ameland's name
        # below its island touched the mainland's coast, the Wadden Sea being narrow there)
        near = _near(frame, box, others)
        if best is None or (covered, near) < best[0]:
            best = ((covered, near), box)
    if best is not None:
        return best[1], True
    if clear and hidden_share(frame, own, shape) > MAX_HIDDEN_ON:
        return None
    return (own, False) if free(own) else None  # nowhere beside it: on it, as before
