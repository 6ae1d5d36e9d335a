"""The report's city-ommeland gap sentence (a gap's kind of
:meth:`~stadstrends.publish.sentences.Writer.indicator`): the relative gap at both ends of
its trend's window and how it moves. A city ten times its ommeland's figure or more reads
as a multiple in words, true to its tenth ('ruim 29 keer zo hoog als in het ommeland',
cited as ``gap_last_multiple``: the city's figure / the ommeland's), not '2.806% hoger dan
in het ommeland' (:func:`~stadstrends.publish.sentence_numbers.gap_multiple`). A gap
between two percentages (unit '%') gives its size in percentage points first, the relative
gap beside it: '2,0 procentpunt (relatief 29%) hoger dan in het ommeland (6,9%)', not '29%
hoger', which reads as 29 procentpunt (cited as ``gap_last``: last_gap, city - ommeland);
where the percentage points moved against the relative gap the verdict is on, it says so."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from stadstrends.publish import figure_notes
from stadstrends.publish.format import fmt_number, round_half_away
from stadstrends.publish.gap_absolute import abs_figures
from stadstrends.publish.gap_forms import one_form, percent_form
from stadstrends.publish.sentence_digits import gap_digits, gap_levels_agree
from stadstrends.publish.sentence_jumps import gap_clause
from stadstrends.publish.sentence_numbers import (
    gap_multiple,
    gap_points,
    multiple_text,
    percent_digits,
    points_gap,
    printed_difference,
)
from stadstrends.publish.sentence_words import GAP_MOVES, gap_move, other_side

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer


def gap_cited(w: Writer, s: Sentence, ind: str, end: str, value: float,
              year: int, points: str | None = None, as_multiple: bool = False,
              as_percent: bool = False) -> tuple[str, bool]:
    """The relative gap at one ``end`` ('first', 'last') as printed and cited, and whether
    it is a multiple: '47% lager' (``gap_<end>_pct``, its size), from three times as high
    'ruim 26 keer zo hoog' (``gap_<end>_multiple``), or below that where the sentence's
    other end is one (``as_multiple``: :func:`~.gap_forms.one_form`), and a
    percentage from three times as high where the other end lies on the other side of the
    ommeland (``as_percent``: :func:`~.gap_forms.percent_form`, '340% hoger' beside
    '53% lager'); after a percentage's ``points`` (:func:`points_cited`) '2,0 procentpunt
    (relatief 29%) hoger'."""
    times = None if as_percent else \
        gap_multiple(value) or (1 + value / 100 if as_multiple else None)
    word = w.words["higher" if value > 0 else "lower"]
    if times is not None:
        shown = w.cite(s, ind, year, f"gap_{end}_multiple", times, multiple_text(times, w.lang))
        return (points_gap(points, shown, word, w.lang, True) if points else shown), True
    shown = w.cite(s, ind, year, f"gap_{end}_pct", abs(value), fmt_number(
        abs(value), percent_digits(value), w.lang) + "%")
    return (points_gap(points, shown, word, w.lang) if points else f"{shown} {word}"), False


def points_value(f: dict, end: str, levels: bool) -> float:
    """A percentage's gap (``f['gap']``) at one ``end`` in percentage points as printed with
    the sentence's decimals (``f['digits']``): where the two levels are printed
    (``levels``, the last year), the difference a reader computes from them (8,9% and 6,9%:
    2,0; :func:`printed_difference`); the first year's as the table prints its figures
    (``printed_first_gap`` at the catalogue's decimals: Enschede's one-person households
    2017, 14,4 as 44,9% - 30,5%, not the unrounded 14,34); else the stored gap (city -
    ommeland) rounded."""
    g, digits = f["gap"], f["digits"]
    if end == "last" and levels:
        return printed_difference(g["omm_last"], g["city_last"], digits)
    if end == "first" and g.get("printed_first_gap") is not None \
            and f.get("decimals") == digits:
        return round_half_away(g["printed_first_gap"], digits)
    return round_half_away(g[f"{end}_gap"], digits)


def points_cited(w: Writer, s: Sentence, f: dict, end: str, levels: bool) -> tuple[str, float]:
    """A percentage's gap at one ``end`` in percentage points as printed and cited
    (``gap_<end>``: its size; :func:`points_value`), and its size as printed."""
    g = f["gap"]
    value = points_value(f, end, levels)
    shown = gap_points(value or g[f"{end}_gap"], f["digits"], w.lang)
    w.cite(s, f["indicator_id"], g[f"{end}_year"], f"gap_{end}", abs(g[f"{end}_gap"]),
           shown.split(" ")[0])
    return shown, abs(value)


