"""The CBS OData v4 client against a local server answering from the recorded v4 responses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from stadstrends.errors import MalformedSource, SourceError, SourceUnavailable, TableNotFound
from stadstrends.ingest import http as http_module
from stadstrends.ingest import odata4 as odata4_module
from stadstrends.ingest.cache import ResponseCache
from stadstrends.ingest.normalise import to_observations
from stadstrends.ingest.odata4 import ODataV4Client, fetch_table_v4

from .odata4_server import FakeCBS4

HOUSES = "83625NED"
POPULATION = "03759ned"
POP_FILTER = ("Geslacht eq 'T001038' and Leeftijd eq '10000' and BurgerlijkeStaat eq 'T001019'"
              " and startswith(RegioS,'GM') and Perioden ge '2024JJ00'")


@pytest.fixture(scope="module")
def server(shared_data: Path) -> Iterator[FakeCBS4]:
    fake = FakeCBS4(shared_data).start()
    yield fake
    fake.stop()


@pytest.fixture
def cbs(server: FakeCBS4) -> FakeCBS4:
    server.reset()
    return server


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry pauses the client asked for (not slept)."""
    asked: list[float] = []
    monkeypatch.setattr(http_module.time, "sleep", asked.append)
    return asked


@pytest.fixture
def client(cbs: FakeCBS4, tmp_path: Path, pauses: list[float]) -> Iterator[ODataV4Client]:
    with ODataV4Client(cbs.base_url, cache_dir=tmp_path / "cache", backoff=0.01) as c:
        yield c


def _obs_requests(cbs: FakeCBS4, table: str) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(r).query) for r in cbs.requests
            if urlsplit(r).path.lower().endswith(f"/{table.lower()}/observations")]


def test_metadata(client: ODataV4Client) -> None:
    props = client.properties(POPULATION)
    assert props["Identifier"] == "03759ned" and props["ObservationCount"] == 100_741_875
    assert props["Modified"] == "2026-06-23T00:00:00+02:00"
    kinds = {d["Identifier"]: d["Kind"] for d in client.dimensions(POPULATION)}
    assert kinds == {"BurgerlijkeStaat": "Dimension", "Geslacht": "Dimension",
                     "Leeftijd": "Dimension", "RegioS": "GeoDimension",
                     "Perioden": "TimeDimension"}
    assert {m["Identifier"] for m in client.measure_codes(POPULATION)} >= {"M000352", "M000365"}
    regions = client.codes(POPULATION, "RegioS")
    assert len(regions) == 892 and regions[0]["Identifier"] == "NL01"
    periods = client.codes(POPULATION, "Perioden")
    assert (periods[-1]["Identifier"], periods[-1]["Status"]) == ("2026JJ00", "Definitief")


def test_house_prices_paged_and_filtered(client: ODataV4Client, cbs: FakeCBS4) -> None:
    table = fetch_table_v4(client, HOUSES, filter="Perioden ge '2015JJ00'")
    assert table.source.table_id == "83625NED" and table.source.api == "v4"
    assert table.source.rows_read == 8195  # every recorded cell, over four pages
    obs_queries = _obs_requests(cbs, HOUSES)
    pages = [q for q in obs_queries if "$count" not in q]
    assert len(pages) == 4 and sorted(int(q.get("$skip", ["0"])[0]) for q in pages) == [
        0, 2500, 5000, 7500]
    assert all(q["$filter"] == ["Perioden ge '2015JJ00'"] for q in obs_queries)
    assert pages[0]["$select"] == ["Measure,ValueAttribute,Value,RegioS,Perioden"]
    frame = table.frame.set_index(["region_code", "period"])
    assert frame.loc[("GM0193", "2025JJ00"), "M001534"] == 450_913  # Zwolle
    assert table.units == {"M001534": "euro"} and table.dimensions == []
    gm = table.frame[table.frame["region_code"].str.startswith("GM", na=False)]
    assert gm.dropna(subset=["M001534"])["region_code"].nunique() == 414
    obs = to_observations(table)
    absent = obs[obs["value"].isna()]
    assert len(absent) == 4023 and set(absent["status"]) == {"impossible"}
    assert (obs["value"] == 0).sum() == 0  # absent is never 0
    assert set(obs.loc[obs["value"].notna(), "status"]) == {"definitief"}


def test_population_filter_answered_by_server(client: ODataV4Client, cbs: FakeCBS4) -> None:
    table = fetch_table_v4(client, POPULATION, filter=POP_FILTER, measures=["M000352"])
    sent = _obs_requests(cbs, POPULATION)[-1]["$filter"][0]
    assert sent == f"({POP_FILTER}) and (Measure eq 'M000352')"
    assert table.measures == ["M000352"]
    assert table.dimensions == ["BurgerlijkeStaat", "Geslacht", "Leeftijd"]
    assert set(table.frame["Geslacht"]) == {"T001038"}  # codes, not labels
    values = table.frame.dropna(subset=["M000352"])
    per_year = values.groupby("period")["region_code"].nunique().to_dict()
    assert per_year == {"2024JJ00": 342, "2025JJ00": 342, "2026JJ00": 342}
    utrecht = values.set_index(["region_code", "period"]).loc[("GM0344", "2025JJ00")]
    recorded = next(r["Value"] for r in cbs.rows(POPULATION) if r["RegioS"] == "GM0344"
                    and r["Perioden"] == "2025JJ00" and r["Measure"] == "M000352")
    assert utrecht["M000352"] == recorded > 370_000


