"""CBS rounds some counts; a rounded 0 is not 'none' (checked on the real snapshot).

85383NED's final bijstand count of 2024 is a multiple of 10 for every region (Ameland 0,
Schiermonnikoog and Vlieland 10): Ameland has 0 to 4 benefits, not none. The build records
such a numerator's rounding (``numerator_rounding``) and leaves a municipality's rounded 0
out with the reason ``rounded_to_zero``, so it is never ranked, signalled or headlined
(before: Ameland '0,0 bijstandsuitkeringen per 1 000 inwoners', 'gunstig vergeleken met het
ommeland'); every indicator with a rounded numerator says so in a caveat.

Denominators too: 85230NED and 86088NED publish the labour force in thousands, so
Schiermonnikoog's (some 500 people) is 0 in 15 years (``denominator_rounding``). Its
unemployment was left out, first with 'de noemer is nul', then with 'de noemer is kleiner dan
500: CBS rondt die af en publiceert dan 0, zodat er geen cijfer te berekenen is'; both untrue:
the figure is CBS's own published percentage, the labour force only its weight where figures
are combined (:mod:`stadstrends.indicators.published_means`). Now the island keeps CBS's figure.
"""

from __future__ import annotations

import csv

from stadstrends import vocabulary
from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.publish.report.data import load_city
from stadstrends.publish.report.gap_words import indicator_reasons

SA = "social_assistance_per_1000"
UNIT_WORDS = {5: "vijftallen", 10: "tientallen", 100: "100", 1000: "1 000"}


def _bijstand_2024(statline) -> dict[str, float]:
    path = statline / "municipal_complete" / "85383NED.csv"
    with path.open(encoding="utf-8-sig") as fh:
        return {r["Regiocode_73"].strip(): float(r["TotaalBijstandsuitkeringen_22"])
                for r in csv.DictReader(fh, delimiter=";")
                if r["StatusCijfer"] == "Definitief" and r["Perioden"] == "2024"
                and r["TotaalBijstandsuitkeringen_22"]}


def test_the_2024_bijstand_count_is_rounded_to_tens_in_the_file_and_the_warehouse(wh, statline):
    counts = _bijstand_2024(statline)
    assert len(counts) == 399 and all(v % 10 == 0 for v in counts.values())
    assert (counts["GM0060"], counts["GM0088"], counts["GM0096"]) == (0.0, 10.0, 10.0)
    row = wh.execute("SELECT table_id, unit, n_zero FROM numerator_rounding "
                     "WHERE indicator_id = ? AND year = 2024", [SA]).fetchone()
    assert row == ("85383NED", 10, 1)


def test_a_rounded_zero_is_missing_with_its_reason_and_never_signalled(wh):
    """Measured: 9 municipality-years of bijstand (80860ned 1999-2008, 85383NED 2024) and
    Vlieland's non-western share of 2005; no other rounded numerator has a 0."""
    zeros = wh.execute("""
        SELECT v.indicator_id, count(*) FROM indicator_values v
        JOIN numerator_rounding r USING (indicator_id, year)
        WHERE v.region_code LIKE 'GM%' AND v.value = 0 AND r.unit >= 10 GROUP BY 1""").fetchall()
    assert zeros == []
    # fives keep their 0 (0-2 dwellings built or demolished, a balance of -2..2): Vlieland's
    # net growth of its dwelling stock in 2023 (the report's caveat says it is uncertain)
    vlieland = wh.execute("SELECT v.value, r.unit FROM indicator_values v JOIN "
                          "numerator_rounding r USING (indicator_id, year) WHERE indicator_id "
                          "= 'dwelling_stock_growth_per_1000' AND region_code = 'GM0096' "
                          "AND year = 2023").fetchone()
    assert vlieland == (0.0, 5)
    gaps = dict(wh.execute("SELECT indicator_id, count(*) FROM indicator_results "
                           "WHERE reason = 'rounded_to_zero' GROUP BY 1").fetchall())
    assert gaps == {SA: 9, "share_non_western_background": 1}
    ameland = wh.execute("SELECT value, reason, reason_detail FROM indicator_results "
                         "WHERE indicator_id = ? AND region_code = 'GM0060' AND year = 2024",
                         [SA]).fetchone()
    assert ameland == (None, "rounded_to_zero", "5")
    assert vocabulary.word("nl", "reasons", "rounded_to_zero", detail="5").startswith(
        "het aantal is kleiner dan 5")
    signals = wh.execute("SELECT count(*) FROM signals WHERE indicator_id = ? AND "
                         "region_code = 'GM0060' AND year = 2024", [SA]).fetchone()[0]
    assert signals == 0
    # the COROP region (and so the ommeland of its other municipalities) keeps its total
    corop = wh.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = ? "
                       "AND year = 2024 AND region_code LIKE 'CR%'", [SA]).fetchone()[0]
    assert corop == 40


