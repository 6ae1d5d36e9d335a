"""A significant trend of a rate or count whose counts average fewer than the build's
``small_count`` (30) a year says it rests on small counts: Gennep's demolitions per 1 000
dwellings 'een significante daling' rested on 2 to 3 demolitions a year (``trend_counts``),
where chance alone moves such a count by about a fifth a year. So does a tested trend
without a significant verdict on such counts, whose change the sentence gives as well
(Schiermonnikoog's births, 6 in 2016 and 4 in 2023: 'van 6,5 naar 4,1 (−38%)'; since session
46). Trends on larger counts carry no such words."""

from __future__ import annotations

import re

from stadstrends.publish.format import round_half_away
from stadstrends.publish.report.data import fact
from stadstrends.settings import default_settings
from tests.publish.loaded import kept_city

# in a bracket of its own or after the rounding's words in one: '(...; op kleine aantallen ...)'
WORDS = {"nl": r"[(;] ?op kleine aantallen: gemiddeld (\d+) per jaar, waarin toeval sterk "
               r"meespeelt\)",
         "en": r"[(;] ?on small counts: (\d+) a year on average, where chance plays a large "
               r"part\)"}
# a balance (``indicators.signed``): its net's mean size, either way, not a count of people
BALANCE = {"nl": r"[(;] ?op een klein saldo: gemiddeld (\d+) per jaar erbij of eraf, waarin "
                 r"toeval sterk meespeelt\)",
           "en": r"[(;] ?on a small net balance: (\d+) a year on average, up or down, where "
                 r"chance plays a large part\)"}


def _words(wh, ind: str, lang: str) -> str:
    signed = wh.execute("SELECT signed FROM indicators WHERE indicator_id = ?", [ind]).fetchone()
    return (BALANCE if signed[0] else WORDS)[lang]


def _said(wh, code: str, ind: str, lang: str) -> str:
    data = kept_city(wh, code).in_language(lang)
    return data.writer(lang).indicator(fact(data, ind, lang)).text.replace("\xa0", " ")


def test_significant_trends_on_small_counts_say_so(wh) -> None:
    small = default_settings().small_count
    rows = wh.execute("""
        SELECT k.region_code, k.indicator_id, k.mean_count
        FROM trend_counts k JOIN trends t USING (indicator_id, region_code)
        WHERE k.mean_count < ? AND t.classification IN ('rising', 'falling')
          AND NOT t.indicative ORDER BY k.mean_count, k.region_code""", [small]).fetchall()
    assert len(rows) >= 20  # 34 on the snapshot, 28 of them demolitions
    for code, ind, mean in rows[::6]:
        for lang in ("nl", "en"):
            found = re.search(_words(wh, ind, lang), _said(wh, code, ind, lang))
            assert found and int(found.group(1)) == round_half_away(mean), (code, ind, lang, mean)


def test_no_such_words_on_larger_counts(wh) -> None:
    small = default_settings().small_count
    rows = wh.execute("""
        SELECT k.region_code, k.indicator_id FROM trend_counts k JOIN trends t
            USING (indicator_id, region_code)
         WHERE k.mean_count >= ? AND t.classification = 'falling' AND NOT t.indicative
           AND k.indicator_id = 'demolition_per_1000_dwellings' ORDER BY 1 LIMIT 3""",
                      [small]).fetchall()
    assert len(rows) == 3
    for code, ind in rows:
        assert not re.search(WORDS["nl"], _said(wh, code, ind, "nl")), (code, ind)


def test_untested_verdicts_on_small_counts_say_so(wh) -> None:
    """Schiermonnikoog's births and the first tested trends without a verdict on small counts
    (none said so before session 46), and its adults with payment arrears, a percentage CBS
    publishes of 10 persons (the count of the catalogue's ``counts_from``)."""
    small = default_settings().small_count
    rows = wh.execute("""
        (SELECT k.region_code, k.indicator_id, k.mean_count FROM trend_counts k
            JOIN trends t USING (indicator_id, region_code)
         WHERE k.mean_count < ? AND t.classification = 'no significant change'
           AND NOT t.indicative ORDER BY 1, 2 LIMIT 3)
        UNION ALL
        SELECT region_code, indicator_id, mean_count FROM trend_counts
        WHERE region_code = 'GM0088'
          AND indicator_id IN ('births_per_1000', 'payment_arrears_share')""",
                      [small]).fetchall()
    assert len(rows) == 5
    for code, ind, mean in rows:
        found = re.search(_words(wh, ind, "nl"), _said(wh, code, ind, "nl"))
        assert found and int(found.group(1)) == round_half_away(mean), (code, ind, mean)


def test_balances_on_small_nets_say_so(wh) -> None:
    """A balance counts its net in size (``indicators.signed``; since schema 63): Rozendaal's
    net international migration, 2 people in 2016 and 51 in 2023 (85451NED, 65 in and 14
    out, of 1 754 inhabitants), was 'een significante stijging' of 1,3 to 29,1 per 1 000 with
    no note, as every balance was (none had a row in ``trend_counts``). The note says it is a
    net's size, up or down ('op een klein saldo: gemiddeld 12 per jaar erbij of eraf'): 'op
    kleine aantallen: gemiddeld 12 per jaar' read as 12 people a year (session 54)."""
    small = default_settings().small_count
    mean, cls = wh.execute("""
        SELECT k.mean_count, t.classification FROM trend_counts k
        JOIN trends t USING (indicator_id, region_code)
        WHERE k.region_code = 'GM0277'
          AND k.indicator_id = 'net_international_migration_per_1000'""").fetchone()
    assert round_half_away(mean) == 12 and cls == "rising"  # 2, -1, 8, 6, 3, 9, 19, 51
    rows = wh.execute("""
        SELECT k.region_code, k.indicator_id, k.mean_count
        FROM trend_counts k JOIN trends t USING (indicator_id, region_code)
        JOIN indicators i USING (indicator_id)
        WHERE i.signed AND k.mean_count < ? AND t.classification IN ('rising', 'falling')
          AND NOT t.indicative ORDER BY 1, 2""", [small]).fetchall()
    assert len(rows) >= 4  # 6 on the snapshot: 5 net international migrations, 1 dwellings
    for code, ind, mean in rows:
        for lang in ("nl", "en"):
            said = _said(wh, code, ind, lang)
            found = re.search(BALANCE[lang], said)
            assert found and int(found.group(1)) == round_half_away(mean), (code, ind, lang)
            assert not re.search(WORDS[lang], said), (code, ind, lang, said)
    # a negative net counts by its size: no balance's mean is below zero
    assert wh.execute("SELECT count(*) FROM trend_counts WHERE mean_count < 0").fetchone()[0] == 0


def test_a_mean_just_under_the_limit_is_not_printed_as_the_limit(wh) -> None:
    """Heemskerk's net international migration averages 29,625 a year, under the limit of 30
    the method states ('gemiddeld minder dan 30'): whole, '30' said the opposite (h53j); now
    one decimal more, '29,6'."""
    mean = wh.execute("SELECT mean_count FROM trend_counts WHERE region_code = 'GM0396' "
                      "AND indicator_id = 'net_international_migration_per_1000'").fetchone()[0]
    small = default_settings().small_count
    assert small - 0.5 <= mean < small  # whole it would print as the limit
    text = _said(wh, "GM0396", "net_international_migration_per_1000", "nl")
    assert "op een klein saldo: gemiddeld 29,6 per jaar erbij of eraf" in text, text
    assert "gemiddeld 30 per jaar" not in text
