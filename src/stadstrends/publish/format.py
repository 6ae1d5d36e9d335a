"""Number, percentage and date formatting by Babel for the locale of each language file
(Dutch first), with CBS's rounding (halves away from zero)."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:  # Babel is imported where used: `show` formats numbers without it
    from babel import Locale
    from babel.numbers import NumberPattern

from stadstrends import vocabulary
from stadstrends.ranges import year_ranges


def _check(lang: str) -> None:
    """A language with a file (:class:`stadstrends.vocabulary.UnknownLanguage` otherwise)."""
    vocabulary.check(lang)


@lru_cache(maxsize=64)
def _pattern(lang: str, decimals: int) -> tuple[NumberPattern, Locale]:
    from babel import Locale
    from babel.numbers import parse_pattern

    zeros = "." + "0" * decimals if decimals > 0 else ""
    return parse_pattern(f"#,##0{zeros}"), Locale.parse(vocabulary.locale(lang))


def fmt_list(items: list[str], lang: str = "nl") -> str:
    """Names or phrases in a row: 'a', 'a en b', 'a, b en c' (nl; 'a, b and c' en), by
    Babel's list patterns for the locale of ``lang``'s file; '' for none."""
    from babel.lists import format_list

    return format_list(list(items), locale=_pattern(lang, 0)[1]) if items else ""


def round_half_away(value: float, decimals: int = 0) -> float:
    """Round as CBS does, halves away from zero on the printed decimal value:
    0.25 -> 0.3, 0.125 -> 0.13, -2.5 -> -3 (Python's round() gives 0.2, 0.12, -2)."""
    return float(_decimal(value, decimals))


def _decimal(value: float, decimals: int) -> Decimal:
    exact = isinstance(value, int) and not isinstance(value, bool)
    number = Decimal(value) if exact else Decimal(repr(float(value)))
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_number(value: float | None, decimals: int = 0, lang: str = "nl") -> str:
    """``1234.5`` -> ``1.234,5`` (nl) or ``1,234.5`` (en) by Babel's locale data, halves
    rounded away from zero on the decimal value as CBS does (0,25 -> 0,3; 0,125 -> 0,13;
    d3's chart axes round the binary value and may differ in such a last digit); a minus
    sign (``−``) only when the shown number is not zero; missing -> an en dash."""
    _check(lang)
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    return _formatted(value, max(int(decimals), 0), lang)


@lru_cache(maxsize=64)
def _symbols(lang: str) -> tuple[str, str]:
    """The group and decimal symbols of ``lang``'s locale ('.' and ',' in Dutch): as its
    language file names them (``language.group_symbol``, ``decimal_symbol``: Babel's, a
    test checks; loading Babel's locale data costs `show` ~15 ms), else Babel's (a new
    language's file without them: not English's, which its section would inherit)."""
    own = vocabulary.own_section(lang, "language")
    if own.get("group_symbol") and own.get("decimal_symbol"):
        return str(own["group_symbol"]), str(own["decimal_symbol"])
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _pattern(lang, 0)[1]
    return get_group_symbol(locale), get_decimal_symbol(locale)


def fmt_under(value: float, below: float | None, lang: str = "nl") -> str:
    """A mean count a year printed whole (:func:`fmt_number`), with a decimal or two more
    where whole it would reach the limit ``below`` it lies under: Heemskerk's net
    international migration, 29,6 a year against a limit of 30, '29,6', not '30' (a rule
    that says 'minder dan 30'); as :func:`fmt_number` without a limit or at or above it."""
    for decimals in (0, 1, 2):
        shown = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        if below is None or value >= below or shown < Decimal(str(below)):
            return fmt_number(value, decimals, lang)
    return fmt_number(value, 2, lang)


def _grouped(number: Decimal, decimals: int, lang: str) -> str:
    """What Babel's pattern ``#,##0.0…`` (:func:`_pattern`) makes of ``number``, already
    rounded to ``decimals``: '-' before a signed number, groups of three digits and the
    locale's symbols, exactly ``decimals`` decimals (``tests/publish/test_format.py``
    compares the two); Python's formatting of the number, ~10 times faster than Babel's
    (a report formats ~1 000 new values)."""
    group, point = _symbols(lang)
    text = f"{abs(number):,.{decimals}f}".translate({44: group, 46: point})  # ',' '.'
    return "-" + text if number.is_signed() else text


@lru_cache(maxsize=65536)
def _formatted(value: float, decimals: int, lang: str) -> str:
    """:func:`fmt_number` of a finite value (a report formats the same values many times)."""
    text = _grouped(_decimal(value, decimals), decimals, lang)
    if text.startswith("-"):
        return "−" + text[1:] if any(c in "123456789" for c in text) else text[1:]
    return text


def fmt_percent(value: float | None, decimals: int = 1, lang: str = "nl") -> str:
    """A share on a 0-100 scale: ``12.34`` -> ``12,3%`` (nl) / ``12.3%`` (en)."""
    text = fmt_number(value, decimals, lang)
    return text if text == "–" else text + "%"


def fmt_change(value: float | None, decimals: int = 1, lang: str = "nl",
               unit: str = "") -> str:
    """A signed change: ``+1,2`` / ``−0,4`` (with an optional unit suffix)."""
    text = fmt_number(value, decimals, lang)
    if text == "–":
        return text
    if value is not None and value > 0 and text.strip("0.,"):
        text = "+" + text
    return f"{text}{unit}"


def auto_decimals(value: float | None) -> int:
    """Sensible decimals for a value: 0 from 100, 1 from 1, else 2."""
    if value is None or not math.isfinite(value):
        return 0
    size = abs(value)
    return 0 if size >= 100 else 1 if size >= 1 else 2


def fmt_value(value: float | None, unit: str, lang: str = "nl") -> str:
    """A value with its unit as a reader expects it (``12,3%``, ``4.567 inwoners``)."""
    if unit == "%":
        return fmt_percent(value, 1, lang)
    text = fmt_number(value, auto_decimals(value), lang)
    return text if text == "–" else f"{text} {unit}".strip()


SUPERSCRIPTS = [(re.compile(r"\b(k?m)2\b"), "\\1²"), (re.compile(r"\b(k?m)3\b"), "\\1³")]


def unit_symbols(text: str) -> str:
    """'m3 per inwoner' -> 'm³ per inwoner', 'inwoners per km2' -> 'inwoners per km²'."""
    for pattern, repl in SUPERSCRIPTS:
        text = pattern.sub(repl, text)
    return text


def fmt_date(day: date, lang: str = "nl") -> str:
    """``27 november 2026`` (nl) / ``27 November 2026`` (en)."""
    _check(lang)
    return _long_date(day, lang)


@lru_cache(maxsize=1024)
def _long_date(day: date, lang: str) -> str:
    """:func:`fmt_date` (a report's sources table prints the same few retrieval dates ~300
    times; Babel takes ~0.1 ms each)."""
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=vocabulary.locale(lang))


