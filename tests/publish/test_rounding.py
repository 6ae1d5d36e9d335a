"""CBS's rounding next to a small municipality's count (publish/rounding.py): Vlieland's
jobs (83582NED, rounded to hundreds: 600-800) get a caveat on their change; Zwolle's do not.
Rounding to fives too (84903NED/86054NED: Vlieland's net growth of 0 dwellings in 2023 is
-2 to 2), and Kies richting names no quarter the rounding alone could change."""

from __future__ import annotations

import re

from stadstrends.publish.report import builder, glance
from stadstrends.publish.report.data import fact
from stadstrends.publish.rounding import (
    coarse_change,
    coarse_position,
    coarse_rounding,
)
from tests.publish.loaded import kept_city

CAVEAT = {"nl": "Het CBS rondt het onderliggende aantal af op honderdtallen",
          "en": "CBS rounds the underlying count to the nearest hundred"}


def test_a_change_is_coarse_where_the_analysis_says_so():
    # the rule is the analysis stage's (coarse_changes, tests/analysis/test_coarse_trends.py);
    # the sentence reads its verdict with the trend, and needs the coarse count for its unit
    trend = {"first_year": 2016, "last_year": 2023, "first_value": 600.0, "last_value": 700.0}
    coarse = {"unit": 100, "year": 2023, "count": 700.0, "share": 50 / 700, "spread": 50.0,
              "spreads": {2016: 50.0, 2023: 50.0}}
    assert coarse_change({"trend": {**trend, "coarse_change": True}, "coarse": coarse})
    assert not coarse_change({"trend": {**trend, "coarse_change": False}, "coarse": coarse})
    assert not coarse_change({"trend": trend, "coarse": coarse})
    assert not coarse_change({"trend": None, "coarse": coarse})
    assert not coarse_change({"trend": {**trend, "coarse_change": True}, "coarse": None})


def test_a_position_is_coarse_where_the_analysis_says_so_in_its_year():
    # Vlieland's jobs per 1 000 inhabitants in 2023: 542 +-7% passes the group's p75 (532);
    # the rule is the analysis stage's (coarse_positions), the sentence reads its year's row
    place = {"year": 2023, "unit": 100, "spread": 38.7, "reason": "crosses_p75"}
    bench = {"year": 2023, "value": 542.2, "p25": 304.0, "median": 396.0, "p75": 531.5}
    assert coarse_position({"bench": bench, "coarse_place": place})
    assert not coarse_position({"bench": bench, "coarse_place": None})
    assert not coarse_position({"bench": {**bench, "year": 2022}, "coarse_place": place})


def test_vlielands_jobs_are_coarse_zwolles_are_not(wh):
    vlieland = coarse_rounding(wh, "GM0096")
    for ind in ("jobs_employees", "job_ratio"):
        row = vlieland[ind]
        assert (row["unit"], row["year"], row["count"]) == (100, 2023, 700.0)
        assert row["share"] > row["limit_share"] == 0.05  # settings.yaml: coarse_share
    jobs = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                      "'jobs_employees' AND region_code = 'GM0096' AND year = 2023").fetchone()
    assert jobs == (700.0,)  # the count the share is of
    zwolle = coarse_rounding(wh, "GM0193")
    assert "jobs_employees" not in zwolle and "job_ratio" not in zwolle


def _texts(wh, city: str, lang: str) -> dict[str, str]:
    ctx = builder.city_context(kept_city(wh, city), lang, None)
    return {s.indicator_id: s.text for s in builder.collect_sentences(ctx) if s.indicator_id}


def test_the_report_says_the_change_of_a_coarse_count_is_uncertain(wh):
    """'Banen van werknemers 2016-2023: van 600 in 2016 naar 700 in 2023 (+17%)' read as
    exact; with rounding to hundreds either end may be 50 off."""
    for lang in ("nl", "en"):
        vlieland = _texts(wh, "Vlieland", lang)
        itself = CAVEAT[lang].replace("het onderliggende aantal", "dit aantal").replace(
            "the underlying count", "this count")  # the figure is the count itself
        assert itself in vlieland["jobs_employees"], vlieland["jobs_employees"]
        assert CAVEAT[lang] in vlieland["job_ratio"]
        both = {"nl": "zijn de verandering en de plaats in de groep daardoor onzeker",
                "en": "the change and the position in the group are therefore uncertain"}
        assert both[lang] in vlieland["job_ratio"]  # 542 'in het hoogste kwart'; p75 532
        assert both[lang] not in vlieland["jobs_employees"]  # 700 jobs, median 2 000
        zwolle = _texts(wh, "Zwolle", lang)
        assert not any(CAVEAT[lang] in text for text in zwolle.values())


