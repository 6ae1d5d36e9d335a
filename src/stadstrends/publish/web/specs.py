"""Vega-Lite specs (plain dicts) for the pages; rendered client-side by the local bundle."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.chart_rounding import rounding_domain, series_step
from stadstrends.publish.format import fmt_list
from stadstrends.publish.sentence_words import bracketed, marked_year, stale
from stadstrends.publish.web import units
from stadstrends.publish.web.legend_words import classes_note

GEO_URL = "/api/v1/geo/gemeenten.geojson"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched
FONT = "system-ui, sans-serif"
CONFIG = {"font": FONT, "view": {"stroke": None},
          "axis": {"labelColor": "#222", "titleColor": "#222", "labelFontSize": 12},
          "legend": {"labelColor": "#222", "titleColor": "#222"}}


def _base(description: str, fit: str = "fit", **extra: Any) -> dict[str, Any]:
    return {"$schema": SCHEMA, "description": description, "config": CONFIG,
            "autosize": {"type": fit, "contains": "padding"}, **extra}


def city_href(field: str, lang: str) -> str:
    """A Vega expression: the address of the city page of ``datum.<field>`` in ``lang``, its
    query made as every page link's (:func:`.page_render.url`: none for Dutch)."""
    from stadstrends.publish.web.page_render import url

    return f"'/gemeente/' + datum.{field} + {json.dumps(url('', lang=lang))}"


def axis_format(unit: str, decimals: int | None) -> str:
    """A d3 axis format with the indicator's catalogue ``decimals`` at most (ticks between
    them drop trailing zeros: '52', '52,5'); without them one decimal at most."""
    places = 1 if decimals is None else int(decimals)
    return ",d" if places == 0 else f",.{places}~f"


BLUES = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#d4d4d4"


def class_value(value: float, unit: str, decimals: int | None = None,
                precision: float | None = None) -> float:
    """``value`` as a map classes it: rounded as shown (:func:`units.shown_value`) and, with
    ``precision`` (the unit CBS rounds the figures to: gas use to tens), to that unit."""
    shown = units.shown_value(value, unit, decimals)
    return round(round(shown / precision) * precision, 6) if precision else shown


def classes(values: list[float], unit: str, lang: str, k: int = 5,
            decimals: int | None = None, precision: float | None = None
            ) -> list[dict[str, Any]]:
    """Up to ``k`` classes of (about) equal counts: quantile breaks rounded as the values are
    shown, ``[{"lo", "hi", "color", "label"}]``. Classes do not share a boundary: a class ends
    one shown step below the next one's start ('12,0 – 14,9', '15,0 – 18,3'); a value belongs
    to the class of its shown (rounded) value. Labels in the language's number format, with
    the indicator's catalogue ``decimals``. ``precision``: the unit the figures are rounded
    to (gas use per dwelling: tens, CBS's), the breaks' too: '810 – 900 m³', not '810 – 909
    m³', which claimed figures in whole m³."""
    vals = sorted(class_value(v, unit, decimals, precision) for v in values if v is not None)
    if not vals:
        return []
    cuts = [vals[min(len(vals) - 1, round(i * (len(vals) - 1) / k))] for i in range(k + 1)]
    starts = list(dict.fromkeys(cuts[:-1]))
    n = len(starts)
    colors = BLUES if n == 5 else [BLUES[round(i * 4 / max(n - 1, 1))] for i in range(n)]
    ends = [class_value(starts[i + 1] - max(units.step(starts[i + 1], unit, decimals),
                                            precision or 0), unit, decimals, precision)
            for i in range(n - 1)] + [vals[-1]]

    def shown(x: float) -> str:
        return units.show(x, unit, lang, decimals=decimals)

    return [{"lo": starts[i], "hi": max(ends[i], starts[i]), "color": colors[i],
             "label": shown(starts[i]) if ends[i] <= starts[i] else
             f"{shown(starts[i])} – {shown(ends[i])}"}
            for i in range(n)]


def year_note(row: dict[str, Any], lang: str) -> str:
    """The one bracket after a figure in a map's tooltip: its year first, then the marks of
    :func:`.value_marks.note_rows` ('(2024, voorlopig)', '(2023, berekend uit afgerond
    aantal)'), as the tiles print a figure's year: the colour is of that year, which need not
    be a municipality's own latest; its ``note`` where the row has no ``year``."""
    if row.get("year") is None:
        return row.get("note") or ""
    return bracketed([str(row["year"]), *row.get("note_words", [])], lang)


