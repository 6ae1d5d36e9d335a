"""Build checks on small hand-made warehouses: nothing vanishes silently."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.warehouse.checks import (
    damage_refusal,
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
    other = [{"check": "counts_add_up", "rows": [{"year": 2020}]}]
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


def test_the_checks_run_beside_the_analysis_give_the_rows_run_checks_gives(warehouse_path):
    """The build runs the checks but :data:`CONNECTION_CHECKS` as a late step of the analysis,
    on a cursor of its own (``checks_beside``): on the real warehouse their rows are those
    ``run_checks`` finds by itself, and it runs none of them again. The one left to it reads
    the indicator stage's TEMP ``series_matched``, which a cursor does not see."""
    from stadstrends.settings import default_settings
    from stadstrends.warehouse import checks

    con = duckdb.connect()
    con.execute(f"ATTACH '{warehouse_path}' AS w (READ_ONLY)")
    con.execute("USE w")
    con.execute("CREATE TEMP TABLE series_matched AS SELECT series_id, table_id, measure "
                "FROM catalogue_parts")  # every part matched (the saved file has no copy)
    settings = default_settings()
    found, steps = checks.checks_beside(settings)
    assert [name for name, _ in steps] == ["data checks"]
    with con.cursor() as cursor:
        cursor.execute("USE w")
        assert steps[0][1](cursor) == {}
        try:
            unmatched_catalogue_parts(cursor)
        except duckdb.CatalogException as exc:
            assert "series_matched" in str(exc)
        else:
            raise AssertionError("a cursor saw the connection's TEMP table")
    assert set(found) == {name for name, _ in checks.CHECKS} - checks.CONNECTION_CHECKS
    assert checks.run_checks(con, settings, found) == checks.run_checks(con, settings)
    # the rows found beside are the ones reported, not found again
    rows = [{"table_id": "t", "region_code": "GM0001"}]
    assert checks.run_checks(con, settings, {**found, "municipalities_missing_from_table": rows}
                             ) == [*checks.run_checks(con, settings),
                                   {"check": "municipalities_missing_from_table", "rows": rows}]
