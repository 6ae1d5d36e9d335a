"""A report panel's subtitle: the unit, then a line with the trend test's window and
verdict, whole (never cut) and with the window of the trend the warehouse tested."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.content import _panel, trend_label
from stadstrends.publish.report.data import load_city


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_trend_line_names_the_tested_window_and_the_verdict(lang) -> None:
    tested = {"first_year": 2012, "window_first_year": 2017, "last_year": 2024,
              "classification": "rising", "indicative": False}
    word = {"nl": "stijgend, significant", "en": "rising, significant"}[lang]
    assert trend_label(tested, lang) == f"trend 2017-2024: {word}"
    short = {**tested, "indicative": True, "classification": "no significant change"}
    assert trend_label(short, lang) == {"nl": "trend 2017-2024: te weinig jaren",
                                        "en": "trend 2017-2024: too few years"}[lang]


@pytest.mark.parametrize("query", ["Zwolle", "'s-Hertogenbosch", "Vlieland"])
def test_every_panel_subtitle_of_a_real_report_is_whole(wh, query) -> None:
    ctx = builder.city_context(load_city(wh, query, None), "nl", builder.geometries_for(wh))
    panels = [view["title"] for domain in ctx["domains"] for fig in domain["figures"]
              if "concat" in fig["spec"] for view in fig["spec"]["concat"]]
    assert len(panels) >= 8
    for title in panels:
        unit, trend = title["subtitle"]
        assert "…" not in unit + trend and len(trend) <= 40, title
        assert trend == "te weinig jaren voor een trend" or re.fullmatch(
            r"trend \d{4}-\d{4}: (stijgend, significant|dalend, significant|"
            r"niet significant|te weinig jaren)", trend), title


@pytest.mark.parametrize("query", ["Zwolle", "Enschede"])
def test_the_years_a_panel_names_never_span_a_series_break(wh, query) -> None:
    # a trend is tested within one comparable series: after a break only the years after
    # it (Zwolle: youth care, commuting distance, gas and electricity have breaks)
    data = load_city(wh, query, None)
    crossed, named = [], 0
    for ind, meta in data.catalogue.items():
        if not data.series.get(ind) or ind not in data.trends:
            continue
        first, last = map(int, re.search(r"(\d{4})-(\d{4})",
                                         _panel(data, ind, "nl").trend).groups())
        breaks = [y for y in meta.get("break_years") or [] if first < y <= last]
        named += bool(meta.get("break_years"))
        if breaks:
            crossed.append((ind, first, last, breaks))
    assert named >= 3 and crossed == []
