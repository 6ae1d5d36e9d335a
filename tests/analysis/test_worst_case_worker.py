"""The exact worst-case searches in a worker process (analysis/worst_case_worker.py): the same
S as in the build's own process, in the order asked, and searched here where the worker
cannot answer."""

from __future__ import annotations

import random

import pytest

from stadstrends.analysis.worst_case_worker import WorstCases, search, worst_cases

from .test_worst_case import HEUMEN


def _points(n: int, seed: int) -> list[tuple]:
    """Rows as the trends' rounding test sends them: code, id, sign, values, spreads (Heumen's
    payment arrears first, then series drawn around a trend with CBS-like spreads)."""
    rng = random.Random(seed)
    rows = [("GM0252", "payment_arrears_per_1000", -1, *HEUMEN)]
    for k in range(n):
        years = rng.randint(4, 9)
        values = [10 + 0.3 * t + rng.uniform(-1, 1) for t in range(years)]
        rows.append((f"GM{k:04d}", "x", rng.choice([-1, 1]), values,
                     [rng.choice([0.0, 0.5, 1.0]) for _ in range(years)]))
    return rows


def _intervals(rows: list[tuple]) -> list[tuple]:
    """The same series as the gap trends' test sends them: lo, hi and values."""
    return [(c, i, sign, [v - s for v, s in zip(vals, spr, strict=True)],
             [v + s for v, s in zip(vals, spr, strict=True)], vals)
            for c, i, sign, vals, spr in rows]


def test_the_worker_answers_as_the_build_would_in_the_order_asked() -> None:
    points = _points(150, 1)
    intervals = _intervals(_points(60, 2))
    with worst_cases() as searches:
        assert searches._proc is not None  # a process of its own
        first = searches.search("points", points)
        second = searches.search("intervals", intervals)
        assert second() == search("intervals", intervals)  # asked later, taken first
        got = first()
    assert got == search("points", points)
    assert got[0] == -18  # Heumen's fall: S -16 by the bound, -18 at worst


def test_an_error_of_the_search_is_raised_where_its_answer_is_taken() -> None:
    with worst_cases() as searches:
        wrong = searches.search("medians", [("GM0001", "x", 1, [1.0], [0.0])])
        right = searches.search("points", _points(3, 3))
        with pytest.raises(RuntimeError, match="unknown worst-case search 'medians'"):
            wrong()
        assert right() == search("points", _points(3, 3))  # the worker goes on


def test_a_worker_that_died_leaves_its_searches_to_the_build() -> None:
    rows = _points(20, 4)
    with worst_cases() as searches:
        asked = searches.search("points", rows)
        searches._proc.kill()  # with the question asked, answered or not
        searches._proc.wait()
        assert asked() == search("points", rows)
        assert searches.search("points", rows[:5])() == search("points", rows[:5])
    unstarted = WorstCases()  # never started: a thread of the build
    assert unstarted.search("intervals", _intervals(rows))() == search(
        "intervals", _intervals(rows))
