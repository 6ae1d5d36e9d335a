"""Births and deaths per 1 000 inhabitants are CBS's own figures of 37259eng
(``LiveBornChildrenRatio_4``, ``DeathsRatio_6``: per 1 000 of the average population, the
mean of 1 January and 31 December), unrounded: the count over that average wherever it rounds
to CBS's rate (``count_is_exact``, ``exact_rates``), so trends and gaps need not allow for
CBS's rounding to 0,1 (session 53; session 52 stored CBS's rounded rates). Net migration and
net international migration per 1 000 divide by the same average population, as CBS's own
arrival and departure rates do (before session 53: by the population on 1 January, Vlieland
2022 83,7 where CBS's rates give 80,5). Before session 52, Stadstrends divided births and
deaths by 1 January: 1 208 of 3 949 municipality-years rounded to another figure for births,
1 161 for deaths (Zwolle's births of 2023 10,7 against CBS's 10,6). Real snapshot."""

from __future__ import annotations

import json

import pandas as pd
import pytest

FILE = "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"
AVERAGES = "cbs_odata4_v4_responses/03759ned/observations-page-1.json"
RATES = {"births_per_1000": ("LiveBornChildren_3", "LiveBornChildrenRatio_4"),
         "deaths_per_1000": ("Deaths_5", "DeathsRatio_6"),
         "arrivals": ("TotalArrivals_8", "TotalArrivalsRatio_9"),
         "departures": ("TotalDeparturesIncludingAdministra_12",
                        "TotalDeparturesIncludingAdmRatio_13")}
WEESP_2022 = 20766  # Weesp's inhabitants on 1 January 2022; merged into Amsterdam on 24 March


@pytest.fixture(scope="module")
def cbs(shared_data) -> pd.DataFrame:
    frame = pd.read_csv(shared_data / FILE)
    frame = frame[frame["Sex"] == "T001038"].copy()
    frame["code"] = frame["Regions"].str.strip()
    frame["year"] = frame["Periods Label"].astype(int)
    frame["mean"] = (frame["PopulationOn1January_1"] + frame["PopulationOn31December_20"]) / 2
    return frame


@pytest.fixture(scope="module")
def averages(shared_data) -> dict[tuple[str, int], float]:
    """CBS's average population (03759ned ``M000365``) per code and year, 2019-2025."""
    rows = json.loads((shared_data / AVERAGES).read_text(encoding="utf-8"))["value"]
    return {(r["RegioS"], int(r["Perioden"][:4])): r["Value"] for r in rows
            if r["Measure"] == "M000365" and r["Value"] is not None}


def _half_up(values: pd.Series) -> pd.Series:
    return (values * 10 + 0.5).apply(int) / 10


@pytest.mark.parametrize("rate", sorted(RATES))
def test_cbs_divides_by_the_average_population(cbs, rate) -> None:
    """The definition, checked on CBS's figures: the count over (1 January + 31 December) / 2
    gives the published rate in all region-years but those of Weesp's merger in 2022
    (Amsterdam, its COROP region Groot-Amsterdam, Het Gooi en Vechtstreek which Weesp left):
    CBS's average of the year's area counts Weesp's 1 January with Amsterdam. With it, all
    5 209; over the population on 1 January more than a thousand miss."""
    count, published = RATES[rate]
    rows = cbs[cbs[published].notna()].copy()
    by_mean = rows[_half_up(rows[count] / rows["mean"] * 1000) != rows[published]]
    by_january = rows[_half_up(rows[count] / rows["PopulationOn1January_1"] * 1000)
                      != rows[published]]
    assert len(rows) == 5209 and len(by_january) > 1400
    missed = set(zip(by_mean["code"], by_mean["year"], strict=True))
    assert missed <= {("CR23", 2022), ("CR24", 2022), ("GM0363", 2022)}
    assert ("GM0363", 2022) in missed
    moved = {"GM0363": WEESP_2022, "CR23": WEESP_2022, "CR24": -WEESP_2022}
    shift = [moved.get(c, 0) if y == 2022 else 0 for c, y in zip(rows["code"], rows["year"],
                                                                 strict=True)]
    area = rows["mean"] + pd.Series(shift, index=rows.index) / 2
    assert (_half_up(rows[count] / area * 1000) == rows[published]).all()


