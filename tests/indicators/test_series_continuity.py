"""A trend is tested on one comparable series: the tables the catalogue joins into one
series (``continuous_sources``) measure the same thing on the same date, and years a table
does not measure comparably are left out; checked on the real snapshot.

* ``regional_customer_potential``: CBS's Gemeentefonds tables give a provisional
  (voorlopig) and a final (definitief) measure; 60039fvw only the provisional one, 85383NED
  both. The provisional one continues from 60039fvw into 85383NED; the final one is a later
  measurement that differs (the catalogue joined it in 2023 until this test).
* ``share_age_75_plus``: 60039fvw's provisional and 85383NED's final population counts are
  both CBS's population on 1 January: one series despite the two statuses.
* ``gas_delivered_per_inhabitant``: 82538NED's all-sector totals of 2015 and 2016 lack
  almost all gas delivered to energy companies, so the catalogue leaves them out.
* the solar indicators: 84783NED and 85005NED give the same 2019 for every municipality,
  so they are one series (the caveat said 'Reeksbreuk 2018/2019').
* ``establishments_per_1000``: from 81575NED alone, not first from 85383NED's provisional
  Gemeentefonds figures.
"""

from __future__ import annotations

import csv
from pathlib import Path
from statistics import median

import pytest

from stadstrends.indicators.catalogue import Indicator, load_catalogue

RKP = "regional_customer_potential"
EST = "establishments_per_1000"
GAS = "gas_delivered_per_inhabitant"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _caveat(indicator: str, word: str) -> str:
    ind = next(i for i in load_catalogue().indicators if i.id == indicator)
    return next(c.nl for c in ind.caveats if word in c.nl)


def test_regional_customer_potential_continues_the_provisional_series(wh, statline):
    """Every municipality's 2023 value (from 85383NED) is 60039fvw's provisional 2023
    figure: 333 of 333 (with 85383NED's final figure, as the catalogue had it: 23)."""
    fvw = {r["Regiocode_76"].strip(): float(r["RegionaalKlantenpotentieel_31"])
           for r in _rows(statline / "municipal_partial" / "60039fvw.csv")
           if r["Perioden"] == "2023" and r["RegionaalKlantenpotentieel_31"]
           and r["Regiocode_76"].startswith("GM")}
    ours = dict(wh.execute("""SELECT region_code, value FROM indicator_values
                              WHERE indicator_id = ? AND year = 2023""", [RKP]).fetchall())
    both = sorted(set(fvw) & set(ours))
    assert len(both) > 300
    assert [c for c in both if ours[c] != fvw[c]] == []
    # one status throughout: the provisional one (the report marks the figures so)
    statuses = wh.execute("""SELECT DISTINCT provisional FROM indicator_values
                             WHERE indicator_id = ?""", [RKP]).fetchall()
    assert statuses == [(True,)]


def test_the_final_measure_differs_as_the_caveat_says(statline):
    """The caveat's figures: 85383NED's final 2023 measure is a median 0,7% (at most 19%)
    above the provisional one of 60039fvw, more than a year's usual change (0,4% from 2021
    to 2022): joined, the series would step in 2023."""
    g = _rows(statline / "municipal_complete" / "85383NED.csv")
    final = {r["Regiocode_73"].strip(): float(r["RegionaalKlantenpotentieel_72"]) for r in g
             if r["StatusCijfer"] == "Definitief" and r["Perioden"] == "2023"
             and r["RegionaalKlantenpotentieel_72"] and r["Regiocode_73"].startswith("GM")}
    fvw = _rows(statline / "municipal_partial" / "60039fvw.csv")
    prov = {y: {r["Regiocode_76"].strip(): float(r["RegionaalKlantenpotentieel_31"])
                for r in fvw if r["Perioden"] == y and r["RegionaalKlantenpotentieel_31"]
                and r["Regiocode_76"].startswith("GM")} for y in ("2021", "2022", "2023")}
    steps = [final[c] / prov["2023"][c] - 1 for c in final if c in prov["2023"]]
    usual = median(prov["2022"][c] / prov["2021"][c] - 1 for c in prov["2022"]
                   if c in prov["2021"])
    caveat = _caveat(RKP, "definitieve")
    assert f"mediaan {median(steps) * 100:.1f}% hoger".replace(".", ",") in caveat
    assert f"tot {max(steps) * 100:.0f}%" in caveat
    assert median(steps) > usual > 0


