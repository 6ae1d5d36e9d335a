"""Which municipality a report is about: a code or name resolved to a current municipality
(:class:`~stadstrends.errors.RegionNotFound` with suggestions when unknown, or naming what a
former municipality became) and the municipalities of a comparison group."""

from __future__ import annotations

import datetime as dt

import duckdb

from stadstrends.errors import RegionNotFound
from stadstrends.publish.read import records as _records
from stadstrends.publish.relations import once


def set_cities(con: duckdb.DuckDBPyConnection, set_id: str | None = None) -> list[dict]:
    """Code and name of every current municipality in a comparison group (a group that is
    the same for all its members; default: every municipality), by name."""
    if set_id is None:
        return _records(con, """
            SELECT d.region_code AS code, any_value(r.name) AS name FROM default_group d
            JOIN regions r ON r.region_code = d.region_code AND r.valid_to IS NULL
            GROUP BY 1 ORDER BY 2""")
    return _records(con, """
        SELECT s.region_code AS code, any_value(r.name) AS name
        FROM comparison_group_members s
        JOIN regions r ON r.region_code = s.region_code AND r.valid_to IS NULL
        WHERE s.set_id = ? AND s.focal_code IS NULL GROUP BY 1 ORDER BY 2""", [set_id])


def resolve_city(con: duckdb.DuckDBPyConnection, query: str) -> dict:
    """The current municipality meant by ``query`` (RegionNotFound with suggestions when
    unknown). A code or exact name is looked up directly; anything else goes through the
    full region index (aliases, former names, suggestions)."""
    current = once(con, "current municipalities", lambda: {r[0]: r[1] for r in con.execute("""
        SELECT d.region_code, any_value(r.name) FROM default_group d
        JOIN regions r ON r.region_code = d.region_code AND r.valid_to IS NULL
        GROUP BY 1""").fetchall()})  # read once per read-only connection, never changed
    text = query.strip()
    exact = {name.casefold(): code for code, name in current.items()}
    same = sorted(c for c, name in current.items() if name.casefold() == text.casefold())
    if text.upper() in current or (text.casefold() in exact and len(same) == 1):
        code = text.upper() if text.upper() in current else exact[text.casefold()]
        return {"code": code, "name": current[code]}
    from stadstrends.publish.queries import region_index  # pandas: only when needed

    # two municipalities called Bergen: the region index's AmbiguousRegion, as `show` says
    # it ('GM0373 Bergen (NH.), GM0893 Bergen (L.)')
    code = region_index(con).resolve(query, level="gemeente")
    if code not in current:
        raise former_municipality(con, code)
    return {"code": code, "name": current[code]}


def former_municipality(con: duckdb.DuckDBPyConnection, code: str) -> RegionNotFound:
    """The error for a former municipality: since when and what it became (the successor
    holding it whole, those it was divided over, the chain: Esch into Haaren, Haaren divided)
    and the report to write instead; worded as ``show`` words it (``errors.former_*``)."""
    from stadstrends.publish.successors import Successors

    name = con.execute("SELECT any_value(name) FROM regions WHERE region_code = ?",
                       [code]).fetchall()[0][0]
    found = Successors(con).former(code)
    if not found:
        return RegionNotFound.worded("former_unknown", name=name, code=code)
    day, succ = dt.date.fromisoformat(found["ended"]), found["successors"]
    if not succ:  # Elten: the register names no successor
        return RegionNotFound.worded("former_gone", name=found["name"], code=code, day=day)
    listed = ", ".join(f"{s['name']} ({s['region_code']})" for s in succ)
    first = {"first": succ[0]["name"], "first_code": succ[0]["region_code"],
             "suggestions": [s["region_code"] for s in succ],
             "named": {s["region_code"]: f"{s['region_code']} {s['name']}" for s in succ}}
    if found.get("chain"):  # Esch: which part of Haaren it was is not known
        step, last = found["chain"][0], found["shares_of"]
        return RegionNotFound.worded(
            "former_chain_report", name=found["name"], code=code, day=day, successors=listed,
            into=f"{step['into_name']} ({step['into']})", last=last["name"],
            last_day=dt.date.fromisoformat(last["ended"]), **first)
    if not found["direct"]:  # St. Anthonis: not 'since 1995 part of Land van Cuijk'
        return RegionNotFound.worded("former_now_report", name=name, code=code, day=day,
                                     successors=listed, **first)
    if found["whole"]:
        return RegionNotFound.worded(
            "former_whole", name=name, code=code, day=day, successor=first["first"],
            successor_code=first["first_code"], suggestions=first["suggestions"],
            named=first["named"])
    return RegionNotFound.worded("former_split_report", name=name, code=code, day=day,
                                 successors=listed, **first)

