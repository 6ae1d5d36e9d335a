"""The overview of a comparison group: signal heatmap, positions as quartiles within the
group (where fewer than six members have a figure for an indicator: highest, above and
below the median, lowest; a figure equal to the median, or no further from it than the
figures' rounding unit, 'rond de mediaan' as in Kies richting, in neither half nor
quarter), city-region gaps, and links to every member's report. Three queries over all
members."""

from __future__ import annotations

import duckdb

from stadstrends.publish import chart_heatmap, charts, cut_members
from stadstrends.publish.format import fmt_number, no_lone_last_word
from stadstrends.publish.groups import class_inhabitants, group_label, group_row, phrase
from stadstrends.publish.harmonised import computed_rounding
from stadstrends.publish.positions import (
    across_cut,
    by_rank,
    cut_aside,
    near_median,
    quarter,
    tie_span,
)
from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.relations import relations
from stadstrends.publish.report import overview_gaps, overview_missing
from stadstrends.publish.report.cells import figure
from stadstrends.publish.report.city_lookup import set_cities
from stadstrends.publish.report.data import _records, load_catalogue
from stadstrends.publish.report.texts import TEXTS, t
from stadstrends.publish.sentence_words import stale
from stadstrends.settings import BuildSettings
from stadstrends.vocabulary import localised, section

#: a position's category (a locale key), low to high: a quarter, or among fewer than
#: :data:`~stadstrends.publish.positions.MIN_QUARTER_N` with a figure the highest or lowest;
#: a figure equal to the group's median is in no quarter and no half (as the report says),
#: nor one within the figures' rounding unit of it ('q_near': Kies richting's near_median,
#: the report's 'rond de mediaan': :func:`~stadstrends.publish.positions.near_median`)
POSITION_KEYS = ["q1_small", "q1", "q2", "q_near", "q_median", "q3", "q4", "q4_small"]
QUARTER_KEYS = ["q1", "q2", "q3", "q4"]  # always in the legend of a group of six or more
RANK_KEYS = ["q1_small", "q2", "q3", "q4_small"]  # of a group under six
POSITION_COLORS = {"q1": "#c6dbef", "q2": "#8fb8dc", "q3": "#3f7fb8", "q4": "#0b3a66",
                   "q1_small": "#c6dbef", "q4_small": "#0b3a66", "q_median": "#bdbdbd",
                   "q_near": "#dedede"}
#: the colours where quarters and ranks meet in one grid (some indicators with fewer than six
#: figures): six steps of blue, the single lowest and highest beyond the quarters
MIXED_COLORS = {"q1_small": "#dde9f5", "q1": "#b3d0ea", "q2": "#7fabd6", "q3": "#4a80b9",
                "q4": "#1d5593", "q4_small": "#08284f", "q_median": "#bdbdbd",
                "q_near": "#dedede"}
#: a signal cell's category (a locale key): every signal of the indicator favourable, every
#: one adverse, both (Maastricht's unemployment: a falling trend, yet above the ommeland and
#: the group), only signals without a verdict, none
SIGNAL_KEYS = ["favourable", "adverse", "mixed_signals", "neutral", "no_signal"]
SIGNAL_COLORS = [charts.PALETTE["favourable"], charts.PALETTE["adverse"], "#8e63b8", "#a6a6a6",
                 "#f2f2f2"]


def _tip(cat: str, r: dict, size: int, lang: str) -> str:
    """A position cell's tooltip: its category and year, and, over fewer than the group's
    ``size`` members or fewer than six, its rank and how many have no figure ('hoogste kwart
    (2024; plaats 3 van 30; geen cijfer voor 12 van de 41)'), or, for members a cut copy of a
    table left out (``r['n_cut']``, ``['cut_tables']``: :func:`.cut_members.mark_members`),
    that they are missing from it ('...; 11 van de 41 ontbreken in de momentopname van
    CBS-tabel 85984NED, die is afgekapt)')."""
    n = int(r["n"])
    if n >= size and not by_rank(n):
        return f"{cat} ({r['year']})"
    n_cut = min(int(r.get("n_cut") or 0), size - n)
    if n_cut:
        return cut_members.word(lang, "heat_tip", cat=cat, year=r["year"], n=n,
                                rank=int(r["rank"]), aside=cut_aside(
                                    lang, str(size - n), str(size),
                                    str(n_cut) if n_cut < size - n else "",
                                    r.get("cut_tables") or []))
    return t(lang, "heat_tip_some" if n < size else "heat_tip_rank", cat=cat, year=r["year"],
             n=n, size=size, missing=size - n, rank=int(r["rank"]))


