"""A city's trend profile: its domains, the five opgaven with their signals and the tweedeling
lens, 'kies richting' and peers, as a JSON-ready dict and as text (Rich) in any language of
the language files (the dict's sentences are Dutch, ``*_nl``, plus ``*_<lang>`` for another
language asked for)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from rich.console import Console
from rich.rule import Rule
from rich.table import Table

from stadstrends import CREDIT, vocabulary
from stadstrends.errors import InvalidParameter, WarehouseMissing
from stadstrends.paths import build_command
from stadstrends.publish.format import fmt_date, fmt_number
from stadstrends.publish.groups import phrase, resolve_group
from stadstrends.publish.queries import resolve_region
from stadstrends.publish.read import build_settings, domains, records
from stadstrends.publish.sentence_signals import (
    LABELS,
    PROFILE,
    VERDICTS,
    difference_text,
    kies_sentence,
    missing,
    signal_sentence,
    value_text,
)

REQUIRED = ("opgaven", "signals", "opgave_summary", "kies_richting")
TOP_SIGNALS = 5
SHOWN_KIES = 5
DOMAIN_ROWS = 6
LABEL_KEYS = {"distinctive strength": "distinctive_strengths", "urgent task": "urgent_tasks"}

_DOMAINS_SQL = """
WITH latest AS (
    SELECT indicator_id, max(year) AS year, arg_max(value, year) AS value
    FROM indicator_values WHERE region_code = $code GROUP BY ALL),
omm AS (
    SELECT indicator_id, year AS ommeland_year, ommeland_value, gap AS ommeland_gap
    FROM region_gaps WHERE region_code = $code
    QUALIFY year = max(year) OVER (PARTITION BY indicator_id))
SELECT i.domain, i.indicator_id, i.title_nl, i.unit, i.decimals, i.direction, i.key_indicator,
       i.projection, l.year, l.value, t.first_year, t.first_value, t.abs_change AS change,
       t.rel_change,
       t.theil_sen_slope AS slope, t.mk_p AS p_value, t.classification, t.direction_label,
       t.indicative, b.median, b.rank, b.n, b.percentile, b.robust_z,
       o.ommeland_year, o.ommeland_value, o.ommeland_gap
FROM indicators i
JOIN latest l USING (indicator_id)
LEFT JOIN trends t ON t.region_code = $code AND t.indicator_id = i.indicator_id
LEFT JOIN group_benchmarks b ON b.set_id = $set_id AND b.region_code = $code
 AND b.indicator_id = i.indicator_id AND b.year = l.year
LEFT JOIN omm o ON o.indicator_id = i.indicator_id
ORDER BY i.domain, NOT i.key_indicator, i.indicator_id
"""


def clean(obj: Any) -> Any:
    """``obj`` with numpy/pandas values turned into plain JSON-ready Python (NaN -> None)."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | np.ndarray):
        return [clean(v) for v in obj]
    if isinstance(obj, datetime | date | pd.Timestamp):
        return obj.isoformat()[:10]
    if isinstance(obj, np.generic):
        obj = obj.item()
    return None if missing(obj) else obj


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> list[dict]:
    """The rows of ``sql`` as JSON-ready dicts (no DataFrame: pandas cost most of a
    profile's 160 ms of CPU)."""
    return clean(records(con, sql, params))


def _require(con: duckdb.DuckDBPyConnection) -> None:
    have = {r[0] for r in con.execute(  # tables and views (signals is a view)
        "SELECT table_name FROM information_schema.tables").fetchall()}
    missing_tables = [t for t in REQUIRED if t not in have]
    if missing_tables:
        raise WarehouseMissing(
            f"the warehouse has no {', '.join(missing_tables)} (built before signals existed)",
            f"rebuild it: {build_command()}")


def _municipality(con: duckdb.DuckDBPyConnection, query: str) -> dict:
    """The current municipality ``query`` means, with its COROP and province."""
    _require(con)
    region = resolve_region(con, query)
    if region["level"] != "gemeente" or not missing(region.get("valid_to")):
        what = "a former municipality" if region["level"] == "gemeente" else (
            f"a {region['level']}, not a municipality")
        raise InvalidParameter(f"'{region['name']}' ({region['region_code']}) is {what}",
                               "a profile needs a current municipality (gemeente)")
    code = region["region_code"]
    row = con.execute("""
        SELECT max(s.set_id) FILTER (WHERE s.set_id LIKE 'CR%') AS corop_code,
               max(r.name) FILTER (WHERE s.set_id LIKE 'CR%') AS corop_name,
               max(s.set_id) FILTER (WHERE s.set_id LIKE 'PV%') AS province_code,
               max(r.name) FILTER (WHERE s.set_id LIKE 'PV%') AS province_name
        FROM region_sets s LEFT JOIN regions r ON r.region_code = s.set_id
        WHERE s.region_code = $code""", {"code": code}).df()
    return clean({"code": code, "name": region["name"], "display_name": region["display_name"],
                  "level": region["level"],
                  **row.iloc[0].to_dict()})


