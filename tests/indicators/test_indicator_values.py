"""Every catalogue entry builds on the real snapshot; values are plausible; golden values per
domain equal a ratio of raw CBS cells read straight from the files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from stadstrends.indicators.catalogue import DOMAINS, load_catalogue
from stadstrends.indicators.docs import render_markdown

REPO = Path(__file__).resolve().parents[2]


def cell(path: Path, measure: str, **match: str) -> float:
    """One cell of a cbsodata export, found by stripped dimension labels."""
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            if all(row[k].strip() == v for k, v in match.items()):
                return float(row[measure])
    raise AssertionError(f"no row {match} in {path.name}")


def pop_37259(shared_data: Path, code: str, year: int, measure="PopulationOn1January_1") -> float:
    path = (shared_data / "cbs_37259eng_population_dynamics"
            / "250112_CLEAN_population_regional_NL.csv")
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if (row["Sex"] == "T001038" and row["Regions"].strip() == code
                    and row["Periods"] == f"{year}JJ00"):
                return float(row[measure])
    raise AssertionError((code, year))


def value(wh, indicator: str, region: str, year: int) -> float:
    row = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? "
                     "AND region_code = ? AND year = ?", [indicator, region, year]).fetchone()
    assert row is not None, (indicator, region, year)
    return row[0]


def test_docs_indicators_md_is_in_sync_with_the_catalogue():
    expected = render_markdown(load_catalogue())
    actual = (REPO / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert actual == expected, "run `stadstrends docs` to regenerate docs/indicators.md"


def test_every_entry_builds_for_municipalities_and_the_netherlands(wh):
    built = dict(wh.execute("""
        SELECT indicator_id, count(DISTINCT region_code) FILTER (WHERE region_code LIKE 'GM%')
        FROM indicator_values GROUP BY 1""").fetchall())
    catalogue = load_catalogue()
    assert len(catalogue.indicators) >= 50
    for ind in catalogue.indicators:
        assert built.get(ind.id, 0) >= 20, f"{ind.id} has values for {built.get(ind.id, 0)} GM"
    domains = {i.domain for i in catalogue.indicators}
    assert domains == set(DOMAINS)


def test_every_g40_city_has_40_indicators_with_five_years_or_more(wh):
    rows = wh.execute("""
        SELECT s.region_code, count(*) FILTER (WHERE c.n_years >= 5)
        FROM region_sets s LEFT JOIN coverage c USING (region_code)
        WHERE s.set_id = 'G40' GROUP BY 1""").fetchall()
    assert len(rows) == 41
    short = [(code, n) for code, n in rows if n < 40]
    assert not short, short


def test_values_are_plausible_for_their_unit(wh):
    bad = wh.execute("""
        SELECT v.indicator_id, v.region_code, v.year, v.value
        FROM indicator_values v JOIN indicators i USING (indicator_id)
        WHERE (i.unit = '%' AND i.indicator_id NOT LIKE '%growth%'
               AND (v.value < 0 OR v.value > 100))
           OR (i.unit LIKE 'per %' AND i.indicator_id NOT LIKE '%net_%'
               AND i.indicator_id NOT LIKE '%growth%' AND v.value < 0)
           OR (i.method = 'count' AND v.value < 0)
           OR isnan(v.value) OR isinf(v.value)
        LIMIT 20""").fetchall()
    assert not bad, bad


# golden values: Zwolle (GM0193) and Almere (GM0034) did not change boundaries, so the
# warehouse value must equal CBS's cell exactly (births: CBS's own rate unrounded, the count
# per 1 000 of the average population, (1 January + 31 December) / 2, which rounds to it).
def test_golden_demography_births_per_1000(wh, shared_data):
    births = pop_37259(shared_data, "GM0193", 2019, "LiveBornChildren_3")
    mean = (pop_37259(shared_data, "GM0193", 2019)
            + pop_37259(shared_data, "GM0193", 2019, "PopulationOn31December_20")) / 2
    rate = pop_37259(shared_data, "GM0193", 2019, "LiveBornChildrenRatio_4")
    assert value(wh, "births_per_1000", "GM0193", 2019) == pytest.approx(births / mean * 1000)
    assert round(births / mean * 1000, 1) == rate


def test_golden_economy_jobs_of_employees(wh, statline):
    jobs = cell(statline / "municipal_total_slice" / "83582NED.csv",
                "BanenVanWerknemersInDecember_1", RegioS="Zwolle", Perioden="2019 december")
    assert value(wh, "jobs_employees", "GM0193", 2019) == pytest.approx(jobs * 1000)


def test_golden_social_assistance_per_1000(wh, statline, shared_data):
    benefits = cell(statline / "municipal_complete" / "85383NED.csv",
                    "TotaalBijstandsuitkeringen_22", StatusCijfer="Definitief",
                    RegioS="Almere", Perioden="2024")
    pop = value(wh, "population", "GM0034", 2024)
    assert value(wh, "social_assistance_per_1000", "GM0034", 2024) == pytest.approx(
        benefits / pop * 1000)


def test_golden_spatial_owner_occupied_share(wh, statline):
    path = statline / "municipal_total_slice" / "82900NED.csv"
    owned = cell(path, "Koopwoningen_2", RegioS="Zwolle", Perioden="2020")
    total = cell(path, "TotaleWoningvoorraad_1", RegioS="Zwolle", Perioden="2020")
    assert value(wh, "owner_occupied_share", "GM0193", 2020) == pytest.approx(owned / total * 100)


def test_golden_technology_transport_ict_establishments(wh, statline):
    path = statline / "wijken_buurten_partial" / "85984NED.csv"
    firms = cell(path, "HJVervoerInformatieEnCommunicatie_106", Codering_3="GM0034")
    people = cell(path, "AantalInwoners_5", Codering_3="GM0034")
    assert value(wh, "establishments_transport_ict_per_1000", "GM0034", 2024) == pytest.approx(
        firms / people * 1000)


def test_golden_sustainability_gas_use_per_dwelling(wh, statline):
    gas = cell(statline / "municipal_total_slice" / "81528NED.csv", "GemiddeldAardgasverbruik_1",
               Woningkenmerken="Totaal woningen", RegioS="Zwolle", Perioden="2018")
    # a weighted mean of one unchanged municipality is its published mean
    assert value(wh, "gas_use_per_dwelling", "GM0193", 2018) == pytest.approx(gas)


def test_golden_safety_crimes_per_1000(wh, statline):
    # CBS's published rate (from its unrounded count), not the rounded count / inhabitants
    rate = cell(statline / "municipal_total_slice" / "83648NED.csv",
                "GeregistreerdeMisdrijvenPer1000Inw_3", SoortMisdrijf="Misdrijven, totaal",
                RegioS="Zwolle", Perioden="2017")
    assert value(wh, "crimes_per_1000", "GM0193", 2017) == pytest.approx(rate)


def test_golden_governance_job_ratio(wh, statline):
    jobs = cell(statline / "municipal_total_slice" / "83582NED.csv",
                "BanenVanWerknemersInDecember_1", RegioS="Zwolle", Perioden="2018 december")
    pop = value(wh, "population", "GM0193", 2018)
    assert value(wh, "job_ratio", "GM0193", 2018) == pytest.approx(jobs * 1000 / pop * 1000)


def test_golden_measure_expression_sums_terms(wh, statline):
    """A part 'A + B + C' (65+ from three age groups of 60039fvw) adds the raw cells."""
    path = statline / "municipal_partial" / "60039fvw.csv"
    match = {"StatusCijfer": "Voorlopig", "RegioS": "Almere", "Perioden": "2015"}
    older = sum(cell(path, m, **match)
                for m in ("k_65Tot75Jaar_4", "k_75Tot85Jaar_5", "k_85JaarOfOuder_6"))
    total = cell(path, "TotaalMannenEnVrouwen_1", **match)
    assert value(wh, "share_age_65_plus", "GM0034", 2015) == pytest.approx(older / total * 100)
    provisional = wh.execute(
        "SELECT provisional FROM indicator_values WHERE indicator_id = 'share_age_65_plus' "
        "AND region_code = 'GM0034' AND year = 2015").fetchone()[0]
    # the StatusCijfer slice 'Voorlopig' is the fund's edition; its population counts equal
    # 37259eng's final ones (measures.yaml 'final'): not provisional
    assert not provisional


def test_a_provisional_year_is_provisional_for_every_municipality(wh, statline):
    """CBS's status is the table period's, so no (indicator, year) has mixed marks (before
    session 18: 124 of 684 establishments cells of 2023-2024 marked otherwise than the rest
    of their year). Establishments now come from 81575NED alone (session 19), which has
    Rotterdam's numbers (98 825, 107 710) as 85383NED's provisional edition has them:
    unmarked, like 2025."""
    est = statline / "municipal_partial" / "81575NED.csv"
    fund = statline / "municipal_complete" / "85383NED.csv"
    total = "A-U Alle economische activiteiten"
    for year in (2023, 2024):
        definitive = cell(est, "Vestigingen_1", RegioS="Rotterdam", Perioden=str(year),
                          BedrijfstakkenBranchesSBI2008=total)
        assert definitive == cell(fund, "Bedrijfsvestigingen_69", RegioS="Rotterdam",
                                  Perioden=str(year), StatusCijfer="Voorlopig")
    rows = dict(wh.execute(
        "SELECT region_code || ':' || year, provisional FROM indicator_values "
        "WHERE indicator_id = 'establishments_per_1000' AND year IN (2023, 2024, 2025) "
        "AND region_code IN ('GM0599', 'GM0193', 'GM0307')").fetchall())
    assert rows == {f"{c}:{y}": False for c in ("GM0599", "GM0307") for y in (2023, 2024, 2025)}
    mixed = wh.execute("""
        SELECT indicator_id, year FROM indicator_values
        WHERE region_code LIKE 'GM%' AND value IS NOT NULL GROUP BY ALL
        HAVING bool_or(provisional) AND NOT bool_and(provisional)""").fetchall()
    assert mixed == []


def test_balances_are_marked_signed(wh):
    """Indicators negative in some region (balances) are ``signed``: texts give their absolute
    change (Enschede's international migration balance 0,51 -> 7,3 is not '+1 327 %')."""
    signed = {r[0] for r in wh.execute(
        "SELECT indicator_id FROM indicators WHERE signed").fetchall()}
    assert signed == {"dwelling_stock_growth_per_1000", "population_growth_pct",
                      "net_international_migration_per_1000", "net_migration_per_1000"}
    negative = {r[0] for r in wh.execute(
        "SELECT DISTINCT indicator_id FROM indicator_values WHERE value < 0").fetchall()}
    assert negative == signed


def test_the_view_has_the_rows_of_indicator_results_with_a_value(wh):
    """The build counts the values and finds the latest data year from
    ``indicator_results`` (``warehouse.build.VALUES``), not through the view's joins: the
    view's joins add columns, never rows (one row per indicator, region and year)."""
    from stadstrends.warehouse.build import VALUES

    view = wh.execute("SELECT count(*), max(year), count(DISTINCT (indicator_id, region_code, "
                      "year)) FROM indicator_values").fetchone()
    mine = wh.execute(f"SELECT count(*), max(year) FROM {VALUES}").fetchone()
    assert view[0] == view[2] == mine[0] > 300_000
    assert view[1] == mine[1]
    latest = wh.execute("SELECT max(year) FROM indicator_values WHERE indicator_id NOT IN "
                        "(SELECT indicator_id FROM indicators WHERE projection)").fetchone()[0]
    assert wh.execute("SELECT latest_data_year FROM build_info").fetchone()[0] == latest
