"""When a change over time may be said as a multiple ('bijna 8 keer zo hoog'): the one rule
(:func:`base_allows_multiple`) of the report's sentences (``sentence_verdicts.change_clause``)
and the city page's tiles (``web/tiles.py``), both through :func:`change_allows_multiple`.
Below three times as high
(:data:`~.sentence_numbers.MULTIPLE_FROM`) a change is a percentage and this rule says
nothing."""

from __future__ import annotations

import math

from stadstrends.publish.sentence_numbers import multiple

#: the least share of the typical level (the Netherlands' figure of the same year) a change's
#: first figure must be for its last to be said as a multiple of it (:func:`base_allows_multiple`)
MULTIPLE_BASE_SHARE = 0.25


def base_allows_multiple(base: float | None, typical: float | None, negative: bool) -> bool:
    """Whether a change from ``base`` may be said as a multiple of it ('bijna 8 keer zo
    hoog'), the one rule of the report's sentences and the city page's tiles. A multiple
    says how often the first figure fits in the last; it says little, and misleads, (1) of a
    quantity that can be below zero (``negative``: ``indicators.signed``, a balance, or the
    catalogue's ``can_be_negative``, wealth: assets minus debts, whose rise from a small
    amount multiplies by any factor) and (2) of a base near zero: below
    :data:`MULTIPLE_BASE_SHARE` of ``typical``, the Netherlands' figure of the base's year
    (Harlingen's new construction per 1 000 dwellings, 1,3 in 2016 where the country's was
    7,2: '7 keer zo hoog' in 2023). Those say the absolute change instead: Enschede's median
    wealth 4,5 -> 35,1 duizend euro (2016-2023) read 'bijna 8 keer zo hoog', now '+30,6
    duizend euro'. A gap with the ommeland compares two places in one year, not a figure
    with an earlier one: its multiple is the relative gap its trend tests
    (:func:`gap_multiple`) and is kept; no quantity that can be below zero has one. Lelystad's
    solar capacity per inhabitant, 170 Wp in 2016 (the country's 126): 'ruim 20 keer zo
    hoog' stays."""
    if negative or base is None or base <= 0:
        return False
    return typical is None or not typical > 0 or base >= MULTIPLE_BASE_SHARE * typical


def change_allows_multiple(f: dict, t: dict) -> bool:
    """Whether the change of ``t`` (a ``trends`` or ``jump_trends`` row of ``f``) may be
    said as a multiple where it is one (:func:`base_allows_multiple`: not of a
    quantity that can be below zero, nor of a first figure below a quarter of the
    Netherlands' that year, ``f['nl_values']``); True where it is no multiple."""
    rel, first = t.get("rel_change"), t.get("first_value")
    if rel is None or not math.isfinite(rel) or multiple(rel) is None:
        return True
    typical = (f.get("nl_values") or {}).get(t.get("first_year"))
    return base_allows_multiple(first, typical, bool(f.get("signed") or f.get("can_be_negative")))


def says_relative(f: dict, t: dict) -> bool:
    """Whether the change of ``t`` is said relatively at all (a percentage, or a multiple
    where :func:`change_allows_multiple`), the one rule of the report's sentences and the
    tiles: never of a quantity that can be below zero (``signed``, ``can_be_negative``),
    whose change is its difference in its own unit. Vaals's median wealth 25,4 -> 84,0
    duizend euro read '+58,6 duizend euro' (3,3 times as high, from under a quarter of the
    country's) while another municipality's wealth read '+36%' and a third's 'ruim 3 keer
    zo hoog': three forms of one indicator before session 53; now each its difference."""
    if f.get("signed") or f.get("can_be_negative"):
        return False
    return change_allows_multiple(f, t)
