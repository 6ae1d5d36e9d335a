"""The build's ingest stage: every table the catalogue needs read (ahead, in worker
processes) and inserted into ``raw_observations`` in one transaction, its provenance in
``sources``, and the check that every measure the catalogue reads was there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TypeVar

import duckdb
import pandas as pd

from stadstrends.analysis.ineq_specs import source_measures as ineq_source_measures
from stadstrends.duck import store_frame
from stadstrends.harmonise.crosswalk import load_split_config
from stadstrends.indicators.catalogue import Catalogue
from stadstrends.ingest.ahead import read_ahead
from stadstrends.ingest.edge import check_measures
from stadstrends.ingest.normalise import insert_observations, stored_measures
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.spec import SourceSpec
from stadstrends.warehouse.files import held_lock_fds

T = TypeVar("T")


def catalogue_terms(catalogue: Catalogue) -> dict[tuple[str, str], set[str]]:
    """The measures the catalogue's indicators read: (lower-case table id, API) -> names
    (their parts' and ``persons_base``'s)."""
    terms: dict[tuple[str, str], set[str]] = {}
    for ind in catalogue.indicators:
        for part in [*ind.parts, *(ind.persons_base or [])]:
            terms.setdefault((part.table.lower(), part.api), set()).update(
                m for m, _ in part.terms)
    return terms


def used_measures(catalogue: Catalogue) -> dict[str, set[str]]:
    """The raw measures the build reads, per lower-case table id: the catalogue's terms, the
    split shares' population counts and the neighbourhood inequality's columns (the
    ``raw_measures: used`` setting stores only these)."""
    used: dict[str, set[str]] = {}
    for (table, _), measures in catalogue_terms(catalogue).items():
        used.setdefault(table, set()).update(measures)
    split = load_split_config()
    used.setdefault(split.table.lower(), set()).update(
        {split.population_1_january, split.population_31_december})
    for table, columns in ineq_source_measures().items():
        used.setdefault(table.lower(), set()).update(columns)
    return used


def _check_measures(catalogue: Catalogue,
                    read: dict[tuple[str, str], tuple[str, list[str], list[str], list[str]]]
                    ) -> None:
    """Every measure the catalogue reads was read (a renamed column fails here, naming the
    file; see :func:`stadstrends.ingest.edge.check_measures`). ``read``: (lower-case table
    id, API) -> (location, measures, dimensions, renamed columns)."""
    check_measures(catalogue_terms(catalogue), read)


def ingest_tables(con: duckdb.DuckDBPyConnection, names: list[SourceSpec],
                  read_table: Callable[[SourceSpec], WideTable], catalogue: Catalogue,
                  report: Callable[[str], None], wanted: dict[str, set[str]] | None = None,
                  side: Callable[[], T] | None = None) -> tuple[int, T | None]:
    """Read and insert one table at a time into ``raw_observations`` (``report``: called
    with a label per table, for the progress bar), then check the catalogue's measures and
    store ``sources``; returns the number of distinct tables (a table read as CSV and through
    OData v4, 83625NED, counts once: 49 tables in 50 ``sources`` rows of the snapshot, one
    of them KWB 2019, CBS's 84583NED, as a copy of its municipality rows) and the result of
    ``side()``, reading work done meanwhile (the region files). Tables are read ahead in
    worker processes (:func:`~stadstrends.ingest.ahead.read_ahead`) while DuckDB inserts the
    current one; reading errors surface in table order. ``wanted`` (lower-case table id ->
    measures) limits what is stored (:func:`used_measures`); None stores every measure."""
    infos, read = [], {}
    con.execute("BEGIN TRANSACTION")  # one commit for all tables: ~15% less insert CPU
    with read_ahead(read_table, names, wanted, side, held_lock_fds()) as (tables, side_result):
        for name, table in zip(names, tables, strict=True):
            report(f"ingest {name}")
            _insert(con, table, infos, read,
                    None if wanted is None else wanted.get(table.source.table_id.lower(), set()))
            del table
        beside = side_result()
    con.execute("COMMIT")
    _check_measures(catalogue, read)
    # text even where no copy is cut (all NULL): record_cuts may write a label into it
    store_frame(con, "sources", pd.DataFrame(infos).astype({"cut_after": "string"}))
    return len({i["table_id"].lower() for i in infos}), beside


def _status_only(table: WideTable) -> str | None:
    """The one value of a StatusCijfer dimension the file holds (60039fvw, cut at 10 000
    rows inside its first slice: 'Voorlopig' only; CBS publishes 'Definitief' too), else
    None (no such dimension, or both slices: 85383NED)."""
    dim = next((d for d in table.dimensions if d.lower() == "statuscijfer"), None)
    if dim is None or dim not in table.frame.columns:
        return None
    values = set(table.frame[dim].dropna().astype(str).str.strip()) - {""}
    return values.pop() if len(values) == 1 else None


def _insert(con: duckdb.DuckDBPyConnection, table: WideTable, infos: list[dict],
            read: dict[tuple[str, str], tuple[str, list[str], list[str], list[str]]],
            wanted: set[str] | None) -> None:
    insert_observations(con, table, wanted=wanted)
    infos.append({**asdict(table.source), "measures_available": len(table.measures),
                  "measures_stored": len(stored_measures(table, wanted)),
                  "status_only": _status_only(table)})
    if table.source.origin != "none":  # not readable here at all: a recorded gap
        read[(table.source.table_id.lower(), table.source.api)] = (
            table.source.location, table.measures, table.dimensions,
            [c for c in table.source.renamed_columns.split(",") if c])
