"""The years on the report charts' x axes: whole years, one label per year, never touching
(:mod:`stadstrends.publish.axis_years`), on the real snapshot for Zwolle and Vlieland."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish import chart_panels, charts
from stadstrends.publish.axis_years import LABEL_GAP, YEAR_LABEL, fits, label_spans, year_ticks
from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city

W = chart_panels.PANEL_WIDTH


def test_year_ticks_take_the_smallest_step_whose_labels_keep_apart() -> None:
    assert year_ticks(2012, 2023, W) == [2015, 2020]  # not 2012 (flush) beside 2014
    assert year_ticks(2019, 2024, W) == [2020, 2022, 2024]  # not six touching years
    assert year_ticks(2021, 2023, W) == [2021, 2022, 2023]  # no half years
    assert year_ticks(2016, 2023, W) == [2016, 2018, 2020, 2022]
    assert year_ticks(2001, 2026, W) == [2005, 2010, 2015, 2020, 2025]
    assert year_ticks(2023, 2023, W) == [2023] and year_ticks(2022, 2023, W) == [2022, 2023]
    assert year_ticks(2022, 2023, 40) == [2022]  # two labels do not fit: the first alone
    # a label at either end is flush with the axis end, as Vega draws it
    assert label_spans([2012, 2014], 2012, 2023, W)[0] == (0.0, YEAR_LABEL)
    assert label_spans([2023], 2012, 2023, W) == [(W - YEAR_LABEL, W)]
    assert not fits([2012, 2014], 2012, 2023, W) and fits([2014, 2016], 2012, 2023, W)


def _x_year_labels(svg: str) -> list[list[tuple[str, float, str]]]:
    """(anchor, x, text) of the labels of every x axis of an SVG whose labels are numbers
    of four digits (grouped or not): one row of labels at one height."""
    axes = []
    for group in re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S):
        labels = re.findall(r'<text text-anchor="(\w+)" transform="translate\(([-\d.]+),'
                            r'([-\d.]+)\)"[^>]*>([^<]*)</text>', group)
        heights = {y for _, _, y, _ in labels}
        if labels and len(heights) == 1 and any(
                re.fullmatch(r"\d{4}|\d\.\d{3}", t) for *_, t in labels) and (
                len(labels) == 1 or len({x for _, x, _, _ in labels}) > 1):
            axes.append([(a, float(x), t) for a, x, _, t in labels])
    return axes


@pytest.mark.parametrize("city", ["Zwolle", "Vlieland"])
def test_every_small_multiple_labels_whole_years_apart(wh, city: str) -> None:
    """Each panel's x axis (small multiples, Vooruitblik): its tick years are whole years
    inside its domain, printed as years ('2020', not '2.020' or a half year twice), each
    label at least 6 px from the next at the widest year label (Vlieland's population
    growth, 2012-2023, printed '20122014' before: a label flush with the axis start over
    the next one; Vlieland's and Zwolle's housing WOZ, 2019-2024, six years touching)."""
    ctx = builder.city_context(load_city(wh, city), "nl", None)
    figs = [f for d in ctx["domains"] for f in d["figures"] if f["kind"] != "map"]
    figs += ctx["outlook"]["figures"]  # observed and projected years, 260 px wide
    assert len(figs) >= 7
    n_axes = n_panels = 0
    for fig in figs:
        for axis in _x_year_labels(charts.to_svg(fig["spec"])):
            n_axes += 1
            texts = [t for _, _, t in sorted(axis, key=lambda a: a[1])]
            assert all(re.fullmatch(r"(19|20)\d\d", t) for t in texts), (fig["id"], texts)
            assert len(set(texts)) == len(texts) and texts == sorted(texts), (fig["id"], texts)
            spans = []
            for anchor, x, _ in sorted(axis, key=lambda a: a[1]):
                left = {"start": x, "end": x - YEAR_LABEL}.get(anchor, x - YEAR_LABEL / 2)
                spans.append((left, left + YEAR_LABEL))
            gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False)]
            assert all(g >= LABEL_GAP - 2 for g in gaps), (fig["id"], texts, gaps)
        slots = fig["spec"].recipe[1]
        for name in [k for k in slots if k.endswith("_xticks")]:  # each panel's own years
            lo, hi = slots[name[:-len("ticks")]]
            ticks = slots[name]
            assert ticks and all(isinstance(y, int) and lo <= y <= hi for y in ticks), ticks
            n_panels += 1
    assert n_axes >= 25 and n_panels == n_axes
