"""Former municipalities answer with today's successor (CLI ``show``, API, web pages).

The build stores ``region_successors(region_code, successor_code, weight, since)``
(:func:`stadstrends.harmonise.transfers.build_successors`). A former
municipality that went (almost) whole to one successor is answered with that successor and
a note ("Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)"); one split over several
successors is a :class:`RegionNotFound` whose suggestions are the successors.

Every former municipality of ``regions`` is answered, also those that ended before the
crosswalk's first year (no ``region_successors`` rows, e.g. Oploo, Sint Anthonis en Ledeacker,
1994): their path is followed through the register (``region_history.successor``) and its
shares (``transfer_shares``, inhabitants). A municipality that went whole into one that was
later divided (Esch into Haaren in 1996, Haaren divided in 2021) is told as that chain; the
shares shown are the last one's (``shares_of``): which part of Haaren was Esch is not known.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from stadstrends import vocabulary
from stadstrends.engine import duckdb
from stadstrends.errors import RegionNotFound
from stadstrends.publish.format import fmt_date, fmt_list

WHOLE = 0.9  # a successor holding at least this share of the former municipality takes it


def note(name: str, since: dt.date, successor: str, code: str, lang: str = "nl",
         direct: bool = True) -> str:
    """'Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)'; not ``direct`` (the
    successor came later, :meth:`Successors.direct`): 'St. Anthonis bestaat sinds 4 juli 1995
    niet meer; het gebied hoort nu bij Land van Cuijk (GM1982)'."""
    return upper_first(vocabulary.word(
        lang, "notes", "successor" if direct else "successor_now", name=name,
        successor=successor, code=code, day=fmt_date(since, lang)))


def upper_first(sentence: str) -> str:
    """A note as a sentence starts: its first letter a capital ('het Bildt valt ...': 'Het
    Bildt valt ...'); one starting with an apostrophe stays ("'s-Gravenhage ...")."""
    return sentence[:1].upper() + sentence[1:]


