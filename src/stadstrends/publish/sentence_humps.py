"""Sentences about humps in a series (``series_humps``, :mod:`stadstrends.analysis.humps`):
one to three years at another level, then back at the old one, where CBS declares no
series break. What the figures show, no cause: they do not give one.

'Banen van werknemers: in 2017–2018 tijdelijk gemiddeld 18% hoger dan in 2016 (51.900
banen) en 2019 (51.000 banen), daarna weer op het oude niveau; ...' (Deventer, 83582NED).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.format import fmt_list
from stadstrends.publish.sentence_words import marks_joined

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer


def hump_move(w: Writer, s: Sentence, f: dict, h: dict) -> str:
    """One hump in words: 'in 2017–2018 tijdelijk gemiddeld 18% hoger dan in 2016 (51.900
    banen) en 2019 (51.000 banen), daarna weer op het oude niveau'; the percentage is the
    row's ``ratio`` - 1 (the hump years' mean against their neighbours'), cited as
    ``hump_pct`` of its ``last_year``."""
    ind = f["indicator_id"]
    y0, y1 = w._year(s, h["first_year"]), w._year(s, h["last_year"])
    years = y0 if y0 == y1 else f"{y0}–{y1}"
    pct = abs(h["ratio"] - 1)
    shown = w.cite(s, ind, h["last_year"], "hump_pct", pct, f"{round(pct * 100):d}",
                   scale=100)
    return w.t("hump_up" if h["ratio"] > 1 else "hump_down", years=years, pct=shown,
               b0=w._year(s, h["before_year"]), a0=w._year(s, h["after_year"]),
               before=_bracketed(w, s, f, h["before_year"], h["before_value"]),
               after=_bracketed(w, s, f, h["after_year"], h["after_value"]))


def _bracketed(w: Writer, s: Sentence, f: dict, year: int, value: float) -> str:
    """A neighbour's figure as the bracket after its year holds it, its marks after a comma:
    '5,2, voorlopig', not '(5,2 (voorlopig))' (Vlieland's social assistance, 2009)."""
    marks: list[str] = []
    shown = w._val(s, f, year, "value", value, after=marks)
    return marks_joined([shown, *marks], w.lang)


def hump_sentence(w: Writer, f: dict, humps: list[dict]) -> Sentence:
    """The humps of one indicator, told, with whether the trend's tested years take them in
    ('De trend over 2016–2023 rekent die jaren mee.'): a reader must not read them as growth
    and collapse, nor think the verdict leaves them out."""
    from stadstrends.publish.sentences import Sentence, trend_span

    s = Sentence("", indicator_id=f["indicator_id"])
    moves = [hump_move(w, s, f, h) for h in humps]
    told = fmt_list(moves, w.lang)
    s.text = w.t("hump", title=f["title"], moves=told)
    t = f.get("trend")
    if t and t.get("classification") and any(h["in_tested_years"] for h in humps):
        span = "–".join(w._year(s, y) for y in trend_span(t))
        s.text += " " + w.t("hump_tested", span=span)
    return s
