"""The city page's "Kies richting" (urgent tasks and distinctive strengths, each with
why it is there) and the domains for which a city has no figures, with the reason."""

from __future__ import annotations

from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.web import units
from stadstrends.publish.web.i18n import DOMAINS, domain_name, texts, title

GROUPS = ("urgent_tasks", "distinctive_strengths")
POSITION_EN = vocabulary.section("en", "kies_positions")
MOMENTUM_EN = vocabulary.section("en", "kies_momentum")


def _why_en(k: dict[str, Any], meta: dict[str, Any], group: str) -> str:
    unit = k.get("unit") or meta.get("unit") or ""
    where = POSITION_EN.get(k.get("position") or "", "in {group}").format(group=group)
    text = f"{where} (median {units.show(k.get('median'), unit, 'en')}); "
    if not k.get("trend"):
        text += "too few years with figures to test a trend"
    else:
        text += MOMENTUM_EN.get(k.get("momentum") or "none", "no significant trend")
        if k.get("first_year") and k.get("change") is not None:
            text += f" since {k['first_year']} ({units.change(k['change'], unit, 'en')})"
    peers = [p.get("name") for p in (k.get("better_peers") or []) if p.get("name")]
    if peers:
        text += "; comparable municipalities doing better: " + ", ".join(peers)
    return text + "."


def kies_richting(wh: Any, profile: dict[str, Any] | None, lang: str) -> list[dict[str, Any]]:
    """The two lists of the profile's kies_richting as rows to show: title, value, why."""
    kies = (profile or {}).get("kies_richting") or {}
    phrase = ((profile or {}).get("group") or {}).get("phrase_en") or "the comparison group"
    t = texts(lang)
    out = []
    for group in GROUPS:
        rows = []
        for k in kies.get(group) or []:
            meta = wh.indicators.get(k.get("indicator_id"), {})
            why = k.get("text_nl", "") if lang == "nl" else _why_en(k, meta, phrase)
            head = f"{k.get('title_nl')}: "
            if lang == "nl" and why.startswith(head) and f"({k.get('year')}), " in why:
                why = why.split(f"({k.get('year')}), ", 1)[1]  # value and year are shown
            rows.append({"indicator_id": k.get("indicator_id"),
                         "title": title(meta, lang) or k.get("title_nl"),
                         "value": units.show(k.get("value"), k.get("unit") or "", lang),
                         "year": k.get("year"), "why": why})
        out.append({"group": group, "name": t[f"kies_{group}"], "rows": rows})
    return out if any(g["rows"] for g in out) else []


def missing_domains(wh: Any, shown: set[str], lang: str) -> list[dict[str, str]]:
    """Domains without a single figure for this city, with the catalogue's caveats of their
    indicators as the reason (e.g. a CBS table published for part of the municipalities)."""
    out = []
    for dom in DOMAINS:
        if dom in shown:
            continue
        caveats = [c for m in wh.indicators.values() if m["domain"] == dom
                   and not m["projection"] for c in (m.get("caveats") or [])]
        reason = " ".join(dict.fromkeys(caveats))
        if reason and lang != "nl":
            reason = f"{reason} (in Dutch)"
        out.append({"domain": dom, "name": domain_name(dom, lang),
                    "reason": reason or texts(lang)["no data"]})
    return out
