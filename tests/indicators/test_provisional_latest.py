"""The last year CBS publishes as provisional is marked so where the snapshot has no status.

86004NED (income), 81528NED (gas use), 85005NED (solar), 82538NED (gas delivered) and
83648NED (crimes) mark their last year provisional only in the period's status, which the
snapshot's cbsodata dumps drop ('2023', never '2023*'; no StatusCijfer). The catalogue said
so in prose only, so the warehouse stored those years as final and no report sentence, key
figure or tile said '(voorlopig)' (Heerlen 'Gemiddeld besteedbaar huishoudensinkomen (2023)
42,6 duizend euro'; Súdwest-Fryslân 'Opgehelderde misdrijven: 35,3% in 2024' before). Now
``provisional_latest`` in the catalogue marks that year (checked on the real warehouse).

Session 19 added thefts 2024 (83651NED: the police registration of 83648NED), jobs 2023
(83582NED: StatLine shows its latest December with '*') and wealth 2023 (86007NED: the
households of 86004NED; its predecessor 85673NED had its last year provisional), which
were stored as final (Enschede's thefts 2024 33,1 per 1 000 unmarked beside crimes 2024
marked).
"""

from __future__ import annotations

import csv

import pytest

from stadstrends.indicators.catalogue import LATEST_PROVISIONAL, Indicator, load_catalogue

LATEST = {  # indicator -> (snapshot file, its last year)
    "income_disposable_mean": ("municipal_total_slice/86004NED.csv", 2023),
    "income_standardised_median": ("municipal_total_slice/86004NED.csv", 2023),
    "gas_use_per_dwelling": ("municipal_total_slice/81528NED.csv", 2023),
    "solar_capacity_per_inhabitant": ("municipal_total_slice/85005NED.csv", 2023),
    "gas_delivered_per_inhabitant": ("municipal_total_slice/82538NED.csv", 2023),
    "crimes_per_1000": ("municipal_total_slice/83648NED.csv", 2024),
    "crimes_cleared_share": ("municipal_total_slice/83648NED.csv", 2024),
    # the same table-years, read by these (their caveat said nothing before session 18)
    "electricity_use_per_dwelling": ("municipal_total_slice/81528NED.csv", 2023),
    "district_heating_share": ("municipal_total_slice/81528NED.csv", 2023),
    "electricity_delivered_per_inhabitant": ("municipal_total_slice/82538NED.csv", 2023),
    "low_income_households_share": ("municipal_total_slice/86004NED.csv", 2023),
    "solar_installations_per_1000": ("municipal_total_slice/85005NED.csv", 2023),
    # session 19: CBS marks these last years provisional too (thefts: the same police
    # registration as 83648NED; jobs: 83582NED's latest December carries '*' on StatLine;
    # wealth: 86007NED's predecessor 85673NED had its last year 2022 provisional, and
    # 86007NED counts the same households as 86004NED in every year, 2023 included)
    "thefts_per_1000": ("municipal_total_slice/83651NED.csv", 2024),
    "jobs_employees": ("municipal_total_slice/83582NED.csv", 2023),
    "job_ratio": ("municipal_total_slice/83582NED.csv", 2023),
    "wealth_median": ("municipal_total_slice/86007NED.csv", 2023),
}


def test_the_catalogue_marks_every_indicator_whose_caveat_says_the_last_year_is_provisional():
    marked = {i.id for i in load_catalogue().indicators if i.provisional_latest}
    said = {i.id for i in load_catalogue().indicators
            if any(LATEST_PROVISIONAL.search(c.nl) for c in i.caveats)}
    assert marked == said == set(LATEST)


def test_prose_and_field_cannot_disagree():
    entry = load_catalogue().get("crimes_per_1000").model_dump()
    with pytest.raises(ValueError, match="set provisional_latest"):
        Indicator.model_validate({**entry, "provisional_latest": False})
    bare = {**entry, "caveats": entry["caveats"][:2]}  # without the provisional caveat
    with pytest.raises(ValueError, match="needs a caveat"):
        Indicator.model_validate(bare)


def test_the_snapshot_files_carry_no_status_for_those_years(statline):
    """The reason for the field: CBS's status is not in these files (else ingest reads it)."""
    for path, last in set(LATEST.values()):
        with (statline / path).open(encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh, delimiter=";")
            assert "StatusCijfer" not in (reader.fieldnames or [])
            periods = {r["Perioden"].strip() for r in reader}
        assert str(last) in {p[:4] for p in periods}, path  # '2023' or '2023 december'
        assert not any("*" in p for p in periods), path