def position_key(percentile: float, n: int, settings: BuildSettings,
                 at_median: bool = False, near: bool = False, edge: bool = False) -> str:
    """The category (a locale key) of a position at ``percentile`` (of the figures as
    printed: ``set_benchmarks``) among the ``n`` members with a figure: equal to the median
    (``at_median``: the value is the group's median); around it (``near``: no further from
    it than the figures' rounding unit, :func:`~stadstrends.publish.positions.near_median`)
    in no quarter and no half, as Kies richting and the report's 'rond de mediaan' (Zwolle's
    crimes per 1 000 in 2024, 52,9 against its default group's 52,8, was 'boven mediaan');
    else a quarter by the settings' cuts, or among fewer than six the highest (percentile
    100), the lowest (0), above (from 50) or below the median (around it where ``near``: a
    rank, as the report's, keeps the highest and the lowest). ``edge``: a quarter's figure
    shared with members on the other side of its cut (:func:`~stadstrends.publish.positions.
    across_cut`), which the report places 'op de grens' of the quarter: its half (Almere's
    unemployment of 2024, 4,2% with three others at places 9 to 12 of 41: 'boven mediaan')."""
    p = percentile
    if at_median:
        return "q_median"
    if by_rank(n):
        return RANK_KEYS[3] if p == 100 else RANK_KEYS[0] if p == 0 else "q_near" if near \
            else RANK_KEYS[2 if p >= 50 else 1]
    if near:
        return "q_near"
    where = quarter(p, settings.top_percentile, settings.bottom_percentile)
    if edge and where in (0, 3):
        where = 2 if p >= 50 else 1
    return QUARTER_KEYS[where]


def key_indicators(catalogue: dict[str, dict]) -> list[str]:
    """Key indicators that are levels or rates (not counts, not projections)."""
    return [i for i, m in catalogue.items() if m["key_indicator"] and not m["projection"]
            and m["method"] != "count"]


def _grid_table(rows: list[dict], cities: list[str], labels: list[str], lang: str,
                headers: list[str]) -> dict:
    """The table under a heatmap: a row per city, a column per indicator (``labels``: the
    chart's axis labels, the cells' keys; ``headers``: the full titles the table
    prints, wrapped between words rather than cut: ``kind`` 'grid', report.css)."""
    cell = {(r["city"], r["indicator"]): r["cat"] for r in rows}
    return {"kind": "grid", "columns": [t(lang, "col_municipality"), *headers],
            "rows": [[c, *[cell.get((c, lbl), "–") for lbl in labels]] for c in cities]}


