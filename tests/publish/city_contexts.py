"""Report contexts of real cities, built once per test module from the suite's warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city


def city_contexts(warehouse_path: Path, cities: list[str], langs: list[str]
                  ) -> dict[tuple[str, str], tuple[Any, dict]]:
    """(city, lang) -> (the city's data, its report context with map geometries)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        geometries = builder.geometries_for(con)
        out = {}
        for city in cities:
            data = load_city(con, city)
            for lang in langs:
                out[city, lang] = (data, builder.city_context(data, lang, geometries))
    return out
