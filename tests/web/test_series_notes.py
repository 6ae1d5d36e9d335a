"""The API's series rows and the CSV downloads say, as codes, which values are not simply
CBS's (real snapshot): ``recalculated`` (Leeuwarden's thefts of 2010-2017, recalculated for
today's boundaries), ``recomputed`` (the same years but 2014, divided from CBS's rounded
count; Schiermonnikoog's crimes every year) and ``left_out`` (Nederland's social housing
share of 2017 leaves out Ameland, Terschelling, Renswoude, Koggenland, Opmeer and Voorne
aan Zee: ``region_left_out``). Before, the rows carried none of these fields.
"""

from __future__ import annotations

import io

import pandas as pd

from stadstrends.publish.harmonised import marked_years

CITY = "GM0080"


def test_series_rows_carry_recalculated_recomputed_left_out(client, wh):
    body = client.get("/api/v1/series", params={
        "indicator": "thefts_per_1000", "region": "GM0080,GM0088,GM0193"}).json()
    rows = {(r["region_code"], r["year"]): r for r in body["series"]}
    own, quotients = marked_years(wh, CITY, "harmonised"), marked_years(wh, CITY, "recomputed")
    for (code, year), r in rows.items():
        assert set(r) >= {"provisional", "source_tables", "recalculated", "recomputed",
                          "left_out"}
        if code == CITY:
            assert r["recalculated"] == (year in own["thefts_per_1000"])
            assert r["recomputed"] == (year in quotients["thefts_per_1000"])
        assert r["left_out"] == []
    assert rows[CITY, 2010]["recalculated"] and rows[CITY, 2010]["recomputed"]
    assert rows[CITY, 2014]["recalculated"] and not rows[CITY, 2014]["recomputed"]
    assert not rows[CITY, 2024]["recalculated"] and not rows[CITY, 2024]["recomputed"]
    assert not any(r["recalculated"] or r["recomputed"]
                   for (c, _), r in rows.items() if c == "GM0193")  # Zwolle: CBS's own
    nl = client.get("/api/v1/series", params={
        "indicator": "social_housing_share", "region": "NL01,PV21,CR04"}).json()
    left = {(r["region_code"], r["year"]): r["left_out"] for r in nl["series"]}
    expected = dict(((c, int(y)), sorted(m)) for c, y, m in wh.execute(
        "SELECT region_code, year, members FROM region_left_out "
        "WHERE indicator_id = 'social_housing_share'").fetchall())
    assert {"GM0060", "GM0093", "GM0339"} <= set(left["NL01", 2017])
    assert left["CR04", 2024] == ["GM0060"] and left["CR04", 2017] == ["GM0060", "GM0093"]
    assert all(v == expected.get(k, []) for k, v in left.items())


def test_the_csv_download_has_a_notes_column(client, wh):
    text = client.get("/api/v1/download/thefts_per_1000.csv").text
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(frame.columns)[-1] == "notes"
    notes = {(r.region_code, r.year): r.notes for r in frame.itertuples()}
    assert notes[CITY, 2010] == "recalculated recomputed"
    assert notes[CITY, 2014] == "recalculated" and notes[CITY, 2024] == ""
    assert notes["GM0088", 2024] == "recomputed rounded_count"  # a coarse count too (h50i)
    n = wh.execute("SELECT count(*) FROM recomputed_cells WHERE indicator_id = "
                   "'thefts_per_1000'").fetchone()[0]
    assert sum("recomputed" in v for v in frame["notes"]) == n
    social = pd.read_csv(io.StringIO(client.get(
        "/api/v1/download/social_housing_share.csv").text), keep_default_na=False)
    cr04 = social[(social.region_code == "CR04") & (social.year == 2017)]["notes"].item()
    assert cr04 == "left_out:GM0060|GM0093"


def test_a_figure_on_a_count_rounded_to_zero_says_rounded_zero(client, wh):
    """Schiermonnikoog's new dwellings per 1 000 of 2023 (0 in 86054NED, rounded to fives):
    the API's row and the download's notes say ``rounded_zero``, not ``recomputed`` (session
    47; before, the rows had no such field and the page data called it recomputed)."""
    ind = "new_construction_per_1000_dwellings"
    body = client.get("/api/v1/series", params={"indicator": ind, "region": "GM0088"}).json()
    rows = {r["year"]: r for r in body["series"]}
    assert rows[2023]["rounded_zero"] and not rows[2023]["recomputed"]
    zeros = marked_years(wh, "GM0088", "rounded_zero")[ind]
    assert {y for y, r in rows.items() if r["rounded_zero"]} == zeros
    frame = pd.read_csv(io.StringIO(client.get(f"/api/v1/download/{ind}.csv").text),
                        keep_default_na=False)
    notes = {(r.region_code, r.year): r.notes for r in frame.itertuples()}
    assert notes["GM0088", 2023] == "rounded_zero"
    n = wh.execute("SELECT count(*) FROM rounded_zero_cells WHERE indicator_id = ?",
                   [ind]).fetchone()[0]
    assert sum(v == "rounded_zero" for v in frame["notes"]) == n == 104
