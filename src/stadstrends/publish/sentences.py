"""Report sentences from fixed templates, each with the numbers it cites.

No free-form text generation: every sentence is a template of the language files (section
``sentences`` of ``locale/<lang>.yaml``, see :mod:`stadstrends.vocabulary`) filled with
warehouse values formatted by :mod:`stadstrends.publish.format`. A :class:`Sentence`
carries its text and one :class:`Cite` per number shown (which table field, indicator, region
and year it comes from, and the exact text printed), so tests can parse each number back and
compare it with the warehouse (both in :mod:`stadstrends.publish.sentence_cites`, imported
here under the same names).

Facts (plain dicts, see ``report.data``) per indicator: ``indicator_id``, ``title``, ``unit``,
``trend`` (a ``trends`` row or None), ``bench`` (a ``benchmark_latest`` row or None) and
optionally ``gap`` (a ``region_gap_trends`` row), ``jumps`` (the city's ``series_jumps``
rows of the indicator) and ``jump_trend`` (its ``jump_trends`` row).

The sentences on projections, on neighbourhood inequality and on the city-ommeland gap
are written in :mod:`stadstrends.publish.sentence_projections`,
:mod:`stadstrends.publish.sentence_inequality` and :mod:`stadstrends.publish.sentence_gaps`.
The number and unit helpers (:func:`number`, :func:`with_unit`, :func:`p_value`) live in
:mod:`stadstrends.publish.sentence_numbers` and are imported here under the same names; the
change clause and the note on figures divided from CBS's rounded count in
:mod:`stadstrends.publish.sentence_verdicts`. The figures of one indicator in a sentence
share one number of decimals (:func:`~.sentence_numbers.shared_digits`), its change too.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish import figure_notes
from stadstrends.publish.format import fmt_number, round_half_away
from stadstrends.publish.harmonised import source_precision, step_digits
from stadstrends.publish.ommeland_dominant import dominant_words
from stadstrends.publish.ommeland_zeros import zero_words
from stadstrends.publish.positions import GroupNames, compared_key, group_clause
from stadstrends.publish.rounding import (
    coarse_change,
    coarse_position,
    coarse_year,
    count_words,
    near_cut,
)
from stadstrends.publish.sentence_cites import GROUP_FIELDS, Cite, Sentence
from stadstrends.publish.sentence_digits import digits_of, gap_digits
from stadstrends.publish.sentence_gaps import gap_sentence
from stadstrends.publish.sentence_inequality import inequality_level_sentence, inequality_sentence
from stadstrends.publish.sentence_jumps import (
    after_trend,
    jump_sentence,
    leads,
    tested,
    trend_clause,
)
from stadstrends.publish.sentence_numbers import (
    number,
    p_text,
    p_value,
    unit_text,
    with_unit,
)
from stadstrends.publish.sentence_projections import projection_sentence
from stadstrends.publish.sentence_tables import two_tables
from stadstrends.publish.sentence_verdicts import (
    change_clause,
    in_bracket,
    indicative_tail,
    recomputed_note,
    small_counts,
    unchanged,
    verdict_tail,
)
from stadstrends.publish.sentence_words import WORDS, bracketed, late_marks, with_late
from stadstrends.publish.small_base_words import sampled_brief, small_base_brief
from stadstrends.publish.trend_line import line_clause

if TYPE_CHECKING:
    from stadstrends.settings import BuildSettings

#: the fields of a figure Stadstrends computes from the municipalities' (printed no more
#: precisely than theirs: :func:`stadstrends.publish.harmonised.computed_rounding`): an
#: ommeland, Nederland, a group's median and quartiles (interpolated between members: the
#: default city group's gas use p25 of 2011 is 1 352.4 m³ where CBS rounds each to tens)
COMPUTED_FIELDS = ("ommeland_value", "nl_value", "median", "p25", "p75")

def trend_span(trend: dict) -> tuple[int, int]:
    """The years a trend was tested over (a ``trends`` row): its first and last year with a
    figure inside the window (after the series break the window was cut at, if any; a
    window of 2017-2024 whose figures start in 2019 is 2019-2024). The sentences and the
    report's panels name this span, and the panels draw only these years in the colour of
    a significant trend."""
    return trend["first_year"], trend["last_year"]


def _words(text: str) -> list[str]:
    """Lower-case words of ``text``, a number's thousands separator dropped ('1 000',
    '1,000' and '1.000' are '1000')."""
    return re.findall(r"\w+", re.sub(r"(?<=\d)[\s,.](?=\d{3}\b)", "", text.lower()))


def _names_unit(title: str, unit: str) -> bool:
    """Whether ``title`` contains the words of ``unit`` ('Geboorten per 1 000 inwoners'),
    whole words only: 'Dwelling stock' does not name 'dwellings'."""
    u, t = _words(unit), _words(title)
    return bool(u) and any(t[i:i + len(u)] == u for i in range(len(t) - len(u) + 1))


def _scale_said(s: Sentence, ind: str, fld: str, other: bool, unit: str) -> bool:
    """Whether a unit in brackets, a scale ('(rating 1-10)'), is left out of this figure: it
    is said once in a sentence, at the city's first value (``fld`` 'value', not ``other``
    region's), never in a bracket of its own ('median 7.3 (rating 1-10); 2 of the 41 ...')
    nor again ('from 6.9 (rating 1-10) in 2013 to 7.1 (rating 1-10) in 2019')."""
    if not unit.startswith("("):
        return False
    return fld != "value" or other or any(
        c.field == "value" and c.indicator_id == ind for c in s.cites[:-1])


class Writer:
    """Builds sentences for one city in one language, collecting citations."""

    def __init__(self, city_code: str, city_name: str, lang: str = "nl",
                 settings: BuildSettings | None = None, group: str = "",
                 set_id: str | None = None, size: int | None = None,
                 counted: bool = False, names: GroupNames | None = None,
                 named: bool = False, outsider: bool = False) -> None:
        """``group``: how texts name the comparison group ('de <set>', 'de 64 gemeenten met
        50.000 tot 100.000 inwoners'); ``set_id``: its id, for the citations; ``size``: its
        number of members, to say when a position rests on fewer (those with a figure);
        ``counted``: whether ``group`` names that number; ``names``: its names at first and
        after (default: ``group`` alone); ``named``: whether the section has named the group
        already (its introduction), so that the sentences name it shorter; ``outsider``: the
        city is compared with a group it is not in (its place is among the members and
        itself, :mod:`.group_count`)."""
        self.code, self.city, self.lang = city_code, city_name, lang
        self.words = vocabulary.section(lang, "sentences")
        if settings is None:  # pydantic models: loaded by the reports, not by `show`
            from stadstrends.settings import default_settings

            settings = default_settings()
        self.settings = settings
        self.group, self.set_id, self.size, self.counted = group, set_id, size, counted
        self.names, self.named = names or GroupNames(group), named
        self.outsider = outsider

    def t(self, key: str, **kw: str) -> str:
        """The template ``key`` of the language's ``sentences`` section, filled with ``kw``."""
        return self.words[key].format(**kw)

    # --- numbers -------------------------------------------------------------------
    def cite(self, s: Sentence, ind: str, year: int | None, fld: str, value: float,
              shown: str, region: str | None = None, scale: float = 1.0,
              precision: float = 0) -> str:
        s.cites.append(Cite(ind, region or self.code, None if year is None else int(year),
                            fld, float(value), shown, scale,
                            self.set_id if fld in GROUP_FIELDS else None, precision))
        return shown

    def _number(self, f: dict, value: float) -> str:
        """A figure of ``f`` as printed, with the decimals its sentence shares (``digits``)."""
        return number(value, f["unit"], self.lang, f.get("digits"))

    def _val(self, s: Sentence, f: dict, year: int, fld: str, value: float,
             region: str | None = None, unit: bool = True,
             step: float | None = None, after: list[str] | None = None) -> str:
        """A figure as printed and cited, its unit after it unless not ``unit`` (a
        percentage keeps its '%'), the title names it or it is a scale said already;
        ``step``: the unit a computed figure is printed to, instead of its own (a group's
        median beside a value it would print as: :func:`~.harmonised.median_step`);
        ``after``: a list for its marks, printed after the year ('39,8 in 2024 (voorlopig)');
        a quotient of CBS's rounded count is noted after the sentence (``recomputed_note``);
        a figure 'voorlopig' or on a count CBS rounds coarsely is marked once a paragraph (its
        first citation: '58,9 in 2024 (voorlopig)', then 'naar 58,9 in 2024'); the latest
        share CBS computes from few cases (``f['small_base']``) or a small town's sample figure
        says so once ('5,3% in 2024 (voorlopig, berekend uit ...)', 'steekproefcijfer')."""
        given = step
        own = fld == "value" and region in (None, self.code)
        recalculated = own and int(year) in (f.get("harmonised") or ())
        step = source_precision(f, year) if recalculated else None
        if fld in COMPUTED_FIELDS:  # an ommeland or Nederland: Stadstrends' sum of members
            step = (f.get("computed") or {}).get(int(year)) if given is None else given
        # a recalculated figure no finer than its sources (jobs: hundreds; gas use: tens)
        printed = value if not step else round_half_away(value / step) * step
        digits = f.get("digits")
        shown = self.cite(s, f["indicator_id"], year, fld, value, number(
            printed, f["unit"], self.lang, step_digits(digits, step) if recalculated and
            digits is not None else digits), region, precision=step or 0)
        words = unit_text(f["unit"], self.lang)
        if unit and not (words and _names_unit(f["title"], words)) and not _scale_said(
                s, f["indicator_id"], fld, region not in (None, self.code), words):
            # 'Geboorten per 1 000 inwoners: 8,7', not '8,7 per 1 000 inwoners'
            shown = with_unit(shown, f["unit"], self.lang)
        again = own and s.cited_before(f["indicator_id"], self.code, year)  # marked once
        # once a paragraph: not where the sentence's note says so (provisional_said)
        marks = [WORDS[self.lang]["provisional"]] if own and not again and int(year) in (
            f.get("provisional") or ()) and not f.get("provisional_said") else []
        if recalculated and not s.harmonised:  # once a sentence
            s.harmonised = True
            marks.append(WORDS[self.lang]["harmonised"])
        if own and int(year) in (f.get("recomputed") or ()) \
                and int(year) not in s.recomputed:
            s.recomputed.append(int(year))  # CBS publishes no rate: Stadstrends' quotient
        zero = int(year) in (f.get("rounded_zero") or ())  # a figure on CBS's coarse rounding
        if own and not again and (zero or int(year) in (f.get("coarse_years") or ())):
            marks.append(WORDS[self.lang]["rounded_zero_short" if zero else "coarse_short"])
        base = f.get("small_base") or {}  # the latest share's, from few cases: once
        if own and not s.small_base and int(year) == base.get("year"):
            s.small_base = True
            if (n := base.get("base_count")) is not None:  # none of a sample figure's
                self.cite(s, f["indicator_id"], year, "base_count", n, fmt_number(n, 0, self.lang))
            marks.append(small_base_brief(base, self.lang))
        if after is not None:
            after.extend(marks)
            return shown
        return f"{shown} {bracketed(marks, self.lang)}" if marks else shown

    def _stale(self, f: dict, year: int) -> str:
        fresh = f.get("fresh_from")
        return f" ({WORDS[self.lang]['stale']})" if fresh and int(year) < fresh else ""

    def _end(self, s: Sentence, f: dict, year: int, delta: str) -> tuple[str, str]:
        """A change's last year and the change beside it, an out-of-date mark and the change
        in one bracket: ('2019', ' (verouderd; +0,5 procentpunt)'), not '2019 (verouderd)
        (+0,5 procentpunt)' (Helmond's safety survey); ``delta`` '' for none."""
        stale = self._stale(f, year)
        shown = self._year(s, year)
        if stale and delta:
            return shown, self.t("delta_stale", stale=WORDS[self.lang]["stale"], delta=delta)
        return shown + stale, self.t("delta", delta=delta) if delta else ""

    def _year(self, s: Sentence, year: int) -> str:
        s.years.append(int(year))
        return str(int(year))

    def _p(self, s: Sentence, ind: str, year: int, fld: str, p: float,
           region: str | None = None) -> str:
        return p_text(self.cite(s, ind, year, fld, p, p_value(p, self.lang), region))

    # --- clauses -------------------------------------------------------------------
    def _delta(self, s: Sentence, f: dict, t: dict | None = None, prefix: str = "") -> str:
        """:func:`~.sentence_verdicts.change_clause` (``t`` default ``f['trend']``)."""
        return change_clause(self, s, f, t, prefix)

    def _trend(self, s: Sentence, f: dict, short: bool = False) -> str:
        """'{Title} 2017-2024: van a in 2019 naar b in 2024 (+x%), een significante stijging.'
        (after a level clause 'Trend 2017-2024: ...'); no p-values, no verb to agree. Over a
        jump with a verdict after it, that verdict first (:func:`after_trend`)."""
        t, w = f["trend"], WORDS[self.lang]
        fy, ly = t["first_year"], t["last_year"]
        title = w["trend"] if short else f["title"]
        if t.get("indicative"):  # with why its missing years are missing
            tail = indicative_tail(self, s, f)
        else:
            # a verdict CBS's rounding could undo (coarse_trends) says so, and if the change too
            rounded = ("" if not t.get("rests_on_rounding") else "_rounding"
                       if t.get("rounding_change_holds", True) else "_rounding_change")
            tail = verdict_tail(self, s, f, {"rising": w["rise" + rounded],
                                             "falling": w["fall" + rounded]}.get(
                t["classification"], w["none"]))
            tail = in_bracket(tail, small_counts(self, s, f))  # with the rounding's words
        if f.get("current_prices"):  # euro: inflation, no verdict; in the tail's bracket
            tail = in_bracket(tail, w["current_prices"].format(tail=""))
        if t.get("segment_reason"):
            tail = self.t("series_cut", tail=tail, cut=w["cut"])
        if leads(f):  # the verdict the badges read first, the whole window's after it
            return after_trend(self, s, f, title, tail)
        span = f"{self._year(s, trend_span(t)[0])}–{self._year(s, ly)}"
        first = self._val(s, f, fy, "value", t["first_value"])
        y0 = self._year(s, fy)
        marks: list[str] = []
        last = self._val(s, f, ly, "value", t["last_value"], after=marks)
        last, late = late_marks(last, marks, f.get("small_base"), self.lang,
                                sampled_brief(f, self.lang))  # partly sample years
        # over an abrupt change in the tested years: that change, beside the verdict after it
        same = unchanged(t["classification"], self._number(f, t["first_value"]),
                         self._number(f, t["last_value"]), self.lang)  # 16% -> 16%
        # an end year far off the Theil–Sen line: the line's slope, not the ends' change
        y1, delta = self._end(s, f, ly, "" if tested(f) else same or line_clause(self, s, f)
                              or self._delta(s, f))
        y1, delta = with_late(y1, two_tables(self, s, f, fy, ly, delta), late)  # '; 2017 uit ...'
        tail = trend_clause(self, s, f, tail)  # next to the verdict: a jump it spans
        return self.t("trend", head=f"{title} {span}", first=first, y0=y0, last=last, y1=y1,
                      tail=tail, delta=delta)

    def _level(self, s: Sentence, f: dict) -> str:
        b, marks = f["bench"], []  # '39,8 in 2024 (voorlopig)': the marks after the year
        value = self._val(s, f, b["year"], "value", b["value"], after=marks)
        if self._stale(f, b["year"]):
            marks.append(WORDS[self.lang]["stale"])
        year = self._year(s, b["year"]) + (f" {bracketed(marks, self.lang)}" if marks else "")
        return self.t("level", title=f["title"], value=value, year=year)

    def _position(self, s: Sentence, f: dict, dated: bool = False) -> str:
        """Where the city stands in its group (``group_clause``; ``dated``: after a trend
        clause), then by the ommeland: '... en lager dan het ommeland (m)'; within the figures'
        rounding unit as printed (``compared_key``) 'en rond het niveau van het ommeland',
        or where the two print a unit apart 'en iets lager dan het ommeland (3,3%)'."""
        b = f["bench"]
        text = group_clause(self, s, f, dated)
        omm = b.get("ommeland_value")  # sizes (counts) are not compared with the ommeland
        if omm is not None and math.isfinite(omm) and f.get("method") != "count":
            shown = self._omm(f, b["year"], self._val(s, f, b["year"], "ommeland_value", omm))
            unit = (f.get("computed") or {}).get(int(b["year"]))
            cmp = compared_key(b["value"], omm, f, unit, lambda v: self._number(f, v))
            text = self.t("ommeland", text=text, compared=self.words[cmp], value=shown)
        return text + "." + s.place_note  # why 'rond de grens' (positions.case_words)

    def _omm(self, f: dict, year: int, shown: str) -> str:
        """An ommeland figure as printed with its marks (``f``'s ``ommeland_<mark>`` by year):
        the members its sums leave out ('25,4%, zonder Ameland', ``left_out``), 'ongeveer
        50,5 duizend euro' where CBS's rounding of the COROP figure it is derived from moves
        it more than its last digit (``rounding``), '0,0, berekend uit een op 0 afgerond
        aantal' (``zeros``), '165,0, vooral bepaald door Westerwolde' (``dominant``)."""
        if figure_notes.rough((f.get("ommeland_rounding") or {}).get(int(year)),
                              f.get("decimals")):
            shown = figure_notes.about(shown, self.lang)
        names, zero, most = ((f.get(k) or {}).get(int(year)) for k in (
            "ommeland_left_out", "ommeland_zeros", "ommeland_dominant"))
        zero, most = zero_words(zero, self.lang), dominant_words(most, self.lang)
        return ", ".join(filter(None, [shown, names and figure_notes.without(names, self.lang),
                                       zero, most]))  # '165,0, vooral bepaald door Westerwolde'

    # --- statements ----------------------------------------------------------------
    def indicator(self, f: dict, kind: str = "trend", valence: str | None = None) -> Sentence:
        """Level, change over the window with its significance, position in the group and
        ommeland; the clause the signal ``kind`` is about comes first; every figure at the
        indicator's catalogue decimals, as the tile, the profile and `show` print it."""
        s = Sentence("", indicator_id=f["indicator_id"], valence=valence)
        parts = []
        # no position in a group of one (no percentile: no quarter, no 'equal to the median')
        bench = f.get("bench") if f.get("bench") and f["bench"].get("median") is not None \
            and f["bench"].get("percentile") is not None else None
        if kind in ("gap_widening", "gap_narrowing", "gap_crossing") and f.get("gap"):
            # the relative gap alone: its own levels and years
            s.text = gap_sentence(self, s, {**f, "digits": gap_digits(f)})
            return recomputed_note(self, s)
        level = kind in ("group_deviation", "ommeland_deviation") and f.get("bench")
        f = {**f, "digits": digits_of(f, level, bench),
             "provisional_said": figure_notes.provisional_said(self, f)}
        if level:
            parts.append(self._level(s, f))
            if bench:
                parts.append(self._position(s, f))
            if f.get("trend"):
                parts.append(self._trend(s, f, short=True))
        else:
            if f.get("trend"):
                parts.append(self._trend(s, f))
            elif f.get("bench"):
                parts.append(self._level(s, f))
            if bench:
                parts.append(self._position(s, f, dated=bool(f.get("trend"))))
        change, place = coarse_change(f), bool(bench) and coarse_position(f)
        coarse_place = place and coarse_year(f)
        if change or coarse_place:  # CBS's rounding is large next to the city's count
            what = self.words["coarse_both" if change and coarse_place else
                              "coarse_change" if change else "coarse_place"]
            unit = (f["coarse"] if change else f["coarse_place"])["unit"]
            parts.append(self.t("coarse", count=count_words(self, f),
                                unit=self.words[f"unit_{unit}"], what=what))
        if place and not coarse_place and s.place:  # a count not coarse, near a cut its
            parts.append(near_cut(self, f, s.place))  # words are on one side of
        s.text = " ".join(figure_notes.with_meaning(self, f, parts))
        return self._offset(figure_notes.provisional_note(self, recomputed_note(self, s), f), f)

    def _offset(self, s: Sentence, f: dict) -> Sentence:
        """``s`` with what its years are when the catalogue shows CBS's stock on 31 December
        at the next year (``f['year_offset']``: payment arrears): 'De cijfers van 2024 zijn
        de stand op 31 december 2023 (CBS-periode 2023).'
        (:func:`~stadstrends.publish.figure_notes.offset_note`)."""
        years = sorted(set(s.years))
        note = figure_notes.offset_note("many" if len(years) > 1 else "one",
                                        f.get("year_offset"), self.lang,
                                        years[-1]) if years and s.text else ""
        if note:
            cbs = years[-1] - f["year_offset"]  # printed in the note: 2024, 2023 twice
            s.years.extend([years[-1], cbs, cbs])
            s.text = f"{s.text} {note}"
        return s

    def jumps(self, f: dict, jumps: list[dict], said: str = "") -> Sentence:
        """The jumps of one indicator (:func:`~.sentence_jumps.jump_sentence`)."""
        return recomputed_note(self, jump_sentence(self, f, jumps, said))

    def projection(self, f: dict, start: dict, end: dict,
                   observed: dict | None = None, made: int | None = None) -> Sentence:
        """A projection from ``start`` to ``end``, a forecast ``made`` that year (see
        :func:`~stadstrends.publish.sentence_projections.projection_sentence`)."""
        return recomputed_note(self, projection_sentence(self, f, start, end, observed, made))

    def inequality(self, row: dict) -> Sentence:
        """A neighbourhood inequality measure's trend (:func:`~.sentence_inequality.
        inequality_sentence`)."""
        return inequality_sentence(self, row)

    def inequality_level(self, row: dict) -> Sentence:
        """An inequality row's level (:func:`~.sentence_inequality.inequality_level_sentence`)."""
        return inequality_level_sentence(self, row)
