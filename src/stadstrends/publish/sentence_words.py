"""Fixed words of the report sentences (units, measures, trend and gap phrases) by
language, from the language files (:mod:`stadstrends.vocabulary`)."""

from __future__ import annotations

from stadstrends import vocabulary

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
    with it at the start or the end as printed (``starts_level``, ``ends_level``)."""
    key = g.get("movement") or g["classification"]
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
    ``recomputed`` years, or ``row['rounded_zero']``, the years whose count CBS rounded to 0:
    :func:`stadstrends.publish.rounding.rounded_zeros`) and ``coarse`` (a count CBS rounds
    coarsely for the city: ``row['coarse_years']``, :func:`stadstrends.publish.rounding.
    coarse_years`; said as 'berekend uit afgerond aantal' too)."""
    y = int(year)
    return {"provisional": y in (row.get("provisional") or ()), "stale": stale(row, y),
            "recalculated": y in (row.get("harmonised") or ()),
            "recomputed": y in (row.get("recomputed") or ())
            or y in (row.get("rounded_zero") or ()),
            "coarse": y in (row.get("coarse_years") or ())}


def flag_words(flags: dict, lang: str) -> list[str]:
    """:func:`year_flags` in words, in the order the tiles print them: 'voorlopig',
    'verouderd', 'omgerekend', 'berekend uit afgerond aantal'."""
    words = WORDS[lang]
    said = [words[w] for key, w in (("provisional", "provisional"), ("stale", "stale"),
                                    ("recalculated", "harmonised_short"),
                                    ("recomputed", "recomputed_short"),
                                    ("coarse", "recomputed_short")) if flags.get(key)]
    return list(dict.fromkeys(said))  # a count rounded to 0 is a coarse one: said once


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
    return ", ".join([str(int(year)), *flag_words(flags, lang)])

GROUP_WORDS = vocabulary.BySection("group_words")  # how a text names a comparison group
