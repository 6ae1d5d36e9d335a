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
    lo, hi = int(lo), int(hi)
    if hi <= lo:
        return [lo]
    for step in STEPS:
        ticks = [y for y in range(lo, hi + 1) if y % step == 0]
        if len(ticks) >= 2 and fits(ticks, lo, hi, width, label, gap):
            return ticks
    return [lo, hi] if fits([lo, hi], lo, hi, width, label, gap) else [lo]
