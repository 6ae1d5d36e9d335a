"""A share divides figures of one year, table and edition (age shares above all).

The build takes each series' best-ranked part per year, numerator and denominator apart,
and joins them on the year; a share is only true when both come from the same table's
same year (60039fvw's 'Voorlopig' 65-plussers over 60039fvw's 'Voorlopig' inhabitants,
not over 85383NED's). Measured on the real snapshot: no share value combines two tables,
years or boundary editions (every ratio with its own denominator has parallel parts with
disjoint years). The catalogue now refuses a share whose parts do not pair, so it stays so.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stadstrends.indicators.catalogue import Catalogue, load_catalogue

AGE_SHARES = ("share_age_0_14", "share_age_15_24", "share_age_25_44", "share_age_45_64",
              "share_age_65_plus", "share_age_75_plus", "share_age_85_plus", "grey_pressure")

# the raw numerator and denominator of every share's region-year, side by side
PAIRS_SQL = """
SELECT n.indicator_id, n.region_code, n.year, n.table_id, d.table_id, n.boundary_year,
       d.boundary_year
FROM series_raw n
JOIN series_raw d ON d.indicator_id = n.indicator_id AND d.role = 'den'
 AND d.region_code = n.region_code AND d.year = n.year
JOIN catalogue_indicators c ON c.indicator_id = n.indicator_id
WHERE n.role = 'num' AND c.method = 'ratio' AND c.denominator_series = n.indicator_id || ':den'
"""


def test_no_share_divides_one_tables_or_editions_figure_by_anothers(wh):
    """Measured: 0 of the share region-years mix; the age shares' come from 80860ned,
    60039fvw, kwb2019, 85383NED and 85984NED, numerator and denominator alike. The rates per
    1 000 of CBS's average population (``denominator_unpaired``: net migration, net
    international migration) divide by 03759ned's average from 2019 and 37259eng's before,
    as declared, each year on its own boundaries."""
    rows = wh.execute(PAIRS_SQL).fetchall()
    unpaired = {i.id for i in load_catalogue().indicators if i.denominator_unpaired}
    mixed = [r for r in rows if (r[3].lower() != r[4].lower() and r[0] not in unpaired)
             or r[5] != r[6]]
    assert mixed == []
    assert unpaired == {"net_migration_per_1000", "net_international_migration_per_1000"}
    bases = {(r[4].lower(), r[2] >= 2019) for r in rows if r[0] in unpaired}
    assert bases == {("37259eng", False), ("03759ned", True)}
    age = [r for r in rows if r[0] in AGE_SHARES]
    assert {r[0] for r in age} == set(AGE_SHARES)
    assert {r[3].lower() for r in age} == {"80860ned", "60039fvw", "kwb2019", "85383ned",
                                           "85984ned"}
    assert len(age) > 20_000


def _changed(indicator: str, change) -> dict:
    data = load_catalogue().model_dump()
    change(next(i for i in data["indicators"] if i["id"] == indicator))
    return data


def _den_years(ind: dict) -> None:  # 85383NED's inhabitants also for 2022: a lone year
    ind["denominator"][-1]["years"] = (2022, 2024)


def _den_swapped(ind: dict) -> None:  # 1999-2009 over kwb2019's 2019 inhabitants
    ind["denominator"][0], ind["denominator"][2] = ind["denominator"][2], ind["denominator"][0]


def _den_edition(ind: dict) -> None:  # provisional 75-plussers over final inhabitants
    ind["denominator"][0]["where"] = ["StatusCijfer=Definitief"]


def _overlap(ind: dict) -> None:  # two parts for 2017: one year from two tables
    for part in (ind["numerator"][1], ind["denominator"][1]):
        part["years"] = (2017, 2024)


@pytest.mark.parametrize("indicator, change", [
    ("share_age_75_plus", _den_years), ("share_age_65_plus", _den_swapped),
    ("share_age_75_plus", _den_edition), ("share_age_75_plus", _overlap)])
def test_a_share_whose_parts_do_not_pair_is_refused(indicator, change):
    with pytest.raises(ValidationError, match=indicator):
        Catalogue.model_validate(_changed(indicator, change))


def _den_overlap(ind: dict) -> None:  # 37259eng's average also for 2019: two bases a year
    ind["denominator"][0]["years"] = (2012, 2019)


def _unpaired_dropped(ind: dict) -> None:  # 03759ned's average without the declaration
    ind["denominator_unpaired"] = None


def _exact_without_count(ind: dict) -> None:  # no count to divide
    ind["count_fallback"] = None


def _unpaired_on_a_mean(ind: dict) -> None:  # a weighted mean has no paired parts
    ind["denominator_unpaired"] = "the average population"


@pytest.mark.parametrize("indicator, change, words", [
    ("net_migration_per_1000", _den_overlap, "disjoint years"),
    ("net_migration_per_1000", _unpaired_dropped, "must pair"),
    ("births_per_1000", _exact_without_count, "count_is_exact needs a count_fallback"),
    ("births_per_1000", _unpaired_on_a_mean, "denominator_unpaired is for a ratio")])
def test_a_rate_over_the_average_population_keeps_its_rules(indicator, change, words):
    """A ratio may divide by another table's average population only where it says so
    (``denominator_unpaired``), and then by one part a year; the exact quotient of a CBS
    rate needs the count it divides (``count_is_exact``)."""
    with pytest.raises(ValidationError, match=words):
        Catalogue.model_validate(_changed(indicator, change))
