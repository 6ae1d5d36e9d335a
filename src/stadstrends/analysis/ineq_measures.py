"""Reference implementations of the inequality and segregation measures (numpy).

The warehouse computes the same measures set-based in DuckDB (``inequality.py``); these
functions are the textbook definitions the SQL is tested against, and serve ad-hoc use.
All are population measures (no small-sample correction): the Gini of ``[0, 0, 0, 1]`` is
``(n - 1) / n = 0.75``.
"""

from __future__ import annotations

import numpy as np
import pymannkendall as mk
from numpy.typing import ArrayLike
from scipy import stats


def _weights(x: np.ndarray, w: ArrayLike | None) -> np.ndarray:
    weights = np.ones_like(x) if w is None else np.asarray(w, dtype=float)
    if weights.shape != x.shape or (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("weights must be non-negative, match x and not all be zero")
    return weights


def gini(x: ArrayLike, w: ArrayLike | None = None) -> float:
    """Weighted Gini: sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu); x must be >= 0, mean > 0."""
    x = np.asarray(x, dtype=float)
    w = _weights(x, w)
    if (x < 0).any():
        raise ValueError("the Gini index needs non-negative values")
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    total, cum = w.sum(), np.cumsum(w)
    mass = (w * x).sum()
    if mass <= 0:
        raise ValueError("the Gini index needs a positive mean")
    # sum_ij w_i w_j |x_i - x_j| = 2 sum_i w_i x_i (2 C_i - w_i - W), C_i cumulative weight
    return float((w * x * (2 * cum - w - total)).sum() / (total * mass))


def theil(x: ArrayLike, w: ArrayLike | None = None) -> float:
    """Weighted Theil T: (1/W) sum_i w_i (x_i/mu) ln(x_i/mu), with 0 ln 0 = 0."""
    x = np.asarray(x, dtype=float)
    w = _weights(x, w)
    if (x < 0).any():
        raise ValueError("the Theil index needs non-negative values")
    mu = (w * x).sum() / w.sum()
    if mu <= 0:
        raise ValueError("the Theil index needs a positive mean")
    r = x / mu
    terms = np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0)
    return float((w * terms).sum() / w.sum())


def dissimilarity(a: ArrayLike, b: ArrayLike) -> float:
    """Duncan's index D = 0.5 sum_i |a_i/A - b_i/B| for group counts a and b per unit."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or (a < 0).any() or (b < 0).any() or a.sum() <= 0 or b.sum() <= 0:
        raise ValueError("dissimilarity needs two non-negative, non-empty count vectors")
    return float(0.5 * np.abs(a / a.sum() - b / b.sum()).sum())


def weighted_sd(x: ArrayLike, w: ArrayLike | None = None) -> float:
    """Population-weighted standard deviation (divisor W)."""
    x = np.asarray(x, dtype=float)
    w = _weights(x, w)
    mu = (w * x).sum() / w.sum()
    return float(np.sqrt((w * (x - mu) ** 2).sum() / w.sum()))


def between_share(x: ArrayLike, sd_within: ArrayLike, w: ArrayLike | None = None) -> float:
    """Between-unit share of the total variance: var_between / (var_between + mean var_within).

    ``x`` are unit means and ``sd_within`` the standard deviation inside each unit (law of
    total variance)."""
    x = np.asarray(x, dtype=float)
    w = _weights(x, w)
    between = weighted_sd(x, w) ** 2
    within = (w * np.asarray(sd_within, dtype=float) ** 2).sum() / w.sum()
    return float(between / (between + within))


def trend(years: ArrayLike, values: ArrayLike, alpha: float = 0.05) -> dict[str, float | str]:
    """Theil-Sen slope (with 95% interval) and Mann-Kendall test of a short yearly series."""
    years = np.asarray(years, dtype=float)
    values = np.asarray(values, dtype=float)
    slope, intercept, low, high = stats.theilslopes(values, years, alpha=0.95)
    test = mk.original_test(values, alpha=alpha)
    return {"slope": float(slope), "slope_low": float(low), "slope_high": float(high),
            "mk_tau": float(test.Tau), "mk_s": float(test.s), "mk_p": float(test.p),
            "trend": test.trend}
