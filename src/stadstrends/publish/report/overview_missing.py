"""The overview's position grid beside its colours: an out-of-date column marked in its
header as the home page's heatmap marks it ('Voelt zich weleens onveilig (2019,
verouderd)': the safety survey's last year lies before the build's fresh years), and a cell
without a figure as 'zonder cijfer' with its reason, as the home page lists them under
'Zonder cijfer' (Maastricht ... Zwolle's ICT establishments: the snapshot's copy of
85984NED is cut; Assen's and Tilburg's safety survey). Before, such a column read only
'boven mediaan' (its year in a tooltip) and such a cell was white, without a legend entry
or a reason."""

from __future__ import annotations

from types import SimpleNamespace

import duckdb

from stadstrends.publish.cuts import cut_sources
from stadstrends.publish.read import records
from stadstrends.publish.relations import relations
from stadstrends.publish.report.gap_words import (
    PIECES_SQL,
    SOURCES_SQL,
    formed_of,
    gap_reason,
    no_rows_reason,
)
from stadstrends.publish.report.texts import reason, t
from stadstrends.publish.year_reasons import of_years

#: the colour of a position cell without a figure (white; the legend's symbol has an outline)
MISSING_COLOR = "#ffffff"
#: an out-of-date figure's cell (no place in the group): pale beige, neither a blue of the
#: positions nor a grey of the median, nor the white of a cell without a figure
STALE_COLOR = "#efe6d2"


def stale_marks(rows: list[dict], fresh: int, lang: str) -> dict[str, str]:
    """indicator -> ' (2019, verouderd)' for the indicators whose shown years (``rows``:
    ``indicator_id``, ``year``) lie before ``fresh``; others are left out."""
    years: dict[str, set[int]] = {}
    for r in rows:
        years.setdefault(r["indicator_id"], set()).add(int(r["year"]))
    return {i: f" ({', '.join(map(str, sorted(ys)))}, {t(lang, 'stale')})"
            for i, ys in years.items() if max(ys) < fresh}


def missing_cells(con: duckdb.DuckDBPyConnection, names: dict[str, str], ids: list[str],
                  rows: list[dict], lang: str,
                  region_names: dict[str, str]) -> list[dict]:
    """The members without a position per indicator (``rows``: the grid's
    ``benchmark_latest`` rows), each ``{code, indicator, cat, why}``: the reason recorded for
    the year the others show (``indicator_gaps``; a cut copy of a CBS table named with the
    last municipality it holds, a table that leaves the city out), or what
    :func:`~stadstrends.publish.year_reasons.of_years` says."""
    shown = {(r["region_code"], r["indicator_id"]) for r in rows}
    year = {}
    for r in rows:  # the year most members show
        year.setdefault(r["indicator_id"], []).append(int(r["year"]))
    year = {i: max(set(ys), key=ys.count) for i, ys in year.items()}
    gone = [(c, i) for c in names for i in ids if (c, i) not in shown]
    if not gone:
        return []
    sources = cut_sources(con) if "sources" in relations(con) else []
    gaps = {(r["region_code"], r["indicator_id"]): r for r in records(con, """
        SELECT region_code, indicator_id, year, reason, reason_detail FROM indicator_gaps
        WHERE list_contains(?, region_code) AND list_contains(?, indicator_id)
        ORDER BY year""", [sorted({c for c, _ in gone}), sorted({i for _, i in gone})])
        if r["year"] == year.get(r["indicator_id"])}
    have = {tuple(r) for r in con.execute(
        "SELECT DISTINCT region_code, indicator_id FROM indicator_values "
        "WHERE value IS NOT NULL AND list_contains(?, region_code)", [list(names)]).fetchall()}
    out = []
    for code, ind in gone:
        # cut_example False: the words are shared by the names they are listed after
        shim = SimpleNamespace(code=code, name=names[code], sources=sources,
                               region_names=region_names, cut_example=False,
                               pieces={r[0] for r in con.execute(PIECES_SQL, [code]).fetchall()},
                               formed=formed_of(con.execute(SOURCES_SQL, [code]).fetchall()))
        if (code, ind) in gaps:
            why = gap_reason(shim, gaps[(code, ind)], lang)
        elif (code, ind) not in have:
            why = no_rows_reason(shim, lang)
        elif ind in year:
            why = "; ".join(reason({**r, "source": ""}, lang)
                            for r in of_years(con, code, ind, [year[ind]]))
        else:
            why = t(lang, "no_data")
        out.append({"code": code, "indicator": ind, "cat": t(lang, "heat_no_figure"),
                    "why": why})
    return out
