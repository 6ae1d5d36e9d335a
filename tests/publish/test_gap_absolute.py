"""A gap trend that grows or shrinks relatively while city - ommeland as printed moves the
other way (``region_gap_trends.abs_against``, analysis/gaps.py) says both and carries no
verdict. Dijk en Waard's solar installations per 1 000 inhabitants: 105% -> 20% above the
ommeland in 2016-2023 ('ONGUNSTIG: de voorsprong van Dijk en Waard slinkt significant'
before) while the lead grew from +29,6 to +37,9. Session 56, real warehouse: 127 such gap
verdicts (85 'lead_shrinking', 39 'catching_up', 3 'pulling_ahead', all rates, none a
percentage) were called adverse or favourable; valences adverse 223 -> 138, favourable
181 -> 139."""

from __future__ import annotations

import pytest

from stadstrends.publish.gap_absolute import abs_figures
from stadstrends.publish.report.texts import badge
from tests.publish.test_gap_other_side_words import _strings

DIJK_EN_WAARD = "GM1980"
SOLAR = {"solar_installations_per_1000": (29.6, 37.9, "per 1 000 inwoners"),
         "solar_capacity_per_inhabitant": (62.0, 399.0, "Wp per inwoner")}

#: every growing or shrinking gap trend whose city - ommeland, printed at the catalogue's
#: decimals at its first and last year, moved the other way, computed apart from the analysis
AGAINST_SQL = """
SELECT t.region_code, t.indicator_id
FROM region_gap_trends t JOIN indicators i USING (indicator_id)
JOIN region_gaps f ON f.region_code = t.region_code AND f.indicator_id = t.indicator_id
 AND f.year = t.first_year
JOIN region_gaps l ON l.region_code = t.region_code AND l.indicator_id = t.indicator_id
 AND l.year = t.last_year
WHERE t.classification IN ('diverging', 'converging') AND NOT t.starts_level
  AND NOT t.ends_level
  AND CASE WHEN t.classification = 'converging' THEN 1 ELSE -1 END
      * (abs(round(l.city_value, i.decimals) - round(l.ommeland_value, i.decimals))
         - abs(round(f.city_value, i.decimals) - round(f.ommeland_value, i.decimals))) > 1e-9
"""


def test_dijk_en_waards_solar_rows_are_relative_only(wh):
    rows = {r[0]: r[1:] for r in wh.execute(
        "SELECT indicator_id, movement, valence, abs_against, printed_first_gap, "
        "printed_last_gap FROM region_gap_trends WHERE region_code = ? AND no_verdict IS NULL",
        [DIJK_EN_WAARD]).fetchall()}
    for ind, (first, last, _) in SOLAR.items():
        move, valence, against, p0, p1 = rows[ind]
        assert (move, valence, against) == ("lead_shrinking", "neutral", "larger")
        assert p0 == pytest.approx(first) and p1 == pytest.approx(last)
    sigs = wh.execute("SELECT DISTINCT movement, valence FROM signal_rows WHERE region_code = ? "
                      "AND starts_with(kind, 'gap_') AND list_contains(?, indicator_id)",
                      [DIJK_EN_WAARD, list(SOLAR)]).fetchall()
    assert sigs == [("lead_shrinking_rel", "neutral")]


