"""A dashboard tile's verdict, its colour, and the marks on its latest figure, as the report
says them (the report's functions and words: :func:`stadstrends.publish.sentence_jumps.
verdict`, :func:`stadstrends.publish.report.panels.trend_label`, the ``words`` of the
language files):

* a trend on too few figures for a test (``trends.indicative``: fewer than
  ``min_significant_points``; its classification is 'not tested') is grey and says what
  the report's sentence says, 'te weinig jaren voor een toets (4 jaren met cijfers)', not
  'geen significante verandering'
  (3 144 tiles of the 342 municipalities on the snapshot, e.g. Vlieland's share of 65-plussers:
  figures for 2017, 2019, 2023 and 2024);
* no trend: why, as the report's panel ('geen trend (na reeksbreuk 2024: te weinig jaren)',
  Helmond's households);
* an arrow only for a tested verdict ('→' is no significant change); a series not tested
  for its few distinct (rounded) values, or those of the count CBS rounds behind it, says
  why in the report's sentence's words: 'niet getoetst: het aantal erachter is afgerond op
  honderdtallen door het CBS en heeft in deze jaren maar 2 verschillende waarden' (Vlieland's
  self-employed; the panel's 'niet getoetst, afgerond' beside the tile's '+63 per 1 000
  inwoners 2016–2023' left a reader to guess what was rounded);
* the latest figure marked as the report's sentences mark it: 'voorlopig' (a provisional
  CBS figure), 'verouderd' (a year before the build's first fresh year,
  :func:`stadstrends.publish.read.fresh_from`); the change from a provisional first figure
  too ('+0,6 %-punt 2017–2024 (2017: voorlopig)': the report's 'van 10,2% (voorlopig) in
  2017 naar 10,8% in 2024', Utrecht's share of 65-plussers);
* a significant trend that may rest on CBS's rounding of its years is grey, as the report's
  panel draws it, and says so in the panel's and the sentence's words: 'dalend, niet zeker
  (de daling kan door de afronding van het CBS komen)' (75 trends on the snapshot, e.g.
  Heumen's payment arrears).

Rows are :func:`stadstrends.publish.web.data.city_indicators` rows, after
:func:`.tile_jumps.shown` (over an abrupt change: the trend the report leads with).
"""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary
from stadstrends.publish import sentence_jumps as sj
from stadstrends.publish import sentence_verdicts as sv
from stadstrends.publish import trend_badge
from stadstrends.publish.figure_notes import offset_note
from stadstrends.publish.report.panels import trend_label
from stadstrends.publish.sentence_verdicts import steps_only
from stadstrends.publish.sentence_words import (
    ROUNDING_WORDS,
    WORDS,
    bracketed,
    figure_marks,
    flag_words,
    year_flags,
)
from stadstrends.publish.sentences import Sentence, Writer
from stadstrends.publish.small_base_words import sampled_aside, small_base_brief, survey_span
from stadstrends.publish.web import tile_jumps
from stadstrends.publish.web.i18n import texts

#: the statuses without a verdict of a test that holds: grey, no arrow
UNJUDGED = ("indicative", "steps", tile_jumps.OVER_JUMP, "none", "rounding")


def status(row: dict[str, Any]) -> str:
    """Colour class: improving, worsening, neutral (significant, no valuation), stable (no
    significant change), indicative (too few figures for a test), steps (not tested for too
    few distinct values), over_jump (tested over an
    abrupt change without a verdict after it, :mod:`.tile_jumps`), rounding (significant,
    but CBS's rounding of its years could undo it: grey as the report's panel draws it, no
    signal and no momentum in the analysis) or none (no trend): the rule the API's domain
    counts follow too (:func:`~stadstrends.publish.sentence_jumps.status`, their kind
    'rounding': :func:`~stadstrends.publish.profile_domains.kind`)."""
    st = sj.status(row)
    if row.get("rests_on_rounding") and st in ("improving", "worsening", "neutral"):
        return "rounding"
    return st


