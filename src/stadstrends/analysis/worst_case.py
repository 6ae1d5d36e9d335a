"""The exact worst case of a Mann-Kendall trend whose years CBS rounds: the smallest S (in the
trend's direction) that any values within the years' spreads give, for the trends that fail
the bound of :data:`stadstrends.analysis.coarse_trends.TESTED_SQL`.

That bound counts every pair of years whose intervals overlap against the trend at once;
values cannot always do that: Heumen's payment arrears per 1 000 (81064ned, counts rounded
to tens, +-0,30) were 4,85 in 2019, 4,25 in 2020 and 4,22 in 2021; 2020 can lie above 2019
or below 2021, not both (it would have to be at least 4,55 and at most 4,53), so the bound's
S of -16 (p 0,061) is -18 at worst (p 0,031): the fall holds whatever the rounding.

A pair whose intervals do not meet keeps its order for any values in them, so the years
linked by pairs that can change order form components independent of each other. Where a
component's pairs can all be against the trend at once (:func:`_feasible`), its part of the
bound is exact; else its values' orders are searched (:func:`_component_min`)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

#: a pair's choices: against the trend (-1), tied (0), with it (+1)
AGAINST, TIE, WITH = -1, 0, 1
#: the decimals differences and interval ends are compared at (as TESTED_SQL's bound)
DECIMALS = 9


def _merged(n: int, links: list[tuple[int, int]]) -> Callable[[int], int]:
    """Union-find of ``n`` years joined by ``links``: a year's root (its group's key)."""
    parent = list(range(n))

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in links:
        parent[root(a)] = root(b)
    return root


def _feasible(lo: Sequence[float], hi: Sequence[float],
              rel: list[tuple[int, int, int]]) -> bool:
    """Whether values x_i in [lo_i, hi_i] exist with every ``(a, b, r)`` of ``rel``: r 0
    x_a = x_b, r 1 x_a < x_b. Ties merge years (their intervals intersect); a strict order
    needs only an infinitesimal room: lower bounds as (value, steps of epsilon), pushed along
    the orders (Bellman-Ford); a cycle or a bound past an upper end is infeasible."""
    root = _merged(len(lo), [(a, b) for a, b, r in rel if r == 0])
    low: dict[int, tuple[float, int]] = {}
    top: dict[int, float] = {}
    for i in range(len(lo)):
        r = root(i)
        low[r] = max(low.get(r, (-math.inf, 0)), (lo[i], 0))
        top[r] = min(top.get(r, math.inf), hi[i])
    if any(low[r][0] > top[r] for r in low):
        return False
    edges = [(root(a), root(b)) for a, b, r in rel if r == 1]
    if any(a == b for a, b in edges):
        return False
    for _ in range(len(low) + 1):
        changed = False
        for a, b in edges:
            pushed = (low[a][0], low[a][1] + 1)
            if pushed > low[b]:
                low[b], changed = pushed, True
        if not changed:
            break
    else:
        return False
    return all(low[r][0] < top[r] or (low[r][0] == top[r] and low[r][1] == 0) for r in low)


def _component_min(nodes: list[int], lo: Sequence[float], hi: Sequence[float],
                   sign: int) -> int:
    """The smallest sum, over the pairs of the years ``nodes`` (indices in time order), of
    each pair's choice (+1 with the trend of ``sign``, 0 tied, -1 against) that values within
    [lo, hi] can give (:func:`_ranked_min`, on the ranks of the interval ends: it only
    compares them, so components whose ends lie in the same order share one search; 490
    searches for the snapshot's 775 components)."""
    ends = sorted({*(lo[i] for i in nodes), *(hi[i] for i in nodes)} - {-math.inf, math.inf})
    rank = {v: r for r, v in enumerate(ends)} | {-math.inf: -math.inf, math.inf: math.inf}
    return _ranked_min(tuple(rank[lo[i]] for i in nodes), tuple(rank[hi[i]] for i in nodes),
                       sign)


@functools.lru_cache(maxsize=4096)
def _ranked_min(lo: tuple[float, ...], hi: tuple[float, ...], sign: int) -> int:
    """:func:`_component_min` of years with ends ``lo``, ``hi`` (ranks, infinities kept; in
    time order). The values' order is built from the lowest up, a group of tied years at a
    time (a group's years above all placed before: their pairs' choices follow from the
    years' order in time; no year left can lie below the group); per set of placed years
    the Pareto front of (sum, lowest value of the last group). A value is a rank and steps
    of epsilon above it, as one integer: rank x (k + 2) + steps (at most k steps: one per
    group), the infinite ends -1 and 2k + 1, below and above every rank (integers instead
    of pairs: the 1 776 searches of the snapshot's trends and gaps 0.70 -> 0.50 s, the same S)."""
    k = len(lo)
    top_rank = 2 * k + 1
    step = k + 2
    lows = [-1 if v == -math.inf else int(v) for v in lo]
    highs = [top_rank if v == math.inf else int(v) for v in hi]
    full = (1 << k) - 1
    g_lo, g_hi = [-1] * (full + 1), [top_rank] * (full + 1)
    for mask in range(1, full + 1):
        a = (mask & -mask).bit_length() - 1
        rest = mask & (mask - 1)
        g_lo[mask] = max(g_lo[rest], lows[a])
        g_hi[mask] = min(g_hi[rest], highs[a])
    before = [(1 << a) - 1 for a in range(k)]  # the years earlier than year a
    after = [full & ~((2 << a) - 1) for a in range(k)]
    # the groups whose years can tie (their intervals share a point), with their years: most
    # groups of several years cannot (the 1 023 coarse trends' searches 1.60 -> 0.92 s, under
    # load; before, every subset of the years left was tried)
    groups = [(g, g_lo[g] * step, g_hi[g] * step, [a for a in range(k) if g >> a & 1])
              for g in range(1, full + 1) if g_lo[g] <= g_hi[g]]
    fronts: dict[int, list[tuple[int, int]]] = {0: [(0, -step)]}
    for placed in _by_count(k):
        front = fronts.pop(placed, None)
        if not front:
            continue
        if placed == full:
            return min(c for c, _ in front)
        rest = full & ~placed
        side = [sign * ((placed & before[a]).bit_count() - (placed & after[a]).bit_count())
                for a in range(k)]  # a year's pairs with the placed ones, were it above them
        for group, low_group, top, years in groups:
            if group & placed:
                continue
            left = g_hi[rest & ~group] * step  # below the top of every year left
            if low_group >= left:
                continue
            add = sum(side[a] for a in years)
            for cost, low in front:
                new = max(low + 1, low_group)
                if new <= top and new < left:
                    _keep(fronts.setdefault(placed | group, []), cost + add, new)
    raise AssertionError("the printed values are a solution")  # pragma: no cover


@functools.cache
def _by_count(k: int) -> list[int]:
    """The subsets of ``k`` years (bit masks) by their number of years."""
    return sorted(range(1 << k), key=int.bit_count)


def _keep(front: list[tuple[int, int]], cost: int, low: int) -> None:
    """Add (``cost``, ``low``) to a Pareto ``front`` unless a member is as good in both."""
    for c, lw in front:
        if c <= cost and lw <= low:
            return
    front[:] = [(c, lw) for c, lw in front if not (cost <= c and low <= lw)]
    front.append((cost, low))


def worst_s(values: Sequence[float], spreads: Sequence[float], sign: int) -> int:
    """Mann-Kendall's S (pairs of years in order, ``values`` by year) at its worst for a trend
    of ``sign`` (+1 rising, -1 falling) over all values within ``spreads`` (half CBS's unit in
    the figure's unit; 0: not rounded; inf: unknown): the signed S whose ``sign`` x S is
    smallest. Exact (see the module); pairs whose intervals only meet can tie."""
    n = len(values)  # ends rounded to 9 decimals: 0,5 - 0,4 is 0,0999... in floats, so two
    # years of shares rounded to 0,1 % (+-0,05) whose intervals touch would seem to overlap
    lo = [round(v - s, DECIMALS) for v, s in zip(values, spreads, strict=True)]
    hi = [round(v + s, DECIMALS) for v, s in zip(values, spreads, strict=True)]
    choices: dict[tuple[int, int], tuple[int, ...]] = {}
    for i in range(n):
        for j in range(i + 1, n):
            d = round(sign * (values[j] - values[i]), DECIMALS)
            w = round(spreads[i] + spreads[j], DECIMALS)
            if d > w or d < -w or w == 0:
                choices[(i, j)] = ((d > 0) - (d < 0),)  # kept whatever the rounding
            elif d == w:
                choices[(i, j)] = (TIE, WITH)
            elif d == -w:
                choices[(i, j)] = (AGAINST, TIE)
            else:
                choices[(i, j)] = (AGAINST, TIE, WITH)
    root = _merged(n, [pair for pair, c in choices.items() if len(c) > 1])
    total = sum(c[0] for (i, j), c in choices.items() if root(i) != root(j))
    for r in {root(i) for i in range(n)}:
        nodes = [i for i in range(n) if root(i) == r]
        pairs = [(i, j, choices[(i, j)]) for i in nodes for j in nodes if i < j]
        against = [_relation(i, j, c[0], sign) for i, j, c in pairs]
        if _feasible(lo, hi, against):  # the bound itself: every pair at its most against
            total += sum(c[0] for _, _, c in pairs)
        else:
            total += _component_min(nodes, lo, hi, sign)
    return sign * total


def _relation(i: int, j: int, choice: int, sign: int) -> tuple[int, int, int]:
    """Pair (i, j), i before j, with ``choice`` for a trend of ``sign`` as an order of x."""
    if choice == TIE:
        return (i, j, 0)
    return (i, j, 1) if choice * sign > 0 else (j, i, 1)


def interval_worst_s(lo: list[float], hi: list[float], values: list[float], sign: int) -> int:
    """:func:`~.worst_case.worst_s` of a series whose years lie in [lo, hi] (by year): as a
    midpoint and half-width each; a year with an infinite end gets its ``values`` and an
    unbounded spread."""
    mids, spreads = [], []
    for a, b, v in zip(lo, hi, values, strict=True):
        finite = math.isfinite(a) and math.isfinite(b)
        mids.append((a + b) / 2 if finite else v)
        spreads.append((b - a) / 2 if finite else math.inf)
    return worst_s(mids, spreads, sign)
