"""Fixtures of the publish tests: the report's data and contexts of a few municipalities on
the real warehouse (the session's, ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

#: ``city_reports(cities)`` -> (connection, {city: (data, {lang: report context})})
CityReports = Callable[[list[str]], tuple[duckdb.DuckDBPyConnection, dict[str, Any]]]


@pytest.fixture()
def wh(warehouse_path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the session's warehouse (``tests/conftest.py``'s), marked as
    ``publish`` marks its own: what is not a city's is read once per test
    (:mod:`tests.publish.loaded`)."""
    con = connect(warehouse_path)
    yield con
    con.close()


@pytest.fixture(scope="module")
def city_reports(warehouse_path) -> Iterator[CityReports]:
    """A factory for a test module: ``city_reports(["Vaals", "Zwolle"])`` gives a read-only
    connection to the session's warehouse (open until the module ends) and per city (a name
    or code, as ``load_city`` reads it) its data (``load_city``) and its report context in
    Dutch and English (``builder.city_context``, no report files)."""
    con = connect(warehouse_path)

    def load(cities: list[str]) -> tuple[duckdb.DuckDBPyConnection, dict[str, Any]]:
        out = {}
        for city in cities:
            data = kept_city(con, city)
            out[city] = (data, {lang: builder.city_context(data, lang, None)
                                for lang in ("nl", "en")})
        return con, out

    yield load
    con.close()
