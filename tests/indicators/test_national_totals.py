"""Nederland of a count or ratio whose sum over the municipalities is incomplete is CBS's own
national figure where the source table has it (real snapshot,
:mod:`stadstrends.indicators.aggregate`, ``CBS_TOTALS_SQL``).

71486ned is cut after 'Moerdijk' (Utrecht, Tilburg, Zwolle have no households), so the
sum over the municipalities left Nederland's share of one-person households empty for
2000-2024 (reason ``region_incomplete``), though the table's first row is CBS's Nederland.
60039fvw has no Nederland figure for 2018 (its row is empty): that gap stays.
"""

from __future__ import annotations

import csv

import pytest

# the NL01 gaps a sum over incomplete members leaves, beside whether the source table has
# every part of Nederland's figure for that year
KEPT_SQL = """
SELECT g.indicator_id, g.year,
       count(r.value) FILTER (WHERE r.role = 'num') AS num,
       count(r.value) FILTER (WHERE r.role = 'den') AS den,
       c.denominator_series = g.indicator_id || ':den' AS own_den
FROM indicator_gaps g
JOIN catalogue_indicators c USING (indicator_id)
LEFT JOIN series_raw r ON r.indicator_id = g.indicator_id AND r.year = g.year
 AND r.region_code = 'NL01'
WHERE g.region_code = 'NL01' AND g.reason = 'region_incomplete'
GROUP BY ALL
"""


def _nl_row(path, year: str) -> dict:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";")
                if r["RegioS"] == "Nederland" and r["Perioden"] == year]
    assert len(rows) == 1, rows
    return rows[0]


def _value(wh, ind: str, code: str, year: int):
    row = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                     "region_code = ? AND year = ?", [ind, code, year]).fetchone()
    return row[0] if row else None


def test_one_person_households_2015_is_cbs_national_share(wh, statline):
    cbs = _nl_row(statline / "municipal_partial" / "71486ned.csv", "2015")
    assert cbs["LeeftijdReferentiepersoon"] == "Totaal"
    share = 100 * float(cbs["Eenpersoonshuishouden_2"]) / float(
        cbs["TotaalParticuliereHuishoudens_1"])
    # Utrecht (after 'Moerdijk') has no figure: the municipalities' sum is incomplete
    assert _value(wh, "one_person_household_share", "GM0344", 2015) is None
    assert _value(wh, "one_person_household_share", "NL01", 2015) == pytest.approx(share)
    assert share == pytest.approx(37.4, abs=0.05)
    # its provenance: a region-year whose figure is CBS's own
    assert wh.execute("SELECT count(*) FROM region_cbs_means WHERE region_code = 'NL01' AND "
                      "indicator_id = 'one_person_household_share'").fetchone()[0] == 25


def test_payment_arrears_2020_is_cbs_national_count_per_population(wh, statline):
    """81064ned's count at the end of 2020 is stored as of 1 January 2021 (year_offset)."""
    cbs = float(_nl_row(statline / "municipal_complete" / "81064ned.csv", "2020")[
        "PersonenMetEenBetalingsachterstand_1"])
    year = 2020 + wh.execute("SELECT year_offset FROM indicators WHERE indicator_id = "
                             "'payment_arrears_per_1000'").fetchone()[0]
    pop = wh.execute("SELECT value FROM series_all WHERE series_id = 'population:num' AND "
                     "region_code = 'NL01' AND year = ?", [year]).fetchone()[0]
    assert _value(wh, "payment_arrears_per_1000", "NL01", year) == pytest.approx(
        1000 * cbs / pop)


def test_share_65_plus_2018_keeps_its_gap_without_cbs_national_row(wh, statline):
    cbs = _nl_row(statline / "municipal_partial" / "60039fvw.csv", "2018")
    assert cbs["TotaalMannenEnVrouwen_1"] == "" and cbs["k_65Tot75Jaar_4"] == ""
    assert _value(wh, "share_age_65_plus", "NL01", 2018) is None
    assert wh.execute("SELECT reason FROM indicator_gaps WHERE region_code = 'NL01' AND "
                      "indicator_id = 'share_age_65_plus' AND year = 2018"
                      ).fetchone() == ("region_incomplete",)


def test_household_waste_keeps_its_gap_table_without_nederland(wh, statline):
    with open(statline / "municipal_partial" / "83452NED.csv", encoding="utf-8-sig") as f:
        assert not [r for r in csv.DictReader(f, delimiter=";") if r["RegioS"] == "Nederland"]
    assert wh.execute("SELECT count(*) FROM indicator_gaps WHERE region_code = 'NL01' AND "
                      "indicator_id = 'household_waste_per_inhabitant' AND "
                      "reason = 'region_incomplete'").fetchone()[0] > 0


def test_national_incomplete_gaps_only_where_cbs_lacks_a_part(wh):
    """284 cells of 27 indicators before; 41 of 6 after (district heating 2018, household
    waste 2001-2023, the 65+/75+/85+ shares of 2018-2023, WMO clients 2015 and 2021)."""
    rows = wh.execute(KEPT_SQL).fetchall()
    # a gap stays only where Nederland's row lacks the numerator or its own denominator
    assert all(num == 0 or (own_den and den == 0) for _, _, num, den, own_den in rows), rows
    assert len(rows) == 41
    assert len({r[0] for r in rows}) == 6