def test_share_75_plus_sources_count_the_population_on_1_january(shared_data, statline):
    """60039fvw's provisional and 85383NED's final population totals both equal CBS's
    population on 1 January of the year (37259eng) for every municipality and year they
    share, and 85383NED's over-65s equal KWB 2024's: the two tables count the same people
    on the same date, so 'voorlopig' in 60039fvw is no other count."""
    path = (shared_data / "cbs_37259eng_population_dynamics"
            / "250112_CLEAN_population_regional_NL.csv")
    with path.open(encoding="utf-8-sig") as fh:
        pop = {(r["Regions"].strip(), int(r["Periods"][:4])): float(r["PopulationOn1January_1"])
               for r in csv.DictReader(fh) if r["Sex"] == "T001038"}
    fvw = {(r["Regiocode_76"].strip(), int(r["Perioden"])): float(r["TotaalMannenEnVrouwen_1"])
           for r in _rows(statline / "municipal_partial" / "60039fvw.csv")
           if r["TotaalMannenEnVrouwen_1"] and r["Regiocode_76"].startswith("GM")}
    g = [r for r in _rows(statline / "municipal_complete" / "85383NED.csv")
         if r["StatusCijfer"] == "Definitief" and r["InwonersTotaal_1"]
         and r["Regiocode_73"].startswith("GM")]
    final = {(r["Regiocode_73"].strip(), int(r["Perioden"])): float(r["InwonersTotaal_1"])
             for r in g}
    for table in (fvw, final):
        shared = [k for k in table if k in pop]
        assert len(shared) > 300
        assert [k for k in shared if table[k] != pop[k]] == []
    kwb = {r["Codering_3"].strip(): float(r["k_65JaarOfOuder_12"])
           for r in _rows(statline / "wijken_buurten_partial"
                          / "85984NED.csv")
           if r["Codering_3"].startswith("GM") and r["k_65JaarOfOuder_12"].strip()}
    over65 = {r["Regiocode_73"].strip(): float(r["InwonersTotaal_1"])
              - float(r["InwonersJongerDan65_3"]) for r in g if r["Perioden"] == "2024"}
    assert len(set(kwb) & set(over65)) > 150
    assert [c for c in kwb if c in over65 and kwb[c] != over65[c]] == []


def test_gas_leaves_out_the_two_years_without_the_energy_companies(wh, statline):
    """82538NED's all-sector gas total is nationally only 0,3 billion m³ above its total
    without financial and utility companies in 2015 and 2016, 7,5-15,7 billion in the other
    years (the caveat's figures); the warehouse has no gas figure for 2015-2016, so
    Amsterdam's trend is tested on 2017-2023 (1 002 -> 752 m³ per inhabitant, a significant
    fall), not from 2016's 499 m³ without the power stations (no significant change)."""
    totals: dict[str, dict[int, float]] = {}
    for r in _rows(statline / "municipal_total_slice" / "82538NED.csv"):
        if r["RegioS"] == "Nederland":
            totals.setdefault(r["BedrijfstakkenBranchesSBI2008"], {})[
                int(r["Perioden"])] = float(r["GeleverdAardgas_1"])
    all_, rest = (totals["A-U Alle economische activiteiten"],
                  totals["Totaal (ex. financieel of nutsbedrijven)"])
    utilities = {y: (all_[y] - rest[y]) / 1e6 for y in all_}  # billion m³
    odd = {y for y, v in utilities.items() if v < 1}
    assert odd == {2015, 2016}
    others = [v for y, v in utilities.items() if y not in odd]
    caveat = _caveat(GAS, "2015 en 2016")
    assert all(f"{utilities[y]:.1f}".replace(".", ",") in caveat for y in odd)
    assert (f"{min(others):.1f} tot {max(others):.1f}".replace(".", ",") + " miljard"
            in caveat)
    years = {y for (y,) in wh.execute(
        "SELECT DISTINCT year FROM indicator_values WHERE indicator_id = ?", [GAS]).fetchall()}
    assert years == set(range(2010, 2024)) - odd
    trend = wh.execute("""SELECT first_year, last_year, n_points, classification FROM trends
                          WHERE indicator_id = ? AND region_code = 'GM0363'""",
                       [GAS]).fetchone()
    assert trend == (2017, 2023, 7, "falling")
    # Utrecht's 292 -> 1 711 m³ (2016-2017) was no level shift of its own
    assert not wh.execute("""SELECT * FROM series_jumps WHERE indicator_id = ?
                             AND region_code = 'GM0344'""", [GAS]).fetchall()


