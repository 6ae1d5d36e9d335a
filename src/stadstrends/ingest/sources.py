"""Choose where tables come from: a snapshot folder or the live CBS OData service."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from stadstrends.errors import MalformedSource, StadstrendsError
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.ingest.spec import SourceSpec, as_spec
from stadstrends.paths import default_cache_dir, default_snapshot_dir

if TYPE_CHECKING:
    from stadstrends.ingest.odata import ODataClient
    from stadstrends.ingest.odata4 import ODataV4Client

# CBS StatLine identifiers: five digits and an optional suffix (83648NED, 37259eng, 60039fvw)
CBS_TABLE_ID = re.compile(r"\d{5}[A-Za-z]{0,4}")


def is_cbs_table(table_id: str | SourceSpec) -> bool:
    """Whether ``table_id`` names a CBS StatLine table (fetchable from OData)."""
    return bool(CBS_TABLE_ID.fullmatch(as_spec(table_id).table))


def unavailable(table_id: str) -> WideTable:
    """An empty table for an input that a live build without a snapshot folder cannot read
    (KWB 2019 extract, 2006-2014 commuting matrices, 2020 age groups: no CBS OData tables);
    the reason is kept in ``sources.completeness``, its indicators get no values."""
    info = SourceInfo(
        table_id=table_id, title=table_id, origin="none", location="", sha256="",
        retrieved_at="", completeness="not read: no CBS OData table and no snapshot folder",
        completeness_code="not_read")
    frame = pd.DataFrame({"region_label": [], "region_code": [], "period": []}, dtype=object)
    return WideTable(info, [], [], frame)


def live_clients(cache_dir: Path | None = None, refresh: bool = False
                 ) -> tuple[ODataClient, ODataV4Client]:
    """The v3 and v4 clients of a live build, sharing one download cache and manifest."""
    from stadstrends.ingest.odata import DEFAULT_BASE_URL, ODataClient
    from stadstrends.ingest.odata4 import DEFAULT_V4_URL, ODataV4Client

    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    client = ODataClient(base_url=os.environ.get("STADSTRENDS_ODATA_URL", DEFAULT_BASE_URL),
                         cache_dir=cache, refresh=refresh)
    client4 = ODataV4Client(os.environ.get("STADSTRENDS_ODATA4_URL", DEFAULT_V4_URL),
                            cache_dir=cache, refresh=refresh)
    return client, client4


def snapshot_missing(snapshot: Path) -> StadstrendsError:
    """The error for a --snapshot that is no folder: a file (SOURCES.md, a table's CSV: the
    hint names the folder above it that holds SOURCES.md, else the default snapshot) or
    nothing at all (a relative path also as the absolute one looked for; the hint: the folder
    holding SOURCES.md, or no --snapshot for a live build)."""
    known = default_snapshot_dir()
    if snapshot.exists():
        holder = next((p for p in Path(os.path.abspath(snapshot)).parents
                       if (p / "SOURCES.md").is_file()), None)
        known = holder or known
        return StadstrendsError.worded(
            "snapshot_is_file_known" if known.is_dir() else "snapshot_is_file",
            path=str(snapshot), known=str(known.absolute()))
    shown = str(snapshot) if snapshot.is_absolute() else f"{snapshot} ({os.path.abspath(snapshot)})"
    return StadstrendsError.worded(  # a relative path as given and where it was looked for
        "snapshot_missing_known" if known.is_dir() else "snapshot_missing",
        path=shown, known=str(known.absolute()))


def table_reader(
    snapshot: Path | None, cache_dir: Path | None = None, refresh: bool = False,
    unchecked: bool = False,
) -> tuple[Callable[[str | SourceSpec], WideTable], Path, str]:
    """Return ``(read_table, reference_dir, origin)``.

    A snapshot without its register (no SOURCES.md, or none with counts per file:
    :func:`~stadstrends.ingest.listing.listing`) is refused (``snapshot_no_register``): its
    files cannot be checked for completeness, and 300 lines cut from 85383NED cost 700
    municipal values silently. ``unchecked`` (``build --unchecked``) reads it anyway.

    With a snapshot, tables are read from its files (v4 sources from the recorded v4
    responses). Without, everything CBS publishes is fetched live (cached): tables from
    OData v3 (``$STADSTRENDS_ODATA_URL``) and v4 (``$STADSTRENDS_ODATA4_URL``), and the
    region reference sources (70739ned, Gebieden in Nederland, the 03759ned register, RvIG
    table 33, geometries), written to ``<cache>/reference`` laid out like a snapshot
    (:func:`~stadstrends.ingest.reference.materialise_reference`). The few inputs that are
    not CBS OData tables (KWB 2019 extract, 2006-2014 commuting matrices) come from the
    default snapshot folder when there is one, else they are left out (:func:`unavailable`).
    """
    from stadstrends.ingest.listing import REGISTER, listing
    from stadstrends.ingest.snapshot import read_table
    from stadstrends.ingest.snapshot_files import not_a_snapshot

    if snapshot is not None:
        snapshot = Path(snapshot)
        if not snapshot.is_dir():
            raise snapshot_missing(snapshot)
        if (wrong := not_a_snapshot(snapshot)) is not None:  # before the build's progress
            raise wrong
        if not unchecked and listing(snapshot) is None:  # parsed once, before the workers
            raise MalformedSource.worded("snapshot_no_register", path=str(snapshot / REGISTER))
        # a partial, not a lambda: the build can send it to its reading processes
        return partial(read_table, snapshot), snapshot, "snapshot"
    from stadstrends.ingest.odata4 import fetch_table_v4
    from stadstrends.ingest.odata_table import fetch_table
    from stadstrends.ingest.reference import materialise_reference

    client, client4 = live_clients(cache_dir, refresh)
    reference = materialise_reference(client, client4, client.cache.directory / "reference")
    local = default_snapshot_dir()

    def read_live(source: str | SourceSpec) -> WideTable:
        spec = as_spec(source)
        table_id = spec.table
        if spec.api == "v4":
            return fetch_table_v4(client4, table_id, spec.filter, age_bands=spec.bands())
        if is_cbs_table(table_id):
            return fetch_table(client, table_id)
        if local.is_dir():
            return read_table(local, table_id)
        return unavailable(table_id)

    return read_live, reference, "odata"
