"""Vega-Lite chart specs (built with Altair) for reports, and their static SVG.

Every spec carries its own config (fonts, Dutch/English number locale, palette), so the same
dict renders identically through ``vl_convert`` (SVG in the PDF) and ``vega-embed`` (HTML).
Each chart shape is an Altair template with slots (:mod:`stadstrends.publish.report.vega`);
a chart is its template filled, with its rows attached as named ``datasets``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from babel import Locale

from stadstrends import vocabulary
from stadstrends.publish.axis_years import year_ticks
from stadstrends.publish.report import vega
from stadstrends.publish.report.vega import alt, slot, template

VL_VERSION = "6.4"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
PANEL_WIDTH, PANEL_HEIGHT, COLUMNS = 188, 104, 3
PROJECTION_WIDTH = 260

# Contrast on white (WCAG 2.1): text colours >= 4.5:1, graphic colours >= 3:1; the group's
# band and the map's grey fills are decorative (their numbers are in the data tables).
# Checked in tests/publish/test_charts.py.
PALETTE = {
    "text": "#1a1a1a", "muted": "#595959", "accent": "#0b4f8a",
    "city": "#0b4f8a", "city_out": "#5b8fc7", "city_ns": "#767676", "ommeland": "#b04a00",
    "nl": "#333333",
    "median": "#4a6f96", "favourable": "#1b6aa5", "adverse": "#b7410e", "neutral": "#767676",
}
DECORATIVE = {"band": "#cddcec", "other": "#e3e3e3", "region": "#c9c9c9", "outline": "#ffffff"}
DIVERGING = ["#b7410e", "#e8a27c", "#f2f2f2", "#8fb8dc", "#1b6aa5"]
SEQUENTIAL = ["#e6eef7", "#9dbfdf", "#4f8cc4", "#1d5f9c", "#0b3a66"]

LABELS = vocabulary.BySection("chart")  # LABELS[lang]: the chart words of a language


@lru_cache(maxsize=16)
def d3_locale(lang: str) -> dict:
    """The d3 number locale of a language (decimal mark, grouping, euro sign) from Babel's
    data for its locale: nl '1.234,5' and '€ 12', en '1,234.5' and '€12'."""
    loc = Locale.parse(vocabulary.locale(lang))
    pattern = loc.currency_formats["standard"].pattern.split(";")[0]
    before, _, after = pattern.partition("#")
    after = after.lstrip("#,0.")
    euro = [before.replace("¤", "€").replace("\xa0", " "),
            after.replace("¤", "€").replace("\xa0", " ")]
    return {"number": {"decimal": loc.number_symbols["latn"]["decimal"],
                       "thousands": loc.number_symbols["latn"]["group"], "grouping": [3],
                       "currency": euro}}


def config(lang: str) -> dict:
    """The shared Vega-Lite config: fonts, locale, quiet axes, no view border."""
    return {
        "font": FONT, "locale": d3_locale(lang), "view": {"stroke": None},
        "background": "white", "padding": 4,
        "axis": {"labelColor": PALETTE["text"], "titleColor": PALETTE["text"],
                 "labelFontSize": 10, "titleFontSize": 10, "gridColor": "#e6e6e6",
                 "domainColor": "#8c8c8c", "tickColor": "#8c8c8c", "labelLimit": 0},
        "axisX": {"grid": False},
        "title": {"color": PALETTE["text"], "fontSize": 11, "anchor": "start",
                  "subtitleColor": PALETTE["muted"], "subtitleFontSize": 9.5,
                  "fontWeight": "bold", "limit": 0},
        "legend": {"labelColor": PALETTE["text"], "titleColor": PALETTE["text"],
                   "labelFontSize": 10, "titleFontSize": 10, "labelLimit": 0},
    }


def finish(spec: dict, slots: dict[str, Any], datasets: dict[str, list], lang: str,
           **extra: Any) -> vega.Spec:
    """A filled template with the report config, its named datasets and ``extra`` top-level
    properties (a :class:`~stadstrends.publish.report.vega.Spec`: its Vega is compiled once
    per template)."""
    return vega.filled(spec, slots, config=config(lang), datasets=datasets, **extra)


def shorten(text: str, limit: int) -> str:
    """Cut a label to ``limit`` characters with an ellipsis: Vega's own truncation measures
    text repeatedly and costs more than the rest of the render."""
    return text if len(text) <= limit else text[:limit - 1].rstrip(" ,(") + "…"


def wrapped(text: str, limit: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``limit`` characters, broken between
    words (not inside a number: '1 000'); only what does not fit in the last line is cut
    (:func:`shorten`)."""
    out: list[str] = []
    rest = text
    while rest and len(out) < lines - 1 and len(rest) > limit:
        cut = next((i for i in range(min(limit, len(rest) - 1), 0, -1) if rest[i] == " "
                    and not (rest[i - 1].isdigit() and rest[i + 1].isdigit())), 0)
        if cut <= 0:
            break
        out.append(rest[:cut])
        rest = rest[cut + 1:]
    return [*out, shorten(rest, limit)]


