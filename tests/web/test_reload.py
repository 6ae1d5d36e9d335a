"""A running server picks up a rebuilt warehouse between requests, without a failed request
(copies of the synthetic warehouse: a small file)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

from stadstrends.publish.web.app import create_app

URL = "/api/v1/series?indicator=population&region=GM0193&from=2020&to=2020"


def _rebuilt_copy(source: Path, target: Path, factor: float, build_id: str) -> None:
    """``source`` as a new build: population of Zwolle times ``factor``, another build id."""
    shutil.copy(source, target)
    with duckdb.connect(str(target)) as con:
        con.execute("UPDATE indicator_results SET value = value * ? WHERE "
                    "indicator_id = 'population' AND region_code = 'GM0193'", [factor])
        con.execute("UPDATE build_info SET build_id = ?", [build_id])


def test_swapped_in_warehouse_is_served_without_failed_requests(synthetic_path, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(synthetic_path, db)
    app = create_app(db, warm=False, reload_every=0.05)
    statuses: list[int] = []
    values: list[float] = []
    try:
        with TestClient(app) as client:
            first = client.get(URL).json()["series"][0]["value"]
            _rebuilt_copy(synthetic_path, tmp_path / ".w.duckdb.new", 2.0, "b" * 32)
            stop = threading.Event()

            def hammer() -> None:
                while not stop.is_set():
                    response = client.get(URL)
                    statuses.append(response.status_code)
                    values.append(response.json()["series"][0]["value"])

            thread = threading.Thread(target=hammer)
            thread.start()
            time.sleep(0.3)
            os.replace(tmp_path / ".w.duckdb.new", db)  # what a build does at its end
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and (not values or values[-1] == first):
                time.sleep(0.05)
            time.sleep(0.3)
            stop.set()
            thread.join(timeout=30)
            assert app.state.wh.build_info["build_id"] == "b" * 32
            assert client.get("/", headers={"accept": "text/html"}).status_code == 200
    finally:
        app.state.reloader.stop()
        app.state.wh.close()
    assert statuses and set(statuses) == {200}
    assert set(values) == {first, first * 2.0}  # old build, then the new one; nothing else
    assert values.index(first * 2.0) > 0 and values[-1] == first * 2.0


def test_an_unreadable_new_file_is_skipped_and_the_old_one_served(synthetic_path, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(synthetic_path, db)
    app = create_app(db, warm=False, reload_every=None)
    try:
        with TestClient(app) as client:
            before = client.get(URL).json()
            old = tmp_path / "old.duckdb"
            shutil.copy(synthetic_path, old)
            with duckdb.connect(str(old)) as con:
                con.execute("ALTER TABLE build_info DROP COLUMN schema_version")
            os.replace(old, db)
            assert app.state.reloader.check() is False  # an older schema: not switched to
            assert client.get(URL).json() == before
    finally:
        app.state.wh.close()