def choropleth(values: list[dict[str, Any]], title: str, unit: str,
               highlight: list[str] | None = None, lang: str = "nl",
               decimals: int | None = None, precision: float | None = None) -> dict[str, Any]:
    """Municipalities coloured by class (:func:`classes`; the page draws the legend as HTML
    with every break labelled); those without a value are drawn grey ("geen gegevens"),
    the selected ones outlined. values: region_code, name, value (and a ``note`` the
    tooltip says after it, :func:`.value_marks.note_rows`: '(voorlopig, omgerekend)', with
    the figure's ``year`` first, :func:`year_note`: '(2024, voorlopig, omgerekend)')."""
    legend = classes([v["value"] for v in values], unit, lang, decimals=decimals,
                     precision=precision)
    data = [{"region_code": v["region_code"], "name": v["name"], "value": v["value"],
             "class_value": None if v["value"] is None else class_value(
                 v["value"], unit, decimals, precision),
             "shown": " ".join(filter(None, [units.show(v["value"], unit, lang,
                                                          decimals=decimals),
                                              year_note(v, lang)]))} for v in values]
    none = "geen gegevens" if lang == "nl" else "no data"
    thresholds = [c["lo"] for c in legend[1:]]
    layers: list[dict[str, Any]] = [{
        # invalid: null keeps the municipalities without a value (drawn grey by the condition)
        "mark": {"type": "geoshape", "stroke": "#fff", "strokeWidth": 0.3, "cursor": "pointer",
                 "invalid": None},
        "encoding": {
            "color": {"condition": {"test": "!isValid(datum.value)", "value": NO_DATA},
                      "field": "class_value", "type": "quantitative", "legend": None,
                      "scale": {"type": "threshold", "domain": thresholds or [0],
                                "range": [c["color"] for c in legend] or BLUES[:2]}},
            "tooltip": [{"field": "name", "title": "Gemeente" if lang == "nl" else
                         "Municipality"},
                        # the indicator's name: its unit said it twice ('per 1 000
                        # woningen: 0,5 per 1 000 woningen'), the figure carrying the unit
                        {"field": "shown", "title": title}],
            "href": {"field": "href"},
        },
    }]
    if highlight:
        layers.append({
            "transform": [{"filter": {"field": "properties.code", "oneOf": highlight}}],
            "mark": {"type": "geoshape", "fill": None, "stroke": "#c2410c", "strokeWidth": 2.5},
        })
    spec = _base(
        CHART_WORDS[lang]["chart_map"].format(title=title), width="container", height=520,
        data={"url": GEO_URL, "format": {"type": "json", "property": "features"}},
        transform=[{"lookup": "properties.code",
                    "from": {"data": {"values": data}, "key": "region_code",
                             "fields": ["value", "class_value", "name", "shown"]}},
                   {"calculate": "isValid(datum.name) ? datum.name : datum.properties.name",
                    "as": "name"},
                   {"calculate": f"isValid(datum.value) ? datum.shown : '{none}'",
                    "as": "shown"},
                   {"calculate": city_href("properties.code", lang), "as": "href"}],
        projection={"type": "mercator"}, layer=layers)
    spec["usermeta"] = {"legend": legend, "no_data": NO_DATA, "no_data_label": none,
                        "classes_note": classes_note(legend, [d["class_value"] for d in data
                                                              if d["class_value"] is not None],
                                                     lang)}
    return spec


def drawn_breaks(rows: list[dict[str, Any]], breaks: list[int] | tuple[int, ...]) -> list[int]:
    """The declared series breaks (``indicators.break_years``, the first years of a new
    definition) a line chart of ``rows`` spans: a year with figures before and from it."""
    years = [int(r["year"]) for r in rows if r.get("value") is not None]
    return sorted(b for b in breaks or () if years and min(years) < b <= max(years))