def city_signals(con: duckdb.DuckDBPyConnection, query: str,
                 group: str | None = None) -> pd.DataFrame:
    """The ``signals`` rows of one municipality within ``group`` (default: its default
    group), strongest first."""
    region = _municipality(con, query)
    set_id = resolve_group(con, region["code"], region["name"], group)["set_id"]
    return con.execute("SELECT * FROM signals WHERE region_code = ? AND set_id = ? "
                       "ORDER BY rank_city, opgave_id", [region["code"], set_id]).df()


def _data_date(con: duckdb.DuckDBPyConnection) -> str | None:
    """Date the CBS data were read (else the build date), as YYYY-MM-DD."""
    day = con.execute("SELECT coalesce((SELECT max(retrieved_at) FROM sources), "
                      "(SELECT max(built_at) FROM build_info))").fetchall()[0][0]
    return str(day)[:10] if day else None


def _when(data_date: str | None, lang: str, unknown: str) -> str:
    """The data date in words: a day, or a month for sources dated by month only
    ('2025-04', as the snapshot's StatLine files are: 'april 2025')."""
    if not data_date:
        return unknown
    if len(data_date) == 7:
        return fmt_date(date.fromisoformat(f"{data_date}-01"), lang).split(" ", 1)[1]
    return fmt_date(date.fromisoformat(data_date), lang)


def _domains(con: duckdb.DuckDBPyConnection, code: str, set_id: str,
             langs: tuple[str, ...] = ("nl",)) -> list[dict]:
    by_domain: dict[str, list[dict]] = {}
    for row in _rows(con, _DOMAINS_SQL, {"code": code, "set_id": set_id}):
        by_domain.setdefault(row.pop("domain"), []).append(row)
    min_points = build_settings(con).min_trend_points
    for lang in langs:
        if lang != "nl":
            titles = _titles(con, lang)
            for rows in by_domain.values():
                for row in rows:
                    row[f"title_{lang}"] = titles.get(row["indicator_id"])
    out = []
    for dom in domains(con):
        domain = dom["domain"]
        rows = by_domain.get(domain, [])
        counts = trend_counts(rows)
        out.append({"domain": domain, "title_nl": dom["name_nl"],
                    "title_en": dom["name_en"], "n_indicators": len(rows),
                    **{f"n_{k}": n for k, n in counts.items()},
                    **{f"summary_{lang}": _domain_summary(len(rows), counts, min_points, lang)
                       for lang in langs},
                    "indicators": rows})
    return out


def trend_counts(rows: list[dict]) -> dict[str, int]:
    """How the indicators of a domain move; the five counts add up to ``len(rows)``:
    a significant trend judged improving, worsening or neutral (no good/bad direction),
    no significant trend, or no trend tested (fewer than the settings' ``min_trend_points``
    years of figures)."""
    def kind(row: dict) -> str:
        if row.get("classification") is None:
            return "untested"
        if row["classification"] == "no significant change":
            return "flat"
        return row.get("direction_label") or "neutral"
    kinds = [kind(r) for r in rows]
    return {k: kinds.count(k) for k in ("improving", "worsening", "neutral", "flat", "untested")}


def _domain_summary(total: int, n: dict[str, int], min_points: int, lang: str = "nl") -> str:
    w = PROFILE[lang]
    parts = [w[f"n_{k}"].format(n=n[k]) for k in ("improving", "worsening", "neutral", "flat")]
    if n["untested"]:
        parts.append(w["n_untested"].format(n=n["untested"], min=min_points))
    return w["domain_summary"].format(
        total=total, noun=w["indicator_one" if total == 1 else "indicator_many"],
        parts=", ".join(parts[:-1]), last=parts[-1])


