"""Read-only queries on the warehouse's public views, shared by the CLI, reports and web."""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.errors import IndicatorNotFound, InvalidParameter
from stadstrends.regions.lookup import RegionIndex, load_aliases

LEVELS = ("gemeente", "corop", "provincie", "land")


def region_index(con: duckdb.DuckDBPyConnection) -> RegionIndex:
    """A name/alias/code index over the warehouse's regions."""
    regions = con.execute(
        "SELECT region_code, name, label, level, valid_from, valid_to FROM regions").df()
    return RegionIndex(regions, load_aliases())


def resolve_region(con: duckdb.DuckDBPyConnection, query: str) -> dict:
    """The region a user means by ``query`` (name, alias or code), as a dict."""
    code = region_index(con).resolve(query)
    row = con.execute(
        "SELECT region_code, name, level, valid_from, valid_to FROM regions "
        "WHERE region_code = ? ORDER BY valid_to NULLS FIRST LIMIT 1", [code]).df()
    return row.iloc[0].to_dict()


def search_regions(con: duckdb.DuckDBPyConnection, query: str | None, level: str | None = None,
                   include_former: bool = False, limit: int = 400) -> pd.DataFrame:
    """Regions matching ``query`` (all current ones when empty)."""
    if level is not None and level not in LEVELS:
        raise InvalidParameter(f"unknown level '{level}'", f"use one of: {', '.join(LEVELS)}")
    frame = con.execute(
        "SELECT region_code, name, level, valid_from, valid_to FROM regions ORDER BY region_code"
    ).df()
    if not include_former:
        frame = frame[frame["valid_to"].isna()]
    if level:
        frame = frame[frame["level"] == level]
    if query:
        hits = region_index(con).search(query, limit=limit)
        order = {hit[0]: i for i, hit in enumerate(hits)}
        frame = frame[frame["region_code"].isin(order)]
        frame = frame.assign(_o=frame["region_code"].map(order)).sort_values("_o")
        frame = frame.drop(columns="_o")
    return frame.head(limit).reset_index(drop=True)


def indicator_meta(con: duckdb.DuckDBPyConnection, indicator_id: str) -> dict:
    """Catalogue entry of one indicator, or :class:`IndicatorNotFound` with suggestions."""
    row = con.execute(
        "SELECT * FROM indicators WHERE indicator_id = ? OR list_contains(aliases, ?)",
        [indicator_id, indicator_id]).df()
    if row.empty:
        import difflib

        ids = [r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()]
        raise IndicatorNotFound(
            f"Unknown indicator '{indicator_id}'", "run `stadstrends indicators` to list them",
            suggestions=difflib.get_close_matches(indicator_id, ids, n=5, cutoff=0.5),
        )
    return row.iloc[0].to_dict()


def indicator_series(con: duckdb.DuckDBPyConnection, region_query: str, indicator_id: str
                     ) -> tuple[dict, pd.DataFrame]:
    """An indicator's yearly values for one region with their source tables."""
    meta = indicator_meta(con, indicator_id)
    indicator_id = meta["indicator_id"]
    region = resolve_region(con, region_query)
    frame = con.execute(
        """
        SELECT year, value, source_tables AS source, provisional
        FROM indicator_values WHERE indicator_id = ? AND region_code = ? ORDER BY year
        """, [indicator_id, region["region_code"]]).df()
    meta = {**meta, "region_code": region["region_code"], "region_name": region["name"]}
    return meta, frame


def list_indicators(con: duckdb.DuckDBPyConnection, domain: str | None = None) -> pd.DataFrame:
    """The catalogue (optionally one domain), with unit and source tables."""
    domains = [r[0] for r in con.execute("SELECT DISTINCT domain FROM indicators").fetchall()]
    if domain is not None and domain not in domains:
        raise InvalidParameter(f"unknown domain '{domain}'",
                               f"use one of: {', '.join(sorted(domains))}")
    return con.execute(
        """
        SELECT indicator_id, domain, title_nl, unit, direction,
               array_to_string(source_tables, ', ') AS sources
        FROM indicators WHERE ? IS NULL OR domain = ? ORDER BY domain, indicator_id
        """, [domain, domain]).df()
