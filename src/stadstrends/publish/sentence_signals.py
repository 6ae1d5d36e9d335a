"""Sentences for the city profile: one per ``signals`` row and per ``kies_richting`` row.

Templates of the language files (section ``profile``, :mod:`stadstrends.vocabulary`), filled
with numbers from :mod:`stadstrends.publish.sentences` (1.234,5; 12,3%; '+1,2 procentpunt').
Unlike the report, the profile prints the catalogue unit as it is ('7,2 rapportcijfer'); euro
amounts as the report ('52,6 duizend euro': the city page shows these sentences beside its
tiles, which print the report's; '€ 52.600' there read as another figure). A row's title:
``title_<lang>``, else ``title_nl``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish import cut_members
from stadstrends.publish import group_count as gc
from stadstrends.publish.figure_notes import meaning_short, offset_note
from stadstrends.publish.gap_absolute import abs_figures
from stadstrends.publish.kies_change import since_change
from stadstrends.publish.median_zeros import with_zero
from stadstrends.publish.ommeland_dominant import marked_ommeland
from stadstrends.publish.positions import by_rank, compared, counts, cut_aside, cut_words
from stadstrends.publish.sentence_numbers import (
    change_number,
    change_unit,
    join,
    number,
    printed_difference,
    shared_digits,
    with_unit,
)
from stadstrends.publish.sentence_verdicts import (
    against_words,
    in_bracket,
    own_printed,
    precision_words,
    small_counts_words,
    unchanged,
)
from stadstrends.publish.sentence_words import EURO_UNITS, GAP_MOVES, WORDS, marked_year, other_side
from stadstrends.publish.small_base_words import (
    sampled_aside,
    small_base,
    small_base_brief,
    survey_peers,
)
from stadstrends.publish.trend_line import line_places, off_words

VALENCE = vocabulary.BySection("valence")
KINDS = vocabulary.BySection("signal_kinds")
VERDICTS = vocabulary.BySection("verdicts")
LABELS = vocabulary.BySection("kies_labels")
POSITIONS = vocabulary.BySection("kies_positions")
MOMENTUM = vocabulary.BySection("kies_momentum")
PROFILE = vocabulary.BySection("profile")
# the Dutch sections, as the profile's ``*_nl`` fields use them
VALENCE_NL, KIND_NL, VERDICT_NL, LABEL_NL = (VALENCE["nl"], KINDS["nl"], VERDICTS["nl"],
                                            LABELS["nl"])


#: the types DuckDB's rows hold, whose missing values are None and NaN only
_PLAIN = frozenset({type(None), bool, int, float, str, Decimal, date, datetime})


#: a gap signal's kind -> the gap trend's classification (:func:`~.sentence_words.other_side`)
GAP_VERDICTS = {"gap_widening": "diverging", "gap_narrowing": "converging"}

def missing(x: Any) -> bool:
    """True for None, NaN and pandas' NA (as ``pandas.isna``; pandas imported only for a
    value that is no plain Python scalar: a report reads none, never importing its 0.4 s)."""
    if type(x) in _PLAIN:
        return x is None or x != x  # noqa: PLR0124 (NaN)
    import pandas as pd

    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _num(x: Any) -> float | None:
    return None if missing(x) else float(x)


def value_text(x: Any, unit: str | None, short: bool = False, lang: str = "nl",
               digits: int | None = None) -> str:
    """A value with its unit: '3,5%', '52,6 duizend euro', '27,4 per 1 000 inwoners';
    ``short`` (table cells) leaves out units other than % and euro; ``digits``: the decimals
    it shares with the figures beside it (:func:`digits_of`)."""
    x, unit = _num(x), unit or ""
    shown = number(x, unit, lang, digits)
    euro = unit in EURO_UNITS
    if x is None or (short and not euro):
        return shown
    return with_unit(shown, unit, lang, named=lang != "nl" or euro)


def difference_text(x: Any, unit: str | None, sign: bool = True, short: bool = False,
                    lang: str = "nl", digits: int | None = None) -> str:
    """A difference of two values: '+1,2 procentpunt', '−0,35 m3', '+1,2 duizend euro'; ``short``
    (table cells): '+1,2 %-punt', other units than % and euro left out; digits: value_text's."""
    x, unit = _num(x), unit or ""
    shown = change_number(x, unit, lang, sign=sign, digits=digits)
    if x is not None and unit in EURO_UNITS:
        return join(shown, change_unit(unit, lang))
    return shown if x is None else join(shown, change_unit(unit, lang, lang != "nl", short,
                                                       shown))


