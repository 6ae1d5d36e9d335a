"""The snapshot's boundary files the reports and the site draw, read and checked in one place.

* ``geo_gemeenten_pdok/gemeenten_2023_wgs84_with_kwb2023.geojson``: PDOK's 2023
  municipalities (GeoJSON FeatureCollection, properties ``gemeentecode``, ``gemeentenaam``;
  SOURCES.md section 5): the report's maps, the site's map; every municipality of 2023 the
  regions stage knows has its feature (a copy that lost one drew a report's map without
  its own municipality);
* ``geo_cbs_gebiedsindelingen_2014_2015/Wijk_2014_layer_q1e3.topojson``: CBS's 2014 wijken
  (TopoJSON, object ``layer``; section 6): the site's wijk maps.

:func:`check_snapshot` runs during the build, as the CSVs are checked (a damaged file fails
the build naming it, before anything replaces the old warehouse); :func:`read_geojson` and
:func:`read_topojson` are what the readers use, so a file damaged after the build is a
:class:`~stadstrends.errors.MalformedSource` naming it, not a ``UnicodeDecodeError``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stadstrends.errors import MalformedSource, counted, json_words, os_reason, phrase

if TYPE_CHECKING:
    import pandas as pd

MUNICIPALITIES = Path("geo_gemeenten_pdok") / "gemeenten_2023_wgs84_with_kwb2023.geojson"
WIJKEN = Path("geo_cbs_gebiedsindelingen_2014_2015") / "Wijk_2014_layer_q1e3.topojson"
MUNICIPALITIES_YEAR = 2023  # the boundaries of PDOK's file (its name)
SHOWN = 10  # missing municipalities named in the message


def _damaged(path: Path, key: str, section: int, **params: Any) -> MalformedSource:
    """The worded error ``errors.<key>`` about the boundary file ``path`` (hint: restore it
    from the source SOURCES.md ``section`` names)."""
    return MalformedSource.worded(key, path=str(path), file=Path(path).name, section=section,
                                  **params)


def _load(path: Path, section: int) -> Any:
    """The JSON in ``path``: UTF-8 and whole, else :class:`MalformedSource` naming it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _damaged(path, "geo_unreadable", section, reason=os_reason(exc)
                       ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _damaged(path, "geo_not_utf8", section, byte=f"{data[exc.start]:02x}",
                       offset=counted(exc.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        raise _damaged(path, "geo_cut" if cut else "geo_not_json", section,  # cut: a copy
                       detail=json_words(exc)) from None


def read_geojson(path: Path) -> dict[str, Any]:
    """The municipalities' GeoJSON at ``path``: a FeatureCollection whose every feature has
    ``properties.gemeentecode`` and a Polygon or MultiPolygon ``geometry`` with coordinates,
    else :class:`MalformedSource` naming the file and the first feature that does not."""
    data = _load(path, 5)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise _damaged(path, "geo_no_features", 5)
    for i, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        if not (isinstance(props, dict) and isinstance(props.get("gemeentecode"), str)
                and isinstance(geom, dict) and geom.get("type") in ("Polygon", "MultiPolygon")
                and isinstance(geom.get("coordinates"), list) and geom["coordinates"]):
            raise _damaged(path, "geo_bad_feature", 5, number=i + 1, total=len(features))
    return data


def read_topojson(path: Path) -> dict[str, Any]:
    """The wijken's TopoJSON at ``path``: ``arcs`` and the object ``layer`` with its
    ``geometries``, else :class:`MalformedSource` naming the file."""
    data = _load(path, 6)
    layer = (data.get("objects") or {}).get("layer") if isinstance(data, dict) else None
    if not (isinstance(layer, dict) and isinstance(layer.get("geometries"), list)
            and isinstance(data.get("arcs"), list)):
        raise _damaged(path, "geo_no_layer", 6)
    return data


def municipalities_of(frames: Mapping[str, pd.DataFrame], year: int = MUNICIPALITIES_YEAR
                      ) -> dict[str, str]:
    """Code -> name of the municipalities of ``year`` in the region tables ``frames``
    (:func:`~stadstrends.regions.reading.read_regions`: ``membership`` per year, the names
    of ``regions``); empty when they have no edition of that year."""
    members, regions = frames["membership"], frames["regions"]
    names = regions.drop_duplicates("region_code").set_index("region_code")["name"]
    codes = sorted(set(members.loc[members["year"] == year, "gm_code"]))
    return {code: str(names.get(code, code)) for code in codes}


def check_complete(path: Path, data: dict[str, Any], municipalities: Mapping[str, str]) -> None:
    """Every code of ``municipalities`` (code -> name) has a feature in ``data``, the GeoJSON
    read from ``path``, else :class:`MalformedSource` naming the file and the missing ones
    (code and name, the first :data:`SHOWN`) and how many."""
    found = {f["properties"]["gemeentecode"].strip() for f in data["features"]}
    missing = [code for code in sorted(municipalities) if code not in found]
    if not missing:
        return
    named = ", ".join(f"{code} {municipalities[code]}" for code in missing[:SHOWN])
    raise _damaged(path, "geo_missing_one" if len(missing) == 1 else "geo_missing", 5,
                   count=counted(len(missing)), year=MUNICIPALITIES_YEAR, names=named,
                   more=phrase("more_labels", n=counted(len(missing) - SHOWN))
                   if len(missing) > SHOWN else {})


def check_snapshot(snapshot: Path, municipalities: Mapping[str, str] | None = None
                   ) -> list[Path]:
    """Check the boundary files ``snapshot`` has (a snapshot without them gives reports
    without maps); the paths checked. Raises :class:`MalformedSource` naming a damaged one,
    or a municipalities' file without a feature for one of ``municipalities`` (code -> name,
    :func:`municipalities_of`; the municipalities of :data:`MUNICIPALITIES_YEAR`)."""
    checked = []
    for rel, read in ((MUNICIPALITIES, read_geojson), (WIJKEN, read_topojson)):
        path = Path(snapshot) / rel
        if path.exists():
            data = read(path)
            if rel == MUNICIPALITIES and municipalities:
                check_complete(path, data, municipalities)
            checked.append(path)
    return checked