def _opgave_summary(o: dict, lang: str = "nl") -> str:
    w, lens = PROFILE[lang], o["tweedeling"]
    if o["n_signals"]:
        text = w["opgave_signals"].format(n=o["n_signals"], adverse=o["adverse"],
                                          favourable=o["favourable"], neutral=o["neutral"])
    elif o["n_indicators_compared"]:
        text = w["opgave_quiet"].format(n=o["n_indicators_compared"])
    else:
        text = w["opgave_uncompared"]
    text = w["opgave_tweedeling"].format(text=f"{text[0].upper()}{text[1:]}",
                                         verdict=VERDICTS[lang][lens["verdict"]])
    if lens["n_gap_trends"]:
        text += w["opgave_gaps"].format(widening=lens["widening"],
                                        narrowing=lens["narrowing"], n=lens["n_gap_trends"])
    hood = lens["neighbourhood_verdict"]
    if hood != "no data":
        verdict = vocabulary.section(lang, "neighbourhood_verdicts").get(hood, hood)
        text += w["opgave_neighbourhoods"].format(period=lens["neighbourhood_period"],
                                                  verdict=verdict)
    return text + "."


def _titles(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, str]:
    """Indicator titles in ``lang`` from the labels table (English where it has none)."""
    rows = con.execute(
        "SELECT code, arg_max(text, lang = ?) FROM labels WHERE kind = 'indicator' "
        "AND field = 'title' AND lang IN (?, 'en') GROUP BY code", [lang, lang]).fetchall()
    return dict(rows)


def _opgaven(con: duckdb.DuckDBPyConnection, code: str, group: dict,
             langs: tuple[str, ...] = ("nl",)) -> list[dict]:
    summary = _rows(con,
        "SELECT s.*, o.name_en, o.description_nl, o.description_en FROM opgave_summary s "
        "JOIN opgaven o USING (opgave_id) WHERE s.region_code = ? AND s.set_id = ? "
        "ORDER BY s.position", [code, group["set_id"]])
    top: dict[str, list[dict]] = {}
    for row in _rows(con,
            "SELECT s.* EXCLUDE (region_code, region_name, set_id), i.decimals FROM signals s "
            "LEFT JOIN indicators i USING (indicator_id) "
            "WHERE region_code = ? AND set_id = ? AND opgave_id IS NOT NULL "
            "AND rank_opgave <= ? ORDER BY opgave_id, rank_opgave",
            [code, group["set_id"], TOP_SIGNALS]):
        top.setdefault(row.pop("opgave_id"), []).append(row)
    titles = {lang: _titles(con, lang) for lang in langs if lang != "nl"}
    out = []
    for s in summary:
        signals = top.get(s["opgave_id"], [])
        for sig in signals:
            for lang in langs:
                sig[f"text_{lang}"] = signal_sentence(
                    _with_title(sig, lang, titles),
                    _phrase(group, lang), lang, group.get("n"))
        period = (f"{s['ineq_first_year']}–{s['ineq_last_year']}"
                  if s["ineq_first_year"] is not None else None)
        item = {
            "id": s["opgave_id"], "name_nl": s["name_nl"], "name_en": s["name_en"],
            "description_nl": s["description_nl"], "description_en": s["description_en"],
            "n_signals": s["n_signals"], "adverse": s["n_adverse"],
            "n_indicators_compared": s["n_indicators_compared"],
            "favourable": s["n_favourable"], "neutral": s["n_neutral"],
            "mean_strength": s["mean_strength"],
            "tweedeling": {
                "verdict": s["tweedeling_verdict"], "n_gap_trends": s["n_gap_trends"],
                "widening": s["n_gaps_widening"], "narrowing": s["n_gaps_narrowing"],
                "neighbourhood_verdict": s["neighbourhood_verdict"],
                "neighbourhood_rising": s["n_ineq_rising"],
                "neighbourhood_falling": s["n_ineq_falling"],
                "neighbourhood_period": period},
            "top_signals": signals,
        }
        for lang in langs:
            item[f"summary_{lang}"] = _opgave_summary(item, lang)
        out.append(item)
    return out


def _with_title(row: dict, lang: str, titles: dict[str, dict[str, str]]) -> dict:
    """``row`` with its title in ``lang`` (a Dutch row has ``title_nl`` already)."""
    if lang == "nl":
        return row
    return {**row, f"title_{lang}": titles[lang].get(row["indicator_id"])}


def _phrase(group: dict, lang: str) -> str:
    return group.get(f"phrase_{lang}") or group["phrase_en"]


