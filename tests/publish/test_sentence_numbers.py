"""The decimals the figures of one indicator share in a sentence or table, and relative
changes without a needless decimal (:mod:`stadstrends.publish.sentence_numbers`)."""

from __future__ import annotations

from stadstrends.publish.sentence_numbers import (
    agrees,
    change_digits,
    change_number,
    number,
    percent_change,
    percent_digits,
    relative_digits,
    relative_readable,
    shared_digits,
)
from stadstrends.publish.sentence_signals import kies_sentence, signal_sentence


def test_shared_digits_follow_the_largest_figure_and_keep_the_smallest_readable():
    # Helmond's solar installations per 1 000 inhabitants, 2016 and 2023, median, ommeland
    assert shared_digits([14.51, 166.9, 151.0, 187.0], "per 1 000 inwoners") == 0
    assert [number(v, "", digits=0) for v in (14.51, 166.9)] == ["15", "167"]
    assert shared_digits([2.2, 3.5, 5.5, 21.8], "per 1 000 inwoners") == 1
    # Waalwijk's demolitions: 0,48 keeps two significant digits, so 5,54 gets two decimals
    assert shared_digits([0.48, 5.54, 0.56, 0.87], "per 1 000 woningen") == 2
    assert shared_digits([3.2, 150.0], "kWh") == 1  # '3,2' and '150,0', not '3'
    assert shared_digits([0.004, 5.0], "kWh") == 2  # at most two
    # a balance: near zero its size says little, only never '0' for a figure that is not
    assert shared_digits([-0.07, 10.82, 2.0, 6.66], "per 1 000 inwoners", signed=True) == 1
    assert shared_digits([-0.04, 10.8], "per 1 000 inwoners", signed=True) == 2
    assert shared_digits([0.0, 24.1], "per 1 000 woningen") == 1  # a true zero is '0,0'
    # the unit decides first: shares and marks one decimal, counts and euros none
    assert shared_digits([0.4, 150.0], "%") == 1 and shared_digits([7.25], "rapportcijfer") == 1
    assert shared_digits([1234.4, 3.8], "inwoners") == 0 and shared_digits([5.5], "euro") == 0
    assert shared_digits([None, float("nan")], "kWh") == 0


def test_relative_changes_have_a_decimal_only_below_ten_percent():
    assert percent_change(10.4998) == "+1.050%"  # Helmond's solar installations, not 1.050,0%
    assert percent_change(0.6162) == "+62%" and percent_change(-0.0995, "en") == "−10%"
    assert percent_change(0.052) == "+5,2%" and percent_change(0.0005) == "+0,1%"
    assert change_number(2.61, "per 1 000 inwoners", digits=1) == "+2,6"
    assert change_number(0.35, "rapportcijfer") == "+0,4"  # as its values: one decimal


def test_a_change_below_half_a_tenth_of_a_percent_keeps_its_sign():
    """'0,0%' beside a fall says nothing fell: a change below 0,05% gets the decimals that
    show it (at most three); a change smaller still, or none, is '0,0%'."""
    assert percent_change(-0.0004) == "−0,04%" and percent_change(0.0004, "en") == "+0.04%"
    assert percent_change(-0.000499) == "−0,05%" and percent_change(0.00034) == "+0,03%"
    assert percent_change(-6.124e-05) == "−0,01%"  # Wormerland's population 2019-2026
    assert percent_change(1.1e-05) == "+0,001%" and percent_change(-4e-06, "en") == "0.0%"
    assert percent_change(0.0) == "0,0%" and percent_change(-1e-16) == "0,0%"
    assert [change_digits(p) for p in (12.0, 9.95, 9.94, 0.05, 0.049, 0.005, 0.0049,
                                       0.0005, 0.0004, 0.0)] == [0, 0, 1, 1, 2, 2, 3, 3, 1, 1]
    # a gap keeps one decimal: one that prints as zero is 'gelijk', not '0,04% lager'
    assert [percent_digits(p) for p in (12.0, 9.94, 0.04, 0.0)] == [0, 1, 1, 1]


