"""The city page's "Kies richting" (distinctive strengths and urgent tasks, each with
why it is there) and the domains for which a city has no figures, with the reason."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.figure_notes import offset_note
from stadstrends.publish.kies_withheld import withheld_words
from stadstrends.publish.profile_parts import LABEL_KEYS
from stadstrends.publish.sentence_words import flagged_year
from stadstrends.publish.web import units
from stadstrends.publish.web.i18n import DOMAINS, domain_name, texts, title

#: the order of the report's lists and of the method texts (the report's paragraph defines a
#: strength, then a task; the note above the lists names them so): strengths first
GROUPS = ("distinctive_strengths", "urgent_tasks")


def kies_richting(wh: Any, profile: dict[str, Any] | None, lang: str) -> list[dict[str, Any]]:
    """The two lists of the profile's kies_richting as rows to show: title, value, year,
    ``year_shown`` (the year with the marks the profile's row keeps as data, ``marks``:
    '2023, voorlopig', and the day of a stock CBS counts on 31 December shown at the next
    year, ``year_offset``: '2024, stand op 31 december 2023', as the tiles and the row's
    sentence print them) and ``why`` (the
    row's ``why_<lang>``: its sentence after the title, figure and year; a movement
    against the label in the report's words, :func:`~stadstrends.publish.sentence_verdicts.
    against_words`, its change once, :mod:`~stadstrends.publish.kies_change`); ``withheld``
    the labels of the list that the near-cut
    rule withheld (the profile's ``withheld`` rows), said once below it in the report's words
    (:func:`~stadstrends.publish.kies_withheld.withheld_words`)."""
    kies = (profile or {}).get("kies_richting") or {}
    t = texts(lang)
    out = []
    catalogue = {i: {"unit": m.get("unit"), "decimals": m.get("decimals"),
                     f"title_{lang}": title(m, lang)} for i, m in wh.indicators.items()}
    for group in GROUPS:
        rows = []
        for k in kies.get(group) or []:
            meta = wh.indicators.get(k.get("indicator_id"), {})
            year = k.get("year")
            rows.append({"indicator_id": k.get("indicator_id"),
                         "title": title(meta, lang) or k.get("title_nl"),
                         "value": units.show(k.get("value"), k.get("unit") or "", lang,
                                             decimals=meta.get("decimals")),
                         "year": year,
                         "year_shown": year if year is None else ", ".join(filter(None, [
                             flagged_year(year, k.get("marks") or {}, lang),
                             offset_note("mark", meta.get("year_offset"), lang, int(year))])),
                         "why": k.get(f"why_{lang}") or ""})
        label = next(k for k, v in LABEL_KEYS.items() if v == group)
        out.append({"group": group, "name": t[f"kies_{group}"], "rows": rows,
                    "none": t[f"kies_none_{group}"],
                    "withheld": withheld_words(kies.get("withheld"), catalogue, label, lang)})
    return out if any(g["rows"] or g["withheld"] for g in out) else []


def missing_domains(wh: Any, shown: set[str], lang: str, code: str = "") -> list[dict[str, str]]:
    """Domains without a single figure for this city, with the reason where the warehouse
    knows it (a CBS file of this snapshot cut at 10 000 rows before the city), else "no data".
    The catalogue's caveats (partly internal notes on the snapshot) are not the reason."""
    out = []
    name = wh.name(code) if code else ""
    for dom in DOMAINS:
        if dom in shown:
            continue
        reasons = [wh.cuts.reason(i, name, lang) for i, m in wh.indicators.items()
                   if m["domain"] == dom and not m["projection"]] if name else []
        reason = " ".join(dict.fromkeys(r for r in reasons if r))
        out.append({"domain": dom, "name": domain_name(dom, lang),
                    "reason": reason or texts(lang)["no data"]})
    return out
