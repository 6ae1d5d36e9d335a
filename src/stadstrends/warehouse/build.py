"""Build the warehouse: ingest -> regions -> harmonise -> indicators -> views.

A build writes a new DuckDB file next to the target and swaps it in with an atomic rename
only when everything succeeded and nothing is lost (:mod:`.guard`): an interrupted, failed or
refused build leaves the old file intact. File safety (locks, temp files, what may be
replaced, the schema version) lives in :mod:`.files`.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import resources as package_files
from pathlib import Path

import duckdb
import pandas as pd

from stadstrends import __version__
from stadstrends.analysis.benchmarks import MAD_SCALE
from stadstrends.analysis.build import build_analysis, early_analysis, preload_libraries
from stadstrends.duck import store_frame
from stadstrends.errors import InvalidParameter
from stadstrends.harmonise.boundaries import detect_boundary_years
from stadstrends.harmonise.crosswalk import load_split_config, split_shares
from stadstrends.harmonise.transfers import build_successors, crosswalk_by_year
from stadstrends.harmonise.validity import drop_out_of_validity
from stadstrends.indicators.build import build_indicators
from stadstrends.indicators.catalogue import Catalogue, load_catalogue
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.spec import SourceSpec
from stadstrends.regions.reading import checked_regions, read_regions, region_frames
from stadstrends.settings import BuildSettings, default_settings
from stadstrends.warehouse import guard
from stadstrends.warehouse.checks import checks_beside, refusal, run_checks
from stadstrends.warehouse.files import (
    SCHEMA_VERSION,
    STADSTRENDS,
    build_lock,
    check_target,
    clean_stale,
    open_warehouse,
    sigterm_stops,
    temp_path,
    warehouse_kind,
    write_error,
)
from stadstrends.warehouse.ingesting import ingest_tables, used_measures
from stadstrends.warehouse.labels import build_labels
from stadstrends.warehouse.resources import (
    DEFAULT_RESOURCES,
    BuildResources,
    durable_checkpoint,
    memory_error,
    remove_spill,
)
from stadstrends.warehouse.stage_clock import Progress, StageClock

__all__ = ["BuildResult", "build_warehouse", "checked_regions", "open_warehouse", "read_regions",
           "region_frames", "required_tables"]

# tables the analysis stage reads besides the catalogue's (neighbourhood figures)
ANALYSIS_TABLES = ["85984NED", "85163NED"]
VALUES = "indicator_results WHERE value IS NOT NULL"  # indicator_values' rows, not its joins


@dataclass
class BuildResult:
    db_path: str
    reference_year: int
    tables: int
    observations: int
    indicator_values: int
    seconds: float
    checks_failed: list[dict]
    accepted_losses: list[dict] = field(default_factory=list)


def required_tables(catalogue: Catalogue) -> list[SourceSpec]:
    """Every source the catalogue and the harmonisation need, in first-use order (one per
    table and API; the catalogue's ``sources`` give a v4 source its filter)."""
    wanted = [(load_split_config().table, "v3")]
    for ind in catalogue.indicators:
        for part in ind.parts:
            wanted.append((part.table, part.api))
    wanted += [(t, "v3") for t in ANALYSIS_TABLES]
    seen: dict[tuple[str, str], SourceSpec] = {}
    for table, api in wanted:
        seen.setdefault((table.lower(), api), catalogue.source_spec(table, api))
    return list(seen.values())


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


def _received_from_others(transfers: pd.DataFrame, split_codes: set[str]
                          ) -> dict[tuple[str, int], float]:
    """Inhabitants each code received on 1 January of a year from codes that were not split
    (CBS's register), for measuring what it received from a split municipality."""
    jan = transfers[pd.to_datetime(transfers["date"]).dt.strftime("%m-%d") == "01-01"]
    jan = jan[~jan["donor"].isin(split_codes)]
    sums = jan.groupby([jan["recipient"], pd.to_datetime(jan["date"]).dt.year])["inhabitants"]
    return {(r, int(y)): float(v) for (r, y), v in sums.sum().items()}


def _build_regions(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> int:
    """Store the region tables of :func:`read_regions`, the split shares (which need the
    ingested population counts) and the crosswalk per boundary year; returns the reference
    year (the latest Gebieden in Nederland edition)."""
    for name, frame in frames.items():
        store_frame(con, name, frame)
    history, members = frames["region_history"], frames["membership"]
    transfers = frames["boundary_transfers"]
    reference_year = int(members["year"].max())
    known = set(history["code"])  # every code since 1830 (fewer in a synthetic warehouse)
    splits = [s for s in load_split_config().splits if s.code in known]
    measured = split_shares(history, _population_transfers(con), splits,
                            _received_from_others(transfers, {s.code for s in splits}))
    store_frame(con, "split_shares", measured)
    current = set(members.loc[members["year"] == reference_year, "gm_code"])
    oldest = con.execute("SELECT min(year) FROM raw_observations").fetchall()[0][0]
    first = min(int(members["year"].min()), int(oldest or reference_year))
    store_frame(con, "crosswalk", crosswalk_by_year(frames["transfer_shares"], current, first,
                                                    reference_year))
    return reference_year


def check_sets(con: duckdb.DuckDBPyConnection, settings: BuildSettings) -> None:
    """The region sets the settings name exist (an InvalidParameter names those that do not)."""
    known = {r[0] for r in con.execute("SELECT DISTINCT set_id FROM region_sets").fetchall()}
    missing = [s for s in (settings.city_set, settings.featured_set,
                           *settings.neighbourhood_sets) if s not in known]
    if missing:
        raise InvalidParameter.worded("settings_unknown_sets", sets=", ".join(missing),
                                      examples=", ".join(sorted(known)[:4]))


def _store_catalogue(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> None:
    rows = [{
        "indicator_id": i.id, "domain": i.domain, "title_nl": i.title_nl,
        "title_en": i.title_en, "description_nl": i.description_nl,
        "description_en": i.description_en, "unit": i.unit, "decimals": i.decimals,
        "direction": i.direction, "current_prices": i.current_prices,
        "can_be_negative": i.can_be_negative, "year_offset": i.year_offset,
        "method": i.method, "opgaven": list(i.opgaven), "caveats": [c.nl for c in i.caveats],
        "caveats_en": [c.en for c in i.caveats], "snapshot_notes": list(i.snapshot_notes),
        "key_indicator": i.key, "projection": i.projection, "aliases": list(i.aliases),
        "source_tables": sorted({p.table for p in i.parts}),
        "break_years": [b.year for b in i.breaks],
        "break_reasons": [b.reason for b in i.breaks],
        "continuous_sources": list(i.continuous_sources),
        # years left out, each with the index of the caveat that says why (2015-2016 of gas)
        "omitted_years": [y for c in i.caveats for y in c.years],
        "omitted_caveats": [k for k, c in enumerate(i.caveats) for _ in c.years],
    } for i in catalogue.indicators]
    store_frame(con, "indicators", pd.DataFrame(rows))
    con.execute("""CREATE OR REPLACE TABLE indicators AS SELECT * REPLACE (
        break_years::INTEGER[] AS break_years, break_reasons::VARCHAR[] AS break_reasons,
        continuous_sources::VARCHAR[] AS continuous_sources, caveats::VARCHAR[] AS caveats,
        caveats_en::VARCHAR[] AS caveats_en, snapshot_notes::VARCHAR[] AS snapshot_notes,
        decimals::INTEGER AS decimals, year_offset::INTEGER AS year_offset,
        omitted_years::INTEGER[] AS omitted_years, omitted_caveats::INTEGER[] AS omitted_caveats)
        FROM indicators""")


def build_warehouse(
    db_path: Path,
    read_table: Callable[[SourceSpec], WideTable],
    snapshot: Path,
    catalogue: Catalogue | None = None,
    progress: Progress | None = None,
    origin: str = "snapshot",
    window: int | None = None,
    force: bool = False,
    accept_losses: bool = False,
    settings: BuildSettings | None = None,
    resources: BuildResources | None = None,
    regions: Callable[[Path], dict[str, pd.DataFrame]] | None = None,
    allow_gaps: bool = False,
    inputs_unchecked: bool = False,
) -> BuildResult:
    """Build a new warehouse at ``db_path`` from tables given by ``read_table``.

    ``snapshot`` supplies the region reference files and the boundary files the maps draw
    (checked while the tables are read: a damaged one fails the build naming it,
    :mod:`stadstrends.geofiles`, as a damaged CSV does, instead of a report that breaks
    later). The new file replaces the old one only when the whole build succeeded, its data
    checks passed and it loses nothing the old one had (see :mod:`.guard`; ``accept_losses``
    overrides). A file that is not a Stadstrends warehouse is replaced only with ``force``.
    A failed data check refuses the build (:func:`~stadstrends.warehouse.checks.refusal`:
    :class:`~stadstrends.errors.ChecksFailed`, or a damaged snapshot copy's refusal), the
    new file discarded, unless ``allow_gaps``: then it is swapped in and the failed checks
    are returned (and stored in ``build_info``), snapshot and live builds alike. One build
    per file at a time. ``settings``: the build settings (:mod:`stadstrends.settings`;
    ``window``, the number of calendar years of the trend window, overrides theirs), recorded in
    ``build_info``, as are ``resources`` (DuckDB memory limit and spill folder,
    :mod:`.resources`) and ``inputs_unchecked`` (a snapshot without its register, read with
    ``--unchecked``: the reports and the site say so)."""
    settings = (settings or default_settings()).model_copy(
        update={} if window is None else {"window": window})
    db_path = Path(db_path)
    check_target(db_path, force)
    with build_lock(db_path), sigterm_stops(db_path):
        clean_stale(db_path)
        return _build(db_path, read_table, snapshot, catalogue or load_catalogue(),
                      StageClock(progress), origin, settings, accept_losses,
                      resources or DEFAULT_RESOURCES, regions or read_regions, allow_gaps,
                      inputs_unchecked)


def _build(db_path: Path, read_table: Callable[[SourceSpec], WideTable], snapshot: Path,
           catalogue: Catalogue, clock: StageClock, origin: str,
           settings: BuildSettings, accept_losses: bool,
           resources: BuildResources,
           regions: Callable[[Path], dict[str, pd.DataFrame]], allow_gaps: bool = False,
           inputs_unchecked: bool = False) -> BuildResult:
    started = time.perf_counter()
    tmp = temp_path(db_path)
    replaces = db_path.exists() and warehouse_kind(db_path) == STADSTRENDS
    con = spill = None
    try:
        con = duckdb.connect(str(tmp))
        resources.apply(con)
        used = resources.record(con)
        spill = used["temp_directory"]
        names = required_tables(catalogue)
        clock.total = len(names) + 5
        clock.start("ingest")
        n_tables, region_frames = ingest_tables(
            con, names, read_table, catalogue, clock.report,
            used_measures(catalogue) if settings.raw_measures == "used" else None,
            partial(checked_regions, regions, snapshot))  # read meanwhile, in a worker
        clock.start("regions and mergers")
        # one commit for the stage's fifteen statements: 0.42 -> 0.35 s (medians of 4)
        con.execute("BEGIN TRANSACTION")
        reference_year = _build_regions(con, region_frames)
        check_sets(con, settings)
        build_successors(con)
        detect_boundary_years(con)
        dropped = drop_out_of_validity(con)
        con.execute("COMMIT")
        preload_libraries()  # the analysis' imports, while DuckDB runs the checks and stage
        found, beside = checks_beside(settings, con)  # a cut found is recorded: said as one
        clock.start("indicators")
        with early_analysis(con, settings=settings, deferred=True) as early:  # on a cursor
            _store_catalogue(con, catalogue)
            build_indicators(con, catalogue, settings.national_includes_more, early.start)
            con.execute(package_files.files(__package__).joinpath("views.sql").read_text())
            early_counts = early()
        clock.start("analysis")
        build_analysis(con, settings=settings, early=early_counts, extra=beside)
        build_labels(con)
        clock.start("checks and save")
        failed = run_checks(con, settings, found)
        if not allow_gaps and (refused := refusal(con, failed, origin, db_path)) is not None:
            raise refused  # bad input never replaces what was built: the new file is dropped
        lost = guard.losses(con, db_path) if replaces else []
        if lost and not accept_losses:
            raise guard.refuse(db_path, lost)
        seconds = time.perf_counter() - started
        info = {"built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "build_id": uuid.uuid4().hex, "schema_version": SCHEMA_VERSION,
                "version": __version__, "origin": origin, "snapshot": str(Path(snapshot).resolve()),
                "reference_year": reference_year, "inputs_unchecked": inputs_unchecked,
                **settings.record(), **used, "mad_scale": MAD_SCALE,  # the report says it
                "latest_data_year": con.execute(  # the view's: 0.17 s, this 0.01
                    f"SELECT max(year) FROM {VALUES} AND indicator_id NOT IN "
                    "(SELECT indicator_id FROM indicators WHERE projection)").fetchall()[0][0],
                "seconds": round(seconds, 2),
                "stage_seconds": json.dumps(clock.timings),
                "cells_out_of_validity": json.dumps(dropped),
                "checks_failed": json.dumps(failed, default=str),
                "accepted_losses": json.dumps(lost, default=str)}
        store_frame(con, "build_info", pd.DataFrame([info]))
        n_obs = con.execute("SELECT count(*) FROM raw_observations").fetchall()[0][0]
        n_val = con.execute(f"SELECT count(*) FROM {VALUES}").fetchall()[0][0]
        durable_checkpoint(con)  # synced to disk before it replaces the warehouse
        con.close()
        remove_spill(spill, resources.temp_directory)
        os.replace(tmp, db_path)
        clock.start("done")
    except BaseException as exc:
        if con is not None:
            con.close()
        remove_spill(spill, resources.temp_directory)
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        error = write_error(db_path, exc) or memory_error(exc, resources, db_path)
        if error is not None:
            raise error from None
        raise
    return BuildResult(str(db_path), reference_year, n_tables, n_obs, n_val, seconds, failed,
                       lost)