def number_format(values: list[float], unit: str) -> str:
    """d3 format: thousands grouped, one decimal for small values and percentages."""
    size = max((abs(v) for v in values if v is not None), default=0)
    return ",.1~f" if unit == "%" or size < 100 else ",.0f"


def cbs_labels(fmt: str) -> str:
    """A Vega ``labelExpr`` that rounds halves away from zero on the decimal value before
    formatting, as CBS and the text do (d3 rounds the binary value: 0.35 -> '0,3', 1.45 ->
    '1,4'); the tiny relative nudge undoes binary representation error only."""
    match = re.search(r"\.(\d+)", fmt)
    scale = 10 ** int(match.group(1)) if match else 1
    rounded = (f"(datum.value < 0 ? -1 : 1) * round(abs(datum.value) * {scale} * (1 + 1e-12))"
               f" / {scale}")
    return f"format({rounded} == 0 ? 0 : {rounded}, '{fmt}')"


def _data(name: str, fmt: str | None = None) -> alt.Data:
    return alt.Data(name=slot(name), format=alt.DataFormat(type=fmt)) if fmt else alt.Data(
        name=slot(name))


# --- small multiples -------------------------------------------------------------------


@dataclass
class Panel:
    """One small multiple: an indicator's city series with its benchmarks."""

    title: str
    subtitle: str  # the unit
    unit: str
    city: list[dict]  # {year, value}
    ommeland: list[dict] = field(default_factory=list)
    nl: list[dict] = field(default_factory=list)
    band: list[dict] = field(default_factory=list)  # {year, p25, median, p75}
    significant: bool = False
    #: the years the trend was tested over (first, last); a significant trend colours only
    #: these years of the city line (None: all of them)
    tested: tuple[int, int] | None = None
    breaks: list[int] = field(default_factory=list)  # first years of a new definition
    provisional: list[int] = field(default_factory=list)  # years with provisional figures
    trend: str = ""  # a second subtitle line: the years the trend was tested, its verdict
    jump: str = ""  # a third: where the series jumps though CBS declares no break


def joined(prev: int, year: int, breaks: list[int]) -> bool:
    """Whether a line may run from ``prev`` to ``year`` (not before it): no year missing
    between them, no series break."""
    return year - prev <= 1 and not any(prev < b <= year for b in breaks)


def runs(rows: list[dict], breaks: list[int], key: str = "series") -> list[dict]:
    """The rows with a ``seg`` field: a new segment after a missing year or across a break,
    so that a line is never drawn over either; ``solo`` marks a one-point segment."""
    out: list[dict] = []
    by_series: dict[str, list[dict]] = {}
    for r in rows:
        by_series.setdefault(r[key], []).append(r)
    for name, rs in by_series.items():
        rs = sorted(rs, key=lambda r: r["year"])
        seg, prev, segs = 0, None, []
        for r in rs:
            if prev is not None and not joined(prev, r["year"], breaks):
                seg += 1
            segs.append(seg)
            prev = r["year"]
        for r, sg in zip(rs, segs, strict=True):
            out.append({**r, "seg": f"{name}|{sg}", "solo": segs.count(sg) == 1})
    return out


