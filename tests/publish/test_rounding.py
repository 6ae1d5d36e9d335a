"""CBS's rounding next to a small municipality's count (publish/rounding.py): Vlieland's
jobs (83582NED, rounded to hundreds: 600-800) get a caveat on their change; Zwolle's do not."""

from __future__ import annotations

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city
from stadstrends.publish.rounding import (
    COARSE_SHARE,
    coarse_change,
    coarse_position,
    coarse_rounding,
)

CAVEAT = {"nl": "Het CBS rondt het onderliggende aantal af op honderdtallen",
          "en": "CBS rounds the underlying count to the nearest hundred"}


def test_a_change_is_coarse_only_where_the_rounded_year_is_in_its_years():
    trend = {"first_year": 2016, "last_year": 2023}
    coarse = {"unit": 100, "year": 2023, "count": 700.0, "share": 50 / 700}
    assert coarse_change({"trend": trend, "coarse": coarse})
    assert not coarse_change({"trend": trend, "coarse": {**coarse, "year": 2009}})
    assert not coarse_change({"trend": None, "coarse": coarse})
    assert not coarse_change({"trend": trend, "coarse": None})


def test_a_position_is_coarse_where_the_rounding_passes_a_quarter_or_the_median():
    # Vlieland's jobs per 1 000 inhabitants in 2023: 542 +-7% passes the group's p75 (532)
    coarse = {"unit": 100, "year": 2023, "count": 700.0, "share": 50 / 700}
    bench = {"year": 2023, "value": 542.2, "p25": 304.0, "median": 396.0, "p75": 531.5}
    assert coarse_position({"bench": bench, "coarse": coarse})
    assert not coarse_position({"bench": {**bench, "value": 700.0}, "coarse": coarse})
    assert not coarse_position({"bench": {**bench, "year": 2022}, "coarse": coarse})


def test_vlielands_jobs_are_coarse_zwolles_are_not(wh):
    vlieland = coarse_rounding(wh, "GM0096")
    for ind in ("jobs_employees", "job_ratio"):
        row = vlieland[ind]
        assert (row["unit"], row["year"], row["count"]) == (100, 2023, 700.0)
        assert row["share"] > COARSE_SHARE
    jobs = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                      "'jobs_employees' AND region_code = 'GM0096' AND year = 2023").fetchone()
    assert jobs == (700.0,)  # the count the share is of
    zwolle = coarse_rounding(wh, "GM0193")
    assert "jobs_employees" not in zwolle and "job_ratio" not in zwolle


def _texts(wh, city: str, lang: str) -> dict[str, str]:
    ctx = builder.city_context(load_city(wh, city), lang, None)
    return {s.indicator_id: s.text for s in builder.collect_sentences(ctx) if s.indicator_id}


def test_the_report_says_the_change_of_a_coarse_count_is_uncertain(wh):
    """'Banen van werknemers 2016-2023: van 600 in 2016 naar 700 in 2023 (+17%)' read as
    exact; with rounding to hundreds either end may be 50 off."""
    for lang in ("nl", "en"):
        vlieland = _texts(wh, "Vlieland", lang)
        assert CAVEAT[lang] in vlieland["jobs_employees"], vlieland["jobs_employees"]
        assert CAVEAT[lang] in vlieland["job_ratio"]
        both = {"nl": "zijn de verandering en de plaats in de groep daardoor onzeker",
                "en": "the change and the position in the group are therefore uncertain"}
        assert both[lang] in vlieland["job_ratio"]  # 542 'in het hoogste kwart'; p75 532
        assert both[lang] not in vlieland["jobs_employees"]  # 700 jobs, median 2 000
        zwolle = _texts(wh, "Zwolle", lang)
        assert not any(CAVEAT[lang] in text for text in zwolle.values())
