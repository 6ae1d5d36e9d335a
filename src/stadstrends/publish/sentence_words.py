"""Fixed words of the report sentences (units, measures, trend and gap phrases) by
language, from the language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list

UNITS = vocabulary.BySection("units")  # catalogue unit -> as printed in sentences
UNIT_WORDS = vocabulary.BySection("unit_words")  # word by word for units not in UNITS
MEASURES = vocabulary.BySection("measures")  # neighbourhood inequality measures
POINTS = vocabulary.BySection("points")  # percentage points: {full, short}
WORDS = vocabulary.BySection("words")
GAP_MOVES = vocabulary.BySection("gap_moves")
#: classification -> the ``words`` key of the caveat on a significant trend the analysis
#: stage says may rest on CBS's rounding of its years (``rests_on_rounding``, from
#: ``coarse_trends``), the profile's: '(niet zeker door de afronding van het CBS)'
ROUNDING_WORDS = {"rising": "rounding_rise", "falling": "rounding_fall"}
EURO_UNITS = {"euro": 1, "1 000 euro": 1000}
#: movements worded apart when the gap changed sides in the window: 'stable' (no significant
#: direction; :mod:`stadstrends.analysis.gap_crossings`), unless its last year's figures print
#: the same (``ends_level``: no side to change to) or its first year's (``starts_level``: no
#: side it came from). A crossing with a verdict has
#: movements of its own ('overtaking', 'overtaken', 'crossing': never 'further' behind; one
#: ending level 'caught_up', 'lead_lost', 'level')
FLIPPED_MOVES = ("stable",)


def gap_move(g: dict) -> str:
    """The key of a ``region_gap_trends`` row's movement in ``gap_moves`` and the ``move_``
    words: its ``movement`` (or ``classification``), with ``_flip`` where the city was on
    the other side of the ommeland at the window's start (``gap_sign_changed``) and not level
    with it at the start or the end as printed (``starts_level``, ``ends_level``), and with
    ``_rel`` where city - ommeland as printed moved the other way (``abs_against``: a relative
    movement only, :mod:`~stadstrends.publish.gap_absolute`)."""
    key = g.get("movement") or g["classification"]
    if g.get("abs_against") and not key.endswith("_rel"):
        return f"{key}_rel"
    flipped = g.get("gap_sign_changed") and not (g.get("ends_level") or g.get("starts_level"))
    return f"{key}_flip" if flipped and key in FLIPPED_MOVES else key


def stale(row: dict, year: int | None) -> bool:
    """Whether a figure of ``year`` is out of date ('verouderd'): before the build's first
    fresh year, ``row['fresh_from']`` (:func:`stadstrends.publish.read.fresh_from`; None or
    no year: never)."""
    fresh = row.get("fresh_from")
    return bool(fresh) and year is not None and int(year) < int(fresh)


def year_flags(row: dict, year: int) -> dict[str, bool]:
    """The marks of a city's figure of ``year`` as data: ``provisional`` (CBS marks it so:
    ``row['provisional']``, the years of provisional figures), ``stale`` (``year`` before the
    build's first fresh year, ``row['fresh_from']``, :func:`stadstrends.publish.read.
    fresh_from`; None: never) and ``recalculated`` (Stadstrends' estimate for today's
    boundaries: ``row['harmonised']``, the ``harmonised`` years of
    :func:`stadstrends.publish.harmonised.marked_years`; a row without them has none),
    ``recomputed`` (divided from CBS's rounded count: ``row['recomputed']``, its
    ``recomputed`` years), ``rounded_zero`` (on a count CBS rounded to 0:
    ``row['rounded_zero']``, :func:`stadstrends.publish.rounding.rounded_zeros`) and ``coarse``
    (a count CBS rounds coarsely for the city: ``row['coarse_years']``,
    :func:`stadstrends.publish.rounding.coarse_years`, the one rule of the words 'berekend
    uit afgerond aantal'; not beside a count rounded to 0, which says more). ``recomputed``
    says 'berekend door Stadstrends' (CBS publishes no rate), beside 'berekend uit afgerond
    aantal' only where that count is coarse too."""
    y = int(year)
    zero = y in (row.get("rounded_zero") or ())
    return {"provisional": y in (row.get("provisional") or ()), "stale": stale(row, y),
            "recalculated": y in (row.get("harmonised") or ()),
            "recomputed": y in (row.get("recomputed") or ()), "rounded_zero": zero,
            "coarse": not zero and y in (row.get("coarse_years") or ())}


def flag_words(flags: dict, lang: str) -> list[str]:
    """:func:`year_flags` in words, in the order the tiles print them: 'voorlopig',
    'verouderd', 'omgerekend', 'berekend door Stadstrends', 'berekend uit een op 0 afgerond
    aantal', 'berekend uit afgerond aantal'. A quotient of Stadstrends on a count CBS rounded
    says it once: 'door Stadstrends berekend uit afgerond aantal' (``recomputed_coarse_short``,
    ``recomputed_zero_short``), not 'berekend' twice in one bracket."""
    words = WORDS[lang]  # 'coarse' in the words of the one mark (coarse_short), not the
    # quotient's: a figure Stadstrends divided from a count that is not coarse is not it
    joined = {k: w for k, w in (("rounded_zero", "recomputed_zero_short"),
                                ("coarse", "recomputed_coarse_short"))
              if flags.get("recomputed") and flags.get(k)}
    return [words[joined.get(key, w)] for key, w in (
        ("provisional", "provisional"), ("stale", "stale"),
        ("recalculated", "harmonised_short"), ("recomputed", "recomputed_short"),
        ("rounded_zero", "rounded_zero_short"), ("coarse", "coarse_short"))
        if flags.get(key) and not (key == "recomputed" and joined)]


def marks_joined(items: list[str], lang: str) -> str:
    """A figure's marks as one list, in the one form of the language (``words.marks_sep``),
    the year or figure they follow in the bracket first where it is there: 'voorlopig,
    berekend uit afgerond aantal', '2024, voorlopig'."""
    return WORDS[lang]["marks_sep"].join(items)


def bracketed(marks: list[str], lang: str) -> str:
    """A figure's marks in the brackets after it (``words.marks``): '(voorlopig, berekend uit
    afgerond aantal)'; '' for none."""
    return WORDS[lang]["marks"].format(marks=marks_joined(marks, lang)) if marks else ""


def figure_marks(row: dict, year: int, lang: str) -> list[str]:
    """What the report's sentences say after a city's figure of ``year``
    (:func:`year_flags` in words): 'voorlopig' when CBS marks it provisional, 'verouderd'
    when it is out of date, and where ``row`` gives its recalculated years, 'omgerekend'.
    The dashboard's tiles and the profile's 'Laatste' column print them
    after the year: '(2017, voorlopig, verouderd)'."""
    return flag_words(year_flags(row, year), lang)


def marked_year(row: dict, year: int, lang: str) -> str:
    """``year`` with its :func:`figure_marks` as the tiles print it in brackets: '2023,
    voorlopig', '2019, verouderd', '2024'."""
    return flagged_year(int(year), year_flags(row, year), lang)


def flagged_year(year: int, flags: dict, lang: str) -> str:
    """``year`` with the marks ``flags`` (:func:`year_flags`, as a profile's Kies row keeps
    them in ``marks``) in words: '2023, voorlopig'."""
    return marks_joined([str(int(year)), *flag_words(flags, lang)], lang)

GROUP_WORDS = vocabulary.BySection("group_words")  # how a text names a comparison group


#: the gap verdicts whose sentence names the years the city lay on the other side of its
#: ommeland in between (a growing or shrinking gap: ``region_gap_trends.other_side_years``)
SIDED_VERDICTS = ("diverging", "converging")


def other_side(g: dict, lang: str, city: str, cell: bool = False) -> str:
    """' (in 2019 en 2020 lag het cijfer van Zwolle juist onder dat van het ommeland)' after a
    gap trend's growing or shrinking verdict (``g``: its ``region_gap_trends`` fields) where
    the city lay on the other side in some years between its first and last
    (``other_side_years``, the side the opposite of its last year's ``last_ratio``): 'het
    verschil wordt significant groter' alone hid them; '' otherwise. ``cell``: the
    tweedeling table's verdict cell beside its 'hoger' and 'lager': ' (in 2022 en 2023
    lager)'."""
    years = g.get("other_side_years")  # a list, or an array from a pandas row
    if years is None or len(years) == 0 or g.get("no_verdict") or g.get("indicative") \
            or g.get("classification") not in SIDED_VERDICTS or not g.get("last_ratio"):
        return ""
    side = "below" if float(g["last_ratio"]) > 1 else "above"
    words, key = WORDS[lang], "gap_other_side" + ("_cell" if cell else "")
    return " (" + words[key].format(
        years=fmt_list([str(int(y)) for y in years], lang), city=city,
        side=words[f"{key}_{side}"]) + ")"


def late_marks(shown: str, marks: list[str], base: Mapping[str, Any] | None,
               lang: str, sampled: str = "") -> tuple[str, list[str]]:
    """A trend's last figure ``shown`` with its short ``marks`` in brackets ('4,5%
    (voorlopig)'), and its long caveat apart (``small_base_words.small_base_brief``: a
    sample figure's, a share's from few cases), which :func:`with_late` puts after the
    year: 'naar 4,5% in 2024 (−2,9 procentpunt; steekproefcijfer, ...)', not 'naar 4,5%
    (steekproefcijfer, voor kleine gemeenten onnauwkeurig) in 2024 (−2,9 procentpunt)'
    (before session 53); ``sampled``, the mark of a trend partly on sample years whose last
    figure is none (``small_base_words.sampled_brief``), goes there too."""
    from stadstrends.publish.small_base_words import small_base_brief

    late = [m for m in marks if m and m == small_base_brief(base, lang)]
    short = [m for m in marks if m not in late]
    return (f"{shown} {bracketed(short, lang)}" if short else shown), late + [sampled] * bool(
        sampled)


def with_late(year: str, delta: str, late: list[str]) -> tuple[str, str]:
    """The year and the change's bracket (' (−2,9 procentpunt)', or '') with ``late`` in the
    change's bracket, else in the year's ('2019 (verouderd; ...)') or one of its own."""
    if not late:
        return year, delta
    more = f"({'; '.join(late)})"
    if delta:
        return year, f"{delta[:-1]}; {more[1:]}" if delta.endswith(")") else f"{delta} {more}"
    return (f"{year[:-1]}; {more[1:]}" if year.endswith(")") else f"{year} {more}"), delta
