"""A published mean is CBS's figure where it rests on one code
(:mod:`stadstrends.indicators.published_means`).

Hand-made: the build's own statements from the raw rows to the values. A municipality of one
code keeps its published mean whatever its weight (0, or none: a code CBS renamed whose weight
is published under the new code only); a merged one whose every part weighs 0 has no figure
and says why; a merged one with one part of weight 0 is the mean of the others. On the real
snapshot: Lingewaard's household waste 2001-2002 (Bemmel's in 83452NED), Amsterdam's district
heating 2022 (81528NED) and Kerkrade's equal crime rates of 2018 and 2019; Schiermonnikoog's
unemployment is in ``test_rounded_counts``.
"""

from __future__ import annotations

import csv
import datetime as dt

import duckdb
import pandas as pd
import pytest

from stadstrends import vocabulary
from stadstrends.duck import store_frame
from stadstrends.harmonise.apply import harmonise_series
from stadstrends.indicators.build import SERIES_RAW_FINAL_SQL, VALUES_SQL
from stadstrends.indicators.matching import SERIES_RAW_SQL
from stadstrends.indicators.provisional import CONFIRM_SQL
from stadstrends.indicators.published_means import RAW_MEANS_SQL, harmonise_means

D = dt.date
IND = "u"


def _parts() -> pd.DataFrame:
    rows = [{"series_id": f"{IND}:{role}", "indicator_id": IND, "role": role, "rank": 0,
             "table_id": "t", "n_terms": 1, "where_list": [], "period_type": "year",
             "part": None, "year_from": None, "year_to": None, "boundary_year": None,
             "scale": 1.0, "year_offset": 0, "additive": True, "weighted": True,
             "timing": "stock_start", "basis": "persons", "measure": measure, "coef": 1.0,
             "final": False} for role, measure in (("num", "P"), ("den", "B"))]
    frame = pd.DataFrame(rows)
    frame["where_list"] = frame["where_list"].astype(object)
    for col in ("part", "year_from", "year_to", "boundary_year"):
        frame[col] = frame[col].astype("Int64")
    return frame


# (code, year, published mean, its base): GM0001 + GM0002 -> GM0003 and GM0004 + GM0005 ->
# GM0006 in 2020; GM0011 keeps its code; GM0021 is renamed GM0022 in 2020, and CBS gives the
# base of 2019 under the new code only (None: no cell)
CELLS = [("GM0001", 2019, 4.0, 0.0), ("GM0002", 2019, 6.0, 0.0),
         ("GM0004", 2019, 10.0, 0.0), ("GM0005", 2019, 4.0, 2000.0),
         ("GM0011", 2019, 3.2, 0.0), ("GM0011", 2021, 2.9, 1000.0),
         ("GM0003", 2021, 5.0, 3000.0), ("GM0006", 2021, 4.5, 2000.0),
         ("GM0021", 2019, 7.5, None), ("GM0022", 2019, None, 1000.0)]


def _values() -> dict[tuple[str, int], tuple]:
    con = duckdb.connect()
    store_frame(con, "catalogue_parts", _parts())
    store_frame(con, "_raw", pd.DataFrame([
        {"table_id": "t", "measure": m, "dims": "", "region_code": code, "region_label": code,
         "period": f"{year}JJ00", "year": year, "period_type": "year", "period_part": None,
         "value": v, "status": "definitief"}
        for code, year, mean, base in CELLS for m, v in (("P", mean), ("B", base))
        if v is not None]))
    con.execute("CREATE TABLE raw_observations AS SELECT * REPLACE (year::INTEGER AS year, "
                "period_part::INTEGER AS period_part, value::DOUBLE AS value) FROM _raw")
    con.execute("CREATE TABLE table_boundaries (table_id VARCHAR, year INTEGER, "
                "boundary_year INTEGER)")
    for sql in (SERIES_RAW_SQL, CONFIRM_SQL, SERIES_RAW_FINAL_SQL, RAW_MEANS_SQL):
        con.execute(sql)
    merged = D(2020, 1, 1)
    store_frame(con, "region_history", pd.DataFrame(
        [(c, D(1830, 1, 1), merged) for c in ("GM0001", "GM0002", "GM0004", "GM0005", "GM0021")]
        + [(c, merged, None) for c in ("GM0003", "GM0006", "GM0022")]
        + [("GM0011", D(1830, 1, 1), None)],
        columns=["code", "valid_from", "valid_to"]))
    store_frame(con, "crosswalk", pd.DataFrame(
        [("GM0001", "GM0003"), ("GM0002", "GM0003"), ("GM0003", "GM0003"),
         ("GM0004", "GM0006"), ("GM0005", "GM0006"), ("GM0006", "GM0006"),
         ("GM0011", "GM0011"), ("GM0021", "GM0022"), ("GM0022", "GM0022")],
        columns=["source_code", "target_code"]).assign(weight=1.0))
    harmonise_series(con)
    harmonise_means(con)
    con.execute("CREATE TABLE series_all AS SELECT series_id, region_code, year, value, reason, "
                "reason_detail FROM series_harmonised")
    store_frame(con, "catalogue_indicators", pd.DataFrame([{
        "indicator_id": IND, "method": "weighted_mean", "scale": 1.0,
        "denominator_series": f"{IND}:den"}]))
    con.execute("CREATE TABLE numerator_rounding (indicator_id VARCHAR, year BIGINT, "
                "unit INTEGER)")
    con.execute("CREATE TABLE denominator_rounding AS SELECT 'u' AS indicator_id, y AS year, "
                "1000 AS unit FROM (VALUES (2019), (2021)) v(y)")
    con.execute("CREATE TABLE catalogue_unusable (indicator_id VARCHAR, region_code VARCHAR, "
                "year_from BIGINT, year_to BIGINT, reason VARCHAR)")
    con.execute(VALUES_SQL)
    return {(r[0], r[1]): r[2:] for r in con.execute(
        "SELECT region_code, year, value, reason, reason_detail FROM indicator_results"
    ).fetchall()}