def break_note(rows: list[dict[str, Any]], breaks: list[int] | tuple[int, ...],
               lang: str) -> str | None:
    """The line under a line chart that spans a series break: where, that the dotted line
    marks it and that the lines stop there ('Reeksbreuk vanaf 2019 ...'); None without."""
    drawn = drawn_breaks(rows, breaks)
    if not drawn:
        return None
    words = CHART_WORDS[lang]
    return words["line_breaks"].format(years=fmt_list([str(y) for y in drawn], lang))


def lines(rows: list[dict[str, Any]], title: str, unit: str, lang: str = "nl",
          place: str | None = None, decimals: int | None = None,
          breaks: list[int] | tuple[int, ...] = (),
          steps: dict[int, float] | None = None) -> dict[str, Any]:
    """Time series, one line per region; rows: name, year, value. Values, axis title and
    tooltips in the unit and with the catalogue ``decimals`` the sentences and tiles print
    ('duizend euro', 52,6; not € 52.600). As the report's panels, a line never runs over a
    missing year or a declared series break in ``breaks`` (``seg``,
    :func:`stadstrends.publish.chart_panels.runs`); a break the chart spans is a dotted
    rule between the two years, labelled 'reeksbreuk vanaf 2019' (Ameland's and
    Schiermonnikoog's WOZ value ran as one line over the change of table in 2019). A row's
    ``note`` (:func:`.value_marks.note_rows`) follows its figure in the tooltip: '41,6
    (omgerekend, berekend door Stadstrends)', the marks' one bracket. The y
    axis spans at least ten of CBS's rounding unit of the years drawn (``steps``: year ->
    unit, :func:`.spark.rounding_steps`), as the report's panels
    (:func:`~stadstrends.publish.chart_rounding.rounding_domain`)."""
    from stadstrends.publish.chart_panels import runs

    drawn = drawn_breaks(rows, breaks)
    data = runs([{"name": r["name"], "year": int(r["year"]), "value": r["value"],
                  "shown": units.show(r["value"], unit, lang, decimals=decimals)
                  + (f" {r['note']}" if r.get("note") else "")}
                 for r in rows if r["value"] is not None], drawn, key="name")
    fmt = axis_format(unit, decimals)
    fixed = rounding_domain([r["value"] for r in data],
                            series_step(steps or {}, {r["year"] for r in data}))
    unit = units.label(unit, lang)
    place = place or ("Gemeente" if lang == "nl" else "Municipality")
    order = list(dict.fromkeys(r["name"] for r in rows))  # the chosen ones first, solid
    words = CHART_WORDS[lang]
    x = {"field": "year", "type": "quantitative", "title": "Jaar" if lang == "nl" else "Year",
         "scale": {"zero": False, "nice": False},
         # on a phone (390 px) neighbouring years touched ('20122014'): the first label
         # shifted flush to the axis's start (after the overlap check), now centred on its
         # tick; a gap between labels and about one tick per 60 px of the chart's width
         "axis": {"format": "d", "tickMinStep": 1, "labelOverlap": True, "labelSeparation": 6,
                  "labelFlush": False, "tickCount": {"expr": "ceil(width / 60)"}}}
    # the legend draws each region's line as the chart does, its dashes too: with the
    # points on the lines its symbols were dots, the second region's dashes not in it
    legend = {"orient": "bottom", "columns": 2, "labelLimit": 260, "symbolType": "stroke",
              "symbolStrokeWidth": 2, "symbolSize": 400}
    line = {"mark": {"type": "line", "point": True, "strokeWidth": 2},
            "encoding": {
                "color": {"field": "name", "type": "nominal", "title": place,
                          "scale": {"scheme": "dark2", "domain": order}, "legend": legend},
                "strokeDash": {"field": "name", "type": "nominal", "title": place,
                               "scale": {"domain": order}, "legend": legend},
                "detail": {"field": "seg", "type": "nominal"},
                # every field with its title in the page's language, as the map's: the
                # tooltip read 'name Rotterdam / year 2015 / shown 12,9%'
                "tooltip": [{"field": "name", "title": place},
                            {"field": "year", "title": x["title"]},
                            {"field": "shown", "title": title}]}}
    layers: list[dict[str, Any]] = [line]
    if drawn:
        marks = [{"at": b - 0.5, "label": words["break_label"].format(year=b),
                  "tip": words["break_from"].format(year=b)} for b in drawn]
        at = {"field": "at", "type": "quantitative"}
        years = [r["year"] for r in data]
        middle = (min(years) + max(years)) / 2
        layers.append({"data": {"values": marks}, "mark": {
            "type": "rule", "strokeDash": [3, 3], "color": "#6b7280", "strokeWidth": 1.2},
            "encoding": {"x": at, "y": None,
                         "tooltip": [{"field": "tip", "title": words["break_title"]}]}})
        # the label on the side with more room: a phone's 300 pixels cut it off at the edge
        layers += [{"data": {"values": [m]}, "mark": {
            "type": "text", "align": "left" if m["at"] < middle else "right",
            "dx": 3 if m["at"] < middle else -3, "baseline": "top", "y": 2, "fontSize": 11,
            "color": "#4b5563"}, "encoding": {"x": at, "y": None, "text": {"field": "label"}}}
            for m in marks]
    return _base(
        words["chart_line"].format(title=title) + (
            ". " + break_note(rows, breaks, lang) if drawn else ""),
        width="container", height=320, data={"values": data},
        encoding={"x": x, "y": {"field": "value", "type": "quantitative",
                                "title": unit or title, "scale": {"zero": False} | (
                                    {"domain": fixed, "nice": True} if fixed else {}),
                                "axis": {"format": fmt}}},
        layer=layers)


