"""End to end: the live path (CBS OData -> WideTable -> warehouse) equals the snapshot path.

The snapshot tables of a small catalogue are served by a local HTTP server the way CBS OData
v3 serves them (keys instead of labels, padded keys, paged data sets; see
:mod:`tests.ingest.odata_from_snapshot`). One warehouse is built through
``table_reader(None)`` against that server and one from the snapshot; their indicator values
must be the same. Catalogue filters name labels (``SoortMisdrijf=Misdrijven, totaal``), so
this also proves that the live client maps dimension keys to the labels the snapshot holds.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import duckdb
import pandas as pd
import pytest

from stadstrends.errors import ChecksFailed, SourceUnavailable
from stadstrends.indicators.catalogue import Catalogue, load_catalogue
from stadstrends.ingest import http as http_module
from stadstrends.ingest.labels import clean_code
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.snapshot import read_table
from stadstrends.ingest.sources import is_cbs_table, table_reader
from stadstrends.ingest.spec import SourceSpec
from stadstrends.warehouse.build import BuildResult, build_warehouse, required_tables

from .odata4_server import FakeCBS4
from .odata_from_snapshot import odata_responses
from .odata_server import FakeCBS
from .reference_from_snapshot import serve_reference

CHOSEN = ("population", "crimes_per_1000", "share_age_65_plus", "house_price_mean")
PAGE_SIZE = 2_000
#: the snapshot's copies cut after 10 000 rows that the fake CBS serves as CBS's whole tables:
#: each stops at this municipality in every year (the data check tables_cut_alphabetically)
CUT_SERVED = {"60039fvw": "Zevenaar", "85984ned": "Maasdriel"}
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
VALUES_SQL = """
    SELECT indicator_id, region_code, year, value, source_tables, source_measures, provisional
    FROM indicator_values WHERE indicator_id IN ({})
    ORDER BY indicator_id, region_code, year
