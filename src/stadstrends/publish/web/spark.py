"""The years a city page's tile draws in its sparkline (:func:`spark_window`)."""

from __future__ import annotations

from typing import Any

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