def test_every_rounded_numerator_is_named_in_a_caveat(wh):
    """Each indicator whose numerator CBS rounds (in some year) says so, with the unit."""
    units = wh.execute("SELECT indicator_id, max(unit) FROM numerator_rounding "
                       "GROUP BY 1").fetchall()
    assert len(units) >= 15
    catalogue = load_catalogue()
    for indicator, unit in units:
        caveats = catalogue.get(indicator).caveats
        assert any("afgerond" in c.nl and UNIT_WORDS[unit] in c.nl and "rounded" in c.en
                   for c in caveats), (indicator, unit)


def _labour_force(statline, table: str) -> dict[int, tuple[str, str]]:
    """Schiermonnikoog's (labour force in thousands, unemployment %) by year in a file."""
    path = statline / "municipal_total_slice" / f"{table}.csv"
    with path.open(encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter=";") if r["RegioS"] ==
                "Schiermonnikoog" and r["Persoonskenmerken"] == "Totaal personen"]
    return {int(r["Perioden"][:4]): (r["Beroepsbevolking_2"].strip(),
                                     r["Werkloosheidspercentage_13"].strip()) for r in rows}


def test_a_weight_rounded_to_zero_keeps_cbs_published_mean(wh, statline):
    """Schiermonnikoog's unemployment, 2003-2024: CBS's percentage every year (86088NED from
    2013, 85230NED before), also in the 15 years whose labour force CBS publishes as 0
    (before: 15 gaps 'de noemer is kleiner dan 500 ... geen cijfer te berekenen'). No value
    of the snapshot now lacks a figure for a rounded denominator or weight."""
    cbs = {y: v for y, v in _labour_force(statline, "85230NED").items() if y <= 2012}
    cbs |= _labour_force(statline, "86088NED")
    zero = sorted(y for y, (force, _) in cbs.items() if float(force) == 0)
    assert zero == [*range(2003, 2017), 2021] and cbs[2021] == ("0.0", "3.2")
    got = dict(wh.execute("SELECT year, value FROM indicator_values WHERE indicator_id = "
                          "'unemployment_rate' AND region_code = 'GM0088'").fetchall())
    assert got == {y: float(pct) for y, (_, pct) in cbs.items()}
    assert wh.execute("SELECT count(*) FROM indicator_results WHERE reason IN "
                      "('denominator_rounded_to_zero', 'weight_rounded_to_zero')"
                      ).fetchone()[0] == 0
    rounding = wh.execute("SELECT unit, sum(n_zero) FROM denominator_rounding WHERE "
                          "indicator_id = 'unemployment_rate' GROUP BY 1").fetchall()
    assert rounding == [(1000, 15)]  # the weight stays known as rounded
    city = load_city(wh, "GM0088")
    for lang in ("nl", "en"):
        assert indicator_reasons(city, "unemployment_rate", lang) == []


