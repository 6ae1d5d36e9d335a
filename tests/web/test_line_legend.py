"""The comparison chart's legend draws each municipality's line as the chart does. The lines
differ by colour and dash (the second municipality dashed), but with the points on the lines
the legend's symbols were filled dots: the dashes a reader sees in the chart were in no
legend. Drawn by Vega (vl-convert) from the page's own spec, real snapshot."""

from __future__ import annotations

import html
import json
import re

import vl_convert as vlc

HTML = {"accept": "text/html"}


def _spec(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="lines-spec">(.*?)</script>', page,
                    re.S)
    assert raw, "no line chart on the page"
    return json.loads(html.unescape(raw.group(1)))


def _dashes(svg: str, role: str) -> list[tuple[str, str]]:
    """(colour, dash pattern) of the paths of a mark role, in drawing order."""
    paths = []
    for group in re.findall(rf'<g class="mark-\w+ role-{role}[^"]*"[^>]*>(.*?)</g>', svg, re.S):
        paths += re.findall(r'<path [^>]*?stroke="([^"]+)"[^>]*?stroke-dasharray="([^"]+)"',
                            group)
    return paths


def test_the_legend_shows_the_dashes_of_the_lines(client) -> None:
    """Kerkrade, Heerlen and Landgraaf on /vergelijk: each legend symbol is a line (a path
    without arcs, not a dot) in its municipality's colour and dash pattern, and the lines
    drawn carry the same pairs."""
    page = client.get("/vergelijk?regions=GM0928,GM0917,GM0882&indicator=population",
                      headers=HTML)
    assert page.status_code == 200
    svg = vlc.vegalite_to_svg(json.dumps(_spec(page.text)))
    symbols = re.findall(r'<g class="mark-symbol role-legend-symbol"[^>]*>(.*?)</g>', svg, re.S)
    shapes = [d for symbol in symbols for d in re.findall(r'<path [^>]*d="([^"]+)"', symbol)]
    assert len(shapes) == 3
    assert not any("A" in d for d in shapes), shapes  # arcs: dots, not lines
    legend = _dashes(svg, "legend-symbol")
    drawn = set(_dashes(svg, "mark"))
    assert len({dash for _, dash in legend}) == 3, legend  # three patterns, one solid
    assert set(legend) <= drawn, (legend, drawn)