""".format(", ".join(f"'{i}'" for i in CHOSEN))


@dataclass
class LiveBuild:
    server: FakeCBS
    server4: FakeCBS4
    db: Path
    cache: Path
    result: BuildResult
    requests: list[str]  # what the server saw during the build


def _small_catalogue() -> Catalogue:
    """The chosen indicators plus the indicators they divide by, nothing else."""
    full = load_catalogue()
    wanted = set(CHOSEN)
    while True:
        refs = {i.denominator_indicator for i in full.indicators
                if i.id in wanted and i.denominator_indicator}
        if refs <= wanted:
            break
        wanted |= refs
    return Catalogue(indicators=[i for i in full.indicators if i.id in wanted],
                     sources=full.sources)


def _query(db: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return _small_catalogue()


@pytest.fixture(scope="module")
def tables(shared_data: Path, catalogue: Catalogue) -> dict[SourceSpec, WideTable]:
    """Every source the small build needs, read from the snapshot once (v4 sources from the
    recorded v4 responses)."""
    return {name: read_table(shared_data, name) for name in required_tables(catalogue)}


@pytest.fixture(scope="module")
def snapshot_db(shared_data: Path, catalogue: Catalogue, tables: dict[SourceSpec, WideTable],
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("snapshot") / "stadstrends.duckdb"
    build_warehouse(db, tables.__getitem__, shared_data, catalogue=catalogue)
    return db


@pytest.fixture(scope="module")
def live_env(shared_data: Path) -> Iterator[pytest.MonkeyPatch]:
    """Environment of the live builds (module scope, so ``monkeypatch`` cannot be used)."""
    with pytest.MonkeyPatch.context() as mp:
        for name in PROXY_VARIABLES:  # httpx honours proxies; the server is local
            mp.delenv(name, raising=False)
            mp.delenv(name.lower(), raising=False)
        mp.setenv("STADSTRENDS_SNAPSHOT", str(shared_data))  # region reference files
        mp.setattr(http_module, "MAX_BACKOFF", 0.0)  # no retry pauses against a dead server
        yield mp


@pytest.fixture(scope="module")
def server4(shared_data: Path) -> Iterator[FakeCBS4]:
    """A local CBS OData v4 server answering from the recorded v4 responses."""
    fake = FakeCBS4(shared_data).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def server(shared_data: Path, tables: dict[SourceSpec, WideTable]) -> Iterator[FakeCBS]:
    """A local CBS OData server holding the snapshot tables as CBS would serve them."""
    fake = FakeCBS(shared_data)
    for spec, table in tables.items():
        name = spec.table
        if not is_cbs_table(name) or spec.api == "v4":
            continue  # kwb2019: read from the snapshot; v4 sources: served by FakeCBS4
        for endpoint, body in odata_responses(table, fake.base_url, PAGE_SIZE).items():
            path, _, query = endpoint.partition("?")
            fake.routes[fake.path(name, path) + (f"?{query}" if query else "")] = body
    fake.reference_urls = serve_reference(fake, shared_data)  # 70739ned, editions, files
    fake.start()
    yield fake
    fake.stop()


def _live_build(db: Path, cache: Path, catalogue: Catalogue, refresh: bool = False,
                allow_gaps: bool = True) -> BuildResult:
    """A live build against the fake CBS; ``allow_gaps`` by default: the fake serves the
    snapshot's copy of 60039fvw, cut at CBS's 10 000 rows, as if it were CBS's whole table,
    so the build's data checks see municipalities without rows in it (a snapshot build
    knows the copy is cut and leaves it out of the check)."""
    read, reference, origin = table_reader(None, cache_dir=cache, refresh=refresh)
    return build_warehouse(db, read, reference, catalogue=catalogue, origin=origin,
                           allow_gaps=allow_gaps)


@pytest.fixture(scope="module")
def live(server: FakeCBS, server4: FakeCBS4, live_env: pytest.MonkeyPatch,
         catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> LiveBuild:
    root = tmp_path_factory.mktemp("live")
    live_env.setenv("STADSTRENDS_ODATA_URL", server.base_url)
    live_env.setenv("STADSTRENDS_ODATA4_URL", server4.base_url)
    live_env.setenv("STADSTRENDS_RVIG_URL", server.reference_urls["rvig"])
    live_env.setenv("STADSTRENDS_GEOMETRY_URL", server.reference_urls["geometry"])
    before = len(server.requests)
    result = _live_build(root / "stadstrends.duckdb", root / "cache", catalogue)
    return LiveBuild(server, server4, root / "stadstrends.duckdb", root / "cache", result,
                     list(server.requests[before:]))


def test_small_catalogue(catalogue: Catalogue, tables: dict[SourceSpec, WideTable]) -> None:
    assert {i.id for i in catalogue.indicators} == set(CHOSEN)  # population is chosen
    # crimes per 1 000 (CBS's figure) weighted by the inhabitants: population's own parts
    crimes, population = catalogue.get("crimes_per_1000"), catalogue.get("population")
    assert crimes.method == "weighted_mean" and crimes.denominator
    assert ({(p.table, p.measure) for p in crimes.denominator}
            <= {(p.table, p.measure) for p in population.numerator})
    assert {"37259eng", "83648NED", "85383NED", "kwb2019", "03759ned (v4)"} <= {
        str(spec) for spec in tables}


def test_live_build_reads_from_odata(live: LiveBuild,
                                     tables: dict[SourceSpec, WideTable]) -> None:
    info = _query(live.db, "SELECT origin, snapshot FROM build_info")
    assert info.loc[0, "origin"] == "odata"
    # the region reference sources were fetched live into the cache, laid out as a snapshot
    assert info.loc[0, "snapshot"] == str((live.cache / "reference").resolve())
    sources = _query(live.db, "SELECT * FROM sources").set_index(["table_id", "api"])
    assert set(sources.index) == {(spec.table, spec.api) for spec in tables}
    for spec, table in tables.items():
        name, row = spec.table, sources.loc[(spec.table, spec.api)]
        if spec.api == "v4":  # the catalogue's filter went to the server
            assert row["origin"] == "odata"
            assert row["location"].startswith(f"{live.server4.base_url}/{name}/Observations?")
            assert quote(spec.filter, safe="'(),/:") in row["location"]
            assert row["rows_read"] == table.source.rows_kept  # the cells of the filter
            continue
        if not is_cbs_table(name):
            assert row["origin"] == "snapshot"  # kwb2019 is no OData table
            continue
        assert row["origin"] == "odata", name
        assert row["location"] == f"{live.server.base_url}/{name}/TypedDataSet?$format=json"
        assert row["rows_read"] == row["rows_kept"] == len(table.frame), name
        if name.lower() in CUT_SERVED:  # served cut: the data check's cut is recorded
            assert (row["completeness_code"], row["cut_after"]) == (
                "cut_detected", CUT_SERVED[name.lower()]), name
            assert "tables_cut_alphabetically" in row["completeness"]
            continue
        assert row["completeness"] == "complete" and pd.isna(row["cut_after"]), name
        assert len(row["sha256"]) == 64 and row["retrieved_at"]


def test_live_build_maps_keys_to_labels(live: LiveBuild) -> None:
    """The server answered with keys; the warehouse holds the snapshot's labels."""
    first = json.loads(live.server.routes[live.server.path("83648NED", "TypedDataSet")])
    row = first["value"][0]
    assert row["SoortMisdrijf"] == "T001038  " and row["RegioS"].startswith("NL01 ")
    assert row["Perioden"] == "2010JJ00"
    obs = _query(live.db, """
        SELECT DISTINCT dims, period, region_label, status FROM raw_observations
        WHERE table_id = '83648NED' AND region_code = 'GM0363' AND year = 2010""")
    assert obs.to_dict("records") == [{"dims": "SoortMisdrijf=Misdrijven, totaal",
                                       "period": "2010JJ00", "region_label": "GM0363",
                                       "status": "definitief"}]


