"""Live mode fetches CBS tables from OData and reads non-CBS inputs from the snapshot."""

from __future__ import annotations

import pytest

from stadstrends.errors import SourceError
from stadstrends.ingest import odata
from stadstrends.ingest.sources import is_cbs_table, table_reader


def test_cbs_table_ids():
    assert all(is_cbs_table(t) for t in ["83648NED", "37259eng", "60039fvw", "37610"])
    assert not any(is_cbs_table(t) for t in ["kwb2019", "commuting_matrix_2010", "x"])


def test_live_reader_routes_by_table_kind(monkeypatch, tmp_path, shared_data):
    fetched = []
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(shared_data))
    monkeypatch.setattr(odata, "fetch_table", lambda client, t: fetched.append(t) or t)
    read, reference, origin = table_reader(None, cache_dir=tmp_path)
    assert origin == "odata" and reference == shared_data
    assert read("83648NED") == "83648NED" and fetched == ["83648NED"]
    kwb = read("kwb2019")
    assert kwb.source.origin == "snapshot" and fetched == ["83648NED"]


def test_live_reader_without_snapshot_explains(monkeypatch, tmp_path):
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "nowhere"))
    read, _, _ = table_reader(None, cache_dir=tmp_path)
    with pytest.raises(SourceError, match="not a CBS OData table"):
        read("kwb2019")