def digits_of(values: list[Any], unit: str | None, decimals: Any = None) -> int:
    """The decimals one sentence's figures of an indicator share
    (:func:`~stadstrends.publish.sentence_numbers.shared_digits`: the catalogue's
    ``decimals``; without them by size, a balance one with a negative figure among them)."""
    numbers = [_num(x) for x in values]
    return shared_digits(numbers, unit or "", any(x is not None and x < 0 for x in numbers),
                         None if missing(decimals) else int(decimals))


def printed_change(first: Any, change: Any, digits: int | None) -> float | None:
    """The change from ``first`` to ``first + change`` as a reader computes it from the two
    levels printed with ``digits`` decimals, as the report and the tiles print it: Zwolle's
    cleared crimes 'van 32,1% naar 29,8%' is −2,3 procentpunt, not the unrounded −2,4
    (:func:`~stadstrends.publish.sentence_numbers.printed_difference`). None without ``change``;
    without ``first`` or ``digits`` the change itself."""
    if missing(change):
        return None
    if missing(first) or digits is None or missing(digits):
        return float(change)
    first = float(first)
    digits = int(digits)
    return printed_difference(first, first + float(change), digits)


def _year(x: Any) -> str:
    return "?" if missing(x) else str(int(x))


def _marked(row: Mapping[str, Any], key: str, lang: str, stale: bool = True) -> str:
    """The year in ``row[key]`` with its marks ('2023, voorlopig': :func:`~stadstrends.
    publish.sentence_words.marked_year`, from the row's ``provisional`` and ``fresh_from``);
    ``stale`` False: no 'verouderd' (a trend's first year is old, never out of date). A
    stock CBS counts on 31 December shown at the next year (``row['year_offset']``: payment
    arrears) says which day, as the tiles do: '2024, stand op 31 december 2023'
    (:func:`~stadstrends.publish.figure_notes.offset_note`)."""
    if missing(row.get(key)):
        return "?"
    shown = row if stale else {**row, "fresh_from": None}
    year = int(row[key])
    return ", ".join(filter(None, [marked_year(shown, year, lang),
                                   offset_note("mark", row.get("year_offset"), lang, year)]))


def _title(row: Mapping[str, Any], lang: str) -> str:
    return row.get(f"title_{lang}") or row["title_nl"]


def _counts(row: Mapping[str, Any], size: int | None) -> tuple[int | None, int]:
    """:func:`~stadstrends.publish.positions.counts` of a row whose ``n`` may be NaN."""
    return counts({"n": None if missing(row.get("n")) else row.get("n")}, size)


def signal_sentence(s: Mapping[str, Any], group: str | None = None, lang: str = "nl",
                    size: int | None = None, city: bool = True) -> str:
    """:func:`signal_text` with the signal's verdict: '... (3,8%) — gunstig.'."""
    text, w = signal_text(s, group, lang, size, city), PROFILE[lang]
    if s["kind"] == "trend" and s.get("current_prices") and s.get("valence") not in (
            "favourable", "adverse"):  # why no verdict, not a bare 'neutraal'
        return w["signal_current_prices"].format(text=text)
    return w["signal"].format(text=text, valence=VALENCE[lang].get(s.get("valence"),
                                                                   VALENCE[lang]["neutral"]))