@template
def _panel_tpl(with_band: bool, single: bool = False, trend: bool = False,
               jump: bool = False) -> alt.LayerChart:
    """One small multiple; ``single``: one year only, so points and a p25-p75 bar;
    ``trend``: a second subtitle line (the years the trend was tested, its verdict);
    ``jump``: a third (where the series jumps; then slot ``subtitle`` holds all three)."""
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=[slot("x")], nice=False),
              axis=alt.Axis(format="d", values=[slot("xticks")], labelOverlap=True))
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False),
              axis=alt.Axis(format=slot("fmt"), labelExpr=slot("labels"), tickCount=4))
    tooltip = [alt.Tooltip("series:N", title=" "), alt.Tooltip("year:Q", title=slot("year")),
               alt.Tooltip("value:Q", title=slot("value"), format=slot("fmt"))]
    scale = alt.Scale(domain=[slot("domain")], range=[slot("range")])
    mark = ({"type": "point", "filled": True, "size": 36, "opacity": 1} if single
            else {"type": "line", "strokeWidth": 1.6})
    lines = alt.Chart(_data("lines"), mark=mark).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("series:N", title=None, scale=scale,
                        legend=alt.Legend(orient="bottom", columns=3,
                                          symbolType="circle" if single else "stroke")),
        strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(
            domain=[slot("domain")], range=[slot("dash")])))
    if not single:
        lines = lines.encode(detail="seg:N")
    dots = alt.Chart(_data("last")).mark_point(filled=True, size=28, opacity=1).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("series:N", scale=scale, legend=None))
    solo = alt.Chart(_data("solo")).mark_point(filled=True, size=16, opacity=1).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("series:N", scale=scale, legend=None))
    prov = alt.Chart(_data("prov")).mark_point(
        filled=True, fill="white", size=30, opacity=1, strokeWidth=1.4).encode(
        x=x, y=y, tooltip=tooltip, stroke=alt.Color("series:N", scale=scale, legend=None))
    rule = alt.Chart(_data("breaks")).mark_rule(
        strokeDash=[2, 2], color=PALETTE["muted"], strokeWidth=1).encode(
        x=alt.X("at:Q", scale=alt.Scale(domain=[slot("x")], nice=False)),
        tooltip=alt.Tooltip("label:N", title=" "))
    layers = [lines, rule, solo, dots, prov]
    if with_band:
        band = alt.Chart(_data("band"), mark={"type": "rule", "strokeWidth": 14} if single
                         else "area").encode(
            x=x, y=alt.Y("p25:Q"), y2="p75:Q",
            **{"stroke" if single else "fill": {
                "field": "label", "type": "nominal", "title": None,
                "scale": {"range": [DECORATIVE["band"]]},
                "legend": {"orient": "bottom", "symbolType": "square"}}})
        if not single:  # like the lines: not over a missing year or a series break
            band = band.encode(detail="seg:N")
        layers.insert(0, band)
    # with a jump line the subtitle is one slot of three lines: the line is empty in the
    # figure's panels without a jump, and an empty slot of its own would drop its space
    title = alt.TitleParams(text=slot("title"), subtitle=slot("subtitle") if jump else [
        slot("subtitle"), slot("trend")] if trend else slot("subtitle"))
    return alt.layer(*layers).properties(width=PANEL_WIDTH, height=PANEL_HEIGHT, title=title)