def test_cbs_average_population_is_that_mean(cbs, averages) -> None:
    """03759ned's average population (the base from 2019) is 37259eng's (1 January +
    31 December) / 2 in every region-year both have but Weesp's 2022: 37259eng gives it no
    31 December, 03759ned half its 1 January (it has no inhabitants on 31 December)."""
    rows = cbs[cbs["year"] >= 2019]
    both = [(c, y, m, averages[(c, y)]) for c, y, m in zip(rows["code"], rows["year"],
                                                           rows["mean"], strict=True)
            if (c, y) in averages]
    differ = [(c, y) for c, y, m, a in both if not m == a]
    assert len(both) == 1814 and differ == [("GM0457", 2022)]
    assert averages[("GM0457", 2022)] == WEESP_2022 / 2


@pytest.mark.parametrize("indicator", ["births_per_1000", "deaths_per_1000"])
def test_every_unchanged_municipality_rounds_to_cbs_rate(wh, cbs, indicator) -> None:
    """Every municipality-year CBS publishes a rate of, for a municipality of today whose
    boundaries did not change (not recalculated: ``harmonised_cells``), rounds to CBS's
    figure and is not CBS's rounded figure itself but the count over the average population:
    no exception."""
    count, rate = RATES[indicator]
    ours = wh.execute(
        "SELECT v.region_code AS code, v.year, v.value FROM indicator_values v "
        "ANTI JOIN harmonised_cells h USING (indicator_id, region_code, year) "
        "WHERE v.indicator_id = ? AND v.region_code LIKE 'GM%'", [indicator]).df()
    both = ours.merge(cbs[cbs[rate].notna()], on=["code", "year"])
    differ = both[_half_up(both["value"]) != both[rate]]
    assert len(both) == 3835 and differ.empty, differ.head(10)
    exact = both[count] / both["mean"] * 1000
    assert ((both["value"] - exact).abs() < 1e-9).all()


@pytest.mark.parametrize("indicator", ["births_per_1000", "deaths_per_1000"])
def test_exact_rates_replace_every_cbs_rate(wh, cbs, indicator) -> None:
    """``exact_rates`` holds the quotient beside CBS's rate for every municipality, province
    and Nederland CBS gives a rate of (the COROP regions from 2019 have no average population
    in 03759ned: their figures are their members' sums); none kept CBS's rounded rate.
    Amsterdam 2022 counts Weesp's average, as CBS does."""
    count, rate = RATES[indicator]
    stored = wh.execute("SELECT region_code AS code, year, published, value FROM exact_rates "
                        "WHERE indicator_id = ?", [indicator]).df()
    cbs_rows = cbs[cbs[rate].notna() & cbs["code"].str.match(r"GM|PV|NL")]
    both = cbs_rows.merge(stored, on=["code", "year"], how="left")
    assert both["value"].notna().all() and len(both) == 4525 + 144 + 12
    assert (both["published"] == both[rate]).all()
    assert (_half_up(both["value"]) == both[rate]).all()
    amsterdam = both[(both["code"] == "GM0363") & (both["year"] == 2022)].iloc[0]
    assert amsterdam["value"] == pytest.approx(
        amsterdam[count] / (amsterdam["mean"] + WEESP_2022 / 2) * 1000)


def test_the_reader_figures_and_amsterdam_2022(wh) -> None:
    def value(indicator: str, code: str, year: int) -> float:
        return wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                          "region_code = ? AND year = ?", [indicator, code, year]).fetchone()[0]

    assert value("births_per_1000", "GM0193", 2023) == pytest.approx(1411 / 132776 * 1000)
    assert round(value("births_per_1000", "GM0193", 2023), 1) == 10.6  # Zwolle; was 10,7
    assert round(value("deaths_per_1000", "GM0096", 2023), 1) == 7.9  # Vlieland; was 7,7
    # Weesp merged into Amsterdam on 24 March 2022: CBS's rate of the merged area, 10,9 and
    # 6,6: the counts over Amsterdam's and Weesp's average population (900 375 + 10 383)
    assert value("births_per_1000", "GM0363", 2022) == pytest.approx(9894 / 910758 * 1000)
    assert round(value("deaths_per_1000", "GM0363", 2022), 1) == 6.6
    # Nederland: CBS's own figure (37259eng: 10,5 births, 8,4 deaths in 2012)
    assert round(value("births_per_1000", "NL01", 2012), 1) == 10.5
    assert round(value("deaths_per_1000", "NL01", 2012), 1) == 8.4
    # net migration of Vlieland 2022: 100 over the average 1 243, not over 1 195 (83,7)
    assert value("net_migration_per_1000", "GM0096", 2022) == pytest.approx(100 / 1243 * 1000)