def _kies_richting(con: duckdb.DuckDBPyConnection, code: str, group: dict,
                   langs: tuple[str, ...] = ("nl",)) -> dict:
    rows = _rows(con,
        "SELECT k.* EXCLUDE (region_code, region_name, set_id), i.decimals "
        "FROM kies_richting k LEFT JOIN indicators i USING (indicator_id) "
        "WHERE region_code = ? AND set_id = ? ORDER BY label, rank",
        [code, group["set_id"]])
    titles = {lang: _titles(con, lang) for lang in langs if lang != "nl"}
    out: dict[str, Any] = {key: [] for key in LABEL_KEYS.values()}
    for row in rows:
        for lang in langs:
            row[f"text_{lang}"] = kies_sentence(
                _with_title(row, lang, titles),
                _phrase(group, lang), lang, group.get("n"), bool(group.get("counted")),
                phrase(group, lang, count="{n}") if "family" in group else "",
                group.get("family") or "")
        out[LABEL_KEYS[row["label"]]].append(row)
    out["note"] = None
    return out


def city_profile(con: duckdb.DuckDBPyConnection, query: str, group: str | None = None,
                 lang: str = "nl") -> dict:
    """The profile of the municipality ``query`` (name, alias or code) as a JSON-ready dict,
    positions within ``group`` (a group id or the code naming one; default: the
    municipality's default group). Its texts are Dutch (``*_nl``), and also in ``lang``
    (``*_<lang>``) when that is another language."""
    langs = tuple(dict.fromkeys(("nl", vocabulary.check(lang))))
    region = _municipality(con, query)
    code = region["code"]
    chosen = resolve_group(con, code, region["name"], group)
    peers = _rows(con,
        "SELECT peer_set, peer_rank, peer_code, peer_name, distance FROM peers "
        "WHERE region_code = ? ORDER BY peer_set = ? DESC, peer_rank",
        [code, chosen["set_id"]])
    return {
        "region": region,
        "group": clean({k: chosen[k] for k in ("set_id", "family", "label_nl", "label_en",
                                                "n", "phrase_nl", "phrase_en",
                                                "is_default", "member")}),
        "data_date": _data_date(con),
        "domains": _domains(con, code, chosen["set_id"], langs),
        "opgaven": _opgaven(con, code, chosen, langs),
        "kies_richting": _kies_richting(con, code, chosen, langs),
        "peers": peers,
        "credit": CREDIT,
    }


def to_json(profile: dict) -> str:
    """The profile as indented JSON (UTF-8 text)."""
    return json.dumps(clean(profile), ensure_ascii=False, indent=2)


def _trend_cell(ind: dict, lang: str = "nl") -> str:
    w = PROFILE[lang]
    if ind.get("classification") in (None, "no significant change"):
        return w["no_trend"] if ind.get("classification") else "–"
    arrow = "↑" if ind["classification"] == "rising" else "↓"
    change = difference_text(ind.get("change"), ind["unit"], short=True, lang=lang,
                             digits=ind.get("decimals"))
    colour = {"improving": "green", "worsening": "red"}.get(ind.get("direction_label"), "")
    text = w["trend_cell"].format(arrow=arrow, change=change, year=ind["first_year"])
    return f"[{colour}]{text}[/{colour}]" if colour else text


def _rank_cell(ind: dict, lang: str = "nl") -> str:
    if missing(ind.get("rank")):
        return "–"
    median = value_text(ind.get("median"), ind["unit"], short=True, lang=lang,
                        digits=ind.get("decimals"))
    return PROFILE[lang]["rank_cell"].format(rank=ind["rank"], n=ind["n"], median=median)


def _domain_rows(indicators: list[dict]) -> list[dict]:
    """Key indicators first, then those with a significant trend, at most ``DOMAIN_ROWS``."""
    def order(ind: dict) -> tuple:
        moving = ind.get("classification") in ("rising", "falling")
        return (not ind.get("key_indicator"), not moving)
    return sorted(indicators, key=order)[:DOMAIN_ROWS]


def _text(item: dict, field: str, lang: str) -> str:
    """``item``'s ``<field>_<lang>`` (English, then Dutch, when it has none)."""
    return item.get(f"{field}_{lang}") or item.get(f"{field}_en") or item.get(f"{field}_nl") \
        or ""