def arrow(row: dict[str, Any], st: str, min_distinct: int = 0) -> str:
    """'↑', '↓' for a significant rise or fall, '→' for no significant change; '' where no
    test gave a verdict (:data:`UNJUDGED`, or a series not tested for fewer than
    ``min_distinct`` distinct values: :func:`~stadstrends.publish.sentence_verdicts.
    steps_only`)."""
    if st in UNJUDGED or steps_only(row, min_distinct):
        return ""
    return {"rising": "↑", "falling": "↓"}.get(row["classification"], "→")


def status_text(row: dict[str, Any], st: str, w: Writer) -> str:
    """The verdict in the report's words: 'gunstige trend' (the report's badge, one rule:
    :mod:`~stadstrends.publish.trend_badge`, 'gunstige trend, te klein voor een signaal' where
    ``row['trend_signal']`` is False; no verb for a plural title to disagree with: 'Banen van
    werknemers ... verbetert'), 'geen significante
    verandering' for a tested trend; else the report's 'te weinig jaren voor een toets (4
    jaren met cijfers)' (its sentence), 'trend 2016-2023: met abrupte verandering' or 'geen
    trend (na reeksbreuk 2024: te weinig jaren)' (its panel's words)."""
    if st == tile_jumps.OVER_JUMP:
        return tile_jumps.over_jump_text(row, w.lang)
    if st in ("indicative", "steps") or (st not in UNJUDGED
                                         and steps_only(row, w.settings.min_distinct_values)):
        # the sentence's words, also why a trend was not tested: the panel's short 'niet
        # getoetst, afgerond' beside the tile's change ('· +63 per 1 000 inwoners') did not
        # say what was rounded (Vlieland's self-employed: a count of 100 or 200)
        s = Sentence("", indicator_id=row["indicator_id"])
        return sj.verdict(w, s, tile_jumps.fact(row, w.lang), row, "n_points")
    t = texts(w.lang)
    if st == "none":
        return t["no_trend"].format(why=trend_label(None, w.lang, row.get("untested")))
    if st == "rounding":  # the panel's 'dalend, niet zeker' and the sentence's why
        return sv.in_bracket(vocabulary.section(w.lang, "trend_labels")[
            f"{row['classification']}_rounding"] + " " + WORDS[w.lang]["rounding_why"],
            small_counts(row, w))
    # a significant trend: the report's badge (trend_badge), 'te klein voor een signaal'
    # where it is no signal (Veendam's jobs: 'gunstige trend' here, 'kernindicator' there)
    said = trend_badge.label(st, row.get("trend_signal"), w.lang) or t[st]
    return sv.in_bracket(said + rounding(row, w.lang), small_counts(row, w))


def trend_signals(wh: Any, code: str, set_id: str) -> set[str] | None:
    """The indicators whose trend is a signal of municipality ``code`` within group
    ``set_id`` (:func:`~stadstrends.publish.trend_badge.signalled`); None for a warehouse
    without signals (a tile's plain label)."""
    with wh.cursor() as cur:
        return trend_badge.signalled(cur, code, set_id)


among = trend_badge.among  # whether a tile's trend is a signal (its row's ``trend_signal``)


def small_counts(row: dict[str, Any], w: Writer) -> str:
    """' (op kleine aantallen: gemiddeld 3 per jaar, ...)' after a tested trend's verdict on
    fewer counts a year than the build's ``small_count``, as the report's sentence says it
    (:func:`~stadstrends.publish.sentence_verdicts.small_counts`); '' otherwise."""
    return sv.small_counts(w, Sentence("", indicator_id=row["indicator_id"]),
                           {"indicator_id": row["indicator_id"], "trend": row,
                            "signed": row.get("signed")})  # a balance: 'op een klein saldo'


def rounding(row: dict[str, Any], lang: str) -> str:
    """' (niet zeker door de afronding van het CBS)' after a significant trend that
    may rest on CBS's rounding of its years (``rests_on_rounding``: ``coarse_trends``), as the
    report's sentence says it; '' otherwise."""
    key = ROUNDING_WORDS.get(row.get("classification") or "")
    return " " + WORDS[lang][key] if key and row.get("rests_on_rounding") else ""


