"""The region search of the search box, the search page and the API (``/api/v1/regions``):
names, codes and aliases matched fuzzily, a former municipality answered by its successor or
as itself, each hit saying which former municipality it stands for."""

from __future__ import annotations

from typing import Any

from stadstrends.errors import StadstrendsError
from stadstrends.publish.web.state import WebWarehouse


def region_search(wh: WebWarehouse, q: str | None, level: str | None, limit: int,
                  include_former: bool = False) -> list[dict[str, Any]]:
    """Regions matching ``q`` (name, code, alias; fuzzy), best first, at most ``limit``. A
    former municipality that went whole to one successor answers with the successor (Weesp:
    Amsterdam); one split over several answers as itself, ``current`` false (Haaren); both
    marked with ``former``, ``former_name``, ``ended``, ``successors`` and the notes saying
    so (:func:`former_fields`)."""
    def ok(r: dict[str, Any]) -> bool:
        return (include_former or r["current"]) and (level is None or r["level"] == level)

    if q and q.strip():
        hits = wh.index.search(q, limit=max(limit * 4, 40))
        rows = []
        for c, _, _, s in hits:
            region = wh.regions[c]
            gone = None if region["current"] else wh.successors.former(c)
            if ok(region):
                rows.append({**region, **former_fields(gone), "score": s})
            elif gone and gone["whole"] and (lead := _successor(wh, c)) and ok(lead):
                rows.append({**lead, **former_fields(gone), "score": s})  # Weesp -> Amsterdam
            elif gone and not gone["whole"] and level in (None, region["level"]):
                rows.append({**region, **former_fields(gone), "score": s})  # Haaren itself
        seen: set[str] = set()  # a successor once, where it scored best (Weesp -> Amsterdam)
        rows = [r for r in sorted(rows, key=_current_first)
                if not (r["region_code"] in seen or seen.add(r["region_code"]))]
    else:
        rows = sorted((r for r in wh.regions.values() if ok(r)), key=lambda r: r["name"])
    return rows[:limit]


def _current_first(row: dict[str, Any]) -> tuple[bool, float]:
    """A search hit's sort key: best first, a hit by a former name after those by a current
    one unless typed in full (0.95: Weesp): 'Devener': Deventer, Veere, ..., Lopik (Zevender)."""
    return bool(row.get("former")) and row["score"] < 0.95, -row["score"]


def former_fields(gone: dict[str, Any] | None) -> dict[str, Any]:
    """What a search hit says of the former municipality it stands for (none: ``{}``):
    ``former`` (its code), ``former_name``, ``ended`` (the day it ended, ISO),
    ``successors`` (today's municipalities with its area: ``region_code``, ``name``,
    ``share`` of its inhabitants), ``note_nl``/``note_en``; one that went into a municipality
    later divided (Esch into Haaren) also ``chain`` (the steps) and ``shares_of`` (the
    divided municipality whose shares ``successors`` holds: Haaren's, not Esch's)."""
    if gone is None:
        return {}
    out = {"former": gone["region_code"], "former_name": gone["name"],
           "ended": gone["ended"], "successors": gone["successors"],
           "note_nl": gone["note_nl"], "note_en": gone["note_en"]}
    if gone.get("chain"):
        out["chain"] = gone["chain"]
        out["shares_of"] = {k: gone["shares_of"][k] for k in ("region_code", "name", "ended")}
    return out


def _successor(wh: WebWarehouse, code: str) -> dict[str, Any] | None:
    """The current municipality a former one went to whole; None when split or unknown."""
    try:
        found = wh.successors.of(code)
    except StadstrendsError:  # split over several municipalities
        return None
    if not found or found["successor_code"] not in wh.regions:
        return None
    return wh.regions[found["successor_code"]]