#: a heatmap row's height in px (its number of rows times this is the chart's height)
ROW_HEIGHT = 16
#: an out-of-date cell's fill (:func:`heat_stale`): white, with a grey edge; not a grey of
#: the neutral indicators' scale, nor the yellow of a cell without a figure
STALE_FILL = "#ffffff"
HEAT_WORDS = vocabulary.BySection("heat")  # HEAT_WORDS[lang]: the heatmap's words
CHART_WORDS = vocabulary.BySection("web")  # chart descriptions in the page language


def heat_position(row: dict[str, Any] | None) -> float | None:
    """The number a heatmap cell shows and is coloured by: the favourable score (100 =
    most favourable in the set) or, for a neutral indicator, the percentile (100 =
    highest). The table alternative shows the same number."""
    if row is None or row.get("percentile") is None:
        return None
    return row["percentile"] if row["direction"] == "neutral" else row["score"]


def heat_stale(row: dict[str, Any] | None) -> bool:
    """Whether a heatmap cell's figure is out of date ('verouderd'): its year before the
    build's first fresh year (``row['fresh_from']``, :func:`stadstrends.publish.read.
    fresh_from`: ``stale_after_years`` of the settings), the rule by which the city page's
    tile shows no place in the group (:func:`.tiles.stale`). Such a cell is not coloured by
    its position: its own colour, the figure and year and why in its tooltip. Before, the
    safety survey of 2019 was coloured by the cities' positions on the home page while the
    city page said 'geen trend of plaats in de groep getoond'."""
    return row is not None and stale(row, row.get("year"))