def small_multiples(panels: list[Panel], city_name: str, lang: str = "nl",
                    columns: int = COLUMNS, group: str = "") -> dict:
    """Small multiples: per panel the city line (with a significant trend dark blue over the
    years tested, ``Panel.tested``, and light blue over the other years, running on to the
    first tested year so the line stays whole; grey when the trend is not significant or
    there is none), the comparison group's middle half (p25-p75) and median (``group``: its
    short name, ``groups.short``), the ommeland and the Netherlands. Titles wrap into up to
    three lines (:func:`wrapped`)."""
    lab = {**LABELS[lang], "median": LABELS[lang]["median"].format(group=group),
           "band": LABELS[lang]["band"].format(group=group)}
    city_sig, city_out, city_ns = (lab[k].format(city=city_name)
                                   for k in ("city_sig", "city_out", "city_ns"))
    domain = [city_sig, city_out, city_ns, lab["ommeland"], lab["nl"], lab["median"]]
    rng = [PALETTE["city"], PALETTE["city_out"], PALETTE["city_ns"], PALETTE["ommeland"],
           PALETTE["nl"], PALETTE["median"]]
    dash = [[1, 0], [1, 0], [1, 0], [5, 3], [2, 2], [1, 2]]
    datasets: dict[str, list] = {}
    views, slots = [], {}
    shared = frozenset({"domain", "range", "dash", "year", "value"})
    # titles in up to three lines rather than cut (every catalogue title fits); every panel
    # of the figure as many lines, so the plots of a row line up
    titles = [wrapped(p.title, 31, 3) for p in panels]
    height = max(map(len, titles), default=1)
    # a panel's jump line: every panel of the figure gets one (empty) when one has it
    jumps = any(p.jump for p in panels)
    for i, p in enumerate(panels):
        first, last = p.tested or (-10**4, 10**4)
        own = [{"year": r["year"], "value": r["value"], "series": (
            (city_sig if first <= r["year"] <= last else city_out) if p.significant
            else city_ns)} for r in p.city]
        rows = own + [  # the light part runs on to the first tested year when they join
            {**r, "series": city_out} for r, prev in zip(own[1:], own[:-1], strict=True)
            if r["series"] != prev["series"] == city_out
            and joined(prev["year"], r["year"], p.breaks)]
        for key, rs in ((lab["ommeland"], p.ommeland), (lab["nl"], p.nl)):
            rows += [{"year": r["year"], "value": r["value"], "series": key} for r in rs]
        rows += [{"year": r["year"], "value": r["median"], "series": lab["median"]}
                 for r in p.band if r.get("median") is not None]
        rows = runs(rows, p.breaks)
        years = [r["year"] for r in rows] or [2000]
        values = [r["value"] for r in rows] + [r["p75"] for r in p.band]
        names = {k: f"p{i}{k}" for k in ("lines", "last", "band", "solo", "prov", "breaks")}
        datasets[names["lines"]] = rows
        datasets[names["solo"]] = [r for r in rows if r["solo"]]
        datasets[names["prov"]] = [r for r in own if r["year"] in p.provisional]
        datasets[names["breaks"]] = [{"at": b - 0.5, "label": lab["break"].format(year=b)}
                                     for b in p.breaks if min(years) < b <= max(years)]
        datasets[names["last"]] = own[-1:]
        if p.band:
            datasets[names["band"]] = runs([{**r, "label": lab["band"]} for r in p.band],
                                           p.breaks, key="label")
        views.append(vega.numbered(_panel_tpl, (bool(p.band), len(set(years)) == 1,
                                                bool(p.trend), jumps), i, shared))
        vega.numbered_slots({
            **names, "x": [min(years), max(years)],
            "xticks": year_ticks(min(years), max(years), PANEL_WIDTH),
            "fmt": (fmt := number_format(values, p.unit)),
            "labels": cbs_labels(fmt),
            "title": titles[i] + [""] * (height - len(titles[i])),
            "subtitle": [shorten(line, 40) for line in (p.subtitle, p.trend, p.jump)]
            if jumps else shorten(p.subtitle, 40),
            **({"trend": shorten(p.trend, 40)} if p.trend and not jumps else {}),
            "domain": domain, "range": rng,
            "dash": dash, "year": lab["year"], "value": lab["value"]}, i, shared, slots)
    spec = {"concat": views, "columns": columns, "spacing": 18,
            "resolve": {"scale": {"x": "independent", "y": "independent"}}}
    return finish(spec, slots, datasets, lang)


