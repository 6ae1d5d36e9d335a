"""The strip of a city set's values on the indicator page ('Spreiding over de {city_set}'): one
dot per city, the selected ones orange, ties stacked, the median a dashed rule (a Vega-Lite
spec as :mod:`.specs`')."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.web import units
from stadstrends.publish.web.specs import CHART_WORDS, _base, axis_format

#: a dot's diameter in the strip of :func:`distribution` (px) and the room a stacked one takes
DOT = 9
DOT_STEP = 10
#: the piles' room at least, in dots: a strip without ties is no flat line
ROWS = 4


def stacked(values: list[dict[str, Any]], unit: str, decimals: int | None,
            highlight: list[str]) -> list[tuple[dict[str, Any], int, int]]:
    """``values`` with their place in the pile of those with the same shown figure (0 at the
    bottom: the selected cities first, then by name) and that pile's size: six of the city set's
    41 cities at 3,8% unemployment in 2024 were one tick."""
    piles: dict[float, list[dict[str, Any]]] = {}
    for v in values:
        if v["value"] is not None:
            piles.setdefault(units.shown_value(v["value"], unit, decimals), []).append(v)
    out = []
    for pile in piles.values():
        pile.sort(key=lambda v: (v["region_code"] not in highlight, v["name"]))
        out += [(v, i, len(pile)) for i, v in enumerate(pile)]
    return out


def distribution(values: list[dict[str, Any]], title: str, unit: str,
                 highlight: list[str], lang: str = "nl", group: str = "",
                 decimals: int | None = None) -> dict[str, Any]:
    """The city set's values as a strip of dots with the selected cities marked; values:
    region_code, name, value; ``group``: the set's short name (``i18n.city_set_name``);
    unit and decimals as in :func:`lines`. Cities with the same shown figure are stacked
    (:func:`stacked`: a tie was drawn as one tick) and their tooltips say how many share
    it; the axis has about one label per 70 px of width, none shifted to the edge (on a
    phone '5' and '5,2' touched and read '55,2')."""
    words = CHART_WORDS[lang]
    chosen = words["selected"]
    data = [{"name": v["name"], "value": v["value"], "pile": i,
             "shown": units.show(v["value"], unit, lang, decimals=decimals),
             "same": words["dist_same"].format(n=n) if n > 1 else "",
             "sel": chosen if v["region_code"] in highlight else group}
            for v, i, n in stacked(values, unit, decimals, highlight)]
    # 'geselecteerd' in the legend only when a selected city is among the marks: the four
    # largest cities, chosen by default, are not in the city set the strip shows, and the
    # legend named an orange that was nowhere
    kinds = [group, chosen] if any(d["sel"] == chosen for d in data) else [group]
    top = max([d["pile"] for d in data], default=0) + 1  # the highest pile's dots
    # every field with its title in the page's language, as the map's: the tooltip read
    # 'name Zoetermeer / shown 3,8% / same 6 gemeenten hebben dit cijfer'
    tips = [{"field": "name", "title": words["municipality"]}, {"field": "shown", "title": title}]
    return _base(
        words["chart_dist"].format(title=title, city_set=group),
        # fit-x: the height is the plot's, the piles' room, without the axis and legend
        fit="fit-x", width="container", height=DOT_STEP * max(top, ROWS),
        data={"values": data},
        layer=[
            {"mark": {"type": "circle", "size": DOT * DOT, "opacity": 0.9,
                      "stroke": "#fff", "strokeWidth": 0.8},
             "encoding": {
                 "x": {"field": "value", "type": "quantitative",
                       "title": units.label(unit, lang) or title, "scale": {"zero": False},
                       "axis": {"format": axis_format(unit, decimals), "labelOverlap": True,
                                "labelSeparation": 8, "labelFlush": False,
                                "tickCount": {"expr": "ceil(width / 70)"}}},
                 # the pile's dots from the bottom up, one step each: the axis's room
                 "y": {"field": "pile", "type": "quantitative", "axis": None,
                       "scale": {"domain": [-0.5, max(top, ROWS) - 0.5], "nice": False,
                                 "zero": False}},
                 "color": {"field": "sel", "type": "nominal", "title": None,
                           "scale": {"domain": kinds,
                                     "range": ["#6b7280", "#c2410c"][:len(kinds)]},
                           "legend": {"orient": "top", "direction": "horizontal"}},
                 "tooltip": tips + ([{"field": "same", "title": words["dist_same_title"]}]
                                    if any(d["same"] for d in data) else [])}},
            {"mark": {"type": "rule", "color": "#111", "strokeDash": [4, 3]},
             "encoding": {"x": {"aggregate": "median", "field": "value"}}},
        ])
