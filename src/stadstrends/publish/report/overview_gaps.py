"""The overview's 'Stad en ommeland' grid: per member and key indicator how the gap between
city and ommeland moves (``region_gap_trends``), and where it was not tested, why, in the
city report's words. A cell is one of:

- a tested movement (``movement``; 'stabiel' only for a test with no significant change);
- 'te weinig jaren' (``few``): a gap trend on fewer years than a test needs
  (``indicative``: Maastricht's share of over-65s, 4 years) or an ``untested_gaps`` row
  ``few_years`` (social assistance: only 2024);
- 'niet getoetst' (``untested``): the analysis tests no trend (``untested_gaps``
  ``signed``, ``nonpositive``, ``ommeland_members``; a gap trend with a ``no_verdict``:
  's-Hertogenbosch's commuting distance) or the ommeland has no figure in the years the
  city has one (no ``region_gaps`` row: ICT establishments, Wmo clients of Leiden);
- 'geen cijfers' (``none``): the city has no figure in the window's years.

Before, every cell without a verdict read 'geen gegevens' (229 of 779 in the city set) and every
untested trend 'stabiel' (129)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import duckdb

from stadstrends import vocabulary
from stadstrends.publish import charts
from stadstrends.publish.cuts import cut_sources
from stadstrends.publish.format import fmt_years
from stadstrends.publish.gap_missing import no_trend_reason
from stadstrends.publish.read import build_settings, records
from stadstrends.publish.relations import relations
from stadstrends.publish.report.gap_verdicts import window_start
from stadstrends.publish.report.gap_words import PIECES_SQL, SOURCES_SQL, formed_of, gap_reason
from stadstrends.publish.report.texts import t
from stadstrends.publish.web.gap_text import no_verdict_words

#: the gap movements of ``region_gap_trends`` in the legend's order, with their colours; a
#: gap that changed sides has its own (analysis/gaps.py: 'overtaken' is no 'falling further
#: behind'), and so has one that left a first year level as printed; 'against': growing or
#: shrinking relatively while city - ommeland as printed moved the other way (no verdict,
#: ``region_gap_trends.abs_against``)
GAP_MOVES = ["falling_behind", "overtaken", "left_level_behind", "lead_shrinking", "lead_lost",
             "pulling_ahead", "overtaking", "left_level_ahead", "catching_up", "caught_up",
             "diverging", "left_level", "converging", "level", "crossing", "against", "stable"]
GAP_COLORS = [charts.PALETTE["adverse"], "#7a2a08", "#d2703a", "#e8a27c", "#f3cdb6",
              charts.PALETTE["favourable"], "#0d3d63", "#4f8fc9", "#8fb8dc", "#c6dbef",
              "#8c8c8c", "#a3a3a3", "#bdbdbd", "#d4d4d4", "#5e5e5e", "#8a7a5c", "#e3e3e3"]
#: cells without a verdict (locale keys ``heat_gap_<kind>``) and their colours: a yellow and
#: a violet no grey of a verdict resembles, white for no figures (the legend's symbols have
#: a stroke: chart_heatmap)
NO_VERDICT = {"few": "#f2dc8c", "untested": "#c9b3e0", "none": "#ffffff"}


def _rows(con: duckdb.DuckDBPyConnection, codes: list[str], ids: list[str]) -> dict:
    """(code, indicator) -> its ``region_gap_trends`` row (fresh, as the city report)."""
    return {(r["region_code"], r["indicator_id"]): r for r in records(con, """
        SELECT g.*
        FROM region_gap_trends g, build_info b
        WHERE list_contains(?, g.indicator_id) AND list_contains(?, g.region_code)
          AND g.last_year >= b.latest_data_year - b.stale_after_years""", [ids, codes])}


def _city_years(con: duckdb.DuckDBPyConnection, codes: list[str], ids: list[str],
                window: int) -> dict[tuple[str, str], list[int]]:
    """(code, indicator) -> the city's years with a figure in the last ``window`` years up
    to the build's latest data year."""
    out: dict[tuple[str, str], list[int]] = {}
    for code, ind, years in con.execute("""
            SELECT v.region_code, v.indicator_id, list(DISTINCT v.year ORDER BY v.year)
            FROM indicator_values v, build_info b
            WHERE list_contains(?, v.indicator_id) AND list_contains(?, v.region_code)
              AND v.value IS NOT NULL AND v.year > b.latest_data_year - ?
            GROUP BY ALL""", [ids, codes, window]).fetchall():
        out[(code, ind)] = [int(y) for y in years]
    return out


