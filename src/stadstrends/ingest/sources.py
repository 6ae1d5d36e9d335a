"""Choose where tables come from: a snapshot folder or the live CBS OData service."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from stadstrends.errors import SourceError, StadstrendsError
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.spec import SourceSpec, as_spec
from stadstrends.paths import default_cache_dir, default_snapshot_dir

# CBS StatLine identifiers: five digits and an optional suffix (83648NED, 37259eng, 60039fvw)
CBS_TABLE_ID = re.compile(r"\d{5}[A-Za-z]{0,4}")


def is_cbs_table(table_id: str | SourceSpec) -> bool:
    """Whether ``table_id`` names a CBS StatLine table (fetchable from OData)."""
    return bool(CBS_TABLE_ID.fullmatch(as_spec(table_id).table))


def table_reader(
    snapshot: Path | None, cache_dir: Path | None = None, refresh: bool = False
) -> tuple[Callable[[str | SourceSpec], WideTable], Path, str]:
    """Return ``(read_table, reference_dir, origin)``.

    With a snapshot, tables are read from its files (v4 sources from the recorded v4
    responses). Without, CBS tables are fetched live (cached; v3 from
    ``$STADSTRENDS_ODATA_URL``, v4 from ``$STADSTRENDS_ODATA4_URL``); the region reference
    files (municipal history, Gebieden in Nederland, RvIG table 33) and the few inputs that
    are not CBS OData tables (KWB 2019 extract, the 2006-2014 commuting matrices)
    are then read from the default snapshot folder."""
    from stadstrends.ingest.snapshot import read_table

    if snapshot is not None:
        snapshot = Path(snapshot)
        if not snapshot.is_dir():
            raise StadstrendsError(
                f"snapshot folder {snapshot} does not exist",
                "pass the folder with the CBS exports, e.g. --snapshot ../shared/data",
            )
        return (lambda table_id: read_table(snapshot, table_id)), snapshot, "snapshot"
    from stadstrends.ingest.odata import DEFAULT_BASE_URL, ODataClient, fetch_table
    from stadstrends.ingest.odata4 import DEFAULT_V4_URL, ODataV4Client, fetch_table_v4

    client = ODataClient(
        base_url=os.environ.get("STADSTRENDS_ODATA_URL", DEFAULT_BASE_URL),
        cache_dir=cache_dir or default_cache_dir(), refresh=refresh,
    )
    client4 = ODataV4Client(
        base_url=os.environ.get("STADSTRENDS_ODATA4_URL", DEFAULT_V4_URL),
        cache_dir=cache_dir or default_cache_dir(), refresh=refresh,
    )
    reference = default_snapshot_dir()

    def read_live(source: str | SourceSpec) -> WideTable:
        spec = as_spec(source)
        table_id = spec.table
        if spec.api == "v4":
            return fetch_table_v4(client4, table_id, spec.filter, age_bands=spec.bands())
        if is_cbs_table(table_id):
            return fetch_table(client, table_id)
        if not reference.is_dir():
            raise SourceError(
                f"'{table_id}' is not a CBS OData table and no snapshot folder was found",
                "set STADSTRENDS_SNAPSHOT to the snapshot folder, or build with --snapshot DIR",
            )
        return read_table(reference, table_id)

    return read_live, reference, "odata"
