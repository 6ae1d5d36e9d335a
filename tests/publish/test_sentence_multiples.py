"""A rise to three times as high or more is printed as a multiple in words, true to its tenth
('bijna 12 keer zo hoog', 'over 20 times as high', 'ruim 7 keer zo hoog'), not as a percentage
('+1.050%', in English '+1,050%'; '+633%', read as 6 times); below ten times 'ruim' and 'bijna'
only within 5% of the whole number, else the tenth ('7,5 keer zo hoog'); its cite (field
``multiple``) parses back to the warehouse's last / first value
(:mod:`stadstrends.publish.sentence_numbers`)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.sentence_numbers import (
    MULTIPLE_FROM,
    multiple,
    multiple_text,
    percent_change,
    relative_change,
)
from stadstrends.publish.sentences import Writer
from stadstrends.publish.web import units
from tests.publish.loaded import kept_city
from tests.publish.multiple_words import multiple_claim, multiple_holds
from tests.publish.test_sentences import check_cite

# rel_change -> (nl, en): at and around the threshold (+200%: three times as high) and the
# rounding edges of the tenth the words follow
AROUND = {
    1.99: ("+199%", "+199%"),
    1.9949: ("+199%", "+199%"),
    2.0: ("3 keer zo hoog", "3 times as high"),
    2.1: ("ruim 3 keer zo hoog", "over 3 times as high"),  # 0,1 of 3,1: within 5%
    2.2: ("3,2 keer zo hoog", "3.2 times as high"),  # 0,2 of 3,2: not
    2.5: ("3,5 keer zo hoog", "3.5 times as high"),
    2.87: ("bijna 4 keer zo hoog", "almost 4 times as high"),  # 3,9: 0,1 of 3,9
    6.33: ("ruim 7 keer zo hoog", "over 7 times as high"),  # h49h's '+633%'
    6.46: ("7,5 keer zo hoog", "7.5 times as high"),
    7.7: ("bijna 9 keer zo hoog", "almost 9 times as high"),  # 8,7: 0,3 of 8,7
    5.4: ("6,4 keer zo hoog", "6.4 times as high"),  # 0,4 of 6,4 is more than 5%
    8.4: ("ruim 9 keer zo hoog", "over 9 times as high"),  # 0,4 of 9,4: within 5%
    8.99: ("10 keer zo hoog", "10 times as high"),
    9.0: ("10 keer zo hoog", "10 times as high"),
    9.0499: ("10 keer zo hoog", "10 times as high"),
    9.05: ("ruim 10 keer zo hoog", "over 10 times as high"),
    9.4499: ("ruim 10 keer zo hoog", "over 10 times as high"),
    9.45: ("bijna 11 keer zo hoog", "almost 11 times as high"),
    9.9499: ("bijna 11 keer zo hoog", "almost 11 times as high"),
    9.95: ("11 keer zo hoog", "11 times as high"),
    10.4998: ("bijna 12 keer zo hoog", "almost 12 times as high"),  # Helmond's solar
    71.582065: ("bijna 73 keer zo hoog", "almost 73 times as high"),  # Maastricht's building
    70.96: ("72 keer zo hoog", "72 times as high"),
    71.04: ("72 keer zo hoog", "72 times as high"),
    71.05: ("ruim 72 keer zo hoog", "over 72 times as high"),
    999.4: ("ruim 1.000 keer zo hoog", "over 1,000 times as high"),
    -0.95: ("−95%", "−95%"),  # a fall stays a percentage
    -0.999: ("−100%", "−100%"),
}


@pytest.mark.parametrize("rel", AROUND)
def test_a_relative_change_from_three_times_as_high_is_a_multiple_in_words(rel: float) -> None:
    for lang, words in zip(("nl", "en"), AROUND[rel], strict=True):
        assert relative_change(rel, lang) == words, (rel, lang)


def test_below_the_threshold_the_percentage_is_unchanged() -> None:
    assert multiple(1.99) is None and multiple(2.0) == MULTIPLE_FROM
    for rel in (0.052, -0.385, 0.6162, 1.765, 1.99):
        assert relative_change(rel, "nl") == percent_change(rel, "nl")
        assert relative_change(rel, "en") == percent_change(rel, "en")


def test_the_words_are_true_of_every_multiple() -> None:
    """'ruim n' only above n, 'bijna n' only below n, 'n keer' or 'n,k keer' only where it
    rounds to that: every multiple from 3 to 80 in steps of a thousandth, and the edges of
    each tenth; below 10 'ruim' and 'bijna' within 5% of the multiple."""
    steps = [3 + k / 1000 for k in range(77_001)]
    steps += [n + d for n in range(3, 80) for d in (0.04999, 0.05, 0.44999, 0.45, 0.94999,
                                                     0.95, 0.5, 0.49999)]
    for times in steps:
        for lang in ("nl", "en"):
            shown = multiple_text(times, lang)
            claim, n = multiple_claim(shown, lang)
            assert multiple_holds(times, claim, n), (times, shown)
            assert claim == "=" or abs(times - n) <= 0.05 * times + 0.05, (times, shown)


def test_the_checker_refuses_untrue_words() -> None:
    """The sentence test's reading of the words (tests/publish/test_sentences.py) fails a
    wrong claim: 11,5 is not 'ruim 12' nor '12 keer', 72,58 not 'ruim 73'."""
    assert multiple_holds(11.4998, *multiple_claim("bijna 12 keer zo hoog", "nl"))
    assert not multiple_holds(11.4998, *multiple_claim("ruim 12 keer zo hoog", "nl"))
    assert not multiple_holds(11.4998, *multiple_claim("12 times as high", "en"))
    assert not multiple_holds(72.58, *multiple_claim("over 73 times as high", "en"))
    assert not multiple_holds(72.0, *multiple_claim("ruim 72 keer zo hoog", "nl"))
    assert multiple_claim("ruim 1.000 keer zo hoog", "nl") == (">", 1000.0)
    assert multiple_claim("over 1,000 times as high", "en") == (">", 1000.0)
    with pytest.raises(AssertionError):
        multiple_claim("+7.158%", "nl")


def _trend(first: float, last: float) -> dict:
    return {"first_year": 2016, "last_year": 2023, "first_value": first, "last_value": last,
            "abs_change": last - first, "rel_change": last / first - 1, "mk_p": 0.0004,
            "classification": "rising", "indicative": False, "n_points": 8,
            "window_first_year": 2016}


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("nl", "Nieuwbouw per 1 000 woningen", "Nieuwbouw per 1 000 woningen 2016–2023: van 0,25 "
     "in 2016 naar 17,86 in 2023 (bijna 73 keer zo hoog), een significante stijging."),
    ("en", "New construction per 1,000 dwellings", "New construction per 1,000 dwellings "
     "2016–2023: from 0.25 in 2016 to 17.86 in 2023 (almost 73 times as high), a significant "
     "rise.")])
def test_a_trend_sentence_cites_the_multiple(lang: str, title: str, text: str) -> None:
    """Maastricht's new construction per 1 000 dwellings without the catalogue's decimals
    (with them, 0,2 -> 17,9 cannot give the change and the sentence prints '+17,7')."""
    fact = {"indicator_id": "new_construction_per_1000_dwellings", "title": title,
            "unit": "per 1 000 woningen", "trend": _trend(0.246103, 17.86269), "bench": None,
            "gap": None, "provisional": set()}
    s = Writer("GM0935", "Maastricht", lang).indicator(fact, "trend")
    assert s.text == text
    cite = s.cites[-1]
    assert cite.field == "multiple" and cite.value == pytest.approx(17.86269 / 0.246103)
    assert cite.shown in s.text and "%" not in s.text


def test_a_tile_says_the_multiple_as_the_sentence() -> None:
    """The city page's tile: the difference, then the relative change in the sentence's words
    (Lelystad's solar capacity per inhabitant, 170 -> 3 452 Wp)."""
    rel = 3452.1094022858383 / 169.6270444838004 - 1
    assert units.change(3282, "Wp per inwoner", "nl", rel, 0) == \
        "+3.282 Wp per inwoner (ruim 20 keer zo hoog)"
    assert units.change(3282, "Wp per inwoner", "en", rel, 0) == \
        "+3,282 Wp per inhabitant (over 20 times as high)"
    assert units.change(74, "inwoners per km²", "nl", 0.066, 0) == \
        "+74 inwoners per km² (+6,6%)"


# real cases of the snapshot (2016-2023, the last year provisional): Helmond's solar
# installations per 1 000 inhabitants 14,5 -> 166,9 (11,50 times), Lelystad's solar capacity
# per inhabitant 170 -> 3 452 Wp (20,35 times); before '+1.050%' and '+1.935%'
REAL = {
    ("Helmond", "nl"): ("solar_installations_per_1000", "van 14,5 in 2016 naar 166,9 (voorlopig) "
                        "in 2023 (bijna 12 keer zo hoog; 2016 en 2023 uit twee CBS-tabellen "
                        "met dezelfde definitie), een significante stijging"),
    ("Helmond", "en"): ("solar_installations_per_1000", "from 14.5 in 2016 to 166.9 "
                        "(provisional) in 2023 (almost 12 times as high; 2016 and 2023 from two "
                        "CBS tables with the same definition), a significant rise"),
    ("Lelystad", "nl"): ("solar_capacity_per_inhabitant", "van 170 Wp per inwoner in 2016 naar "
                         "3.452 Wp per inwoner (voorlopig) in 2023 (ruim 20 keer zo hoog; "),
    ("Lelystad", "en"): ("solar_capacity_per_inhabitant", "from 170 Wp per inhabitant in 2016 "
                         "to 3,452 Wp per inhabitant (provisional) in 2023 (over 20 times as "
                         "high; "),
}


@pytest.mark.parametrize(("city", "lang"), REAL)
def test_a_real_report_prints_the_multiple_and_cites_the_warehouse(wh, city, lang) -> None:
    indicator, words = REAL[city, lang]
    data = kept_city(wh, city)
    said = [s for s in builder.collect_sentences(builder.city_context(data, lang, None))
            if s.indicator_id == indicator and words in s.text]
    assert said, f"{city}: no sentence with {words!r}"
    first, last = wh.execute(
        "SELECT first_value, last_value FROM trends WHERE indicator_id = ? "
        "AND region_code = ?", [indicator, data.code]).fetchone()
    for s in said:
        cites = [c for c in s.cites if c.field == "multiple"]
        assert len(cites) == 1 and cites[0].shown in words, (s.text, s.cites)
        assert cites[0].value == pytest.approx(last / first)
        for cite in s.cites:
            check_cite(wh, cite, lang)
        assert not [c for c in s.cites if c.field == "rel_change"], s.text