def test_a_municipality_of_one_code_keeps_its_published_mean_whatever_its_weight():
    got = _values()
    assert got["GM0011", 2019] == (pytest.approx(3.2), None, None)  # before: no figure
    assert got["GM0011", 2021] == (pytest.approx(2.9), None, None)
    assert got["GM0003", 2021] == (pytest.approx(5.0), None, None)
    # renamed, its base under the new code only: before, 'missing_in_source' of GM0021
    assert got["GM0022", 2019] == (pytest.approx(7.5), None, None)


def test_a_merged_municipality_whose_parts_all_weigh_zero_says_so():
    got = _values()
    assert got["GM0003", 2019] == (None, "weight_rounded_to_zero", "500")
    said = vocabulary.word("nl", "reasons", "weight_rounded_to_zero", detail="500")
    assert said.startswith("deze gemeente is (deels) ontstaan uit andere gemeenten; CBS "
                           "publiceert hun cijfers") and "kleiner dan 500" in said
    assert "noemer" not in said


def test_a_part_of_weight_zero_beside_others_counts_with_weight_zero():
    """GM0004's 10,0 weighs 0 (under 500), GM0005's 4,0 weighs 2 000: 4,0, which any weight
    of GM0004 under 500 moves by at most 6 x 500 / 2 500 = 1,2 points; as every other part's
    weight, it is known to half the unit only."""
    assert _values()["GM0006", 2019] == (pytest.approx(4.0), None, None)


def _published(statline, folder: str, table: str, measure: str, region: str,
               years: range) -> dict[int, float]:
    with (statline / folder / f"{table}.csv").open(encoding="utf-8-sig") as fh:
        return {int(r["Perioden"][:4]): float(r[measure]) for r in csv.DictReader(fh, delimiter=";")
                if r["RegioS"] == region and int(r["Perioden"][:4]) in years and r[measure]}


def _values_of(wh, indicator: str, region: str, years: range) -> dict[int, float]:
    return dict(wh.execute("SELECT year, value FROM indicator_values WHERE indicator_id = ? "
                           "AND region_code = ? AND year BETWEEN ? AND ?",
                           [indicator, region, years[0], years[-1]]).fetchall())


def test_a_renamed_code_without_its_weight_keeps_cbs_mean(wh, statline):
    """Lingewaard (GM1705) was Bemmel (GM0206) until 2003: 83452NED gives Bemmel's household
    waste 2001-2002, 80860ned the population on the boundaries of 2009 only (Lingewaard's).
    Before: no figure, 'missing_in_source' of Bemmel; now CBS's kilos (18 such gaps filled:
    Kesteren, Dantumadeel and others too)."""
    cbs = _published(statline, "municipal_partial", "83452NED", "HoeveelheidHuishoudelijkAfval_1",
                     "Bemmel", range(2001, 2003))
    assert cbs == {2001: 447.3, 2002: 447.4}
    assert _values_of(wh, "household_waste_per_inhabitant", "GM1705", range(2001, 2003)) == cbs


def test_a_weight_on_other_boundaries_leaves_cbs_mean(wh, statline):
    """Amsterdam's district heating 2022: CBS's 16,7 % of its dwellings (81528NED; Weesp,
    merged on 24 March, has no cell), not 16,7 x Amsterdam's dwellings / those of Amsterdam
    and Weesp on 1 January (16,36 before)."""
    cbs = _published(statline, "municipal_total_slice", "81528NED", "Stadsverwarming_4",
                     "Amsterdam", range(2022, 2023))
    assert cbs == {2022: 16.7}
    assert _values_of(wh, "district_heating_share", "GM0363", range(2022, 2023)) == cbs


def test_equal_published_means_stay_equal(wh):
    """Kerkrade's crimes per 1 000 are 54,4 in 2018 and 2019; mean x base / base made them
    54.39999999999999 and 54.4, two values for the trend's count of distinct values."""
    got = _values_of(wh, "crimes_per_1000", "GM0928", range(2018, 2020))
    assert got[2018] == got[2019] == 54.4
