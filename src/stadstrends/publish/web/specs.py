"""Vega-Lite specs (plain dicts) for the pages; rendered client-side by the local bundle."""

from __future__ import annotations

from typing import Any

GEO_URL = "/api/v1/geo/gemeenten.geojson"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched
FONT = "system-ui, sans-serif"
CONFIG = {"font": FONT, "view": {"stroke": None},
          "axis": {"labelColor": "#222", "titleColor": "#222", "labelFontSize": 12},
          "legend": {"labelColor": "#222", "titleColor": "#222"}}


def _base(description: str, fit: str = "fit", **extra: Any) -> dict[str, Any]:
    return {"$schema": SCHEMA, "description": description, "config": CONFIG,
            "autosize": {"type": fit, "contains": "padding"}, **extra}


def choropleth(values: list[dict[str, Any]], title: str, unit: str,
               highlight: list[str] | None = None) -> dict[str, Any]:
    """Municipalities coloured by value; values: region_code, name, value."""
    data = [{"region_code": v["region_code"], "name": v["name"], "value": v["value"]}
            for v in values]
    layers: list[dict[str, Any]] = [{
        "mark": {"type": "geoshape", "stroke": "#fff", "strokeWidth": 0.3},
        "encoding": {
            "color": {"field": "value", "type": "quantitative", "title": unit or title,
                      "scale": {"type": "quantile", "scheme": {"name": "blues", "count": 5}},
                      "legend": {"orient": "bottom-right", "format": ",.3~g"}},
            "tooltip": [{"field": "name", "title": "Gemeente"},
                        {"field": "value", "title": unit or "waarde", "format": ",.4~g"}],
        },
    }]
    if highlight:
        layers.append({
            "transform": [{"filter": {"field": "properties.code", "oneOf": highlight}}],
            "mark": {"type": "geoshape", "fill": None, "stroke": "#c00", "strokeWidth": 2},
        })
    return _base(
        f"Kaart: {title} per gemeente", width="container", height=520,
        data={"url": GEO_URL, "format": {"type": "json", "property": "features"}},
        transform=[{"lookup": "properties.code",
                    "from": {"data": {"values": data}, "key": "region_code",
                             "fields": ["value", "name"]}},
                   {"filter": "isValid(datum.value)"}],
        projection={"type": "mercator"}, layer=layers)


def lines(rows: list[dict[str, Any]], title: str, unit: str) -> dict[str, Any]:
    """Time series, one line per region; rows: name, year, value."""
    data = [{"name": r["name"], "year": int(r["year"]), "value": r["value"]} for r in rows]
    return _base(
        f"Lijngrafiek: {title}", width="container", height=320,
        data={"values": data},
        mark={"type": "line", "point": True, "strokeWidth": 2},
        encoding={
            "x": {"field": "year", "type": "quantitative", "title": "Jaar",
                  "scale": {"zero": False, "nice": False},
                  "axis": {"format": "d", "tickMinStep": 1, "labelOverlap": True}},
            "y": {"field": "value", "type": "quantitative", "title": unit or title,
                  "scale": {"zero": False}},
            "color": {"field": "name", "type": "nominal", "title": "Gemeente",
                      "scale": {"scheme": "dark2"}},
            "strokeDash": {"field": "name", "type": "nominal", "title": "Gemeente"},
            "tooltip": [{"field": "name"}, {"field": "year"},
                        {"field": "value", "format": ",.4~g"}],
        })


