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


def note(name: str, since: dt.date, successor: str, code: str, lang: str = "nl",
         direct: bool = True) -> str:
    """'Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)'; not ``direct`` (the
    successor came later, :meth:`Successors.direct`): 'St. Anthonis bestaat sinds 4 juli 1995
    niet meer; het gebied hoort nu bij Land van Cuijk (GM1982)'."""
    return vocabulary.word(lang, "notes", "successor" if direct else "successor_now",
                           name=name, successor=successor, code=code,
                           day=fmt_date(since, lang))


def names(items: list[str], lang: str) -> str:
    """'Oisterwijk, Vught, Boxtel en Tilburg'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {vocabulary.section(lang, 'sentences')['and']} {items[-1]}"


def split_note(name: str, since: dt.date, successors: str, lang: str = "nl",
               direct: bool = True) -> str:
    """'Haaren bestaat sinds 1 januari 2021 niet meer en is verdeeld over ``successors``'
    (the names as printed, :func:`names`); not ``direct``: 'Esch bestaat sinds 1 januari
    1996 niet meer; het gebied hoort nu bij ...' (Esch went to Haaren in 1996, Haaren was
    split in 2021)."""
    return vocabulary.word(lang, "notes", "split" if direct else "split_now", name=name,
                           day=fmt_date(since, lang), successors=successors)


class Successors:
    """Successors of former municipalities, loaded once from the warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.started: dict[str, dt.date] = {}  # today's municipalities: their first day
        self.next: dict[str, str] = {}  # the register's next code of a former municipality
        try:  # a warehouse without the table has no successors (asking duckdb_tables()
            # instead scans the whole catalogue: 10-30 ms of `show`, issue 16)
            con.execute("SELECT 1 FROM region_successors LIMIT 0").fetchall()
        except duckdb.CatalogException:
            return
        result = con.execute(
            "SELECT s.*, r.name AS successor_name, f.name AS former_name "
            "FROM region_successors s "
            "JOIN regions r ON r.region_code = s.successor_code AND r.valid_to IS NULL "
            "JOIN (SELECT region_code, arg_max(name, valid_from) AS name FROM regions "
            "GROUP BY 1) f "
            "ON f.region_code = s.region_code ORDER BY s.region_code, s.weight DESC")
        columns = [d[0] for d in result.description]
        for values in result.fetchall():
            row = dict(zip(columns, values, strict=True))
            self.rows.setdefault(row["region_code"], []).append(row)
        self.started = dict(con.execute(
            "SELECT region_code, min(valid_from) FROM regions WHERE region_code IN "
            "(SELECT successor_code FROM region_successors) GROUP BY 1").fetchall())
        try:  # older warehouses have no register
            self.next = dict(con.execute(
                "SELECT code, successor FROM region_history WHERE valid_to IS NOT NULL"
            ).fetchall())
        except duckdb.CatalogException:
            pass

    def direct(self, code: str) -> bool:
        """Whether ``code`` went straight to today's successors on the day it ended: each
        of them existed then and the register's next code (``region_history.successor``)
        is one of them. Not for Esch (into Haaren in 1996; Haaren was split over Oisterwijk,
        Vught, Boxtel and Tilburg in 2021) nor St. Anthonis (renamed Sint Anthonis in 1995,
        in Land van Cuijk since 2022): 'valt sinds 1995 onder Land van Cuijk' is untrue."""
        rows = self.rows.get(code) or []
        since = _day(rows[0]["since"]) if rows else None
        nxt = self.next.get(code)
        return bool(rows) and (nxt is None or nxt in {r["successor_code"] for r in rows}) \
            and all(_day(self.started.get(r["successor_code"]) or since) <= since for r in rows)

    def former(self, code: str) -> dict[str, Any] | None:
        """A former municipality and where it went: ``region_code``, ``name``, ``ended`` (the
        day it ended, ISO), ``whole`` (one successor took it, :data:`WHOLE`), ``direct``
        (:meth:`direct`), ``successors`` (``region_code``, ``name``, ``share`` of its
        inhabitants, largest first), ``note_nl``/``note_en``; None for any other code."""
        rows = self.rows.get(code)
        if not rows:
            return None
        since, direct = _day(rows[0]["since"]), self.direct(code)
        whole = rows[0]["weight"] >= WHOLE
        out = {"region_code": code, "name": rows[0]["former_name"], "ended": since.isoformat(),
               "whole": whole, "direct": direct,
               "successors": [{"region_code": r["successor_code"], "name": r["successor_name"],
                               "share": r["weight"]} for r in rows]}
        for lang in ("nl", "en"):
            out[f"note_{lang}"] = (
                note(out["name"], since, rows[0]["successor_name"], rows[0]["successor_code"],
                     lang, direct) if whole else
                split_note(out["name"], since, names([f"{r['successor_name']} "
                                                      f"({r['successor_code']})" for r in rows],
                                                     lang), lang, direct))
        return out

    def of(self, code: str) -> dict[str, Any] | None:
        """``{successor_code, successor_name, since, note_nl, note_en}`` for a former
        municipality taken over whole; :class:`RegionNotFound` for one split over several;
        None for a code that is no former municipality."""
        rows = self.rows.get(code)
        if not rows:
            return None
        best = rows[0]
        since = _day(best["since"])
        if best["weight"] >= WHOLE:
            args = (best["former_name"], since, best["successor_name"], best["successor_code"])
            direct = self.direct(code)
            return {"region_code": code, "successor_code": best["successor_code"],
                    "successor_name": best["successor_name"], "since": since.isoformat(),
                    "note_nl": note(*args, lang="nl", direct=direct),
                    "note_en": note(*args, lang="en", direct=direct)}
        found = [f"{r['successor_name']} ({r['successor_code']})" for r in rows]
        raise RegionNotFound.worded(
            "former_split" if self.direct(code) else "former_split_now",
            name=best["former_name"], code=code, day=since, successors=", ".join(found),
            suggestions=[r["successor_code"] for r in rows])


def _day(value: Any) -> dt.date:
    """A DATE (a TIMESTAMP in warehouses that stored one) as a date."""
    return value.date() if isinstance(value, dt.datetime) else value