def signal_text(s: Mapping[str, Any], group: str | None = None, lang: str = "nl",
                size: int | None = None, city: bool = True, after: str = "") -> str:
    """A ``signals`` row (or dict with the same keys) in words, without its verdict (the
    title first: '{title}: ...' in every language); ``group`` names the comparison group
    ('de <set>', 'de 64 gemeenten met ...'), ``size`` its number of members (a rank over
    fewer says how many have no figure; those a cut copy of a table left out, ``n_cut`` and
    ``cut_tables`` of :func:`~stadstrends.publish.cut_members.mark_rows`, that they are
    missing from it; ``outsider``: no member, placed among them and itself); ``city``: a
    city of the city or featured set (:func:`~.read.is_city`), else a gap names 'de
    gemeente'. ``after``: the bullet's text before, which said the figure and year
    (:mod:`~.signal_pairs`): a trend then says its start and change, a gap its ommeland."""
    w = PROFILE[lang]
    group = group or w["default_group"]
    title, unit, kind = _title(s, lang), s.get("unit"), s["kind"]
    if what := meaning_short(s.get("indicator_id", ""), lang):  # not its inhabitants
        title = f"{title} ({what})"
    y = ", ".join(filter(None, [_marked(s, "year", lang), small_base_brief(s, lang)]))  # few cases
    y0 = _year(s.get("first_year"))
    shown = ("first_value", "value") if kind == "trend" else (
        "value", "median") if kind == "group_deviation" else ("value", "ommeland_value")
    digits = digits_of([s.get(k) for k in shown], unit, s.get("decimals"))

    def val(x: Any) -> str:
        return value_text(x, unit, lang=lang, digits=digits)

    def omm(x: Any) -> str:  # 'ongeveer 7%', '165,0, vooral bepaald door Westerwolde'
        return marked_ommeland(val(x), s.get("ommeland_rough"), s.get("ommeland_dominant"), lang)

    value = val(s.get("value"))
    if kind == "trend":
        verb = vocabulary.section(lang, "trend_verbs" + "_after" * bool(after)).get(
            s.get("movement"), w["trend_verb"])  # after: 'sinds 2016 gedaald van 4,1%'
        change = difference_text(printed_change(s.get("first_value"), s.get("change"), digits),
                                 unit, lang=lang, digits=digits)
        line = s.get("line")
        if line and line["first_year"] == s.get("first_year"):  # an end far off the line
            change = vocabulary.word(
                lang, "sentences", "line_change", off=off_words(lang, line["off"]),
                slope=difference_text(line["slope"], unit, lang=lang,
                                      digits=line_places(line, digits)))
        y0, brief = _marked(s, "first_year", lang, stale=False), small_base_brief(s, lang)
        marks = y0.partition(WORDS[lang]["marks_sep"])[2] if after else ""  # 'stand op ...'
        text = w["trend_after" if after else "trend"].format(
            title=title, verb=verb, value=value, y=y,
            first=val(s.get("first_value")) + (f" ({marks})" if marks else ""), y0=y0,
            year0=_year(s.get("first_year")), change=change + sampled_aside(s, lang) + (
                f" ({brief})" if after and brief and brief not in after else ""))
        if s.get("current_prices"):  # euro: part of the change is inflation
            text += ", " + vocabulary.word(lang, "words", "current_prices_short")
        if s.get("indicative"):
            text += w["indicative"]
        elif not missing(s.get("p_value")):
            text += w["significant"]
    elif kind == "group_deviation":
        where = w["above" if s.get("movement") == "above" else "below"]
        median = with_zero(val(s.get("median")), s.get("median_zeros"), lang)  # '0,0, berekend'
        text = w["group_deviation"].format(title=title, value=value, y=y, where=where,
                                           group=group, median=median)
        n, absent = _counts(s, size)
        n_cut = min(int(s.get("n_cut") or 0), absent)  # left out by a cut copy of a table
        out = "_outsider" if s.get("outsider") else ""  # ranked among members and itself
        kw = {"n": n and gc.out_of(n, bool(out)), "counted": gc.counted_words(lang)}
        if not missing(s.get("rank")) and n is not None and n_cut:  # not 'zonder cijfers'
            text += cut_members.word(lang, "rank" + out, rank=int(s["rank"]), **kw, aside=(
                cut_aside(lang, str(absent), str(size), str(n_cut) if n_cut < absent else "",
                          s.get("cut_tables") or [])))
        elif not missing(s.get("rank")) and n is not None:
            text += w[("rank_some" if absent else "rank") + out].format(
                rank=int(s["rank"]), missing=absent, size=size, **kw)
    elif kind == "ommeland_deviation":
        where = w["higher" if s.get("movement") == "above" else "lower"]
        text = w["ommeland_deviation"].format(title=title, value=value, y=y, where=where,
                                              ommeland=omm(s.get("ommeland_value")))
    else:
        moves = GAP_MOVES[lang]
        sfx = "" if city else "_municipality"
        who = w["the_city" if city else "the_municipality"]
        move = moves.get(s.get("movement"), moves["stable"]).format(city=who) + other_side(
            {**s, "classification": GAP_VERDICTS.get(kind)}, lang, who) + abs_figures(
            {**s, "last_year": s.get("year")}, unit, s.get("decimals"), lang)  # ': van +29,6'
        text = w["gap_after" if after else "gap" + sfx].format(  # after: the ommeland alone
            title=title, value=value, ommeland=omm(s.get("ommeland_value")), y=y, y0=y0, move=move)
    if s.get("projection"):
        text += w["projection"]
    return text


