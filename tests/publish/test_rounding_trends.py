"""A significant trend that may rest on CBS's rounding of its years (analysis/coarse_trends.py:
``coarse_trends``, not ``holds``) says so wherever it is stated, in Dutch and English: the
report's sentence and panel, Kies richting's sentence, the profile's domain counts (real
snapshot). Ameland's self-employed per 1 000 (about 500, rounded to hundreds) fall from 138
in 2016 to 130 in 2023, once 'een significante daling', which the rounding alone could turn
into a rise."""

from __future__ import annotations

from stadstrends.publish.profile import city_profile
from stadstrends.publish.report import builder
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.direction_words import why
from stadstrends.publish.sentence_signals import kies_sentence
from tests.publish.loaded import kept_city

SIGNIFICANT = {"nl": ("een significante daling", "een significante stijging"),
               "en": ("a significant fall", "a significant rise")}
# the trend is significant on the published figures; within CBS's rounding not certainly so,
# and where the first and last years' intervals meet not even the change (never 'een
# significante daling (binnen de afronding van het CBS niet zeker)', read as a contradiction,
# nor 'de daling kan door de afronding komen' of a fall of a third)
CAVEAT = {"nl": "maar binnen de afronding van het CBS niet zeker significant",
          "en": "but not certainly significant within CBS rounding"}
CHANGE = {"nl": "binnen die afronding is zelfs de daling niet zeker",
          "en": "within that rounding not even the fall is certain"}
KIES = {"nl": ", maar binnen de afronding van het CBS niet zeker significant",
        "en": ", but not certainly significant within CBS rounding"}
SELF = "self_employed_per_1000"


def _resting(wh) -> dict[str, set[str]]:
    """municipality code -> the indicators whose significant trend may rest on rounding."""
    out: dict[str, set[str]] = {}
    for code, ind in wh.execute("SELECT region_code, indicator_id FROM coarse_trends "
                                "WHERE NOT holds").fetchall():
        out.setdefault(code, set()).add(ind)
    return out


def test_no_sentence_calls_such_a_trend_significant_without_the_caveat(wh):
    """No report sentence calls such a trend 'een significante daling' or 'stijging'; those
    that give its verdict say it is significant on the rounded figures, not certain within
    them: every fourth of the 319 municipalities with such a trend (Dutch; English for the
    first twelve of them)."""
    resting, said = _resting(wh), 0
    for k, (code, flagged) in enumerate(sorted(resting.items())[::4]):
        data = kept_city(wh, code)
        for lang in ("nl", "en") if k < 12 else ("nl",):
            for s in builder.collect_sentences(builder.city_context(data, lang, None)):
                if s.indicator_id in flagged:
                    assert not any(w in s.text for w in SIGNIFICANT[lang]), (code, s.text)
                    said += CAVEAT[lang] in s.text or CHANGE[lang].split(" de")[0].split(
                        " the")[0] in s.text  # '... zelfs de stijging niet zeker' too
    # 319 before CBS's Wmo rates (s. 47); 328 with CBS's rounded births and deaths rates
    # (s. 52), 322 again with them unrounded (s. 53: exact_rates)
    assert len(resting) == 322 and said >= 100, said


def test_amelands_self_employed_fall_is_not_certain(wh):
    """Ameland's self-employed per 1 000 (138 -> 130) rest on a count CBS rounds to hundreds
    that is 500 in every year: since session 45 not tested at all (``trends.n_counts``), so
    no sentence calls it significant."""
    data = kept_city(wh, "Ameland")
    t = data.trends[SELF]
    assert (t["first_year"], t["last_year"], t["classification"]) == (
        2016, 2023, "not tested")
    assert t["n_counts"] is not None and t["n_counts"] < 3
    for lang in ("nl", "en"):
        said = data.writer(lang).indicator(fact(data, SELF, lang)).text
        assert SIGNIFICANT[lang][0] not in said, said
    bunnik = kept_city(wh, "Bunnik")  # 0,5 -> 0,3 % +-0,05: the fall stands, its test not
    assert bunnik.trends["payment_arrears_share"]["rests_on_rounding"]
    for lang in ("nl", "en"):
        said = bunnik.writer(lang).indicator(fact(bunnik, "payment_arrears_share", lang)).text
        assert CAVEAT[lang] in said and CHANGE[lang] not in said, said
    # a city none of whose trends rests on rounding (Arnhem's deaths per 1 000 do since they
    # are CBS's rate rounded to 0,1, session 52)
    maastricht = kept_city(wh, "Maastricht")
    assert not any(t.get("rests_on_rounding") for t in maastricht.trends.values())


def test_kies_richting_says_its_trend_may_be_rounding(wh):
    """Kies rows whose trend may rest on rounding have no momentum; their sentence does not
    say 'geen significante trend' (the test found one) but that it may be rounding."""
    rows = wh.execute("""SELECT k.region_code, k.set_id, k.indicator_id FROM kies_richting k
                         JOIN coarse_trends c USING (region_code, indicator_id)
                         WHERE NOT c.holds""").fetchall()
    assert len(rows) > 100
    checked = 0
    for code, set_id, ind in rows[:20]:
        data = kept_city(wh, code, set_id)
        k = next(r for r in data.kies if r["indicator_id"] == ind)
        assert k["momentum"] == "none" and k["rests_on_rounding"]
        for lang in ("nl", "en"):
            text = kies_sentence({**k, "title_nl": ind, "title_en": ind, "unit": "per_1000"},
                                 None, lang)
            assert KIES[lang] in text, text
            checked += 1
    assert checked == 40


def test_the_profile_counts_such_a_trend_apart(wh):
    """Ameland's domain counts: the payment arrears' fall is not 'verbeteren'."""
    profile = city_profile(wh, "GM0060", lang="en")
    rows = {i["indicator_id"]: (d, i) for d in profile["domains"] for i in d["indicators"]}
    dom, row = rows["payment_arrears_per_1000"]
    assert row["rests_on_rounding"] and row["direction_label"] == "improving"
    assert dom["n_rounding"] >= 1
    assert "binnen de afronding van het CBS niet zeker significant is" in dom["summary_nl"]
    assert "not certainly significant within CBS rounding" in dom["summary_en"]


def test_the_reports_kies_reason_says_it_may_be_rounding(wh):
    """Beesel's payment arrears per 1 000: in GK3's least favourable quarter, falling (9,7 to
    6,7 per 1 000 in 2017-2024, S = -18), but with CBS's rounding to tens resolved against
    it the test is not significant (p 0,06): an urgent task, 'zonder zekere verbetering';
    the report once said 'en verandert niet significant' of a trend the test found
    significant, and then that the fall 'kan door de afronding komen', which a fall of a
    third cannot. Since h49d Beesel's figure of 2024, on a count CBS rounds coarsely for
    it, carries no label without a trend that agrees; Elburg's in its COROP region Veluwe
    (a count not coarse for it) is such a task."""
    data = kept_city(wh, "Elburg", "CR13")
    k = next(r for r in data.kies if r["indicator_id"] == "payment_arrears_per_1000")
    assert (k["label"], k["momentum"], k["trend"]) == ("urgent task", "none", "falling")
    for lang, said in (("nl", "en daalt, maar binnen de afronding van het CBS is de daling "
                              "niet zeker significant."),
                       ("en", "and falls, but within CBS rounding the fall is not certainly "
                              "significant.")):
        assert why(data, k, lang).endswith(said), why(data, k, lang)