def test_establishments_come_from_81575ned_not_the_provisional_fund_table(wh, statline):
    """85383NED's provisional (Gemeentefonds) establishments 2023-2024 ranked before
    81575NED's own figures: 2023-2024 'voorlopig' beside an unmarked 2025 for every
    municipality, and 's-Hertogenbosch 2024 at 85383NED's 25 955 where 81575NED has 25 970.
    The build takes a year from one table, so 81575NED is now the only source (the 54
    municipalities its snapshot file lacks have no figure). The two tables agree in 2023 for
    every municipality in both; in 2024 a few differ by 5 to 40 (the snapshot note)."""
    first = "A-U Alle economische activiteiten"
    est = {(r["RegioS"], r["Perioden"]): float(r["Vestigingen_1"])
           for r in _rows(statline / "municipal_partial" / "81575NED.csv")
           if r["BedrijfstakkenBranchesSBI2008"] == first and r["Vestigingen_1"]}
    fund = {(r["RegioS"], r["Perioden"]): float(r["Bedrijfsvestigingen_69"])
            for r in _rows(statline / "municipal_complete" / "85383NED.csv")
            if r["StatusCijfer"] == "Voorlopig" and r["Bedrijfsvestigingen_69"]
            and r["Regiocode_73"].startswith("GM")}
    diff = {k: abs(fund[k] - est[k]) for k in fund if k in est}
    assert len([k for k in diff if k[1] == "2023"]) > 250
    assert [k for k in diff if k[1] == "2023" and diff[k]] == []
    off = {k: d for k, d in diff.items() if k[1] == "2024" and d}
    assert len(off) == 16 and min(off.values()) == 5 and max(off.values()) == 40
    ind = load_catalogue().get(EST)
    note = next(n for n in ind.snapshot_notes if "85383NED" in n)
    assert "bij 16 van de 288 gemeenten in beide bestanden 5 tot 40 vestigingen" in note
    assert [p.table for p in ind.numerator] == ["81575NED"]
    rows = wh.execute("""
        SELECT v.year, v.source_tables, v.provisional, round(v.value * p.value / 1000)
        FROM indicator_values v JOIN indicator_values p
          ON p.indicator_id = 'population' AND p.region_code = v.region_code
         AND p.year = v.year
        WHERE v.indicator_id = ? AND v.region_code = 'GM0796' AND v.year >= 2023
        ORDER BY v.year""", [EST]).fetchall()
    # the figure's tables: 81575NED's count and the population's it is divided by, never
    # 85383NED (show named only 81575NED, the denominator indicator's table left out)
    pop = dict(wh.execute("SELECT year, tables FROM indicator_sources WHERE indicator_id = "
                          "'population' AND year >= 2023").fetchall())
    assert [(y, set(t.split(", ")), p, v) for y, t, p, v in rows] == [
        (2023, {"81575NED", *pop[2023].split(", ")}, False, 24400.0),
        (2024, {"81575NED", *pop[2024].split(", ")}, False, 25970.0),
        (2025, {"81575NED", *pop[2025].split(", ")}, False, est[("'s-Hertogenbosch", "2025")])]
    marked = wh.execute("""SELECT count(*) FROM indicator_values
                           WHERE indicator_id = ? AND provisional""", [EST]).fetchone()
    assert marked == (0,)


