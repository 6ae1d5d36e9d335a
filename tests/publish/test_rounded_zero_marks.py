"""A report sentence's figure on a count CBS rounded to 0 is marked as the city page's tile
marks it, 'berekend uit een op 0 afgerond aantal' (each such figure): Schiermonnikoog's new
dwellings of 2016 and 2023, 0 in 84903NED and 86054NED rounded to fives (0 to 2 of 615
dwellings), read '0,0' like an exact zero; real snapshot. Its own mark, ``rounded_zero``
(the view ``rounded_zero_cells``): before session 47 the page data, the API's rows and the
words called it ``recomputed``, 'berekend uit afgerond aantal', the mark of a rate divided
from CBS's rounded count where CBS publishes none."""

from __future__ import annotations

from stadstrends import vocabulary
from stadstrends.publish.harmonised import marked_years
from stadstrends.publish.notes import cell_notes
from stadstrends.publish.queries import indicator_series
from stadstrends.publish.report.data import fact
from stadstrends.publish.sentence_words import flag_words, year_flags
from stadstrends.publish.web.downloads import notes_text
from tests.publish.loaded import kept_city

NEW = "new_construction_per_1000_dwellings"


def test_schiermonnikoog_new_dwellings_sentence_marks_the_rounded_zero(wh) -> None:
    count, unit = wh.execute("SELECT count, unit FROM coarse_counts WHERE region_code = "
                             "'GM0088' AND indicator_id = ? AND year = 2023", [NEW]).fetchone()
    assert count == 0 and unit == 5
    data = kept_city(wh, "GM0088").in_language("nl")
    text = data.writer("nl").indicator(fact(data, NEW, "nl")).text.replace("\xa0", " ")
    # after each such figure (once a sentence left the 0,0 of 2023 unmarked)
    assert ("van 0,0 (berekend uit een op 0 afgerond aantal) in 2016 naar 0,0 (berekend uit "
            "een op 0 afgerond aantal) in 2023") in text, text
    assert text.count("afgerond aantal") == 2, text


def test_an_unrounded_zero_is_not_marked(wh) -> None:
    """A figure whose count is not rounded to 0 carries no such mark: Schiermonnikoog's
    births of 2023 (4, unrounded in 37259eng)."""
    data = kept_city(wh, "GM0088").in_language("nl")
    text = data.writer("nl").indicator(fact(data, "births_per_1000", "nl")).text
    assert "afgerond aantal" not in text, text


def test_a_rounded_zero_has_its_own_mark_in_the_data(wh) -> None:
    """The warehouse names the figures (``rounded_zero_cells``: 1 005 on the snapshot, all of
    counts CBS rounds to fives: demolition, new construction, net growth of the stock); the
    profile's marks, the API's series row, the download's notes and ``show`` say
    ``rounded_zero``, never ``recomputed`` for them (none is a quotient of a rate CBS left
    out)."""
    cells = wh.execute("SELECT indicator_id, count(*) FROM rounded_zero_cells "
                       "GROUP BY ALL ORDER BY 1").fetchall()
    assert cells == [("demolition_per_1000_dwellings", 833),
                     ("dwelling_stock_growth_per_1000", 68),
                     ("new_construction_per_1000_dwellings", 104)]
    assert wh.execute("SELECT count(*) FROM rounded_zero_cells SEMI JOIN recomputed_cells "
                      "USING (indicator_id, region_code, year)").fetchone()[0] == 0
    zeros = marked_years(wh, "GM0088", "rounded_zero")[NEW]
    assert {2016, 2023} <= zeros and not marked_years(wh, "GM0088", "recomputed").get(NEW)
    flags = year_flags({"rounded_zero": sorted(zeros)}, 2023)
    assert flags["rounded_zero"] and not flags["recomputed"]
    for lang in ("nl", "en"):
        assert flag_words(flags, lang) == [vocabulary.word(lang, "words", "rounded_zero_short")]
    notes = cell_notes(wh, NEW)[("GM0088", 2023)]
    assert notes == (False, False, [], True, False, False, False)
    assert notes_text(*notes) == "rounded_zero"
    _, rows = indicator_series(wh, "GM0088", NEW)
    row = {r["year"]: r for r in rows.records()}[2023]
    assert row["rounded_zero"] and not row["recomputed"] and row["value"] == 0


def test_the_profile_marks_a_rounded_zero_as_such(wh) -> None:
    """Blaricum's net growth of its dwelling stock in 2023, an urgent task in GK3 (its trend
    worsening: a label on one coarse year needs it since h49d, which took Enschede's of the
    G40 away): its count CBS rounded to 0 (fives); the profile's marks say ``rounded_zero``,
    its text the words of that mark (before: ``recomputed: true``, 'berekend uit afgerond
    aantal')."""
    from stadstrends.publish.profile import city_profile

    profile = city_profile(wh, "GM0376", "GK3")
    rows = [k for key in ("distinctive_strengths", "urgent_tasks")
            for k in profile["kies_richting"][key]
            if k["indicator_id"] == "dwelling_stock_growth_per_1000" and k["year"] == 2023]
    assert rows
    for row in rows:
        assert row["marks"]["rounded_zero"] and not row["marks"]["recomputed"], row["marks"]
        assert "(2023, berekend uit een op 0 afgerond aantal)" in row["text_nl"], row["text_nl"]
