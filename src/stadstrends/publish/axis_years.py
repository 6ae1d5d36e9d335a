"""The years a chart's x axis labels: whole years, every label apart from its neighbours.

Vega picks "nice" ticks by itself (``tickCount``): on a short domain that gives half years
(2021.5, printed '2022' twice with the format ``d``), and on a narrow panel labels two years
apart that touch, worst at the ends, where Vega aligns a label flush with the axis end
instead of centring it ('20122014' on Vlieland's population growth, 2012-2023). So the
small multiples get their tick years from :func:`year_ticks`: the multiples of the
smallest step (1, 2, 5, 10, ... years) whose labels, laid out as Vega does, keep
:data:`LABEL_GAP` pixels apart.
"""

from __future__ import annotations

from functools import lru_cache

#: the width of a year label at the axes' 10 px: '2020' is 22.2 px in Liberation Sans (the
#: charts' font) and 25.4 px in DejaVu Sans (what a machine without it draws with)
YEAR_LABEL = 26.0
#: the least room between two year labels (px)
LABEL_GAP = 8.0
STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def label_spans(ticks: list[int], lo: int, hi: int, width: float,
                label: float = YEAR_LABEL) -> list[tuple[float, float]]:
    """(left, right) of each tick's label in pixels from the axis start, as Vega draws them
    on a linear scale from ``lo`` to ``hi`` over ``width`` px: centred on the tick, but
    flush with the axis at either end (``labelFlush``, Vega-Lite's default for x)."""
    spans = []
    for year in ticks:
        x = width / 2 if hi == lo else (year - lo) / (hi - lo) * width
        if x <= 1:
            spans.append((x, x + label))
        elif x >= width - 1:
            spans.append((x - label, x))
        else:
            spans.append((x - label / 2, x + label / 2))
    return spans


def fits(ticks: list[int], lo: int, hi: int, width: float, label: float = YEAR_LABEL,
         gap: float = LABEL_GAP) -> bool:
    """Whether the labels of ``ticks`` keep ``gap`` px apart (:func:`label_spans`)."""
    spans = label_spans(ticks, lo, hi, width, label)
    return all(b[0] - a[1] >= gap for a, b in zip(spans, spans[1:], strict=False))


def year_ticks(lo: int, hi: int, width: float, label: float = YEAR_LABEL,
               gap: float = LABEL_GAP) -> list[int]:
    """The years to label on an axis from ``lo`` to ``hi`` (whole years) ``width`` px wide:
    the multiples of the smallest step of :data:`STEPS` that give at least two labels that
    :func:`fit <fits>`; else the first and last year if they fit, else the first alone.
    ``(2012, 2023, 188)`` -> ``[2015, 2020]``; ``(2019, 2024, 188)`` -> ``[2020, 2022,
    2024]``; ``(2021, 2023, 188)`` -> ``[2021, 2022, 2023]``; ``(2023, 2023, 188)`` ->
    ``[2023]``."""
    return list(_year_ticks(int(lo), int(hi), width, label, gap))


@lru_cache(maxsize=4096)
def _year_ticks(lo: int, hi: int, width: float, label: float, gap: float) -> tuple[int, ...]:
    """:func:`year_ticks`, once per axis (a report asks ~240 times, mostly the same few)."""
    if hi <= lo:
        return (lo,)
    for step in STEPS:
        ticks = [y for y in range(lo, hi + 1) if y % step == 0]
        if len(ticks) >= 2 and fits(ticks, lo, hi, width, label, gap):
            return tuple(ticks)
    return (lo, hi) if fits([lo, hi], lo, hi, width, label, gap) else (lo,)


#: a run of at least this many years without any figure in a panel is drawn narrower
GAP_YEARS = 4
#: ... as wide as this many years, with a mark on the axis (chart_panels)
GAP_DRAWN = 1.5


def squeezed(years: list[int], width: float
             ) -> tuple[list[int], list[float], list[tuple[int, int]], list[int]]:
    """A panel's x axis over ``years`` (the years with a figure), ``width`` px wide, with each
    run of at least :data:`GAP_YEARS` missing years drawn :data:`GAP_DRAWN` years wide: the
    scale's domain (years) and range (px), piecewise linear; the runs left out as (last year
    before, first year after); the years to label (:func:`year_ticks`
    per part of the axis with figures, then from the left a label too close to the one
    before it left out, the last year kept: the latest figure). Before, Zwolle's social
    assistance (1999-2008 and 2024) spent 15 of its 25 years' width on nothing:
    ``[1999..2008, 2024], 188`` -> ``[1999, 2008, 2024], [0, 161.1, 188], [(2008, 2024)],
    [2000, 2005, 2024]``; no such run: ``[lo, hi], [0, width], [], year_ticks``."""
    ys = sorted(set(years))
    lo, hi = ys[0], ys[-1]
    gaps = [(a, b) for a, b in zip(ys, ys[1:], strict=False) if b - a - 1 >= GAP_YEARS]
    if not gaps:
        return [lo, hi], [0.0, float(width)], [], year_ticks(lo, hi, width)
    per_year = width / ((hi - lo) - sum(b - a for a, b in gaps) + GAP_DRAWN * len(gaps))
    parts, marks, x = [], [], 0.0  # parts: (first year, last year, first px, last px)
    for start, (a, b) in zip([lo] + [b for _, b in gaps], [*gaps, (hi, None)], strict=True):
        parts.append((start, a, x, x + (a - start) * per_year))
        x = parts[-1][3] + GAP_DRAWN * per_year
        if b is not None:
            marks.append((a, b))
    domain = [y for y0, y1, _, _ in parts for y in dict.fromkeys((y0, y1))]
    px = [round(v, 1) for y0, y1, x0, x1 in parts for v in ((x0,) if y0 == y1 else (x0, x1))]
    px[-1] = float(width)
    kept: list[tuple[int, float]] = []
    for y0, y1, x0, x1 in parts:
        ticks = year_ticks(y0, y1, max(x1 - x0, 1.0))
        for year in ticks + [hi] * (y1 == hi and hi not in ticks):
            at = x0 if y1 == y0 else x0 + (year - y0) / (y1 - y0) * (x1 - x0)
            while kept and year == hi and _apart(kept[-1][1], at, width) < LABEL_GAP:
                kept.pop()  # the latest year's label before an earlier one's
            if not kept or _apart(kept[-1][1], at, width) >= LABEL_GAP:
                kept.append((year, at))
    return domain, px, marks, [y for y, _ in kept]


def _apart(a: float, b: float, width: float) -> float:
    """Pixels between the year labels at ``a`` and ``b`` px (a <= b), laid out as
    :func:`label_spans` lays them out (flush at the axis's ends)."""
    def span(x: float) -> tuple[float, float]:
        return ((x, x + YEAR_LABEL) if x <= 1 else (x - YEAR_LABEL, x) if x >= width - 1
                else (x - YEAR_LABEL / 2, x + YEAR_LABEL / 2))
    return span(b)[0] - span(a)[1]