def fmt_years(years: list[int]) -> str:
    """Years as runs, so that a gap shows, each range with an en dash as the report prints
    ranges: ``[1999, 2000, 2001, 2019, 2023, 2024]`` -> ``1999–2001, 2019, 2023–2024``;
    ``[]`` -> ``''``."""
    return ", ".join(year_runs(years))


#: a space inside a number, the one rule of 'a number is never broken across lines' (the
#: pages and PDFs: :func:`keep_numbers_whole` makes it a no-break space; the terminal:
#: :mod:`stadstrends.publish.nowrap_text` never breaks there): between the thousands of a
#: number written with spaced thousands ('1 000', '12 345,6'), after a group of one to three
#: digits, so not in 'in 2025 110 m²' (a year and a value: two numbers)
NUMBER_SPACE = re.compile(
    r"(?<=\d)(?<!\d{4})(?<![,.]\d)(?<![,.]\d\d)(?<![,.]\d{3}) (?=\d{3}(?!\d))")
_S_PREFIX = re.compile(r"(?<![\w'’])(['’]s-)(?=[A-Z])")  # 's-Hertogenbosch, 's-Gravenhage
WORD_JOINER = "\u2060"
_DIGIT = re.compile(r"\d")
#: a name and its bracket, as CBS tells two municipalities of one name apart: 'Bergen
#: (Limburg)', 'Bergen (Noord-Holland)', 'Bergen (L.)'; a capitalised word before a bracket
#: holding capitalised words joined by hyphens, without digits (not 'inkomen (CBS)', and not
#: a name with its code, 'Zevenaar (GM0299)': on the website's narrow tables and in the
#: banners of former municipalities a code may go to the next line)
_BRACKETED_NAME = re.compile(r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w'’.-]*)"
                             r" \(([A-Z][^\W\d_.]*\.?(?:-[A-Z][^\W\d_]*\.?)*)\)")


