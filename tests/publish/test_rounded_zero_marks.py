"""A report sentence's figure on a count CBS rounded to 0 is marked as the city page's tile
marks it, 'berekend uit afgerond aantal' (once a sentence): Schiermonnikoog's new dwellings
of 2016 and 2023, 0 in 84903NED and 86054NED rounded to fives (0 to 2 of 615 dwellings),
read '0,0' like an exact zero; real snapshot."""

from __future__ import annotations

from stadstrends.publish.report.data import fact, load_city

NEW = "new_construction_per_1000_dwellings"


def test_schiermonnikoog_new_dwellings_sentence_marks_the_rounded_zero(wh) -> None:
    count, unit = wh.execute("SELECT count, unit FROM coarse_counts WHERE region_code = "
                             "'GM0088' AND indicator_id = ? AND year = 2023", [NEW]).fetchone()
    assert count == 0 and unit == 5
    data = load_city(wh, "GM0088").in_language("nl")
    text = data.writer("nl").indicator(fact(data, NEW, "nl")).text.replace("\xa0", " ")
    # once a sentence, after the first such figure: 'van 0,0 (berekend uit afgerond
    # aantal) in 2016 naar 0,0 in 2023'
    assert "0,0 (berekend uit afgerond aantal) in 2016" in text, text
    assert text.count("berekend uit afgerond aantal") == 1, text


def test_an_unrounded_zero_is_not_marked(wh) -> None:
    """A figure whose count is not rounded to 0 carries no such mark: Schiermonnikoog's
    births of 2023 (4, unrounded in 37259eng)."""
    data = load_city(wh, "GM0088").in_language("nl")
    text = data.writer("nl").indicator(fact(data, "births_per_1000", "nl")).text
    assert "afgerond aantal" not in text, text
