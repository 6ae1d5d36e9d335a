"""Former municipalities answer with today's successor (CLI ``show``, API, web pages).

The build stores ``region_successors(region_code, successor_code, weight, since)``
(:func:`stadstrends.harmonise.transfers.build_successors`). A former
municipality that went (almost) whole to one successor is answered with that successor and
a note ("Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)"); one split over several
successors is a :class:`RegionNotFound` whose suggestions are the successors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from stadstrends import vocabulary
from stadstrends.engine import duckdb
from stadstrends.errors import RegionNotFound
from stadstrends.publish.format import fmt_date

WHOLE = 0.9  # a successor holding at least this share of the former municipality takes it

def note(name: str, since: dt.date, successor: str, code: str, lang: str = "nl") -> str:
    """'Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)'."""
    return vocabulary.word(lang, "notes", "successor", name=name, successor=successor,
                           code=code, day=fmt_date(since, lang))


class Successors:
    """Successors of former municipalities, loaded once from the warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}
        try:  # a warehouse without the table has no successors (asking duckdb_tables()
            # instead scans the whole catalogue: 10-30 ms of `show`, issue 16)
            con.execute("SELECT 1 FROM region_successors LIMIT 0").fetchall()
        except duckdb.CatalogException:
            return
        result = con.execute(
            "SELECT s.*, r.name AS successor_name, f.name AS former_name "
            "FROM region_successors s "
            "JOIN regions r ON r.region_code = s.successor_code AND r.valid_to IS NULL "
            "JOIN (SELECT region_code, any_value(name) AS name FROM regions GROUP BY 1) f "
            "ON f.region_code = s.region_code ORDER BY s.region_code, s.weight DESC")
        names = [d[0] for d in result.description]
        for values in result.fetchall():
            row = dict(zip(names, values, strict=True))
            self.rows.setdefault(row["region_code"], []).append(row)

    def of(self, code: str) -> dict[str, Any] | None:
        """``{successor_code, successor_name, since, note_nl, note_en}`` for a former
        municipality taken over whole; :class:`RegionNotFound` for one split over several;
        None for a code that is no former municipality."""
        rows = self.rows.get(code)
        if not rows:
            return None
        best = rows[0]
        since = best["since"]  # a DATE (a TIMESTAMP in warehouses that stored one)
        since = since.date() if isinstance(since, dt.datetime) else since
        if best["weight"] >= WHOLE:
            args = (best["former_name"], since, best["successor_name"], best["successor_code"])
            return {"region_code": code, "successor_code": best["successor_code"],
                    "successor_name": best["successor_name"], "since": since.isoformat(),
                    "note_nl": note(*args, lang="nl"), "note_en": note(*args, lang="en")}
        names = [f"{r['successor_name']} ({r['successor_code']})" for r in rows]
        raise RegionNotFound.worded(
            "former_split", name=best["former_name"], code=code, day=since,
            successors=", ".join(names), suggestions=[r["successor_code"] for r in rows])
