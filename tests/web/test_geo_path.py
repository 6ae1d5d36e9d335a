"""The site's municipal map reads the boundaries of the snapshot the warehouse was built from
(``build_info.snapshot``) before those of the default folder next to the checkout, as the
report's maps and the wijk map do: a warehouse built from another snapshot drew the default
folder's boundaries whenever that folder had a file."""

from __future__ import annotations

import json
from pathlib import Path

from stadstrends.publish import maps
from stadstrends.publish.web import geo

SQUARE = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"gemeentecode": "GM0001", "gemeentenaam": "Vierkant"},
    "geometry": {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5.1, 52.1],
                                                     [5, 52.1], [5, 52]]]}}]}


def _snapshot(root: Path) -> Path:
    (root / geo.GEO_FILE).parent.mkdir(parents=True)
    (root / geo.GEO_FILE).write_text(json.dumps(SQUARE), encoding="utf-8")
    return root


def test_the_builds_snapshot_wins_over_the_default_folder(tmp_path, monkeypatch) -> None:
    default = _snapshot(tmp_path / "default")
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(default))
    other = _snapshot(tmp_path / "other")
    assert geo.geo_path(other) == other / geo.GEO_FILE
    assert geo.geo_path(str(other)) == maps.geojson_path(str(other))  # as the report's maps
    # a build without a boundaries file, or without a recorded snapshot: the default folder
    assert geo.geo_path(tmp_path / "empty") == default / geo.GEO_FILE
    assert geo.geo_path(None) == default / geo.GEO_FILE
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "none"))
    assert geo.geo_path(None) is None and geo.geo_path(other) == other / geo.GEO_FILE


def test_the_site_draws_the_builds_boundaries(tmp_path, monkeypatch, synthetic_path) -> None:
    """The app's map (``/api/v1/geo/gemeenten``) serves the snapshot recorded in the
    warehouse's ``build_info`` even where the default folder has another file."""
    import duckdb
    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(_snapshot(tmp_path / "default")))
    other = tmp_path / "other"
    (other / geo.GEO_FILE).parent.mkdir(parents=True)
    renamed = {**SQUARE, "features": [{**SQUARE["features"][0], "properties": {
        "gemeentecode": "GM0002", "gemeentenaam": "Ander"}}]}
    (other / geo.GEO_FILE).write_text(json.dumps(renamed), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    db.write_bytes(Path(synthetic_path).read_bytes())
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE build_info SET snapshot = ?", [str(other)])
    app = create_app(db, tmp_path, warm=False)
    try:
        body = TestClient(app).get("/api/v1/geo/gemeenten.geojson").json()
        assert [f["properties"] for f in body["features"]] == [
            {"code": "GM0002", "name": "Ander"}]
    finally:
        app.state.wh.close()


def _warehouse(synthetic_path: Path, path: Path, snapshot: Path, build_id: str) -> Path:
    """A copy of the synthetic warehouse recording ``snapshot`` and ``build_id``."""
    import duckdb

    path.write_bytes(Path(synthetic_path).read_bytes())
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE build_info SET snapshot = ?, build_id = ?", [str(snapshot), build_id])
    return path


def _square(root: Path, code: str, name: str) -> Path:
    """A snapshot folder whose boundaries file holds one square named ``code``, ``name``."""
    (root / geo.GEO_FILE).parent.mkdir(parents=True, exist_ok=True)
    feature = {**SQUARE["features"][0], "properties": {"gemeentecode": code,
                                                       "gemeentenaam": name}}
    (root / geo.GEO_FILE).write_text(json.dumps({**SQUARE, "features": [feature]}),
                                     encoding="utf-8")
    return root


def test_the_map_follows_the_warehouse_swapped_in(tmp_path, monkeypatch, synthetic_path):
    """A warehouse rebuilt from another snapshot while the site runs (``reload.py`` swaps it
    in): the map draws the new build's boundaries, as its wijk maps and the reports do. It
    kept drawing those of the build the server started with (``app.state.geo_path``, read
    once); a boundaries file replaced in the same folder is read again too."""
    import os

    from fastapi.testclient import TestClient

    from stadstrends.publish.web.app import create_app

    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "none"))
    first, second = _square(tmp_path / "a", "GM0001", "Eerst"), _square(tmp_path / "b",
                                                                          "GM0002", "Daarna")
    db = _warehouse(synthetic_path, tmp_path / "w.duckdb", first, "build-1")
    app = create_app(db, tmp_path, warm=False, reload_every=None)

    def drawn() -> list[str]:
        answer = TestClient(app).get("/api/v1/geo/gemeenten.geojson")
        assert answer.status_code == 200, answer.text
        return [f["properties"]["code"] for f in answer.json()["features"]]

    try:
        assert drawn() == ["GM0001"]
        os.replace(_warehouse(synthetic_path, tmp_path / "new.duckdb", second, "build-2"), db)
        assert app.state.reloader.check()
        assert app.state.wh.build_info["snapshot"] == str(second)
        assert drawn() == ["GM0002"]
        # the same folder's file replaced (another PDOK download) and built again
        _square(second, "GM0003", "Opnieuw")
        os.replace(_warehouse(synthetic_path, tmp_path / "new.duckdb", second, "build-3"), db)
        assert app.state.reloader.check()
        assert drawn() == ["GM0003"]
    finally:
        app.state.wh.close()
