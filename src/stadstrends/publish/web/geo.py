"""Municipal boundaries (PDOK 2023, WGS84) simplified once for the choropleth maps."""

from __future__ import annotations

import json
import os
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


def served_path(geo_file: Path | None, snapshot: str | Path | None) -> Path | None:
    """The boundaries file the site draws: ``geo_file`` when the app was given one
    (``create_app(geo_file=...)``), else :func:`geo_path` of ``snapshot``, the folder the
    warehouse being served was built from (``build_info.snapshot``). Asked per request, so a
    warehouse rebuilt from another snapshot and swapped in while the site runs
    (``reload.py``) draws its own boundaries, as its wijk maps and the reports do."""
    return geo_file or geo_path(snapshot)


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


def simplified_geojson(path: Path | None) -> bytes:
    """The file as a small GeoJSON (properties: code, name), serialised once per version of
    the file (its size and modification time: a file replaced in the same folder, by another
    PDOK download before a rebuild, is read again); :class:`NotFoundError` without one."""
    try:
        st = os.stat(path) if path is not None else None
    except OSError:
        st = None
    if st is None:
        raise NotFoundError.worded("no_boundaries", file=str(GEO_FILE))
    return _simplified(Path(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=2)
def _simplified(path: Path, mtime_ns: int, size: int) -> bytes:
    """:func:`simplified_geojson` of one version of the file (``mtime_ns``, ``size``: the
    cache's key only)."""
    data = read_geojson(path)  # damaged: MalformedSource naming it (a 502)
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
