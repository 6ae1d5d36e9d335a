"""Exact and approximate Mann-Kendall p-values against textbook values, brute force,
scipy and pymannkendall."""

from __future__ import annotations

import itertools
import math

import duckdb
import numpy as np
import pymannkendall
import pytest
from scipy import stats

from stadstrends.analysis.mann_kendall import (
    EXACT_TABLE,
    exact_null_table,
    exact_p_value,
    mahonian_numbers,
    mann_kendall,
    normal_p_sql,
    normal_p_value,
    register_exact_table,
)


def s_stat(x) -> int:
    return sum(int(np.sign(x[j] - x[i])) for i in range(len(x)) for j in range(i + 1, len(x)))


def test_mahonian_numbers():
    assert mahonian_numbers(1) == [1]
    assert mahonian_numbers(3) == [1, 2, 2, 1]
    assert mahonian_numbers(4) == [1, 3, 5, 6, 5, 3, 1]
    for n in range(1, 11):
        counts = mahonian_numbers(n)
        assert sum(counts) == math.factorial(n)
        assert counts == counts[::-1]
        assert len(counts) == n * (n - 1) // 2 + 1


def test_textbook_exact_p_values():
    assert exact_p_value(6, 4) == pytest.approx(2 / 24)
    assert exact_p_value(-6, 4) == pytest.approx(2 / 24)
    assert exact_p_value(10, 5) == pytest.approx(2 / 120)
    assert exact_p_value(8, 5) == pytest.approx(10 / 120)  # S=10: 1 way, S=8: 4 ways
    assert exact_p_value(0, 6) == 1.0
    assert exact_p_value(1, 2) == 1.0


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7])
def test_exact_matches_brute_force(n):
    s_values = [s_stat(p) for p in itertools.permutations(range(n))]
    for s in set(s_values):
        expected = sum(abs(v) >= abs(s) for v in s_values) / len(s_values)
        assert exact_p_value(s, n) == pytest.approx(expected, abs=1e-12)


def test_exact_matches_scipy_kendalltau_exact():
    rng = np.random.default_rng(1)
    for n in range(4, 11):
        for _ in range(5):
            x = rng.permutation(n) + rng.random(n) / 10
            res = stats.kendalltau(np.arange(n), x, method="exact")
            assert exact_p_value(s_stat(x), n) == pytest.approx(res.pvalue, rel=1e-9)


def test_normal_matches_pymannkendall():
    rng = np.random.default_rng(2)
    series = [rng.normal(size=n).round(r) for n in range(4, 25) for r in (0, 1, 6)]
    for x in series:
        ref = pymannkendall.original_test(x)
        ties = [c for c in np.unique(x, return_counts=True)[1] if c > 1]
        assert normal_p_value(s_stat(x), len(x), ties) == pytest.approx(ref.p, abs=1e-12)


def test_reference_mann_kendall():
    res = mann_kendall([1.0, 2.0, 3.0, 4.0])
    assert (res.s, res.exact, res.tau) == (6, True, 1.0)
    assert res.p == pytest.approx(2 / 24)
    tied = mann_kendall([1.0, 1.0, 2.0, 3.0, 3.0])
    assert not tied.exact
    assert tied.tau == pytest.approx(stats.kendalltau(range(5), [1, 1, 2, 3, 3]).statistic)
    assert tied.var_s == pytest.approx(pymannkendall.original_test([1, 1, 2, 3, 3]).var_s)


def test_lookup_table_registered():
    table = exact_null_table()
    assert set(table["n"]) == set(range(2, 11))
    assert len(table) == sum(n * (n - 1) // 2 + 1 for n in range(2, 11))
    con = duckdb.connect()
    register_exact_table(con)
    p = con.execute(f"SELECT p_two_sided FROM {EXACT_TABLE} WHERE n = 4 AND s = 6").fetchall()
    assert p[0][0] == pytest.approx(2 / 24)
    by_n = con.execute(f"SELECT n, max(p_two_sided), min(s) FROM {EXACT_TABLE} GROUP BY n"
                       ).fetchall()
    assert all(pmax == 1.0 and smin == -n * (n - 1) // 2 for n, pmax, smin in by_n)


def test_normal_p_sql_accuracy():
    z = np.concatenate([np.linspace(-8, 8, 321), [0.0, 1.959964, 3.5]])
    con = duckdb.connect()
    con.execute("CREATE TABLE zs AS SELECT unnest(?) AS z", [z.tolist()])
    got = con.execute(f"SELECT z, {normal_p_sql('z')} FROM zs").fetchall()
    for zi, p in got:
        expected = math.erfc(abs(zi) / math.sqrt(2))
        assert p == pytest.approx(expected, rel=2e-7)
        assert 0 < p <= 1
