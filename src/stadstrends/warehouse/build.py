"""Build the warehouse: ingest -> regions -> harmonise -> indicators -> views.

A build writes a new DuckDB file next to the target and swaps it in with an atomic rename
only when everything succeeded: an interrupted or failed build leaves the old file intact.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from stadstrends import __version__
from stadstrends.analysis.build import build_analysis
from stadstrends.duck import store_frame
from stadstrends.errors import WarehouseMissing
from stadstrends.harmonise.crosswalk import build_crosswalk, load_split_config, split_shares
from stadstrends.indicators.build import build_indicators
from stadstrends.indicators.catalogue import Catalogue, load_catalogue
from stadstrends.ingest.normalise import insert_observations
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.spec import SourceSpec
from stadstrends.warehouse.checks import run_checks

Progress = Callable[[str, int, int], None]

# tables the analysis stage reads besides the catalogue's (neighbourhood figures)
ANALYSIS_TABLES = ["85984NED", "85163NED"]


@dataclass
class BuildResult:
    db_path: str
    reference_year: int
    tables: int
    observations: int
    indicator_values: int
    seconds: float
    checks_failed: list[dict]


class _StageClock:
    """Reports progress and records how long each build stage took."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress or (lambda label, done, total: None)
        self.total = 1
        self.done = 0
        self.timings: dict[str, float] = {}
        self._stage: str | None = None
        self._since = time.perf_counter()

    def start(self, stage: str) -> None:
        """Close the running stage and start ``stage`` (``done`` ends the clock)."""
        now = time.perf_counter()
        if self._stage:
            self.timings[self._stage] = round(now - self._since, 2)
        self._stage, self._since = (None if stage == "done" else stage), now
        self.report(stage)

    def report(self, label: str) -> None:
        """Show ``label`` and advance the bar by one step."""
        self.progress(label, min(self.done, self.total), self.total)
        self.done += 1


def required_tables(catalogue: Catalogue) -> list[SourceSpec]:
    """Every source the catalogue and the harmonisation need, in first-use order (one per
    table and API; the catalogue's ``sources`` give a v4 source its filter)."""
    wanted = [(load_split_config().table, "v3")]
    for ind in catalogue.indicators:
        for part in [*ind.numerator, *(ind.denominator or [])]:
            wanted.append((part.table, part.api))
    wanted += [(t, "v3") for t in ANALYSIS_TABLES]
    seen: dict[tuple[str, str], SourceSpec] = {}
    for table, api in wanted:
        seen.setdefault((table.lower(), api), catalogue.source_spec(table, api))
    return list(seen.values())


def _load_observations(
    con: duckdb.DuckDBPyConnection, tables: list[WideTable]
) -> None:
    for table in tables:
        insert_observations(con, table)
    store_frame(con, "sources", pd.DataFrame([asdict(t.source) for t in tables]))


