"""Update a live warehouse: refetch what CBS changed, rebuild atomically, store what changed.

:func:`update_warehouse` asks CBS for each live source table's modification date (v3
``TableInfos.Modified``, v4 ``Properties.Modified``, always fresh) and compares it with the
date the cache manifest recorded for the table's data pages. Tables with a new date lose
their cached responses; the rebuild then downloads only those (everything else comes from
the cache). The new warehouse is written beside the old one, the change set is computed
against the old one, and the new file replaces the old with one atomic rename.

The change set (table ``changes``; ``change_info`` says since when) has one row per change:

- ``new_year``: a value for a year after the last year the region had for the indicator;
- ``new_value``: a value where the old build had none (an earlier year);
- ``revised``: a value that changed (``old_value`` -> ``new_value``), or that went from
  provisional to definitive (``old_provisional`` / ``new_provisional``);
- ``removed``: a value the new build no longer has;
- ``signal_appeared`` / ``signal_disappeared``: a signal (kind, valence) of a municipality
  within its default comparison group.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from stadstrends.errors import StadstrendsError
from stadstrends.indicators.catalogue import Catalogue
from stadstrends.ingest.odata import ODataClient
from stadstrends.ingest.odata4 import ODataV4Client
from stadstrends.settings import BuildSettings
from stadstrends.warehouse import guard
from stadstrends.warehouse.build import Progress, build_warehouse, open_warehouse
from stadstrends.warehouse.files import build_lock

CHANGE_KINDS = ("new_year", "new_value", "revised", "removed", "signal_appeared",
                "signal_disappeared")
TOLERANCE = 1e-9  # relative; a smaller difference is no revision

# the old warehouse while it is compared (not "old": DuckDB names a database after its file)
OLD = "stadstrends_old_warehouse"
CHANGES_SQL = """
CREATE OR REPLACE TABLE changes AS
WITH n AS (SELECT indicator_id, region_code, year, value, provisional
           FROM indicator_values WHERE value IS NOT NULL),
o AS (SELECT indicator_id, region_code, year, value, provisional
      FROM {old}.indicator_values WHERE value IS NOT NULL),
last_old AS (SELECT indicator_id, region_code, max(year) AS last_year FROM o GROUP BY ALL),
vals AS (
    SELECT CASE
               WHEN o.value IS NULL AND (l.last_year IS NULL OR n.year > l.last_year)
                   THEN 'new_year'
               WHEN o.value IS NULL THEN 'new_value'
               WHEN n.value IS NULL THEN 'removed'
               ELSE 'revised' END AS kind,
           coalesce(n.indicator_id, o.indicator_id) AS indicator_id,
           coalesce(n.region_code, o.region_code) AS region_code,
           coalesce(n.year, o.year) AS year,
           o.value AS old_value, n.value AS new_value,
           o.provisional AS old_provisional, n.provisional AS new_provisional
    FROM n FULL JOIN o USING (indicator_id, region_code, year)
    LEFT JOIN last_old l
      ON l.indicator_id = coalesce(n.indicator_id, o.indicator_id)
     AND l.region_code = coalesce(n.region_code, o.region_code)
    WHERE o.value IS NULL OR n.value IS NULL
       OR abs(n.value - o.value) > {tol} * greatest(1, abs(o.value))
       OR n.provisional IS DISTINCT FROM o.provisional
),
sn AS (SELECT DISTINCT region_code, indicator_id, kind, valence, year FROM signals
       SEMI JOIN default_group USING (set_id, region_code) WHERE region_code LIKE 'GM%'),
so AS (SELECT DISTINCT region_code, indicator_id, kind, valence, year FROM {old}.signals
       {old_default} WHERE region_code LIKE 'GM%'),
sig AS (
    SELECT 'signal_appeared' AS kind, * FROM
        (SELECT region_code, indicator_id, kind AS signal_kind, valence, year FROM sn
         EXCEPT SELECT region_code, indicator_id, kind, valence, year FROM so)
    UNION ALL
    SELECT 'signal_disappeared', * FROM
        (SELECT region_code, indicator_id, kind, valence, year FROM so
         EXCEPT SELECT region_code, indicator_id, kind, valence, year FROM sn)
)
SELECT kind, indicator_id, region_code, year, old_value, new_value, old_provisional,
       new_provisional, NULL::VARCHAR AS signal_kind, NULL::VARCHAR AS valence FROM vals
