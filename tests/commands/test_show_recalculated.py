"""`stadstrends show` gives a recalculated figure as the download does (real snapshot):
Weesp's (Amsterdam's) population of 1999 for today's boundaries, 746148.9695 in the
warehouse, printed '746148.9695003155' in csv and json (:func:`~stadstrends.publish.
harmonised.as_downloaded`; the API: tests/web/test_series_recalculated_rounding.py)."""

from __future__ import annotations

import io
import json

import pandas as pd

from tests.commands.test_show_printed import show


def test_show_rounds_a_recalculated_figure_in_every_format(wh, warehouse_path) -> None:
    raw = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = 'population' "
                     "AND region_code = 'GM0363' AND year = 1999").fetchone()[0]
    assert raw != round(raw)
    frame = pd.read_csv(io.StringIO(show(warehouse_path, "Weesp", "population", "--format",
                                         "csv")))
    row = frame[frame.year == 1999].iloc[0]
    assert bool(row.harmonised) and row.value == 746149
    assert "746148.9" not in show(warehouse_path, "Weesp", "population", "--format", "csv")
    rows = json.loads(show(warehouse_path, "Weesp", "population", "--format", "json"))
    assert next(r for r in rows if r["year"] == 1999)["value"] == 746149
    # CBS's own figure of a year not recalculated is as stored
    own = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = 'population' "
                     "AND region_code = 'GM0363' AND year = 2024").fetchone()[0]
    assert frame[frame.year == 2024].iloc[0].value == own
