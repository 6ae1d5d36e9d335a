"""A cut y axis (publish/chart_panels.py, :func:`jump_scale`) as drawn: the figures it
leaves out lie beyond the plot on their own side, above or below, and those it keeps inside.

Before: the panel's scale took Vega-Lite's default ``zero: true`` from the band's layer
(which names no domain), so every cut axis ran from 0: Vlissingen's delivered electricity
(3 783-5 691 kWh per inhabitant from 2013 on, 68 148, 90 394 and 19 319 in 2010-2012) was
drawn on 0-8 000, its kept years in the upper half; a low figure left out (below the axis)
came back on it, and its '↓' words lay over its line."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.chart_panels import BEYOND_PX, PANEL_HEIGHT, Panel, small_multiples
from tests.publish.loaded import kept_city

POINT = re.compile(r"year: (\d+); value: [^;]*; series: ([^;]+);")


def drawn_points(spec: dict, i: int) -> list[tuple[str, int, float]]:
    """(series, year, y in px from the top of the plot) of every line vertex and point of
    panel ``i`` as vl-convert lays it out (its scenegraph)."""
    import vl_convert as vlc

    from stadstrends.publish.charts import VL_VERSION

    root = vlc.vegalite_to_scenegraph(spec, vl_version=VL_VERSION)["scenegraph"]
    out: list[tuple[str, int, float]] = []

    def walk(node: dict, inside: bool) -> None:
        inside = inside or node.get("name") == f"concat_{i}_group"
        if inside and node.get("marktype") in ("line", "symbol") and node.get("role") == "mark":
            for item in node.get("items", []):
                m = POINT.search(item.get("description", ""))
                if m:
                    out.append((m[2].strip(), int(m[1]), item["y"]))
            return
        for child in node.get("items", []):
            if isinstance(child, dict):
                walk(child, inside)

    walk(root, False)
    return out


def _panel(before: list[float], after: list[float]) -> Panel:
    years = range(2010, 2010 + len(before) + len(after))
    jump = 2010 + len(before)
    city = [{"year": y, "value": v} for y, v in zip(years, before + after, strict=True)]
    band = [{"year": y, "p25": 4800.0, "median": 5200.0, "p75": 5600.0} for y in years]
    return Panel("Titel", "kWh per inwoner", "kWh", city, band=band,
                 jumps=[{"year": jump, "label": "abrupte stijging"}])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_low_figure_left_out_is_drawn_below_the_axis_not_on_it(lang: str) -> None:
    """Three low years (90-150) before a jump to 5 000-6 000: the axis covers the years
    after it and the group's band (4 800-6 000) with room below for the '↓' words; the low
    years lie below the plot (clipped), every other point inside it."""
    p = _panel([120.0, 90.0, 150.0], [5000.0 + 100 * k for k in range(11)])
    spec = small_multiples([p], "Stad", lang)
    beyond = spec["datasets"]["p0beyond"]
    assert [b["text"] for b in beyond] == [
        {"nl": "↓ 2010–2012:\n90 tot 150", "en": "↓ 2010–2012:\n90 to 150"}[lang]]
    points = drawn_points(spec, 0)
    city = [(year, y) for series, year, y in points if series.startswith("Stad")]
    assert {year for year, _ in city} == set(range(2010, 2024))
    assert all(y > PANEL_HEIGHT for year, y in city if year < 2013), city
    kept = [y for series, year, y in points if year >= 2013 or not series.startswith("Stad")]
    assert kept and all(0 <= y <= PANEL_HEIGHT - BEYOND_PX for y in kept), kept


def test_a_high_figure_left_out_is_drawn_above_the_axis() -> None:
    p = _panel([90000.0, 60000.0], [5000.0 + 100 * k for k in range(11)])
    spec = small_multiples([p], "Stad", "nl")
    assert [b["text"] for b in spec["datasets"]["p0beyond"]] == [
        "↑ 2010–2011:\n60.000 tot 90.000"]
    points = drawn_points(spec, 0)
    assert all(y < 0 for s, year, y in points if s.startswith("Stad") and year < 2012)
    kept = [y for s, year, y in points if year >= 2012 or not s.startswith("Stad")]
    assert kept and all(BEYOND_PX <= y <= PANEL_HEIGHT for y in kept), kept
    # the axis is the kept figures', not one from 0: 4 800 (the band) near its bottom
    assert max(kept) > PANEL_HEIGHT / 2


def test_vlissingen_electricity_as_drawn(wh) -> None:
    """The real case (tests/publish/test_report_jumps.py): the years 2010-2012 above the
    plot, 2013-2023 and the benchmarks inside it, filling it rather than its upper part."""
    from stadstrends.publish.report import builder

    ctx = builder.city_context(kept_city(wh, "Vlissingen", None), "nl", None)
    fig, i = next((fig, i) for d in ctx["domains"] for fig in d["figures"]
                  if "concat" in fig["spec"]
                  for i, view in enumerate(fig["spec"]["concat"])
                  if "abrupte daling 2012–2013" in str(view["title"]["subtitle"]))
    points = drawn_points(fig["spec"], i)
    city = [(year, y) for s, year, y in points if s.startswith("Vlissingen")]
    assert {year for year, _ in city} == set(range(2010, 2024))
    assert all(y < 0 for year, y in city if year < 2013), city
    kept = [y for s, year, y in points if year >= 2013 or not s.startswith("Vlissingen")]
    assert all(BEYOND_PX <= y <= PANEL_HEIGHT for y in kept), kept
    # the lowest figure kept (the group median, 2 725 in 2023) near the bottom: on an axis
    # from 0 to 8 000 it lay at two thirds of the height
    assert max(kept) > 0.8 * PANEL_HEIGHT, max(kept)