def distribution(values: list[dict[str, Any]], title: str, unit: str,
                 highlight: list[str]) -> dict[str, Any]:
    """G40 values as a strip with the selected cities marked; values: region_code, name, value."""
    data = [{"name": v["name"], "value": v["value"],
             "sel": "geselecteerd" if v["region_code"] in highlight else "G40"} for v in values]
    return _base(
        f"Spreiding over de G40: {title}", width="container", height=110,
        data={"values": data},
        layer=[
            {"mark": {"type": "tick", "thickness": 3, "size": 36},
             "encoding": {
                 "x": {"field": "value", "type": "quantitative", "title": unit or title,
                       "scale": {"zero": False}},
                 "color": {"field": "sel", "type": "nominal", "title": None,
                           "scale": {"domain": ["G40", "geselecteerd"],
                                     "range": ["#6b7280", "#c2410c"]}},
                 "size": {"condition": {"test": "datum.sel === 'geselecteerd'", "value": 40},
                          "value": 24},
                 "tooltip": [{"field": "name"}, {"field": "value", "format": ",.4~g"}]}},
            {"mark": {"type": "rule", "color": "#111", "strokeDash": [4, 3]},
             "encoding": {"x": {"aggregate": "median", "field": "value"}}},
        ])


def heatmap(rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """G40 cities x key indicators coloured by (direction-aware) percentile position."""
    title_key = "title_en" if lang == "en" else "title_nl"
    data = [{"city": r["name"], "code": r["region_code"], "ind": r[title_key] or r["title_nl"],
             "score": r["score"], "pct": r["percentile_g40"], "neutral": r["direction"] ==
             "neutral", "value": r["value"], "year": r["year"]} for r in rows]
    enc = {"y": {"field": "city", "type": "nominal", "title": None, "sort": "ascending"},
           "x": {"field": "ind", "type": "nominal", "title": None,
                 "axis": {"labelAngle": -40, "labelLimit": 220}},
           "tooltip": [{"field": "city"}, {"field": "ind"}, {"field": "value",
                                                             "format": ",.4~g"},
                       {"field": "year"}, {"field": "pct", "title": "percentiel"}],
           "href": {"field": "href"}}
    return _base(
        "Heatmap: G40-steden maal kernindicatoren, percentielpositie", fit="fit-x",
        width="container",
        height={"step": 16},
        data={"values": data},
        transform=[{"calculate": "'/gemeente/' + datum.code", "as": "href"}],
        encoding=enc,
        layer=[
            {"transform": [{"filter": "!datum.neutral"}],
             "mark": {"type": "rect", "cursor": "pointer"},
             "encoding": {"color": {"field": "score", "type": "quantitative",
                                    "title": "gunstig (pct)",
                                    "scale": {"scheme": "purplegreen", "domain": [0, 100]}}}},
            {"transform": [{"filter": "datum.neutral"}],
             "mark": {"type": "rect", "cursor": "pointer"},
             "encoding": {"color": {"field": "pct", "type": "quantitative",
                                    "title": "neutraal (pct)",
                                    "scale": {"scheme": "greys", "domain": [0, 100]}}}},
        ],
        resolve={"scale": {"color": "independent"}})


def sparkline(years: list[int], values: list[float | None], width: int = 110,
              height: int = 28) -> dict[str, Any]:
    """A small server-side sparkline: x by calendar year (a missing year breaks the line),
    y from the lowest to the highest value but never narrower than a fifth of the largest
    absolute value (so that a change of 0,6 on 17 does not look like a crash).
    Returns polyline ``segments`` and ``dots`` (lone points) in SVG coordinates."""
    pts = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
    if not pts:
        return {"segments": [], "dots": []}
    y0, y1 = years[0], years[-1]
    lo, hi = min(v for _, v in pts), max(v for _, v in pts)
    span = max(hi - lo, 0.2 * max(abs(lo), abs(hi)), 1e-9)
    mid = (lo + hi) / 2
    lo = mid - span / 2

    def xy(y: int, v: float) -> str:
        x = 2 + (y - y0) / ((y1 - y0) or 1) * (width - 4)
        return f"{x:.1f},{height - 3 - (v - lo) / span * (height - 6):.1f}"

    segments: list[list[str]] = []
    prev = None
    for y, v in pts:
        if prev is None or y != prev + 1:
            segments.append([])
        segments[-1].append(xy(y, v))
        prev = y
    return {"segments": [" ".join(s) for s in segments if len(s) > 1],
            "dots": [s[0].split(",") for s in segments if len(s) == 1]}