# --- maps -----------------------------------------------------------------------------


@template
def _locator_tpl(width: int, height: int) -> alt.LayerChart:
    base = alt.Chart(_data("features", "json")).mark_geoshape(
        stroke=DECORATIVE["outline"], strokeWidth=0.8).encode(
        color=alt.condition(f"datum.properties.code == '{slot('city')}'",
                            alt.value(PALETTE["city"]), alt.value(DECORATIVE["region"])),
        tooltip=alt.Tooltip("properties.name:N", title=" "))
    others = alt.Chart(_data("others")).mark_text(fontSize=8.5, color=PALETTE["text"]).encode(
        longitude="lon:Q", latitude="lat:Q", text="name:N")
    city = alt.Chart(_data("city_label")).mark_text(
        fontSize=10.5, color="white", fontWeight="bold").encode(
        longitude="lon:Q", latitude="lat:Q", text="name:N")
    return alt.layer(base, others, city).project(type="mercator").properties(
        width=width, height=height)


def locator_map(features: list[dict], labels: list[dict], city_code: str, lang: str = "nl",
                width: int = 330, height: int = 280) -> dict:
    """The city (accent colour) among the other municipalities of its region; ``labels``
    are the names to print (the city's in white on its fill)."""
    datasets = {"features": features,
                "city_label": [r for r in labels if r["code"] == city_code],
                "others": [r for r in labels if r["code"] != city_code]}
    names = {k: k for k in datasets}
    return finish(_locator_tpl(width, height), {**names, "city": city_code}, datasets, lang)


@template
def _choropleth_tpl(width: int, height: int, missing: bool = False) -> alt.LayerChart:
    """``missing``: some municipality has no figure; its light grey gets a legend entry
    (slot ``nodata``: 'geen cijfers')."""
    data = _data("features", "json")
    fill_ = alt.Chart(data).mark_geoshape(stroke=DECORATIVE["outline"], strokeWidth=0.6).encode(
        color=alt.Color("properties.value:Q", title=slot("unit"),
                        scale=alt.Scale(type="quantize", range=SEQUENTIAL, nice=False),
                        legend=alt.Legend(format=slot("fmt"), orient="right")),
        tooltip=[alt.Tooltip("properties.name:N", title=" "),
                 alt.Tooltip("properties.value:Q", title=slot("unit"), format=slot("fmt"))],
    ).transform_filter("isValid(datum.properties.value)")
    missing_ = alt.Chart(data).mark_geoshape(
        fill=DECORATIVE["other"], stroke=DECORATIVE["outline"], strokeWidth=0.6).encode(
        tooltip=[alt.Tooltip("properties.name:N", title=" "),
                 alt.Tooltip("nodata:N", title=slot("unit"))],
    ).transform_filter("!isValid(datum.properties.value)").transform_calculate(
        nodata=f"'{slot('nodata')}'")
    if missing:
        missing_ = missing_.encode(fill=alt.Fill(
            "nodata:N", title=None, scale=alt.Scale(range=[DECORATIVE["other"]]),
            legend=alt.Legend(orient="right", symbolType="square", symbolStrokeColor="#8c8c8c",
                              symbolStrokeWidth=0.6)))
    outline = alt.Chart(data).mark_geoshape(
        fill=None, stroke=PALETTE["ommeland"], strokeWidth=2.2).transform_filter(
        f"datum.properties.code == '{slot('city')}'")
    return alt.layer(missing_, fill_, outline).project(type="mercator").properties(
        width=width, height=height,
        title=alt.TitleParams(text=slot("title"), subtitle=slot("subtitle")))


