"""Why municipalities have no value on a page (map, heatmap, ranking): grouped by reason, so
that "geen gegevens" is followed by the true cause where the warehouse knows it (a CBS file
of this snapshot cut at 10 000 rows before the municipality) and stays plain otherwise."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.web.i18n import texts
from stadstrends.publish.web.state import WebWarehouse


def why(wh: WebWarehouse, indicator_id: str, code: str, lang: str,
        year: int | None = None) -> str:
    """The reason ``code`` has no value of ``indicator_id`` (in ``year``, or at all)."""
    return wh.cuts.reason(indicator_id, wh.name(code), lang, year) or texts(lang)["no data"]


def missing_notes(wh: WebWarehouse, indicator_id: str, codes: list[str], lang: str,
                  year: int | None = None) -> list[dict[str, Any]]:
    """Municipalities without a value grouped by their reason: ``reason``, ``n``, ``names``
    (first and last name in alphabetical order when more than three), ``cut`` (a cut
    source explains them). Groups with a known cause come first."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(why(wh, indicator_id, code, lang, year), []).append(wh.name(code))
    plain = texts(lang)["no data"]
    out = []
    for reason, names in groups.items():
        names.sort(key=str.lower)
        shown = ", ".join(names) if len(names) <= 3 else \
            f"{names[0]} {texts(lang)['through']} {names[-1]}"
        out.append({"reason": reason, "n": len(names), "names": shown,
                    "cut": reason != plain})
    return sorted(out, key=lambda g: (not g["cut"], -g["n"]))
