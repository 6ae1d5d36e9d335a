from datetime import date

import pytest

from stadstrends.publish.format import (
    fmt_change,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_value,
)


@pytest.mark.parametrize("value,decimals,lang,expected", [
    (1234.5, 1, "nl", "1.234,5"), (1234.5, 1, "en", "1,234.5"), (1234567, 0, "nl", "1.234.567"),
    (-0.04, 1, "nl", "0,0"), (-3.25, 1, "nl", "−3,3"), (None, 1, "nl", "–"),
    (float("nan"), 0, "en", "–"), (0.5, 0, "nl", "1"),
    # halves away from zero, as CBS rounds (Python's format gives 0,2 / 0,12 / 2)
    (0.25, 1, "nl", "0,3"), (0.125, 2, "nl", "0,13"), (2.5, 0, "en", "3"),
    (2.675, 2, "en", "2.68"), (-0.05, 1, "nl", "−0,1"),
    # Babel alone rounds half to even (0,5 -> 0; 2,5 -> 2): CBS's rounding is applied first
    (0.5, 0, "en", "1"), (1.5, 0, "nl", "2"), (-1.5, 0, "en", "−2"), (-2.5, 0, "nl", "−3"),
    (0.05, 1, "nl", "0,1"), (0.15, 1, "en", "0.2"), (1234.5, 0, "nl", "1.235"),
])
def test_fmt_number(value, decimals, lang, expected):
    assert fmt_number(value, decimals, lang) == expected


def test_percent_change_value_and_date():
    assert fmt_percent(12.34) == "12,3%"
    assert fmt_percent(12.34, lang="en") == "12.3%"
    assert fmt_change(1.25) == "+1,3" and fmt_change(-0.4) == "−0,4" and fmt_change(0.0) == "0,0"
    assert fmt_value(123456.0, "inwoners") == "123.456 inwoners"
    assert fmt_value(4.56, "per 1 000 inwoners") == "4,6 per 1 000 inwoners"
    assert fmt_date(date(2026, 11, 27)) == "27 november 2026"
    assert fmt_date(date(2026, 3, 1), "en") == "1 March 2026"
    with pytest.raises(ValueError):
        fmt_number(1, lang="fr")


def test_unit_symbols():
    from stadstrends.publish.format import unit_symbols
    assert unit_symbols("m3 per inwoner") == "m³ per inwoner"
    assert unit_symbols("inwoners per km2") == "inwoners per km²"
    assert unit_symbols("m2") == "m²" and unit_symbols("kWh") == "kWh"


def test_years_as_runs_show_their_gaps():
    from stadstrends.publish.format import fmt_years

    assert fmt_years([2024, 2019, 1999, 2000, 2001, 2023, 2023]) == "1999–2001, 2019, 2023–2024"
    assert fmt_years([2010, 2012, 2014]) == "2010, 2012, 2014"
    assert fmt_years([2020]) == "2020" and fmt_years([]) == ""


def test_keep_numbers_whole_glues_only_spaced_thousands():
    from stadstrends.publish.format import keep_numbers_whole

    assert keep_numbers_whole("Banen per 1 000 inwoners") == "Banen per 1\u00a0000 inwoners"
    assert keep_numbers_whole("12 345 678") == "12\u00a0345\u00a0678"
    # a year and a value side by side stay two numbers: a line may break between them
    assert keep_numbers_whole("in 2025 110 m²") == "in 2025 110 m²"
    assert keep_numbers_whole("(22,2 per 1 000)") == "(22,2 per 1\u00a0000)"
    assert keep_numbers_whole("61,8 346") == "61,8 346"  # a decimal, then another number


def test_keep_numbers_whole_glues_year_ranges_after_the_dash():
    """A year range is printed with an en dash, as the language files and year_runs write
    ranges ('2018-2025' beside '2017–2024' in one paragraph), and an invisible word joiner
    after it (chromium broke '2018-' / '2023', WeasyPrint breaks after an en dash); a
    difference or a code is left alone."""
    from stadstrends.publish.format import keep_numbers_whole

    assert keep_numbers_whole("trend 2018-2023: stijgend") == "trend 2018–\u20602023: stijgend"
    assert keep_numbers_whole("1999-2001, 2023–2024") == "1999–\u20602001, 2023–\u20602024"
    for kept in ("2018 - 2023", "12018-2023", "1 500-2 000", "tabel 85984-NED", "3-4",
                 "2024-01-01"):
        assert keep_numbers_whole(kept).replace("\u00a0", " ") == kept


