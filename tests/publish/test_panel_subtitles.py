"""A report panel's subtitle: the unit, then a line with the trend test's window and
verdict, whole (never cut) and with the window of the trend the warehouse tested."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.content import trend_label
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
def test_every_panel_subtitle_of_a_real_report_is_whole_and_its_window_the_tested_one(
        wh, query) -> None:
    geometries = builder.geometries_for(wh)
    data = load_city(wh, query, None)
    ctx = builder.city_context(data, "nl", geometries)
    panels = [view["title"] for domain in ctx["domains"] for fig in domain["figures"]
              if "concat" in fig["spec"] for view in fig["spec"]["concat"]]
    assert len(panels) >= 8
    windows = {f"{t.get('window_first_year') or t['first_year']}-{t['last_year']}"
               for t in data.trends.values()}
    for title in panels:
        unit, trend = title["subtitle"]
        assert "…" not in unit + trend and len(trend) <= 40, title
        if trend != "te weinig jaren voor een trend":
            window = re.fullmatch(
                r"trend (\d{4}-\d{4}): (stijgend, significant|dalend, significant|"
                r"niet significant|te weinig jaren)", trend)
            assert window and window.group(1) in windows, title