def gap_cells(con: duckdb.DuckDBPyConnection, names: dict[str, str], ids: list[str],
              catalogue: dict[str, dict], window: int, lang: str,
              region_names: dict[str, str]) -> list[dict[str, Any]]:
    """One dict per member and indicator: ``code``, ``indicator``, ``kind`` (a movement of
    :data:`GAP_MOVES` or a key of :data:`NO_VERDICT`), ``cat`` (its words), ``years`` (the
    tested span, '2017–2024', or '') and ``why`` (the reason of a cell without a verdict,
    as the city report words it; '' for a verdict)."""
    from stadstrends.publish.gap_missing import missing_trends

    codes = list(names)
    small = build_settings(con).small_count  # a mean count under it: 29,6 a year, not 30
    trends = _rows(con, codes, ids)
    have = _city_years(con, codes, ids, window)
    web = vocabulary.section(lang, "web")
    sources = cut_sources(con) if "sources" in relations(con) else []
    missing: dict[tuple[str, str], list[dict]] = {}
    for r in records(con, """
            SELECT g.region_code, g.indicator_id, g.year, g.reason, g.reason_detail
            FROM indicator_gaps g, build_info b
            WHERE list_contains(?, g.indicator_id) AND list_contains(?, g.region_code)
              AND g.year > b.latest_data_year - ? ORDER BY g.year""", [ids, codes, window]):
        missing.setdefault((r["region_code"], r["indicator_id"]), []).append(r)
    out = []
    for code, city in names.items():
        untested = missing_trends(con, code, [i for i in ids if (code, i) not in trends])
        for ind in ids:
            g, u, meta = trends.get((code, ind)), untested.get(ind), catalogue[ind]
            kind, years, why = "none", "", ""
            if g is not None:
                years = f"{g['first_year']}–{g['last_year']}"
                if g.get("no_verdict"):
                    kind = "untested"
                    why = no_verdict_words({
                        **g, "trend_last_year": g["last_year"], "unit": meta["unit"],
                        "decimals": meta.get("decimals"),
                        "step_member_name": region_names.get(g.get("step_member") or "")},
                        lang, city, small)
                elif g.get("indicative"):  # 'te weinig jaren (4 jaren in 2016–2023)': its
                    # window, as the report says it (gap_verdicts.few_years_span)
                    start = window_start(g, meta.get("break_years"))
                    kind, years = "few", t(lang, "heat_gap_points", n=int(g["n_points"]),
                                           span=f"{start}–{g['last_year']}")
                    why = vocabulary.word(lang, "words", "indicative", n=int(g["n_points"]))
                else:  # relative only, as printed the other way: no verdict's colour
                    kind = "against" if g.get("abs_against") else g["movement"]
            elif u is not None:
                kind = "few" if u["why"] == "few_years" else "untested"
                why = no_trend_reason(u, lang, city, lambda m: region_names.get(m, m))
            elif meta["method"] == "level":  # a published percentage: no ommeland sum
                kind, why = "untested", t(lang, "heat_gap_level")
            elif have.get((code, ind)):
                kind = "untested"
                why = web["gap_no_trend_ommeland_plain"].format(years=fmt_years(have[(code, ind)]))
            else:
                shim = SimpleNamespace(code=code, sources=sources, region_names=region_names,
                                       pieces={r["source_code"] for r in records(
                                           con, PIECES_SQL, [code])}, formed=formed_of(
                                           con.execute(SOURCES_SQL, [code]).fetchall()))
                why = t(lang, "heat_gap_no_figures", window=window) + "".join(
                    f" ({gap_reason(shim, r, lang)})" for r in missing.get((code, ind), [])[-1:])
            cat = t(lang, f"move_{kind}") if kind in GAP_MOVES else t(lang, f"heat_gap_{kind}")
            out.append({"code": code, "indicator": ind, "kind": kind, "cat": cat,
                        "years": years, "why": why})
    return out


def legend(cells: list[dict], lang: str) -> tuple[list[str], list[str]]:
    """(words, colours) of the grid's legend: every movement, then each kind of cell
    without a verdict that occurs."""
    kinds = {c["kind"] for c in cells}
    extra = [k for k in NO_VERDICT if k in kinds]
    return ([t(lang, f"move_{k}") for k in GAP_MOVES] + [t(lang, f"heat_gap_{k}") for k in extra],
            GAP_COLORS + [NO_VERDICT[k] for k in extra])


def tip(c: dict) -> str:
    """A cell's tooltip: its category with the tested years, or with why it has no verdict."""
    if c["why"]:
        return f"{c['cat']}: {c['why']}" + (f" ({c['years']})" if c["years"] else "")
    return f"{c['cat']} ({c['years']})"


def table_cell(c: dict) -> str:
    """A cell of the grid's table: the verdict with its tested years ('stabiel (2017–2024)'),
    or the category of a cell without one (its reason is in the notes under the grid)."""
    return f"{c['cat']} ({c['years']})" if c["years"] else c["cat"]


def notes(cells: list[dict], names: dict[str, str], catalogue: dict[str, dict],
          lang: str) -> list[dict]:
    """Per indicator the cells without a verdict, grouped by their reason, as the home page
    lists 'Zonder cijfer': [{title, groups: [{cat, n, names, reason}]}], most cells first."""
    out = []
    for ind in dict.fromkeys(c["indicator"] for c in cells):
        groups: dict[tuple[str, str], list[str]] = {}
        for c in cells:
            if c["indicator"] == ind and c["why"]:
                groups.setdefault((c["cat"], c["why"]), []).append(names[c["code"]])
        if groups:
            out.append({"title": catalogue[ind][f"title_{lang}"], "groups": [
                {"cat": cat, "reason": why, "n": len(ns), "names": t(
                    lang, "heat_notes_all", n=len(ns)) if len(ns) == len(names)
                 else ", ".join(sorted(ns))}
                for (cat, why), ns in sorted(groups.items(), key=lambda kv: -len(kv[1]))]})
    return out
