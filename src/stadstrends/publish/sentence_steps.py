"""Sentences about lasting steps in a tested series (``series_steps``,
:mod:`stadstrends.analysis.steps`): one year's change that the series keeps, where CBS
declares no series break. What the figures show, no cause: they do not give one.

'Banen van werknemers: van 2016 op 2017 in één jaar 25% lager (van 25.200 naar 18.900) en
daarna tot en met 2023 binnen 8% van dat niveau; in de andere jaren van 2016–2023
veranderde het cijfer gemiddeld 3% per jaar. ...' (Zutphen, 83582NED).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from stadstrends.publish.format import fmt_list
from stadstrends.publish.sentence_humps import _bracketed

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer


def step_after_pct(step: dict) -> float:
    """How far the tested years after the step stray from the step year's figure at most,
    as a fraction of it (``after_max`` / value - 1 or 1 - ``after_min`` / value): the
    'binnen 8%' of its sentence."""
    return max(step["after_max"] / step["value"] - 1, 1 - step["after_min"] / step["value"])


def _pct(w: Writer, s: Sentence, ind: str, year: int, fld: str, value: float) -> str:
    """A percentage as printed and cited: whole, or one decimal below 1% ('0,4')."""
    digits = 1 if round(value * 100) < 1 else 0
    shown = w.cite(s, ind, year, fld, value, f"{value * 100:.{digits}f}".replace(
        ".", "," if w.lang == "nl" else "."), scale=100)
    return shown


def step_move(w: Writer, s: Sentence, f: dict, step: dict) -> str:
    """One step in words: 'van 2016 op 2017 in één jaar 25% lager (van 25.200 naar 18.900) en
    daarna tot en met 2023 binnen 8% van dat niveau; in de andere jaren van 2016–2023
    veranderde het cijfer gemiddeld 3% per jaar'; the percentages cite ``step_pct`` (ratio - 1),
    ``step_after_pct`` (:func:`step_after_pct`) and ``step_own_pct`` (exp(own_change) - 1,
    the mean absolute log change of the other tested years) of the step's ``year``."""
    ind, year = f["indicator_id"], step["year"]
    return w.t("lasting_step_up" if step["ratio"] > 1 else "lasting_step_down",
               b0=w._year(s, step["before_year"]), y=w._year(s, year),
               pct=_pct(w, s, ind, year, "step_pct", abs(step["ratio"] - 1)),
               before=_bracketed(w, s, f, step["before_year"], step["before_value"]),
               after=_bracketed(w, s, f, year, step["value"]),
               last=w._year(s, step["last_year"]),
               within=_pct(w, s, ind, year, "step_after_pct", step_after_pct(step)),
               span=f"{w._year(s, step['first_year'])}–{w._year(s, step['last_year'])}",
               own=_pct(w, s, ind, year, "step_own_pct", math.expm1(step["own_change"])))


def step_sentence(w: Writer, f: dict, steps: list[dict]) -> Sentence:
    """The steps of one indicator, told, that no series break is known and that the trend
    over its tested years takes them in (a reader must not read a one-year change as a
    trend, nor think the verdict leaves it out), and how many other municipalities made
    such a step in the same year (Wmo clients 2019: a national cause is likely)."""
    from stadstrends.publish.sentences import Sentence

    s = Sentence("", indicator_id=f["indicator_id"])
    moves = [step_move(w, s, f, st) for st in steps]
    told = fmt_list(moves, w.lang)
    span = f"{w._year(s, steps[0]['first_year'])}–{w._year(s, steps[0]['last_year'])}"
    s.text = w.t("lasting_step" if len(steps) == 1 else "lasting_steps", title=f["title"],
                 moves=told, span=span)
    for st in steps:
        others = st["same_year_steps"] - 1
        if others:
            key = "lasting_step_others_" + ("up" if st["ratio"] > 1 else "down")
            s.text += " " + w.t(key + ("_one" if others == 1 else ""),
                                y=w._year(s, st["year"]), n=str(others))
    return s