def _kies_tested(k: Mapping[str, Any]) -> bool:
    """A trend was tested: one exists and is not ``indicative`` (too few years, e.g. the
    three years of youth protection since the 2021 break)."""
    return not missing(k.get("trend")) and k.get("indicative") not in (True, 1)


def _kies_momentum(k: Mapping[str, Any], lang: str) -> str:
    """'gunstige trend', 'geen significante trend' where a trend was tested ('een daling', then
    'maar binnen de afronding van het CBS niet zeker significant' where that rounding could
    undo it: :func:`kies_parts`), else that there are too few recent, comparable years for a
    test; '' for one untested for its few distinct values (``untested_reason``)."""
    if k.get("untested_reason") == "few_distinct_values":
        return ""
    if not _kies_tested(k):
        return PROFILE[lang]["kies_untested"]
    momentum = MOMENTUM[lang]
    if k.get("rests_on_rounding") and k.get("trend") in ("rising", "falling"):
        return momentum["rounding_" + k["trend"]]  # kies_richting counts it as no momentum
    if k.get("momentum") == "neutral" and k.get("trend") in ("rising", "falling"):
        return momentum["current_" + k["trend"]]  # euro in current prices: no verdict
    return momentum.get(k.get("momentum"), momentum["none"])


def kies_sentence(k: Mapping[str, Any], group: str | None = None, lang: str = "nl",
                  size: int | None = None, counted: bool = False, group_n: str = "",
                  family: str = "") -> str:
    """One sentence from a ``kies_richting`` row: its head and why it is there
    (:func:`kies_parts`, the same arguments) in one."""
    return "".join(kies_parts(k, group, lang, size, counted, group_n, family))


def own_first(k: Mapping[str, Any]) -> Mapping[str, Any]:
    """A Kies richting row ``k`` with its ``first_value`` as printed where recalculated
    (:func:`~stadstrends.publish.sentence_verdicts.own_printed`) and its ``change`` from
    it, so that the change is the difference of the printed figures."""
    first, change = k.get("first_value"), k.get("change")
    if missing(first) or missing(change) or missing(k.get("first_year")):
        return k
    shown = own_printed(k, first, k["first_year"])
    return {**k, "first_value": shown, "change": change + first - shown}


