"""A dissolved municipality on the pages: the sentence saying since when it no longer exists
and where it went, with its successors as links ('Haaren bestaat sinds 1 januari 2021 niet
meer en is verdeeld over Oisterwijk, Vught, Boxtel en Tilburg'), from
:meth:`stadstrends.publish.successors.Successors.former` (the warehouse's
``region_successors`` and ``region_history``). Used by the city page of a municipality split
over several successors (``/gemeente/GM0788``) and the search page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_date
from stadstrends.publish.successors import names, text
from stadstrends.publish.web.state import WebWarehouse

CUT = "\x00"  # where the successors' links go in the sentence


def split(wh: WebWarehouse, query: str) -> dict[str, Any] | None:
    """The former municipality ``query`` names (code or name) when it was split over several
    successors, went into one later split (Esch) or to none (:meth:`Successors.former`,
    ``whole`` False); None for any other query."""
    text = (query or "").strip()
    code = text.upper() if text.upper() in wh.regions else None
    if code is None:
        try:
            code = wh.index.resolve(text)
        except Exception:  # noqa: BLE001 - unknown, ambiguous: not a former municipality
            return None
    if wh.regions.get(code, {}).get("current", True):
        return None
    found = wh.successors.former(code)
    return found if found and not found["whole"] else None


def sentence(former: dict[str, Any], lang: str) -> dict[str, Any]:
    """The sentence of a municipality split over several successors in parts for a
    template: ``before`` + the successors (``region_code``, ``name``) as links joined by
    ``, `` and ``and`` + ``after``; ``text``: all of it in words (a chain, Esch: 'Esch ging
    op 1 januari 1996 op in Haaren; Haaren is sinds ... verdeeld over' + links)."""
    before, _, after = text(former, CUT, lang).partition(CUT)
    days = [former["ended"], *(s["ended"] for s in former.get("chain", [])),
            *([former["shares_of"]["ended"]] if former.get("shares_of") else [])]
    for day in {fmt_date(dt.date.fromisoformat(d), lang) for d in days}:
        before, after = (part.replace(day, day.replace(" ", "\u00a0"))  # one line
                         for part in (before, after))
    succ = [{"region_code": s["region_code"], "name": s["name"]} for s in former["successors"]]
    return {"before": before, "after": after, "successors": succ,
            "text": before + names([s["name"] for s in succ], lang) + after,
            "and": vocabulary.section(lang, "sentences")["and"]}