FIVES = {"nl": "Het CBS rondt het onderliggende aantal af op vijftallen",
         "en": "CBS rounds the underlying count to the nearest five"}
DWELLINGS = ("dwelling_stock_growth_per_1000", "demolition_per_1000_dwellings",
             "new_construction_per_1000_dwellings")


def test_counts_rounded_to_five_are_found(wh):
    """Every municipal value of 84903NED and 86054NED is a multiple of 5: Vlieland's net growth
    of 2023 is 0 (82550NED: 640 -> 642 dwellings), its demolitions 5; both coarse, and a
    position 0 +-3,9 per 1 000 passes GK1's p25 of 1,7."""
    units = dict(wh.execute("SELECT indicator_id, min(unit) FROM numerator_rounding WHERE "
                            "indicator_id IN (SELECT unnest(?)) GROUP BY 1",
                            [list(DWELLINGS)]).fetchall())
    assert units == dict.fromkeys(DWELLINGS, 5)
    vlieland = coarse_rounding(wh, "GM0096")
    growth = vlieland["dwelling_stock_growth_per_1000"]
    assert (growth["unit"], growth["year"], growth["count"], growth["share"]) == (
        5, 2023, 0.0, None)
    assert 3.5 < growth["spread"] < 4.5  # 2,5 of some 640 dwellings per 1 000
    assert vlieland["demolition_per_1000_dwellings"]["count"] == 5.0
    data = kept_city(wh, "Vlieland")
    assert coarse_position(fact(data, "dwelling_stock_growth_per_1000"))


def test_vlielands_dwelling_figures_of_one_coarse_year_are_no_finding(wh):
    """'Netto groei woningvoorraad per 1 000 woningen: 0,0 in 2023 ... laagste kwart ...
    van 0,0 in 2016 naar 0,0 in 2023' read as exact (left out with its urgent task, session
    47); 'Sloop ... van 0,0 in 2016 naar 7,8 in 2023' rested on 0 and 5 demolitions, a
    deviation from the group of one coarse year with no trend, withheld since session 50
    (signal_kies.trend_disagrees): the report states neither."""
    for lang in ("nl", "en"):
        ctx = builder.city_context(kept_city(wh, "Vlieland"), lang, None)
        said = [s.text for s in builder.collect_sentences(ctx) if s.indicator_id in DWELLINGS
                and re.search(r"\d", s.text)]  # not 'Beter bij: ...' of peers
        assert said == []


def test_kies_richting_names_no_quarter_the_rounding_could_change(wh):
    """Small municipalities in their default group: no strength or urgent task whose sentence
    says its position in the group is uncertain (Vlieland's net growth of 0 dwellings was an
    'Urgente opgave' in the lowest quarter under GK1's p25 of 1,7)."""
    checked = 0
    for city in ("Vlieland", "Schiermonnikoog", "Ameland", "Terschelling", "Rozendaal",
                 "Renswoude", "Westerveld", "Land van Cuijk"):
        data = kept_city(wh, city)
        for k in data.kies:
            checked += 1
            assert not coarse_position(fact(data, k["indicator_id"])), (city, k)
        assert all(k["indicator_id"] != "dwelling_stock_growth_per_1000"
                   for k in data.kies) or city != "Vlieland"
    assert checked >= 40


def test_a_large_citys_rounded_zero_leaves_its_change_certain(wh):
    """Enschede's net growth of its dwelling stock was 0 in 2023 (86054NED, rounded to fives:
    -2 to 2 of some 75 000 dwellings, +-0,03 per 1 000): its change from -6,5 in 2016 is not
    made uncertain by that, and its lowest quarter not either."""
    growth = coarse_rounding(wh, "GM0153")["dwelling_stock_growth_per_1000"]
    assert growth["count"] == 0.0 and growth["spread"] < 0.05
    data = kept_city(wh, "Enschede")
    f = fact(data, "dwelling_stock_growth_per_1000")
    assert not coarse_change(f) and not coarse_position(f)
    assert wh.execute("SELECT undoable FROM coarse_changes WHERE region_code = 'GM0153' AND "
                      "indicator_id = 'dwelling_stock_growth_per_1000'").fetchall() == [(False,)]
    for lang in ("nl", "en"):  # no sentence of it says the rounding makes it uncertain
        texts = _texts(wh, "Enschede", lang)  # (since h49d no Kies entry of one coarse year)
        assert FIVES[lang] not in texts.get("dwelling_stock_growth_per_1000", "")


