"""A report panel's subtitle: the unit, then a line with the years the trend test used and
its verdict, whole (never cut) and with the years of the trend the warehouse tested; the
city line is blue in those years only, when the trend is significant."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.panels import panel, trend_label
from tests.publish.loaded import kept_city


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_trend_line_names_the_tested_years_and_the_verdict(lang) -> None:
    # a window of 2017-2024 whose figures start in 2019 (Zwolle's WOZ value): 2019-2024
    tested = {"first_year": 2019, "window_first_year": 2017, "last_year": 2024,
              "classification": "rising", "indicative": False}
    word = {"nl": "stijgend, significant", "en": "rising, significant"}[lang]
    assert trend_label(tested, lang) == f"trend 2019–2024: {word}"
    short = {**tested, "indicative": True, "classification": "not tested"}
    assert trend_label(short, lang) == {"nl": "trend 2019–2024: te weinig jaren",
                                        "en": "trend 2019–2024: too few years"}[lang]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_without_a_trend_the_line_gives_the_reason_the_analysis_recorded(lang) -> None:
    # Enschede's households: figures 2001-2024, a break in 2024 (untested_series.reason)
    cut = {"reason": "short_after_break", "segment_start": 2024, "n_window": 8, "n_points": 1}
    assert trend_label(None, lang, cut) == {
        "nl": "na reeksbreuk 2024: te weinig jaren",
        "en": "after series break 2024: too few years"}[lang]
    switch = {**cut, "reason": "short_after_source_switch", "segment_start": 2023}
    assert trend_label(None, lang, switch) == {"nl": "na bronwissel 2023: te weinig jaren",
                                               "en": "new source 2023: too few years"}[lang]
    recent = {"nl": "te weinig recente, vergelijkbare jaren",
              "en": "too few recent, comparable years"}[lang]
    # Zwolle's social assistance: one figure in the window 2017-2024; and no row at all
    few = {"reason": "few_recent_years", "segment_start": None, "n_window": 1, "n_points": 1}
    assert trend_label(None, lang, few) == trend_label(None, lang) == recent
    assert all(len(trend_label(None, lang, r)) <= 40 for r in (cut, switch, few))


@pytest.mark.parametrize("query", ["Zwolle", "'s-Hertogenbosch", "Vlieland"])
def test_every_panel_subtitle_of_a_real_report_is_whole(wh, query) -> None:
    ctx = builder.city_context(kept_city(wh, query, None), "nl", builder.geometries_for(wh))
    panels = [view["title"] for domain in ctx["domains"] for fig in domain["figures"]
              if "concat" in fig["spec"] for view in fig["spec"]["concat"]]
    assert len(panels) >= 8
    for title in panels:
        lines = [line for line in title["text"] if line]
        assert "…" not in " ".join(lines) and all(len(line) <= 31 for line in lines), title
        unit, trend, *jump = title["subtitle"]  # a third line where a figure has a jump
        assert "…" not in unit + trend and len(trend) <= 40, title
        assert jump in ([], [""]) or re.fullmatch(
            r"abrupte (daling|stijging) \d{4}–\d{4} \(zie tekst\)|"
            r"\d+ abrupte veranderingen \(zie tekst\)|"  # a hump (series_humps): its years
            r"tijdelijk (hoger|lager) \d{4}(–\d{4})? \(zie tekst\)|"
            r"\d+ tijdelijke afwijkingen \(zie tekst\)", jump[0]) and len(jump[0]) <= 40, title
        assert trend == "te weinig recente, vergelijkbare jaren" or re.fullmatch(
            r"trend \d{4}–\d{4}: ((stijgend|dalend), (significant|niet zeker)|"  # niet zeker:
            r"niet significant|te weinig jaren)|"  # within CBS's rounding (coarse_trends)
            r"na (reeksbreuk|bronwissel) \d{4}: te weinig jaren",
            trend), title


PRICES = {"nl": "in lopende prijzen", "en": "in current prices"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_figure_text_for_screen_readers_gives_every_panel_its_trend_line(wh, lang) -> None:
    """The colour of a line is not read out: the figure's alt text names each panel with
    the lines under its title ("Bevolkingsgroei (trend 2016–2023: niet significant)"; with
    a jump also 'abrupte daling 2014–2015 (zie tekst)')."""
    ctx = builder.city_context(kept_city(wh, "Zwolle", None), lang, builder.geometries_for(wh))
    checked = 0
    for domain in ctx["domains"]:
        for fig in domain["figures"]:
            if "concat" not in fig["spec"]:
                continue
            for view in fig["spec"]["concat"]:
                lines = ", ".join(filter(None, view["title"]["subtitle"][1:]))
                # an amount in current prices says so after its trend (its unit line, not
                # read out, says it too): 'stijgend, significant, in lopende prijzen'
                assert f"({lines})" in fig["alt"] or f"({lines}, {PRICES[lang]})" in fig["alt"], \
                    (fig["alt"], view)
                checked += 1
    assert checked >= 8


@pytest.mark.parametrize("query", ["Zwolle", "Enschede"])
def test_the_years_a_panel_names_never_span_a_series_break(wh, query) -> None:
    # a trend is tested within one comparable series: after a break only the years after
    # it (Zwolle: youth care, commuting distance, gas and electricity have breaks)
    data = kept_city(wh, query, None)
    crossed, named = [], 0
    for ind, meta in data.catalogue.items():
        if not data.series.get(ind) or ind not in data.trends:
            continue
        first, last = map(int, re.search(r"(\d{4})–(\d{4})",
                                         panel(data, ind, "nl").trend).groups())
        breaks = [y for y in meta.get("break_years") or [] if first < y <= last]
        named += bool(meta.get("break_years"))
        if breaks:
            crossed.append((ind, first, last, breaks))
    assert named >= 3 and crossed == []


@pytest.mark.parametrize("query", ["Zwolle", "Enschede"])
def test_the_years_a_panel_names_are_the_years_tested_and_only_they_are_blue(wh, query) -> None:
    """The subtitle's years are the first and last year with a figure the trend test used
    (trends.first_year, last_year), never a window start before the figures begin; a
    significant trend colours exactly those years dark blue and the other years light blue,
    labelled 'outside the tested years', not 'no significant trend' (Zwolle's registered
    crimes fall from 82 to 50 over 2010-2017, before its rising 2017-2024)."""
    data = kept_city(wh, query, None)
    ctx = builder.city_context(data, "nl", builder.geometries_for(wh))
    blue, grey = f"{data.name}, significante trend", f"{data.name}, geen trend vastgesteld"
    light = f"{data.name}, buiten de getoetste jaren"
    checked = later = outside = 0
    for domain in ctx["domains"]:
        for fig in domain["figures"]:
            if "concat" not in fig["spec"]:
                continue
            for i, view in enumerate(fig["spec"]["concat"]):
                trend = view["title"]["subtitle"][1]
                span = re.search(r"(\d{4})–(\d{4})", trend)
                rows = fig["spec"]["datasets"][f"p{i}lines"]
                city = {r["year"]: r["series"] for r in rows if r["series"] == blue}
                drawn = {r["year"] for r in rows if r["series"] in (blue, grey, light)}
                outside_years = {r["year"] for r in rows if r["series"] == light}
                if not span:
                    assert not city, (trend, sorted(city))
                    continue
                first, last = map(int, span.groups())
                if "significant" in trend and "niet" not in trend:
                    assert set(city) == {y for y in drawn if first <= y <= last}, trend
                    # untested years are light blue, never "no significant trend"
                    assert {r["year"] for r in rows if r["series"] == grey} == set(), trend
                    assert outside_years >= {y for y in drawn if y < first}, trend
                    outside += any(y < first for y in drawn)
                else:
                    assert not city and not outside_years, trend
                checked += 1
    assert checked >= 10
    for ind, tr in data.trends.items():
        if data.series.get(ind):
            first = int(re.search(r"(\d{4})–", panel(data, ind, "nl").trend).group(1))
            assert first == tr["first_year"], ind
            later += first > tr["window_first_year"]
    assert later >= 1  # e.g. the WOZ value, with figures from 2019 in a 2017-2024 window
    if query == "Zwolle":
        assert outside >= 1  # e.g. registered crimes: grey over 2010-2016


@pytest.mark.parametrize(("query", "cut"), [("Enschede", "households"),
                                           ("Almere", "households")])
def test_a_long_series_without_a_trend_names_the_break_that_cut_it(wh, query, cut) -> None:
    """Households (2001-2024, a break in 2024): no trend row, and the panel says why, not
    just 'too few years'. A panel names a break only when the window held enough figures
    and the break left too few (the trend test's own rule); social assistance with
    1999-2014 and 2024 has too few recent figures, whatever its break in 2009."""
    data = kept_city(wh, query, None)
    window, least = data.settings.window, data.settings.min_trend_points
    named = []
    for ind in data.catalogue:
        years = [r["year"] for r in data.series.get(ind) or [] if r["value"] is not None]
        if ind in data.trends or not years:
            continue
        recent = [y for y in years if y > max(years) - window]
        line = panel(data, ind, "nl").trend
        found = re.fullmatch(r"na (reeksbreuk|bronwissel) (\d{4}): te weinig jaren", line)
        if found:
            year = int(found.group(2))
            if found.group(1) == "reeksbreuk":
                assert year in data.catalogue[ind]["break_years"], ind
            assert len(recent) >= least > sum(y >= year for y in recent), ind
            named.append(ind)
        else:
            assert line == "te weinig recente, vergelijkbare jaren", (ind, line)
            assert len(recent) < least or not data.catalogue[ind].get("break_years"), ind
    assert cut in named and len(data.series[cut]) >= 10
