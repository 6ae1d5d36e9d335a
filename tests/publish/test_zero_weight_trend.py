"""Schiermonnikoog's unemployment with CBS's figure of 2021 (real snapshot).

86088NED publishes 3,2% for 2021, with a labour force of 0 thousand (under 500): the figure
was left out, and the trend 2017-2024 had 7 years, S = -10, p 0,17, 'geen significante
trend'. With 2021 it has 8 (4,7 4,0 3,9 4,7 3,2 2,8 2,9 3,0): S = -17, p 0,046, a fall. The
percentages are CBS's to one decimal, and within that rounding the fall is not certainly
significant (S = -15 at worst, p 0,081): every text says so, none calls it significant or
no trend (:mod:`stadstrends.indicators.published_means`)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import fact
from tests.publish.loaded import kept_city

IND = "unemployment_rate"
# Schiermonnikoog's unemployment is a small municipality's sample figure (survey_estimates,
# session 52) in every year with a figure, 2003-2024: its mark says so, after the year
# (session 53)
CAVEAT = {"nl": "van 4,7% in 2017 naar 3,0% in 2024 (−1,7 procentpunt; elk jaar een "
                "steekproefcijfer, voor kleine gemeenten onnauwkeurig), een daling, maar binnen "
                "de afronding van het CBS niet zeker significant",
          "en": "but not certainly significant within CBS rounding"}
WRONG = {"nl": ("geen significante trend", "een significante daling"),
         "en": ("no significant trend", "a significant fall")}


def test_the_trend_counts_2021_and_is_a_fall_not_certain_within_rounding(wh):
    trend = wh.execute("SELECT first_year, last_year, n_points, mk_s, mk_p, classification "
                       "FROM trends WHERE indicator_id = ? AND region_code = 'GM0088'",
                       [IND]).fetchone()
    assert trend[:4] == (2017, 2024, 8, -17) and trend[5] == "falling"
    assert trend[4] == pytest.approx(0.046, abs=0.001)
    worst = wh.execute("SELECT s_worst, holds, change_holds FROM coarse_trends "
                       "WHERE indicator_id = ? AND region_code = 'GM0088'", [IND]).fetchone()
    assert worst == (-15, False, True)


def test_every_sentence_on_it_says_the_fall_is_not_certain(wh):
    data = kept_city(wh, "GM0088")
    assert data.trends[IND]["rests_on_rounding"]
    for lang in ("nl", "en"):
        said = data.writer(lang).indicator(fact(data, IND, lang)).text
        assert CAVEAT[lang] in said, said
        texts = [s.text for s in builder.collect_sentences(builder.city_context(data, lang, None))
                 if s.indicator_id == IND]
        assert texts and not any(w in t for t in texts for w in WRONG[lang]), texts
