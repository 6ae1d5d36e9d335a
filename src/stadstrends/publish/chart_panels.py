"""Line charts over the years for reports: small multiples of an indicator's city series
with its benchmarks (:func:`small_multiples`) and observed vs projected series
(:func:`projection_chart`); lines never run over a missing year or a series break
(:func:`runs`); a jump in the city's series is marked, and the years before it leave the
y axis when they would squash the years after it (:func:`jump_scale`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stadstrends.publish.axis_years import squeezed, year_ticks
from stadstrends.publish.chart_rounding import rounding_domain
from stadstrends.publish.charts import (
    DECORATIVE,
    LABELS,
    PALETTE,
    cbs_labels,
    finish,
    named_data,
    number_format,
    shorten,
    wrapped,
)
from stadstrends.publish.format import fmt_number, fmt_years
from stadstrends.publish.report import vega
from stadstrends.publish.report.vega import alt, slot, template

PANEL_WIDTH, PANEL_HEIGHT, COLUMNS = 188, 104, 3
PROJECTION_WIDTH = 260
#: the city's years before a jump leave the y axis when, on it, they would make its span more
#: than this many times the span of everything else (the years from the jump on, benchmarks)
JUMP_SPAN = 2
#: the height (px) the two lines of figures beyond a cut axis take at the top or bottom of the
#: plot: the axis leaves that much room above (below) the figures it draws
BEYOND_PX = 26


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
    #: the jumps drawn as vertical rules: {year (the later of the two), label}
    jumps: list[dict] = field(default_factory=list)
    #: the indicator's catalogue decimals: the axis and tooltips print no more
    decimals: int | None = None
    #: the tooltip's words after a city figure of these years ('omgerekend naar de huidige
    #: grenzen') and after an ommeland figure of a year ('zonder Ameland'):
    #: :mod:`~stadstrends.publish.figure_notes`
    harmonised: list[int] = field(default_factory=list)
    harmonised_word: str = ""
    ommeland_notes: dict[int, str] = field(default_factory=dict)
    nl_notes: dict[int, str] = field(default_factory=dict)  # Nederland's: 'zonder Ameland, ...'
    #: the median's: 'berekend uit op 0 afgeronde aantallen' (publish.median_zeros)
    median_notes: dict[int, str] = field(default_factory=dict)
    #: the city's years divided from CBS's rounded count, and their tooltip note
    recomputed: list[int] = field(default_factory=list)
    recomputed_word: str = ""
    #: CBS's coarsest rounding unit of the city's figures drawn (0: none): the y axis spans
    #: at least :data:`~stadstrends.publish.chart_rounding.MIN_STEPS` of it
    step: float = 0.0


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
               jump: bool = False, cut: str = "", fixed: bool = False) -> alt.LayerChart:
    """One small multiple; ``single``: one year only, so points and a p25-p75 bar;
    ``trend``: a second subtitle line (the years the trend was tested, its verdict);
    ``jump``: a third (where the series jumps; then slot ``subtitle`` holds all three) and
    the jumps' rules; ``cut`` ('left', 'right' or ''): the y axis over slot ``y`` only,
    what lies beyond clipped, its years and figures written in that top or bottom corner of
    the plot (dataset slot ``beyond``, :func:`jump_scale`); ``fixed``: the y axis over slot
    ``y``, nothing beyond it (:func:`~stadstrends.publish.chart_rounding.rounding_domain`)."""
    # piecewise: a long run of years without figures drawn narrow (axis_years.squeezed)
    xscale = alt.Scale(domain=[slot("x")], range=[slot("xrange")], nice=False)
    x = alt.X("year:Q", title=None, scale=xscale,
              axis=alt.Axis(format="d", values=[slot("xticks")], labelOverlap=True))
    # a cut axis over its domain only, not from 0: the band's layer (no domain of its own)
    # would make Vega-Lite's default zero=true the shared scale's, and an axis from 0 puts
    # figures left out below it back on the axis (and squashes those it keeps)
    y = alt.Y("value:Q", title=None, scale=alt.Scale(domain=[slot("y")], nice=True, zero=False)
              if cut or fixed else alt.Scale(zero=False),
              axis=alt.Axis(format=slot("fmt"), labelExpr=slot("labels"), tickCount=4))
    clip = {"clip": True} if cut else {}
    # 'who': the series' name, with what the figure is not simply ('Ommeland (zonder Ameland)')
    tooltip = [alt.Tooltip("who:N", title=" "), alt.Tooltip("year:Q", title=slot("year")),
               alt.Tooltip("value:Q", title=slot("value"), format=slot("fmt"))]
    scale = alt.Scale(domain=[slot("domain")], range=[slot("range")])
    mark = ({"type": "point", "filled": True, "size": 36, "opacity": 1, **clip} if single
            else {"type": "line", "strokeWidth": 1.6, **clip})
    lines = alt.Chart(named_data("lines"), mark=mark).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("series:N", title=None, scale=scale,
                        legend=alt.Legend(orient="bottom", columns=3,
                                          symbolType="circle" if single else "stroke")),
        strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(
            domain=[slot("domain")], range=[slot("dash")])))
    if not single:
        lines = lines.encode(detail="seg:N")
    dots = alt.Chart(named_data("last")).mark_point(filled=True, size=28, opacity=1,
                                                    **clip).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("series:N", scale=scale, legend=None))
    solo = alt.Chart(named_data("solo")).mark_point(filled=True, size=16, opacity=1,
                                                    **clip).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("series:N", scale=scale, legend=None))
    prov = alt.Chart(named_data("prov")).mark_point(
        filled=True, fill="white", size=30, opacity=1, strokeWidth=1.4, **clip).encode(
        x=x, y=y, tooltip=tooltip, stroke=alt.Color("series:N", scale=scale, legend=None))
    rule = alt.Chart(named_data("breaks")).mark_rule(
        strokeDash=[2, 2], color=PALETTE["muted"], strokeWidth=1).encode(
        x=alt.X("at:Q", scale=xscale), tooltip=alt.Tooltip("label:N", title=" "))
    # a squeezed run of years without figures: '//' across the axis ('geen cijfers 2009–2023')
    squeeze = alt.Chart(named_data("gaps")).mark_text(
        text="//", fontSize=11, fontWeight="bold", color=PALETTE["text"],
        baseline="middle").encode(x=alt.X("at:Q", scale=xscale), y=alt.value(PANEL_HEIGHT),
                                  tooltip=alt.Tooltip("label:N", title=" "))
    layers = [lines, rule, squeeze, solo, dots, prov]
    if jump:  # a jump: a solid rule between its two years (a break's is dotted)
        layers.insert(1, alt.Chart(named_data("jumps")).mark_rule(
            color=PALETTE["muted"], strokeWidth=1.2).encode(
            x=alt.X("at:Q", scale=xscale), tooltip=alt.Tooltip("label:N", title=" ")))
    if cut:  # what the axis leaves out, in a corner: '↑ 2010-2012:' / '19.319 tot 90.394'
        layers.append(alt.Chart(named_data("beyond")).mark_text(
            align=cut, baseline="middle", fontSize=9, lineHeight=11, lineBreak="\n",
            color=PALETTE["text"]).encode(
            x=alt.value(3 if cut == "left" else PANEL_WIDTH - 3),
            y=alt.Y("py:Q", scale=None), text="text:N"))
    if with_band:
        band = alt.Chart(named_data("band"), mark={"type": "rule", "strokeWidth": 14, **clip}
                         if single else {"type": "area", **clip}).encode(
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
    chart = alt.layer(*layers).properties(width=PANEL_WIDTH, height=PANEL_HEIGHT, title=title)
    # one year: the band's bar and the provisional points' rings both draw 'stroke'; a
    # shared scale took the band's one colour for the rings too (Vega's "conflicting scale
    # property range")
    return chart.resolve_scale(stroke="independent") if with_band and single else chart


def small_multiples(panels: list[Panel], city_name: str, lang: str = "nl",
                    columns: int = COLUMNS, group: str = "",
                    squeezes: list[tuple[int, str]] | None = None) -> dict:
    """Small multiples: per panel the city line (with a significant trend dark blue over the
    years tested, ``Panel.tested``, and light blue over the other years, running on to the
    first tested year so the line stays whole; grey when the trend is not significant, may
    rest on CBS's rounding (the caller's ``Panel.significant``) or there is none), the
    comparison group's middle half (p25-p75) and median (``group``: its short name,
    ``groups.short``), the ommeland and the Netherlands. Titles wrap into up to three lines
    (:func:`~stadstrends.publish.charts.wrapped`). ``squeezes``, when given, is extended with
    (panel index, its '//' mark's words: 'geen cijfers 2009–2023') per run of years without
    figures its axis draws narrow (:func:`~stadstrends.publish.axis_years.squeezed`), for a
    caption to name (the PDF shows no tooltip)."""
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
        who = (lab["ommeland"], (city_sig, city_out, city_ns), lab["nl"], lab["median"])
        rows = [{**r, "who": _who(r, p, *who)} for r in rows]
        own = [{**r, "who": _who(r, p, *who)} for r in own]
        rows = runs(rows, p.breaks)
        years = [r["year"] for r in rows] or [2000]
        values = [r["value"] for r in rows] + [r["p75"] for r in p.band]
        names = {k: f"p{i}{k}" for k in ("lines", "last", "band", "solo", "prov", "breaks",
                                          "jumps", "beyond", "gaps")}
        x_domain, x_range, runs_out, x_ticks = squeezed(years, PANEL_WIDTH)
        datasets[names["gaps"]] = [{"at": (a + b) / 2, "label": lab["gap_years"].format(
            years=f"{a + 1}–{b - 1}")} for a, b in runs_out]  # '//' amid the squeezed run
        if squeezes is not None:
            squeezes += [(i, g["label"]) for g in datasets[names["gaps"]]]
        datasets[names["lines"]] = rows
        datasets[names["solo"]] = [r for r in rows if r["solo"]]
        datasets[names["prov"]] = [r for r in own if r["year"] in p.provisional]
        datasets[names["breaks"]] = [{"at": b - 0.5, "label": lab["break"].format(year=b)}
                                     for b in p.breaks if min(years) < b <= max(years)]
        datasets[names["last"]] = own[-1:]
        if jumps:  # the figure's panels with the jump line draw the jumps' rules
            datasets[names["jumps"]] = [{"at": j["year"] - 0.5, "label": j["label"]} for j
                                        in p.jumps if min(years) < j["year"] <= max(years)]
        fmt = number_format(values, p.unit, p.decimals)
        y_domain, beyond = jump_scale(p, fmt, lang)
        if beyond:
            datasets[names["beyond"]] = beyond
        else:  # a series within a few of CBS's rounding steps: no zigzag over the whole axis
            y_domain = rounding_domain(values + [r["p25"] for r in p.band], p.step)
        # the figures beyond the axis in the corner away from the jump's steep line
        jumped = min((j["year"] for j in p.jumps), default=0)
        corner = "" if not beyond else "right" if 2 * jumped < min(years) + max(years) else "left"
        if p.band:
            datasets[names["band"]] = runs([{**r, "label": lab["band"]} for r in p.band],
                                           p.breaks, key="label")
        views.append(vega.numbered(_panel_tpl, (bool(p.band), len(set(years)) == 1,
                                                bool(p.trend), jumps, corner,
                                                bool(y_domain) and not beyond), i, shared))
        vega.numbered_slots({
            **names, "x": x_domain, "xrange": x_range, "xticks": x_ticks,
            "fmt": fmt, "labels": cbs_labels(fmt),
            **({"y": y_domain} if y_domain else {}),
            "title": titles[i] + [""] * (height - len(titles[i])),
            "subtitle": [shorten(line, 40) for line in (p.subtitle, p.trend, p.jump)]
            if jumps else shorten(p.subtitle, 40),
            **({"trend": shorten(p.trend, 40)} if p.trend and not jumps else {}),
            "domain": domain, "range": rng,
            "dash": dash, "year": lab["year"], "value": lab["value"]}, i, shared, slots)
    spec = {"concat": views, "columns": columns, "spacing": 18,
            "resolve": {"scale": {"x": "independent", "y": "independent"}}}
    return finish(spec, slots, datasets, lang)


def _who(row: dict, p: Panel, ommeland: str, city: tuple[str, ...], nl: str = "",
         median: str = "") -> str:
    """A line's row as its tooltip names it: the series, with the figure's note in brackets
    ('Leeuwarden (omgerekend naar de huidige grenzen)', 'Ommeland (zonder Ameland)',
    'Nederland (zonder Ameland, Koggenland, ...)', 'mediaan COROP-gebied (berekend uit op 0
    afgeronde aantallen)')."""
    if row["series"] == ommeland:
        note = p.ommeland_notes.get(row["year"], "")
    elif row["series"] == nl:
        note = p.nl_notes.get(row["year"], "")
    elif median and row["series"] == median:
        note = p.median_notes.get(row["year"], "")
    else:
        own = row["series"] in city
        note = "; ".join(w for w, years in ((p.harmonised_word, p.harmonised),
                                           (p.recomputed_word, p.recomputed))
                         if own and row["year"] in years)
    return f"{row['series']} ({note})" if note else row["series"]


def jump_scale(p: Panel, fmt: str, lang: str) -> tuple[list[float] | None, list[dict]]:
    """The y axis of a panel whose city series jumps (``Panel.jumps``): when the city's
    figures before the first jump would make the axis span more than ``JUMP_SPAN`` times
    what everything else spans (its figures from the jump on, the benchmarks), the axis
    covers only the rest, so that the years the trend sentence judges are readable; the
    figures beyond it are written in a corner of the plot ('↑ 2010-2012:' over '19.319 tot
    90.394', Vlissingen's electricity: no figure hidden without its number), in
    ``BEYOND_PX`` the axis keeps free above (below) the figures it draws, so the words
    never lie over a line. Returns (domain or None, text rows {py (px), text})."""
    if not p.jumps:
        return None, []
    after = min(j["year"] for j in p.jumps)
    kept = [r["value"] for r in p.city if r["year"] >= after] + [
        r["value"] for r in p.ommeland + p.nl] + [
        r[k] for r in p.band for k in ("p25", "median", "p75") if r.get(k) is not None]
    before = [r for r in p.city if r["year"] < after]
    if not kept or not before or max(kept) == min(kept):
        return None, []
    lo, hi = min(kept), max(kept)
    full = [*kept, *(r["value"] for r in before)]
    if max(full) - min(full) <= JUMP_SPAN * (hi - lo):
        return None, []
    digits = int(match.group(1)) if (match := re.search(r"\.(\d+)", fmt)) else 0
    out = []
    for side, py, rows in (("↑", 13, [r for r in before if r["value"] > hi]),
                           ("↓", PANEL_HEIGHT - 13, [r for r in before if r["value"] < lo])):
        if rows:
            low, high = (fmt_number(f(r["value"] for r in rows), digits, lang) for f in (min, max))
            figures = low if low == high else LABELS[lang]["beyond_range"].format(
                low=low, high=high)
            out.append({"py": py, "text": f"{side} {fmt_years([r['year'] for r in rows])}:"
                                          f"\n{figures}"})
    room = (hi - lo) * BEYOND_PX / (PANEL_HEIGHT - BEYOND_PX)
    above = any(r["text"].startswith("↑") for r in out)
    below = any(r["text"].startswith("↓") for r in out)
    low = lo - room if below else lo
    return [max(low, 0) if lo >= 0 and below else low, hi + room if above else hi], out


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
    line = alt.Chart(named_data("rows")).mark_line(strokeWidth=1.8).encode(
        x=x, y=y, color=color, detail="seg:N", tooltip=tooltip,
        strokeDash=alt.StrokeDash("kind:N", legend=None, scale=alt.Scale(
            domain=[slot("kinds")], range=[[1, 0], [5, 3]])))
    solo = alt.Chart(named_data("rows")).mark_point(filled=True, size=18).encode(
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
            "fmt": (fmt := number_format([r["value"] for r in p["rows"]], p["unit"],
                                         p.get("decimals"))),
            "labels": cbs_labels(fmt), "year": lab["year"], "value": lab["value"]}, i, shared,
            slots)
    spec = {"concat": views, "columns": 2, "spacing": 24,
            "resolve": {"scale": {"x": "independent", "y": "independent"}}}
    return finish(spec, slots, datasets, lang)