UNION ALL
SELECT kind, indicator_id, region_code, year, NULL, NULL, NULL, NULL, signal_kind, valence
FROM sig
ORDER BY region_code, indicator_id, kind, year
"""


@dataclass(frozen=True)
class TableCheck:
    """One live source table: the modification date cached and the one CBS gives now."""

    table_id: str
    api: str
    cached: str | None
    current: str | None

    @property
    def changed(self) -> bool:
        return self.current != self.cached


@dataclass
class UpdateResult:
    checks: list[TableCheck]
    rebuilt: bool
    since: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    checks_failed: list[dict] = field(default_factory=list)  # swapped in with allow_gaps


def _cached_modified(client: ODataClient, prefix: str) -> str | None:
    """The ``modified`` the manifest recorded for responses whose URL starts with ``prefix``."""
    dates = {e.modified for url, e in client.cache.entries().items()
             if url.startswith(prefix) and e.modified}
    return max(dates) if dates else None


def check_tables(sources: list[tuple[str, str]], client: ODataClient,
                 client4: ODataV4Client) -> list[TableCheck]:
    """Ask CBS (not the cache) for each table's modification date; compare with the cache."""
    checks = []
    for table_id, api in sources:
        if api == "v4":
            url = client4.url(table_id, "Properties")
            current = client4.http.revalidate(url).get("Modified")
            cached = _cached_modified(client4.http, client4.url(table_id, "Observations"))
        else:
            url = client.table_url(table_id, "TableInfos")
            infos = client.revalidate(url).get("value") or [{}]
            current = infos[0].get("Modified")
            cached = _cached_modified(client, f"{client.base_url}/{table_id}/")
        checks.append(TableCheck(table_id, api, cached, current))
    return checks


def _forget(check: TableCheck, client: ODataClient, client4: ODataV4Client) -> None:
    """Drop every cached response of a changed table (data and metadata)."""
    http, base = (client4.http, client4.base_url) if check.api == "v4" else (
        client, client.base_url)
    for url in list(http.cache.entries()):
        if url.startswith(f"{base}/{check.table_id}/"):
            http.cache.invalidate(url)


def update_warehouse(
    db_path: Path, cache_dir: Path | None = None, catalogue: Catalogue | None = None,
    progress: Progress | None = None, accept_losses: bool = False, allow_gaps: bool = False,
) -> UpdateResult:
    """Refetch the tables CBS changed since the last live build, rebuild, store the changes.
    A rebuild whose data checks fail is refused as a build's is (:class:`ChecksFailed`, the
    warehouse unchanged) unless ``allow_gaps``."""
    from stadstrends.ingest.sources import live_clients, table_reader

    db_path = Path(db_path)
    with open_warehouse(db_path) as old:
        info = old.execute("SELECT * FROM build_info").df().iloc[0].to_dict()
        sources = old.execute(
            "SELECT DISTINCT table_id, coalesce(api, 'v3') FROM sources "
            "WHERE origin = 'odata' ORDER BY 1, 2").fetchall()
    if info.get("origin") != "odata":
        raise StadstrendsError.worded("update_snapshot_build", path=str(db_path))
    client, client4 = live_clients(cache_dir)
    with client, client4:
        checks = check_tables([(t, a) for t, a in sources], client, client4)
        changed = [c for c in checks if c.changed]
        if not changed:
            return UpdateResult(checks, rebuilt=False)
        for check in changed:
            _forget(check, client, client4)
    # built beside the old file (its own temp and lock), compared with it, then swapped in
    # under the old file's build lock and the same loss guard as `stadstrends build`
    tmp = db_path.with_name(f".{db_path.name}.update-{os.getpid()}")
    try:
        with build_lock(db_path):
            read, reference, origin = table_reader(None, cache_dir=cache_dir)
            built = build_warehouse(tmp, read, reference, catalogue=catalogue,
                                    progress=progress, origin=origin,
                                    settings=BuildSettings.from_info(info),
                                    allow_gaps=allow_gaps)
            counts = _store_changes(tmp, db_path, info, changed, accept_losses)
            os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return UpdateResult(checks, rebuilt=True, since=str(info.get("built_at")), counts=counts,
                        checks_failed=built.checks_failed)


def _store_changes(new: Path, old: Path, info: dict, changed: list[TableCheck],
                   accept_losses: bool) -> dict:
    with duckdb.connect(str(new)) as con:
        lost = guard.losses(con, old)
        if lost and not accept_losses:
            raise guard.refuse(old, lost)
        con.execute(f"ATTACH '{old}' AS {OLD} (READ_ONLY)")
        keyed = con.execute("SELECT count(*) FROM information_schema.columns WHERE "
                            f"table_catalog = '{OLD}' AND table_name = 'signals' AND "
                            "column_name = 'set_id'").fetchone()[0]
        old_default = (f"SEMI JOIN {OLD}.default_group USING (set_id, region_code)" if keyed
                       else "")  # before schema 3 signals were of one group
        con.execute(CHANGES_SQL.format(tol=TOLERANCE, old_default=old_default, old=OLD))
        con.execute(f"DETACH {OLD}")
        tables = [{"table_id": c.table_id, "api": c.api, "old_modified": c.cached,
                   "new_modified": c.current} for c in changed]
        con.execute(
            "CREATE OR REPLACE TABLE change_info AS SELECT ?::VARCHAR AS since, "
            "?::VARCHAR AS updated_at, ?::VARCHAR AS tables",
            [str(info.get("built_at")), datetime.now(UTC).isoformat(timespec="seconds"),
             json.dumps(tables)])
        counts = dict(con.execute("SELECT kind, count(*) FROM changes GROUP BY 1").fetchall())
        con.execute("CHECKPOINT")
    return counts
