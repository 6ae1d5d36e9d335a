"""Mann-Kendall trend test: exact null distribution for short series, normal approximation else.

Without ties, S = n(n-1)/2 - 2 * inversions, and the number of permutations of n items with
k inversions is the Mahonian number I(n, k). The exact two-sided p-value is P(|S| >= |s|).
Longer series, or series with ties, use the normal approximation with the tie-corrected
variance and a continuity correction (as in ``pymannkendall.original_test``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import duckdb
import pandas as pd

from stadstrends.duck import store_frame

EXACT_MAX_N = 10
EXACT_TABLE = "mk_exact_null"


def mahonian_numbers(n: int) -> list[int]:
    """Number of permutations of ``n`` items with k inversions, for k = 0 .. n(n-1)/2."""
    counts = [1]
    for m in range(2, n + 1):
        nxt = [0] * (len(counts) + m - 1)
        for k, c in enumerate(counts):
            for j in range(m):  # the m-th item adds 0 .. m-1 inversions
                nxt[k + j] += c
        counts = nxt
    return counts


def exact_distribution(n: int) -> dict[int, Fraction]:
    """Exact null probabilities P(S = s) for a tie-free series of length ``n``."""
    counts = mahonian_numbers(n)
    total = math.factorial(n)
    pairs = n * (n - 1) // 2
    return {pairs - 2 * k: Fraction(c, total) for k, c in enumerate(counts)}


def exact_p_value(s: int, n: int) -> float:
    """Exact two-sided p-value P(|S| >= |s|) under the null of no trend (no ties)."""
    dist = exact_distribution(n)
    return float(sum(p for value, p in dist.items() if abs(value) >= abs(s)))


def exact_null_table(max_n: int = EXACT_MAX_N) -> pd.DataFrame:
    """Lookup table ``(n, s, p_two_sided)`` for n = 2 .. ``max_n``."""
    rows = []
    for n in range(2, max_n + 1):
        dist = exact_distribution(n)
        for s in sorted(dist):
            p = sum(q for value, q in dist.items() if abs(value) >= abs(s))
            rows.append({"n": n, "s": s, "p_two_sided": float(p)})
    return pd.DataFrame(rows).astype({"n": "int32", "s": "int32", "p_two_sided": "float64"})


def register_exact_table(con: duckdb.DuckDBPyConnection, name: str = EXACT_TABLE) -> None:
    """Create (or replace) the exact lookup table in DuckDB."""
    store_frame(con, name, exact_null_table())


def ensure_exact_table(con: duckdb.DuckDBPyConnection, name: str = EXACT_TABLE) -> None:
    """Create the exact lookup table unless the database has it: the steps after the trends
    (city-region gaps, sigma convergence) only read it. Replacing it there could collide with
    the other analysis chain replacing it at the same moment (a DuckDB write-write conflict
    on the catalogue entry: sigma convergence runs beside the gaps when a chain takes it)."""
    have = con.execute("SELECT count(*) FROM information_schema.tables "
                       "WHERE table_name = ?", [name]).fetchall()[0][0]
    if not have:
        register_exact_table(con, name)


def s_variance(n: int, tie_sizes: Iterable[int] = ()) -> float:
    """Variance of S under the null, corrected for groups of tied values."""
    ties = sum(t * (t - 1) * (2 * t + 5) for t in tie_sizes)
    return (n * (n - 1) * (2 * n + 5) - ties) / 18


def z_score(s: int, var_s: float) -> float:
    """Standardised S with continuity correction."""
    if s == 0 or var_s <= 0:
        return 0.0
    return (s - math.copysign(1, s)) / math.sqrt(var_s)


def normal_p_value(s: int, n: int, tie_sizes: Iterable[int] = ()) -> float:
    """Two-sided p-value from the normal approximation: erfc(|z| / sqrt 2)."""
    return math.erfc(abs(z_score(s, s_variance(n, tie_sizes))) / math.sqrt(2))


@dataclass(frozen=True)
class MKResult:
    s: int
    var_s: float
    p: float
    exact: bool
    tau: float | None


def mann_kendall(values: Sequence[float]) -> MKResult:
    """Reference (pure Python) Mann-Kendall test of a series in time order."""
    n = len(values)
    s = sum(
        (values[j] > values[i]) - (values[j] < values[i])
        for i in range(n) for j in range(i + 1, n)
    )
    ties = [t for t in Counter(values).values() if t > 1]
    exact = n <= EXACT_MAX_N and not ties
    p = exact_p_value(s, n) if exact else normal_p_value(s, n, ties)
    pairs = n * (n - 1) / 2
    tied_pairs = sum(t * (t - 1) / 2 for t in ties)
    denom = math.sqrt(pairs * (pairs - tied_pairs))
    return MKResult(s, s_variance(n, ties), p, exact, s / denom if denom else None)


def normal_p_sql(z: str) -> str:
    """SQL for erfc(|z| / sqrt 2), the two-sided normal p-value (Numerical Recipes ``erfcc``,
    relative error < 1.2e-7, capped at 1); DuckDB has no erf."""
    x = f"(abs({z}) / sqrt(2))"
    t = f"(1.0 / (1.0 + 0.5 * {x}))"
    coef = [1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807,
            -1.13520398, 1.48851587, -0.82215223, 0.17087277]
    poly = f"{coef[-1]}"
    for c in reversed(coef[:-1]):
        poly = f"({c} + {t} * {poly})"
    return f"least(1.0, {t} * exp(-{x} * {x} - 1.26551223 + {t} * {poly}))"