def test_levels_beside_a_relative_change_get_the_decimals_it_needs():
    # Helmond's solar installations: '15 -> 167' is +1.013%, not the printed +1.050%
    assert not agrees(14.51, 166.9, 10.4998, 0) and agrees(14.51, 166.9, 10.4998, 1)
    assert relative_digits(14.51, 166.9, 10.4998, "per 1 000 inwoners", 0) == 1
    # births per 1 000: '9,8 -> 9,3' is -5,1%, printed -4,5%; a change below 10% prints a
    # decimal, plainly rounded: the levels keep one ('8,38 -> 7,75' was hard to read)
    assert not agrees(9.768, 9.328, 9.328 / 9.768 - 1, 1)
    assert relative_digits(9.768, 9.328, 9.328 / 9.768 - 1, "per 1 000 inwoners", 1) == 1
    # two units of the last digit are rounding, not a contradiction: 9,0 -> 8,6 (-4,4%) for
    # -4,3%, and 2,9 -> 4,1 (+41%) for +39% (Enschede's new construction)
    assert agrees(9.021, 8.636, 8.636 / 9.021 - 1, 1)
    assert agrees(2.93, 4.09, 0.3946, 1) and not agrees(2.93, 4.09, 0.37, 1)
    assert relative_digits(0.004, 0.009, 1.25, "kWh", 1) == 2  # never more than two
    assert relative_digits(21.46, 123.7, 4.765, "per 1 000 inwoners", 0) == 0  # +490% ~ +477%
    # units with fixed decimals keep them (counts whole, shares one decimal)
    assert relative_digits(14.51, 166.9, 10.4998, "inwoners", 0) == 0
    assert relative_digits(9.768, 9.328, -0.045, "%", 1) == 1
    assert not agrees(0.0, 5.0, 1.0, 1)  # from zero there is no relative change to check


def test_profile_sentences_print_an_indicators_figures_alike():
    row = {"kind": "trend", "title_nl": "Zonnestroominstallaties per 1 000 inwoners",
           "unit": "per 1 000 inwoners", "movement": "rising", "first_year": 2016,
           "year": 2023, "first_value": 14.51, "value": 166.9, "change": 152.4,
           "p_value": 0.001, "valence": "favourable", "indicative": False}
    assert signal_sentence(row).startswith(
        "Zonnestroominstallaties per 1 000 inwoners: stijgend van 15 per 1 000 inwoners (2016) "
        "naar 167 per 1 000 inwoners (2023): +152 per 1 000 inwoners")
    kies = {"title_nl": "Sloop", "unit": "per 1 000 woningen", "value": 5.54, "year": 2023,
            "position": "unfavourable_quartile", "median": 0.56, "trend": None,
            "better_peers": [{"name": "Breda", "value": 0.48}]}
    text = kies_sentence(kies, "de G40")
    assert "5,54 per 1 000 woningen" in text and "(mediaan 0,56" in text
    assert "Breda (0,48 per 1 000 woningen)" in text


def test_the_catalogues_decimals_decide_alone():
    """An indicator's catalogue decimals hold whatever the figures' sizes: Ameland's density
    68 (not '68,0'), a whole CBS percentage '9%' and its change '+1' procentpunt, income
    52,6 duizend euro; without them the sizes decide as before."""
    assert shared_digits([68.0, 91.0], "inwoners per km2", decimals=0) == 0
    assert shared_digits([68.0, 91.0], "inwoners per km2") == 1
    assert shared_digits([0.48, 5.5], "per 1 000 woningen", decimals=1) == 1
    assert shared_digits([9.0, 6.5], "%", decimals=0) == 0
    assert shared_digits([9.0], "%", decimals=float("nan")) == 1  # a pandas row without it
    assert number(68.0, "inwoners per km2", "nl", 0) == "68"
    assert number(9.0, "%", "nl", 0) == "9%" and number(9.0, "%", "nl") == "9,0%"
    assert change_number(1.0, "%", "nl", digits=0) == "+1"
    assert change_number(1.0, "%", "nl") == "+1,0"
    assert number(7.25, "rapportcijfer", "nl", 1) == "7,3"


def test_a_relative_change_is_printed_only_where_the_printed_levels_give_it():
    assert relative_readable(0.43, 3.36, 6.71, 2)  # '0,43 naar 3,36 (+671%)'
    assert not relative_readable(0.43, 3.36, 6.71, 1)  # '0,4 naar 3,4' is +750%
    assert relative_readable(0.86, 0.73, -0.05, 1)  # below 10%: its decimal shows rounding
    assert relative_readable(14.51, 166.9, 10.4998, 1)