def choropleth(features: list[dict], city_code: str, title: str, subtitle: str, unit: str,
               lang: str = "nl", width: int = 280, height: int = 220) -> dict:
    """An indicator across the region's municipalities (five equal-interval blues; light grey
    = no data, named in the legend when a municipality has none), the city outlined in
    orange."""
    values = [f["properties"]["value"] for f in features]
    slots = {"features": "features", "title": title, "subtitle": subtitle, "unit": unit,
             "fmt": number_format(values, unit), "city": city_code,
             "nodata": LABELS[lang]["no_figures"]}
    missing = any(v is None for v in values)
    return finish(_choropleth_tpl(width, height, missing), slots, {"features": features},
                  lang)


# --- tweedeling, vooruitblik, overview -------------------------------------------------


GAP_WIDTH = 340  # fits a phone (390 px) at its own size: labels stand above their rows
GAP_LINE, GAP_CHARS = 12, 56  # a label line: px, characters (10 px text, <= 6 px a char)


def gap_label(title: str) -> list[str]:
    """A tweedeling row's label: the indicator's whole title in one or two lines of at most
    ``GAP_CHARS`` characters (every catalogue title fits; checked in the tests)."""
    return wrapped(title, GAP_CHARS, 2)


@template
def _dumbbell_tpl(width: int) -> alt.LayerChart:
    """Rows placed in pixels (``y``/``ty`` with no scale): the label's lines above the
    rule, so that a label has the plot's whole width instead of being cut at its side."""
    scale = alt.Scale(domain=[slot("verdicts")], range=[PALETTE["adverse"],
                                                         PALETTE["favourable"],
                                                         PALETTE["neutral"]])
    y = alt.Y("y:Q", scale=None, axis=None)
    x = alt.X("first:Q", scale=alt.Scale(domain=[slot("domain")], nice=False),
              axis=alt.Axis(format="+,.0f", labelExpr=cbs_labels("+,.0f"),
                            title=slot("axis"), labelFlush=True, values=[slot("ticks")]))
    # every field its own title: Vega-Lite keys a tooltip by title, so two fields with the
    # same title showed only one of them
    tip = [alt.Tooltip("label:N", title=" "),
           alt.Tooltip("first_year:Q", title=slot("tt_first_year")),
           alt.Tooltip("first:Q", format="+,.1f", title=slot("tt_first")),
           alt.Tooltip("last_year:Q", title=slot("tt_last_year")),
           alt.Tooltip("last:Q", format="+,.1f", title=slot("tt_last"))]
    data = _data("rows")
    # the zero line in pieces, one per row, so that it does not cross the labels
    zero = alt.Chart(data).mark_rule(color="#8c8c8c").encode(
        x=alt.datum(0), y=alt.Y("z1:Q", scale=None), y2="z2:Q")
    label = alt.Chart(data).mark_text(
        align="left", baseline="top", fontSize=10, lineHeight=GAP_LINE, lineBreak="\n",
        color=PALETTE["text"]).encode(x=alt.value(0), y=alt.Y("ty:Q", scale=None),
                                      text="text:N")
    rule = alt.Chart(data).mark_rule(strokeWidth=2.4).encode(
        y=y, x=x, x2="last:Q", tooltip=tip,
        color=alt.Color("verdict:N", title=None, scale=scale, legend=alt.Legend(
            orient="bottom", direction="vertical")))
    first = alt.Chart(data).mark_point(size=40, color=PALETTE["muted"]).encode(
        y=y, x="first:Q", tooltip=tip)
    last = alt.Chart(data).mark_point(filled=True, size=55, opacity=1).encode(
        y=y, x="last:Q", tooltip=tip, color=alt.Color("verdict:N", scale=scale, legend=None))
    return alt.layer(zero, rule, label, first, last).properties(width=width)


