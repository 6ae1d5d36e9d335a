"""Kies richting's method says why it needs at least ``MIN_QUARTER_N`` (6) municipalities,
and what it says is true of every group size: before session 53 it read 'Bij minder gemeenten
is een kwart minder dan twee gemeenten', also true of 6 and 7 (1,5 and 1,75). With the
quartile cuts (percent rank >= 75 / <= 25 over n - 1) the quarter of 2-4 municipalities is
one, of 5 two (40%), and from 6 on at least two and at most a third of the group."""

from __future__ import annotations

import pytest

from stadstrends.publish.positions import MIN_QUARTER_N
from stadstrends.publish.report.sections import direction
from tests.publish.loaded import kept_city

SAID = {"nl": ("In een kleinere groep bestaat een kwart uit maar één gemeente, of bij vijf "
               "gemeenten uit twee, en dat is al 40% van de groep. Vanaf 6 gemeenten telt een "
               "kwart minstens twee gemeenten en hooguit een derde van de groep."),
        "en": ("In a smaller group a quarter is just one municipality, or two of five, which is "
               "already 40% of the group. From 6 municipalities on, a quarter holds at least two "
               "municipalities and at most a third of the group.")}  # plainer since session 54


def _quarter(n: int) -> int:
    """How many of ``n`` municipalities have a percent rank of 75 or more."""
    return sum(1 for r in range(n) if r * 100 >= 75 * (n - 1))


def test_the_sizes_it_names_are_the_quarters() -> None:
    assert MIN_QUARTER_N == 6
    assert [_quarter(n) for n in (2, 3, 4, 5)] == [1, 1, 1, 2]
    for n in range(MIN_QUARTER_N, 400):
        assert 2 <= _quarter(n) <= n / 3, n
    assert _quarter(5) > 5 / 3  # why 5 is too few: 40%


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_method_says_it(wh, lang) -> None:
    intro = " ".join(direction(kept_city(wh, "GM0150").in_language(lang), lang)["intro"].split())
    assert SAID[lang] in intro, intro
    assert "minder dan twee gemeenten" not in intro and "less than two" not in intro