def heatmap(cities: list[tuple[str, str]], indicators: list[tuple[str, str]],
            cells: dict[tuple[str, str], dict[str, Any]], lang: str,
            why: Callable[[str, str], str] | None = None,
            column_years: dict[str, str] | None = None) -> dict[str, Any]:
    """Cities x key indicators coloured by :func:`heat_position`; a filled cell's tooltip
    gives its figure as the tiles print it (``shown``: :func:`.units.show` with the
    catalogue's decimals) and its year with the tiles' marks (``year_shown``: '2023,
    voorlopig'; ``cells`` rows with ``provisional`` and ``fresh_from``); a missing cell is
    drawn in its own colour with a legend entry, its tooltip says why
    (``why(code, indicator)``). ``column_years``: per indicator id its cells' year with
    their marks ('2019, verouderd'), a second line under the column's label.
    ``cities``: (code, name); ``indicators``: (id, title)."""
    w = HEAT_WORDS[lang]
    data = []
    for code, name in cities:
        for ind, label in indicators:
            r = cells.get((code, ind))
            pos = heat_position(r)
            old = pos is not None and heat_stale(r)
            pos = None if old else pos
            item = {"city": name, "code": code, "ind": label,
                    "kind": "stale" if old else "none" if pos is None else
                    "neu" if r["direction"] == "neutral" else "fav",
                    "pos": None if pos is None else round(pos),
                    "value": r["value"] if r else None, "year": r["year"] if r else None,
                    "none": w["none"]}
            if old:  # the figure and its year, and why it has no place
                item["why"] = w["stale"].format(fresh=r["fresh_from"])
                item["stale"] = w["stale_legend"]
            if pos is None and not old:  # its tooltip says why, nothing of a figure it lacks
                item = {k: v for k, v in item.items() if v is not None}
                item["why"] = why(code, ind) if why else CHART_WORDS[lang]["no data"]
            else:  # the figure as the tiles print it (Tilburg's '230.746', not '2,307e+5')
                item["shown"] = units.show(r["value"], r["unit"], lang,
                                           decimals=r.get("decimals"))
                # its year as the tiles print it: '2023, voorlopig', '2019, verouderd'
                item["year_shown"] = marked_year(r, r["year"], lang)
            data.append(item)
    # whole titles, upright along their column: at an angle a long title ran past the chart's
    # left edge and under the rows' names of a phone, and was cut ('Banen per 1 000
    # inwoners (baanint…'); upright, a column's width holds its label at any screen width
    axis: dict[str, Any] = {"labelAngle": -90, "labelLimit": 0, "labelAlign": "right",
                            "labelBaseline": "middle"}
    if column_years:  # 'Voelt zich weleens onveilig (2019, verouderd)': visible without
        # hovering (one line: two overlap on a phone's narrow columns)
        titles = json.dumps([label for ind, label in indicators if column_years.get(ind)])
        years = json.dumps([f" ({column_years[ind]})" for ind, _ in indicators
                            if column_years.get(ind)])
        axis.update(labelExpr=(
            f"indexof({titles}, datum.label) < 0 ? datum.label : "
            f"datum.label + {years}[indexof({titles}, datum.label)]"))
    enc = {"y": {"field": "city", "type": "nominal", "title": None, "sort": "ascending"},
           "x": {"field": "ind", "type": "nominal", "title": None, "axis": axis},
           "href": {"field": "href"}}
    # a tooltip per layer: a cell with a figure shows it, an empty one why (a field in the
    # tooltip that a cell lacks reads 'undefined', 'null' or 'NaN')
    names = [{"field": "city", "title": w["city"]}, {"field": "ind", "title": w["ind"]}]
    shown = [{"field": "pos", "title": w["pos"]},
             {"field": "shown", "title": w["value"]},
             {"field": "year_shown", "title": w["year"]}]

    def layer(kind: str, color: dict[str, Any], stroke: str = "#fff") -> dict[str, Any]:
        tips = names + ([{"field": "why", "title": w["missing"]}] if kind == "none" else
                        shown[1:] + [{"field": "why", "title": w["pos"]}]
                        if kind == "stale" else shown)
        return {"transform": [{"filter": f"datum.kind === '{kind}'"}],
                "mark": {"type": "rect", "cursor": "pointer", "stroke": stroke,
                         "strokeWidth": 0.5}, "encoding": {"color": color, "tooltip": tips}}

    stale_layer = [layer("stale", {"field": "stale", "type": "nominal", "title": None,
                                   "scale": {"domain": [w["stale_legend"]],
                                             "range": [STALE_FILL]}}, "#9ca3af")
                   ] if any(d["kind"] == "stale" for d in data) else []

    # a row 16 px high as a number, not {"step": 16}: a step height made Vega-Lite log
    # 'Dropping "fit-y" because spec has discrete height' on every load of the home page
    return _base(
        "Heatmap", fit="fit-x", width="container", height=ROW_HEIGHT * len(cities),
        data={"values": data},
        transform=[{"calculate": city_href("code", lang), "as": "href"}],
        encoding=enc,
        layer=[
            layer("fav", {"field": "pos", "type": "quantitative", "title": w["fav"],
                          "scale": {"scheme": "purplegreen", "domain": [0, 100]}}),
            layer("neu", {"field": "pos", "type": "quantitative", "title": w["neu"],
                          "scale": {"scheme": "greys", "domain": [0, 100]}}),
            layer("none", {"field": "none", "type": "nominal", "title": None,
                           "scale": {"domain": [w["none"]], "range": ["#fde68a"]}}),
            *stale_layer,
        ],
        resolve={"scale": {"color": "independent"}})

