"""The website's sparklines and line charts do not blow CBS's rounding up into a trend, as
the report's panels (publish/chart_rounding.py), on the real snapshot.

Before: Vaals's jobs, 1 800 and 1 900 (CBS rounds jobs to hundreds), filled its tile's
sparkline with a zigzag over 380 jobs of axis (a rounding step a quarter of its height) and
the embedded chart of Vaals's jobs over its whole height, while the report's panel spans
1 000 jobs. Now both span at least ``MIN_STEPS`` rounding units; a series with a large real
change keeps its own axis.
"""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from stadstrends.publish.chart_rounding import MIN_STEPS
from stadstrends.publish.web.spark import sparkline

HTML = {"accept": "text/html"}
HEIGHT = 28  # the sparkline's height; its points lie between 3 and HEIGHT - 3 at full span


def _unit(warehouse_path, ind: str) -> float:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return con.execute("SELECT max(unit) FROM numerator_rounding WHERE indicator_id = ?",
                           [ind]).fetchone()[0]


def _tile(client, code: str, ind: str) -> dict:
    page = client.get(f"/gemeente/{code}?format=json").json()
    return next(x for d in page["domains"] for x in d["tiles"] if x["indicator_id"] == ind)


def _axis_span(x: dict) -> float:
    """The figures a tile's sparkline's height stands for, from its drawn points."""
    ys = [float(p.split(",")[1]) for s in x["spark"]["segments"] for p in s.split()]
    ys += [float(d[1]) for d in x["spark"]["dots"]]
    vals = [v for v in x["spark_values"] if v is not None]
    assert max(ys) > min(ys) and max(vals) > min(vals)
    return (max(vals) - min(vals)) / (max(ys) - min(ys)) * (HEIGHT - 6)


def _spec(text: str) -> dict:
    found = re.search(r'<script type="application/json" id="lines-spec">(.*?)</script>', text,
                      re.S)
    assert found, "no line chart"
    return json.loads(found.group(1))


def test_vaals_jobs_sparkline_spans_ten_rounding_steps(client, warehouse_path) -> None:
    unit = _unit(warehouse_path, "jobs_employees")
    assert unit == 100  # CBS rounds jobs to hundreds
    x = _tile(client, "GM0981", "jobs_employees")
    vals = [v for v in x["spark_values"] if v is not None]
    assert max(vals) - min(vals) == unit  # 1 800 and 1 900 only
    assert _axis_span(x) >= MIN_STEPS * unit - 1e-6, x["spark"]
    ys = [float(p.split(",")[1]) for s in x["spark"]["segments"] for p in s.split()]
    assert min(ys) >= 0 and max(ys) <= HEIGHT  # inside the drawing
    html = client.get("/gemeente/GM0981", headers=HTML).text  # the page draws those points
    assert f'<polyline points="{x["spark"]["segments"][0]}"' in html


def test_vaals_jobs_line_chart_spans_ten_rounding_steps(client, warehouse_path) -> None:
    """The chart of Vaals's jobs alone (the embedded chart: no COROP region, province and
    country beside it) spans 1 000 jobs or more, as its report panel."""
    unit = _unit(warehouse_path, "jobs_employees")
    spec = _spec(client.get("/embed/indicator/jobs_employees?regions=GM0981",
                            headers=HTML).text)
    vals = [r["value"] for r in spec["data"]["values"]]
    assert max(vals) - min(vals) == unit
    low, high = spec["encoding"]["y"]["scale"]["domain"]
    assert high - low >= MIN_STEPS * unit and low <= min(vals) and max(vals) <= high


@pytest.mark.parametrize("page", ["/indicator/jobs_employees?regions=GM0193",
                                  "/vergelijk?regions=GM0193,GM0981&indicator=jobs_employees"])
def test_a_large_change_keeps_its_axis(client, warehouse_path, page) -> None:
    """Zwolle's jobs (tens of thousands, a rise of thousands) and Vaals's beside them: the
    chart's axis is the data's own, no domain set."""
    spec = _spec(client.get(page, headers=HTML).text)
    vals = [r["value"] for r in spec["data"]["values"]]
    assert max(vals) - min(vals) >= MIN_STEPS * _unit(warehouse_path, "jobs_employees")
    assert spec["encoding"]["y"]["scale"] == {"zero": False}


def test_a_large_change_keeps_its_sparkline(client, warehouse_path) -> None:
    """Zwolle's jobs rose by far more than ten hundreds: its sparkline is drawn as without
    the rule (its figures' own axis, a fifth of the largest figure at least)."""
    x = _tile(client, "GM0193", "jobs_employees")
    vals = [v for v in x["spark_values"] if v is not None]
    assert max(vals) - min(vals) >= MIN_STEPS * _unit(warehouse_path, "jobs_employees")
    assert x["spark"] == sparkline(x["spark_years"], x["spark_values"]), x["spark"]


def test_sparkline_rule() -> None:
    flat = sparkline([2021, 2022], [1800.0, 1900.0], step=100)  # ten steps: 1 350-2 350
    assert flat["segments"] == ["2.0,15.1 108.0,12.9"]
    own = sparkline([2021, 2022], [1800.0, 1900.0])  # no rounding known: a fifth of 1 900
    assert own["segments"] == ["2.0,16.9 108.0,11.1"]
    assert sparkline([2021, 2022], [1000.0, 3000.0], step=100) == sparkline(
        [2021, 2022], [1000.0, 3000.0])  # twenty steps: its own axis
