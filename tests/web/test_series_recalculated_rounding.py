"""A recalculated figure (Stadstrends' estimate for today's boundaries) is given no more
precisely in the API's /series than in the download (real snapshot): Amsterdam's population
of 1999 with Weesp, 746148.9695 in the warehouse, was ``"value": 746148.9695003155`` in
/series while /download/population.csv gives 746149 (:func:`~stadstrends.publish.harmonised.
as_downloaded`, one rounding for both; `show`: tests/commands/test_show_recalculated.py)."""

from __future__ import annotations

import io

import pandas as pd

from stadstrends.publish.harmonised import as_downloaded


def test_series_rounds_a_recalculated_figure_as_the_download(client, wh) -> None:
    raw = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = 'population' "
                     "AND region_code = 'GM0363' AND year = 1999").fetchone()[0]
    assert raw != round(raw)  # the premise: an estimate with decimals
    body = client.get("/api/v1/series", params={
        "indicator": "population", "region": "GM0363", "to": "2001"}).json()
    rows = {r["year"]: r for r in body["series"]}
    assert rows[1999]["recalculated"] and rows[1999]["value"] == 746149
    assert isinstance(rows[1999]["value"], int)
    download = pd.read_csv(io.StringIO(client.get("/api/v1/download/population.csv").text),
                           keep_default_na=False)
    got = download[(download.region_code == "GM0363") & (download.year <= 2001)]
    assert {int(r.year): r.value for r in got.itertuples()} == {
        y: r["value"] for y, r in rows.items()}
    assert as_downloaded(raw, "inwoners") == 746149


def test_a_recalculated_share_keeps_six_significant_digits(client, wh) -> None:
    """Leeuwarden's thefts per 1 000 of 2010 (recalculated): six significant digits, as
    every download format (harmonised.as_downloaded)."""
    raw = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                     "'thefts_per_1000' AND region_code = 'GM0080' AND year = 2010"
                     ).fetchone()[0]
    body = client.get("/api/v1/series", params={
        "indicator": "thefts_per_1000", "region": "GM0080", "to": "2010"}).json()
    row = next(r for r in body["series"] if r["year"] == 2010)
    assert row["recalculated"] and row["value"] == float(f"{raw:.6g}") != raw
