"""A city's neighbourhood (wijk) map where neighbourhood data exist: KWB 2024 (85984NED, in this
snapshot for municipalities up to Maasdriel) drawn on the wijk boundaries of 2014 (the only wijk
geometry in the snapshot). A 2024 wijk is drawn only when the 2014 map has a wijk with the same
code and the same name; the others are listed, so that a changed wijk is never coloured with
another area's figure. An empty cell of the table says why, in the words of a missing value
elsewhere ('waarde ontbreekt in de bron': Velp's WOZ value, WK198201, is empty in 85984NED)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from stadstrends import vocabulary
from stadstrends.geofiles import read_topojson
from stadstrends.paths import default_snapshot_dir
from stadstrends.publish.format import fmt_number
from stadstrends.publish.web.geo import orient

WIJK_FILE = Path("geo_cbs_gebiedsindelingen_2014_2015") / "Wijk_2014_layer_q1e3.topojson"
TABLE = "85984NED"
# measure -> (unit, decimals, title_nl, title_en): two 2024 figures of the KWB, printed with
# the decimals CBS publishes them with (Decimals of 85984NED's DataProperties: 0 for both,
# whole percentages and thousands of euros: '32%', not '32,0%')
MEASURES = {
    "GemiddeldeWOZWaardeVanWoningen_39": ("1 000 euro", 0, "Gemiddelde WOZ-waarde van woningen",
                                          "Mean WOZ value of dwellings"),
    "InBezitWoningcorporatie_49": ("%", 0, "Aandeel corporatiewoningen",
                                   "Share of housing-corporation dwellings"),
}  # (measures the build stores: the neighbourhood inequality reads them, raw_measures: used)
#: the wijk's dwellings (KWB 85984NED), the base of both figures: under the build's
#: ``small_base`` (settings.yaml, read back from ``build_info``: the analysis' small-base
#: rule, 100) one dwelling more or less moves the share by a point or more, and the mean
#: rests on a few homes, so its figures say 'uit N woningen' (Heerlen's De Beitel: 29
#: dwellings, a mean WOZ of 379 000 euro and no corporation dwelling, unmarked before session 56)
DWELLINGS = "Woningvoorraad_35"
GEO_URL = "/api/v1/geo/wijken/{code}.geojson"
#: a CBS cell's status (``raw_observations.status``) of an empty value -> its reason code
#: (language files, ``reasons``; as the harmonisation says it of a municipality's empty cell)
EMPTY_REASONS = {"geheim": "suppressed_in_source"}
#: the fill and outline of a 2014 wijk the 2024 figures divide otherwise (a lighter grey
#: than a drawn wijk without its figure, outlined to stand out from the page)
OTHER, OTHER_STROKE = "#f0f0f0", "#9ca3af"


def wijk_path(snapshot: str | Path | None = None) -> Path | None:
    """The wijk boundaries file in ``snapshot`` (the folder the warehouse was built from,
    ``build_info.snapshot``), else in the default snapshot folder; ``None`` in neither."""
    for base in (Path(snapshot) if snapshot else None, default_snapshot_dir()):
        if base is not None and (base / WIJK_FILE).is_file():
            return base / WIJK_FILE
    return None


@lru_cache(maxsize=1)
def _topology(path: Path) -> dict[str, Any]:
    return read_topojson(Path(path))  # damaged: MalformedSource naming it (a 502)


def _arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """The topology's arcs in degrees (delta-decoded, de-quantized)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 5), round(y * sy + ty, 5)])
        out.append(points)
    return out


@lru_cache(maxsize=1)
def _decoded(path: Path) -> tuple[list[list[list[float]]], list[dict[str, Any]]]:
    topo = _topology(path)
    return _arcs(topo), topo["objects"]["layer"]["geometries"]