def dumbbell(rows: list[dict], lang: str = "nl", width: int = GAP_WIDTH) -> dict:
    """City vs ommeland: per indicator the city as % above (+) or below (-) the ommeland in
    the first (open circle) and last year (dot), joined by a rule coloured by what the
    movement means for the city; each row's label (:func:`gap_label`) above it.
    rows: {label, first, last, verdict (index 0 adverse, 1 favourable, 2 neutral),
    first_year, last_year}."""
    lab = LABELS[lang]
    data, top = [], 2
    for r in rows:
        lines = gap_label(r["label"])
        ty = top
        top += GAP_LINE * len(lines) + 8  # the label, then the rule below it
        data.append({**r, "verdict": lab["verdicts"][r["verdict"]], "text": "\n".join(lines),
                     "ty": ty, "y": top, "z1": top - 7, "z2": top + 7})
        top += 12
    ticks = gap_ticks([v for r in rows for v in (r["first"], r["last"])])
    slots = {"rows": "rows", "verdicts": lab["verdicts"], "domain": [ticks[0], ticks[-1]],
             "ticks": ticks,
             "axis": lab["gap_axis"],
             **{f"tt_{k}": lab["tooltip"][k]
                for k in ("first_year", "first", "last_year", "last")}}
    return finish(_dumbbell_tpl(width), slots, {"rows": data}, lang, height=max(60, top))


def gap_ticks(values: list[float], most: int = 7) -> list[float]:
    """The x axis of the tweedeling chart as tick values: the smallest round step (1, 2, 5,
    10, 20, 25, 50, 100... percentage points; whole numbers, as the labels show them) giving
    at most ``most`` ticks, from the step at or below the lowest value (0 included) to the
    step at or above the highest; the first and last are the domain's ends, so both ends
    carry a label."""
    lo, hi = min([*values, 0.0]), max([*values, 0.0])
    steps = [1, 2, 5] + [s * 10 ** e for e in range(1, 8) for s in (1, 2, 2.5, 5)]
    step = next(s for s in steps if math.ceil(hi / s) - math.floor(lo / s) < most)
    return [step * i for i in range(math.floor(lo / step), math.ceil(hi / step) + 1)]


@template
def _projection_tpl() -> alt.LayerChart:
    """Observed and projected lines, not drawn across a missing year (``seg``, see
    :func:`runs`); a year alone between gaps is a point."""
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=[slot("x")], nice=False),
              axis=alt.Axis(format="d", values=[slot("xticks")], labelOverlap=True))
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False),
              axis=alt.Axis(format=slot("fmt"), labelExpr=slot("labels")))
    color = alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom"),
                      scale=alt.Scale(domain=[slot("kinds")],
                                      range=[PALETTE["city"], PALETTE["ommeland"]]))
    tooltip = [alt.Tooltip("year:Q", title=slot("year")),
               alt.Tooltip("value:Q", title=slot("value"), format=slot("fmt")),
               alt.Tooltip("kind:N", title=" ")]
    line = alt.Chart(_data("rows")).mark_line(strokeWidth=1.8).encode(
        x=x, y=y, color=color, detail="seg:N", tooltip=tooltip,
        strokeDash=alt.StrokeDash("kind:N", legend=None, scale=alt.Scale(
            domain=[slot("kinds")], range=[[1, 0], [5, 3]])))
    solo = alt.Chart(_data("rows")).mark_point(filled=True, size=18).encode(
        x=x, y=y, color=alt.Color("kind:N", legend=None, scale=alt.Scale(
            domain=[slot("kinds")], range=[PALETTE["city"], PALETTE["ommeland"]])),
        tooltip=tooltip).transform_filter("datum.solo")
    return alt.layer(line, solo).properties(
        width=PROJECTION_WIDTH, height=130,
        title=alt.TitleParams(text=slot("title"), subtitle=slot("subtitle")))