def test_live_build_follows_paging(live: LiveBuild,
                                   tables: dict[SourceSpec, WideTable]) -> None:
    paths = [urlsplit(r) for r in live.requests]
    for spec, table in tables.items():
        name = spec.table
        if spec.api == "v4":
            cells = table.source.rows_kept
            pages = live.server4.count(name, "Observations") - 1  # less the $count request
            assert pages == math.ceil(cells / live.server4.page_size) > 1, name
            continue
        if not is_cbs_table(name):
            assert not any(f"/{name.lower()}/" in p.path.lower() for p in paths)
            continue
        skips = sorted(
            int(parse_qs(p.query).get("$skip", ["0"])[0]) for p in paths
            if p.path.rstrip("/").lower() == live.server.path(name, "TypedDataSet"))
        pages = math.ceil(len(table.frame) / PAGE_SIZE)
        assert skips == [i * PAGE_SIZE for i in range(pages)], name
    assert any("$skip=" in r for r in live.requests)
    assert len(tables[SourceSpec("37259eng")].frame) > 4 * PAGE_SIZE


def test_live_values_equal_snapshot_values(live: LiveBuild, snapshot_db: Path) -> None:
    got = _query(live.db, VALUES_SQL)
    want = _query(snapshot_db, VALUES_SQL)
    for indicator in CHOSEN:  # each chosen indicator has many values in both builds
        assert (want["indicator_id"] == indicator).sum() > 1_000, indicator
    keys = ["indicator_id", "region_code", "year", "source_tables", "source_measures",
            "provisional"]
    pd.testing.assert_frame_equal(got[keys], want[keys])
    pd.testing.assert_series_equal(got["value"], want["value"], check_exact=False,
                                   rtol=1e-9, atol=1e-9)


