"""What every report chart shares: style, words, number formats, and the static SVG.

The chart shapes fill Altair templates with slots (:mod:`stadstrends.publish.report.vega`):
line panels in :mod:`~stadstrends.publish.chart_panels`, maps in
:mod:`~stadstrends.publish.chart_maps`, the tweedeling dot plot in
:mod:`~stadstrends.publish.chart_gaps`, the overview grid in
:mod:`~stadstrends.publish.chart_heatmap`. A chart is its template filled, with its rows
attached as named ``datasets`` and this module's config (fonts, Dutch/English number locale,
palette), so the same dict renders identically through ``vl_convert`` (SVG in the PDF,
:func:`to_svg`) and ``vega-embed`` (HTML).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from babel import Locale

from stadstrends import vocabulary
from stadstrends.publish.report import vega
from stadstrends.publish.report.vega import alt, slot

VL_VERSION = "6.4"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

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
#: a map's municipality without a figure: grey hatching (lines #767676, 4.5:1 on white) on
#: white, told apart from every blue of SEQUENTIAL by its texture, not by a shade (the
#: light grey #e3e3e3 it replaces had 1.1:1 against the lightest blue #e6eef7). A fill
#: "url(#id)": the SVG pattern is put into a static chart by :func:`to_svg` and into the
#: HTML report once (:data:`NO_FIGURES_DEFS`, city.html.j2)
NO_FIGURES_ID = "st-nofigures"
NO_FIGURES = f"url(#{NO_FIGURES_ID})"
NO_FIGURES_DEFS = (
    f'<defs><pattern id="{NO_FIGURES_ID}" patternUnits="userSpaceOnUse" width="5" height="5" '
    'patternTransform="rotate(45)"><rect width="5" height="5" fill="#ffffff"/>'
    '<line x1="0" y1="0" x2="0" y2="5" stroke="#767676" stroke-width="1.4"/></pattern></defs>')
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


def number_format(values: list[float], unit: str, decimals: int | None = None) -> str:
    """d3 format: thousands grouped, the indicator's catalogue ``decimals`` (none: ',.0f';
    one: ',.1~f', an axis tick between figures drops a trailing zero); without them one
    decimal for small values and percentages."""
    if decimals is not None and decimals == decimals:
        return f",.{int(decimals)}~f" if decimals else ",.0f"
    size = max((abs(v) for v in values if v is not None), default=0)
    return ",.1~f" if unit == "%" or size < 100 else ",.0f"


def cbs_labels(fmt: str) -> str:
    """A Vega ``labelExpr`` that rounds halves away from zero on the decimal value before
    formatting, as CBS and the text do (d3 rounds the binary value: 0.35 -> '0,3', 1.45 ->
    '1,4'); the tiny relative nudge undoes binary representation error only. A zero is
    written without a sign ('0', not '+0' with a format of '+,.0f')."""
    match = re.search(r"\.(\d+)", fmt)
    scale = 10 ** int(match.group(1)) if match else 1
    rounded = (f"(datum.value < 0 ? -1 : 1) * round(abs(datum.value) * {scale} * (1 + 1e-12))"
               f" / {scale}")
    plain = fmt.replace("+", "")  # zero has no sign: '0', not '+0' (the gap chart's axis)
    return f"{rounded} == 0 ? format(0, '{plain}') : format({rounded}, '{fmt}')"


def named_data(name: str, fmt: str | None = None) -> alt.Data:
    """The data of a template layer: the dataset named by slot ``name`` (``fmt``: its
    format type, e.g. 'json' for GeoJSON features)."""
    return alt.Data(name=slot(name), format=alt.DataFormat(type=fmt)) if fmt else alt.Data(
        name=slot(name))


def to_svg(spec: dict, prepare: Callable[[dict], dict] | None = None) -> str:
    """Static SVG of a spec via vl-convert (the first call starts its JS runtime, ~0.4 s);
    ``prepare``: applied to the Vega-Lite first. A :class:`~stadstrends.publish.report.vega.
    Spec`'s template is compiled to Vega once per process (:func:`~stadstrends.publish.
    report.vega.vega_of`)."""
    import vl_convert as vlc

    filled_vega = vega.vega_of(spec, VL_VERSION, prepare)
    if filled_vega is not None:
        return with_patterns(vlc.vega_to_svg(filled_vega))
    return with_patterns(vlc.vegalite_to_svg(prepare(spec) if prepare else spec,
                                             vl_version=VL_VERSION))


def with_patterns(svg: str) -> str:
    """A static SVG with the hatching it fills with (:data:`NO_FIGURES`) defined in it."""
    if NO_FIGURES not in svg:
        return svg
    start = svg.index(">", svg.index("<svg")) + 1
    return svg[:start] + NO_FIGURES_DEFS + svg[start:]


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