def test_unfiltered_huge_table_refused(client: ODataV4Client, cbs: FakeCBS4) -> None:
    with pytest.raises(SourceError, match=r"03759ned has 100,741,875 cells") as err:
        fetch_table_v4(client, POPULATION)
    assert "filter" in (err.value.hint or "")
    assert _obs_requests(cbs, POPULATION) == []  # not a single observation requested


def test_count_checked_before_fetch(client: ODataV4Client, cbs: FakeCBS4,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(odata4_module, "MAX_CELLS", 5_000)
    with pytest.raises(SourceError, match=r"would download 8,195 cells \(limit 5,000\)"):
        fetch_table_v4(client, HOUSES, filter="Perioden ge '2015JJ00'")
    queries = _obs_requests(cbs, HOUSES)
    assert len(queries) == 1 and queries[0]["$top"] == ["0"] and queries[0]["$count"] == [
        "true"]


def test_value_attribute_cells_are_absent_with_status(client: ODataV4Client,
                                                      cbs: FakeCBS4) -> None:
    edited = {"GM0193": "Confidential", "GM0363": "NotAvailable"}
    for row in cbs.rows(HOUSES):
        if row["RegioS"] in edited and row["Perioden"] == "2024JJ00":
            row["Value"], row["ValueAttribute"] = None, edited[row["RegioS"]]
    obs = to_observations(fetch_table_v4(client, HOUSES, filter="Perioden ge '2015JJ00'"))
    cells = obs[(obs["year"] == 2024) & obs["region_code"].isin(list(edited))]
    assert cells.set_index("region_code")["status"].to_dict() == {
        "GM0193": "confidential", "GM0363": "not available"}
    assert cells["value"].isna().all()
    zwolle = obs[(obs["region_code"] == "GM0193") & (obs["year"] == 2025)]
    assert zwolle["value"].tolist() == [450_913.0]


def test_5xx_and_429_are_retried(client: ODataV4Client, cbs: FakeCBS4,
                                 pauses: list[float]) -> None:
    cbs.fail(HOUSES, "Properties", [500, 503])
    cbs.fail(HOUSES, "Observations", [429], {"Retry-After": "2"})
    table = fetch_table_v4(client, HOUSES, filter="Perioden ge '2015JJ00'")
    assert table.source.rows_read == 8195
    assert cbs.count(HOUSES, "Properties") == 3
    assert 2.0 in pauses  # the pause after the 429 is the server's Retry-After


def test_long_retry_after_gives_up_at_once(client: ODataV4Client, cbs: FakeCBS4,
                                           pauses: list[float]) -> None:
    cbs.fail(HOUSES, "Properties", [429], {"Retry-After": "3600"})
    with pytest.raises(SourceUnavailable, match="wait 3600 s"):
        client.properties(HOUSES)
    assert cbs.count(HOUSES, "Properties") == 1 and pauses == []


def test_repeated_5xx_is_unavailable(client: ODataV4Client, cbs: FakeCBS4) -> None:
    cbs.fail(HOUSES, "Properties", [500] * 10)
    with pytest.raises(SourceUnavailable, match="HTTP 500"):
        client.properties(HOUSES)
    assert cbs.count(HOUSES, "Properties") == 4  # 1 + 3 retries


def test_body_cut_short_is_retried_and_never_cached(client: ODataV4Client, cbs: FakeCBS4,
                                                    tmp_path: Path) -> None:
    cbs.cut_next(HOUSES, "Observations")
    cbs.cut_next(HOUSES, "MeasureCodes")
    table = fetch_table_v4(client, HOUSES, filter="Perioden ge '2015JJ00'")
    assert table.source.rows_read == 8195
    assert cbs.count(HOUSES, "MeasureCodes") == 2
    cache = ResponseCache(tmp_path / "cache")
    for url, entry in cache.entries().items():
        body = (cache.directory / entry.file).read_bytes()
        assert json.loads(body), url  # every cached body is whole JSON


def test_next_link_loop_is_malformed(client: ODataV4Client, cbs: FakeCBS4) -> None:
    cbs.loop_pages(HOUSES)
    with pytest.raises(MalformedSource, match="nextLink loops"):
        fetch_table_v4(client, HOUSES, filter="Perioden ge '2015JJ00'")


def test_unknown_table_and_measure(client: ODataV4Client) -> None:
    with pytest.raises(TableNotFound):
        client.properties("99999NED")
    with pytest.raises(MalformedSource, match="M999999") as err:
        fetch_table_v4(client, HOUSES, measures=["M999999"])
    assert err.value.suggestions == ["M001534"]


def test_cache_and_manifest(cbs: FakeCBS4, tmp_path: Path, pauses: list[float]) -> None:
    with ODataV4Client(cbs.base_url, cache_dir=tmp_path / "c") as c:
        first = fetch_table_v4(c, HOUSES, filter="Perioden ge '2015JJ00'")
    n = len(cbs.requests)
    with ODataV4Client(cbs.base_url, cache_dir=tmp_path / "c") as c:
        again = fetch_table_v4(c, HOUSES, filter="Perioden ge '2015JJ00'")
    assert len(cbs.requests) == n  # all from the cache
    pd.testing.assert_frame_equal(first.frame, again.frame)
    assert first.source.sha256 == again.source.sha256
    entries = ResponseCache(tmp_path / "c").entries()
    pages = [e for u, e in entries.items() if "/Observations" in u and "$count" not in u]
    assert len(pages) == 4 and {e.modified for e in pages} == {"2026-02-17T00:00:00+01:00"}
    with ODataV4Client(cbs.base_url, cache_dir=tmp_path / "c", refresh=True) as c:
        fetch_table_v4(c, HOUSES, filter="Perioden ge '2015JJ00'")
    assert len(cbs.requests) > n

