"""The dashboard's city-versus-ommeland figure in words (the tweedeling rows of the city
page): '12% hoger', '0,9 %-punt lager', 'gelijk', 'bijna 11 keer zo hoog', '2,0 %-punt
(relatief 29%) hoger'; and why a row's gap trend has no verdict, in the report's words
(:mod:`stadstrends.publish.report.gap_verdicts`), short."""

from __future__ import annotations

import math
from typing import Any

from stadstrends.publish.figure_notes import marked, with_without
from stadstrends.publish.format import fmt_under, round_half_away
from stadstrends.publish.gap_absolute import abs_figures
from stadstrends.publish.gap_missing import no_trend_words
from stadstrends.publish.ommeland_dominant import dominant_words
from stadstrends.publish.ommeland_zeros import zero_words
from stadstrends.publish.sentence_numbers import gap_points, gap_text, printed_difference
from stadstrends.publish.sentence_verdicts import in_bracket, precision_words
from stadstrends.publish.sentence_words import FLIPPED_MOVES, GAP_MOVES, gap_move, other_side
from stadstrends.publish.web import units
from stadstrends.publish.web.gap_marks import year_cell, year_note
from stadstrends.publish.web.i18n import texts, title


def gap_words(row: dict[str, Any], lang: str) -> str:
    """The city against its ommeland in words: as a ratio, '12% hoger' (the tweedeling's
    relative measure), between two percentages after their difference, '2,0 %-punt
    (relatief 29%) hoger' (:func:`relative_gap`); a measure that can be negative (growth,
    a migration balance: ``indicators.signed``) as a difference, '0,9 %-punt lager' (a
    ratio of two growth rates, '98% lager', says nothing)."""
    city, omm, unit = row.get("city_value"), row.get("ommeland_value"), row["unit"]
    places = units.digits([city, omm], unit, True, decimals=row.get("decimals"))
    if city is not None and omm is not None and (
            units.show(city, unit, lang, places) == units.show(omm, unit, lang, places)):
        return texts(lang)["gap_equal"]  # equal as shown: not '1,4% hoger', '0,0 %-punt'
    if row.get("signed"):
        if city is None or omm is None:
            return "–"
        # the difference of the figures as printed: Barneveld's growth 1,2% against 0,7%
        # is 0,5 %-punt, not the unrounded 0,6 (:func:`printed_difference`)
        diff = printed_difference(omm, city, places)
        shown = units.change(abs(diff), unit, lang, places=places).lstrip("+")
        return f"{shown} {texts(lang)['gap_higher' if diff > 0 else 'gap_lower']}"
    points = None
    if unit == "%" and city is not None and omm is not None:  # not '29% hoger' alone
        points = gap_points(round_half_away(city, places) - round_half_away(omm, places),
                            places, lang, short=True)
    return relative_gap(row.get("ratio"), lang, points)


def relative_gap(ratio: float | None, lang: str, points: str | None = None) -> str:
    """The city relative to its ommeland in plain words, as the report's tweedeling
    (:func:`~stadstrends.publish.sentence_numbers.gap_text`): '12% hoger', '3,5% lager',
    'gelijk', from three times as high a multiple ('bijna 11 keer zo hoog': Haarlem's new
    construction of 2023, not '961% hoger'); '–' without a ratio (an ommeland value of zero
    has none). Between two percentages ``points``, their difference as printed ('2,0
    %-punt'), first: '2,0 %-punt (relatief 29%) hoger', not '29% hoger', which reads as
    29 procentpunt (Súdwest-Fryslân's private rental dwellings, 8,9% against 6,9%). A
    city figure of zero has no relative gap either, as the row's 'geen trend' says
    (Schiermonnikoog's new dwellings of 2023, 0,0 against 6,5 per 1 000: '–', not '100%
    lager')."""
    if ratio is None or not math.isfinite(ratio) or ratio <= 0:
        return "–"
    words = texts(lang)
    return gap_text((ratio - 1) * 100, lang, words["gap_higher"], words["gap_lower"],
                    words["gap_equal"], points)


