"""The tests' kept report data (:mod:`tests.publish.loaded`) is what ``load_city`` reads on a
fresh connection, and a copy of its own on every call."""

from __future__ import annotations

import duckdb

from stadstrends.publish.report.data import load_city
from tests.publish.loaded import kept_city


def test_kept_city_is_a_fresh_read_and_each_call_its_own_copy(wh, warehouse_path) -> None:
    first = kept_city(wh, "Zwolle")
    first.series.clear()  # a test changing its copy
    first.catalogue["population"]["title_nl"] = "changed"
    first.kies.append({"label": "changed"})
    with duckdb.connect(str(warehouse_path), read_only=True) as fresh:
        for group in (None, "G40"):
            again = kept_city(wh, "Zwolle", group)
            assert again == load_city(fresh, "Zwolle", group) and again is not first
            assert again.series and again.catalogue["population"]["title_nl"] != "changed"
    assert kept_city(wh, "GM0193") == kept_city(wh, "Zwolle")