def test_a_provisional_edition_cannot_rank_before_another_table():
    """The catalogue refuses the old order (85383NED 'Voorlopig' first, then 81575NED)."""
    entry = load_catalogue().get(EST).model_dump()
    fund = {"table": "85383NED", "measure": "Bedrijfsvestigingen_69",
            "where": ["StatusCijfer=Voorlopig"], "years": (2023, 2024)}
    with pytest.raises(ValueError, match="provisional edition ranks before 81575NED"):
        Indicator.model_validate({**entry, "numerator": [fund, *entry["numerator"]]})
    # ranked after the table's own figures it is accepted, with a caveat saying 'voorlopig'
    # (check_provisional_edition_stated); without one it is refused
    said = [*entry["caveats"], {"nl": "2023-2024 voorlopig.", "en": "2023-2024 provisional."}]
    Indicator.model_validate({**entry, "numerator": [*entry["numerator"], fund],
                              "caveats": said})
    with pytest.raises(ValueError, match="provisional edition of .*85383NED.*voorlopig"):
        Indicator.model_validate({**entry, "numerator": [*entry["numerator"], fund]})


def test_solar_tables_give_the_same_2019_so_the_series_runs_through(wh):
    """84783NED (2012-2019) and its successor 85005NED (2019-) both give 2019: the same
    installations and capacity for every municipality (Enschede 7 067 / 51 402 kW,
    's-Hertogenbosch 6 885 / 48 283 kW). The caveat said 'Reeksbreuk 2018/2019' beside a
    trend tested straight across (Enschede 2016-2023); now it says they form one series."""
    pairs = (("AantalInstallaties_1", "Installaties_1"),
             ("OpgesteldVermogenVanZonnepanelen_2", "OpgesteldVermogenVanZonnepanelen_2"))
    for old, new in pairs:
        rows = wh.execute("""
            SELECT o.region_code, o.value, n.value FROM raw_observations o
            JOIN raw_observations n USING (region_code, year)
            WHERE lower(o.table_id) = '84783ned' AND o.measure = ?
              AND lower(n.table_id) = '85005ned' AND n.measure = ?
              AND contains(o.dims, 'Alle economische activiteit en woningen')
              AND contains(n.dims, 'Alle economische activiteit en woningen')
              AND year = 2019 AND o.period_type = 'year' AND n.period_type = 'year'
              AND o.region_code LIKE 'GM%'""", [old, new]).fetchall()
        assert len(rows) >= 340
        assert [r for r in rows if r[1] != r[2]] == []
        assert {r[0]: r[1] for r in rows if r[0] in ("GM0153", "GM0796")} == (
            {"GM0153": 7067.0, "GM0796": 6885.0} if old.startswith("Aantal")
            else {"GM0153": 51402.0, "GM0796": 48283.0})
    for ind in ("solar_capacity_per_inhabitant", "solar_installations_per_1000"):
        caveats, breaks, joined = wh.execute("""
            SELECT caveats, break_years, continuous_sources FROM indicators
            WHERE indicator_id = ?""", [ind]).fetchone()
        assert not [c for c in caveats if "reeksbreuk" in c.lower()], ind
        assert any("één doorlopende reeks" in c for c in caveats), ind
        assert breaks == [] and sorted(joined) == ["84783NED", "85005NED"]
        starts = wh.execute("""SELECT DISTINCT segment_start FROM series_segments
                               WHERE indicator_id = ?""", [ind]).fetchall()
        assert starts == [(2012,)], ind
    trend = wh.execute("""SELECT first_year, last_year, classification FROM trends
                          WHERE indicator_id = 'solar_installations_per_1000'
                            AND region_code = 'GM0153'""").fetchone()
    assert trend == (2016, 2023, "rising")


