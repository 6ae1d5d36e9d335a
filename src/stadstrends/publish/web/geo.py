"""Municipal boundaries (PDOK 2023, WGS84) simplified once for the choropleth maps."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from stadstrends.errors import NotFoundError
from stadstrends.geofiles import read_geojson
from stadstrends.paths import default_snapshot_dir

GEO_FILE = Path("geo_gemeenten_pdok") / "gemeenten_2023_wgs84_with_kwb2023.geojson"
TOLERANCE = 0.0012  # degrees, about 100 m: invisible at country scale
DECIMALS = 4


def geo_path(snapshot: str | Path | None = None) -> Path | None:
    """The boundaries file in ``snapshot`` (the folder the warehouse was built from,
    ``build_info.snapshot``), else in the default snapshot folder (as the report's maps,
    :func:`stadstrends.publish.maps.geojson_path`, and the wijk map); ``None`` in neither.
    The build's own comes first: a warehouse of another snapshot draws its boundaries, not
    those of the folder next to the checkout."""
    for base in (Path(snapshot) if snapshot else None, default_snapshot_dir()):
        if base is not None and (base / GEO_FILE).exists():
            return base / GEO_FILE
    return None


def _perp(p: list[float], a: list[float], b: list[float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return abs(p[0] - a[0]) + abs(p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / (dx * dx + dy * dy) ** 0.5


def simplify_ring(ring: list[list[float]], tol: float = TOLERANCE) -> list[list[float]]:
    """Douglas-Peucker on a closed ring (iterative); keeps at least a triangle."""
    if len(ring) <= 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, idx = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perp(ring[i], ring[lo], ring[hi])
            if d > best:
                best, idx = d, i
        if idx > 0 and (best > tol or sum(keep) < 3):
            keep[idx] = True
            stack += [(lo, idx), (idx, hi)]
    out = [[round(x, DECIMALS), round(y, DECIMALS)] for (x, y), k in zip(ring, keep,
                                                                          strict=True) if k]
    return out if len(out) >= 4 else [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring]


def _area(ring: list[list[float]]) -> float:
    """Shoelace area: positive for counter-clockwise rings (x east, y north)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False)) / 2


def orient(poly: list[list[list[float]]]) -> list[list[list[float]]]:
    """d3-geo (Vega) wants exterior rings clockwise and holes counter-clockwise."""
    return [ring[::-1] if (_area(ring) > 0) == (i == 0) else ring for i, ring in enumerate(poly)]


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


@lru_cache(maxsize=2)
def simplified_geojson(path: Path) -> bytes:
    """The file as a small GeoJSON (properties: code, name), serialised once."""
    if path is None or not Path(path).exists():
        raise NotFoundError.worded("no_boundaries", file=str(GEO_FILE))
    data = read_geojson(Path(path))  # damaged: MalformedSource naming it (a 502)
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        polys = [orient([simplify_ring(ring) for ring in poly])
                 for poly in _polygons(feature["geometry"])]
        features.append({"type": "Feature",
                         "properties": {"code": props["gemeentecode"],
                                        "name": props["gemeentenaam"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    out = {"type": "FeatureCollection", "features": features,
           "attribution": "Gemeentegrenzen: CBS/PDOK 2023"}
    return json.dumps(out, separators=(",", ":")).encode("utf-8")
