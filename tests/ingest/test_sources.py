"""Live mode: CBS tables and the region reference from OData; other inputs from a snapshot
folder when there is one, else left out with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stadstrends.ingest import odata_table
from stadstrends.ingest.sources import is_cbs_table, table_reader
from stadstrends.ingest.spec import SourceSpec

from .odata4_server import FakeCBS4
from .odata_server import FakeCBS
from .reference_from_snapshot import serve_reference


@pytest.fixture(scope="module")
def servers(shared_data: Path) -> Iterator[tuple[FakeCBS, FakeCBS4, dict[str, str]]]:
    v3, v4 = FakeCBS(shared_data), FakeCBS4(shared_data)
    urls = serve_reference(v3, shared_data)
    v3.start(), v4.start()
    yield v3, v4, urls
    v3.stop(), v4.stop()


@pytest.fixture
def live_env(servers, monkeypatch: pytest.MonkeyPatch) -> None:
    v3, v4, urls = servers
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("STADSTRENDS_ODATA_URL", v3.base_url)
    monkeypatch.setenv("STADSTRENDS_ODATA4_URL", v4.base_url)
    monkeypatch.setenv("STADSTRENDS_RVIG_URL", urls["rvig"])
    monkeypatch.setenv("STADSTRENDS_GEOMETRY_URL", urls["geometry"])


def test_cbs_table_ids():
    assert all(is_cbs_table(t) for t in ["83648NED", "37259eng", "60039fvw", "37610"])
    assert not any(is_cbs_table(t) for t in ["kwb2019", "commuting_matrix_2010", "x"])
    assert is_cbs_table(SourceSpec("03759ned", "v4"))


def test_live_reader_routes_by_table_kind(live_env, monkeypatch, tmp_path, shared_data):
    fetched = []
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(shared_data))
    monkeypatch.setattr(odata_table, "fetch_table", lambda client, t: fetched.append(t) or t)
    read, reference, origin = table_reader(None, cache_dir=tmp_path)
    assert origin == "odata" and reference == tmp_path / "reference"
    assert (reference / "cbs_statline_dump" / "herindeling" / "70739ned.csv").is_file()
    assert read("83648NED") == "83648NED" and fetched == ["83648NED"]
    kwb = read("kwb2019")
    assert kwb.source.origin == "snapshot" and fetched == ["83648NED"]
    houses = read(SourceSpec("83625NED", "v4", "Perioden ge '2025JJ00'"))
    assert houses.source.api == "v4" and set(houses.frame["period"]) == {"2025JJ00"}


def test_live_reader_without_snapshot_leaves_other_inputs_out(live_env, monkeypatch,
                                                              tmp_path):
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "nowhere"))
    read, _, _ = table_reader(None, cache_dir=tmp_path)
    kwb = read("kwb2019")
    assert kwb.frame.empty and kwb.measures == []
    assert kwb.source.completeness == "not read: no CBS OData table and no snapshot folder"
    assert kwb.source.completeness_code == "not_read"
