"""A panel's y axis does not blow CBS's rounding up into a zigzag, on the real warehouse.

Before (review of 5 Dec): Vaals's jobs, 1 800 and 1 900 (CBS rounds jobs to hundreds), filled
their panel's whole height, one rounding step from bottom to top, while the text said 'niet
getoetst: afgerond op honderdtallen'. Now the axis spans at least ``MIN_STEPS`` rounding
units (publish/chart_rounding.py); Zwolle's population keeps its own axis.
"""

from __future__ import annotations

import pytest

from stadstrends.publish import chart_panels, charts
from stadstrends.publish.chart_rounding import MIN_STEPS, rounding_domain
from stadstrends.publish.report.panels import panel
from tests.publish.loaded import connect, kept_city


@pytest.fixture(scope="module")
def con(warehouse_path):
    c = connect(warehouse_path)
    yield c
    c.close()


def _y_scales(spec: dict) -> list[dict]:
    """The y scales of the first panel's layers."""
    return [layer["encoding"]["y"]["scale"] for layer in spec["concat"][0]["layer"]
            if "y" in layer.get("encoding", {}) and layer["encoding"]["y"].get("scale")]


def test_vaals_jobs_axis_spans_ten_rounding_steps(con) -> None:
    unit = con.execute("SELECT max(unit) FROM numerator_rounding "
                       "WHERE indicator_id = 'jobs_employees'").fetchone()[0]
    assert unit == 100  # CBS rounds jobs to hundreds
    data = kept_city(con, "Vaals")
    p = panel(data, "jobs_employees", "nl")
    figures = [r["value"] for r in p.city]
    assert max(figures) - min(figures) <= unit  # 1 800 and 1 900 only
    assert p.step == unit
    spec = chart_panels.small_multiples([p], data.name, "nl")
    scales = _y_scales(spec)
    assert scales and all("domain" in s for s in scales), scales
    for s in scales:
        low, high = s["domain"]
        assert high - low >= MIN_STEPS * unit, s
        assert low <= min(figures) and max(figures) <= high, s
    assert "<svg" in charts.to_svg(spec)


def test_zwolle_population_keeps_its_axis(con) -> None:
    data = kept_city(con, "Zwolle")
    p = panel(data, "population", "nl")
    scales = _y_scales(chart_panels.small_multiples([p], data.name, "nl"))
    assert scales and all(s == {"zero": False} for s in scales), scales


def test_rounding_domain_rule() -> None:
    assert rounding_domain([1800.0, 1900.0], 100) == [1350.0, 2350.0]
    assert rounding_domain([0.0, 100.0], 100) == [0.0, 1000.0]  # not below zero
    assert rounding_domain([-50.0, 50.0], 100) == [-500.0, 500.0]  # a balance may
    assert rounding_domain([0.0, 1000.0], 100) is None  # ten steps already
    assert rounding_domain([1800.0, 1900.0], 0) is None  # no rounding known
