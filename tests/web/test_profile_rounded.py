"""The profile's numbers follow the one rule of every data output (``harmonised.as_data``:
counts and euros whole, '1 000 euro' one decimal, every other value to six significant
digits) in `stadstrends profile --format csv` and ``--format json`` and the API's /profile,
the same number in all three. They printed DuckDB's floats: Zwolle's ommeland unemployment
of 2024, 2.9652777777777777, is 2.96528 (real snapshot)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from stadstrends.publish.harmonised import _text, field_as_data
from stadstrends.publish.profile import city_signals

CODE = "GM0193"  # Zwolle, in its default group (the G40)


def _cli(db, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", CODE, *args,
                          "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _floats(obj, path=""):
    """(path, float) of every float in a JSON value."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _floats(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            yield from _floats(v, path + "[]")
    elif isinstance(obj, float):
        yield path, obj


@pytest.fixture(scope="module")
def outputs(warehouse_path, web_app):
    """The warehouse's signal rows of Zwolle, and its profile as CLI csv, CLI json, API."""
    import duckdb
    from fastapi.testclient import TestClient

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        raw = city_signals(con, CODE)
    with TestClient(web_app) as client:
        api = client.get(f"/api/v1/profile/{CODE}").json()
    return (raw, list(csv.DictReader(io.StringIO(_cli(warehouse_path, "--format", "csv")))),
            json.loads(_cli(warehouse_path, "--format", "json")), api)


def test_the_csv_gives_each_signal_number_by_the_rule(outputs):
    raw, rows, _, _ = outputs
    assert len(rows) == len(raw) > 20
    floats = [c for c in raw.columns if raw[c].dtype.kind == "f"]
    key = ("opgave_id", "indicator_id", "kind")  # rows of equal rank come in any order
    printed = {tuple(r[k] for k in key): r for r in rows}
    assert len(printed) == len(rows)
    noisy = 0
    for r in raw.to_dict("records"):
        row = printed[tuple(r[k] for k in key)]
        for col in floats:
            value = r[col]
            assert row[col] == _text(field_as_data(col, value, r["unit"])), (r, col, value)
            noisy += value == value and f"{value:.6g}" != repr(float(value))
    assert noisy > 200, noisy  # the premise: the warehouse's floats carry more digits


def test_json_and_api_give_the_same_numbers_by_the_rule(outputs):
    raw, _, cli, api = outputs
    for body in (cli, api):
        many = [(p, f) for p, f in _floats(body) if float(f"{f:.6g}") != f]
        assert not many, many[:5]  # no float with more than six significant digits
        sigs = {(o["id"], s["indicator_id"], s["kind"]): s
                for o in body["opgaven"] for s in o["top_signals"]}
        assert len(sigs) > 10
        for r in raw.to_dict("records"):
            shown = sigs.get((r["opgave_id"], r["indicator_id"], r["kind"]))
            for col in ("value", "first_value", "change", "median", "p25", "p75",
                        "ommeland_value", "gap", "rel_change", "slope", "p_value", "robust_z",
                        "strength") if shown else ():
                want = field_as_data(col, r[col], r["unit"])
                assert shown[col] == (None if want != want else want), (col, r[col])


def test_zwolle_s_ommeland_unemployment(outputs):
    """The case above, in all three outputs."""
    raw, rows, cli, api = outputs
    row = raw[(raw.indicator_id == "unemployment_rate") & (raw.kind == "trend")].iloc[0]
    assert repr(float(row.ommeland_value)) == "2.9652777777777777"
    assert {r["ommeland_value"] for r in rows if r["indicator_id"] == "unemployment_rate"
            and r["kind"] == "trend"} == {"2.96528"}
    for body in (cli, api):
        assert {s["ommeland_value"] for o in body["opgaven"] for s in o["top_signals"]
                if s["indicator_id"] == "unemployment_rate" and s["kind"] == "trend"} == {
            2.96528}
