"""A chart's y axis that does not blow CBS's rounding up into a trend.

CBS rounds some figures coarsely (jobs to hundreds: ``numerator_rounding``; a published mean
or share to its unit: ``published_rounding``; both read by
:func:`stadstrends.publish.harmonised.cbs_steps`). A series that moves by one such unit,
Vaals's jobs 1 800, 1 900, 1 800, ..., filled a panel's whole height with a zigzag of
rounding steps, while its text says 'niet getoetst: afgerond op honderdtallen'. The rule
(:func:`rounding_domain`): where everything a panel draws spans fewer than
:data:`MIN_STEPS` of the coarsest rounding unit of the city's figures, the y axis spans
:data:`MIN_STEPS` units, centred on the figures (not below zero where they are not), so a
rounding step is at most a tenth of the axis. Other panels keep their own axis.
"""

from __future__ import annotations

from collections.abc import Iterable

#: a panel's y axis spans at least this many of CBS's rounding units of the city's figures
MIN_STEPS = 10


def series_step(steps: dict[int, float], years: Iterable[int]) -> float:
    """The coarsest of CBS's rounding units ``steps`` (year -> unit,
    :func:`~stadstrends.publish.harmonised.cbs_steps`) in the ``years`` a panel draws; 0 for
    none."""
    return max((float(steps[y]) for y in years if steps.get(y)), default=0.0)


def rounding_domain(values: Iterable[float | None], step: float) -> list[float] | None:
    """[low, high] of a y axis of at least :data:`MIN_STEPS` ``step`` around ``values``
    (everything the panel draws) where those span less; None where they span enough, or
    without a step or values."""
    vals = [v for v in values if v is not None and v == v]
    if step <= 0 or not vals:
        return None
    lo, hi = min(vals), max(vals)
    span = MIN_STEPS * step
    if hi - lo >= span:
        return None
    low = (lo + hi - span) / 2
    if lo >= 0 > low:
        low = 0.0  # a figure that is never negative: the axis from zero, not below it
    return [low, low + span]
