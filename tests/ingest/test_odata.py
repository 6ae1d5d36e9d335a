"""The live CBS OData loader against a local server replaying recorded CBS responses."""

from __future__ import annotations

import hashlib
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pandas as pd
import pytest

from stadstrends.errors import (
    MalformedSource,
    SourceError,
    SourceUnavailable,
    StadstrendsError,
    TableNotFound,
)
from stadstrends.ingest import cache as cache_module
from stadstrends.ingest import http as http_module
from stadstrends.ingest.cache import ResponseCache
from stadstrends.ingest.cells import to_float
from stadstrends.ingest.normalise import OBSERVATION_COLUMNS, to_observations
from stadstrends.ingest.odata import ODataClient
from stadstrends.ingest.odata_table import classify_properties, fetch_table

from .odata_server import FakeCBS


@pytest.fixture(scope="module")
def server(shared_data: Path) -> Iterator[FakeCBS]:
    fake = FakeCBS(shared_data).start()
    yield fake
    fake.stop()


@pytest.fixture
def cbs(server: FakeCBS) -> FakeCBS:
    server.reset()
    return server


@pytest.fixture
def client(cbs: FakeCBS, tmp_path: Path) -> Iterator[ODataClient]:
    with ODataClient(cbs.base_url, cache_dir=tmp_path / "cache", backoff=0.01) as c:
        yield c


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- metadata ---------------------------------------------------------------------------


def test_metadata_endpoints(client: ODataClient, cbs: FakeCBS) -> None:
    service = client.get_json(f"{cbs.base_url}/80137ned?$format=json")
    assert [v["name"] for v in service["value"]][:4] == [
        "TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties"]
    info = client.table_infos("80137ned")
    assert info["Identifier"] == "80137ned"
    assert info["Title"] == "Arbeidsrekeningen; leeftijd en opleidingsniveau"
    assert info["Modified"] == "2009-07-10T02:00:00"
    props = client.data_properties("80137ned")
    assert len(props) == 19 and props[2]["Type"] == "TimeDimension"
    periods = client.dimension("80137ned", "Perioden")
    assert [(p["Key"], p["Status"]) for p in periods][0] == ("2001JJ00", "Definitief")
    assert len(periods) == 5


def test_kwb_metadata_classification(client: ODataClient) -> None:
    assert client.table_infos("85984NED")["Modified"] == "2025-03-27T02:00:00"
    plan = classify_properties(client.data_properties("85984NED"))
    assert plan.region == "WijkenEnBuurten"  # a GeoDetail counts as the region column
    assert plan.period is None and plan.dimensions == []
    assert len(plan.measures) == 123  # 102 Long + 21 Double topics
    assert len(plan.text_topics) == 5 and "Codering_3" in plan.text_topics
    assert "AantalInwoners_5" in plan.measures and plan.units["AantalInwoners_5"]


# -- paging and fetch_table -------------------------------------------------------------


def test_paging_follows_next_link(client: ODataClient, cbs: FakeCBS) -> None:
    rows = client.typed_dataset("83599NED", dataset="UntypedDataSet")
    assert len(rows) == 15_504
    assert [row["ID"] for row in rows] == list(range(15_504))
    assert len(cbs.requests) == 2
    assert parse_qs(urlsplit(cbs.requests[1]).query)["$skip"] == ["10000"]


def test_next_link_loop_is_malformed(client: ODataClient, cbs: FakeCBS) -> None:
    url = cbs.url("LOOP1", "TypedDataSet")
    cbs.routes[cbs.path("LOOP1", "TypedDataSet")] = json.dumps(
        {"value": [{"ID": 0}], "odata.nextLink": url}).encode()
    with pytest.raises(MalformedSource, match="loops back"):
        client.typed_dataset("LOOP1")


