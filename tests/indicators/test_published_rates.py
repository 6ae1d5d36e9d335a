"""A rate per 1 000 inhabitants is CBS's published one where the table publishes it, not
Stadstrends' quotient of the count CBS rounds to fives (real snapshot): Wmo clients of
86050NED, Schiermonnikoog 2023 53 (CBS) where 50 clients / 982 inhabitants gave 50,9;
Rozendaal 30 (was 31,4), Vlieland 57 (was 58,1). Nederland is CBS's own row (70)."""

from __future__ import annotations

import csv
from pathlib import Path

from stadstrends.indicators.catalogue import load_catalogue

WMO = "wmo_clients_per_1000"
TABLE = "cbs_statline_dump/municipal_total_slice/86050NED.csv"


def _published(shared_data: Path) -> dict[tuple[str, int], float]:
    """(region label, year) -> WmoClientenPer1000Inwoners_2 of the whole-year 'Totaal' rows."""
    out = {}
    with open(shared_data / TABLE, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f, delimiter=";"):
            if r["TypeMaatwerkvoorziening"] == "Totaal" and r["Perioden"].isdigit() \
                    and r["WmoClientenPer1000Inwoners_2"]:
                out[r["RegioS"], int(r["Perioden"])] = float(r["WmoClientenPer1000Inwoners_2"])
    return out


def test_small_municipalities_show_cbs_own_wmo_rate(wh, shared_data) -> None:
    got = dict(wh.execute("SELECT region_code, value FROM indicator_values WHERE indicator_id "
                          "= ? AND year = 2023 AND region_code IN ('GM0088', 'GM0277', "
                          "'GM0096', 'NL01')", [WMO]).fetchall())
    assert got == {"GM0088": 53.0, "GM0277": 30.0, "GM0096": 57.0, "NL01": 70.0}, got


def test_every_unmerged_municipality_is_cbs_figure_in_2023(wh, shared_data) -> None:
    """All 336 municipalities of 2023 (none merged since) carry the figure of 86050NED."""
    cbs = _published(shared_data)
    labels = dict(wh.execute("SELECT DISTINCT region_code, region_label FROM observations "
                             "WHERE table_id = '86050NED' AND year = 2023").fetchall())
    rows = wh.execute("SELECT region_code, value FROM indicator_values WHERE indicator_id = ? "
                      "AND year = 2023 AND region_code LIKE 'GM%' AND value IS NOT NULL",
                      [WMO]).fetchall()
    assert len(rows) == 336
    off = [(c, v, cbs.get((labels.get(c), 2023))) for c, v in rows
           if cbs.get((labels.get(c), 2023)) != v]
    assert not off, off[:5]


def test_no_ratio_divides_a_rounded_count_whose_rate_cbs_publishes(shared_data) -> None:
    """Unit rule over the catalogue: an indicator per 1 000 inhabitants that divides a count
    (method ratio) reads no table that publishes that count per 1 000 inhabitants itself
    (``<count>Per1000Inwoners``, as 86050NED and 83262NED do for Wmo clients, 83648NED for
    crimes); such a table's rate is a ``weighted_mean`` of CBS's figure."""
    headers = {p.stem.lower(): open(p, encoding="utf-8-sig").readline().strip().split(";")
               for p in (shared_data / "cbs_statline_dump").rglob("*.csv")}
    wrong = []
    for ind in load_catalogue().indicators:
        if ind.method != "ratio" or ind.unit != "per 1 000 inwoners":
            continue
        for part in ind.numerator:
            stem = part.measure.rsplit("_", 1)[0]
            rates = [c for c in headers.get(str(part.table).lower(), [])
                     if c.startswith(stem + "Per1000")]
            if rates:
                wrong.append((ind.id, part.table, part.measure, rates))
    assert not wrong, wrong

