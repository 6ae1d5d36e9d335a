"""The city page's tile of a change CBS's rounding could undo gives no percentage, as the
report's sentence (tests/publish/test_coarse_change_percent.py): Kerkrade's new dwellings per
1 000 (10 and 5 dwellings rounded to fives) said no percentage (a rate's tile never does), but
Schiermonnikoog's jobs of employees, 500 -> 600 rounded to hundreds, said '+100 (+20%)'
(real snapshot)."""

from __future__ import annotations

import pytest

KERKRADE, NEW = "GM0928", "new_construction_per_1000_dwellings"
SCHIERMONNIKOOG, JOBS = "GM0088", "jobs_employees"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tile_gives_no_percentage_either(client, wh, lang) -> None:
    for code, ind, start in ((KERKRADE, NEW, "−0"), (SCHIERMONNIKOOG, JOBS, "+100 ")):
        assert wh.execute("SELECT undoable FROM coarse_changes WHERE region_code = ? AND "
                          "indicator_id = ?", [code, ind]).fetchone() == (True,)
        page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
        tile = next(x for d in page["domains"] for x in d["tiles"] if x["indicator_id"] == ind)
        assert tile["change"].startswith(start) and "%" not in tile["change"], tile["change"]
