"""A trend sentence's verdict where 'geen significante trend' alone would mislead.

- A series with fewer than ``min_distinct_values`` (settings, 3) distinct values in its tested
  years was not tested (:mod:`stadstrends.analysis.trends`: steps between a source's rounded
  levels, Oss's low incomes 6, 6, 6, 6, 6, 7, 7, 7%): the sentence says so and why.
- A Kies richting strength whose printed figures moved the adverse way, or an urgent task
  whose figures moved the favourable way, without a significant trend (the rule: a strength
  does not worsen significantly, a task does not improve significantly): the sentence names
  that movement, so 'Urgent' does not stand beside a silent −29% (Súdwest-Fryslân's gas
  use per dwelling 2019-2023), with the catalogue's 'not adjusted for the weather' where it
  says so.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from stadstrends.publish.cut_members import names
from stadstrends.publish.format import (
    fmt_list,
    fmt_under,
    fmt_years,
    round_half_away,
)
from stadstrends.publish.harmonised import cbs_steps, round_computed
from stadstrends.publish.multiple_rule import says_relative
from stadstrends.publish.rounding import coarse_change
from stadstrends.publish.sentence_numbers import (
    change_number,
    change_unit,
    join,
    multiple,
    multiple_text,
    number,
    percent_change,
    printed_difference,
    relative_readable,
    shared_digits,
    with_unit,
)
from stadstrends.publish.sentence_words import WORDS, bracketed, figure_marks
from stadstrends.publish.trend_line import outlier_end

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Sentence, Writer

#: the catalogue caveat (``caveats_en``) that says an indicator is not weather-corrected
WEATHER_CAVEAT = "not adjusted for the weather"
#: Kies richting labels and the printed movement that goes against them
AGAINST = {"distinctive strength": "adverse", "urgent task": "favourable"}


def weather_dependent(meta: dict) -> bool:
    """Whether the catalogue says the indicator is not adjusted for the weather (gas)."""
    return any(WEATHER_CAVEAT in (c or "").lower() for c in meta.get("caveats_en") or ())


def steps_only(t: dict | None, min_distinct: int) -> bool:
    """A ``trends`` row whose test was not run for its few distinct values, or for the few
    distinct values of the count CBS rounds behind its ratio (``n_counts``: Vaals's
    self-employed, 600 and 700 in hundreds); not one with too few years (``indicative``)."""
    return bool(t) and not t.get("indicative") and (
        few(t.get("n_distinct"), min_distinct) or few(t.get("n_counts"), min_distinct))


def few(n: int | None, min_distinct: int) -> bool:
    """Whether ``n`` distinct values (None: not known) are fewer than ``min_distinct``."""
    return n is not None and int(n) < int(min_distinct)


def count_steps(t: dict, min_distinct: int) -> bool:
    """A :func:`steps_only` row whose figure itself has enough distinct values: only the
    count behind it has too few (a ratio of a count CBS rounds coarsely)."""
    return not few(t.get("n_distinct"), min_distinct) and few(t.get("n_counts"), min_distinct)


def printed_move(first: float, last: float, unit: str, decimals: int | None) -> str | None:
    """'rise', 'fall' or None (equal) between two figures as printed with the indicator's
    decimals (6,4% -> 6,6% at 0 decimals is no move)."""
    digits = shared_digits([first, last], unit, decimals=decimals)
    a, b = round_half_away(first, digits), round_half_away(last, digits)
    return None if a == b else "rise" if b > a else "fall"


def unchanged(classification: str | None, first: str, last: str, lang: str) -> str | None:
    """'per saldo gelijk gebleven' ('no net change') in place of a change of zero ('(0
    procentpunt)', '+0') where a trend without a significant direction (not tested, or no
    significant change; ``classification`` its ``trends`` or Kies richting one) starts and
    ends at the same printed figure (``first``, ``last``: Leeuwarden's low incomes, 16% in
    2016 and 2023); None otherwise (a significant trend keeps its figure)."""
    if classification in ("rising", "falling") or first != last:
        return None
    return WORDS[lang]["unchanged"]


def against(t: dict | None, label: str | None, direction: str | None, unit: str,
            decimals: int | None) -> str | None:
    """'rise' or 'fall' where a ``trends`` row ``t`` without a significant trend moved
    against its Kies richting ``label`` (a strength that rose where lower is better, an
    urgent task that fell there); else None. Indicators without a good direction: None."""
    if not t or not label or label not in AGAINST or t.get("indicative") \
            or t.get("classification") in ("rising", "falling") \
            or direction not in ("higher_better", "higher_worse"):
        return None
    move = printed_move(t["first_value"], t["last_value"], unit, decimals)
    if move is None:
        return None
    favourable = (move == "rise") == (direction == "higher_better")
    return move if (favourable and AGAINST[label] == "favourable") or (
        not favourable and AGAINST[label] == "adverse") else None


def against_words(how: str, t: dict | None, label: str | None, meta: dict, marked: dict,
                  lang: str, weather: bool = True) -> str:
    """``how`` (a Kies richting row's trend in words: the report's 'en verandert niet
    significant', the profile's 'geen significante trend') with the figures of its window
    where they moved :func:`against` the ``label``, said neutrally (a movement the test did
    not find significant): '…; van 1.350 m³ in 2019 naar 940 m³ (voorlopig) in 2023 (niet
    gecorrigeerd voor het weer)' (Oss's gas use, an urgent task). The profile's Kies line,
    the city page's Waarom and the report's Waarom (where its trend sentence does not give
    the figures just before it, ``direction_words.ends_said``) say it with these words
    (``words.against_moved``), the change once (:mod:`~.kies_change`). ``t``: the
    ``trends`` row (first/last value and year); ``meta``: the indicator's ``unit``,
    ``decimals``, ``direction`` and ``caveats_en`` (the weather,
    :func:`weather_dependent`, said where ``weather``: the report's Waarom leaves it to the
    trend sentence just before it, :func:`verdict_tail`); ``marked``: the last figure's
    marks as :func:`~stadstrends.publish.sentence_words.figure_marks` reads them
    (``provisional`` years, ``fresh_from``), a recalculated figure as :func:`own_printed`
    prints it, the first marked 'omgerekend'."""
    unit, decimals = meta["unit"], meta.get("decimals")
    move = against(t, label, meta.get("direction"), unit, decimals)
    if move is None or t is None:
        return how
    digits = shared_digits([t["first_value"], t["last_value"]], unit, decimals=decimals)
    first, last = (with_unit(number(own_printed(marked, t[k], t[y]), unit, lang, digits),
                             unit, lang)
                   for k, y in (("first_value", "first_year"), ("last_value", "last_year")))
    if int(t["first_year"]) in (marked.get("harmonised") or ()):  # '1.430 m³ (omgerekend)'
        first += f" ({WORDS[lang]['harmonised_short']})"
    marks = figure_marks(marked, t["last_year"], lang)  # '940 m³ (voorlopig)'
    last += f" {bracketed(marks, lang)}" if marks else ""
    text = WORDS[lang]["against_moved"].format(
        how=how, first=first, last=last, y0=int(t["first_year"]), y1=int(t["last_year"]))
    return WORDS[lang]["weather"].format(tail=text) if weather and weather_dependent(meta) \
        else text


def own_printed(marked: dict, value: float, year: int) -> float:
    """A city's ``value`` of ``year`` as printed: where it is recalculated for today's
    boundaries (``marked['harmonised']``, its years) rounded to its sources' unit
    (``marked['rounding']``, :func:`~stadstrends.publish.harmonised.recalculated_rounding`:
    Land van Cuijk's gas use of 2019, 1 434.3 m³, is 1 430), else as it is."""
    if year is None or int(year) not in (marked.get("harmonised") or ()):
        return value
    return round_computed(value, marked.get("rounding"), year)


def precision_words(w: Writer | str, unit: str, decimals: int | None,
                    steps: dict[int, int] | None = None, years: tuple | None = None) -> str:
    """'hele procenten', 'hele getallen', 'één decimaal': the printed precision of a series
    (``w``: a writer or its language); 'honderdtallen door het CBS' where CBS rounds the
    figures coarser than that in the years ``years`` (first, last): ``steps``, year -> unit
    (:func:`~stadstrends.publish.harmonised.cbs_steps`: jobs of 83582NED to 100, Rozendaal's
    regional customer potential to 10); 'hele procenten door het CBS' for a share printed
    with a decimal that CBS published in whole percents."""
    lang = w if isinstance(w, str) else w.lang
    step = max((u for y, u in (steps or {}).items() if years is None
                or int(years[0]) <= int(y) <= int(years[1])), default=0)
    digits = 1 if decimals is None and unit in ("%", "rapportcijfer") else decimals or 0
    if step >= 5 and round(step) in (5, 10, 100, 1000):
        return WORDS[lang][f"precision_step_{round(step)}"]
    if round(step, 9) == 1 and digits > 0:  # coarser than printed: whole ones
        return WORDS[lang]["precision_step_pct" if unit == "%" else "precision_step_1"]
    key = "precision_pct" if unit == "%" and digits == 0 else f"precision_{min(digits, 2)}"
    return WORDS[lang][key]


def steps_words(w: Writer, s: Sentence, f: dict, t: dict, prefix: str = "") -> str | None:
    """Why trend ``t`` of fact ``f`` was not tested (:func:`steps_only`): 'niet getoetst: het
    aantal erachter is afgerond op honderdtallen door het CBS en heeft in deze jaren maar 2
    verschillende waarden' (Vaals's self-employed), or its own figure's few values; None
    for a tested trend. ``prefix``: the cited fields' ('jump_': a ``jump_trends`` row)."""
    words, ind, least = WORDS[w.lang], f["indicator_id"], w.settings.min_distinct_values
    if not steps_only(t, least):
        return None
    if count_steps(t, least):  # the count behind a ratio: its own words
        n, unit = int(t["n_counts"]), round(t.get("count_unit") or 0)
        precision = words[f"precision_step_{unit}"] if unit in (5, 10, 100, 1000) else \
            words["precision_0"]
        if n == 1:
            return words["count_steps_one"].format(precision=precision)
        return words["count_steps"].format(precision=precision, n=w.cite(
            s, ind, t["last_year"], prefix + "n_counts", n, str(n)))
    n, precision = int(t["n_distinct"]), precision_words(
        w, f["unit"], f.get("decimals"), cbs_steps(f.get("computed"), f.get("published")),
        (t["first_year"], t["last_year"]))
    if n == 1:  # no number printed: 'in al deze jaren gelijk'
        return words["steps_one"].format(precision=precision)
    return words["steps"].format(precision=precision, n=w.cite(
        s, ind, t["last_year"], prefix + "n_distinct", n, str(n)))


def verdict_tail(w: Writer, s: Sentence, f: dict, tail: str) -> str:
    """The verdict of fact ``f``'s trend (``tail``: 'geen significante trend' or a
    significant one) as the sentence prints it: not tested for too few distinct values, or
    a movement against the indicator's Kies richting label named (see the module)."""
    t, words, ind = f["trend"], WORDS[w.lang], f["indicator_id"]
    untested = steps_words(w, s, f, t)
    if untested:
        return untested
    move = against(t, f.get("kies"), f.get("direction"), f["unit"], f.get("decimals"))
    if move is None or (outlier_end(t, f.get("values") or {},
                                    w.settings.min_distinct_values) is not None
                        and (move == "rise") != (t["theil_sen_slope"] > 0)):
        return tail  # no 'een daling' beside a line the sentence gives rising, or the reverse
    n = w.cite(s, ind, t["last_year"], "n_points", t["n_points"], str(int(t["n_points"])))
    gone = missing_years(t, f.get("years"))
    if gone:  # one bracket: '(2019 ontbreekt; niet gecorrigeerd voor het weer)'
        aside = missing_words(w, gone) + (f"; {words['weather_aside']}" if f.get("weather")
                                          else "")
        return words[f"none_{move}_gaps"].format(n=n, missing=aside)
    text = words[f"none_{move}"].format(n=n)
    return words["weather"].format(tail=text) if f.get("weather") else text


def missing_years(t: dict, years: list[int] | None) -> list[int]:
    """The years between a trend's first and last year without a figure for the city
    (``years``: those with one); [] when ``years`` is not known."""
    have = set(years or ())
    return [y for y in range(int(t["first_year"]), int(t["last_year"]) + 1)
            if have and y not in have]


def missing_words(w: Writer, years: list[int]) -> str:
    """'2019 ontbreekt', '2018 en 2020 ontbreken' ('no figure for 2019')."""
    return WORDS[w.lang]["missing_one" if len(years) == 1 else "missing_many"].format(
        years=names([str(y) for y in years], w.lang))


#: a missing year's stored reason (``indicator_gaps.reason``) -> the ``words`` key of its
#: short words in a trend's 'te weinig jaren' bracket (other reasons: 'ontbreekt'; the
#: report's 'Wat ontbreekt' gives every reason in full)
MISSING_WHY = {
    **dict.fromkeys(("missing_in_source", "suppressed_in_source", "no_value_for_year"),
                    "missing_why_source"),
    **dict.fromkeys(("table_cut", "predecessor_cut", "table_cut_within", "not_in_copy"),
                    "missing_why_cut"),
    **dict.fromkeys(("no_source_for_year", "omitted_by_catalogue"), "missing_why_none"),
    "not_surveyed": "missing_why_survey",
}


def indicative_tail(w: Writer, s: Sentence, f: dict) -> str:
    """'te weinig jaren voor een toets (3 jaren met cijfers)', with why the trend's years
    without a city figure have none, briefly, by their stored reasons (``f['missing']``:
    year -> ``indicator_gaps.reason``; the tables of those years from ``f['missing_tables']``):
    '(3 jaren met cijfers; 2018–2022 ontbreken in CBS-tabel 60039fvw)' (Vlieland's share of
    75-plussers 2017-2024: 60039fvw has no age figures for 2018-2022). Years whose empty cells
    are other municipalities' (``missing_in_source`` with the codes in ``f['missing_of']``:
    year -> their codes, names in ``f['names']``), the city's own cell there or the city not
    yet formed, name them: Amsterdam's Wmo clients '2018–2020 ontbreken in CBS-tabel 86050NED
    de cijfers van Weesp, nodig voor Amsterdam in de huidige grenzen' (it said '2018–2021
    ontbreken in de CBS-tabellen 83262NED en 86050NED', Amsterdam's own figures being there)."""
    t, words = f["trend"], WORDS[w.lang]
    n = w.cite(s, f["indicator_id"], t["last_year"], "n_points", t["n_points"],
               str(int(t["n_points"])))
    gone = missing_years(t, f.get("years"))
    if not gone:
        return words["indicative"].format(n=n)
    s.years.extend(gone)  # the years it prints (ranges: their ends among them)
    groups: dict[tuple[str, str], list[int]] = {}
    for y in gone:
        why, of = (f.get("missing") or {}).get(y, ""), (f.get("missing_of") or {}).get(y)
        key = "missing_why_part" if why == "missing_in_source" and of else MISSING_WHY.get(
            why, "missing")
        groups.setdefault((key, of or ""), []).append(y)
    parts = []
    for (key, of), ys in groups.items():
        tables = _tables(f, ys) if key in ("missing_why_source", "missing_why_cut",
                                           "missing_why_part") else []
        if tables:  # the table CBS left the cells empty in: '2018–2022 ontbreken in CBS-tabel
            # 60039fvw'; two: 'in de CBS-tabellen ...'; a cut copy: '2020–2022 niet in de
            # kopie van CBS-tabel 60039fvw in deze momentopname'
            key += "_table" if len(tables) == 1 else "_tables"
        parts.append(words[f"{key}_{'one' if len(ys) == 1 else 'many'}"].format(
            years=fmt_years(ys), tables=names(tables, w.lang), city=w.city, names=names(
                [(f.get("names") or {}).get(c, c) for c in of.split(",") if c], w.lang)))
    # a part naming other municipalities holds commas itself: the parts apart by semicolons
    apart = "; " if any(key == "missing_why_part" for key, _ in groups) else ", "
    return words["indicative_missing"].format(n=n, missing=apart.join(parts))


def _tables(f: dict, years: list[int]) -> list[str]:
    """The CBS tables the catalogue reads in ``years``, from ``f['missing_tables']``: year
    -> the ``tables`` of ``indicator_sources`` (texts of ids joined by ', ')."""
    found: list[str] = []
    for y in years:
        for text in (f.get("missing_tables") or {}).get(y) or ():
            found += [t for t in str(text).split(", ") if t and t not in found]
    return found


def change_clause(w: Writer, s: Sentence, f: dict, t: dict | None = None,
                  prefix: str = "") -> str:
    """The change from ``t``'s first to its last value (default: ``f['trend']``), cited
    as ``prefix`` + abs_change, rel_change ('+62%') or, from three times as high, multiple
    ('bijna 12 keer zo hoog', :func:`~.sentence_numbers.multiple`) ('jump_': a
    ``jump_trends`` row). A trend's change that CBS's rounding could undo
    (:func:`~stadstrends.publish.rounding.coarse_change`; the sentence then says so) is no
    percentage but the difference of the printed values: Kerkrade's new dwellings per 1 000,
    10 and 5 dwellings rounded to fives, '0,4 in 2016 naar 0,2 in 2023 (−0,2 per 1 000
    woningen ...)', not '(−50%)'."""
    undone = t is None and coarse_change(f)
    t = t or f["trend"]
    ind, ly = f["indicator_id"], t["last_year"]
    if f["unit"] == "%":  # the difference of the printed values: 33,4 -> 32,5 is -0,9
        digits = 1 if f.get("digits") is None else f["digits"]  # 8% -> 9%: +1
        change = printed_difference(t["first_value"], t["last_value"], digits)
        shown = change_number(change, "%", w.lang, digits=digits)
        return join(w.cite(s, ind, ly, prefix + "abs_change", change, shown),
                    change_unit("%", w.lang, shown=shown))
    first, last = t.get("first_value"), t.get("last_value")
    digits = f.get("digits")
    rel = t.get("rel_change")
    if undone or not says_relative(f, t) \
            or (first is not None and last is not None and first * last <= 0) \
            or (digits is not None and f.get("decimals") is not None and first is not None
                and last is not None and rel is not None and math.isfinite(rel)
                and not relative_readable(first, last, rel, digits)):
        # a balance (negative somewhere: migration balance, growth) or a series that starts
        # at zero or crosses it has no meaningful relative change, nor one that its printed
        # levels do not give; the difference of the printed values, with their decimals
        change = last - first if digits is None else printed_difference(first, last, digits)
        shown = change_number(change, f["unit"], w.lang, digits=digits)
        return join(w.cite(s, ind, ly, prefix + "abs_change", change, shown),
                    change_unit(f["unit"], w.lang, shown=shown))
    if rel is not None and math.isfinite(rel):
        times = multiple(rel)
        if times is not None:  # three times as high or more: 'ruim 7 keer zo hoog' (last / first)
            return w.cite(s, ind, ly, prefix + "multiple", times, multiple_text(times, w.lang))
        return w.cite(s, ind, ly, prefix + "rel_change", rel, percent_change(rel, w.lang),
                      scale=100.0)
    return ""


def recomputed_note(w: Writer, s: Sentence) -> Sentence:
    """``s`` with a note after it on the city's figures it cites that Stadstrends divided
    from CBS's rounded count (``s.recomputed``): 'Het cijfer van 2024 is berekend uit het
    afgeronde aantal; het CBS publiceert geen cijfer per 1 000 inwoners.'"""
    if s.recomputed and s.text:
        years = sorted(s.recomputed)
        s.years.extend(years)  # printed again in the note
        shown = fmt_years(years)  # '2015–2022, 2024'
        if len(years) == 2:
            shown = fmt_list([str(y) for y in years], w.lang)
        key = "recomputed_note_one" if len(years) == 1 else "recomputed_note"
        s.text = f"{s.text} {w.t(key, years=shown)}"
    return s


def small_counts(w: Writer, s: Sentence, f: dict) -> str:
    """' (op kleine aantallen: gemiddeld 12 per jaar)' after the verdict of a tested trend of
    a rate or count whose counts average fewer than the build's ``small_count`` a year over
    the trend's years (``trend_counts``): by chance alone such counts vary by about a fifth a
    year, and the sentence's change and levels rest on them as much as a significant
    verdict does (Schiermonnikoog's births, 6 in 2016 and 4 in 2023: 'van 6,5 naar 4,1
    (−38%), geen significante trend (op kleine aantallen: gemiddeld 5 per jaar, ...)'); a
    balance (``f['signed']``) as :func:`small_counts_words` says it; '' otherwise."""
    t = f["trend"]
    mean = t.get("mean_count")
    if t.get("classification") is None or not small_counts_words(
            mean, w.settings.small_count, w.lang):
        return ""
    n = w.cite(s, f["indicator_id"], t["last_year"], "mean_count", mean,
               fmt_under(mean, float(w.settings.small_count), w.lang))
    return " " + WORDS[w.lang]["small_balance" if f.get("signed") else "small_counts"].format(n=n)


def small_counts_words(mean: float | None, small: float, lang: str, balance: bool = False) -> str:
    """' (op kleine aantallen: gemiddeld 12 per jaar, waarin toeval sterk meespeelt)' for
    counts averaging ``mean`` a year (``trend_counts.mean_count``) under ``small`` (the
    build's ``small_count``); '' otherwise: the words of :func:`small_counts` where no
    sentence cites them (the city page's Waarom of Kies richting). A ``balance``
    (``indicators.signed``: a net migration, the difference of larger flows in and out) gives
    its net's mean size (``trend_counts``): 'op een klein saldo: gemiddeld 12 per jaar erbij
    of eraf, ...' (Rozendaal's net international migration, 2016-2023)."""
    if mean is None or mean != mean or mean >= float(small):
        return ""
    key = "small_balance" if balance else "small_counts"
    return " " + WORDS[lang][key].format(n=fmt_under(mean, float(small), lang))


def in_bracket(text: str, more: str) -> str:
    """``more`` (' (...)', or '') inside the bracket ``text`` ends with: '(binnen de afronding
    van het CBS niet zeker; op kleine aantallen: ...)'; appended where ``text`` ends in none."""
    return f"{text[:-1]}; {more[2:]}" if more and text.endswith(")") else text + more