def names(items: list[str], lang: str) -> str:
    """'Oisterwijk, Vught, Boxtel en Tilburg' (:func:`~stadstrends.publish.format.fmt_list`)."""
    return fmt_list(items, lang)


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
        self.started: dict[str, dt.date] = {}  # every region's first day
        self.next: dict[str, str] = {}  # the register's next code of a former municipality
        self.ends: dict[str, dt.date] = {}  # the register's last day (exclusive) of one
        self.steps: dict[str, list[tuple[str, float]]] = {}  # its recipients, share, largest 1st
        self.kinds: dict[str, str] = {}  # how it ended: 'rename', 'dissolution', ...
        self.names: dict[str, str] = {}  # every region's latest name
        self.current: set[str] = set()
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
        for code, name, first, now in con.execute(
                "SELECT region_code, arg_max(name, valid_from), min(valid_from), "
                "bool_or(valid_to IS NULL) FROM regions GROUP BY 1").fetchall():
            self.names[code], self.started[code] = name, _day(first)
            if now:
                self.current.add(code)
        self._register(con)

    def _register(self, con: duckdb.DuckDBPyConnection) -> None:
        """The register's ends, next codes and shares; rows for the former municipalities
        the crosswalk does not reach (ended before its first year)."""
        try:  # older warehouses have no register
            for code, end, nxt in con.execute(
                    "SELECT code, valid_to, successor FROM region_history "
                    "WHERE valid_to IS NOT NULL").fetchall():
                self.ends[code] = _day(end)
                if nxt:
                    self.next[code] = nxt
            for donor, day, recipient, share in con.execute(
                    "SELECT donor, date, recipient, share FROM transfer_shares "
                    "WHERE basis = 'persons' ORDER BY donor, share DESC, recipient").fetchall():
                if self.ends.get(donor) == _day(day):
                    self.steps.setdefault(donor, []).append((recipient, share))
            self.kinds = dict(con.execute(
                "SELECT donor, any_value(kind) FROM boundary_transfers t JOIN region_history h "
                "ON h.code = t.donor AND h.valid_to = t.date GROUP BY 1").fetchall())
        except duckdb.CatalogException:
            return
        for code, end in self.ends.items():
            if code in self.rows or code in self.current or code not in self.names:
                continue
            steps, last, how = self.path(code)
            if how == "current":  # whole, through any number of steps
                weight = 1.0
                for _, _, share in steps:
                    weight *= share
                self.rows[code] = [self._row(code, last, weight, end)]
            elif how == "split" and not steps:  # divided over the municipalities of then
                self.rows[code] = [self._row(code, r, s, end) for r, s in self.steps[code]]

    def _row(self, code: str, successor: str, weight: float, since: dt.date) -> dict[str, Any]:
        return {"region_code": code, "successor_code": successor, "weight": weight,
                "since": since, "successor_name": self.names.get(successor, successor),
                "former_name": self.names[code]}

    def path(self, code: str) -> tuple[list[tuple[str, str, float]], str, str]:
        """``(steps, last, how)``: the whole steps from ``code`` (``(code, into, share)``:
        at least :data:`WHOLE` of its inhabitants went into ``into``), the code they end at,
        and ``how`` it ends: 'current' (a municipality of today), 'split' (divided over
        several) or 'gone' (the register names no successor: Elten, to Germany in 1963)."""
        steps: list[tuple[str, str, float]] = []
        while code not in self.current:
            out = self.steps.get(code) or ([(self.next[code], 1.0)] if code in self.next
                                           else [])
            if not out:
                return steps, code, "gone"
            if out[0][1] < WHOLE or len(steps) > 50:
                return steps, code, "split"
            steps.append((code, out[0][0], out[0][1]))
            code = out[0][0]
        return steps, code, "current"

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
        inhabitants, largest first; none when the register names none), ``note_nl``/
        ``note_en``; a chain into one later divided (Esch) also ``chain`` (the steps:
        ``region_code``, ``name``, ``ended``, ``into``, ``into_name``, ``merged``: the
        register lists it as a dissolution) and ``shares_of`` (``region_code``, ``name``,
        ``ended``, ``direct`` of the divided one whose shares ``successors`` are). None for
        any other code."""
        steps, last, how = self.path(code) if code in self.ends else ([], code, "")
        if how == "split" and steps:
            return self._chain(code, steps, last)
        rows = self.rows.get(code)
        if not rows:
            if code not in self.ends or code in self.current or code not in self.names:
                return None
            out = {"region_code": code, "name": self.names[code],
                   "ended": self.ends[code].isoformat(), "whole": False, "direct": False,
                   "successors": []}
        else:
            out = {"region_code": code, "name": rows[0]["former_name"],
                   "ended": _day(rows[0]["since"]).isoformat(),
                   "whole": rows[0]["weight"] >= WHOLE, "direct": self.direct(code),
                   "successors": [{"region_code": r["successor_code"],
                                   "name": r["successor_name"], "share": r["weight"]}
                                  for r in rows]}
        for lang in ("nl", "en"):
            out[f"note_{lang}"] = text(out, names([f"{s['name']} ({s['region_code']})"
                                                   for s in out["successors"]], lang), lang)
        return out

    def _chain(self, code: str, steps: list[tuple[str, str, float]], last: str
               ) -> dict[str, Any]:
        """:meth:`former` of a municipality whose path ends in one later divided (Esch)."""
        base = self.former(last) or {}
        out = {"region_code": code, "name": self.names[code],
               "ended": self.ends[code].isoformat(), "whole": False, "direct": False,
               "chain": [{"region_code": c, "name": self.names[c],
                          "ended": self.ends[c].isoformat(), "into": i,
                          "into_name": self.names.get(i, i),
                          "merged": self.kinds.get(c) == "dissolution"} for c, i, _ in steps],
               "shares_of": {"region_code": last, "name": base.get("name"),
                             "ended": base.get("ended"), "direct": base.get("direct")},
               "successors": base.get("successors", [])}
        for lang in ("nl", "en"):
            out[f"note_{lang}"] = text(out, names([f"{s['name']} ({s['region_code']})"
                                                   for s in out["successors"]], lang), lang)
        return out

    def of(self, code: str) -> dict[str, Any] | None:
        """``{successor_code, successor_name, since, direct, note_nl, note_en}`` for a
        former municipality taken over whole; :class:`RegionNotFound` for one divided over
        several (also through a chain, Esch) or whose area went to no municipality; None for
        a code that is no former municipality."""
        found = self.former(code)
        if found is None:
            return None
        day = dt.date.fromisoformat(found["ended"])
        listed = ", ".join(f"{s['name']} ({s['region_code']})" for s in found["successors"])
        codes = [s["region_code"] for s in found["successors"]]
        named = {s["region_code"]: f"{s['region_code']} {s['name']}" for s in found["successors"]}
        if found.get("chain"):
            first, last = found["chain"][0], found["shares_of"]
            raise RegionNotFound.worded(
                "former_chain", name=found["name"], code=code, day=day,
                into=f"{first['into_name']} ({first['into']})", last=last["name"],
                last_day=dt.date.fromisoformat(last["ended"]), successors=listed,
                suggestions=codes, named=named)
        if not codes:
            raise RegionNotFound.worded("former_gone", name=found["name"], code=code, day=day)
        if found["whole"]:
            best = found["successors"][0]
            return {"region_code": code, "successor_code": best["region_code"],
                    "successor_name": best["name"], "since": found["ended"],
                    "direct": found["direct"], "note_nl": found["note_nl"],
                    "note_en": found["note_en"]}
        raise RegionNotFound.worded(
            "former_split" if found["direct"] else "former_split_now",
            name=found["name"], code=code, day=day, successors=listed, suggestions=codes,
            named=named)


def text(former: dict[str, Any], successors: str, lang: str) -> str:
    """The note of :meth:`Successors.former` with ``successors`` (the names as printed)
    where the successors go: whole ('Weesp valt sinds ...'), divided ('Haaren bestaat
    sinds ... niet meer en is verdeeld over ...'), a chain ('Esch ging op 1 januari 1996
    op in Haaren; Haaren is sinds 1 januari 2021 verdeeld over ...') or none named."""
    day = dt.date.fromisoformat(former["ended"])
    if former["whole"]:
        first = former["successors"][0]
        return note(former["name"], day, first["name"], first["region_code"], lang,
                    former["direct"])
    if former.get("chain"):
        parts = [vocabulary.word(lang, "notes", "merged_into" if s["merged"] else
                                 "went_into", name=s["name"], into=s["into_name"],
                                 day=fmt_date(dt.date.fromisoformat(s["ended"]), lang))
                 for s in former["chain"]]
        last = former["shares_of"]
        last_day = dt.date.fromisoformat(last["ended"])
        parts.append(vocabulary.word(lang, "notes", "split_then", name=last["name"],
                                     day=fmt_date(last_day, lang), successors=successors)
                     if last["direct"] else
                     split_note(last["name"], last_day, successors, lang, False))
        return upper_first("; ".join(parts))
    if not former["successors"]:
        return upper_first(vocabulary.word(lang, "notes", "gone", name=former["name"],
                                           day=fmt_date(day, lang)))
    return upper_first(split_note(former["name"], day, successors, lang, former["direct"]))


def _day(value: Any) -> dt.date:
    """A DATE (a TIMESTAMP in warehouses that stored one) as a date."""
    return value.date() if isinstance(value, dt.datetime) else value
