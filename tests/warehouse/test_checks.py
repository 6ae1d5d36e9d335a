"""Build checks on small hand-made warehouses: nothing vanishes silently."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.warehouse.checks import (
    municipalities_add_up,
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
    assert rows == {"crimes": "filter or years match no rows",
                    "gone": "measure key not in the table"}


def test_unknown_period_forms_are_named_per_table():
    raw = pd.DataFrame([("T1", "2019/2020", "unknown", None), ("T1", "2019", "year", 2019)],
                       columns=["table_id", "period", "period_type", "year"])
    assert unknown_periods(_con(raw_observations=raw)) == [
        {"table_id": "T1", "period": "2019/2020", "cells": 1}]


def test_national_total_tolerates_rounding_to_tens_only_where_the_source_rounds():
    def run(values, national):
        results = pd.DataFrame([("population", f"GM{i:04d}", 2000, v)
                                for i, v in enumerate(values)],
                               columns=["indicator_id", "region_code", "year", "value"])
        raw = results.rename(columns={"indicator_id": "series_id"}).assign(
            series_id="population:num")
        raw = pd.concat([raw, pd.DataFrame([("population:num", "NL01", 2000, national)],
                                           columns=raw.columns)])
        return municipalities_add_up(_con(indicator_results=results, series_raw=raw))

    assert run([1000.0, 2000.0, 3000.0], 5990.0) == []  # rounded to tens: +-5 each
    assert len(run([1000.0, 2000.0, 3000.0], 5980.0)) == 1  # beyond rounding
    assert len(run([1001.0, 2000.0, 3000.0], 5999.0)) == 1  # not rounded: exact
