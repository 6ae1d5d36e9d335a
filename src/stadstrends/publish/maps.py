"""Municipal geometries for report maps: loaded once, rewound for d3, clipped to a region.

The PDOK file holds the 2023 municipalities in WGS84 (RFC 7946 winding: exterior rings
counter-clockwise). Vega draws with d3-geo, which reads spherical polygons and wants exterior
rings clockwise, so rings are rewound on load. Coordinates are rounded to 4 decimals (~10 m),
plenty for a map a few centimetres wide, which keeps the HTML and SVG small.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

GEOJSON_NAME = "geo_gemeenten_pdok/gemeenten_2023_wgs84_with_kwb2023.geojson"
DECIMALS = 4


def geojson_path(snapshot: str | Path | None) -> Path | None:
    """The municipal GeoJSON in the snapshot folder recorded in ``build_info`` (a relative
    path there is relative to the build's working directory, so it may not resolve), else in
    the default snapshot folder; None when neither has it."""
    from stadstrends.paths import default_snapshot_dir

    for base in (snapshot, default_snapshot_dir()):
        if base:
            path = Path(base) / GEOJSON_NAME
            if path.exists():
                return path
    return None


def _area(ring: list[list[float]]) -> float:
    """Signed planar area (positive = counter-clockwise in lon/lat)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _ring(ring: list[list[float]], exterior: bool) -> list[list[float]]:
    pts = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring]
    dedup = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    clockwise = _area(dedup) < 0
    return dedup if clockwise == exterior else dedup[::-1]


def _polygon(rings: list) -> list:
    return [_ring(r, i == 0) for i, r in enumerate(rings)]


#: a part of a municipality whose holes leave less than this share of its outline's area is
#: a thin frame, no shape to draw: Oldambt's strip in the Dollard (7 % of its outline; drawn,
#: it was a loose orange sliver at the top edge of Oldambt's maps, which it stretched); the
#: only such part of the 343 municipalities of 2023 (the next: Dronten's islet, 60 %)
MIN_FILLED = 0.25


def _filled(rings: list) -> float:
    """The share of a polygon's outline (its first ring) that its holes leave."""
    outline = abs(_area(rings[0]))
    holes = sum(abs(_area(r)) for r in rings[1:])
    return (outline - holes) / outline if outline else 0.0


def _geometry(geom: dict) -> dict:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(geom["coordinates"])}
    parts = [p for p in geom["coordinates"] if _filled(p) >= MIN_FILLED] or geom["coordinates"]
    return {"type": "MultiPolygon", "coordinates": [_polygon(p) for p in parts]}


def _centroid(geom: dict) -> tuple[float, float]:
    """Mean of the largest exterior ring's vertices: a label position, not a true centroid."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    ring = max((p[0] for p in polys), key=lambda r: abs(_area(r)))
    xs, ys = zip(*ring[:-1], strict=True)
    return round(sum(xs) / len(xs), DECIMALS), round(sum(ys) / len(ys), DECIMALS)


@lru_cache(maxsize=4)
def load_geometries(path: str) -> dict[str, dict]:
    """GM code -> {'geometry', 'name', 'lon', 'lat'} for every municipality in the file;
    kept in the user cache as ``marshal`` data (keyed by the file's path, size and time and
    :data:`DECIMALS`): reading it takes ~5 ms instead of ~80 ms of parsing the GeoJSON, in
    every process that writes a report."""
    import hashlib
    import marshal

    from stadstrends.paths import default_cache_dir, write_cache

    st = Path(path).stat()
    key = hashlib.sha256(f"{Path(path).resolve()}|{st.st_size}|{st.st_mtime_ns}|{DECIMALS}|2"
                         .encode()).hexdigest()[:24]
    cached = default_cache_dir() / "geometries" / f"{key}.marshal"
    try:
        out = marshal.loads(cached.read_bytes())
        if isinstance(out, dict):
            return out
    except (OSError, ValueError, EOFError, TypeError):
        pass
    out = _parse_geometries(path)
    write_cache(cached, marshal.dumps(out))  # a read-only home: parse again next time
    return out


class NoMap(dict):
    """No geometries (falsy, as None) because the boundary file could not be read;
    ``error`` (a :class:`~stadstrends.errors.MalformedSource`) names it. The report is
    written without its map and says so (``front.map_note``)."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