def _ring(arcs: list[list[list[float]]], ids: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in ids:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def wijk_geojson(path: Path, gm_code: str) -> dict[str, Any]:
    """The 2014 wijken of one municipality as GeoJSON (properties: code, name)."""
    arcs, geometries = _decoded(path)
    prefix = "WK" + gm_code[2:]
    features = []
    for g in geometries:
        code = g["properties"]["statcode"]
        if not code.startswith(prefix) or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        coords = [orient([_ring(arcs, ring) for ring in poly]) for poly in polys]
        features.append({"type": "Feature",
                         "properties": {"code": code, "name": g["properties"]["statnaam"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features,
            "attribution": "Wijkgrenzen: CBS/PDOK 2014"}


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        s = " ".join(s.lower().replace("-", " ").split())
        return re.sub(r"^wijk \d+ ", "", s)  # the 2014 map writes 'Wijk 03 Kattenbroek'
    return norm(a) == norm(b)


def wijk_map(wh: Any, gm_code: str, lang: str) -> dict[str, Any] | None:
    """The wijk figures of 2024 of a municipality, which of them the 2014 map can show
    (same code and name) and which not; None when the KWB has no wijken for it. Without a
    boundaries file (:func:`wijk_path`) none is drawn and ``no_map`` names the file missing.
    A wijk's empty figure has its reason in words under ``<measure>_why``; one of fewer
    dwellings than the build's ``small_base`` their number under ``small``."""
    path = wijk_path(wh.build_info.get("snapshot"))
    small_base = wh.settings.small_base
    rows = wh.rows(
        "SELECT region_code, any_value(region_label) AS name, measure, any_value(value) AS value,"
        " any_value(status) AS status FROM raw_observations WHERE table_id = ? AND region_code"
        " LIKE ? AND list_contains(?, measure) AND year = 2024 GROUP BY region_code, measure"
        " ORDER BY region_code",
        [TABLE, "WK" + gm_code[2:] + "%", [*MEASURES, DWELLINGS]])
    if not rows:
        return None
    shapes = {} if path is None else {f["properties"]["code"]: f["properties"]["name"]
                                      for f in wijk_geojson(path, gm_code)["features"]}
    wijken: dict[str, dict[str, Any]] = {}
    for r in rows:
        w = wijken.setdefault(r["region_code"], {"code": r["region_code"], "name": r["name"]})
        if r["measure"] == DWELLINGS:  # the base: said with the figures where it is small
            if r["value"] is not None and r["value"] < small_base:
                w["small"] = vocabulary.word(lang, "web", "wijken_small", n=int(r["value"]))
            continue
        w[r["measure"]] = r["value"]
        if r["value"] is None:  # why CBS's cell is empty, said in the cell
            w[r["measure"] + "_why"] = vocabulary.word(
                lang, "reasons", EMPTY_REASONS.get(r["status"] or "", "missing_in_source"))
    drawn = [w for c, w in wijken.items() if c in shapes and _same(shapes[c], w["name"])]
    missing = [w for c, w in wijken.items() if w not in drawn]
    drawn_codes = {w["code"] for w in drawn}
    # the 2014 wijken the map draws without a 2024 figure of theirs: grey for another
    # division (Leeuwarden's WK008050 is Hempens in 2014, Heechterp & Schieringen in 2024)
    other = [{"code": c, "name": name} for c, name in shapes.items() if c not in drawn_codes]
    return {"measures": [{"id": m, "unit": u, "decimals": d,
                          "title": nl if lang == "nl" else en}
                         for m, (u, d, nl, en) in MEASURES.items()],
            "drawn": drawn, "missing": missing, "n": len(wijken), "other": other,
            "small": sum("small" in w for w in wijken.values()), "small_base": small_base,
            "small_base_text": fmt_number(small_base, 0, lang),
            "missing_names": names_sentence([w["name"] for w in missing]),
            "no_map": str(WIJK_FILE) if path is None else None,
            "geo_url": GEO_URL.format(code=gm_code)}


def names_sentence(names: list[str]) -> str:
    """Names joined with commas and ended with one full stop: 'Grou e.o.', not 'Grou e.o..'
    (a name ending in a period ends the sentence too)."""
    text = ", ".join(names)
    return text if not text or text.endswith(".") else text + "."


def wijk_spec(found: dict[str, Any], measure: str, title: str, unit: str,
              lang: str, decimals: int | None = None) -> dict[str, Any]:
    """A choropleth of the drawn wijken on ``measure`` (classes as the municipal maps, values
    with CBS's ``decimals``). Grey says why, in the legend and the tooltip: a drawn wijk
    without the figure 'geen gegevens' (:data:`~.specs.NO_DATA`), a 2014 wijk without a
    2024 wijk of the same code and name (``found['other']``) 'andere wijkindeling' in a
    lighter grey with a grey outline (:data:`OTHER`): its area has figures, in the table,
    under the 2024 division."""
    from stadstrends.publish.web import specs, units
    from stadstrends.publish.web.legend_words import classes_note

    values = [{"code": w["code"], "name": w["name"], "value": w.get(measure),
               "shown": units.show(w.get(measure), unit, lang, decimals=decimals)
               + (f" ({w['small']})" if w.get("small") else "")
               if w.get(measure) is not None else w.get(measure + "_why")}
              for w in found["drawn"]]
    legend = specs.classes([v["value"] for v in values if v["value"] is not None], unit, lang,
                           decimals=decimals)
    for v in values:
        v["class_value"] = None if v["value"] is None else units.shown_value(v["value"], unit,
                                                                            decimals)
    none = vocabulary.word(lang, "web", "wijken_no_data")
    other_words = vocabulary.word(lang, "web", "wijken_other")
    others = [{"code": o["code"], "name": o["name"], "value": None, "class_value": None,
               "shown": other_words, "other": True} for o in found.get("other", [])]
    spec = specs._base(
        title, width="container", height=420,
        data={"url": found["geo_url"], "format": {"type": "json", "property": "features"}},
        transform=[{"lookup": "properties.code",
                    "from": {"data": {"values": values + others}, "key": "code",
                             "fields": ["value", "class_value", "shown", "name", "other"]},
                    "default": None},  # keep the wijken without a figure: drawn grey
                   {"calculate": "isValid(datum.name) ? datum.name : datum.properties.name",
                    "as": "name"},
                   {"calculate": f"isValid(datum.value) || isValid(datum.shown) ? "
                                 f"datum.shown : '{none}'", "as": "shown"}],
        projection={"type": "mercator"},
        mark={"type": "geoshape", "stroke": "#fff", "strokeWidth": 0.6, "invalid": None},
        encoding={"stroke": {"condition": {"test": "datum.other === true",
                                           "value": OTHER_STROKE}, "value": "#fff"},
                  "color": {"condition": [{"test": "datum.other === true", "value": OTHER},
                                          {"test": "!isValid(datum.value)",
                                           "value": specs.NO_DATA}],
                            "field": "class_value", "type": "quantitative", "legend": None,
                            "scale": {"type": "threshold",
                                      "domain": [c["lo"] for c in legend[1:]] or [0],
                                      "range": [c["color"] for c in legend] or specs.BLUES[:2]}},
                  "tooltip": [{"field": "name", "title": "Wijk" if lang == "nl" else
                               "District"}, {"field": "shown", "title": title}]})
    # a swatch for each kind of grey the map has (none without a drawn wijk lacking it)
    spec["usermeta"] = {"legend": legend, "no_data": specs.NO_DATA,
                        "no_data_label": none if any(v["value"] is None for v in values)
                        else None,
                        "extra": [{"color": OTHER, "label": other_words}] if others else [],
                        "classes_note": classes_note(legend, [v["class_value"] for v in values
                                                              if v["class_value"] is not None],
                                                     lang, "wijken")}
    return spec