def test_wmo_clients_break_where_the_new_table_starts(wh):
    """83262NED and 86050NED both give 2017 and 2018: their published figures per 1 000
    inhabitants (the measure read since session 47; the counts differed for 72%) differ for
    57% of the municipalities (half of the differences above 3,2%, up to 41%), so the caveat's
    'Reeksbreuk 2016/2017' is declared (the catalogue called them one series) and no Wmo
    trend reaches back to 2016 (before: 211 municipal trends over 2016-2023)."""
    diffs = [r[0] for r in wh.execute("""
        WITH old AS (SELECT region_code, year, value FROM raw_observations
                     WHERE lower(table_id) = '83262ned' AND measure = 'WmoClientenPer1000Inwoners_2'
                       AND contains(dims, 'TypeMaatwerkarrangement=Totaal')
                       AND period_type = 'year' AND region_code LIKE 'GM%'),
             new AS (SELECT region_code, year, value FROM raw_observations
                     WHERE lower(table_id) = '86050ned' AND measure = 'WmoClientenPer1000Inwoners_2'
                       AND contains(dims, 'TypeMaatwerkvoorziening=Totaal')
                       AND period_type = 'year' AND region_code LIKE 'GM%')
        SELECT abs(new.value / old.value - 1) FROM old JOIN new USING (region_code, year)
        WHERE year IN (2017, 2018) AND old.value > 0""").fetchall()]
    differ = sorted(d for d in diffs if d > 0)
    caveat = _caveat("wmo_clients_per_1000", "Reeksbreuk")
    assert f"bij {round(100 * len(differ) / len(diffs))}% van de gemeenten" in caveat
    assert f"meer dan {100 * median(differ):.1f}%".replace(".", ",") in caveat
    assert f"het grootste {100 * max(differ):.0f}%" in caveat
    first = wh.execute("""SELECT min(first_year), count(*) FROM trends
                          WHERE indicator_id = 'wmo_clients_per_1000'""").fetchone()
    assert first[0] >= 2017 and first[1] > 300
    assert wh.execute("""SELECT segment_reason FROM series_segments
                         WHERE indicator_id = 'wmo_clients_per_1000' AND year = 2017
                         """).fetchone() == ("break",)


def test_woz_breaks_where_85036ned_starts(wh):
    """37610 and 85036NED both give 2019 and 2020: the mean WOZ value differs for 87% of
    the municipalities in both (median 0,8% higher in 85036NED, up to 9%), a step beside a
    year's rise of some 6%; the catalogue called them one series and tested 178 municipal
    trends over 2017-2024 (two years of 37610). Declared a break at 2019: no WOZ trend
    starts before it."""
    rel = [r[0] for r in wh.execute("""
        WITH old AS (SELECT region_code, year, value FROM raw_observations
                     WHERE table_id = '37610' AND measure = 'GemiddeldeWoningwaarde_4'
                       AND period_type = 'year' AND region_code LIKE 'GM%'),
             new AS (SELECT region_code, year, value FROM raw_observations
                     WHERE lower(table_id) = '85036ned'
                       AND measure = 'GemiddeldeWOZWaardeVanWoningen_1'
                       AND contains(dims, 'Eigendom=Totaal')
                       AND period_type = 'year' AND region_code LIKE 'GM%')
        SELECT new.value / old.value - 1 FROM old JOIN new USING (region_code, year)
        WHERE year IN (2019, 2020) AND old.value > 0""").fetchall()]
    caveat = _caveat("woz_mean", "Reeksbreuk 2019")
    share = round(100 * sum(1 for r in rel if r) / len(rel))
    assert len(rel) > 300 and f"bij {share}% van de gemeenten" in caveat
    assert f"mediaan {100 * median(rel):.1f}% hoger".replace(".", ",") in caveat
    assert f"tot {100 * max(abs(r) for r in rel):.0f}%" in caveat
    first = wh.execute("""SELECT min(first_year), count(*) FROM trends
                          WHERE indicator_id = 'woz_mean' AND region_code LIKE 'GM%'""").fetchone()
    assert first[0] == 2019 and first[1] > 300
    # 'eerdere jaren zijn niet vergelijkbaar (reeksbreuk)' only where there are earlier
    # years: Enschede's WOZ values go back to 2006, Zwolle's start in 2019 (37610 is cut
    # before it); Zwolle's commute distance (2006-2014, then 2021-2023) keeps its break
    said = dict(((i, c), r) for i, c, r in wh.execute("""
        SELECT indicator_id, region_code, segment_reason FROM trends
        WHERE region_code IN ('GM0153', 'GM0193')
          AND indicator_id IN ('woz_mean', 'commute_distance_mean')""").fetchall())
    assert said == {("woz_mean", "GM0153"): "break", ("woz_mean", "GM0193"): None,
                    ("commute_distance_mean", "GM0153"): "break",
                    ("commute_distance_mean", "GM0193"): "break"}
    before = wh.execute("""SELECT min(year) FROM indicator_values
                            WHERE indicator_id = 'woz_mean' AND region_code = 'GM0193'""")
    assert before.fetchone() == (2019,)