def projection_chart(panels: list[dict], lang: str = "nl") -> dict:
    """Observed (solid) and projected (dashed) series side by side.
    panels: {title, subtitle, unit, rows: [{year, value, kind}]}, kind observed/projected."""
    lab = LABELS[lang]
    kinds = [lab["observed"], lab["projected"]]
    datasets, views, slots = {}, [], {}
    shared = frozenset({"kinds", "year", "value"})
    for i, p in enumerate(panels):
        datasets[f"p{i}"] = runs([{**r, "kind": lab[r["kind"]]} for r in p["rows"]], [],
                                 key="kind")
        views.append(vega.numbered(_projection_tpl, (), i, shared))
        years = [r["year"] for r in p["rows"]] or [2000]
        vega.numbered_slots({
            "rows": f"p{i}", "kinds": kinds, "title": p["title"], "subtitle": p["subtitle"],
            "x": [min(years), max(years)],
            "xticks": year_ticks(min(years), max(years), PROJECTION_WIDTH),
            "fmt": (fmt := number_format([r["value"] for r in p["rows"]], p["unit"])),
            "labels": cbs_labels(fmt), "year": lab["year"], "value": lab["value"]}, i, shared,
            slots)
    spec = {"concat": views, "columns": 2, "spacing": 24,
            "resolve": {"scale": {"x": "independent", "y": "independent"}}}
    return finish(spec, slots, datasets, lang)


@template
def _heatmap_tpl() -> alt.Chart:
    return alt.Chart(_data("rows")).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("indicator:N", title=None, sort=[slot("xsort")],
                axis=alt.Axis(labelAngle=-50, orient="top")),
        y=alt.Y("city:N", title=None, sort=[slot("ysort")], axis=alt.Axis()),
        color=alt.Color("cat:N", title=slot("legend"),
                        scale=alt.Scale(domain=[slot("domain")], range=[slot("colors")]),
                        legend=alt.Legend(orient="bottom", columns=3, titleOrient="left")),
        tooltip=[alt.Tooltip("city:N", title=slot("tt_city")),
                 alt.Tooltip("indicator:N", title=slot("tt_indicator")),
                 alt.Tooltip("tip:N", title=slot("tt_tip"))],
    )


def heatmap(rows: list[dict], legend_title: str, domain: list[str], colors: list[str],
            x_sort: list[str], y_sort: list[str], lang: str = "nl", cell: int = 15) -> dict:
    """A cities x indicators grid coloured by the category ``cat`` (quartile, signal...).
    rows: {city, indicator, cat, tip}."""
    words = LABELS[lang]["tooltip"]
    slots = {"rows": "rows", "xsort": x_sort, "ysort": y_sort, "legend": legend_title,
             "domain": domain, "colors": colors, "tt_city": words["municipality"],
             "tt_indicator": words["indicator"], "tt_tip": words["detail"]}
    return finish(_heatmap_tpl(), slots, {"rows": rows}, lang,
                  width=cell * len(x_sort), height=cell * len(y_sort))


def to_svg(spec: dict, prepare: Callable[[dict], dict] | None = None) -> str:
    """Static SVG of a spec via vl-convert (the first call starts its JS runtime, ~0.4 s);
    ``prepare``: applied to the Vega-Lite first. A :class:`~stadstrends.publish.report.vega.
    Spec`'s template is compiled to Vega once per process (:func:`~stadstrends.publish.
    report.vega.vega_of`)."""
    import vl_convert as vlc

    filled_vega = vega.vega_of(spec, VL_VERSION, prepare)
    if filled_vega is not None:
        return vlc.vega_to_svg(filled_vega)
    return vlc.vegalite_to_svg(prepare(spec) if prepare else spec, vl_version=VL_VERSION)


def to_svgs(specs: list[dict], threads: int | None = None) -> list[str]:
    """Static SVGs of several specs in parallel threads: vl-convert releases the GIL while
    it renders, so two cores convert a report's charts in ~60% of the time (measured in
    docs/report.md). ``threads``: at most this many (default: the cores, at most 4)."""
    workers = min(len(specs), threads or os.cpu_count() or 1, 4)
    if workers < 2:
        return [to_svg(s) for s in specs]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(to_svg, specs))
