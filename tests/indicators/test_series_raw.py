"""The indicator stage's source rows (``series_raw``, ``indicator_sources``) on small
hand-made tables: the best-ranked source per year, parts of several terms, weighted means,
and one table stored in two spellings."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.duck import store_frame
from stadstrends.indicators.build import SERIES_RAW_FINAL_SQL, SERIES_RAW_SQL, SOURCES_SQL
from stadstrends.indicators.provisional import CONFIRM_SQL


def _part(ind, role, rank, table, terms, years=None, method="count"):
    return [{"series_id": f"{ind}:{role}", "indicator_id": ind, "role": role, "rank": rank,
             "table_id": table.lower(), "n_terms": len(terms), "where_list": [],
             "period_type": "year", "part": None, "year_from": years and years[0],
             "year_to": years and years[1], "boundary_year": None, "scale": 1.0,
             "year_offset": 0, "additive": method != "level",
             "weighted": method == "weighted_mean", "timing": "stock_start",
             "basis": "persons", "measure": measure, "coef": coef, "final": False}
            for measure, coef in terms]


def _obs(table, measure, region, year, value, status="definitief"):
    return {"table_id": table, "measure": measure, "dims": "", "region_code": region,
            "region_label": region, "period": f"{year}JJ00", "year": year,
            "period_type": "year", "period_part": None, "value": value, "status": status}


def _series_raw(parts: list[dict], raw: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = duckdb.connect()
    frame = pd.DataFrame(parts)
    frame["where_list"] = frame["where_list"].astype(object)
    for col in ("part", "year_from", "year_to", "boundary_year"):
        frame[col] = frame[col].astype("Int64")
    store_frame(con, "catalogue_parts", frame)
    store_frame(con, "_raw", pd.DataFrame(raw))
    con.execute("""CREATE TABLE raw_observations AS SELECT * REPLACE (year::INTEGER AS year,
                   period_part::INTEGER AS period_part, value::DOUBLE AS value) FROM _raw""")
    con.execute("CREATE TABLE table_boundaries (table_id VARCHAR, year INTEGER, "
                "boundary_year INTEGER)")
    con.execute(SERIES_RAW_SQL)
    con.execute(CONFIRM_SQL)
    con.execute(SERIES_RAW_FINAL_SQL)
    con.execute(SOURCES_SQL)
    return (con.execute("SELECT * FROM series_raw ORDER BY ALL").df(),
            con.execute("SELECT * FROM indicator_sources ORDER BY ALL").df())


def test_the_best_ranked_source_wins_each_year_and_a_sum_needs_every_term():
    parts = (_part("a", "num", 0, "T1", [("A", 1), ("B", 1), ("C", -1)], years=(2015, 2018))
             + _part("a", "num", 1, "T2", [("X", 1)], years=(2012, 2016)))
    raw = [_obs("T2", "X", "GM0001", y, 100.0 + y) for y in range(2012, 2017)]
    raw += [_obs("T1", m, "GM0001", y, v, "voorlopig" if (m, y) == ("B", 2018) else "definitief")
            for y in range(2015, 2019) for m, v in (("A", 10.0), ("B", 5.0), ("C", 2.0))
            if (m, y) != ("C", 2016)]
    rows, sources = _series_raw(parts, raw)
    got = dict(zip(rows["year"], rows["value"], strict=True))
    # 2012-2014 only in T2; from 2015 T1 (rank 0) wins, also where T2 has the year
    assert {y: got[y] for y in (2012, 2013, 2014)} == {2012: 2112.0, 2013: 2113.0, 2014: 2114.0}
    assert got[2015] == got[2017] == got[2018] == 13.0  # A + B - C
    assert pd.isna(got[2016])  # C missing: no value, and not T2's instead
    assert list(rows["table_id"]) == ["T2"] * 3 + ["T1"] * 4
    assert list(rows["status"]) == ["definitief"] * 6 + ["voorlopig"]
    by_year = sources.set_index("year")
    assert by_year.loc[2014, "tables"] == "T2" and by_year.loc[2016, "tables"] == "T1"
    assert by_year.loc[2015, "measures"] == "A + B + C"
    assert list(by_year["provisional"]) == [False] * 6 + [True]


def _establishments(e_values: dict[str, float]) -> dict[str, str]:
    """The status per municipality of F's provisional 2024 (GM0001 107 710, GM0002 500,
    GM0003 80) when the later source E has ``e_values`` as definitive."""
    parts = (_part("e", "num", 0, "F", [("Bedrijfsvestigingen_69", 1)], years=(2023, 2024))
             + _part("e", "num", 1, "E", [("Vestigingen_1", 1)], years=(2015, 2025)))
    raw = [_obs("F", "Bedrijfsvestigingen_69", r, 2024, v, "voorlopig")
           for r, v in (("GM0001", 107710.0), ("GM0002", 500.0), ("GM0003", 80.0))]
    raw += [_obs("E", "Vestigingen_1", r, 2024, v) for r, v in e_values.items()]
    rows, _ = _series_raw(parts, raw)
    assert set(rows["table_id"]) == {"F"}  # the value stays the best-ranked source's
    return dict(zip(rows["region_code"], rows["status"], strict=True))


def test_a_provisional_year_a_later_source_has_as_definitive_everywhere_becomes_definitive():
    # 85383NED (rank 0, 'Voorlopig') and 81575NED (rank 1, definitive) in 2024: the same
    # numbers for every municipality are CBS's definitive figures
    assert _establishments({"GM0001": 107710.0, "GM0002": 500.0, "GM0003": 80.0}) == {
        "GM0001": "definitief", "GM0002": "definitief", "GM0003": "definitief"}


def test_a_provisional_year_stays_provisional_everywhere_unless_confirmed_everywhere():
    # CBS's status is the table period's: one different number (GM0002) or one
    # municipality the later file lacks (GM0003: 81575NED cut at Veere, Zwolle's 2023)
    # leaves the year provisional for all, not 'nee' for Amersfoort and 'ja' for Zwolle
    provisional = dict.fromkeys(("GM0001", "GM0002", "GM0003"), "voorlopig")
    assert _establishments({"GM0001": 107710.0, "GM0002": 505.0, "GM0003": 80.0}) == provisional
    assert _establishments({"GM0001": 107710.0, "GM0002": 500.0}) == provisional


def test_a_weighted_mean_becomes_mean_times_base():
    parts = (_part("w", "num", 0, "T3", [("M", 1)], method="weighted_mean")
             + _part("w", "den", 0, "T3", [("D", 1)], method="weighted_mean"))
    raw = [_obs("T3", "M", r, 2019, m) for r, m in (("GM0001", 3.0), ("GM0002", 4.0))]
    raw += [_obs("T3", "D", r, 2019, d) for r, d in (("GM0001", 10.0), ("GM0002", 20.0))]
    rows, _ = _series_raw(parts, raw)
    values = {(s, r): v for s, r, v in zip(rows["series_id"], rows["region_code"],
                                           rows["value"], strict=True)}
    assert values == {("w:num", "GM0001"): 30.0, ("w:num", "GM0002"): 80.0,
                      ("w:den", "GM0001"): 10.0, ("w:den", "GM0002"): 20.0}


def test_one_table_in_two_spellings_gives_each_row_once_with_its_own_spelling():
    # one table read through two APIs could be stored as 83625NED and 83625ned
    parts = (_part("p", "num", 0, "83625NED", [("M001534", 1)], years=(2015, 2025),
                   method="level")
             + _part("p", "num", 1, "83625ned", [("Gem_1", 1)], years=(1995, 2014),
                     method="level"))
    raw = ([_obs("83625NED", "M001534", "GM0001", y, 300.0) for y in (2015, 2016)]
           + [_obs("83625ned", "Gem_1", "GM0001", y, 200.0) for y in (2013, 2014)])
    rows, sources = _series_raw(parts, raw)
    assert list(zip(rows["year"], rows["table_id"], rows["value"], strict=True)) == [
        (2013, "83625ned", 200.0), (2014, "83625ned", 200.0),
        (2015, "83625NED", 300.0), (2016, "83625NED", 300.0)]
    assert list(sources["tables"]) == ["83625ned", "83625ned", "83625NED", "83625NED"]