def test_a_figure_without_cbs_rate_is_marked_computed(wh) -> None:
    """Where CBS publishes no rate the count is divided by the average population and the
    cell is in ``recomputed_cells`` ('berekend door Stadstrends', as the crime rates); the
    snapshot's 37259eng has a rate wherever it has a count, so there are none."""
    n = wh.execute("SELECT count(*) FROM recomputed_cells WHERE indicator_id IN "
                   "('births_per_1000', 'deaths_per_1000')").fetchone()[0]
    fallback = wh.execute("SELECT count(*) FROM catalogue_parts WHERE role = 'fb' AND "
                          "indicator_id IN ('births_per_1000', 'deaths_per_1000')").fetchone()
    assert n == 0 and fallback[0] == 2


@pytest.fixture()
def base(wh) -> pd.DataFrame:
    """The average population the migration rates divide by, per municipality of today and
    year (series ``net_migration_per_1000:den``, harmonised)."""
    return wh.execute("SELECT region_code AS code, year, value AS base FROM series_all "
                      "WHERE series_id = 'net_migration_per_1000:den'").df()


def test_migration_rates_are_count_over_the_average_population(wh, cbs, base) -> None:
    """Net migration per 1 000 of every unchanged municipality-year is CBS's balance over the
    average population; over that base the arrivals and departures give CBS's own rates of
    them in every such year (no exception). The base is CBS's average but where a part of
    the municipality went to another later (Nissewaard 2015-2017: 1,4% to Voorne aan Zee in
    2018): its balance goes with it in the same share, so the rate is its own."""
    ours = wh.execute(
        "SELECT v.region_code AS code, v.year, v.value FROM indicator_values v "
        "ANTI JOIN harmonised_cells h USING (indicator_id, region_code, year) "
        "WHERE v.indicator_id = 'net_migration_per_1000' AND v.region_code LIKE 'GM%'").df()
    both = ours.merge(cbs, on=["code", "year"]).merge(base, on=["code", "year"])
    apportioned = both[both["base"] != both["mean"]]
    moved = set(zip(apportioned["code"], apportioned["year"], strict=True))
    assert len(both) == 3835 and moved == {("GM1930", y) for y in (2015, 2016, 2017)}
    balance = both["NetMigrationIncludingAdministrative_17"] / both["mean"] * 1000
    assert ((both["value"] - balance).abs() < 1e-9).all()
    for rate in ("arrivals", "departures"):
        count, published = RATES[rate]
        assert (_half_up(both[count] / both["mean"] * 1000) == both[published]).all(), rate


def test_net_international_migration_over_the_same_base(wh, base) -> None:
    """Net international migration per 1 000 divides by the same average population, from
    2012 on: 2010 and 2011 have none in the snapshot and are left out (a caveat says so)."""
    rows = wh.execute(
        "SELECT v.region_code AS code, v.year, v.value, n.value AS num FROM indicator_values v "
        "JOIN series_all n ON n.series_id = v.indicator_id || ':num' "
        "AND n.region_code = v.region_code AND n.year = v.year "
        "WHERE v.indicator_id = 'net_international_migration_per_1000' "
        "AND v.region_code LIKE 'GM%'").df().merge(base, on=["code", "year"], how="left")
    assert rows["year"].min() == 2012 and rows["base"].notna().all()
    assert ((rows["value"] - rows["num"] / rows["base"] * 1000).abs() < 1e-9).all()


@pytest.mark.parametrize(("indicator", "count"), [("births_per_1000", "LiveBornChildren_3"),
                                                  ("deaths_per_1000", "Deaths_5")])
def test_an_exact_figure_names_its_count_and_base_as_its_source(wh, indicator, count) -> None:
    """The downloads named CBS's rate (``DeathsRatio_6``) as the source of a figure that is the
    count over the average population (Vlieland 2016, 22,1402; h53j): every exact figure now
    names the count and the average population's measures, never the rate."""
    rows = wh.execute("""
        SELECT v.source_measures FROM indicator_values v
        JOIN exact_rates x USING (indicator_id, region_code, year)
        WHERE v.indicator_id = ?""", [indicator]).fetchall()
    assert len(rows) > 4000
    for (measures,) in rows:
        parts = measures.split(", ")
        assert count in parts and not any("Ratio" in m for m in parts), measures
        assert "M000365" in parts or any("PopulationOn31December_20" in m for m in parts), \
            measures
