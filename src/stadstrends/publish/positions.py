"""How a position within a comparison group is worded: on how many municipalities it rests,
and a rank instead of a quarter in a small group.

A position (``group_benchmarks``: ``n``, ``rank``, ``percentile``) is computed over the
group's members with a figure that year (``n``), which can be fewer than the group's size
(Helmond's share of 25-44-year-olds: 30 of the 41 {group} members; CBS table 85984NED is cut
in this snapshot). The words then say how many were compared and how many have no figure,
or, for members a cut copy of a table left out (``bench['n_cut']``, ``['cut_tables']``:
:mod:`stadstrends.publish.cut_members`), that they are missing from the cut snapshot.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stadstrends.publish import cut_members
from stadstrends.publish.format import round_half_away
from stadstrends.publish.harmonised import median_step
from stadstrends.publish.median_zeros import with_zero
from stadstrends.publish.sentence_numbers import apart_digits
from stadstrends.publish.small_base_words import half_unit_off, one_case

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer

#: Fewest municipalities compared for words about a quarter ('in het hoogste kwart'). With
#: the quartile cuts of the settings (mid-rank percent rank >= 75 / <= 25: tied members share
#: the middle of their places, and a value printed as the median is 'gelijk aan de mediaan',
#: in no quarter; see ``set_benchmarks``),
#: the 'quarter' of 2-4 municipalities is the single one at the end, and of 5 it is two (40%
#: of the group); from 6 on it holds at least two and at most a third, for every larger
#: group too (6: 2, 7: 2, 8: 2, 9: 3, 10: 3, ...). Below 6 the words give the rank instead
#: ('plaats 1 van de 4 gemeenten van de {group}').
MIN_QUARTER_N = 6


def counts(bench: dict[str, Any], size: int | None) -> tuple[int | None, int]:
    """``(n, missing)``: the municipalities a position rests on (None when ``bench`` has no
    ``n``), and how many of the group's ``size`` members have no figure (0 when either is
    unknown)."""
    n = bench.get("n")
    if n is None or n != n:  # NaN
        return None, 0
    return int(n), max(0, int(size or 0) - int(n))


def by_rank(n: int | None) -> bool:
    """True when a position among ``n`` municipalities is worded as a rank, not a quarter."""
    return n is not None and n < MIN_QUARTER_N


def quarter(pct: float, top: float, bottom: float) -> int:
    """Where a mid-rank percent rank ``pct`` lies by the settings' cuts: 3 the highest
    quarter (``pct >= top``), 0 the lowest (``pct <= bottom``), 2 above and 1 below the
    median. Both cuts are inclusive, as in Kies richting (``signal_kies``: a favourable
    percentile ``>= top`` is the favourable quarter, ``<= bottom`` the unfavourable one) and
    ``claims.strength_beyond_its_quarter``: Amersfoort's gas use per dwelling in 2023, the
    11th-lowest of the 41 in its default group (percentile 25), is in the lowest quarter,
    the favourable one, not 'onder de mediaan' while Kies richting names it a distinctive
    strength."""
    return 3 if pct >= top else 0 if pct <= bottom else 2 if pct >= 50 else 1


def tie_span(bench: dict[str, Any], outsider: bool = False) -> tuple[float, float] | None:
    """The percent ranks (0-100, higher value = higher) of the lowest and the highest of the
    places a position shares with the members printing its figure (``set_benchmarks``: ties
    share a place and count at the middle of their places), from its ``n``, ``rank`` and
    mid-rank ``percentile``; the highest place's is over the others (``n`` - 1, or ``n`` for
    an ``outsider``, which ranks among the members and itself). None when one is unknown.
    Almere's unemployment in 2024, 4,2% with three others at places 9 to 12 of the 41 of its
    city set: (72,5, 80,0) around its 76,25."""
    n, rank, pct = bench.get("n"), bench.get("rank"), bench.get("percentile")
    if any(v is None or v != v for v in (n, rank, pct)):  # None or NaN
        return None
    others = int(n) - 1 + outsider
    if others <= 0:
        return None
    high = 100.0 * (others - int(rank) + 1) / others
    return 2 * float(pct) - high, high


def across_cut(pct: float, span: tuple[float, float] | None, top: float,
               bottom: float) -> bool:
    """True when a position in a quarter by its mid-rank ``pct`` shares its figure with members
    on the other side of that quarter's cut (``span``: :func:`tie_span`): the figures do not
    tell on which side it is, so it is on the edge of the quarter, not in it (Kies richting
    gives it no label, ``signal_kies``)."""
    if span is None:
        return False
    low, high = span
    return (pct >= top and low < top - 1e-9) or (pct <= bottom and high > bottom + 1e-9)


def quarter_size(n: int, top: float) -> int:
    """How many of ``n`` municipalities (no ties) have a percent rank of at least ``top``:
    the size of the 'quarter' at either end (4: 1, 5-8: 2, 9-12: 3; ``top`` = 75)."""
    if n < 2:
        return n
    return sum(100.0 * (n - 1 - i) / (n - 1) >= top for i in range(n))


def compared(words: Mapping[str, str], group: str, n: str, missing: int, ranked: bool,
             counted: bool, group_n: str = "", family: str = "") -> str:
    """Who a position is among: when ``missing`` members have no figure,
    ``words['compared_some']`` around ``group_n`` counting ``n`` ('de 173 gemeenten met
    20.000 tot 50.000 inwoners die cijfers hebben'; before: 'de 173 gemeenten met cijfers
    binnen de 180 gemeenten met ...'), or around ``words['compared_all']`` for a group whose
    phrase does not count its members ('de 39 gemeenten van de <set> die cijfers hebben'); for
    a rank within such a group ``words['compared_all']`` ('de 4 gemeenten van de <set>'); else
    the group's phrase, which then counts them ('de 5 gemeenten van de provincie
    Overijssel'). ``n``: as printed; ``group_n``: the group's phrase with ``{n}`` for its
    count (:func:`~stadstrends.publish.groups.phrase`), '' when it has none. A group whose
    name ends in a relative clause (``family`` 'peers': 'Zwolle en de 10 gemeenten die er
    ... op lijken') has its own words, ``words['compared_some_<family>']``: 'de 9 gemeenten
    met cijfers in de groep van Zwolle en de 10 ...', not 'de 9 gemeenten van de 10
    gemeenten die ... lijken die cijfers hebben'; not where ``group_n`` counts them (the
    report's sentences: 'de 9 structureel vergelijkbare gemeenten die cijfers hebben')."""
    own = words.get(f"compared_some_{family}") if family and not group_n else None
    if missing and own:
        return own.format(n=n, group=group)
    if missing:
        who = (group_n.format(n=n) if group_n
               else words["compared_all"].format(n=n, group=group))
        return words["compared_some"].format(group=who)
    if ranked and not counted:
        return words["compared_all"].format(n=n, group=group)
    return group


def cut_words(words: Mapping[str, str], lang: str) -> dict[str, str]:
    """``words`` with those of a position among the members with a figure in the snapshot
    (``compared_some``, ``compared_some_peers``) when a cut copy of a CBS table left members
    out (:mod:`stadstrends.publish.cut_members`): 'de 30 gemeenten van de {group} die in deze
    momentopname cijfers hebben', not '... die cijfers hebben' (the 11 others have them at
    CBS)."""
    return {**words, "compared_some": cut_members.word(lang, "compared"),
            "compared_some_peers": cut_members.word(lang, "compared_peers")}


def cut_aside(lang: str, missing: str, size: str, cut: str, tables: list[str]) -> str:
    """Why members have no figure when a cut copy left (some of) them out, as printed:
    '; 11 van de 41 ontbreken in de momentopname van CBS-tabel 85984NED, die is afgekapt'
    (``cut`` '': all ``missing`` of them); '; 12 van de 41 hebben bij Stadstrends geen
    cijfer, 11 daarvan omdat ze ontbreken in ...' (``cut`` of them)."""
    where = cut_members.where(lang, tables)
    if not cut:  # '1 van de 11 ontbreekt'
        return cut_members.word(lang, "without_one" if missing == "1" else "without",
                                cut=missing, size=size, where=where)
    return cut_members.word(lang, "without_some_one" if cut == "1" else "without_some",
                            missing=missing, size=size, cut=cut, where=where)


@dataclass(frozen=True)
class GroupNames:
    """How the sentences of one section name the comparison group: ``first`` the first time
    ('de 180 gemeenten met 20.000 tot 50.000 inwoners'), ``again`` after it was named in the
    section ('de 180 gemeenten van deze grootte'; '' or the same for a short name such as
    'de <set>'); ``first_n`` and ``again_n`` the same with ``{n}`` for the count ('' when the
    phrase does not count the members); ``family``: the group's (:func:`compared`). See
    :func:`stadstrends.publish.groups.describe`."""

    first: str
    again: str = ""
    first_n: str = ""
    again_n: str = ""
    family: str = ""  # the group's family: words of its own in compared()

    def pick(self, named: bool) -> tuple[str, str]:
        """``(group, group_n)``: the second naming when ``named`` and there is one."""
        if named and self.again:
            return self.again, self.again_n
        return self.first, self.first_n


#: Most decimals beyond a sentence's own that may tell a figure from its group's median:
#: figures alike even then are 'gelijk aan de mediaan' (8,957 beside 8,960), apart 'rond de
#: mediaan'; both are printed at the sentence's decimals (before session 54 '0,25% tegen
#: 0,32%' where both print '0,3%', beside '0,3%' on the tile)
NEAR_EXTRA = 1


def near_median(value: float, median: float, decimals: int | None,
                step: float | None) -> bool:
    """Whether ``value`` is no further from its group's ``median`` than the figures' rounding
    unit: a unit of the catalogue's ``decimals``, or the coarser ``step`` a computed figure is
    printed to (CBS's unit of a published mean: gas use per dwelling to tens). Kies richting's
    rule (``signal_kies``, position ``near_median``: no label; two figures each rounded to
    half a unit can be a unit apart while equal): in no half and no quarter. The report's
    words follow the printed figures (:func:`printed_apart`): Zwolle's crimes per 1 000 in
    2024, 52,9 against a median of 52,8, are 'net boven de mediaan', not 'in het hoogste
    kwart'; 970 m³ against 965 m³ of a mean CBS rounds to tens 'rond de mediaan'."""
    units = [10.0 ** -int(decimals)] if decimals is not None and decimals == decimals else []
    unit = max([*units, step or 0])
    return unit > 0 and abs(value - median) <= unit * (1 + 1e-6)


def printed_apart(value: float, median: float, digits: int | None, decimals: int | None,
                  step: float | None) -> bool:
    """Whether ``value`` and ``median``, each as the sentence prints it (``digits``
    decimals, else the catalogue's ``decimals``), differ by a whole rounding unit or more
    (:func:`near_median`'s: a unit of ``decimals`` or the coarser ``step``): a reader sees
    two figures a step apart, which 'rond de mediaan' contradicts ('10% tegen 9%' for a
    share printed whole), where '970 tegen 965 m³' of a figure CBS rounds to tens is
    within its rounding."""
    places = digits if digits is not None else decimals
    if places is None or places != places:
        return True
    units = [10.0 ** -int(decimals)] if decimals is not None and decimals == decimals else []
    unit = max([*units, step or 0])
    shown = [round_half_away(v * 10 ** int(places)) / 10 ** int(places) for v in (value, median)]
    return unit > 0 and abs(shown[0] - shown[1]) >= unit * (1 - 1e-6)


def group_clause(w: Writer, s: Sentence, f: dict, dated: bool = False) -> str:
    """The position of ``f['bench']`` in the writer's group, its numbers cited in ``s``:
    'Daarmee zit X in het hoogste kwart van de {group} (mediaan m)', 'Daarmee zit X onder de
    mediaan van de {group} (m)' ('mediaan' said once); over fewer than the
    group's members: '... van de 30 gemeenten van de {group} die cijfers hebben (mediaan m; geen
    cijfer voor 11 van de 41)'; among fewer than :data:`MIN_QUARTER_N`: 'Daarmee staat X op
    plaats 1 van de 4 gemeenten van de {group} (1 = hoogste; mediaan m)'; a value no further
    from the median than the figures' rounding (:func:`near_median`, the rule of Kies
    richting): 'Daarmee zit X rond de mediaan van de {group} (970 tegen 965 m³)', or
    where the two print a whole unit apart (:func:`printed_apart`) 'net boven de mediaan van
    de {group} (10% tegen 9%)'; the median
    alone where the two print the same ('(0,3%)', not '(0,25% tegen 0,32%)': every figure of
    an indicator at its catalogue decimals, in the report as on the tile, the profile and in
    `show`); a value printed as the median even one decimal finer
    (:func:`~.sentence_numbers.apart_digits`, :data:`NEAR_EXTRA`): 'gelijk aan de mediaan van
    ... (m)'. ``dated``: after a trend clause, not a level, the clause names its year instead
    of 'Daarmee' ('In 2023 zit X ...'): a trend does not imply it.
    The group is named as ``w.names`` says: in full the first time in a section, shorter
    after (``w.named``)."""
    b = f["bench"]
    pct = b["percentile"]
    top, bottom = w.settings.top_percentile, w.settings.bottom_percentile
    idx = 3 - quarter(pct, top, bottom)  # where_top .. where_bottom
    coarse = (f.get("computed") or {}).get(int(b["year"]))
    # printed finer where its rounding would print it as the value (965 m³ beside 970 m³)
    step = median_step(b["median"], b["value"], coarse)
    shown = round_half_away(b["median"] / step) * step if step else b["median"]
    # equal when not even one decimal finer tells them apart (0,25% beside 0,32%: apart)
    same = apart_digits(b["value"], shown, f["unit"], f.get("digits"), NEAR_EXTRA) is None
    if same:  # the median at its own unit, as the value prints (970 m³, not 970,04 m³)
        step = coarse or 0
    # apart, yet alike as printed: one figure, one precision (the tile's, the profile's,
    # `show`'s): near the median, which is printed alone, not both finer ('19,25% tegen
    # 19,34%' beside '19,3%' on the tile: Deventer's 65-plussers until session 54)
    beside = not same and w._number(f, b["value"]) == w._number(f, shown)
    near = not same and (beside or near_median(b["value"], b["median"], f.get("decimals"),
                                               coarse))
    # within a unit, yet printed a unit apart ('10% tegen 9%'): just above or below the
    # median as the reader sees it, not 'rond' (before session 55 'rond de mediaan')
    just = near and not beside and printed_apart(b["value"], shown, f.get("digits"),
                                                 f.get("decimals"), coarse)
    n, missing = counts(b, w.size)
    ranked = not same and by_rank(n) and b.get("rank") is not None
    median = with_zero(w._val(s, f, b["year"], "median", b["median"], step=step),
                       b.get("median_zeros"), w.lang)  # '0,0, berekend uit een op 0 ...'
    if near and not ranked and not beside:  # the figure beside the median: 52,9 tegen 52,8
        number = w._number(f, shown)  # as _val printed it
        unit = median[len(number):] if median.startswith(number) else ""
        value = w.cite(s, f["indicator_id"], b["year"], "value", b["value"],
                       w._number(f, b["value"]))
        # a unit written apart once, after the median ('33,0 tegen 33,1 duizend euro'); a
        # sign joined to each figure stays with both ('10% tegen 9%')
        shared = "" if unit.startswith(" ") else unit
        median = w.t("median_near", value=value + shared, median=median)
    elif not same and (ranked or (idx in (0, 3) and not near)):
        median = w.t("median_is", median=median)

    def count(fld: str, value: int) -> str:
        return w.cite(s, f["indicator_id"], b["year"], fld, value, str(value))

    rank = count("rank", int(b["rank"])) if ranked else ""
    # n is printed where the group's phrase does not give it
    shown_n = count("n", n) if missing or (ranked and not w.counted) else ""
    n_cut = min(int(b.get("n_cut") or 0), missing)  # left out by a cut copy of a table
    if n_cut:
        aside = cut_aside(w.lang, count("n_without", missing), count("n_members", int(w.size)),
                          count("n_cut", n_cut) if n_cut < missing else "",
                          b.get("cut_tables") or [])
    else:
        aside = w.t("without_figures", missing=count("n_without", missing),
                    size=count("n_members", int(w.size))) if missing else ""
    group, group_n = w.names.pick(w.named)
    w.named = True  # the next position in this section names the group shorter
    who = compared(cut_words(w.words, w.lang) if n_cut else w.words, group, shown_n, missing,
                   ranked, w.counted, group_n, w.names.family)
    key = "_in" if dated else ""
    year = w._year(s, b["year"]) if dated else ""
    if same:  # as printed: 'gelijk aan de mediaan', not 'boven de mediaan (12,3%)'; the
        # median member itself (its figure is the median, its place the middle one, shared
        # with no other member): 'precies in het midden van'; a median member tied with
        # others is as much in the middle as they are: 'gelijk aan de mediaan' (four
        # municipalities printing 3,3% in Súdwest-Fryslân's size group each said 'precies
        # in het midden')
        span = tie_span(b, w.outsider)
        middle = math.isclose(b["value"], b["median"], rel_tol=1e-12, abs_tol=1e-12) and \
            b.get("rank") is not None and int(b["rank"]) == (n + 1) // 2 and \
            span is not None and math.isclose(span[0], span[1])
        s.place = ""
        return w.t(("position_middle" if middle else "position_equal") + key, city=w.city,
                   group=who, median=median, aside=aside, year=year)
    if ranked:
        s.place = "rank"
        return w.t("position_rank" + key, city=w.city, rank=rank, group=who, median=median,
                   aside=aside, year=year)
    if just:  # a unit apart as printed: 'net boven de mediaan (10% tegen 9%)'
        s.place = "half"
        where = w.words["where_just_above" if b["value"] > b["median"] else "where_just_below"]
        return w.t("position" + key, city=w.city, where=where, group=who, median=median,
                   aside=aside, year=year)
    if near:  # within the figures' rounding: in no half and no quarter, as Kies richting
        s.place = ""
        return w.t("position_near" + key, city=w.city, group=who, median=median,
                   aside=aside, year=year)
    if idx in (1, 2):  # the half the figure is in, as its median beside it says; the
        # words name the median: 'onder de mediaan van de {group} (342 duizend euro)'
        idx = 1 if b["value"] > b["median"] else 2
    # tied with members on both sides of its quarter's cut: on its edge, as Kies richting
    edge = idx in (0, 3) and across_cut(pct, tie_span(b, w.outsider), top, bottom)
    # a share one case more or less moves to the quarter's cut or past it: around its edge,
    # as Kies richting gives it no label (rounding.one_case_marked, signal_kies.one_case)
    case = not edge and idx in (0, 3) and b.get("one_case") == ("top", "bottom")[idx // 3]
    # the figure is the cut itself (Haarlem's arrears of 2024, 1,0% at its group's p25): on it
    on_cut = case and round(b["value"] - b["p75" if idx == 0 else "p25"], 9) == 0
    where = w.words[("where_top", "where_above", "where_below", "where_bottom")[idx]
                    + ("_edge" if edge or on_cut else "_case" if case else "")]
    if case and not on_cut:  # where the cut lies and, after the sentence, why 'rond'
        where, s.place_note = case_words(w, s, f, where, idx == 0)
    if edge:  # the figure itself, cited again (after the median, 'dit cijfer' read as that
        # one); its marks ('voorlopig') are with it earlier in the sentence: not a 2nd bracket
        aside += w.t("edge_tied", value=w._val(s, f, b["year"], "value", b["value"],
                                               after=[]))
    s.place = "" if edge or case else "quarter" if idx in (0, 3) else "half"
    return w.t("position" + key, city=w.city, where=where, group=who, median=median,
               aside=aside, year=year)


def case_words(w: Writer, s: Sentence, f: dict, where: str, top: bool) -> tuple[str, str]:
    """The words of a position one case from its quarter's cut (``where``: 'rond de grens
    van het laagste kwart ({cut})') with the cut's value, printed as the sentence prints its
    figures and cited (``p25``, ``p75`` of ``group_benchmarks``), and the sentence after the
    position saying why 'rond' (``case_why_*``, one case named as the indicator's:
    :func:`~stadstrends.publish.small_base_words.one_case`). Schiermonnikoog's cleared crimes
    of 2024, 13,6% under GK1's p25: 'rond de grens van het laagste kwart (16,0%) ...' and 'Met
    één opgehelderd misdrijf meer zou het cijfer op of boven die grens liggen.'; where only
    CBS's rounding can carry it across (``one_case_reason`` 'cbs_rounding'),
    'case_why_rounding'."""
    b, fld = f["bench"], "p75" if top else "p25"
    # finer where it would print as the figure ('0,8% ... (0,75%)', Noord-Beveland's arrears)
    finer = apart_digits(b["value"], b[fld], f["unit"], f.get("digits"))
    fine = finer is not None and finer > (f.get("digits") or 0)
    cut = with_zero(w._val(s, {**f, "digits": finer} if fine else f, b["year"], fld, b[fld],
                           step=0 if fine else None, after=[]), b.get(f"{fld}_zeros"), w.lang)
    if b.get("one_case_reason") == "cbs_rounding":  # the figure named: 'dit cijfer' after
        # the median's bracket would read as the median
        edge = half_unit_off(b["value"], b[fld], b.get("one_case_unit"))
        return where.format(cut=cut), " " + w.t(
            "case_why_rounding_edge" if edge else "case_why_rounding",
            value=w._val(s, f, b["year"], "value", b["value"], after=[]))
    return where.format(cut=cut), " " + w.t("case_why_top" if top else "case_why_bottom",
                                            one=one_case(f.get("indicator_id") or "", w.lang))


def near_printed(value: float, other: float, decimals: int | None,
                 step: float | None) -> bool:
    """:func:`near_median` against ``other`` as it is printed (rounded, halves away from zero,
    to the same unit): a computed ommeland of 3,3228% is printed 3,3% and lies one unit from
    Dijk en Waard's unemployment of 3,2% in 2024, 'rond het niveau van het ommeland (3,3%)'
    as the median beside it is 'rond' ('3,2% tegen 3,3%'), not 'lager dan'."""
    units = [10.0 ** -int(decimals)] if decimals is not None and decimals == decimals else []
    unit = max([*units, step or 0])
    shown = round_half_away(other / unit) * unit if unit > 0 else other
    return near_median(value, shown, decimals, step)


def compared_key(value: float, omm: float, f: dict, unit: float | None,
                 number: Callable[[float], str]) -> str:
    """The words' key of a figure by its ommeland ``omm`` (``unit``: the step a computed
    ommeland is printed to, tens of m³), read from the two as printed (``number``: the
    sentence's printing): 'gelijk aan' where they print alike ('2.260 kWh' beside an ommeland
    of 2 256,5 printed '2.260 kWh'), within a unit (:func:`near_printed`) 'iets hoger/lager
    dan' where they print a unit apart ('3,2%' beside '3,3%': :func:`printed_apart`) or 'rond
    het niveau van' where closer, else 'hoger/lager dan'."""
    side = "higher" if value > omm else "lower"
    near = near_printed(value, omm, f.get("decimals"), unit)
    omm = round_half_away(omm / unit) * unit if unit else omm  # as printed
    if number(value) == number(omm):
        return "compared_equal"
    if near:
        apart = printed_apart(value, omm, f.get("digits"), f.get("decimals"), unit)
        return f"compared_slightly_{side}" if apart else "compared_near"
    return f"compared_{side}"