def cell_points(f: dict, end: str, lang: str) -> str | None:
    """The gap table's percentage points at one ``end`` as the sentence prints them ('2,0
    %-punt'), for a gap between two percentages (``f``: the indicator's fact); else None."""
    if f["unit"] != "%" or f.get("signed") or not f.get("gap"):
        return None
    f = {**f, "digits": gap_digits(f)}
    value = points_value(f, end, end == "last" and gap_levels_agree(f, f["digits"]))
    return gap_points(value or f["gap"][f"{end}_gap"], f["digits"], lang, short=True)


def points_against(w: Writer, g: dict, first: float, last: float) -> str:
    """' Dat geldt voor het relatieve verschil; in procentpunten bleef het even groot.' where
    a gap between two percentages grows (shrinks) relatively while its percentage points, as
    printed, stay the same; else ''. Where they move the other way (Rozendaal's housing
    association dwellings: 77% -> 79% lower, 24,4 -> 23,9 procentpunt) the movement says so
    itself, as for every unit (``abs_against``, :mod:`~stadstrends.publish.gap_absolute`)."""
    move = g["classification"]
    if move not in ("diverging", "converging") or g.get("starts_level") or g.get("ends_level"):
        return ""
    return " " + w.t("gap_points_same") if last == first and not g.get("abs_against") else ""


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
    percent = f["unit"] == "%" and not f.get("signed")  # '2,0 procentpunt (relatief 29%)'
    p1, pp1 = points_cited(w, s, f, "last", bool(city_v)) \
        if percent and not g.get("ends_level") else (None, 0.0)
    ends = (None if g.get("starts_level") else g["first_pct"],
            None if g.get("ends_level") else g["last_pct"])
    both, pct = one_form(*ends), percent_form(*ends)  # one form a sentence
    now, times = gap_cited(w, s, ind, "last", g["last_pct"], ly, p1, both, pct)
    p0, pp0 = points_cited(w, s, f, "first", False) \
        if percent and not g.get("starts_level") else (None, 0.0)
    then = "" if g.get("starts_level") else \
        gap_cited(w, s, ind, "first", g["first_pct"], fy, p0, both, pct)[0]
    left = f.get("ommeland_left_out") or {}  # the first year's members, where others
    members = figure_notes.changed_members(left, fy, ly, w.lang)
    y1, y0 = w._year(s, ly), w._year(s, fy)
    moves = GAP_MOVES[w.lang]
    move = moves.get(gap_move(g), moves["stable"]).format(city=w.city) \
        + other_side(g, w.lang, w.city)  # '(in 2022 lag het cijfer van ... juist onder ...)'
    # relative only: both differences as printed (': van +29,6 in 2016 naar +37,9 ...')
    move += abs_figures({**g, "printed_first_gap": math.copysign(pp0, g["first_gap"]),
                         "printed_last_gap": math.copysign(pp1, g["last_gap"])}
                        if percent and p0 and p1 else g,  # the points it printed
                        f["unit"], f["digits"] if percent else f.get("decimals"), w.lang,
                        lambda end, v, y, shown: w.cite(s, ind, y, f"gap_abs_{end}", v, shown),
                        (w._year(s, fy), w._year(s, ly)))  # each year said once more
    move = move[0].upper() + move[1:]
    # both print the same: 'gelijk aan'; three times as high or more: 'ruim 29 keer zo hoog als'
    key = "_level" if g.get("ends_level") else "_multiple" if times else ""
    now = (w.t("gap_now" + key, year=y1, value=city_v, city=w.city, gap=now, ommeland=omm_v)
           if city_v else
           w.t("gap_now_relative" + key, year=y1, city=w.city, gap=now,
               aside=figure_notes.aside(left.get(int(ly)), w.lang)))
    key = "gap_from_level" if g.get("starts_level") else "gap"  # both print the same
    text = w.t(key, title=f["title"], now=now, y0=y0, then=then, members=members, move=move)
    return gap_clause(w, s, f, text + (points_against(w, g, pp0, pp1) if percent else ""))
