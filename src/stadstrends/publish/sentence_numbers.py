"""How numbers and units are printed in sentences (and the tables and tiles beside them).

The only place sentence-level number text is decided: the report's sentences
(:mod:`stadstrends.publish.sentences`), the profile's signal sentences
(:mod:`stadstrends.publish.sentence_signals`), the report tables and the web tiles use these.
Numbers are formatted by Babel through :mod:`stadstrends.publish.format` ('1.234,5').

Figures of one indicator printed together (a sentence's levels, median, ommeland and change)
share one number of decimals, :func:`shared_digits`: the catalogue's ``decimals`` of the
indicator (``indicators.decimals``: what CBS publishes, so Ameland's 68 inhabitants per km²,
not '68,0'), the same in the report, the tiles, the API's texts and the charts. Only figures
without an indicator (or a warehouse without the column) get decimals by their size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from stadstrends.publish.format import (
    auto_decimals,
    fmt_change,
    fmt_number,
    fmt_percent,
    round_half_away,
    unit_symbols,
)
from stadstrends.publish.sentence_words import POINTS, UNIT_WORDS, UNITS, WORDS

#: units printed with one decimal whatever their size: shares (12,3%) and report marks (7,4)
ONE_DECIMAL_UNITS = ("%", "rapportcijfer")
#: counts (and euros), printed whole however many decimals the figures beside them need
COUNT_UNITS = ("inwoners", "huishoudens", "woningen", "banen")
WHOLE_UNITS = (*COUNT_UNITS, "euro")
#: most decimals :func:`shared_digits` gives (as :func:`auto_decimals` below 1)
MAX_DIGITS = 2


def shared_digits(values: Iterable[float | None], unit: str, signed: bool = False,
                  decimals: int | None = None) -> int:
    """One number of decimals for several figures of one indicator printed together: the
    catalogue's ``decimals`` of the indicator when given (``indicators.decimals``); without
    them one for percentages and report marks, none for counts and euros
    (:data:`WHOLE_UNITS`), else :func:`auto_decimals` of the largest figure
    (0 from 100, 1 from 1, else 2), raised (to at most 2) while the smallest non-zero figure
    would show fewer than two significant digits (a ``signed`` indicator, a balance that may
    be negative, only while it would show as 0: its size near zero says little). Missing and
    non-finite figures are left out; none left: 0. ``[14.47, 167.2, 151.0]`` -> 0 ('14',
    '167', '151'); ``[2.2, 3.5]`` -> 1; ``[0.48, 5.5]`` -> 2 ('0,48', '5,50', not '0,5');
    ``[3.2, 150.0]`` -> 1 ('3,2', '150,0', not '3'); signed ``[-0.07, 10.8]`` -> 1."""
    if decimals is not None and decimals == decimals:  # not NaN (a pandas row without it)
        return int(decimals)
    if unit in ONE_DECIMAL_UNITS:
        return 1
    if unit in WHOLE_UNITS:
        return 0
    sizes = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v))]
    if not sizes:
        return 0
    digits = auto_decimals(max(sizes))
    smallest = min((v for v in sizes if v > 0), default=0.0)
    while digits < MAX_DIGITS and smallest and round_half_away(smallest, digits) < (
            0.5 * 10 ** -digits if signed else 10 ** (1 - digits)):
        digits += 1
    return digits


#: how far the relative change computed from the printed levels may lie from the printed
#: one, as a share of it (at least two units of its last printed digit: '2,9 -> 4,1' is
#: +41%, printed +39%, is rounding a reader expects)
RELATIVE_TOLERANCE = 0.03


def agrees(first: float, last: float, rel: float, digits: int, units: int = 2) -> bool:
    """Whether a reader who computes the change from ``first`` and ``last`` as printed with
    ``digits`` decimals finds the printed relative change ``rel`` (a fraction, printed by
    :func:`relative_change`), within :data:`RELATIVE_TOLERANCE` of it or two units of its
    last digit (a multiple in words, 'bijna 12 keer zo hoog', within the same share). 'van
    15 naar 167 (+1.056%)' does not (167 / 15 is +1.013%); 'van 14,5 naar 167,2 (+1.056%)'
    does. ``units``: the units of the last digit tolerated (a gap's '6%, 16% lager dan ...
    (7%)' is 14% from the printed levels: two units, see
    :func:`~stadstrends.publish.sentence_digits.gap_digits`)."""
    a, b = round_half_away(first, digits), round_half_away(last, digits)
    if a == 0 or a * b < 0:
        return False
    shown = rel * 100
    places = change_digits(shown)
    from_printed = round_half_away((b / a - 1) * 100, places)
    return abs(from_printed - round_half_away(shown, places)) <= max(
        units * 10 ** -places, RELATIVE_TOLERANCE * abs(shown)) + 1e-9  # 4,4 - 4,3 is 0,1000...05


def relative_digits(first: float, last: float, rel: float, unit: str, digits: int) -> int:
    """The decimals of a sentence's figures (``digits``, from :func:`shared_digits`), raised
    (to at most :data:`MAX_DIGITS`) until the printed relative change ``rel`` from
    ``first`` to ``last`` :func:`agrees` with the printed levels. Only for changes of 10% or
    more, printed whole ('+62%'; from three times as high in words, 'ruim 7 keer zo hoog'):
    below, the change's own decimal shows it is a rounded figure, and more decimals on the
    levels ('van 8,38 naar 7,75') only make the sentence harder to read. Units printed with
    fixed decimals (:data:`ONE_DECIMAL_UNITS`, :data:`WHOLE_UNITS`) keep theirs."""
    if unit in ONE_DECIMAL_UNITS or unit in WHOLE_UNITS or percent_digits(rel * 100):
        return digits  # a change below 10% prints a decimal: its rounding is plain to see
    while digits < MAX_DIGITS and not agrees(first, last, rel, digits):
        digits += 1
    return digits


def relative_readable(first: float, last: float, rel: float, digits: int) -> bool:
    """Whether the relative change ``rel`` may be printed beside ``first`` and ``last``
    printed with ``digits`` decimals (the catalogue's): below 10% (its decimal shows it is
    rounded), else only where it :func:`agrees` with them. Groningen's demolitions 'van 0,9
    naar 0,7' cannot carry '−15%' (0,7 / 0,9 is −22%): such a change is printed as the
    difference of the printed levels, with their decimals ('−0,2')."""
    return bool(percent_digits(rel * 100)) or agrees(first, last, rel, digits)


def unit_text(unit: str, lang: str, named: bool = True) -> str:
    """The unit as printed after a number ('' for percentages). ``named``: the report's
    wording ('duizend euro', '(rapportcijfer)'; English units not in the table are translated
    word by word); else the catalogue unit as it is."""
    if unit == "%":
        return ""
    if not named:
        return unit_symbols(unit)
    table = UNITS[lang]
    if unit in table:
        return unit_symbols(table[unit])
    text = f" {unit} "
    for nl, other in UNIT_WORDS[lang]:
        text = text.replace(nl, other)
    return unit_symbols(text.strip())


def number(value: float | None, unit: str, lang: str = "nl", digits: int | None = None) -> str:
    """A value as printed in sentences, without its unit (percentages keep '%'; missing: '–'):
    ``digits`` (from :func:`shared_digits`: the indicator's catalogue decimals), else one
    decimal for percentages and report marks and :func:`auto_decimals` of the value alone
    for the rest."""
    if digits is None:
        digits = 1 if unit in ONE_DECIMAL_UNITS else auto_decimals(value)
    if unit == "%":
        return fmt_percent(value, digits, lang)
    return fmt_number(value, digits, lang)


#: most decimals beyond a figure's own :func:`apart_digits` adds to tell two figures apart
MAX_APART = 6


def apart_digits(a: float, b: float, unit: str, digits: int | None = None,
                 most: int = MAX_APART) -> int | None:
    """The decimals two figures of one indicator are printed with so that they differ:
    ``digits`` (as :func:`number` takes them) when they print apart already, else the fewest
    more (up to ``most`` more) that tell them apart; None when they print the same
    even then: they are equal (an odd group's median is its middle member's figure). Zwolle's
    population growth of 2025, 0.252% beside the median of 0.320% of its group: 2 ('0,25%',
    '0,32%'), not 1 ('0,3%' both, which read as 'equal to the median')."""
    base = digits if digits is not None else (
        1 if unit in ONE_DECIMAL_UNITS else auto_decimals(a))
    for d in range(base, base + most + 1):
        if number(a, unit, "nl", d) != number(b, unit, "nl", d):
            return d
    return None


def exact_digits(value: float, most: int) -> int:
    """The fewest decimals (at most ``most``) that print ``value`` exactly: a share CBS
    publishes to a tenth printed '1,0%' beside a median of '0,95%', not '1,00%'."""
    for d in range(most):
        if abs(round_half_away(value * 10 ** d) / 10 ** d - value) <= 1e-9 * max(1, abs(value)):
            return d
    return most


def join(shown: str, unit: str) -> str:
    """A printed number followed by its (possibly empty) unit text."""
    return f"{shown} {unit}" if unit else shown


def with_unit(shown: str, unit: str, lang: str, named: bool = True) -> str:
    return join(shown, unit_text(unit, lang, named))


def change_number(value: float | None, unit: str, lang: str = "nl", sign: bool = True,
                  digits: int | None = None) -> str:
    """A difference of two values without its unit: ``digits`` (those of the two values,
    :func:`shared_digits`: the indicator's catalogue decimals), else one decimal for
    percentage points and report marks and :func:`auto_decimals` of the difference for the
    rest; signed ('+1,2', '−0,35') unless ``sign`` is False."""
    if digits is None:
        digits = 1 if unit in ONE_DECIMAL_UNITS else auto_decimals(value)
    return fmt_change(value, digits, lang) if sign else fmt_number(value, digits, lang)


def change_unit(unit: str, lang: str, named: bool = True, short: bool = False,
                shown: str | None = None) -> str:
    """The unit after a difference: percentage points ('%-punt'/'pp' when ``short``) for
    percentages, in the plural form of the number ``shown`` before it (:func:`plural_form`:
    '+1 percentage point', '+1.0 percentage points', '+2 percentage points'; Dutch says
    'procentpunt' after any number, as 'procent': the language file's ``points.full``,
    ``full_one`` for CLDR's 'one'), else the value's unit (none when ``short``)."""
    if unit == "%":
        if short:
            return POINTS[lang]["short"]
        words = POINTS[lang]
        return words.get(f"full_{plural_form(shown, lang)}") or words["full"]
    return "" if short else unit_text(unit, lang, named)


def plural_form(shown: str | None, lang: str) -> str:
    """CLDR's plural category of a number as printed in ``lang`` ('+1', '−1', '1,0', '2'),
    by Babel: 'one' for '1' in English, 'other' for '1.0' and '2' (visible decimals count);
    'other' when it is not a number or Babel does not know ``lang``."""
    from decimal import Decimal, InvalidOperation

    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    if not shown:
        return "other"
    try:
        locale = Locale.parse(lang)
        text = shown.strip().lstrip("+−-±").replace(get_group_symbol(locale), "")
        return locale.plural_form(Decimal(text.replace(get_decimal_symbol(locale), ".")))
    except (InvalidOperation, UnknownLocaleError, ValueError, TypeError):
        return "other"


#: the most decimals a relative change below 0,05% gets to show its sign ('+0,001%')
MAX_PERCENT_DIGITS = 3


def percent_digits(percent: float) -> int:
    """Decimals of a relative gap in percent: none from 10% ('47% lager'), one below ('0,4%
    hoger'; a gap that prints as zero is 'gelijk': :func:`gap_text`)."""
    return 0 if abs(percent) >= 9.95 else 1


def change_digits(percent: float) -> int:
    """Decimals of a relative change in percent: as :func:`percent_digits` ('+32%',
    '+5,2%'), and below 0,05% as many as show it is not zero, up to
    :data:`MAX_PERCENT_DIGITS`: Wormerland's population 16.329 -> 16.328 (−0,006%)
    '−0,01%', not '0,0%' beside a fall; '+0,001%'. Smaller still: '0,0%'."""
    size = abs(percent)
    if size >= 9.95:
        return 0
    for digits in range(1, MAX_PERCENT_DIGITS + 1):
        if size >= 0.5 * 10 ** -digits:
            return digits
    return 1


def printed_difference(first: float, last: float, digits: int) -> float:
    """The change a reader computes from two levels printed with ``digits`` decimals:
    Zwolle's cleared crimes 'van 32,1% naar 29,8%' is -2,3, not the unrounded -2,4. The
    report's sentences, the tiles and the profile's texts all print this one."""
    return round_half_away(last, digits) - round_half_away(first, digits)


def percent_change(rel: float, lang: str = "nl") -> str:
    """A relative change (a fraction) as a signed percentage, :func:`change_digits`:
    ``0.052`` -> '+5,2%', ``1.5`` -> '+150%' (from three times as high
    :func:`relative_change` prints a multiple)."""
    return fmt_change(rel * 100, change_digits(rel * 100), lang) + "%"


#: the multiple (last / first) from which a rise is printed as a multiple in words: a
#: percentage is the multiple less one, and readers take '+633%' for '6 keer' (it is 7,33:
#: 'ruim 7 keer zo hoog'); Helmond's solar installations 'bijna 12 keer zo hoog', not
#: '+1.050%' (in English '+1,050%': the separators swap, and four digits read as
#: a decimal to the other language's reader). Below three times as high ('+150%') the
#: percentage is read right. Falls stay percentages ('−95%': never beyond −100%).
MULTIPLE_FROM = 3.0
#: how far (a share of the multiple) 'ruim n' and 'bijna n' may be from it: from ten times
#: as high the words' steps of a half ('ruim 10', 'bijna 11') always are; below, a multiple
#: further from a whole number is given to its tenth ('7,5 keer zo hoog')
NEAR_WHOLE = 0.05


def multiple(rel: float) -> float | None:
    """The multiple a relative change ``rel`` (a fraction) is printed as, ``rel + 1`` (last
    / first: a rise from a positive first figure), from :data:`MULTIPLE_FROM`; else None.
    ``6.33`` -> 7.33; ``1.99`` -> None ('+199%')."""
    return rel + 1 if rel + 1 >= MULTIPLE_FROM else None


def multiple_text(times: float, lang: str = "nl") -> str:
    """A multiple in words, true to its tenth: '72 keer zo hoog' where it rounds to 72,0
    (71,95 to 72,05), 'ruim 72 keer zo hoog' from 72,1 to 72,4 (above 72), 'bijna 73 keer
    zo hoog' from 72,5 to 72,9 (below 73): ``72.58`` -> 'bijna 73 keer zo hoog' ('almost 73
    times as high'). 'ruim' and 'bijna' only within :data:`NEAR_WHOLE` of the whole number
    (always from ten times as high), else the tenth: ``7.33`` -> 'ruim 7 keer zo hoog',
    ``7.46`` -> '7,5 keer zo hoog' ('7.5 times as high'), ``3.2`` -> '3,2 keer zo hoog'. The
    words are the language file's ``words.multiple`` (``_over``, ``_under``)."""
    tenths = int(round_half_away(times, 1) * 10 + 0.5)
    whole, tenth = divmod(tenths, 10)
    near = NEAR_WHOLE * tenths  # in tenths: 5% of 7,3 is 0,365
    if tenth == 0:
        key, n = "multiple", fmt_number(whole, 0, lang)
    elif tenth < 5 and tenth <= near:
        key, n = "multiple_over", fmt_number(whole, 0, lang)
    elif tenth >= 5 and 10 - tenth <= near:
        key, n = "multiple_under", fmt_number(whole + 1, 0, lang)
    else:
        key, n = "multiple", fmt_number(tenths / 10, 1, lang)
    return WORDS[lang][key].format(n=n)


def relative_change(rel: float, lang: str = "nl") -> str:
    """A relative change as the sentences, tiles and texts print it: a :func:`multiple` in
    words from three times as high, else a :func:`percent_change`: ``10.5`` -> 'bijna 12 keer
    zo hoog', ``6.33`` -> 'ruim 7 keer zo hoog', ``0.052`` -> '+5,2%'."""
    times = multiple(rel)
    return percent_change(rel, lang) if times is None else multiple_text(times, lang)


def gap_multiple(pct: float) -> float | None:
    """The multiple a city's relative gap with its ommeland (``pct``: how many percent it
    lies above it) is printed as, the city's figure / the ommeland's, from three times as
    high (+200%, :data:`MULTIPLE_FROM`); else None. A city far below its ommeland stays a
    percentage ('95% lager': never beyond 100%)."""
    return multiple(pct / 100)


def gap_text(pct: float, lang: str, higher: str, lower: str, equal: str,
             points: str | None = None, as_multiple: bool = False,
             as_percent: bool = False) -> str:
    """A relative gap with the ommeland in words, as the report's gap table and the city
    page print it: '25% hoger', '3,5% lager' (:func:`percent_digits`), ``equal`` where it
    prints as zero (not '0,0% hoger'); from three times as high a multiple
    (:func:`gap_multiple`): Velsen's delivered electricity of 2016 'ruim 26 keer zo hoog',
    not '2.526% hoger'. ``higher``, ``lower``, ``equal``: the words of the caller's section
    of the language file. ``points``: a percentage's difference in percentage points as
    printed ('2,0 %-punt'), put first so that the relative gap is not read as one
    (:func:`points_gap`): '2,0 %-punt (relatief 29%) hoger'. ``as_multiple``, ``as_percent``:
    the row's form where its other end asks for it (:mod:`.gap_forms`)."""
    times = None if as_percent else \
        gap_multiple(pct) or (1 + pct / 100 if as_multiple and pct > 0 else None)
    if times is not None:  # or below three times where the row's other end is (one_form)
        return points_gap(points, multiple_text(times, lang), higher, lang, True) \
            if points else multiple_text(times, lang)
    shown = fmt_number(abs(pct), percent_digits(pct), lang)
    if shown.strip("0,.") == "":
        return equal
    word = higher if pct > 0 else lower
    return points_gap(points, f"{shown}%", word, lang) if points else f"{shown}% {word}"


def points_gap(points: str, relative: str, word: str, lang: str, multiple: bool = False) -> str:
    """A gap between two percentages in percentage points with the relative gap beside it,
    so that a reader cannot take the relative gap ('29% hoger') for percentage points
    (8,9% against 6,9%): '2,0 procentpunt (relatief 29%) hoger', '2.0 percentage points (29%
    in relative terms) higher'; a ``multiple`` ('ruim 13 keer zo hoog') after it: '18,5
    procentpunt hoger, ruim 13 keer zo hoog' (the language file's ``words.gap_points``,
    ``gap_points_multiple``)."""
    key = "gap_points_multiple" if multiple else "gap_points"
    return WORDS[lang][key].format(points=points, relative=relative, word=word)


def gap_points(gap: float, digits: int, lang: str, short: bool = False) -> str:
    """The size of a gap between two percentages (``gap``: the city's minus the ommeland's)
    in percentage points with ``digits`` decimals, more where those print it as zero:
    '2,0 procentpunt' ('2,0 %-punt' when ``short``; :func:`change_unit`)."""
    while digits < MAX_DIGITS and fmt_number(abs(gap), digits, lang).strip("0,.") == "":
        digits += 1
    shown = fmt_number(abs(gap), digits, lang)
    return f"{shown} {change_unit('%', lang, short=short, shown=shown)}"


def p_value(p: float, lang: str = "nl") -> str:
    """A p-value as printed after 'p': '< 0,001' below 0.001, else three decimals."""
    return "< " + fmt_number(0.001, 3, lang) if p < 0.001 else fmt_number(p, 3, lang)


def p_text(shown: str) -> str:
    """'p < 0,001' or 'p = 0,013' from a :func:`p_value`."""
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"