def render_profile(profile: dict, console: Console, lang: str = "nl") -> None:
    """Print the profile as text in ``lang`` (a profile made with that ``lang``): domains,
    opgaven, kies richting, peers."""
    w = PROFILE[lang]
    region = profile["region"]
    name = region.get("display_name") or region["name"]
    console.print(Rule(f"[bold]{w['title'].format(name=name)}[/bold] ({region['code']})"))
    where = [x for x in (region.get("corop_name"), region.get("province_name")) if x]
    when = _when(profile.get("data_date"), lang, w["unknown_date"])
    place = w["place"].format(where=", ".join(where)) if where else ""
    group = profile.get("group") or {}
    console.print(w["municipality"].format(place=place, date=when), highlight=False)
    if group:
        console.print(w["compared_with"].format(group=_phrase(group, lang),
                                                set_id=group["set_id"]), highlight=False)
        if group.get("n"):
            console.print(w["rank_note"].format(n=group["n"]), highlight=False)
    domain_names = vocabulary.section(lang, "domains")
    for dom in profile["domains"]:
        if not dom["indicators"]:
            continue
        title = dom.get(f"title_{lang}") or domain_names.get(dom["domain"], dom["title_en"])
        console.print(f"\n[bold]{title}[/bold] — {_text(dom, 'summary', lang)}",
                      highlight=False)
        table = Table(show_edge=False, pad_edge=False)
        for col, just in (("col_indicator", "left"), ("col_latest", "right"),
                          ("col_trend", "left"), ("col_rank", "left"),
                          ("col_ommeland", "right")):
            table.add_column(w[col], justify=just)
        for ind in _domain_rows(dom["indicators"]):
            title = _text(ind, "title", lang)
            if ind.get("projection") and w["projection_word"] not in title.lower():
                title += w["projection"]
            places = ind.get("decimals")
            latest = value_text(ind.get("value"), ind["unit"], lang=lang, digits=places)
            table.add_row(title, f"{latest} ({ind['year']})",
                          _trend_cell(ind, lang), _rank_cell(ind, lang),
                          value_text(ind.get("ommeland_value"), ind["unit"], short=True,
                                     lang=lang, digits=places))
        console.print(table)
        if len(dom["indicators"]) > DOMAIN_ROWS:
            rest = len(dom["indicators"]) - DOMAIN_ROWS
            console.print(f"[dim]{w['more_one' if rest == 1 else 'more_many'].format(n=rest)}"
                          "[/dim]")
    console.print(Rule(f"[bold]{w['opgaven']}[/bold]"))
    opgave_names = vocabulary.section(lang, "opgaven")
    descriptions = vocabulary.section(lang, "opgave_descriptions")
    for o in profile["opgaven"]:
        oname = o.get(f"name_{lang}") or opgave_names.get(o["id"], o["name_en"])
        desc = o.get(f"description_{lang}") or descriptions.get(o["id"], o["description_en"])
        console.print(f"\n[bold]{oname}[/bold]: {desc}", highlight=False)
        console.print(_text(o, "summary", lang), highlight=False)
        for sig in o["top_signals"]:
            colour = {"favourable": "green", "adverse": "red"}.get(sig["valence"], "white")
            console.print(f"  [{colour}]•[/{colour}] {_text(sig, 'text', lang)}",
                          highlight=False)
    _render_kies(profile["kies_richting"], console, lang)
    shown = [p for p in profile["peers"] if p["peer_set"] == group.get("set_id")] or [
        p for p in profile["peers"] if p["peer_set"] == "all"]
    if shown:
        console.print("\n" + w["peers"].format(names=", ".join(p["peer_name"] for p in shown)),
                      highlight=False)
    console.print(f"\n[dim]{profile['credit']}[/dim]")


def _render_kies(kies: dict, console: Console, lang: str = "nl") -> None:
    w = PROFILE[lang]
    console.print(Rule(f"[bold]{w['kies_richting']}[/bold]"))
    if kies.get("note"):
        console.print(w["kies_note"].format(note=kies["note"]), highlight=False)
        return
    for label, key in LABEL_KEYS.items():
        items = kies[key]
        console.print(f"\n[bold]{LABELS[lang][label].capitalize()}[/bold] ({len(items)})")
        if not items:
            console.print(f"  {w['none']}")
        for item in items[:SHOWN_KIES]:
            console.print(f"  • {_text(item, 'text', lang)}", highlight=False)
        if len(items) > SHOWN_KIES:
            more = w["more_kies"].format(n=fmt_number(len(items) - SHOWN_KIES, lang=lang))
            console.print(f"  {more}", highlight=False)
