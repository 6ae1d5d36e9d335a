"""A difference in percentage points takes the plural form of the number printed before it
(CLDR's rules by Babel, :func:`~stadstrends.publish.sentence_numbers.plural_form`): English
'+1 percentage point' (Oss's low incomes, 6% to 7%: it said '+1 percentage points'), '+1.0
percentage points', '−0.6 percentage points'; Dutch 'procentpunt' after any number, as
'procent' ('+1 procentpunt', '+4,6 procentpunt'), never 'procentpunten' after one."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from stadstrends.publish.profile import city_profile
from stadstrends.publish.sentence_signals import difference_text


@pytest.mark.parametrize("value, digits, lang, said", [
    (1, 0, "en", "+1 percentage point"),
    (-1, 0, "en", "−1 percentage point"),
    (1, 1, "en", "+1.0 percentage points"),
    (2, 0, "en", "+2 percentage points"),
    (-0.6, 1, "en", "−0.6 percentage points"),
    (0, 0, "en", "0 percentage points"),
    (1, 0, "nl", "+1 procentpunt"),
    (4.6, 1, "nl", "+4,6 procentpunt"),
    (-2, 0, "nl", "−2 procentpunt"),
])
def test_the_unit_agrees_with_the_number(value, digits, lang, said):
    assert difference_text(value, "%", lang=lang, digits=digits) == said


def test_short_units_and_other_units_are_unchanged():
    assert difference_text(1, "%", lang="en", digits=0, short=True) == "+1 pp"
    assert difference_text(1, "%", lang="nl", digits=0, short=True) == "+1 %-punt"


@pytest.mark.parametrize("shown, lang, form", [
    ("+1", "en", "one"), ("−1", "en", "one"), ("1.0", "en", "other"), ("1,000", "en", "other"),
    ("1", "nl", "one"), ("1,0", "nl", "other"), ("1.000", "nl", "other"),
    ("–", "en", "other"), (None, "en", "other"), ("1", "xx", "other")])
def test_plural_form_of_a_printed_number(shown, lang, form):
    from stadstrends.publish.sentence_numbers import plural_form

    assert plural_form(shown, lang) == form


def test_the_real_profiles_say_points_as_the_number_asks(warehouse_path):
    """Every text of the English and Dutch profiles of the city set (G40)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        codes = [r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = 'G40'").fetchall()]
        texts = [json.dumps(city_profile(con, c, lang="en"), ensure_ascii=False)
                 for c in codes]
    text = "\n".join(texts)
    number = r"(?<![\d.,])[+−-]?[\d.,]*\d"
    points = re.findall(number + r" percentage points?\b", text)
    assert any(p.endswith("point") for p in points)  # Oss's '+1 percentage point'
    assert "(+1 percentage point)" in text
    wrong = [p for p in points if (p.split()[0].lstrip("+−-") == "1") != p.endswith("point")]
    assert not wrong, wrong[:10]
    assert not re.findall(number + r" procentpunten", text)
    assert re.findall(number + r" procentpunt\b", text)
