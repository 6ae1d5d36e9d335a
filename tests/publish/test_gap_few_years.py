"""A city-ommeland gap too short to test names its window and why the window's other years
have no gap: Heerlen's electricity delivered to businesses read '(4 jaren in 2020–2023)', as
if the window began in 2020, while Heerlen has all eight years of 2016-2023 and its ommeland
none before 2020 (review finding); now '(4 jaren in 2016–2023; het ommeland heeft geen
cijfer voor 2016–2019)'. Every year of every such window of the city set's reports is a
year with a gap or a year said to lack the city's or the ommeland's figure."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.gap_verdicts import few_years_span
from stadstrends.settings import default_settings
from tests.publish.loaded import connect, kept_city

SPAN = re.compile(r"^(\d+) jaren in (\d{4})–(\d{4})")


def _years(text: str) -> set[int]:
    """The years of '2011, 2013–2014 en 2016'."""
    out: set[int] = set()
    for a, b in re.findall(r"(\d{4})(?:–(\d{4}))?", text):
        out |= set(range(int(a), int(b or a) + 1))
    return out


def test_heerlen_names_the_window_and_its_ommelands_missing_years(wh) -> None:
    data = kept_city(wh, "Heerlen", None)
    ind = "electricity_delivered_per_inhabitant"
    g = data.gap_trends[ind]
    assert (g["first_year"], g["window_first_year"], g["indicative"]) == (2020, 2016, True)
    assert few_years_span(data, ind, g, "nl") == (
        "4 jaren in 2016–2023; het ommeland heeft geen cijfer voor 2016–2019")
    assert few_years_span(data.in_language("en"), ind, g, "en") == (
        "4 years in 2016–2023; the surrounding region has no figure for 2016–2019")


@pytest.fixture(scope="module")
def spans(warehouse_path) -> list[tuple[str, str, dict, str, set, set]]:
    out = []
    with connect(warehouse_path) as con:
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY 1",
            [default_settings().city_set]).fetchall()]
        for code in codes:
            data = kept_city(con, code)
            for ind, g in data.gap_trends.items():
                if g.get("indicative"):
                    out.append((data.name, ind, g, few_years_span(data, ind, g, "nl"),
                                {int(r["year"]) for r in data.gaps.get(ind) or []},
                                {int(r["year"]) for r in data.series.get(ind) or []
                                 if r.get("value") is not None}))
    return out


def test_every_year_of_a_short_windows_span_is_a_gap_or_said_missing(spans) -> None:
    assert len(spans) > 100
    moved = 0
    for name, ind, g, text, gaps, city_years in spans:
        n, start, last = map(int, SPAN.match(text).groups())
        assert n == g["n_points"] and last == g["last_year"] and start <= g["first_year"]
        moved += start < g["first_year"]
        window = set(range(start, last + 1))
        said_city = _years(text.split(f"{name} heeft geen cijfer voor ")[1].split(";")[0]) \
            if f"{name} heeft geen cijfer voor " in text else set()
        said_omm = _years(text.split("het ommeland heeft geen cijfer voor ")[1]) \
            if "het ommeland heeft geen cijfer voor " in text else set()
        assert len(gaps & window) == n, (name, ind, text)
        assert said_city == window - gaps - city_years, (name, ind, text)
        assert said_omm <= (window - gaps) & city_years, (name, ind, text)
        assert window == (gaps & window) | said_city | said_omm, (name, ind, text)
    assert moved  # windows that began before their first gap (Heerlen's electricity)