def _parse_geometries(path: str) -> dict[str, dict]:
    from stadstrends.geofiles import read_geojson

    data = read_geojson(Path(path))  # damaged: MalformedSource naming the file
    out = {}
    for feature in data["features"]:
        props = feature["properties"]
        geom = _geometry(feature["geometry"])
        lon, lat = _centroid(geom)
        out[props["gemeentecode"]] = {"geometry": geom, "name": props["gemeentenaam"],
                                      "lon": lon, "lat": lat}
    return out


def region_features(geometries: dict[str, dict], codes: list[str],
                    values: dict[str, float] | None = None,
                    names: dict[str, str] | None = None) -> list[dict]:
    """GeoJSON features for ``codes`` (those with a geometry), with properties code, name
    and value (None when missing) for a Vega-Lite geoshape layer."""
    features = []
    for code in codes:
        item = geometries.get(code)
        if item is None:
            continue
        value = (values or {}).get(code)
        features.append({
            "type": "Feature", "geometry": item["geometry"],
            "properties": {"code": code, "name": (names or {}).get(code, item["name"]),
                           "value": value},
        })
    return features


def label_points(geometries: dict[str, dict], codes: list[str],
                 names: dict[str, str] | None = None) -> list[dict]:
    """One label point (lon, lat, name, code) per municipality with a geometry."""
    return [{"lon": geometries[c]["lon"], "lat": geometries[c]["lat"], "code": c,
             "name": (names or {}).get(c, geometries[c]["name"])}
            for c in codes if c in geometries]


def extent(geometries: dict[str, dict], codes: list[str]) -> tuple[float, ...] | None:
    """(west, south, east, north) in degrees of the exterior rings of ``codes``' geometries,
    the extent a map of them is fitted to; None without any."""
    xs: list[float] = []
    ys: list[float] = []
    for code in codes:
        geom = (geometries.get(code) or {}).get("geometry")
        if not geom:
            continue
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for poly in polys:
            xs.extend(x for x, _ in poly[0])
            ys.extend(y for _, y in poly[0])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def spread_labels(points: list[dict], priority: list[str], box: tuple[float, ...] | None = None,
                  size: tuple[int, int] = (330, 280), max_labels: int = 6,
                  font: tuple[float, float] = (10.5, 8.5), pad: float = 2.0,
                  geometries: dict[str, dict] | None = None) -> list[dict]:
    """Label points in ``priority`` order (the city first, then its neighbours by
    population), skipping any whose name would overlap a kept one: each name's box is
    estimated (:mod:`stadstrends.publish.map_labels`) on the map's Mercator projection
    fitted to ``box`` (:func:`extent`; default: the points' own) within ``size`` pixels;
    ``font``: the first name's size, the others'. With ``geometries`` (:func:`load_geometries`)
    a name that would hide much of its own shape (Schiermonnikoog's island) is put beside
    it, where it covers the fewest other shapes (a neighbour's only on the background):
    its point moved there, ``beside`` true."""
    from stadstrends.publish.map_labels import Frame, overlaps, place

    if not points:
        return []
    if box is None:
        box = (min(p["lon"] for p in points), min(p["lat"] for p in points),
               max(p["lon"] for p in points), max(p["lat"] for p in points))
    frame = Frame(box, size)
    by_code = {p["code"]: p for p in points}
    shapes = [geometries[c]["geometry"] for c in by_code if geometries and c in geometries]
    kept: list[dict] = []
    boxes: list[tuple[float, float, float, float]] = []
    for code in priority:
        p = by_code.get(code)
        if p is None:
            continue
        pt = font[0] if not kept else font[1]
        half = (0.3 * pt * len(str(p.get("name", ""))) + pad, 0.6 * pt + pad)
        own = (geometries or {}).get(code)
        found = place(frame, frame.pixel(p["lon"], p["lat"]), half,
                      own["geometry"] if own else None,
                      [g for g in shapes if g is not (own or {}).get("geometry")],
                      lambda b: all(not overlaps(b, k) for k in boxes), clear=bool(kept))
        if found is not None:
            mine, moved = found
            if moved:
                lon, lat = frame.lonlat((mine[0] + mine[2]) / 2, (mine[1] + mine[3]) / 2)
                p = {**p, "lon": round(lon, 4), "lat": round(lat, 4)}
            kept.append({**p, "beside": moved})
            boxes.append(mine)
        if len(kept) >= max_labels:
            break
    return kept
