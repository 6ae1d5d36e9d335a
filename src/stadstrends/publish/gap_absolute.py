"""The absolute side of a relative gap verdict: where city - ommeland as printed moved the
other way than the relative gap a gap trend tests (``region_gap_trends.abs_against``,
:mod:`stadstrends.analysis.gaps`), its words are the movement's ``_rel`` form ('de voorsprong
van Dijk en Waard is relatief significant kleiner geworden (het ommeland loopt in), in
absolute zin groter', :func:`~.sentence_words.gap_move`) followed by both differences as
printed (:func:`abs_figures`: ': van +29,6 in 2016 naar +37,9 per 1 000 inwoners in 2023'),
and no verdict. One rule for every unit (a percentage's in procentpunten)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stadstrends.publish.format import auto_decimals, fmt_change
from stadstrends.publish.sentence_numbers import change_unit
from stadstrends.publish.sentence_words import WORDS

#: cites a printed figure: (end 'first' / 'last', value, year, shown) -> shown
Cite = Callable[[str, float, int, str], str]


def abs_figures(g: Mapping[str, Any], unit: str, decimals: int | None, lang: str,
                cite: Cite | None = None, years: tuple[str, str] | None = None) -> str:
    """': van +29,6 in 2016 naar +37,9 per 1 000 inwoners in 2023': a gap trend's (``g``)
    city - ommeland as printed at its first and last year (``printed_first_gap``,
    ``printed_last_gap``) with the indicator's ``unit`` and ``decimals``, where it moved
    against the relative verdict (``abs_against``); else ''. ``cite``: the report's
    citation of each (fields ``gap_abs_first``, ``gap_abs_last``) and its ``years`` as
    printed."""
    if not g.get("abs_against") or g.get("printed_first_gap") is None:
        return ""
    first, last = g["printed_first_gap"], g["printed_last_gap"]
    digits = decimals if decimals is not None else auto_decimals(max(abs(first), abs(last)))
    y0, y1 = int(g["first_year"]), int(g["last_year"])
    shown0, shown = fmt_change(first, digits, lang), fmt_change(last, digits, lang)
    if cite is not None:
        shown0, shown = cite("first", first, y0, shown0), cite("last", last, y1, shown)
    after = change_unit(unit, lang, shown=shown) if unit else ""
    return WORDS[lang]["gap_abs_figures"].format(
        first=shown0, y0=years[0] if years else y0, last=f"{shown} {after}".strip(),
        y1=years[1] if years else y1)
