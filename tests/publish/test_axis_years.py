"""The years on the report charts' x axes: whole years, one label per year, never touching
(:mod:`stadstrends.publish.axis_years`), on the real snapshot for Zwolle and Vlieland."""

from __future__ import annotations

import re

import numpy as np
import pytest

from stadstrends.publish import chart_panels, charts
from stadstrends.publish.axis_years import (
    GAP_DRAWN,
    LABEL_GAP,
    YEAR_LABEL,
    fits,
    label_spans,
    squeezed,
    year_ticks,
)
from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

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
    ctx = builder.city_context(kept_city(wh, city), "nl", None)
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
            domain = slots[name[:-len("ticks")]]  # piecewise over a squeezed run
            lo, hi = domain[0], domain[-1]
            ticks = slots[name]
            assert ticks and all(isinstance(y, int) and lo <= y <= hi for y in ticks), ticks
            n_panels += 1
    assert n_axes >= 25 and n_panels == n_axes


def test_a_long_run_without_figures_is_squeezed() -> None:
    """Zwolle's social assistance has figures for 1999-2008 and 2024: its axis spent 15 of
    its 25 years' width on nothing. A run of 4 or more years without any figure is drawn
    1.5 years wide; the axis still ends at both years with figures, and labels the last."""
    years = [*range(1999, 2009), 2024]
    domain, px, runs, ticks = squeezed(years, W)
    assert domain == [1999, 2008, 2024] and px[0] == 0 and px[-1] == W
    assert runs == [(2008, 2024)]
    per_year = px[1] / (2008 - 1999)
    assert abs((px[2] - px[1]) - GAP_DRAWN * per_year) < 0.2  # the run: 1.5 years wide
    assert px[1] > 0.8 * W  # the years with figures have the width
    assert ticks == [2000, 2005, 2024]
    # a G40 city with 2009-2014 too: 2015-2023 squeezed; three missing years are not
    assert squeezed([*range(1999, 2015), 2024], W)[2] == [(2014, 2024)]
    assert squeezed([2015, 2016, 2020, 2021], W)[:3] == ([2015, 2021], [0.0, W], [])
    # a run at the start, and two runs: every part of the axis in order, the last labelled
    domain, px, runs, ticks = squeezed([2005, *range(2019, 2025)], W)
    assert domain == [2005, 2019, 2024] and runs == [(2005, 2019)] and ticks[-1] == 2024
    domain, px, runs, ticks = squeezed([1999, 2000, 2001, *range(2009, 2014),
                                        *range(2020, 2024)], W)
    assert runs == [(2001, 2009), (2013, 2020)] and px == sorted(px) and ticks[-1] == 2023
    at = [float(np.interp(y, domain, px)) for y in ticks]  # as the piecewise scale
    spans = [(x, x + YEAR_LABEL) if x <= 1 else (x - YEAR_LABEL, x) if x >= W - 1
             else (x - YEAR_LABEL / 2, x + YEAR_LABEL / 2) for x in at]
    assert all(b[0] - a[1] >= LABEL_GAP for a, b in zip(spans, spans[1:], strict=False)), at
    # no run: as before
    assert squeezed(list(range(2012, 2024)), W) == ([2012, 2023], [0.0, W], [],
                                                    year_ticks(2012, 2023, W))


def test_zwolles_social_assistance_panel_draws_its_years_with_figures(wh) -> None:
    """The report's panel (PDF and HTML): 1999-2008 over most of the width, '//' on the axis
    where 2009-2023 are left out ('geen cijfers 2009–2023'), 2024 at the right end."""
    ctx = builder.city_context(kept_city(wh, "Zwolle"), "nl", None)
    figs = [f for d in ctx["domains"] for f in d["figures"] if f["kind"] != "map"]
    fig, i = next((f, k[1:-len("lines")]) for f in figs
                  for k, rows in f["spec"]["datasets"].items() if k.endswith("lines")
                  and any(r.get("who", "").startswith("Zwolle") for r in rows)
                  and f["spec"].recipe[1].get(f"p{k[1:-len('lines')]}_title", [""])[0]
                  .startswith("Bijstandsuitkeringen"))
    slots = fig["spec"].recipe[1]
    assert slots[f"p{i}_x"] == [1999, 2008, 2024], slots[f"p{i}_x"]
    assert slots[f"p{i}_xrange"][1] > 0.8 * W
    assert fig["spec"]["datasets"][f"p{i}gaps"] == [
        {"at": 2016.0, "label": "geen cijfers 2009–2023"}]
    svg = charts.to_svg(fig["spec"])
    assert "//" in svg and svg.count('class="marks" width=') == 1
    width = float(re.search(r'class="marks" width="([\d.]+)"', svg)[1])
    assert width < 1000  # three panels and the legend, not a runaway scale


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", "Waar de tijdas twee schuine streepjes heeft, is een reeks jaren zonder cijfers "
           "ingekort getekend (Bijstandsuitkeringen per 1 000 inwoners: geen cijfers "
           "2009–2023)."),
    ("en", "Where the time axis has two slashes, a run of years without figures is drawn "
           "shortened (Social assistance benefits per 1,000 inhabitants: no figures "
           "2009–2023)."),
])
def test_the_caption_says_what_the_axis_break_means(wh, lang: str, words: str) -> None:
    """The PDF has no tooltip: the caption of Zwolle's social panels says what '//' is and
    which years it shortens, in words read aloud (it began with '//' itself, read as
    'slash slash' by the tester of session 54); a domain without a squeezed run says
    nothing of it."""
    from stadstrends.publish.report.domains import domain_section

    data = kept_city(wh, "GM0193")
    caption = domain_section(data, "social", lang, None, False)["figures"][0]["caption"]
    assert words in " ".join(caption.replace("\u2060", "").split()), caption
    assert "//" not in caption
    spatial = domain_section(data, "spatial", lang, None, False)["figures"][0]["caption"]
    assert "//" not in spatial


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_panels_give_their_squeezed_runs_to_the_caption(lang: str) -> None:
    """``small_multiples`` hands the caption the '//' runs it draws, per panel, in the words
    of the axis mark (the caption no longer reads them from the spec's dataset names): the
    second panel's 2009-2023 left out, the first has none."""
    from stadstrends.publish.chart_panels import Panel, small_multiples

    def panel(years: list[int]) -> Panel:
        return Panel("Titel", "per 1 000", "per 1 000",
                     [{"year": y, "value": 10.0 + y % 3} for y in years])

    runs: list[tuple[int, str]] = []
    spec = small_multiples([panel(list(range(2012, 2025))),
                            panel([*range(1999, 2009), 2024])], "Stad", lang, squeezes=runs)
    words = {"nl": "geen cijfers 2009–2023", "en": "no figures 2009–2023"}[lang]
    assert runs == [(1, words)]
    assert [g["label"] for g in spec["datasets"]["p1gaps"]] == [words]
