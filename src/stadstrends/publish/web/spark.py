"""A city page's tile's sparkline: the years it draws (:func:`spark_window`), its SVG
(:func:`sparkline`), and CBS's rounding units its y axis, and the web's line charts', span
at least ten of (:func:`rounding_steps`, :mod:`stadstrends.publish.chart_rounding`)."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.chart_rounding import rounding_domain
from stadstrends.publish.harmonised import cbs_units
from stadstrends.publish.web.state import WebWarehouse

SPARK_YEARS = 12  # years shown when no trend was tested


def spark_window(row: dict[str, Any]) -> tuple[int, int]:
    """The calendar years a tile's sparkline shows: the tested trend's window (the years
    its sentence names), else the comparable years of the last :data:`SPARK_YEARS`, as the
    trend would use them: from the latest declared series break (``break_years``, the first
    year of a new definition) or the segment the trend was cut to (``untested``'s
    ``segment_start``), from the first of them with a figure. Enschede's households (break
    2024) drew 2013-2024 across the break, now 2024 alone; its age shares from the
    neighbourhood tables (figures for 2019 and 2024 only) were labelled '2013 ... 2024'."""
    if row.get("first_year") and row.get("last_year"):
        return int(row["first_year"]), int(row["last_year"])
    years = [int(y) for y in row["years"]]
    last = years[-1]
    starts = [last - SPARK_YEARS + 1] + [int(b) for b in row.get("break_years") or ()
                                         if int(b) <= last]
    if (row.get("untested") or {}).get("segment_start"):
        starts.append(int(row["untested"]["segment_start"]))
    start = max(starts)
    return min((y for y in years if y >= start), default=last), last


def rounding_steps(wh: WebWarehouse) -> dict[str, dict[int, float]]:
    """indicator_id -> year -> CBS's rounding unit of the figures (jobs: 100), as the
    report's panels take it (:func:`~stadstrends.publish.harmonised.cbs_units`); kept. A
    sparkline's or line chart's y axis spans at least
    :data:`~stadstrends.publish.chart_rounding.MIN_STEPS` of it (Vaals's jobs, 1 800 and
    1 900, drew a zigzag over the sparkline's whole height)."""
    def make() -> dict[str, dict[int, float]]:
        with wh.cursor() as cur:
            return cbs_units(cur)

    return wh.memo(("rounding_steps",), make, size=1)


def sparkline(years: list[int], values: list[float | None], width: int = 110,
              height: int = 28, breaks: list[int] | tuple[int, ...] = (),
              step: float = 0.0) -> dict[str, Any]:
    """A small server-side sparkline: x by calendar year (a missing year breaks the line,
    and so does a series break in ``breaks``, the first years of a new definition, as in
    the report's panels: :func:`stadstrends.publish.chart_panels.joined`), y from the lowest
    to the highest value but never narrower than a fifth of the largest absolute value (so
    that a change of 0,6 on 17 does not look like a crash) nor than ten of CBS's rounding
    unit ``step``, as the report's panels
    (:func:`~stadstrends.publish.chart_rounding.rounding_domain`: Vaals's jobs, 1 800 and
    1 900); a single year's dot at the right end, where the city page prints that year.
    Returns polyline ``segments`` and ``dots`` (lone points) in SVG coordinates."""
    from stadstrends.publish.chart_panels import joined

    pts = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
    if not pts:
        return {"segments": [], "dots": []}
    y0, y1 = years[0], years[-1]
    lo, hi = min(v for _, v in pts), max(v for _, v in pts)
    span = max(hi - lo, 0.2 * max(abs(lo), abs(hi)), 1e-9)
    mid = (lo + hi) / 2
    lo = mid - span / 2
    fixed = rounding_domain([v for _, v in pts], step)
    if fixed and fixed[1] - fixed[0] > span:
        lo, span = fixed[0], fixed[1] - fixed[0]

    def xy(y: int, v: float) -> str:  # one year alone: at the right, under its label
        x = 2 + ((y - y0) / (y1 - y0) if y1 > y0 else 1) * (width - 4)
        return f"{x:.1f},{height - 3 - (v - lo) / span * (height - 6):.1f}"

    segments: list[list[str]] = []
    prev = None
    for y, v in pts:
        if prev is None or not joined(prev, y, list(breaks)):
            segments.append([])
        segments[-1].append(xy(y, v))
        prev = y
    return {"segments": [" ".join(s) for s in segments if len(s) > 1],
            "dots": [s[0].split(",") for s in segments if len(s) == 1]}