def test_live_gaps_equal_snapshot_gaps(live: LiveBuild, snapshot_db: Path) -> None:
    """Missing values (and why) are the same too: no extra or lost regions. The snapshot
    knows from its register that its copies were cut (``sources.cut_after``); the live build,
    served the cut copies of 60039fvw and 85984NED as CBS's whole tables, finds them cut
    (``tables_cut_alphabetically``, built with ``allow_gaps``) and records it: a value
    missing for that reason says so in both (``table_cut``, ``predecessor_cut``,
    ``table_cut_within``), not 'CBS publiceert tabel 60039fvw niet voor alle gemeenten'
    (``not_in_table``, ``never_in_table``). A mean of a municipality whose boundaries changed
    too much says the boundary change in both (``level_boundary_change``: the live build said
    the predecessor it lacked). Only 83625NED's cut copy of 1995-2014, beside a complete v4
    copy from 2015, is no cut the data can tell: there the live build says what CBS's table
    would lack (``not_in_table``, ``predecessor_missing``), and a merged municipality's mean
    price of which the served table holds no part ``not_in_table`` (no former value to
    recompute), where the snapshot knows the whole table holds them (the boundary change)."""
    sql = """SELECT indicator_id, region_code, year, reason, reason_detail FROM indicator_gaps
             ORDER BY ALL"""
    got, want = _query(live.db, sql), _query(snapshot_db, sql)
    key = ["indicator_id", "region_code", "year"]
    cut = (want["reason"].isin(["table_cut", "predecessor_cut", "table_cut_within"])
           & want["reason_detail"].str.lower().str.startswith("83625ned"))
    level = ((want["reason"] == "level_boundary_change")
             & (want["indicator_id"] == "house_price_mean")
             & want["year"].isin(set(want.loc[cut, "year"])))
    pd.testing.assert_frame_equal(
        got.merge(want[~cut & ~level][key]).reset_index(drop=True),
        want[~cut & ~level].reset_index(drop=True))
    elsewhere = got.merge(want[cut][key])
    assert set(elsewhere["reason"]) <= {"predecessor_missing", "no_denominator", "not_in_table",
                                        "never_in_table"}
    # never the predecessor's missing row first (it said so before the level step)
    merged = got.merge(want[level][key])
    assert set(merged["reason"]) <= {"level_boundary_change", "not_in_table"}, set(
        merged["reason"])
    assert len(got) == (~cut & ~level).sum() + len(elsewhere) + len(merged) and cut.sum() > 0
    # the detected cut's rows (the 65+ shares after Zevenaar, 2010-2022): as the snapshot's
    assert (want["reason_detail"].str.lower().str.startswith("60039fvw")
            & want["reason"].str.contains("cut")).sum() > 100
    level = want[want["reason"] == "level_boundary_change"]
    assert (level["indicator_id"] == "house_price_mean").sum() > 100