def test_no_disagreeing_trend_is_called_favourable_or_adverse_anywhere(wh):
    against = set(wh.execute(AGAINST_SQL).fetchall())
    assert len(against) >= 300  # session 56: 328, 224 of them without another no_verdict
    marked = set(wh.execute(
        "SELECT region_code, indicator_id FROM region_gap_trends WHERE abs_against IS NOT NULL"
    ).fetchall())
    assert marked == against
    wh.execute("CREATE OR REPLACE TEMP TABLE _against AS " + AGAINST_SQL)
    judged = wh.execute("SELECT count(*) FROM region_gap_trends JOIN _against "
                        "USING (region_code, indicator_id) WHERE valence <> 'neutral'").fetchone()
    signals = wh.execute("SELECT count(*), count(*) FILTER (WHERE valence <> 'neutral' OR NOT "
                         "ends_with(movement, '_rel')) FROM signal_rows JOIN _against "
                         "USING (region_code, indicator_id) WHERE starts_with(kind, 'gap_')"
                         ).fetchone()
    assert judged == (0,)
    assert signals[0] > 0 and signals[1] == 0
    # the opgaven's gap counts are those of the gap trends with a valence, none of them
    counted = wh.execute("SELECT sum(n_gaps_adverse + n_gaps_favourable) FROM opgave_summary "
                         "WHERE set_id = (SELECT min(set_id) FROM opgave_summary)").fetchone()[0]
    assert counted > 0


def test_an_agreeing_shrinking_lead_keeps_its_verdict(wh):
    """Opmeer's solar installations: 50% -> 1,8% above its ommeland, +19,6 -> +3,7 per
    1 000 inhabitants: both smaller, still adverse."""
    row = wh.execute("SELECT movement, valence, abs_against, printed_first_gap, "
                     "printed_last_gap FROM region_gap_trends WHERE region_code = 'GM0432' "
                     "AND indicator_id = 'solar_installations_per_1000'").fetchone()
    assert row[:3] == ("lead_shrinking", "adverse", None)
    assert row[3] == pytest.approx(19.6) and row[4] == pytest.approx(3.7)
    n = wh.execute("SELECT count(*) FROM region_gap_trends WHERE valence <> 'neutral' "
                   "AND no_verdict IS NULL").fetchone()[0]
    assert n >= 250  # session 56: 277


def test_the_figures_in_words():
    g = {"abs_against": "larger", "printed_first_gap": 29.6, "printed_last_gap": 37.9,
         "first_year": 2016, "last_year": 2023}
    assert abs_figures(g, "per 1 000 inwoners", 1, "nl") == (
        ": van +29,6 in 2016 naar +37,9 per 1 000 inwoners in 2023")
    assert abs_figures({**g, "printed_first_gap": -2.4, "printed_last_gap": -2.6}, "%", 1,
                       "en") == ": from −2.4 in 2016 to −2.6 percentage points in 2023"
    assert abs_figures({**g, "abs_against": None}, "%", 1, "nl") == ""
    assert badge({"kind": "gap_narrowing", "valence": "neutral",
                  "movement": "lead_shrinking_rel"}, "nl") == (
        "verschil met het ommeland relatief kleiner, absoluut groter (geen oordeel)")


def test_dijk_en_waards_report_and_profile_say_both(city_reports, wh):
    from stadstrends.publish.profile import city_profile

    _, reports = city_reports(["Dijk en Waard"])
    ctx = reports["Dijk en Waard"][1]["nl"]
    texts = list(_strings({k: v for k, v in ctx.items() if k != "texts"}))  # not the words
    for figures, unit in (("van +29,6 in 2016 naar +37,9", "per 1 000 inwoners"),
                          ("van +62 in 2016 naar +399", "Wp per inwoner")):
        said = [s for s in texts if "relatief significant kleiner geworden" in s
                and figures + f" {unit} in 2023" in s]
        assert said, figures
    assert not any("Dijk en Waard slinkt significant" in s for s in texts)
    assert not any("voorsprong op het ommeland slinkt" in s for s in texts)  # no badge
    assert any("relatief kleiner, absoluut groter (geen oordeel)" in s for s in texts)
    profile = city_profile(wh, "Dijk en Waard", lang="nl")
    sigs = [s for o in profile["opgaven"] for s in o["top_signals"]
            if s["indicator_id"] in SOLAR and s["kind"].startswith("gap_")]
    assert sigs and all(s["valence"] == "neutral" and "relatief" in s["text_nl"]
                        and "in absolute zin groter" in s["text_nl"] for s in sigs)