def no_verdict_words(row: dict[str, Any], lang: str, city: str,
                     small: float | None = None) -> str:
    """Why the gap trend of tweedeling ``row`` gives no verdict (``no_verdict``, :mod:`stadstrends.
    analysis.gaps`), as the report's tweedeling says it in a cell: Deventer's Wmo clients
    'geen oordeel: het cijfer van Raalte (ommeland) verandert van 2017 op 2018 abrupt, en het
    verschil kan daarop berusten';
    's-Hertogenbosch's commuting distance 'niet getoetst: afgerond op hele getallen heeft het
    cijfer van 's-Hertogenbosch in 2021–2023 maar 2 verschillende waarden, ...'. The
    member's name is ``row['step_member_name']``; a rate on small counts says the city's
    mean a year as the report does, with a decimal where whole it would reach the limit
    ``small`` (the build's ``small_count``; :func:`~stadstrends.publish.format.fmt_under`:
    29,6 a year, not '30')."""
    why = row["no_verdict"]
    words = texts(lang)
    y0, y1 = int(row["first_year"]), int(row["trend_last_year"])
    if why == "ommeland_jump":
        return words["gap_no_verdict_ommeland_jump"].format(
            member=row.get("step_member_name") or row["step_member"],
            y0=int(row["step_previous_year"]), y1=int(row["step_year"]))
    if why == "city_steps":
        n = int(row["city_distinct"])
        return words["gap_no_verdict_city_steps_one" if n == 1 else
                     "gap_no_verdict_city_steps"].format(
            city=city, n=n, y0=y0, y1=y1,
            precision=precision_words(lang, row["unit"], row.get("decimals"),
                                      row.get("computed"), (y0, y1)))
    if why == "small_counts":  # the city's mean count a year (analysis/gap_small.py)
        return words["gap_no_verdict_small_counts"].format(
            city=city, y0=y0, y1=y1, n=fmt_under(row["city_mean_count"], small, lang))
    return words[f"gap_no_verdict_{why}"].format(city=city, y0=y0, y1=y1)


def gap_row(row: dict[str, Any], lang: str, city: str,
            small: float | None = None) -> dict[str, Any]:
    """One tweedeling row: values, the ratio in words, and how the relative gap moves
    (the report's measure: |ln ratio| tested over the trend window) with its valence; the
    city's figure marked as in the report's tables, '*' recalculated for today's boundaries
    and '°' divided from CBS's rounded count (Schiermonnikoog's crimes per 1 000 of 2024:
    '20,6°'; :func:`~stadstrends.publish.figure_notes.marked`); a gap trend without a verdict
    says why, as the report (Deventer's Wmo clients: 'geen oordeel: het cijfer van Raalte
    (ommeland) verandert van 2017 op 2018 veel sterker dan ...'; :func:`no_verdict_words`),
    a row without a gap trend why it has none (:mod:`~stadstrends.publish.gap_missing`);
    ``small``: the build's ``small_count``, as :func:`no_verdict_words` reads it."""
    unit = row["unit"]
    move = row.get("movement") or row.get("classification")
    if move in FLIPPED_MOVES and row.get("gap_sign_changed") or row.get("abs_against"):
        move = gap_move(row)  # as the report: not 'verder'; relative only: '..._rel'
    if move and row.get("indicative"):
        move = "indicative"
    trend = (no_verdict_words(row, lang, city, small) if row.get("no_verdict") else
             texts(lang)["gap_indicative"] if move == "indicative" else
             GAP_MOVES[lang][move].format(city=city)
             + abs_figures({**row, "last_year": row.get("trend_last_year")}, unit,
                           row.get("decimals"), lang) if move in GAP_MOVES[lang] else
             no_trend_words(row["no_trend"], lang, city, row["no_trend"]["names"].get)
             if row.get("no_trend") else "–")
    valence = row.get("valence") if move not in (None, "stable", "stable_flip", "indicative") \
        else None
    if valence in ("favourable", "adverse"):
        trend += f" ({texts(lang)[valence]})"
    # the years the city lay on the other side: '(gunstig; in 2019 lag het cijfer van ...)'
    trend = in_bracket(trend, other_side(row, lang, city))
    return {"indicator_id": row["indicator_id"], "title": title(row, lang), "year": row["year"],
            # the tiles' marks ('2019, verouderd', '2023, voorlopig') and why not later
            "year_text": year_cell(row, lang), "year_note": year_note(row, lang),
            "city": marked(units.show(row["city_value"], unit, lang,
                                      decimals=row.get("decimals")),
                           bool(row.get("harmonised")), bool(row.get("recomputed"))),
            "ommeland": with_without(units.show(row["ommeland_value"], unit, lang,
                                                decimals=row.get("decimals")),
                                     row.get("ommeland_left_out"), lang,
                                     bool(row.get("ommeland_rough"))),
            # that year's ommeland CBS's COROP figure minus the city's (tiles.city_data): a
            # note of its own, which wraps under the figure (a figure's cell does not wrap)
            # an ommeland of 0 on its members' counts CBS rounded to 0 (ommeland_zeros) and
            # the member carrying most of it (ommeland_dominant)
            "ommeland_note": "; ".join(filter(None, [
                texts(lang)["omm_cbs"] if row.get("ommeland_cbs") else None,
                zero_words(row.get("ommeland_zeros"), lang),
                dominant_words(row.get("ommeland_dominant"), lang)])) or None,
            "gap": gap_words(row, lang),
            "since": row.get("first_year"), "until": row.get("trend_last_year"), "trend": trend,
            "trend_class": valence or ("none" if move in (None, "indicative") else "stable")}
