"""The ommeland of a count or ratio where a member has no figure: CBS's COROP figure minus the
city's, of one table and year, only where the COROP region has today's area and the city's
figure is CBS's own (real snapshot, :mod:`stadstrends.analysis.ommeland_cbs`).

71486ned is cut after 'Moerdijk': Utrecht and other members of CR17 have no households, so
Amersfoort's ommeland was empty ('ommeland_incomplete') though CBS publishes CR17's row.
Vianen joined CR17 on 1 January 2019: before, CBS's CR17 is another area and the gap stays.
Before this step every such ommeland stayed empty.
"""

from __future__ import annotations

import csv

import pytest

SHARE = "one_person_household_share"
AMERSFOORT = "GM0307"


def _rows(statline, folder: str, table: str) -> list[dict]:
    with open(statline / folder / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _ommeland(wh, code: str, indicator: str, year: int):
    return wh.execute("""SELECT ommeland_value, ommeland_rounding, ommeland_note FROM ommeland
                         WHERE region_code = ? AND indicator_id = ? AND year = ?""",
                      [code, indicator, year]).fetchone()


def _label(wh, code: str) -> str:
    return wh.execute("SELECT any_value(label) FROM regions WHERE region_code = ?",
                      [code]).fetchone()[0]


@pytest.mark.parametrize("year", [2019, 2024])
def test_amersfoort_one_person_share_is_cbs_corop_minus_city(wh, statline, year):
    """(CR17's one-person households - Amersfoort's) / (CR17's households - Amersfoort's),
    from the raw CSV; CBS does not round them (rounding 0, still marked derived)."""
    rows = _rows(statline, "municipal_partial", "71486ned")

    def row(label):
        found = [r for r in rows if r["RegioS"] == label and r["Perioden"] == str(year)
                 and r["LeeftijdReferentiepersoon"] == "Totaal"]
        assert len(found) == 1, (label, found)
        return found[0]

    region, city = row("Utrecht (CR)"), row("Amersfoort")
    one = float(region["Eenpersoonshuishouden_2"]) - float(city["Eenpersoonshuishouden_2"])
    all_ = (float(region["TotaalParticuliereHuishoudens_1"])
            - float(city["TotaalParticuliereHuishoudens_1"]))
    value, rounding, note = _ommeland(wh, AMERSFOORT, SHARE, year)
    assert value == pytest.approx(100 * one / all_, rel=1e-12) and rounding == 0 and note is None
    if year == 2024:  # the households themselves: a count
        assert _ommeland(wh, AMERSFOORT, "households", year)[:2] == (pytest.approx(all_), 0)


def test_region_of_another_area_keeps_its_gap(wh):
    """CR17 of 2018 is without Vianen: Amersfoort's ommeland stays empty, 2019 is derived."""
    assert _ommeland(wh, AMERSFOORT, SHARE, 2018) == (None, None, "ommeland_incomplete")
    assert _ommeland(wh, AMERSFOORT, SHARE, 2019)[0] is not None


def test_a_merged_city_keeps_its_gap(wh):
    """Hollands Kroon's grey pressure of 2010 is the sum of its four predecessors' (not CBS's
    figure of one code): its ommeland stays empty; Den Helder's of the same COROP region and
    year is CBS's CR18 minus Den Helder."""
    assert _ommeland(wh, "GM1911", "grey_pressure", 2010) == (None, None,
                                                              "ommeland_incomplete")
    value, rounding, _ = _ommeland(wh, "GM0400", "grey_pressure", 2010)
    assert value is not None and rounding == 0


def test_no_ommeland_of_a_median_or_of_another_tables_denominator(wh):
    """CBS publishes CR17's standardised median income of 2023 (86004NED, 36.5), but a
    median has no parts: Amersfoort's ommeland of it stays empty, while its one-person
    share of that year is derived. Establishments per 1 000 inhabitants divide 81575NED's
    count by another table's population: no ommeland either."""
    assert wh.execute("""SELECT value FROM series_raw WHERE region_code = 'CR17' AND year = 2023
                         AND series_id = 'income_standardised_median:num'""").fetchone()[0] \
        == pytest.approx(36.5)
    assert _ommeland(wh, AMERSFOORT, "income_standardised_median", 2023) == (
        None, None, "ommeland_not_additive")
    assert _ommeland(wh, AMERSFOORT, "establishments_per_1000", 2023) == (
        None, None, "ommeland_incomplete")
    assert _ommeland(wh, AMERSFOORT, SHARE, 2023)[0] is not None
    levels = wh.execute("""SELECT count(*) FROM ommeland o JOIN catalogue_indicators c
                           USING (indicator_id) WHERE c.method = 'level'
                           AND o.ommeland_value IS NOT NULL""").fetchone()[0]
    assert levels == 0


def test_projected_population_rounded_to_hundreds(wh, statline):
    """85171NED gives thousands with one decimal: Groningen's ommeland of 2023 is
    (Overig Groningen 410.4 - Groningen 238.9) x 1 000, each off by up to 50: +-100."""
    rows = _rows(statline, "projections", "85171NED")
    got = {r["RegioIndeling2021"]: float(r["TotaleBevolking_1"]) for r in rows
           if r["Perioden"] == "2023" and r["Leeftijd"] == "Totaal"
           and r["Geslacht"] == "Totaal mannen en vrouwen"}
    want = (got["Overig Groningen (CR)"] - got["Groningen (gemeente)"]) * 1000
    value, rounding, _ = _ommeland(wh, "GM0014", "population_projected", 2023)
    assert value == pytest.approx(want) and rounding == 100


def test_projected_grey_pressure_rounding_from_both_parts(wh, statline):
    """82220NED (thousands, one decimal): Almere's projected grey pressure of 2014 is
    (Flevoland's 65-plus - Almere's) / (20-64 - Almere's) x 100; both counts off by up to
    100 persons: (100 + n / d x 100) x 100 / (d - 100)."""
    rows = _rows(statline, "projections", "82220NED")
    corop = wh.execute("SELECT corop_code FROM ommeland WHERE region_code = 'GM0034' LIMIT 1"
                       ).fetchone()[0]

    def part(label, col):
        found = [float(r[col]) * 1000 for r in rows
                 if r["RegioSSituatie2013"] == label and r["Perioden"] == "2014"]
        assert len(found) == 1, (label, found)
        return found[0]

    region, city = _label(wh, corop), "Almere"
    n = part(region, "k_65JaarOfOuder_4") - part(city, "k_65JaarOfOuder_4")
    d = part(region, "k_20Tot65Jaar_3") - part(city, "k_20Tot65Jaar_3")
    value, rounding, _ = _ommeland(wh, "GM0034", "grey_pressure_projected", 2014)
    assert value == pytest.approx(100 * n / d)
    assert rounding == pytest.approx((100 + n / d * 100) * 100 / (d - 100))


def test_no_existing_ommeland_changed_and_gaps_follow(wh):
    """The derived values fill only former gaps of counts and ratios: every one is a
    COROP-year whose figure is CBS's (``region_cbs_means``), and the gaps and gap trends
    read them (Amersfoort's one-person share from 2019)."""
    stray = wh.execute("""
        SELECT count(*) FROM ommeland o JOIN catalogue_indicators c USING (indicator_id)
        ANTI JOIN region_cbs_means m ON m.indicator_id = o.indicator_id
         AND m.region_code = o.corop_code AND m.year = o.year
        WHERE c.method IN ('count', 'ratio') AND o.ommeland_rounding IS NOT NULL""").fetchone()
    assert stray == (0,)
    years = [r[0] for r in wh.execute("""SELECT year FROM region_gaps WHERE region_code = ?
                                         AND indicator_id = ? ORDER BY 1""",
                                      [AMERSFOORT, SHARE]).fetchall()]
    assert 2019 in years and 2024 in years and 2018 not in years
