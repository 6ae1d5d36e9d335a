"""A published mean whose weight CBS rounds to 0 (:mod:`stadstrends.indicators.zero_weights`).

Hand-made: the build's own statements from the raw rows to the values, on municipalities
whose base (the weight of a ``weighted_mean``) is 0. A municipality of one code keeps its
published mean; a merged one whose every part weighs 0 has no figure and says why; a merged
one with one part of weight 0 is the mean of the others. The real snapshot's case
(Schiermonnikoog's unemployment) is in ``test_rounded_counts``.
"""

from __future__ import annotations

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
from stadstrends.indicators.zero_weights import KEEP_SQL, ZERO_WEIGHT_MEANS_SQL

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
# GM0006 in 2020; GM0011 keeps its code
CELLS = [("GM0001", 2019, 4.0, 0.0), ("GM0002", 2019, 6.0, 0.0),
         ("GM0004", 2019, 10.0, 0.0), ("GM0005", 2019, 4.0, 2000.0),
         ("GM0011", 2019, 3.2, 0.0), ("GM0011", 2021, 2.9, 1000.0),
         ("GM0003", 2021, 5.0, 3000.0), ("GM0006", 2021, 4.5, 2000.0)]


def _values() -> dict[tuple[str, int], tuple]:
    con = duckdb.connect()
    store_frame(con, "catalogue_parts", _parts())
    store_frame(con, "_raw", pd.DataFrame([
        {"table_id": "t", "measure": m, "dims": "", "region_code": code, "region_label": code,
         "period": f"{year}JJ00", "year": year, "period_type": "year", "period_part": None,
         "value": v, "status": "definitief"}
        for code, year, mean, base in CELLS for m, v in (("P", mean), ("B", base))]))
    con.execute("CREATE TABLE raw_observations AS SELECT * REPLACE (year::INTEGER AS year, "
                "period_part::INTEGER AS period_part, value::DOUBLE AS value) FROM _raw")
    con.execute("CREATE TABLE table_boundaries (table_id VARCHAR, year INTEGER, "
                "boundary_year INTEGER)")
    for sql in (SERIES_RAW_SQL, CONFIRM_SQL, SERIES_RAW_FINAL_SQL, ZERO_WEIGHT_MEANS_SQL):
        con.execute(sql)
    merged = D(2020, 1, 1)
    store_frame(con, "region_history", pd.DataFrame(
        [(c, D(1830, 1, 1), merged) for c in ("GM0001", "GM0002", "GM0004", "GM0005")]
        + [("GM0003", merged, None), ("GM0006", merged, None), ("GM0011", D(1830, 1, 1), None)],
        columns=["code", "valid_from", "valid_to"]))
    store_frame(con, "crosswalk", pd.DataFrame(
        [("GM0001", "GM0003"), ("GM0002", "GM0003"), ("GM0003", "GM0003"),
         ("GM0004", "GM0006"), ("GM0005", "GM0006"), ("GM0006", "GM0006"),
         ("GM0011", "GM0011")], columns=["source_code", "target_code"]).assign(weight=1.0))
    harmonise_series(con)
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
    con.execute(KEEP_SQL)
    return {(r[0], r[1]): r[2:] for r in con.execute(
        "SELECT region_code, year, value, reason, reason_detail FROM indicator_results"
    ).fetchall()}


def test_a_municipality_of_one_code_keeps_its_published_mean_whatever_its_weight():
    got = _values()
    assert got["GM0011", 2019] == (pytest.approx(3.2), None, None)  # before: no figure
    assert got["GM0011", 2021] == (pytest.approx(2.9), None, None)
    assert got["GM0003", 2021] == (pytest.approx(5.0), None, None)


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
