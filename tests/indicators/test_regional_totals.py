"""A COROP region or province of a count or ratio whose sum over the municipalities is
incomplete is CBS's own figure of the region, only in the years its municipalities of then
cover today's area (real snapshot, :mod:`stadstrends.indicators.aggregate`,
``SAME_AREA_SQL`` and ``CBS_TOTALS_SQL``).

71486ned is cut after 'Moerdijk' (Leiden, Utrecht have no households), so the sums left
every COROP region and province with such a member empty (``region_incomplete``), though
the table has CBS's row of each. Vijfheerenlanden (Leerdam and Zederik of Zuid-Holland,
Vianen of Utrecht) formed on 1 January 2019 in the province and COROP region of Utrecht:
CBS's Utrecht rows of 2018 count 584 265 households without Leerdam and Zederik, 2019
604 564 with them, so Utrecht and Zuid-Holland keep their gap up to 2018.
"""

from __future__ import annotations

import csv

import pytest

SHARE = "one_person_household_share"


def _cbs_row(statline, label: str, year: int) -> dict:
    with open(statline / "municipal_partial" / "71486ned.csv", encoding="utf-8-sig",
              newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if r["RegioS"] == label
                and r["Perioden"] == str(year) and r["LeeftijdReferentiepersoon"] == "Totaal"]
    assert len(rows) == 1, (label, year, rows)
    return rows[0]


def _share(row: dict) -> float:
    return 100 * float(row["Eenpersoonshuishouden_2"]) / float(
        row["TotaalParticuliereHuishoudens_1"])


def _value(wh, code: str, year: int):
    row = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                     "region_code = ? AND year = ?", [SHARE, code, year]).fetchone()
    return row[0] if row else None


def _label(wh, code: str) -> str:
    return wh.execute("SELECT any_value(label) FROM regions WHERE region_code = ?",
                      [code]).fetchone()[0]


def _members_without(wh, code: str, year: int) -> int:
    return wh.execute("""
        SELECT count(*) FROM region_sets s LEFT JOIN indicator_values v
          ON v.region_code = s.region_code AND v.indicator_id = ? AND v.year = ?
        WHERE s.set_id = ? AND v.value IS NULL""", [SHARE, year, code]).fetchone()[0]


@pytest.mark.parametrize(("code", "year"), [("CR25", 2015), ("PV26", 2019), ("CR17", 2024)])
def test_region_share_is_cbs_regional_share(wh, statline, code, year):
    """Agglomeratie Leiden en Bollenstreek 2015 (Leiden has no figure), Utrecht 2019, 2024."""
    assert _members_without(wh, code, year) > 0  # the sum over the members is incomplete
    assert _value(wh, code, year) == pytest.approx(_share(_cbs_row(statline, _label(wh, code),
                                                                   year)))
    assert wh.execute("SELECT count(*) FROM region_cbs_means WHERE region_code = ? AND "
                      "indicator_id = ? AND year = ?", [code, SHARE, year]).fetchone()[0] == 1


@pytest.mark.parametrize("code", ["PV26", "CR17", "PV28"])
def test_vijfheerenlanden_keeps_the_gaps_before_2019(wh, statline, code):
    # the warehouse's own membership: Leerdam in Zuid-Holland in 2018, Vijfheerenlanden in
    # Utrecht now
    assert wh.execute("SELECT province_code FROM membership WHERE gm_code = 'GM0512' AND "
                      "year = 2018").fetchone() == ("PV28",)
    assert wh.execute("SELECT count(*) FROM region_sets WHERE set_id = 'PV26' AND "
                      "region_code = 'GM1961'").fetchone()[0] == 1
    _cbs_row(statline, _label(wh, code), 2018)  # CBS has the row, of 2018's area
    for year in (2016, 2017, 2018):
        assert _value(wh, code, year) is None
        assert wh.execute("SELECT reason FROM indicator_gaps WHERE indicator_id = ? AND "
                          "region_code = ? AND year = ?", [SHARE, code, year]
                          ).fetchone() == ("region_incomplete",)
    assert _value(wh, code, 2019) == pytest.approx(_share(_cbs_row(statline, _label(wh, code),
                                                                   2019)))


def test_no_regional_cbs_count_across_a_changed_area(wh):
    """No COROP region or province of a count or ratio is CBS's where the table's boundaries
    are of before a municipality moved into or out of it: Utrecht and Zuid-Holland (2019),
    Groot-Amsterdam and Gooi en Vechtstreek (Weesp into Amsterdam, 24 March 2022); 84783NED
    gives Zuid-Holland's solar panels of 2012 on the boundaries of 2019, CBS's then."""
    rows = wh.execute("""
        SELECT m.region_code, r.boundary_year FROM region_cbs_means m
        JOIN indicators i USING (indicator_id)
        JOIN series_raw r USING (indicator_id, region_code, year)
        WHERE i.method IN ('count', 'ratio')
          AND ((m.region_code IN ('PV26', 'PV28', 'CR17') AND r.boundary_year < 2019)
               OR (m.region_code IN ('CR23', 'CR24') AND r.boundary_year <= 2022))""").fetchall()
    assert rows == []
    assert wh.execute("""SELECT count(*) FROM region_cbs_means m JOIN series_raw r
        USING (indicator_id, region_code, year) WHERE m.region_code = 'PV28' AND m.year = 2012
          AND m.indicator_id = 'solar_installations_per_1000' AND r.boundary_year = 2019
        """).fetchone()[0] > 0
    # and every regional figure taken is the source table's value
    assert wh.execute("""
        SELECT count(*) FROM region_cbs_means m JOIN indicators i USING (indicator_id)
        JOIN series_raw r USING (indicator_id, region_code, year)
        JOIN series_all a ON a.series_id = r.series_id AND a.region_code = r.region_code
         AND a.year = r.year
        WHERE i.method IN ('count', 'ratio') AND m.region_code <> 'NL01'
          AND a.value IS DISTINCT FROM r.value""").fetchone()[0] == 0


def test_regional_incomplete_gaps_counted(wh):
    """region_incomplete gaps: COROP 7 345 -> 4 449, provinces 2 627 -> 1 489 (2 896 and
    1 138 figures of CBS's own); Nederland stays 41."""
    got = dict(wh.execute("SELECT left(region_code, 2), count(*) FROM indicator_gaps "
                          "WHERE reason = 'region_incomplete' GROUP BY 1").fetchall())
    assert got == {"CR": 4449, "PV": 1489, "NL": 41}