def test_keep_numbers_whole_keeps_s_prefixed_names_whole():
    """"'s-Hertogenbosch" broke in the PDF as "'s-" / 'Hertogenbosch': a word joiner after
    the hyphen of a name's "'s-" (either apostrophe), not after a possessive's."""
    from stadstrends.publish.format import keep_numbers_whole

    assert keep_numbers_whole("in 's-Hertogenbosch") == "in 's-\u2060Hertogenbosch"
    assert keep_numbers_whole("’s-Gravenhage") == "’s-\u2060Gravenhage"
    for kept in ("CBS's-cijfers", "'s-avonds", "is-Hertog"):
        assert keep_numbers_whole(kept) == kept


def test_keep_numbers_whole_keeps_a_name_with_its_bracket():
    """'Bergen (Limburg)' broke in the PDF as 'Bergen' / '(Limburg)', 'Bergen (Noord-Holland)'
    as 'Bergen (Noord-' / 'Holland)': a word joiner before the space and after a hyphen in
    the bracket; a bracket after a word in lower case, or holding one, as it is."""
    from stadstrends.publish.format import keep_numbers_whole

    wj = "\u2060"
    assert keep_numbers_whole("zit Bergen (Limburg) onder") == f"zit Bergen{wj} (Limburg) onder"
    assert keep_numbers_whole("voor Bergen (Noord-Holland)).") == (
        f"voor Bergen{wj} (Noord-{wj}Holland)).")
    assert keep_numbers_whole("Hengelo (O.)") == f"Hengelo{wj} (O.)"
    for kept in ("inkomen (CBS)", "de G4 (de vier grootste steden)", "Bergen op Zoom",
                 "Wonen (woningvoorraad)"):
        assert keep_numbers_whole(kept) == kept


def test_numbers_are_grouped_as_babel_groups_them():
    """Numbers are grouped with Python's formatting (~10 times faster than Babel's pattern,
    a report formats ~1 000 new values): the same text as Babel's ``#,##0.0…`` pattern with
    the locale's symbols, for every magnitude, sign and number of decimals."""
    import random
    from decimal import Decimal

    from stadstrends.publish.format import _decimal, _grouped, _pattern

    rng = random.Random(16)
    values = [0, 0.0, -0.0, -0.04, 5, -5, 999.5, -999.95, 1000, 123456789, 15991389.999999998,
              746148.9695, 1e15, -1e15 - 0.5, 0.000833]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-4, 12) for _ in range(3000)]
    values += [rng.randint(-10 ** 9, 10 ** 9) for _ in range(500)]
    for lang in ("nl", "en"):
        for value in values:
            for decimals in range(5):
                number = _decimal(value, decimals)
                pattern, locale = _pattern(lang, decimals)
                assert _grouped(number, decimals, lang) == pattern.apply(number, locale), (
                    value, decimals, lang)
    assert _grouped(Decimal("-1234567.50"), 2, "nl") == "-1.234.567,50"


def test_each_language_files_number_symbols_are_babels():
    """A language file's ``group_symbol`` and ``decimal_symbol`` (read so that `show` formats
    numbers without loading Babel's locale data) are its locale's in Babel; Dutch '.' and
    ','."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from stadstrends import vocabulary
    from stadstrends.publish.format import _symbols

    for lang in vocabulary.languages():
        locale = Locale.parse(vocabulary.locale(lang))
        assert _symbols(lang) == (get_group_symbol(locale), get_decimal_symbol(locale)), lang
    assert _symbols("nl") == (".", ",")


@pytest.mark.parametrize(("lang", "items", "expected"), [
    ("nl", ["Oisterwijk", "Vught", "Boxtel", "Tilburg"], "Oisterwijk, Vught, Boxtel en Tilburg"),
    ("nl", ["2012", "2017–2021"], "2012 en 2017–2021"),
    ("en", ["Oisterwijk", "Vught", "Tilburg"], "Oisterwijk, Vught and Tilburg"),  # en_GB
    ("nl", ["Bergen\u2060 (L.)"], "Bergen\u2060 (L.)"),
    ("en", [], ""),
])
def test_a_list_is_joined_by_the_languages_own_pattern(lang, items, expected) -> None:
    """One joiner for every list the texts print (eight copies of 'a, b en c' before)."""
    from stadstrends.publish.format import fmt_list

    assert fmt_list(items, lang) == expected