@lru_cache(maxsize=1 << 14)
def no_lone_last_word(text: str) -> str:
    """``text`` with a no-break space before its last word, so that a line of its own never
    holds that word alone: Vlieland's report's kicker '... minder dan 10.000 inwoners op 1
    januari' / '2025' in the PDF."""
    head, sep, last = text.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if sep and head else text


def keep_numbers_whole(text: str) -> str:
    """A number written with a space between its thousands ('per 1 000 inwoners', as the
    catalogue and CBS write units) with a no-break space there (:data:`NUMBER_SPACE`, the
    rule the terminal keeps too), so that a line never ends in 'per 1' and the next starts
    with '000'. Browsers, WeasyPrint and Python's
    ``str.split`` treat it as a space. A range of years ('2018-2023', '2018–2023') written
    with an en dash, as :func:`year_runs` and the language files write ranges, and a word
    joiner (U+2060, invisible) after it: chromium broke '2018-' / '2023' at 390 px, and
    WeasyPrint breaks after an en dash. A place name's "'s-" ('s-Hertogenbosch) with a word
    joiner after its hyphen: the PDF broke it as "'s-" / 'Hertogenbosch'. A name with its
    bracket ('Bergen (Limburg)', 'Bergen (Noord-Holland)') with a word joiner before the
    space and after a hyphen in the bracket: the PDF broke it as 'Bergen' / '(Limburg)' and
    'Bergen (Noord-' / 'Holland)'. The joiner needs no glyph of the font, and the PDF's text
    (pdftotext) reads '2018–2023' and "'s-Hertogenbosch" without it. Kept for the texts a
    report prints again and again (a report prints ~4 700); a text without a digit, without
    's-' and without ' (' as it is."""
    if "s-" not in text and " (" not in text and not _DIGIT.search(text):
        return text
    text = NUMBER_SPACE.sub("\u00a0", text)
    text = year_ranges(text, WORD_JOINER)
    text = _BRACKETED_NAME.sub(_glue_bracket, text) if " (" in text else text
    return _S_PREFIX.sub("\\1" + WORD_JOINER, text)


def _glue_bracket(m: re.Match[str]) -> str:
    """'Bergen (Noord-Holland)' with a word joiner before its space and after its hyphen."""
    return f"{m[1]}{WORD_JOINER} ({m[2].replace('-', '-' + WORD_JOINER)})"


def keep_printed_numbers_whole(value: Any) -> Any:
    """Jinja's ``finalize`` for the report's and the dashboard's templates: every printed
    text through :func:`keep_numbers_whole` ('per 1 000 inwoners' broke as 'per 1 / 000' at
    a line end); markup (chart specs, ``|tojson``) and non-texts as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return keep_numbers_whole(value)
    return value


def year_runs(years: list[int]) -> list[str]:
    """Years as runs of consecutive years, a range with an en dash (each year once):
    [2012, 2017, 2018, 2019] -> ['2012', '2017–2019']."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