def signal_cells(con: duckdb.DuckDBPyConnection, names: dict[str, str], ids: list[str],
                 label: dict[str, str], set_id: str, lang: str) -> list[dict]:
    """The signal grid's cells: per member and indicator the category of its signals within
    the group (:data:`SIGNAL_KEYS`; each distinct signal once) and a tooltip naming them by
    valence ('gemengd: gunstig: trend; ongunstig: verschil met het ommeland, ...'), as the
    city report lists them. Before, only the strongest signal coloured a cell: 37 of 41
    cities green on unemployment (the national fall), Maastricht among them."""
    got: dict[tuple[str, str], dict[str, list[str]]] = {}
    for code, ind, valence, kind in con.execute("""
            SELECT DISTINCT region_code, indicator_id, valence, kind FROM signals
            WHERE list_contains(?, indicator_id) AND NOT stale AND set_id = ?
            ORDER BY ALL""", [ids, set_id]).fetchall():
        got.setdefault((code, ind), {}).setdefault(valence, []).append(kind)
    kinds = section(lang, "signal_kinds")
    rows = []
    for code, name in names.items():
        for i in ids:
            by = got.get((code, i), {})
            key = ("mixed_signals" if {"favourable", "adverse"} <= set(by) else
                   "favourable" if "favourable" in by else "adverse" if "adverse" in by else
                   "neutral" if by else "no_signal")
            said = "; ".join(f"{t(lang, v)}: {', '.join(kinds[k] for k in by[v])}"
                             for v in ("favourable", "adverse", "neutral") if v in by)
            cat = t(lang, key)
            rows.append({"city": name, "indicator": label[i], "cat": cat,
                         "tip": f"{cat} ({said})" if said else cat})
    return rows


def member_table(con: duckdb.DuckDBPyConnection, cities: list[dict], files: dict[str, str],
                 set_id: str, catalogue: dict[str, dict], lang: str) -> dict:
    """One row per member: its report (a link), inhabitants and its signals within the
    group by valence, each distinct signal (indicator and kind) once, where the report's
    front page counts it under every opgave it falls in ('niet vergeleken' when nothing was
    compared)."""
    pop = {r["region_code"]: r for r in _records(con, """
        SELECT region_code, value, year FROM benchmark_latest
        WHERE indicator_id = 'population' AND list_contains(?, region_code)""",
                                                 [[c["code"] for c in cities]])}
    years = {r["year"] for r in pop.values()}
    counts: dict[str, dict] = {}
    compared: dict[str, int] = {}
    if "signals" in relations(con):
        # distinct signals (indicator and kind): the front page counts one per opgave it
        # falls in (Maastricht's unemployment under Zorg en welzijn and Economie)
        counts = {r["region_code"]: r for r in _records(con, """
            SELECT region_code, count(*) FILTER (valence = 'favourable') AS favourable,
                   count(*) FILTER (valence = 'adverse') AS adverse,
                   count(*) FILTER (valence = 'neutral') AS neutral
            FROM (SELECT DISTINCT region_code, indicator_id, kind, valence FROM signals
                  WHERE set_id = ? AND NOT stale) GROUP BY 1""", [set_id])}
        compared = {r[0]: r[1] for r in con.execute(
            "SELECT region_code, sum(n_indicators_compared) FROM opgave_summary "
            "WHERE set_id = ? GROUP BY 1", [set_id]).fetchall()}
    title = catalogue["population"][f"title_{lang}"] if "population" in catalogue else ""
    one_year = len(years) == 1
    group = group_row(con, set_id) or {}
    classed = class_inhabitants(con, group, [c["code"] for c in cities])
    if classed and years == {group["population_year"]}:
        classed = {}  # the newest figure is the one CBS classed them by: one column
    rows = []
    for c in cities:
        p = pop.get(c["code"])
        people = "–" if p is None else fmt_number(p["value"], 0, lang) + (
            "" if one_year else f" ({p['year']})")
        n = counts.get(c["code"])
        if n is None and not compared.get(c["code"]):
            signals = [t(lang, "not_compared")] * 3
        else:
            signals = [fmt_number((n or {}).get(k, 0), 0, lang)
                       for k in ("favourable", "adverse", "neutral")]
        # a size group: beside the newest figure the one CBS classed the members by
        # (Eemnes: 9.927 in 2025 in 'minder dan 10.000 inwoners op 1 januari 2025', 10.065
        # in 2026)
        by_class = [fmt_number(classed[c["code"]], 0, lang) if c["code"] in classed
                    else "–"] if classed else []
        rows.append({"name": c["name"], "file": files.get(c["code"]),
                     "cells": [*by_class, people, *signals]})
    people_col = f"{title} ({next(iter(years))})" if one_year else title
    class_col = [t(lang, "col_class_population", year=int(group["population_year"]))
                 ] if classed else []
    return {"columns": [t(lang, "col_municipality"), *class_col, people_col,
                        t(lang, "favourable"), t(lang, "adverse"), t(lang, "neutral")],
            "rows": rows}