def marks(row: dict[str, Any], w: Writer) -> list[str]:
    """What the report's sentences say after the latest figure: 'voorlopig' when CBS marks
    it provisional, 'verouderd' when its year is before the build's first fresh year
    (``row['fresh_from']``, as the sentences' :meth:`~stadstrends.publish.sentences.Writer.
    _stale`); the profile's marks are the same (:func:`~stadstrends.publish.sentence_words.
    figure_marks`); a share CBS computes from few cases (``base_count`` of ``base_year``)
    'berekend uit ongeveer 55 geregistreerde misdrijven', as the report's sentence; a stock
    CBS counts on 31 December shown at the next year (``year_offset``: payment arrears)
    'stand op 31 december 2023' (:func:`~stadstrends.publish.figure_notes.offset_note`); a small
    municipality's sample figure speaks of the tile's years from its trend's first: 'elk jaar
    een steekproefcijfer, ...' (Vlieland's unemployment 2017-2024)."""
    year = int(row["latest_year"])
    span = survey_span(row.get("years") or [], row.get("survey_years") or [],  # the tile's years
                       int(row.get("first_year") or year), year)
    brief = small_base_brief({**row, **span} if row.get("base_year") == year else None, w.lang)
    moved = offset_note("mark", row.get("year_offset"), w.lang, year)  # 'stand op 31 december 2023'
    return figure_marks(row, year, w.lang) + [m for m in (brief, moved) if m]


def first_mark(row: dict[str, Any], lang: str) -> str:
    """' (2017, voorlopig)' after a tile's change when the trend's first figure is
    provisional, ' (2019, omgerekend)' when Stadstrends recalculated it for today's
    boundaries (``row['harmonised']``), ' (2015, berekend uit afgerond aantal)' when it
    rests on a count CBS rounds coarsely, as the report's sentence marks it ('van 10,2%
    (voorlopig) in 2017', 'van 88.976 (omgerekend naar de huidige grenzen) in 2019') and
    the tile its latest figure (:func:`marks`: '(2026, omgerekend)'), in the one form of
    :func:`~stadstrends.publish.sentence_words.bracketed`; '' otherwise."""
    first = row.get("first_year")
    if first is None:
        return ""
    flags = {k: v for k, v in year_flags(row, int(first)).items() if k != "stale"}
    words = flag_words(flags, lang)
    if not words:
        return ""
    return " " + bracketed([str(int(first)), *words], lang)


def sampled_mark(row: dict[str, Any], lang: str) -> str:
    """' (steekproefcijfers in 2017–2021, voor kleine gemeenten onnauwkeurig)' after a tile's
    change whose latest figure is no sample figure but some of its trend's years are
    (``survey_years``), as the report's trend sentence says it (Asten's unemployment:
    '−2,1 %-punt 2017–2024' said nothing of them); '' otherwise (a sample latest figure's
    mark speaks of the tile's years: :func:`marks`)."""
    return sampled_aside(row, lang, "last_year")


def own_mark(row: dict[str, Any], year: int, lang: str) -> str:
    """' (omgerekend)' after a sparkline's figure of ``year`` that Stadstrends recalculated
    for today's boundaries (``row['harmonised']``), as the tile marks its change; ''."""
    if int(year) not in (row.get("harmonised") or ()):
        return ""
    return f" ({WORDS[lang]['harmonised_short']})"


def cut(row: dict[str, Any], lang: str) -> str:
    """'; eerdere jaren zijn niet vergelijkbaar (reeksbreuk)' after a tile's verdict when its
    trend's window was cut at a series break or a source switch with figures before it
    (``trends.segment_reason``), as the report's sentence says it (Utrecht's gas use per
    dwelling: trend 2019-2023, figures from 2010); '' otherwise and without a trend."""
    if not row.get("segment_reason") or not row.get("first_year"):
        return ""
    return "; " + WORDS[lang]["cut"]


def prices(row: dict[str, Any], lang: str) -> str:
    """', in lopende prijzen' after the change of an amount in euro in current prices
    (``indicators.current_prices``: part of a rise is inflation, its trend has no verdict),
    as the report's sentence says it; '' otherwise."""
    return ", " + WORDS[lang]["current_prices_short"] if row.get("current_prices") else ""