def test_youth_protection_breaks_where_85098ned_starts(wh):
    """82972NED ends with 2020 and 85098NED starts with 2021: no year to check that they
    join up, and the snapshot has no CBS note on it. The catalogue declared them one series
    (continuous_sources) beside a caveat 'Reeksbreuk 2020/2021', and 53 municipal trends
    over 2016-2023 were significant (28 falling, 25 rising). Declared a break at 2021: no
    trend reaches back before it (three years since: too few for a test)."""
    years = dict(wh.execute("""SELECT lower(table_id), list(DISTINCT year) FROM raw_observations
                               WHERE lower(table_id) IN ('82972ned', '85098ned')
                                 AND measure = 'JongerenMetJeugdbescherming_3'
                                 AND period_type = 'year' AND region_code LIKE 'GM%'
                               GROUP BY 1""").fetchall())
    assert max(years["82972ned"]) == 2020 and min(years["85098ned"]) == 2021
    ind = load_catalogue().get("youth_protection_share")
    assert [b.year for b in ind.breaks] == [2021] and not ind.continuous_sources
    assert "alleen de jaren vanaf 2021" in _caveat("youth_protection_share", "geen jaar gemeen")
    rows = wh.execute("""SELECT min(first_year), count(*) FILTER (WHERE NOT indicative),
                                count(*) FILTER (WHERE classification IN ('rising', 'falling'))
                         FROM trends WHERE indicator_id = 'youth_protection_share'""").fetchone()
    assert rows == (2021, 0, 0)
    assert wh.execute("""SELECT segment_reason FROM series_segments
                         WHERE indicator_id = 'youth_protection_share' AND year = 2021
                         """).fetchone() == ("break",)


@pytest.mark.parametrize("indicator", ["feels_unsafe_share", "feels_unsafe_neighbourhood_share",
                                       "safety_rating_neighbourhood"])
def test_the_safety_monitor_breaks_where_its_new_design_starts(wh, indicator):
    """The Veiligheidsmonitor's caveat says 'Reeksbreuk in 2019 door een nieuwe
    onderzoeksopzet', but no break was declared: 129 municipal trends ran over 2012/2013-2019
    (31 significant), joining 2019's new design to the old one. Now no trend reaches back
    before 2019 (2019 is the last year of 81877NED on the snapshot: no trend at all)."""
    assert "Reeksbreuk in 2019" in _caveat(indicator, "Reeksbreuk")
    assert wh.execute("SELECT break_years FROM indicators WHERE indicator_id = ?",
                      [indicator]).fetchone()[0] == [2019]
    years = wh.execute("SELECT DISTINCT year FROM indicator_values WHERE indicator_id = ? "
                       "AND value IS NOT NULL AND region_code LIKE 'GM%'",
                       [indicator]).fetchall()
    assert min(years)[0] < 2019 <= max(years)[0]  # figures on both sides of the break
    assert wh.execute("SELECT count(*) FROM trends WHERE indicator_id = ? AND first_year < 2019",
                      [indicator]).fetchone()[0] == 0
    assert wh.execute("SELECT segment_reason FROM series_segments WHERE indicator_id = ? "
                      "AND year = 2019", [indicator]).fetchone() == ("break",)