def test_fetch_table_typed(client: ODataClient, cbs: FakeCBS, shared_data: Path) -> None:
    table = fetch_table(client, "80137ned")
    assert table.dimensions == ["Persoonskenmerken", "BedrijfstakkenSBI93"]
    assert len(table.measures) == 12 and table.measures[0] == "Totaal_1"
    assert len(table.frame) == 675
    assert table.frame["region_code"].isna().all()  # the table has no region dimension
    first = table.frame.iloc[0]
    # dimension keys ('1 ', padded) become their labels, as in the snapshot exports
    assert (first["Persoonskenmerken"], first["period"]) == ("Totaal", "2001JJ00")
    assert first["Totaal_1"] == 8811.0 and table.frame["Totaal_1"].dtype == float
    assert table.period_status == {f"{y}JJ00": "definitief" for y in range(2001, 2006)}
    assert table.units["Totaal_1"] == "1 000 banen"
    body = (shared_data / "cbs_odata_fixtures" / "meta_8.json").read_bytes()
    src = table.source
    assert (src.table_id, src.origin, src.completeness) == ("80137ned", "odata", "complete")
    assert src.location == cbs.url("80137ned", "TypedDataSet")
    assert src.sha256 == hashlib.sha256(body).hexdigest()
    assert src.modified == "2009-07-10T02:00:00"
    assert src.rows_read == src.rows_kept == 675
    observations = to_observations(table)  # works, but has no region rows to keep
    assert list(observations.columns) == OBSERVATION_COLUMNS and observations.empty


def test_fetch_table_untyped_regional(client: ODataClient) -> None:
    table = fetch_table(client, "83599NED", dataset="UntypedDataSet")
    frame = table.frame
    assert len(frame) == 15_504 and table.source.rows_read == 15_504
    assert {"NL01", "PV23"} <= set(frame["region_code"])
    assert not frame["region_code"].str.contains(" ").any()
    assert frame.loc[0, "OpenstaandeVacatures_1"] == 135.5  # from '   135.5'
    # key "300010 " (padded) is stripped, then replaced by its label from the code list
    assert frame["BedrijfstakkenBranchesSBI2008"].iloc[10_000] == "Sector 300010"
    assert table.period_status == {}  # the Perioden answer carries no Status
    obs = to_observations(table)
    assert len(obs) == 15_504
    assert obs.loc[0, "year"] == 2011 and obs.loc[0, "period_type"] == "quarter"
    blank = frame["OpenstaandeVacatures_1"].isna().sum()
    assert blank > 0 and (obs["status"] == "missing").sum() == blank  # '' -> NaN -> missing


def test_fetch_table_select_and_filter(client: ODataClient, cbs: FakeCBS) -> None:
    table = fetch_table(client, "80137ned", filter="Persoonskenmerken eq '1 '",
                        select=["Totaal_1"])
    assert table.measures == ["Totaal_1"]
    assert list(table.frame.columns) == [
        "region_label", "region_code", "period", "Persoonskenmerken", "BedrijfstakkenSBI93",
        "Totaal_1"]
    data_request = [r for r in cbs.requests if "/TypedDataSet" in r][0]
    query = parse_qs(urlsplit(data_request).query)
    assert query["$filter"] == ["Persoonskenmerken eq '1 '"]
    assert query["$select"] == ["Perioden,Persoonskenmerken,BedrijfstakkenSBI93,Totaal_1"]


def test_missing_measure_is_malformed(client: ODataClient, cbs: FakeCBS) -> None:
    with pytest.raises(MalformedSource, match="measure Bestaatniet_9 not in table 80137ned") as e:
        fetch_table(client, "80137ned", select=["Bestaatniet_9"])
    assert "Totaal_1" in e.value.hint
    assert cbs.count("80137ned", "TypedDataSet") == 0
    with pytest.raises(MalformedSource, match="not numeric"):
        fetch_table(client, "85984NED", select=["Codering_3"])


def test_to_float_handles_cbs_strings() -> None:
    values = to_float(pd.Series(["   12  ", ".", "", "x", None, "1.5", "  -3"]))
    assert values.dtype == float
    assert values.iloc[[0, 5, 6]].tolist() == [12.0, 1.5, -3.0]
    assert values.iloc[1:5].isna().all()


# -- cache ------------------------------------------------------------------------------


