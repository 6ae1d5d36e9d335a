"""'Nieuw sinds <datum>': what the last `stadstrends update` changed for one region.

Read from the ``changes`` and ``change_info`` tables that :mod:`stadstrends.warehouse.update`
stores; a warehouse that was never updated has none and shows nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_date

TEXT = vocabulary.BySection("news")  # TEXT[lang]
ORDER = ("new_year", "new_value", "revised", "removed", "signal_appeared",
         "signal_disappeared")


def region_changes(rows_of: Any, tables: set[str], region_code: str) -> dict[str, Any] | None:
    """``{since, counts}`` of the last update for a region, or None without an update.

    ``rows_of(sql, params)`` runs a query and returns rows as dicts (the web warehouse's
    ``rows`` or a wrapper around a DuckDB connection); ``tables`` are the warehouse's."""
    if not {"changes", "change_info"} <= set(tables):
        return None
    since = rows_of("SELECT since FROM change_info", [])[0]["since"]
    kinds = Counter(r["kind"] for r in rows_of(
        "SELECT kind FROM changes WHERE region_code = ?", [region_code]))
    return {"since": since, "counts": dict(kinds)}


def describe(changes: dict[str, Any] | None, lang: str = "nl") -> dict[str, str] | None:
    """``{title, summary}``: 'Nieuw sinds 29 november 2026' and the counts in words."""
    if not changes:
        return None
    words = TEXT[lang]
    counts = changes["counts"]
    parts = [words[k].format(n=counts[k]) for k in ORDER if counts.get(k)]
    day = datetime.fromisoformat(str(changes["since"])).date()
    return {"title": words["title"].format(date=fmt_date(day, lang)),
            "summary": ", ".join(parts) if parts else words["none"]}
