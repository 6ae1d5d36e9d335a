"""Build checks on small hand-made warehouses: nothing vanishes silently."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.warehouse.checks import (
    damage_refusal,
    municipalities_add_up,
    municipalities_missing_from_table,
    unknown_periods,
    unmatched_catalogue_parts,
)


def _con(**tables: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, frame in tables.items():
        con.register("f", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM f")
        con.unregister("f")
    return con


def test_a_relabelled_filter_and_a_vanished_measure_are_reported():
    parts = pd.DataFrame([
        ("crimes:num", "crimes", "83648ned", "Misdrijven_1", ["SoortMisdrijf=Totaal misdrijven"]),
        ("gone:num", "gone", "83648ned", "Verdwenen_9", []),
        ("ok:num", "ok", "83648ned", "Misdrijven_1", ["SoortMisdrijf=Misdrijven, totaal"]),
    ], columns=["series_id", "indicator_id", "table_id", "measure", "where_list"])
    raw = pd.DataFrame([("83648NED", "Misdrijven_1", "SoortMisdrijf=Misdrijven, totaal")],
                       columns=["table_id", "measure", "dims"])
    matched = pd.DataFrame([("ok:num", "83648NED", "Misdrijven_1")],
                           columns=["series_id", "table_id", "measure"])
    con = _con(catalogue_parts=parts, raw_observations=raw, series_matched=matched)
    rows = {r["indicator_id"]: r["problem"] for r in unmatched_catalogue_parts(con)}
    assert rows == {"crimes": "no_rows_match", "gone": "measure_not_in_table"}


def test_unknown_period_forms_are_named_per_table():
    raw = pd.DataFrame([("T1", "2019/2020", "unknown", None), ("T1", "2019", "year", 2019)],
                       columns=["table_id", "period", "period_type", "year"])
    assert unknown_periods(_con(raw_observations=raw)) == [
        {"table_id": "T1", "period": "2019/2020", "cells": 1}]


def _as_filed(results: pd.DataFrame, raw: pd.DataFrame, names: dict[str, str],
              crosswalk: list[tuple[str, str, float]] = ()) -> duckdb.DuckDBPyConnection:
    """A warehouse of today's figures (``results``) and the CBS file's (``raw``, each year at
    its own boundaries, persons): every code its own successor unless ``crosswalk`` (source,
    target, weight) says where a former one went."""
    raw = raw.assign(boundary_year=raw["year"], basis="persons")
    moved = {source for source, _, _ in crosswalk}
    pairs = [(c, c, 1.0) for c in raw["region_code"].unique() if c not in moved]
    walk = pd.DataFrame([(year, "persons", s, t, w) for year in raw["year"].unique()
                         for s, t, w in [*pairs, *crosswalk]],
                        columns=["boundary_year", "basis", "source_code", "target_code",
                                 "weight"])
    history = pd.DataFrame({"code": list(names), "name": list(names.values())})
    today = history[history["code"].isin(results["region_code"])]
    return _con(indicator_results=results, series_raw=raw, crosswalk=walk,
                region_history=history,
                regions=today.rename(columns={"code": "region_code"}))


def test_national_total_tolerates_rounding_to_tens_only_where_the_source_rounds():
    def run(values, national):
        results = pd.DataFrame([("population", f"GM{i:04d}", 2000, v)
                                for i, v in enumerate(values)],
                               columns=["indicator_id", "region_code", "year", "value"])
        raw = results.rename(columns={"indicator_id": "series_id"}).assign(
            series_id="population:num")
        raw = pd.concat([raw, pd.DataFrame([("population:num", "NL01", 2000, national)],
                                           columns=raw.columns)]).assign(table_id="T1")
        return municipalities_add_up(_as_filed(results, raw, {"GM0000": "A"}))

    assert run([1000.0, 2000.0, 3000.0], 5990.0) == []  # rounded to tens: +-5 each
    assert len(run([1000.0, 2000.0, 3000.0], 5980.0)) == 1  # beyond rounding
    assert len(run([1001.0, 2000.0, 3000.0], 5999.0)) == 1  # not rounded: exact


def test_a_sum_that_does_not_add_up_names_its_table_and_the_departing_municipality():
    """One wrong digit (Zutphen 2003: 95 880 for 45 880 in 80860ned): the row named neither
    table nor municipality; it names the year's CBS tables and the municipality whose figure
    departs most from its own years before and after, in the direction of the difference
    (Groot, growing by 10 000 a year, departs more in people but not relative to itself;
    Klein falls in 2003, against the difference). The first year has one neighbour."""
    figures = {"GM0001": ("Zutphen", [45_370, 95_880, 45_860]),
               "GM0002": ("Groot", [800_000, 815_000, 820_000]),
               "GM0003": ("Klein", [1_000, 800, 1_000])}
    results = pd.DataFrame([("population", code, 2002 + i, float(v))
                            for code, (_, values) in figures.items()
                            for i, v in enumerate(values)],
                           columns=["indicator_id", "region_code", "year", "value"])
    national = results.groupby("year")["value"].sum().sub([0, 50_020, 0])
    raw = pd.concat([results.rename(columns={"indicator_id": "series_id"}),
                     pd.DataFrame({"series_id": "population", "region_code": "NL01",
                                   "year": national.index, "value": national.values})]
                    ).assign(series_id="population:num", table_id="80860NED")
    names = {code: name for code, (name, _) in figures.items()}
    rows = municipalities_add_up(_as_filed(results, raw, names))
    assert [(r["year"], r["table_id"], r["difference"], r["departing"],
             r["departing_value"], r["neighbouring_years"]) for r in rows] == [
        (2003, ["80860ned"], 50_020.0, "Zutphen (GM0001)", 95_880.0, 45_615.0)]
    first = results.assign(value=results["value"].where(
        (results["region_code"] != "GM0003") | (results["year"] != 2002), 5_000.0))
    raw = raw.assign(value=raw["value"].where(
        (raw["region_code"] != "NL01") | (raw["year"] != 2002), national[2002]))
    rows = municipalities_add_up(_as_filed(first, raw, names))
    assert [(r["year"], r["departing"], r["neighbouring_years"]) for r in rows] == [
        (2002, "Klein (GM0003)", 800.0), (2003, "Zutphen (GM0001)", 45_615.0)]


def test_a_municipality_lost_from_a_table_that_holds_nearly_all_others_is_reported():
    """A copy of 81064ned without Amersfoort's rows: 109 of its 2012 boundaries' 110
    municipalities have rows, so the missing one is named; a regional selection (2 of 110),
    a table cut inside its region list (``cut_after``) and a world of 11 municipalities
    (a hand-made test warehouse: one without rows is no lost copy) are not."""
    codes = [f"GM{i:04d}" for i in range(300, 410)]
    members = pd.DataFrame({"year": 2012, "gm_code": codes})
    bounds = pd.DataFrame([("81064ned", 2012, 2012), ("82220NED", 2012, 2012),
                           ("60039fvw", 2012, 2012)],
                          columns=["table_id", "year", "boundary_year"])
    raw = pd.DataFrame([("81064NED", c, 2012) for c in codes if c != "GM0307"]
                       + [("82220NED", c, 2012) for c in codes[:2]]
                       + [("60039fvw", c, 2012) for c in codes[:100]]
                       + [("81064NED", "NL01", 2012)],
                       columns=["table_id", "region_code", "year"])
    sources = pd.DataFrame([("81064NED", None), ("82220NED", None), ("60039fvw", "Zevenaar")],
                           columns=["table_id", "cut_after"])
    con = _con(membership=members, table_boundaries=bounds, raw_observations=raw,
               sources=sources)
    assert municipalities_missing_from_table(con) == [
        {"table_id": "81064ned", "region_code": "GM0307", "first_year": 2012,
         "last_year": 2012, "years": 1}]
    few = _con(membership=members[members["gm_code"] < "GM0311"], table_boundaries=bounds,
               raw_observations=raw, sources=sources)
    assert municipalities_missing_from_table(few) == []


def test_a_lost_municipality_refuses_the_build_naming_table_code_name_and_years():
    """Only a damaged copy loses a municipality's rows: :func:`damage_refusal` words the
    refusal (nl and en) with the table, code, name and years; the other checks' failures
    (a sum that does not add up) refuse nothing."""
    rows = [{"table_id": "81064ned", "region_code": f"GM0{150 + i}", "first_year": 2010,
             "last_year": 2023, "years": 14} for i in range(7)]
    regions = pd.DataFrame({"region_code": ["GM0150"], "name": ["Deventer"]})
    con = _con(regions=regions)
    other = [{"check": "municipalities_add_up", "rows": [{"year": 2020}]}]
    assert damage_refusal(con, other) is None
    err = damage_refusal(con, [*other, {"check": "municipalities_missing_from_table",
                                        "rows": rows}])
    assert err.key == "municipalities_missing" and err.details == rows
    assert err.message.startswith("not built: a table lacks every row of municipalities it "
                                  "has for nearly all others (7): 81064ned GM0150 Deventer "
                                  "(2010-2023); 81064ned GM0151 (2010-2023); ")
    assert err.message.endswith("81064ned GM0154 (2010-2023) and 2 more")
    assert "the copy of 81064ned is damaged" in err.hint and "--allow-gaps" in err.hint
    message, hint = err.in_language("nl")
    assert message.startswith("niet gebouwd: in een tabel ontbreken alle rijen van gemeenten")
    assert "de kopie van 81064ned is beschadigd" in hint and "niet vervangen" in hint


def test_a_former_municipality_s_damaged_cell_is_named_as_the_cbs_file_has_it():
    """A damaged cell of a former municipality (Haaren's 2003 in 80860ned, 64 040 for
    14 040; Haaren is now divided) was named by today's municipality that took most of the
    damage, with today's apportioned figure ('Oisterwijk (GM0824), cijfer: 51.632,37'): a
    cell the file does not hold. Now the row names the region as the CBS file does, its
    figure there and its own years around it, and today's municipality it is now (partly)
    in."""
    filed = {"GM0002": [10_000, 10_000, 10_000], "GM0003": [30_000, 30_000, 30_000],
             "GM0009": [14_000, 64_000, 14_100]}
    raw = pd.DataFrame([("population:num", code, 2002 + i, float(v), "80860NED")
                        for code, values in filed.items() for i, v in enumerate(values)],
                       columns=["series_id", "region_code", "year", "value", "table_id"])
    national = raw.groupby("year")["value"].sum() - pd.Series([0, 50_000, 0],
                                                               index=[2002, 2003, 2004])
    raw = pd.concat([raw, pd.DataFrame({"series_id": "population:num", "region_code": "NL01",
                                        "year": national.index, "value": national.values,
                                        "table_id": "80860NED"})])
    names = {"GM0002": "Oost", "GM0003": "West", "GM0009": "Haaren"}
    for shares, key in (({"GM0002": 0.4, "GM0003": 0.6}, "now_partly_in"),
                        ({"GM0002": 1.0}, "now_part_of")):
        results = pd.DataFrame([
            ("population", today, 2002 + i, filed[today][i] + share * filed["GM0009"][i])
            for today in ("GM0002", "GM0003") for i in range(3)
            for share in [shares.get(today, 0.0)]],
            columns=["indicator_id", "region_code", "year", "value"])
        con = _as_filed(results, raw, names, [("GM0009", t, w) for t, w in shares.items()])
        [row] = municipalities_add_up(con)
        assert {k: row.get(k) for k in ("year", "departing", key, "departing_value",
                                        "neighbouring_years")} == {
            "year": 2003, "departing": "Haaren (GM0009)", key: "Oost (GM0002)",
            "departing_value": 64_000.0, "neighbouring_years": 14_050.0}
        other = ({"now_part_of", "now_partly_in"} - {key}).pop()
        assert other not in row  # the one that is not so, left out