def test_a_zero_weight_leaves_the_regions_around_it_true(wh):
    """Where a municipality's weight is 0 (Schiermonnikoog's labour force, 15 years), the
    COROP region, province and Nederland are CBS's own figures (``region_cbs_means``), and the
    ommelanden summed over the other members of Noord-Friesland (150) take the island at weight
    0: any weight under 500 moves them by at most 0,013 points, within half the printed unit
    (0,05)."""
    regions = wh.execute("""
        SELECT count(*), count(r.region_code) FROM (
            SELECT DISTINCT c.indicator_id, z.year, g.set_id FROM series_all z
            JOIN catalogue_indicators c ON z.series_id = c.denominator_series
            JOIN region_sets g ON g.region_code = z.region_code
             AND (g.set_id = 'NL01' OR g.set_id LIKE 'CR%' OR g.set_id LIKE 'PV%')
            WHERE c.method = 'weighted_mean' AND z.region_code LIKE 'GM%' AND z.value = 0) x
        LEFT JOIN region_cbs_means r ON r.indicator_id = x.indicator_id
         AND r.region_code = x.set_id AND r.year = x.year""").fetchone()
    assert regions == (45, 45)
    n, worst = wh.execute("""
        WITH zero AS (
            SELECT c.indicator_id, s.region_code, s.year, g.set_id AS corop, v.value AS mean
            FROM series_all s JOIN catalogue_indicators c ON s.series_id = c.denominator_series
            JOIN indicator_values v ON v.indicator_id = c.indicator_id
             AND v.region_code = s.region_code AND v.year = s.year
            JOIN region_sets g ON g.region_code = s.region_code AND g.set_id LIKE 'CR%'
            WHERE c.method = 'weighted_mean' AND s.region_code LIKE 'GM%' AND s.value = 0),
        rest AS (  -- the other members' weight in each ommeland
            SELECT z.indicator_id, z.year, o.region_code, o.ommeland_value, z.mean,
                   sum(d.value) FILTER (WHERE d.region_code <> o.region_code) AS den
            FROM zero z
            JOIN ommeland o ON o.corop_code = z.corop AND o.indicator_id = z.indicator_id
             AND o.year = z.year AND o.region_code <> z.region_code
            JOIN region_sets g ON g.set_id = z.corop
            JOIN series_all d ON d.series_id = z.indicator_id || ':den'
             AND d.region_code = g.region_code AND d.year = z.year
            WHERE o.ommeland_value IS NOT NULL GROUP BY ALL)
        SELECT count(*), max(500 * abs(mean - ommeland_value) / (den + 500)) FROM rest
        """).fetchone()
    assert n == 150 and worst < 0.0126


def test_a_rounding_counts_only_municipal_figures(wh):
    """n_values of numerator_rounding and denominator_rounding: municipal cells with a
    figure, so never more than the municipalities with a figure in that table and data year
    (the indicator's year minus its year_offset: payment arrears on 31 December 2010 are
    the 2011 figure, 430 of 2010's municipalities) (an OR without brackets once counted the
    NL, COROP and province rows and empty cells: demolitions 2012, 468 values against 415
    municipalities)."""
    offsets = [(i.id, i.year_offset) for i in load_catalogue().indicators]
    assert ("payment_arrears_per_1000", 1) in offsets
    wh.execute("CREATE OR REPLACE TEMP TABLE _offset (indicator_id VARCHAR, year_offset INT)")
    wh.executemany("INSERT INTO _offset VALUES (?, ?)", offsets)
    for table in ("numerator_rounding", "denominator_rounding"):
        over = wh.execute(f"""
            SELECT r.indicator_id, r.year, r.n_values, count(DISTINCT o.region_code) AS n_gm
            FROM {table} r JOIN _offset f USING (indicator_id) JOIN raw_observations o
              ON o.table_id = r.table_id AND o.year = r.year - f.year_offset
             AND o.region_code LIKE 'GM%' AND o.value IS NOT NULL
            GROUP BY ALL HAVING r.n_values > count(DISTINCT o.region_code)""").fetchall()
        assert over == [], (table, over[:5])
