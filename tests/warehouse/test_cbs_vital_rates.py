"""Births and deaths per 1 000 inhabitants are CBS's own figures of 37259eng
(``LiveBornChildrenRatio_4``, ``DeathsRatio_6``: per 1 000 of the average population, the
mean of 1 January and 31 December). Before, Stadstrends divided the count by the population
on 1 January: 1 208 of 3 949 municipality-years rounded to another figure for births, 1 161
for deaths (Zwolle's births of 2023 10,7 against CBS's 10,6). Real snapshot."""

from __future__ import annotations

import pandas as pd
import pytest

FILE = "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"
RATES = {"births_per_1000": ("LiveBornChildren_3", "LiveBornChildrenRatio_4"),
         "deaths_per_1000": ("Deaths_5", "DeathsRatio_6")}


@pytest.fixture(scope="module")
def cbs(shared_data) -> pd.DataFrame:
    frame = pd.read_csv(shared_data / FILE)
    frame = frame[frame["Sex"] == "T001038"].copy()
    frame["code"] = frame["Regions"].str.strip()
    frame["year"] = frame["Periods Label"].astype(int)
    return frame


def _half_up(values: pd.Series) -> pd.Series:
    return (values * 10 + 0.5).apply(int) / 10


@pytest.mark.parametrize("indicator", sorted(RATES))
def test_cbs_divides_by_the_average_population(cbs, indicator) -> None:
    """The definition, checked on CBS's figures: the count over (1 January + 31 December) / 2
    gives the published rate in all region-years but Amsterdam's 2022 (Weesp joined on 24
    March, so CBS's average counts Weesp's inhabitants of 1 January) and its COROP region;
    over the population on 1 January it misses in more than a thousand."""
    count, rate = RATES[indicator]
    rows = cbs[cbs[rate].notna()]
    mean = (rows["PopulationOn1January_1"] + rows["PopulationOn31December_20"]) / 2
    by_mean = rows[_half_up(rows[count] / mean * 1000) != rows[rate]]
    by_january = rows[_half_up(rows[count] / rows["PopulationOn1January_1"] * 1000)
                      != rows[rate]]
    assert len(rows) == 5209
    missed = sorted(zip(by_mean["code"], by_mean["year"], strict=True))
    assert missed == [("CR24", 2022), ("GM0363", 2022)]
    assert len(by_january) > 1400


@pytest.mark.parametrize("indicator", sorted(RATES))
def test_every_unchanged_municipality_shows_cbs_rate(wh, cbs, indicator) -> None:
    """Every municipality-year CBS publishes a rate of, for a municipality of today whose
    boundaries did not change (not recalculated: ``harmonised_cells``), rounds to CBS's
    figure: no exception."""
    rate = RATES[indicator][1]
    ours = wh.execute(
        "SELECT v.region_code AS code, v.year, v.value FROM indicator_values v "
        "ANTI JOIN harmonised_cells h USING (indicator_id, region_code, year) "
        "WHERE v.indicator_id = ? AND v.region_code LIKE 'GM%'", [indicator]).df()
    both = ours.merge(cbs[cbs[rate].notna()][["code", "year", rate]], on=["code", "year"])
    differ = both[(both["value"] - both[rate]).abs() > 1e-9]
    assert len(both) == 3836 and differ.empty, differ.head(10)


def test_the_reader_figures_and_amsterdam_2022(wh) -> None:
    def value(indicator: str, code: str, year: int) -> float:
        return wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                          "region_code = ? AND year = ?", [indicator, code, year]).fetchone()[0]

    assert round(value("births_per_1000", "GM0193", 2023), 1) == 10.6  # Zwolle; was 10,7
    assert round(value("deaths_per_1000", "GM0096", 2023), 1) == 7.9  # Vlieland; was 7,7
    # Weesp merged into Amsterdam on 24 March 2022: CBS's rate of the merged area
    assert value("births_per_1000", "GM0363", 2022) == pytest.approx(10.9)
    assert value("deaths_per_1000", "GM0363", 2022) == pytest.approx(6.6)
    # Nederland: CBS's own figure (37259eng: 10,5 births, 8,4 deaths in 2012)
    assert value("births_per_1000", "NL01", 2012) == pytest.approx(10.5)
    assert value("deaths_per_1000", "NL01", 2012) == pytest.approx(8.4)


def test_a_figure_without_cbs_rate_is_marked_computed(wh) -> None:
    """Where CBS publishes no rate the count is divided by the average population and the
    cell is in ``recomputed_cells`` ('berekend door Stadstrends', as the crime rates); the
    snapshot's 37259eng has a rate wherever it has a count, so there are none."""
    n = wh.execute("SELECT count(*) FROM recomputed_cells WHERE indicator_id IN "
                   "('births_per_1000', 'deaths_per_1000')").fetchone()[0]
    fallback = wh.execute("SELECT count(*) FROM catalogue_parts WHERE role = 'fb' AND "
                          "indicator_id IN ('births_per_1000', 'deaths_per_1000')").fetchone()
    assert n == 0 and fallback[0] == 2
