"""Choose where tables come from: a snapshot folder or the live CBS OData service."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from stadstrends.errors import StadstrendsError
from stadstrends.ingest.raw import WideTable
from stadstrends.paths import default_cache_dir, default_snapshot_dir


def table_reader(
    snapshot: Path | None, cache_dir: Path | None = None, refresh: bool = False
) -> tuple[Callable[[str], WideTable], Path, str]:
    """Return ``(read_table, reference_dir, origin)``.

    With a snapshot, tables are read from its files. Without, they are fetched live (cached);
    the region reference files (municipal history, Gebieden in Nederland, RvIG table 33) are
    then read from the default snapshot folder."""
    if snapshot is not None:
        from stadstrends.ingest.snapshot import read_table

        snapshot = Path(snapshot)
        if not snapshot.is_dir():
            raise StadstrendsError(
                f"snapshot folder {snapshot} does not exist",
                "pass the folder with the CBS exports, e.g. --snapshot ../shared/data",
            )
        return (lambda table_id: read_table(snapshot, table_id)), snapshot, "snapshot"
    from stadstrends.ingest.odata import DEFAULT_BASE_URL, ODataClient, fetch_table

    client = ODataClient(
        base_url=os.environ.get("STADSTRENDS_ODATA_URL", DEFAULT_BASE_URL),
        cache_dir=cache_dir or default_cache_dir(), refresh=refresh,
    )
    return (lambda table_id: fetch_table(client, table_id)), default_snapshot_dir(), "odata"