def overview_context(con: duckdb.DuckDBPyConnection, files: dict[str, str], lang: str,
                     set_id: str) -> dict:
    """Template context of the overview of group ``set_id``; ``files`` maps municipality
    code -> report file name."""
    cities = set_cities(con, set_id)
    group = group_row(con, set_id) or {"set_id": set_id, "family": "named",
                                       "label_nl": set_id, "label_en": set_id,
                                       "n_members": len(cities)}
    named = phrase(group, lang)
    title = group_label(group, lang)
    title = t(lang, "overview_title", label=title[0].upper() + title[1:])
    build = build_info(con)  # a dict, as a city's report reads it (`.df()` imported pandas
    settings = BuildSettings.from_info(build)  # for one row: ~0.3-0.9 s of CPU a set run)
    window = settings.window
    names = {c["code"]: c["name"] for c in cities}
    order = [c["name"] for c in cities]
    catalogue = {i: localised(m, lang, ("title", "description"))
                 for i, m in load_catalogue(con).items()}
    ids = key_indicators(catalogue)
    # whole titles on the heatmaps' axes (slanted, chart_heatmap): cut to 34 characters,
    # 'Gemiddeld besteedbaar huishoudens…' and 'Banen per 1 000 inwoners (baanint…' said less
    label = {i: catalogue[i][f"title_{lang}"] for i in ids}
    labels = [label[i] for i in ids]
    lbl_id = {v: k for k, v in label.items()}
    figures = []

    if "signals" in relations(con):
        rows = signal_cells(con, names, ids, label, set_id, lang)
        domain = [t(lang, k) for k in SIGNAL_KEYS]
        figures.append(("heat_signals", chart_heatmap.heatmap(
            rows, "", domain, SIGNAL_COLORS, labels, order, lang), rows, labels))

    pos = _records(con, """
        SELECT b.region_code, b.indicator_id, b.year, s.percentile, s.n, s.rank, s.value,
               s.median, s.value = s.median AS at_median
        FROM benchmark_latest b
        JOIN set_benchmarks s ON s.set_id = ? AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year
        WHERE list_contains(?, b.indicator_id)
        ORDER BY b.region_code, b.indicator_id""", [set_id, ids])  # rows in a fixed order
    # no quarters among fewer than six with a figure (publish.positions): the highest, the
    # lowest, above or below the median, cell by cell
    rows, keys, ranked = [], set(), False
    cut_members.mark_members(con, list(names), pos)  # members a cut copy left out
    steps = computed_rounding(con)  # CBS's unit of a published mean (gas use: tens)
    # an out-of-date figure has no place in the group, as on the city pages and the home
    # heatmap (sentence_words.stale, the settings' stale_after_years): its own cell, not a
    # quarter (the safety survey of 2019 was coloured by its quarters)
    fresh = fresh_from(build)
    old = 0
    for r in pos:
        if r["region_code"] not in names or r["percentile"] is None:
            continue
        ind = r["indicator_id"]
        if stale({"fresh_from": fresh}, r["year"]):
            old += 1
            rows.append({"city": names[r["region_code"]], "indicator": label[ind],
                         "cat": t(lang, "heat_stale_cell"),
                         "tip": t(lang, "heat_stale_tip", fresh=fresh)})
            continue
        near = near_median(r["value"], r["median"], catalogue[ind].get("decimals"),
                           steps.get(ind, {}).get(int(r["year"])))
        edge = across_cut(r["percentile"], tie_span(r), settings.top_percentile,
                          settings.bottom_percentile)  # members only: no outsider here
        key = position_key(r["percentile"], int(r["n"]), settings, bool(r["at_median"]), near,
                           edge)
        keys.add(key)
        ranked = ranked or by_rank(int(r["n"]))
        cat = t(lang, key)
        rows.append({"city": names[r["region_code"]], "indicator": label[r["indicator_id"]],
                     "cat": cat, "tip": _tip(cat, r, group["n_members"], lang)})
    small = by_rank(group["n_members"])  # no cell has quarters
    shown = [k for k in POSITION_KEYS if k in keys or k in (RANK_KEYS if small else QUARTER_KEYS)]
    palette = MIXED_COLORS if not small and keys & {"q1_small", "q4_small"} else POSITION_COLORS
    colors = [palette[k] for k in shown]
    region_names = dict(con.execute("SELECT region_code, name FROM regions").fetchall())
    # an out-of-date column marked in its header, a cell without a figure with its reason
    mark = overview_missing.stale_marks([r for r in pos if r["region_code"] in names], fresh,
                                        lang)
    heads = {i: label[i] + mark.get(i, "") for i in ids}
    rows = [{**r, "indicator": heads[lbl_id[r["indicator"]]]} for r in rows]
    gone = overview_missing.missing_cells(con, names, ids, [
        r for r in pos if r["region_code"] in names and r["percentile"] is not None],
        lang, region_names)
    rows += [{"city": names[c["code"]], "indicator": heads[c["indicator"]], "cat": c["cat"],
              "tip": f"{c['cat']}: {c['why']}"} for c in gone]
    legend = [t(lang, k) for k in shown] + ([t(lang, "heat_no_figure")] if gone else []) + (
        [t(lang, "heat_stale_cell")] if old else [])
    colors += ([overview_missing.MISSING_COLOR] if gone else []) + (
        [overview_missing.STALE_COLOR] if old else [])
    figures.append(("heat_positions", chart_heatmap.heatmap(
        rows, t(lang, "position_small" if small or ranked else "quartile"), legend,
        colors, [heads[i] for i in ids], order, lang), rows, [heads[i] for i in ids]))
    notes = {"heat_positions": overview_gaps.notes(gone, names, catalogue, lang)}

    cells = overview_gaps.gap_cells(con, names, ids, catalogue, window, lang, region_names)
    rows = [{"city": names[c["code"]], "indicator": label[c["indicator"]],
             "cat": overview_gaps.table_cell(c), "tip": overview_gaps.tip(c)} for c in cells]
    domain, colors = overview_gaps.legend(cells, lang)
    shown = {overview_gaps.table_cell(c): c["cat"] for c in cells}  # the picture: the category
    figures.append(("heat_gaps", chart_heatmap.heatmap(
        [{**r, "cat": shown[r["cat"]]} for r in rows], "", domain, colors, labels, order, lang),
        rows, labels))
    notes["heat_gaps"] = overview_gaps.notes(cells, names, catalogue, lang)

    sections = []
    for key, spec, rows, heads in figures:
        cap = (f"{key}_caption" if key != "heat_positions" else "heat_positions_small_caption"
               if small else "heat_positions_mixed_caption" if ranked
               else "heat_positions_caption")
        fig = figure(f"fig-{key}", spec, t(lang, cap, window=window, group=named,
                                           points=settings.min_significant_points),
                     t(lang, "heat_alt", rows=len(order), cols=len(labels)),
                     _grid_table(rows, order, heads, lang, heads), kind="heat")
        sections.append({"id": key.replace("_", "-"), "title": t(lang, key, group=named),
                         "figures": [fig], "notes": notes.get(key, []),
                         "notes_title": t(lang, f"{key}_notes")})
    members = member_table(con, cities, files, set_id, catalogue, lang)
    return {"lang": lang, "title": title, "texts": TEXTS[lang], "group_id": set_id,
            "kicker": no_lone_last_word(t(lang, "kicker_overview", group=named)),
            "subtitle": t(lang, "overview_subtitle", group=named), "sections": sections,
            "members": members, "footer": t(lang, "overview_footer", title=title), "figures":
            [f for s in sections for f in s["figures"]], "credit": t(lang, "credit")}