ARREARS = "payment_arrears_per_1000"
SMALL = ("Schiermonnikoog", "Vlieland", "Ameland", "Rozendaal")
PLACE = {"nl": r"de plaats in de groep daardoor onzeker",
         "en": r"the position in the group (is|are) therefore uncertain"}


def test_the_glance_judges_no_group_position_its_sentence_calls_uncertain(wh):
    """Schiermonnikoog's payment arrears per 1 000 in 2024 (10 persons, rounded to tens):
    the glance said 'ongunstig vergeleken met de groep' (a group_deviation signal, also in
    the profile and the API) while its sentence said its place in the group is uncertain.
    No such pair in the small municipalities' reports, in either language."""
    for city in SMALL:
        data = kept_city(wh, city)
        group_signals = {s["indicator_id"] for s in data.signals
                         if s["kind"] == "group_deviation"}
        for lang in ("nl", "en"):
            ctx = builder.city_context(data, lang, None)
            uncertain = {s.indicator_id for s in builder.collect_sentences(ctx)
                         if s.indicator_id and re.search(PLACE[lang], s.text)}
            judged = {it["sentence"].indicator_id
                      for opg in glance.glance(data, lang)["opgaven"] for it in opg["items"]
                      if it["kind"] == "group_deviation"
                      and it["valence"] in ("favourable", "adverse")}
            assert not uncertain & (judged | group_signals), (city, lang)
            if city == "Schiermonnikoog":  # its sentence, wherever it stands, says so
                said = data.writer(lang).indicator(fact(data, ARREARS, lang), "group_deviation")
                assert re.search(PLACE[lang], said.text), said.text
                not_shown = " ".join(opg["not_shown"] or "" for opg in
                                     glance.glance(data, lang)["opgaven"])
                title = data.catalogue[ARREARS][f"title_{lang}"]
                assert f"{title} (" not in not_shown, not_shown  # '(ongunstig vergeleken ...'


THEFTS = "thefts_per_1000"


def test_rounding_that_cannot_undo_a_change_leaves_it_certain(wh):
    """Terschelling's thefts per 1 000: 24,3 in 2017 (about 120, not coarse; CBS's rate,
    24,7 from the rounded count before) -> 6,1 in 2024
    (30, 84903NED rounded to fives: +-0,5, 5,6-6,6): -75%, a favourable signal and a Kies
    strength, was called uncertain because 2024 is coarse. Vlieland's demolitions 0 -> 5
    (0,0 +-4,6 -> 7,8 +-3,9 per 1 000) and net growth 0 -> 0 could be undone: they keep it."""
    data = kept_city(wh, "Terschelling")
    f = fact(data, THEFTS)
    t = f["trend"]
    assert (t["first_year"], t["last_year"], f["coarse"]["count"]) == (2017, 2024, 30.0)
    assert not coarse_change(f)
    spreads = f["coarse"]["spreads"]
    assert t["first_year"] not in spreads and 0.4 < spreads[2024] < 0.6
    assert t["last_value"] + spreads[2024] < t["first_value"]  # 6,6 < 24,3
    assert any(k["indicator_id"] == THEFTS for k in data.kies)
    vlieland = kept_city(wh, "Vlieland")
    for ind in ("demolition_per_1000_dwellings", "dwelling_stock_growth_per_1000"):
        assert coarse_change(fact(vlieland, ind)), ind
    for lang in ("nl", "en"):
        ctx = builder.city_context(data, lang, None)
        said = [s.text for s in builder.collect_sentences(ctx) if s.indicator_id == THEFTS
                and re.search(r"24[,.]3", s.text)]  # 'van 24,3 in 2017 naar 6,1 in 2024'
        assert said and not any(FIVES[lang] in text for text in said), said