def _population_transfers(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    cfg = load_split_config()
    return con.execute(
        """
        SELECT region_code AS code, year,
               max(value) FILTER (WHERE measure = ?) AS pop_jan,
               max(value) FILTER (WHERE measure = ?) AS pop_dec
        FROM raw_observations
        WHERE lower(table_id) = lower(?) AND region_code LIKE 'GM%'
          AND list_has_all(string_split(dims, '|'), ?)
        GROUP BY ALL
        """,
        [cfg.population_1_january, cfg.population_31_december, cfg.table, list(cfg.where)],
    ).df()


def _build_regions(con: duckdb.DuckDBPyConnection, snapshot: Path) -> int:
    from stadstrends.regions.history import municipality_history, region_list
    from stadstrends.regions.membership import membership
    from stadstrends.regions.sets import region_sets
    from stadstrends.regions.sources import read_herindeling

    history = municipality_history(snapshot)
    members = membership(snapshot)
    reference_year = int(members["year"].max())
    store_frame(con, "region_history", history)
    regions = region_list(snapshot)
    regions = regions[regions["level"].isin(["gemeente", "corop", "provincie", "land"])]
    labels = read_herindeling(snapshot).set_index("code")["label"]
    store_frame(con, "regions", regions.assign(label=regions["region_code"].map(labels)))
    store_frame(con, "membership", members)
    store_frame(con, "region_sets", region_sets(members, reference_year))
    current = set(members.loc[members["year"] == reference_year, "gm_code"])
    shares = split_shares(history, _population_transfers(con), load_split_config().splits)
    store_frame(con, "split_shares", shares)
    store_frame(con, "crosswalk", build_crosswalk(history, current, shares))
    return reference_year


def _store_catalogue(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> None:
    rows = [{
        "indicator_id": i.id, "domain": i.domain, "title_nl": i.title_nl,
        "title_en": i.title_en, "description_nl": i.description_nl,
        "description_en": i.description_en, "unit": i.unit, "direction": i.direction,
        "method": i.method, "opgaven": list(i.opgaven), "caveats": list(i.caveats),
        "key_indicator": i.key, "aliases": list(i.aliases),
        "source_tables": sorted({p.table for p in [*i.numerator, *(i.denominator or [])]}),
    } for i in catalogue.indicators]
    store_frame(con, "indicators", pd.DataFrame(rows))


def build_warehouse(
    db_path: Path,
    read_table: Callable[[SourceSpec], WideTable],
    snapshot: Path,
    catalogue: Catalogue | None = None,
    progress: Progress | None = None,
    origin: str = "snapshot",
    window: int = 8,
) -> BuildResult:
    """Build a new warehouse at ``db_path`` from tables given by ``read_table``.

    ``snapshot`` supplies the region reference files. The new file replaces the old one only
    when the whole build succeeded. ``window`` is the number of years of the trend window."""
    started = time.perf_counter()
    catalogue = catalogue or load_catalogue()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    for stale in db_path.parent.glob(f".{db_path.name}.building-*"):
        stale.unlink(missing_ok=True)
    clock = _StageClock(progress)
    con = duckdb.connect(str(tmp))
    try:
        names = required_tables(catalogue)
        clock.total = len(names) + 5
        clock.start("ingest")
        tables = []
        for name in names:
            clock.report(f"ingest {name}")
            tables.append(read_table(name))
        _load_observations(con, tables)
        clock.start("regions and mergers")
        reference_year = _build_regions(con, snapshot)
        clock.start("indicators")
        _store_catalogue(con, catalogue)
        build_indicators(con, catalogue)
        con.execute(resources.files("stadstrends.warehouse").joinpath("views.sql").read_text())
        clock.start("analysis")
        build_analysis(con, window=window)
        clock.start("checks and save")
        failed = run_checks(con)
        seconds = time.perf_counter() - started
        info = {"built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "version": __version__, "origin": origin, "snapshot": str(Path(snapshot).resolve()),
                "reference_year": reference_year, "window": window,
                "seconds": round(seconds, 2),
                "stage_seconds": json.dumps(clock.timings),
                "checks_failed": json.dumps(failed, default=str)}
        store_frame(con, "build_info", pd.DataFrame([info]))
        n_obs = con.execute("SELECT count(*) FROM raw_observations").fetchall()[0][0]
        n_val = con.execute("SELECT count(*) FROM indicator_values").fetchall()[0][0]
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, db_path)
        clock.start("done")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return BuildResult(str(db_path), reference_year, len(tables), n_obs, n_val, seconds, failed)


def open_warehouse(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open a built warehouse read-only, or explain how to build one."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise WarehouseMissing(
            f"no warehouse at {db_path}",
            "build it first: `stadstrends build --snapshot ../shared/data` (or pass --db PATH)",
        )
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseMissing(
            f"cannot open warehouse {db_path}: {exc}",
            "rebuild it with `stadstrends build --snapshot DIR`",
        ) from exc