def test_live_observations_equal_snapshot_observations(
    live: LiveBuild, snapshot_db: Path, tables: dict[SourceSpec, WideTable]
) -> None:
    """Observation by observation (labels of dimensions, values, status), for every region
    the snapshot knows; the rows it cannot place (aggregates, police regions, ...) carry
    well-formed region codes in the live build or none at all."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{live.db}' AS live (READ_ONLY)")
    con.execute(f"ATTACH '{snapshot_db}' AS snap (READ_ONLY)")
    columns = ("lower(table_id) AS t, measure, dims, region_code, year, period_type, "
               "period_part, value, status")
    shared = ("(lower(table_id), region_code) IN "
              "(SELECT DISTINCT lower(table_id), region_code FROM snap.raw_observations)")
    n_snap = con.execute("SELECT count(*) FROM snap.raw_observations").fetchall()[0][0]
    for a, b in (("live", "snap"), ("snap", "live")):
        diff = con.execute(f"""
            SELECT {columns} FROM {a}.raw_observations WHERE {shared}
            EXCEPT ALL SELECT {columns} FROM {b}.raw_observations WHERE {shared}
            LIMIT 5""").fetchall()
        assert diff == [], f"in {a} but not in {b}: {diff}"
    assert n_snap > 100_000
    codes = con.execute("SELECT DISTINCT region_code FROM live.raw_observations").fetchall()
    con.close()
    assert all(clean_code(code) == code for (code,) in codes), sorted(
        code for (code,) in codes if clean_code(code) != code)


def test_cached_rebuild_needs_no_network(live: LiveBuild, catalogue: Catalogue,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    seen: list[str] = []

    def broken(raw_path: str) -> tuple[int, bytes, float]:
        seen.append(raw_path)
        return 500, b'{"error": "server down"}', 0.0

    monkeypatch.setattr(live.server, "respond", broken)  # every request now gets HTTP 500
    monkeypatch.setattr(live.server4, "respond", lambda raw: (
        seen.append(raw), (500, b'{"error": "server down"}', {}))[1])
    again = tmp_path / "again.duckdb"
    result = _live_build(again, live.cache, catalogue)
    assert seen == []  # everything came from the disk cache
    assert result.indicator_values == live.result.indicator_values
    sql = "SELECT table_id, origin, location, sha256, retrieved_at FROM sources ORDER BY 1"
    pd.testing.assert_frame_equal(_query(again, sql), _query(live.db, sql))
    pd.testing.assert_frame_equal(_query(again, VALUES_SQL), _query(live.db, VALUES_SQL))

    digest, stat = _sha256(again), again.stat()
    with pytest.raises(SourceUnavailable, match="HTTP 500"):
        _live_build(again, live.cache, catalogue, refresh=True)
    # the first request (the region reference 70739ned) was retried, then the build gave up
    assert len(seen) > 1 and all("/70739ned/DataProperties" in r for r in seen)
    assert _sha256(again) == digest and again.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.duckdb"]  # no leftovers
    assert _query(again, "SELECT count(*) AS n FROM indicator_values")["n"][0] > 0


def test_a_live_build_whose_checks_fail_keeps_the_previous_warehouse(
        live: LiveBuild, catalogue: Catalogue, tmp_path: Path) -> None:
    """A live build's failed data check (60039fvw served cut, see :func:`_live_build`) was
    returned and the new warehouse swapped in; now the build is refused as a snapshot
    build's: the previous warehouse stays byte for byte, a new path gets nothing, and with
    ``allow_gaps`` the build is swapped in, its checks returned."""
    import shutil

    # the served copies of 60039fvw and 85984NED (the snapshot's, cut after 10 000 rows,
    # served as CBS's own) stop at the same municipality in every year: h49i's check names
    # them, and their missing tail is no lost municipality (recorded as cut first)
    assert [f["check"] for f in live.result.checks_failed] == ["tables_cut_alphabetically"]
    assert {r["table_id"].lower(): r["cut_after"]
            for r in live.result.checks_failed[0]["rows"]} == CUT_SERVED
    db = tmp_path / "stadstrends.duckdb"
    shutil.copy(live.db, db)
    digest = _sha256(db)
    for target in (db, tmp_path / "new.duckdb"):
        with pytest.raises(ChecksFailed) as err:
            _live_build(target, live.cache, catalogue, allow_gaps=False)
        assert err.value.details[0]["rows"][0]["table_id"] == "60039fvw"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["stadstrends.duckdb"]
    assert _sha256(db) == digest
    assert "discarded" in err.value.message and "--allow-gaps" in err.value.hint
    result = _live_build(db, live.cache, catalogue, allow_gaps=True)
    assert result.checks_failed == live.result.checks_failed and _sha256(db) != digest


REGION_TABLES = {
    "region_history": "code", "regions": "region_code", "membership": "year, gm_code",
    "region_sets": "set_id, region_code", "crosswalk": "ALL",
}


def test_live_regions_equal_snapshot_regions(live: LiveBuild, snapshot_db: Path) -> None:
    """70739ned, the 30 Gebieden in Nederland editions, RvIG table 33 fetched live give the
    same region history, membership, sets and crosswalk as the snapshot's files."""
    names = [p.name for p in (live.cache / "reference" / "cbs_statline_dump" /
                              "gebieden_in_nederland").glob("*.csv")]
    assert len(names) == 30
    for table, order in REGION_TABLES.items():
        sql = f"SELECT * FROM {table} ORDER BY {order}"
        live_rows, snap_rows = _query(live.db, sql), _query(snapshot_db, sql)
        assert len(snap_rows) > 10, table
        pd.testing.assert_frame_equal(live_rows, snap_rows, obj=table)
    register = live.cache / "reference" / "cbs_odata4_v4_responses" / "03759ned"
    codes = json.loads((register / "codes-RegioS.json").read_text("utf-8"))["value"]
    assert len(codes) == 892 and "Haaren (GM0788)" in next(
        c["Description"] for c in codes if c["Identifier"] == "GM0855")