def _over65(statline: Path) -> tuple[dict, dict]:
    """(code, year) -> (65-plussers, inhabitants) of 80860ned and of 60039fvw."""
    old = {(r["RegiocodeKoppelvariabele_1"].strip(), int(r["Perioden"])):
           (float(r["k_65JaarEnOuder_9"]), float(r["TotaleBevolking_2"]))
           for r in _rows(statline / "municipal_complete" / "80860ned.csv")
           if r["RegiocodeKoppelvariabele_1"].startswith("GM") and r["k_65JaarEnOuder_9"]}
    fund = {(r["Regiocode_76"].strip(), int(r["Perioden"])):
            (sum(float(r[m]) for m in ("k_65Tot75Jaar_4", "k_75Tot85Jaar_5",
                                       "k_85JaarOfOuder_6")), float(r["TotaalMannenEnVrouwen_1"]))
            for r in _rows(statline / "municipal_partial" / "60039fvw.csv")
            if r["Regiocode_76"].startswith("GM") and r["k_65Tot75Jaar_4"]}
    return old, fund


def test_share_65_plus_breaks_where_60039fvw_takes_over_from_80860ned(wh, statline):
    """80860ned (1999-2009) and 60039fvw (from 2010) both give 2007-2009: there 60039fvw
    counts fewer over-65s in almost every municipality (a median 0,6%; the inhabitants
    agree to 0,02%), so the share steps down about 0,1 percentage point in 2010, a fifth
    of a usual year's rise: a change of source, not of the city. The catalogue declared
    both one series; now 2010 is a break, and no segment or trend spans 2009/2010."""
    old, fund = _over65(statline)
    both = sorted(set(old) & set(fund))
    assert len(both) > 1_200 and {y for _, y in both} == {2007, 2008, 2009}
    fewer = [k for k in both if fund[k][0] < old[k][0]]
    assert len(fewer) / len(both) > 0.98
    count = median(fund[k][0] / old[k][0] - 1 for k in both)
    people = median(fund[k][1] / old[k][1] - 1 for k in both)
    step = median(100 * (fund[k][0] / fund[k][1] - old[k][0] / old[k][1]) for k in both)
    rise = median(100 * (old[(c, 2009)][0] / old[(c, 2009)][1]
                         - old[(c, 2008)][0] / old[(c, 2008)][1])
                  for c, y in both if y == 2009 and (c, 2008) in old)
    assert abs(people) < 0.0005 and -0.008 < count < -0.004
    caveat = _caveat("share_age_65_plus", "Reeksbreuk in 2010")
    assert -0.15 < step < -0.05 and 0.15 < -step / rise < 0.25 and "vijfde" in caveat
    assert f"{-count * 100:.1f}% minder 65-plussers".replace(".", ",") in caveat
    assert f"{-step:.1f} procentpunt lager".replace(".", ",") in caveat
    ind = next(i for i in load_catalogue().indicators if i.id == "share_age_65_plus")
    assert [b.year for b in ind.breaks] == [2010] and "80860ned" not in ind.continuous_sources
    # the warehouse: the segment starts again in 2010, and no trend spans 2009/2010
    seg = wh.execute("""SELECT year, segment_start, segment_reason FROM series_segments
                        WHERE indicator_id = 'share_age_65_plus' AND year IN (2009, 2010)
                        ORDER BY year""").fetchall()
    assert seg == [(2009, 1999, None), (2010, 2010, "break")]
    across = wh.execute("""SELECT count(*) FROM trends WHERE indicator_id = 'share_age_65_plus'
                           AND first_year < 2010 AND last_year >= 2010""").fetchall()
    assert across == [(0,)]
