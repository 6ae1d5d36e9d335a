"""A trend sentence's long caveat (a sample figure's, a share's from few cases) follows the
year, in the change's bracket: Vaals's unemployment read 'naar 4,5% (steekproefcijfer, voor
kleine gemeenten onnauwkeurig) in 2024 (−2,9 procentpunt)' before session 53, the caveat in
the middle of the sentence; now 'naar 4,5% in 2024 (−2,9 procentpunt; steekproefcijfer, voor
kleine gemeenten onnauwkeurig)'. Which figures carry it is not changed here."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.data import fact
from stadstrends.publish.sentence_words import late_marks, with_late
from tests.publish.loaded import kept_city

MARK = {"nl": "steekproefcijfer, voor kleine gemeenten onnauwkeurig",
        "en": "sample figure, imprecise for small municipalities"}


def test_the_caveat_moves_after_the_year() -> None:
    base = {"survey": True}
    shown, late = late_marks("4,5%", ["voorlopig", MARK["nl"]], base, "nl")
    assert (shown, late) == ("4,5% (voorlopig)", [MARK["nl"]])
    assert with_late("2024", " (−2,9 procentpunt)", late) == (
        "2024", f" (−2,9 procentpunt; {MARK['nl']})")
    assert with_late("2019 (verouderd)", "", late) == (f"2019 (verouderd; {MARK['nl']})", "")
    assert with_late("2024", "", late) == (f"2024 ({MARK['nl']})", "")
    assert late_marks("4,5%", [], base, "nl") == ("4,5%", [])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_trend_sentence_has_it_mid_sentence(wh, lang) -> None:
    rows = wh.execute("""
        SELECT DISTINCT s.region_code, s.indicator_id FROM survey_estimates s
        JOIN trends t USING (region_code, indicator_id)
        WHERE t.classification IS NOT NULL AND s.year = t.last_year
          AND s.region_code IN ('GM0981', 'GM0088', 'GM0096', 'GM0060', 'GM0277')
        ORDER BY 1, 2""").fetchall()
    assert len(rows) >= 6, rows
    seen = 0
    for code, ind in rows:
        data = kept_city(wh, code).in_language(lang)
        text = data.writer(lang).indicator(fact(data, ind, lang)).text.replace("\xa0", " ")
        # the mark of one year, of every year ('elk jaar een steekproefcijfer, ...', 'a
        # sample figure every year, ...') or of some ('steekproefcijfers in 2017–2020, ...')
        mark = {"nl": r"(elk jaar een )?steekproefcijfers?( in [^,()]*)?, voor kleine gemeenten "
                      r"onnauwkeurig",
                "en": r"(a )?sample figures?( every year| in [^,()]*)?, imprecise for small "
                      r"municipalities"}[lang]
        assert not re.search(r"\d%? \(" + mark, text), text
        if re.search(mark, text):
            # the change's bracket, then the mark
            assert re.search(r" (in|to) \d{4} \([^()]*; " + mark + r"\)", text), text
            seen += 1
    assert seen >= 6, seen
