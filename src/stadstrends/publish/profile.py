"""A city's trend profile: its domains, the five opgaven with their signals and the tweedeling
lens, 'kies richting' and peers, as a JSON-ready dict (:func:`city_profile`, its parts made
in :mod:`.profile_parts`) and as text (Rich, :func:`~.profile_text.render_profile`) in any
language of the language files (the dict's sentences are Dutch, ``*_nl``, plus ``*_<lang>``
for another language asked for)."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pandas as pd

from stadstrends import CREDIT, vocabulary
from stadstrends.errors import WarehouseMissing
from stadstrends.paths import rebuild_command
from stadstrends.publish.groups import PEERS_SQL, resolve_group
from stadstrends.publish.profile_parts import (
    clean,
    domain_part,
    json_rows,
    kies_part,
    opgaven_part,
)
from stadstrends.publish.profile_text import render_profile
from stadstrends.publish.queries import resolve_region
from stadstrends.publish.read import is_city
from stadstrends.publish.relations import columns, relations
from stadstrends.publish.sentence_signals import missing

__all__ = ["REQUIRED", "city_profile", "city_signals", "clean", "render_profile", "to_json"]

REQUIRED = ("opgaven", "signals", "opgave_summary", "kies_richting")


def _require(con: duckdb.DuckDBPyConnection) -> None:
    have = relations(con)
    missing_tables = [t for t in REQUIRED if t not in have]
    if missing_tables:
        raise WarehouseMissing.worded("warehouse_lacks", tables=", ".join(missing_tables),
                                      build=rebuild_command(con))


def _municipality(con: duckdb.DuckDBPyConnection, query: str) -> dict:
    """The current municipality ``query`` means, with its COROP and province; a province,
    COROP region, the country or an unknown code raise the worded errors ``report`` raises
    ('Fryslân (PV21) is een provincie, geen gemeente'), a former municipality that went to
    no successor the one ``show`` words."""
    from stadstrends.publish.queries import region_index
    from stadstrends.publish.report.city_lookup import former_municipality

    _require(con)
    region = resolve_region(con, region_index(con).resolve(query, level="gemeente"))
    if not missing(region.get("valid_to")):  # Elten: the register names no successor
        raise former_municipality(con, region["region_code"])
    code = region["region_code"]
    row = con.execute("""
        SELECT max(s.set_id) FILTER (WHERE s.set_id LIKE 'CR%') AS corop_code,
               max(r.name) FILTER (WHERE s.set_id LIKE 'CR%') AS corop_name,
               max(s.set_id) FILTER (WHERE s.set_id LIKE 'PV%') AS province_code,
               max(r.name) FILTER (WHERE s.set_id LIKE 'PV%') AS province_name
        FROM region_sets s LEFT JOIN regions r ON r.region_code = s.set_id
        WHERE s.region_code = $code""", {"code": code}).df()
    return clean({"code": code, "name": region["name"], "display_name": region["display_name"],
                  "level": region["level"], "is_city": is_city(con, code),
                  **row.iloc[0].to_dict()})


def city_signals(con: duckdb.DuckDBPyConnection, query: str,
                 group: str | None = None) -> pd.DataFrame:
    """The ``signals`` rows of one municipality within ``group`` (default: its default
    group), strongest first, with the indicator's ``year_offset`` last (1: ``year`` is CBS's
    stock on 31 December of the year before, payment arrears; else 0)."""
    region = _municipality(con, query)
    set_id = resolve_group(con, region["code"], region["name"], group)["set_id"]
    return con.execute("SELECT s.*, coalesce(i.year_offset, 0) AS year_offset FROM signals s "
                       "LEFT JOIN indicators i USING (indicator_id) "
                       "WHERE s.region_code = ? AND s.set_id = ? "
                       "ORDER BY s.rank_city, s.opgave_id, s.indicator_id, s.kind",
                       [region["code"], set_id]).df()


def _retrieved(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """When the CBS source tables were read, the first and the last day (``sources.
    retrieved_at``: YYYY-MM-DD, or YYYY-MM for the snapshot's files dated by month only; a
    table without a date, '', left out; None without any): a range, as the tables were
    read on different days (the snapshot: most tables in April 2025, 83625NED on
    2026-07-17); the report's source list gives the date per table. A copy's date
    (``retrieved_kind`` 'copy': kwb2019's 2022-09-23 is the commit date of a copy on
    GitHub, not a download from CBS) is no retrieval: ``copies`` counts those tables,
    ``copied_first`` and ``copied_last`` their dates."""
    copy = ("retrieved_kind = 'copy'" if "retrieved_kind" in columns(con, "sources")
            else "FALSE")  # a warehouse built before the column
    first, last, n, c_first, c_last = con.execute(f"""
        SELECT min(day) FILTER (WHERE NOT copy), max(day) FILTER (WHERE NOT copy),
               count(DISTINCT lower(table_id)) FILTER (WHERE copy AND day IS NOT NULL),
               min(day) FILTER (WHERE copy), max(day) FILTER (WHERE copy)
        FROM (SELECT table_id, nullif(left(retrieved_at, 10), '') AS day,
                     {copy} AS copy FROM sources)""").fetchall()[0]
    return {"first": first, "last": last, "copies": n, "copied_first": c_first,
            "copied_last": c_last}


def city_profile(con: duckdb.DuckDBPyConnection, query: str, group: str | None = None,
                 lang: str = "nl") -> dict:
    """The profile of the municipality ``query`` (name, alias or code) as a JSON-ready dict,
    positions within ``group`` (a group id or the code naming one; default: the
    municipality's default group). Its texts are Dutch (``*_nl``), and also in ``lang``
    (``*_<lang>``) when that is another language."""
    langs = tuple(dict.fromkeys(("nl", vocabulary.check(lang))))
    region = _municipality(con, query)
    code = region["code"]
    chosen = resolve_group(con, code, region["name"], group)
    kies = kies_part(con, code, chosen, langs)
    peers = json_rows(con, PEERS_SQL, [code, chosen["set_id"]])  # the group's, then all's
    return {
        "region": region,
        "group": clean({k: chosen[k] for k in ("set_id", "family", "label_nl", "label_en",
                                                "n", "phrase_nl", "phrase_en",
                                                "is_default", "member")}
                       # a peer group's members but the city, nearest first (groups.describe)
                       | {k: chosen[k] for k in ("peer_members",) if k in chosen}),
        "retrieved": _retrieved(con),
        "domains": domain_part(con, code, chosen["set_id"], langs),
        "opgaven": opgaven_part(con, code, chosen, langs, kies),
        "kies_richting": kies,
        "peers": peers,
        "credit": CREDIT,
    }


def to_json(profile: dict) -> str:
    """The profile as indented JSON (UTF-8 text), its numbers as every data output gives them
    (:func:`~stadstrends.publish.harmonised.as_data`: 0.25185, not 0.25184963754577383)."""
    from stadstrends.publish.harmonised import as_data

    return json.dumps(as_data(clean(profile)), ensure_ascii=False, indent=2)
