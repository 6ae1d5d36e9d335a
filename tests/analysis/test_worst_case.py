"""The exact worst case of a trend over rounded years (analysis/worst_case.py), against the
bound it refines and against a brute-force search over a fine grid of values."""

from __future__ import annotations

import itertools
import random

import numpy as np

from stadstrends.analysis.mann_kendall import mann_kendall
from stadstrends.analysis.worst_case import worst_s

#: Heumen's payment arrears per 1 000, 2017-2024 (81064ned: counts rounded to tens)
HEUMEN = ([5.4628, 5.4671, 4.8526, 4.2543, 4.2248, 3.4934, 3.5663, 3.5638],
          [0.3035, 0.3037, 0.3033, 0.3039, 0.3018, 0.2911, 0.2972, 0.2970])


def _brute(values: list[float], spreads: list[float], sign: int, steps: int) -> int:
    """The smallest sign x S over every value on a grid of ``steps`` + 1 points across each
    year's interval (a grid fine enough for every order of the years the intervals allow)."""
    grids = [np.linspace(v - s, v + s, steps + 1) if s else np.array([v])
             for v, s in zip(values, spreads, strict=True)]
    mesh = np.stack([m.ravel() for m in np.meshgrid(*grids, indexing="ij")])
    s = sum(np.sign(mesh[j] - mesh[i])
            for i, j in itertools.combinations(range(len(values)), 2))
    return int(sign * (sign * s).min())


def test_heumen_cannot_have_every_overlapping_pair_against_its_fall() -> None:
    """2020 (4,25 +-0,30) cannot lie above 2019 (4,85 +-0,30) and below 2021 (4,22 +-0,30)
    at once: -18, where the bound said -16; the printed S is -22."""
    values, spreads = HEUMEN
    assert mann_kendall(values).s == -22
    assert worst_s(values, spreads, -1) == -18


def test_values_not_rounded_keep_their_s() -> None:
    values = [3.0, 1.0, 2.0, 5.0, 4.0]
    assert worst_s(values, [0.0] * 5, 1) == mann_kendall(values).s


def test_wide_spreads_turn_a_rise_into_a_fall_and_ties_count_nothing() -> None:
    """Ameland's self-employed per 1 000 (+-50 on about 500 rounded to hundreds, a rate
    moved by about 13): every pair can go against; two years whose intervals only meet tie."""
    assert worst_s([138, 137, 135, 134, 133, 132, 131, 130], [13.0] * 8, -1) == 28
    assert worst_s([1.0, 2.0], [0.5, 0.5], 1) == 0
    assert worst_s([1.0, 2.0], [0.5, 0.4], 1) == 1


def test_intervals_that_touch_in_decimals_touch_in_floats() -> None:
    """Shares rounded to 0,1 % (+-0,05): two years 0,1 apart can tie, whatever their
    floats (0,8 - 0,7 is 0,1000...01: was 'cannot tie', -1); three in a row cannot both tie
    (the middle year would be at 0,45 and 0,35): -2."""
    for pair in ([0.5, 0.4], [0.8, 0.7], [0.4, 0.3]):
        assert worst_s(pair, [0.05] * 2, -1) == 0, pair
    assert worst_s([0.5, 0.4, 0.3], [0.05] * 3, -1) == -2


def test_unknown_spreads_can_take_any_place() -> None:
    """The middle year anywhere: below the first or above the last undoes one pair, not
    both; the fixed pair of the ends stays with the rise."""
    assert worst_s([1.0, 2.0, 3.0], [0.0, float("inf"), 0.0], 1) == 1
    assert worst_s([1.0, 2.0, 3.0], [float("inf")] * 3, 1) == -3


def test_it_agrees_with_a_brute_force_search() -> None:
    """Random series of four years (spreads 0, 0,5 or 1) or five (0 or 0,5) on whole
    numbers (intervals that meet, overlap or nest), either direction: the same smallest S
    as trying every value on a grid 1/16 apart."""
    rng = random.Random(3)
    for case in range(40):
        n = 4 + case % 2
        values = [float(rng.randint(0, 4)) for _ in range(n)]
        spreads = [rng.choice([0.0, 0.5, 0.5, 1.0 if n == 4 else 0.5]) for _ in range(n)]
        sign = rng.choice([1, -1])
        steps = int(32 * max(spreads)) or 1
        assert worst_s(values, spreads, sign) == _brute(values, spreads, sign, steps), \
            (values, spreads, sign)
