"""The build's regions stage: the region tables of :func:`~.build.read_regions` stored, with
the split shares (which need the ingested population counts) and the crosswalk per boundary
year.

Its pandas work (the split shares, the crosswalk) starts in a thread of its own as soon as
the ingest's last insert is done (:func:`prepare_regions`, given to
:func:`~.ingesting.ingest_tables`): it reads two things of the ingest's
``raw_observations`` first (the population counts, the oldest year), then runs beside the
ingest's ``COMMIT``, which holds one core without Python's lock; :func:`store_regions`
stores its results in the regions stage. Nothing of it reads a table of a later stage."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import duckdb
import pandas as pd

from stadstrends.duck import store_frame
from stadstrends.harmonise.crosswalk import load_split_config, split_shares
from stadstrends.harmonise.transfers import crosswalk_by_year


def population_transfers(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The population on 1 January and 31 December per municipality code and year, from the
    split shares' CBS table in ``raw_observations``."""
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


@dataclass
class PreparedRegions:
    """The region frames as read and the stage's pandas work under way (:func:`prepare_regions`):
    ``steps`` gives (the split shares, the crosswalk)."""

    frames: dict[str, pd.DataFrame]
    steps: Future[tuple[pd.DataFrame, pd.DataFrame]]


def _steps(frames: dict[str, pd.DataFrame], population: pd.DataFrame, oldest: int | None
           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    history, members = frames["region_history"], frames["membership"]
    reference_year = int(members["year"].max())
    known = set(history["code"])  # every code since 1830 (fewer in a synthetic warehouse)
    splits = [s for s in load_split_config().splits if s.code in known]
    measured = split_shares(history, population, splits, _received_from_others(
        frames["boundary_transfers"], {s.code for s in splits}))
    current = set(members.loc[members["year"] == reference_year, "gm_code"])
    first = min(int(members["year"].min()), int(oldest or reference_year))
    return measured, crosswalk_by_year(frames["transfer_shares"], current, first,
                                       reference_year)


def prepare_regions(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame] | None
                    ) -> PreparedRegions | None:
    """Read the population counts and the oldest year from ``raw_observations`` (every
    table inserted, the ingest's transaction still open) and start the split shares and the
    crosswalk in a thread. A failure in it (:class:`DataCheckError` of the split shares)
    surfaces in :func:`store_regions`."""
    if frames is None:
        return None
    population = population_transfers(con)
    oldest = con.execute("SELECT min(year) FROM raw_observations").fetchall()[0][0]
    pool = ThreadPoolExecutor(1, thread_name_prefix="regions")
    try:
        return PreparedRegions(frames, pool.submit(_steps, frames, population, oldest))
    finally:
        pool.shutdown(wait=False)


def store_regions(con: duckdb.DuckDBPyConnection, prepared: PreparedRegions) -> int:
    """Store the region tables, the split shares and the crosswalk; returns the reference
    year (the latest Gebieden in Nederland edition)."""
    for name, frame in prepared.frames.items():
        store_frame(con, name, frame)
    measured, crosswalk = prepared.steps.result()
    store_frame(con, "split_shares", measured)
    store_frame(con, "crosswalk", crosswalk)
    return int(prepared.frames["membership"]["year"].max())
