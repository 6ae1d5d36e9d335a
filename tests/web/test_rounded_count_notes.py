"""The data say 'rounded_count' where the pages say 'berekend uit afgerond aantal' (real
snapshot): a figure computed from a count CBS rounds coarsely for the municipality, by the one
rule of the report, the tiles and the ranking (``year_flags`` on ``zeros_and_coarse_of``).
The downloads' ``notes``, the API's ``/series`` rows and the ranking's CSV lacked it: Deventer's
demolitions per 1 000 dwellings of 2023, '1,0 (berekend uit afgerond aantal)' in its report,
had empty notes in ``demolition_per_1000_dwellings.csv``."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from stadstrends.publish.notes import NOTES, cell_notes
from stadstrends.publish.web import ranking
from stadstrends.publish.web.state import WebWarehouse

DEMOLITION, DEVENTER = "demolition_per_1000_dwellings", "GM0150"
WORD = "berekend uit afgerond aantal"


def _csv(client, url: str) -> pd.DataFrame:
    response = client.get(url)
    assert response.status_code == 200, url
    return pd.read_csv(io.StringIO(response.text), dtype={"notes": str}, keep_default_na=False)


def test_deventers_demolitions_say_rounded_count_in_the_data(client) -> None:
    frame = _csv(client, f"/api/v1/download/{DEMOLITION}.csv")
    row = frame[(frame.region_code == DEVENTER) & (frame.year == 2023)]
    assert row.notes.tolist() == ["rounded_count"]
    body = client.get("/api/v1/series", params={"indicator": DEMOLITION,
                                                "region": DEVENTER}).json()
    rows = {r["year"]: r for r in body["series"]}
    assert rows[2023]["rounded_count"] is True and rows[2023]["rounded_zero"] is False
    assert set(NOTES) <= set(rows[2023])
    marked = {y for y, r in rows.items() if r["rounded_count"]}
    download = set(frame[(frame.region_code == DEVENTER)
                         & frame.notes.str.contains("rounded_count")].year)
    assert marked == download


def test_the_marked_figures_as_counted(wh) -> None:
    """Municipal figures marked, per indicator (6 663 in all, in 339 municipalities; with the
    1 005 of 'rounded_zero' the tester's count of demolitions, new construction and growth of
    the stock, 3 470, 1 173 and 1 129); none of a COROP region, province or Nederland, none of
    a count itself (its figure is CBS's rounded count) and none beside 'rounded_zero' (a count
    rounded to 0 says more)."""
    counts, zeros, places = {}, {}, set()
    for (ind,) in wh.execute("SELECT indicator_id FROM indicators").fetchall():
        notes = cell_notes(wh, ind)
        cells = {k for k, n in notes.items() if n[NOTES.index("rounded_count")]}
        assert not any(notes[k][NOTES.index("rounded_zero")] for k in cells), ind
        assert all(code.startswith("GM") for code, _ in cells), ind
        zeros[ind] = sum(n[NOTES.index("rounded_zero")] for n in notes.values())
        if cells:
            counts[ind] = len(cells)
            places |= {code for code, _ in cells}
    three = {"demolition_per_1000_dwellings": 2637, "new_construction_per_1000_dwellings": 1069,
             "dwelling_stock_growth_per_1000": 1061}
    assert {i: counts[i] for i in three} == three
    assert [counts[i] + zeros[i] for i in three] == [3470, 1173, 1129]
    assert sum(counts.values()) == 6663 and len(places) == 339
    methods = dict(wh.execute("SELECT indicator_id, method FROM indicators").fetchall())
    assert all(methods[i] != "count" for i in counts)


@pytest.fixture(scope="module")
def web(warehouse_path):
    wh = WebWarehouse(warehouse_path)
    yield wh
    wh.close()


@pytest.mark.parametrize("indicator_id", [DEMOLITION, "job_ratio"])
def test_the_ranking_page_and_the_data_mark_the_same_figures(web, client,
                                                             indicator_id) -> None:
    """All municipalities of 2023: the page's bracket says 'berekend uit afgerond aantal'
    for exactly the figures whose ranking CSV and download say 'rounded_count'."""
    view = ranking.ranked(web, indicator_id, 2023, ranking.ALL, None, "rang", False, "nl")
    page = {r["region_code"] for r in view["rows"] if WORD in (r.get("marks") or "")}
    assert page  # demolitions: Deventer among them; jobs: Schiermonnikoog, Vlieland, ...
    ranked = _csv(client, f"/ranglijst/download.csv?indicator={indicator_id}&year=2023")
    assert set(ranked[ranked.notes.str.contains("rounded_count")].region_code) == page
    frame = _csv(client, f"/api/v1/download/{indicator_id}.csv")
    download = frame[(frame.year == 2023) & frame.notes.str.contains("rounded_count")]
    assert set(download.region_code) == page


def test_the_map_values_and_show_mark_what_the_download_marks(client, warehouse_path,
                                                              cli_run) -> None:
    """``/indicators/{id}/values`` (the map's data) and ``stadstrends show --format csv``
    carry ``rounded_count`` as the download's notes do: they had no such field, so Deventer's
    demolitions of 2023 came without the mark its report prints."""
    import csv

    frame = _csv(client, f"/api/v1/download/{DEMOLITION}.csv")
    marked = frame[frame.notes.str.contains("rounded_count")]
    body = client.get(f"/api/v1/indicators/{DEMOLITION}/values?year=2023").json()
    on_map = {r["region_code"] for r in body["values"] if r["rounded_count"]}
    assert DEVENTER in on_map and on_map == set(marked[marked.year == 2023].region_code)
    out = cli_run("show", "Deventer", DEMOLITION, "--format", "csv", "--db",
                  str(warehouse_path))  # in this process (tests/conftest.py)
    assert out.returncode == 0, out.stderr
    shown = {int(r["year"]) for r in csv.DictReader(io.StringIO(out.stdout))
             if r["rounded_count"] == "true"}
    assert 2023 in shown and shown == set(marked[marked.region_code == DEVENTER].year)