def test_live_build_without_any_snapshot_folder(
    live: LiveBuild, catalogue: Catalogue, snapshot_db: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No snapshot folder at all: everything comes from the (cached) live sources; the
    inputs that are no CBS OData table (kwb2019) are left out and say so."""
    monkeypatch.setenv("STADSTRENDS_SNAPSHOT", str(tmp_path / "no-snapshot"))
    db = tmp_path / "bare.duckdb"
    _live_build(db, live.cache, catalogue)
    kwb = _query(db, "SELECT origin, completeness FROM sources WHERE table_id = 'kwb2019'")
    assert kwb.to_dict("records") == [{
        "origin": "none",
        "completeness": "not read: no CBS OData table and no snapshot folder"}]
    got = _query(db, VALUES_SQL).set_index(["indicator_id", "region_code", "year"])
    want = _query(snapshot_db, VALUES_SQL).set_index(["indicator_id", "region_code", "year"])
    both = got.merge(want, left_index=True, right_index=True, suffixes=("_live", ""))
    assert len(both) > 0.95 * len(want)
    assert (both["source_tables_live"] == both["source_tables"]).all()
    pd.testing.assert_series_equal(both["value_live"], both["value"], check_names=False,
                                   check_exact=False, rtol=1e-9, atol=1e-9)
    assert set(got.index) <= set(want.index)
    only_snapshot = want.loc[want.index.difference(got.index)]
    assert len(only_snapshot) > 0 and (only_snapshot["source_tables"] == "kwb2019").all()


def test_update_refetches_only_the_changed_table_and_lists_exactly_its_changes(
    live: LiveBuild, catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CBS publishes a new version of 83625NED (v4): a new Modified date and two revised
    values. `update` refetches that table only and its change set lists exactly those two."""
    import shutil

    from typer.testing import CliRunner

    from stadstrends.cli import app
    from stadstrends.publish.format import fmt_date
    from stadstrends.publish.news import describe, region_changes
    from stadstrends.warehouse.update import update_warehouse

    db, cache = tmp_path / "stadstrends.duckdb", tmp_path / "cache"
    shutil.copy(live.db, db)
    shutil.copytree(live.cache, cache)
    unchanged = update_warehouse(db, cache, catalogue=catalogue, allow_gaps=True)
    assert not unchanged.rebuilt and not any(c.changed for c in unchanged.checks)
    assert {(c.table_id, c.api) for c in unchanged.checks} >= {
        ("83625NED", "v4"), ("03759ned", "v4"), ("37259eng", "v3"), ("83648NED", "v3")}

    v4 = live.server4
    revised = {("GM0193", "2025JJ00"): 455_000, ("GM0344", "2024JJ00"): 480_000}
    old = {}
    try:
        v4.set_modified("83625NED", "2026-11-20T00:00:00+01:00")
        for row in v4.rows("83625NED"):
            key = (row["RegioS"], row["Perioden"])
            if key in revised:
                old[key], row["Value"] = row["Value"], revised[key]
        v3_before, v4_before = len(live.server.requests), len(v4.requests)
        result = update_warehouse(db, cache, catalogue=catalogue, allow_gaps=True)
        v3_seen, v4_seen = live.server.requests[v3_before:], v4.requests[v4_before:]
    finally:
        v4.reset()
    assert result.rebuilt
    assert [(c.table_id, c.cached, c.current) for c in result.checks if c.changed] == [
        ("83625NED", "2026-02-17T00:00:00+01:00", "2026-11-20T00:00:00+01:00")]
    # only 83625NED's data was downloaded again; v3 saw nothing but TableInfos checks
    assert all("/TableInfos" in r for r in v3_seen)
    obs = [r for r in v4_seen if "/Observations" in r]
    assert obs and all("/83625NED/" in r for r in obs)

    changes = _query(db, "SELECT * FROM changes ORDER BY region_code")
    values = changes[~changes["kind"].str.startswith("signal")]
    assert values[["kind", "indicator_id", "region_code", "year", "old_value",
                   "new_value"]].to_dict("records") == [
        {"kind": "revised", "indicator_id": "house_price_mean", "region_code": code,
         "year": int(period[:4]), "old_value": old[(code, period)], "new_value": new}
        for (code, period), new in sorted(revised.items())]
    signals = changes[changes["kind"].str.startswith("signal")]
    assert set(signals["region_code"]) <= {"GM0193", "GM0344"}
    assert set(signals["indicator_id"]) <= {"house_price_mean"}
    info = _query(db, "SELECT * FROM change_info")
    assert info.loc[0, "since"] == _query(live.db, "SELECT built_at FROM build_info").iloc[0, 0]
    assert _query(db, """SELECT value FROM indicator_values WHERE region_code = 'GM0193'
                         AND indicator_id = 'house_price_mean' AND year = 2025""").iloc[0, 0] \
        == 455_000

    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        rows_of = lambda sql, args: con.execute(sql, args).df().to_dict("records")  # noqa: E731
        zwolle = region_changes(rows_of, tables, "GM0193")
        assert zwolle["counts"]["revised"] == 1
        built = datetime.fromisoformat(info.loc[0, "since"]).date()
        said = describe(zwolle, "nl")
        assert said["title"] == f"Nieuw sinds {fmt_date(built, 'nl')}"
        assert said["summary"].startswith("1 herziene cijfers")
        assert describe(region_changes(rows_of, tables, "GM0363"), "en")["summary"] == (
            "no changes")

    shown = CliRunner().invoke(app, ["changes", "Zwolle", "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    rows = json.loads(shown.output)
    assert [(r["kind"], r["year"], r["old_value"], r["new_value"]) for r in rows
            if r["kind"] == "revised"] == [("revised", 2025, 450_913.0, 455_000.0)]


def test_update_with_allow_gaps_prints_the_checks_that_failed(
    live: LiveBuild, catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`stadstrends update --allow-gaps` swapped in a rebuild whose data checks failed (the
    fake's 60039fvw is the snapshot's cut copy, see :func:`_live_build`) and said nothing of
    them; now it prints them as `build --allow-gaps` does (the same function), then that the
    warehouse was installed anyway."""
    import functools
    import shutil

    from typer.testing import CliRunner

    from stadstrends.cli import app
    from stadstrends.warehouse import update as update_module

    db, cache = tmp_path / "stadstrends.duckdb", tmp_path / "cache"
    shutil.copy(live.db, db)
    shutil.copytree(live.cache, cache)
    monkeypatch.setattr(update_module, "update_warehouse", functools.partial(
        update_module.update_warehouse, catalogue=catalogue))  # the fake serves no more
    try:
        live.server4.set_modified("83625NED", "2026-11-20T00:00:00+01:00")
        out = CliRunner().invoke(app, ["update", "--db", str(db), "--cache-dir", str(cache),
                                       "--allow-gaps"])
    finally:
        live.server4.reset()
    assert out.exit_code == 0, out.output
    err = " ".join(out.stderr.split())
    # the cut is said (and recorded) as one: its missing tail is no lost municipality
    assert ("controle mislukt: tabellen waarvan de gemeenten in elk jaar bij dezelfde naam in "
            "het alfabet stoppen (afgekapt): tabel: 60039fvw, stopt bij: Zevenaar") in err, err
    assert "Het warehouse is toch gebouwd en geïnstalleerd, met deze gaten" in err, err
    with duckdb.connect(str(db), read_only=True) as con:
        assert "tables_cut_alphabetically" in con.execute(
            "SELECT checks_failed FROM build_info").fetchone()[0]