def test_the_last_year_is_provisional_everywhere_and_the_year_before_is_not(wh):
    rows = wh.execute("""
        SELECT indicator_id, year, region_code LIKE 'GM%' AS gm,
               count(*) AS n, count(*) FILTER (WHERE provisional) AS n_provisional
        FROM indicator_values WHERE indicator_id IN (SELECT unnest(?))
        GROUP BY ALL""", [list(LATEST)]).fetchall()
    seen = set()
    for indicator, year, gm, n, n_provisional in rows:
        last = LATEST[indicator][1]
        if year == last:
            assert n_provisional == n > 0, (indicator, year, gm)
            seen.add((indicator, gm))
        else:
            assert n_provisional == 0, (indicator, year, gm)
    assert len(seen) == 2 * len(LATEST)  # municipalities and NL, provinces, COROP regions
    years = dict(wh.execute("SELECT table_id, year FROM provisional_latest_years").fetchall())
    assert years == {path.split("/")[-1][:-4]: last for path, last in LATEST.values()}


def test_every_indicator_reading_such_a_table_year_is_marked(wh):
    """CBS's status belongs to a table's period: electricity from 81528NED, the low-income
    share from 86004NED and households 2023 (86004NED; 2024 from 71486ned, not) too."""
    rows = dict(wh.execute("""
        SELECT indicator_id || ':' || year, bool_and(provisional) FROM indicator_values
        WHERE (indicator_id, year) IN (('electricity_use_per_dwelling', 2023),
              ('low_income_households_share', 2023), ('households', 2023),
              ('households', 2024)) GROUP BY 1""").fetchall())
    assert rows == {"electricity_use_per_dwelling:2023": True,
                    "low_income_households_share:2023": True, "households:2023": True,
                    "households:2024": False}


def _slice(path, first: dict[str, str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        return [r for r in csv.DictReader(fh, delimiter=";")
                if all(r[k] == v for k, v in first.items())]


def test_thefts_are_part_of_the_crimes_count_cbs_marks_provisional(statline):
    """83651NED and 83648NED come from one police registration, in one release: the same
    periods (2010-2024) and regions, and every municipality's thefts are part of its crimes
    (at most the total; CBS rounds both to fives). 83648NED's 2024 is provisional, so the
    thefts in it are too."""
    slices = {t: _slice(statline / "municipal_total_slice" / f"{t}.csv", first)
              for t, first in (("83648NED", {"SoortMisdrijf": "Misdrijven, totaal"}),
                               ("83651NED", {"GebruikVanGeweld": "Alle diefstallen",
                                             "SoortDiefstal": "Alle diefstallen"}))}
    crimes = {(r["RegioS"], r["Perioden"]): r["TotaalGeregistreerdeMisdrijven_1"]
              for r in slices["83648NED"]}
    thefts = {(r["RegioS"], r["Perioden"]): r["TotaalGeregistreerdeDiefstallen_1"]
              for r in slices["83651NED"]}
    assert set(crimes) == set(thefts)
    both = [k for k in thefts if thefts[k] and crimes[k]]
    assert len([k for k in both if k[1] == "2024"]) > 340
    assert [k for k in both if float(thefts[k]) > float(crimes[k])] == []


def test_wealth_counts_the_households_of_the_income_table(statline):
    """86007NED (wealth) counts the same private households as 86004NED (income, 2023
    provisional) in every region and year 2012-2023: one income-and-wealth statistic; its
    predecessor 85673NED published its last year (2022) as provisional."""
    base = statline / "municipal_total_slice"
    income = {(r["RegioS"], r["Perioden"]): r["ParticuliereHuishoudens_1"]
              for r in _slice(base / "86004NED.csv",
                              {"Populatie": "Particuliere huishoudens incl. studenten",
                               "KenmerkenVanHuishoudens": "Particuliere huishoudens"})}
    wealth = {(r["RegioS"], r["Perioden"]): r["ParticuliereHuishoudens_1"]
              for r in _slice(base / "86007NED.csv",
                              {"KenmerkenVanHuishoudens": "Particuliere huishoudens"})}
    shared = [k for k in wealth if k in income and k[1] >= "2012" and wealth[k]]
    assert len([k for k in shared if k[1] == "2023"]) > 400
    assert [k for k in shared if float(wealth[k]) != float(income[k])] == []


@pytest.mark.parametrize(("indicator", "code", "year", "figure"), [
    ("income_disposable_mean", "GM0917", 2023, 42.6),  # Heerlen's key figure
    ("crimes_cleared_share", "GM1900", 2024, 31.6),  # Súdwest-Fryslân
    # session 19: unmarked before
    ("thefts_per_1000", "GM0153", 2024, 33.1),
    ("wealth_median", "GM0153", 2023, 35.1),
    ("jobs_employees", "GM0153", 2023, 92500),
])
def test_the_reviewed_figures_are_provisional(wh, indicator, code, year, figure):
    value, provisional = wh.execute(
        "SELECT value, provisional FROM indicator_values WHERE indicator_id = ? "
        "AND region_code = ? AND year = ?", [indicator, code, year]).fetchone()
    assert round(value, 1) == figure and provisional