def kies_parts(k: Mapping[str, Any], group: str | None = None, lang: str = "nl",
               size: int | None = None, counted: bool = False, group_n: str = "",
               family: str = "") -> tuple[str, str]:
    """A ``kies_richting`` row's sentence in two parts: its head (title, figure and year
    with its marks: 'Gemiddeld aardgasverbruik per woning: 940 m³ (2023, voorlopig), ') and
    why it is there (the city page's Waarom): position within ``group`` (of ``size``
    members: over fewer, how many have no figure; among fewer than ``MIN_QUARTER_N`` its
    rank) and movement, its change once (:mod:`~.kies_change`: the figures where they moved
    against the label, :func:`~.sentence_verdicts.against_words` on ``k``'s ``trend_row``
    and ``caveats_en``; the line's slope from a first year far off it), better peers;
    ``counted``: whether ``group`` names its number of members; ``group_n``: ``group`` with
    ``{n}`` for that number (over fewer: 'de 173 gemeenten met ... die cijfers hebben');
    ``family``: the group's, for words of its own (:func:`~.positions.compared`). A share
    CBS computes from small numbers ends with the report's caveat
    (:func:`~stadstrends.publish.small_base_words.small_base`)."""
    w = PROFILE[lang]
    group = group or w["default_group"]
    unit = k.get("unit")
    n, absent = _counts(k, size)
    aside = w["kies_without"].format(missing=absent, size=size) if absent else ""
    n_cut = min(int(k.get("n_cut") or 0), absent)  # left out by a cut copy of a table
    if n_cut:  # 'ontbreken in de onvolledig opgehaalde versie van CBS-tabel ...'
        aside = cut_aside(lang, str(absent), str(size), str(n_cut) if n_cut < absent else "",
                          k.get("cut_tables") or [])
    ranked = by_rank(n) and not missing(k.get("rank_in_group"))
    words = {"compared_some": w["kies_some"], "compared_all": w["kies_all"],
             "compared_some_peers": w["kies_some_peers"]}
    who = compared(cut_words(words, lang) if n_cut else words, group,
                   str(n), absent, ranked, counted, group_n, family)
    if ranked:
        where = POSITIONS[lang]["rank"].format(rank=int(k["rank_in_group"]), group=who)
        aside = w["kies_rank_note"] + aside
    else:
        where = POSITIONS[lang].get(k.get("position"), w["kies_where"]).format(group=who)
    peers = k.get("better_peers") or []
    digits = digits_of([k.get("value"), k.get("median"), k.get("first_value")]
                       + [p.get("value") for p in peers], unit, k.get("decimals"))
    head = w["kies_head"].format(title=_title(k, lang), year=_marked(k, "year", lang),
                                 value=value_text(k.get("value"), unit, lang=lang,
                                                  digits=digits))
    momentum = _kies_momentum(k, lang)
    k = own_first(k)  # a recalculated first figure as printed: 1.430 m³, −460 m³ since
    change = difference_text(printed_change(k.get("first_value"), k.get("change"), digits),
                             unit, lang=lang, digits=digits)
    if not missing(k.get("first_value")) and not missing(k.get("change")):
        # equal first and last figures: 'per saldo gelijk gebleven', not '(0 procentpunt)'
        change = unchanged(k.get("trend"), *(value_text(v, unit, lang=lang, digits=digits) for v
                                             in (k["first_value"], k["first_value"] + k["change"])),
                           lang) or change
    decimals = None if missing(k.get("decimals")) else int(k["decimals"])
    counted = None if missing(k.get("n_counts")) else int(k["n_counts"])
    if k.get("untested_reason") == "few_distinct_values" and counted is not None \
            and counted < int(k["n_distinct"]):  # the count CBS rounds behind a ratio
        step = int(k.get("count_unit") or 0)  # CBS's unit (``unit`` is the figure's)
        key = f"precision_step_{step}" if step in (5, 10, 100, 1000) else "precision_0"
        momentum += w["kies_count_steps_one" if counted == 1 else "kies_count_steps"].format(
            precision=WORDS[lang][key], year=_year(k.get("first_year")), n=counted,
            change=change)
    elif k.get("untested_reason") == "few_distinct_values":  # profile_domains.mark_tested
        n = int(k["n_distinct"])
        momentum += w["kies_steps_one" if n == 1 else "kies_steps"].format(
            precision=precision_words(lang, unit or "", decimals, k.get("computed"),
                                      (k.get("first_year"), k.get("year"))),
            year=_year(k.get("first_year")), n=n, change=change)
    elif _kies_tested(k):
        change = since_change(k, change, digits, lang)  # once; an outlier start: the line
        if change and not missing(k.get("first_year")) and not missing(k.get("change")):
            momentum += w["kies_since"].format(year=_year(k.get("first_year")), change=change)
        if k.get("rests_on_rounding") and k.get("trend") in ("rising", "falling"):
            momentum += w["kies_rounding_note"]  # 'een daling sinds 2016 (...), maar ...'
        # a trend on small counts, as the report's sentence and the tile say it
        counts = k.get("trend_row") or {}  # a balance: 'op een klein saldo'
        momentum = in_bracket(momentum, small_counts_words(
            counts.get("mean_count"), k.get("small_count") or 0, lang, bool(counts.get("signed"))))
        # the figures' movement against the label, as the report's Waarom says it
        momentum = against_words(momentum, k.get("trend_row"), k.get("label"),
                                 {"unit": unit or "", "decimals": decimals,
                                  "direction": k.get("direction"),
                                  "caveats_en": k.get("caveats_en")},
                                 {key: k.get(key) for key in ("provisional", "fresh_from",
                                                              "harmonised", "rounding")}, lang)
    text = w["kies"].format(where=where, aside=aside, momentum=momentum, median=with_zero(
        value_text(k.get("median"), unit, lang=lang, digits=digits), k.get("median_zeros"), lang))
    peers = [w["peer"].format(name=p["name"], value=value_text(p.get("value"), unit, lang=lang,
                                                               digits=digits))
             for p in peers]
    gone = k.get("peers_absent") or []  # peers with no figure: named, and why
    if peers:
        text += w["better_peers"].format(peers=", ".join(peers))
    elif k.get("n_peers_compared"):
        text += cut_members.word(lang, "no_better_part_with_figure") if gone else (
            w["no_better_peers"])
    text += cut_members.peers_part(lang, gone, k.get("year")) + "."
    return head, " ".join(w for w in (text, survey_peers(k.get("better_peers") or [], lang),
                                      small_base(k, lang)) if w)  # as the report's