def test_cache_reuse_refresh_and_manifest(cbs: FakeCBS, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    with ODataClient(cbs.base_url, cache_dir=cache_dir) as first:
        table = fetch_table(first, "80137ned")
    sent = len(cbs.requests)
    assert sent == 6  # TableInfos, DataProperties, TypedDataSet, 2 dimension lists, Perioden
    with ODataClient(cbs.base_url, cache_dir=cache_dir) as second:
        again = fetch_table(second, "80137ned")
    assert len(cbs.requests) == sent  # served entirely from the cache
    assert again.source.sha256 == table.source.sha256
    assert again.source.retrieved_at == table.source.retrieved_at
    pd.testing.assert_frame_equal(again.frame, table.frame)

    entries = ResponseCache(cache_dir).entries()
    data_url = cbs.url("80137ned", "TypedDataSet")
    entry = entries[data_url]
    body = (cache_dir / entry.file).read_bytes()
    assert entry.file == hashlib.sha256(data_url.encode()).hexdigest() + ".json"
    assert entry.sha256 == hashlib.sha256(body).hexdigest() == table.source.sha256
    assert entry.modified == "2009-07-10T02:00:00"
    assert entry.retrieved_at.endswith("Z") and entry.retrieved_at[:4].isdigit()
    manifest = json.loads((cache_dir / "manifest.json").read_text())
    assert {"url", "file", "retrieved_at", "sha256", "modified"} <= set(
        manifest["entries"][data_url])

    with ODataClient(cbs.base_url, cache_dir=cache_dir, refresh=True) as fresh:
        fetch_table(fresh, "80137ned")
        assert len(cbs.requests) == 2 * sent  # refetched everything once ...
        fresh.table_infos("80137ned")
        assert len(cbs.requests) == 2 * sent  # ... and only once per client


def test_corrupt_cache_file_is_refetched(cbs: FakeCBS, client: ODataClient) -> None:
    info = client.table_infos("80137ned")
    entry = client.cache.entries()[cbs.url("80137ned", "TableInfos")]
    path = client.cache.directory / entry.file
    path.write_bytes(b'{"value": [{"Title": "tampered"}]}')
    with ODataClient(cbs.base_url, cache_dir=client.cache.directory) as other:
        assert other.table_infos("80137ned") == info
    assert cbs.count("80137ned", "TableInfos") == 2
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256


def test_interrupted_write_leaves_no_partial_file(
    client: ODataClient, cbs: FakeCBS, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        client.table_infos("80137ned")
    monkeypatch.undo()
    directory = client.cache.directory
    assert list(directory.iterdir()) == []  # no temp file, no half body, no manifest
    assert client.table_infos("80137ned")["Identifier"] == "80137ned"
    assert len(client.cache.entries()) == 1


# -- failures ---------------------------------------------------------------------------


def test_retries_5xx_then_succeeds(client: ODataClient, cbs: FakeCBS) -> None:
    cbs.fail("80137ned", "TableInfos", [500, 503])
    assert client.table_infos("80137ned")["Identifier"] == "80137ned"
    assert cbs.count("80137ned", "TableInfos") == 3


def test_repeated_5xx_is_unavailable(client: ODataClient, cbs: FakeCBS) -> None:
    cbs.fail("80137ned", "TableInfos", [500] * 10)
    url = cbs.url("80137ned", "TableInfos")
    with pytest.raises(SourceUnavailable) as e:
        client.table_infos("80137ned")
    assert url in e.value.message and "HTTP 500" in e.value.message
    assert "--snapshot" in e.value.hint
    assert cbs.count("80137ned", "TableInfos") == 4  # 1 + retries=3
    assert client.cache.entries() == {}


def test_404_is_table_not_found_without_retry(client: ODataClient, cbs: FakeCBS) -> None:
    with pytest.raises(TableNotFound, match="'99999XYZ'") as e:
        fetch_table(client, "99999XYZ")
    assert e.value.hint and "catalogue" in e.value.hint
    assert len(cbs.requests) == 1


def test_other_4xx_is_not_retried(tmp_path: Path) -> None:
    calls: list[httpx.Request] = []

    def reject(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(400, text="bad $filter")

    with ODataClient(cache_dir=tmp_path, transport=httpx.MockTransport(reject)) as client:
        with pytest.raises(SourceError, match="HTTP 400") as e:
            client.typed_dataset("80137ned", filter="nonsense eq")
    assert not isinstance(e.value, SourceUnavailable) and len(calls) == 1
    assert "$filter=nonsense%20eq" in str(calls[0].url)


def test_timeout_is_unavailable_quickly(cbs: FakeCBS, tmp_path: Path) -> None:
    cbs.delays[cbs.path("80137ned", "TableInfos")] = 2.0
    client = ODataClient(cbs.base_url, cache_dir=tmp_path, timeout=0.2, retries=1, backoff=0.01)
    start = time.monotonic()
    with pytest.raises(SourceUnavailable, match="timed out"):
        client.table_infos("80137ned")
    assert time.monotonic() - start < 1.5
    assert cbs.count("80137ned", "TableInfos") == 2


@pytest.mark.parametrize(
    "body", [None, b"<html>Service Unavailable</html>", b'{"odata.metadata": "x"}'],
    ids=["truncated", "not-json", "no-value"])
def test_malformed_responses(
    client: ODataClient, cbs: FakeCBS, shared_data: Path, body: bytes | None
) -> None:
    if body is None:
        body = (shared_data / "cbs_odata_fixtures" / "meta_7.json").read_bytes()[:3000]
    cbs.routes[cbs.path("BROKEN1", "DataProperties")] = body
    with pytest.raises(MalformedSource) as e:
        client.data_properties("BROKEN1")
    assert cbs.url("BROKEN1", "DataProperties") in e.value.message
    assert isinstance(e.value, StadstrendsError) and e.value.hint
    assert client.cache.entries() == {}  # a bad body is never cached


def test_connection_refused_fails_fast(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{_unused_port()}/ODataFeed/odata"
    start = time.monotonic()
    with pytest.raises(SourceUnavailable) as e:
        ODataClient(base, cache_dir=tmp_path, backoff=0.05).table_infos("80137ned")
    assert time.monotonic() - start < 3
    assert base in e.value.message and "ConnectError" in e.value.message
    assert "stadstrends build --snapshot DIR" in e.value.hint


def test_default_backoff_total_is_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(http_module.time, "sleep", sleeps.append)
    base = f"http://127.0.0.1:{_unused_port()}/ODataFeed/odata"
    with pytest.raises(SourceUnavailable):
        ODataClient(base, cache_dir=tmp_path).table_infos("80137ned")
    assert sleeps == [0.5, 1.0, 2.0]  # exponential, 3.5 s in total with the defaults


def _rows(n: int, start: int = 0) -> list[dict]:
    return [{"ID": i, "RegioS": "GM0363", "Perioden": "2019JJ00"} for i in range(start, n)]


def test_a_full_page_without_next_link_is_not_taken_as_complete(
        client: ODataClient, cbs: FakeCBS) -> None:
    # 10 000 rows and no odata.nextLink: the client asks for the rest with $skip
    route = cbs.path("FULL1", "TypedDataSet")
    cbs.routes[route] = json.dumps({"value": _rows(10_000)}).encode()
    cbs.routes[route + "?$skip=10000"] = json.dumps({"value": _rows(10_030, 10_000)}).encode()
    rows = client.typed_dataset("FULL1")
    assert [r["ID"] for r in rows] == list(range(10_030))
    assert cbs.count("FULL1", "TypedDataSet") == 2
    # a server that ignores $skip is reported, not read as 10 000 rows
    route = cbs.path("FULL2", "TypedDataSet")
    cbs.routes[route] = cbs.routes[route + "?$skip=10000"] = json.dumps(
        {"value": _rows(10_000)}).encode()
    with pytest.raises(MalformedSource, match="ignores \\$skip"):
        client.typed_dataset("FULL2")


def test_a_body_cut_short_without_content_length_is_retried(
        client: ODataClient, cbs: FakeCBS) -> None:
    cbs.cut_short("80137ned", "TableInfos", times=1)
    info = client.table_infos("80137ned")
    assert info["Identifier"] == "80137ned"
    assert cbs.count("80137ned", "TableInfos") == 2


def test_untyped_dot_and_x_cells_are_absent_with_their_status(
        client: ODataClient, cbs: FakeCBS) -> None:
    for endpoint in ("DataProperties", "TableInfos", "Perioden", "BedrijfstakkenBranchesSBI2008"):
        cbs.routes[cbs.path("DOTS1", endpoint)] = cbs.routes[cbs.path("83599NED", endpoint)]
    page = json.loads(cbs.routes[cbs.path("83599NED", "UntypedDataSet")])
    rows = [r for r in page["value"][:200] if r["RegioS"].strip() == "NL01"][:3]
    rows[0]["OpenstaandeVacatures_1"], rows[1]["OpenstaandeVacatures_1"] = "   .", "x"
    cbs.routes[cbs.path("DOTS1", "UntypedDataSet")] = json.dumps({"value": rows}).encode()
    table = fetch_table(client, "DOTS1", dataset="UntypedDataSet")
    statuses = to_observations(table)["status"].tolist()
    assert statuses[:2] == ["onbekend", "geheim"] and statuses[2] != "missing"
