"""The report's city-ommeland gap sentence (a gap's kind of
:meth:`~stadstrends.publish.sentences.Writer.indicator`): the relative gap at both ends of
its trend's window and how it moves. A city ten times its ommeland's figure or more reads
as a multiple in words, true to its tenth ('ruim 29 keer zo hoog als in het ommeland',
cited as ``gap_last_multiple``: the city's figure / the ommeland's), not '2.806% hoger dan
in het ommeland' (:func:`~stadstrends.publish.sentence_numbers.gap_multiple`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish import figure_notes
from stadstrends.publish.format import fmt_number
from stadstrends.publish.sentence_digits import gap_levels_agree
from stadstrends.publish.sentence_jumps import gap_clause
from stadstrends.publish.sentence_numbers import gap_multiple, multiple_text, percent_digits
from stadstrends.publish.sentence_words import GAP_MOVES, gap_move

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer


def gap_cited(w: Writer, s: Sentence, ind: str, end: str, value: float,
              year: int) -> tuple[str, bool]:
    """The relative gap at one ``end`` ('first', 'last') as printed and cited, and whether
    it is a multiple: '47% lager' (``gap_<end>_pct``, its size), from ten times as high
    'ruim 26 keer zo hoog' (``gap_<end>_multiple``)."""
    times = gap_multiple(value)
    if times is not None:
        return w.cite(s, ind, year, f"gap_{end}_multiple", times,
                      multiple_text(times, w.lang)), True
    shown = w.cite(s, ind, year, f"gap_{end}_pct", abs(value), fmt_number(
        abs(value), percent_digits(value), w.lang) + "%")
    return f"{shown} {w.words['higher' if value > 0 else 'lower']}", False  # '47% lager'


def gap_sentence(w: Writer, s: Sentence, f: dict) -> str:
    """The relative city-ommeland gap at both ends of the window and how it moves:
    'Werkloosheid: in 2024 4,0% in Enschede, 25% hoger dan in het ommeland (3,2%); in 2017
    was dat 40% hoger. Enschede loopt significant in.'; 'Geleverde elektriciteit aan
    bedrijven per inwoner: in 2023 40.989 kWh per inwoner (voorlopig) in Velsen, ruim 29
    keer zo hoog als in het ommeland (1.410 kWh per inwoner); in 2016 was dat ruim 26 keer
    zo hoog. Het verschil wordt significant groter.'"""
    g, ind = f["gap"], f["indicator_id"]
    fy, ly = g["first_year"], g["last_year"]
    # the gap as the table prints it ('3,6% hoger'); levels only where they give that gap
    levels = gap_levels_agree(f, f["digits"])
    city_v = w._val(s, f, ly, "value", g["city_last"]) if levels else None
    omm_v = w._omm(f, ly, w._val(s, f, ly, "ommeland_value", g["omm_last"])) \
        if levels else None
    now, times = gap_cited(w, s, ind, "last", g["last_pct"], ly)
    then = "" if g.get("starts_level") else gap_cited(w, s, ind, "first", g["first_pct"], fy)[0]
    left = f.get("ommeland_left_out") or {}  # the first year's members, where others
    members = figure_notes.changed_members(left, fy, ly, w.lang)
    y1, y0 = w._year(s, ly), w._year(s, fy)
    moves = GAP_MOVES[w.lang]
    move = moves.get(gap_move(g), moves["stable"]).format(city=w.city)
    move = move[0].upper() + move[1:]
    # both print the same: 'gelijk aan'; ten times as high or more: 'ruim 29 keer zo hoog als'
    key = "_level" if g.get("ends_level") else "_multiple" if times else ""
    now = (w.t("gap_now" + key, year=y1, value=city_v, city=w.city, gap=now, ommeland=omm_v)
           if city_v else
           w.t("gap_now_relative" + key, year=y1, city=w.city, gap=now,
               aside=figure_notes.aside(left.get(int(ly)), w.lang)))
    key = "gap_from_level" if g.get("starts_level") else "gap"  # both print the same
    return gap_clause(w, s, f, w.t(key, title=f["title"], now=now, y0=y0, then=then,
                                   members=members, move=move))
