"""Why municipalities have no value on a page (map, heatmap, ranking): grouped by reason, so
that "geen gegevens" is followed by the true cause where the warehouse knows it: for a year,
the report's reason of ``indicator_gaps`` ('waarde ontbreekt in de bron': Ameland's mean
disposable income of 2023, as on /vergelijk), else a CBS file of this snapshot cut at 10 000
rows before the municipality; plain otherwise. A municipality without any figure of an indicator
(the heatmap's empty cells, /vergelijk's) says why as the city page's tiles word missing years
(:func:`no_figure`): Tilburg's 'voelt zich weleens onveilig' said 'geen gegevens', the
warehouse knows 'Geen cijfer voor 2013–2017, 2019: geen cijfers voor Haaren in de grenzen van
toen.'. Every municipality is named (no 'A t/m B', which reads as an alphabetical range), up
to :data:`NAMED`, then how many others."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from stadstrends.publish.web import tile_gaps
from stadstrends.publish.web.i18n import texts, title
from stadstrends.publish.web.state import WebWarehouse

#: most municipalities a reason names; the rest are counted ('en 12 andere')
NAMED = 10
#: ``indicator_gaps`` reasons that are this snapshot's cut CBS files, not CBS's own gaps
CUT_REASONS = ("table_cut", "predecessor_cut", "table_cut_within", "cut_last_in_file",
               "not_in_partial_extract", "not_in_copy")


def why(wh: WebWarehouse, indicator_id: str, code: str, lang: str,
        year: int | None = None) -> str:
    """The reason ``code`` has no value of ``indicator_id`` (in ``year``, or at all)."""
    return wh.cuts.reason(indicator_id, wh.name(code), lang, year) or texts(lang)["no data"]


def year_reasons(wh: WebWarehouse, indicator_id: str, codes: list[str], year: int,
                 lang: str) -> dict[str, tuple[str, bool]]:
    """Code -> the report's words for why it has no value of ``indicator_id`` in ``year``
    (``indicator_gaps``, :func:`~stadstrends.publish.report.gap_words.gap_reason`) and
    whether that is a cut file (:data:`CUT_REASONS`); codes without a row there are left
    out. Empty for a warehouse without the table."""
    from stadstrends.publish.report.gap_words import gap_reason
    from stadstrends.publish.web.tile_gaps import context

    if not codes or not wh.has("indicator_gaps"):
        return {}
    rows = wh.rows("SELECT region_code, reason, reason_detail FROM indicator_gaps "
                   "WHERE indicator_id = ? AND year = ? AND list_contains(?, region_code) "
                   "ORDER BY region_code, reason", [indicator_id, year, codes])
    out: dict[str, tuple[str, bool]] = {}
    for r in rows:
        if r["region_code"] not in out:
            row = {**r, "years": [year]}  # the year's predecessors ('deels' or not)
            words = gap_reason(context(wh, r["region_code"], {indicator_id: [row]}), row, lang)
            out[r["region_code"]] = (words, r["reason"] in CUT_REASONS)
    return out


def in_year(wh: WebWarehouse, indicator_id: str, codes: list[str], year: int, lang: str
            ) -> dict[str, tuple[str, bool]]:
    """Code -> (why, cut) for municipalities without a value of ``indicator_id`` in
    ``year``: :func:`year_reasons` (the stored reason: 'CBS publiceert tabel 81877NED niet
    voor alle gemeenten, en in geen enkel jaar voor deze gemeente'), else a cut file of this
    snapshot; codes neither explains are left out ('geen gegevens')."""
    known = year_reasons(wh, indicator_id, codes, year, lang)
    for code in codes:
        if code not in known and (cut := wh.cuts.reason(indicator_id, wh.name(code), lang,
                                                         year)) is not None:
            known[code] = (cut, True)
    return known


def no_figure(wh: WebWarehouse, code: str, indicator_id: str, newer: list[dict[str, Any]],
              context: SimpleNamespace, lang: str) -> list[str]:
    """Why ``code`` has no figure at all of ``indicator_id``, in sentences: its
    ``indicator_gaps`` rows ``newer`` (:func:`.tile_gaps.newer_gaps`) as the city page's
    tiles say them ('Geen cijfer voor 2013–2017, 2019: geen cijfers voor Haaren in de grenzen
    van toen.'; Assen's 'Geen cijfer voor 2012–2017, 2019: CBS publiceert tabel 81877NED niet
    voor alle gemeenten, en in geen enkel jaar voor deze gemeente.'), else a CBS file of this
    snapshot cut before it, else 'geen gegevens' (no reason is stored)."""
    if newer:
        return tile_gaps.notes(newer, context, lang)
    return [texts(lang)["no_figure"].format(reason=why(wh, indicator_id, code, lang))]


def no_figures(wh: WebWarehouse, cells: list[tuple[str, str]], lang: str
               ) -> dict[tuple[str, str], tuple[str, bool]]:
    """(code, indicator) pairs without a figure to show -> why (:func:`no_figure`, its
    sentences joined) and whether a cut CBS file of this snapshot is the cause
    (:data:`CUT_REASONS`); a pair that has figures (none the page can place) gets
    :func:`why`."""
    codes = sorted({c for c, _ in cells})
    newer = {c: tile_gaps.newer_gaps(wh, c) for c in codes}
    context = {c: tile_gaps.context(wh, c, newer[c]) for c in codes}
    have = {(r["region_code"], r["indicator_id"]) for r in wh.rows(
        "SELECT DISTINCT region_code, indicator_id FROM indicator_values WHERE value IS NOT "
        "NULL AND list_contains(?, region_code) AND list_contains(?, indicator_id)",
        [codes, sorted({i for _, i in cells})])} if cells else set()
    out = {}
    for code, ind in cells:
        if (code, ind) in have:
            reason = why(wh, ind, code, lang)
            out[(code, ind)] = (reason, reason != texts(lang)["no data"])
            continue
        rows = newer[code].get(ind) or []
        cut = any(r["reason"] in CUT_REASONS for r in rows) if rows else \
            wh.cuts.reason(ind, wh.name(code), lang) is not None
        out[(code, ind)] = (" ".join(no_figure(wh, code, ind, rows, context[code], lang)), cut)
    return out


def without_lines(wh: WebWarehouse, indicator_id: str, codes: list[str],
                  rows: list[dict[str, Any]], lang: str) -> list[str]:
    """Per chosen municipality of ``codes`` that a line chart of ``rows`` (:func:`.data.
    series`) has no line for, that it is not there and why (:func:`no_figures`): 'Rozendaal
    staat niet in de grafiek. Geen cijfer voor 2011–2024: waarde ontbreekt in de bron.'
    (payment arrears on /vergelijk, whose chart had only Zwolle's line and said nothing); with
    no chart at all (none has a figure) 'Geen cijfers voor Zwolle. Geen cijfer voor ...'."""
    drawn = {r["region_code"] for r in rows if r.get("value") is not None}
    lacking = [c for c in codes if c not in drawn]
    why = no_figures(wh, [(c, indicator_id) for c in lacking], lang)
    words = texts(lang)["chart_without" if drawn else "series_none_for"]
    return [words.format(name=wh.name(c), why=why[(c, indicator_id)][0]) for c in lacking]


def without_series(wh: WebWarehouse, indicator_id: str, codes: list[str], drawn: list[str],
                   lang: str) -> list[str]:
    """The indicator page's chosen municipalities of ``codes`` that its chart and table lack
    (not among ``drawn``), grouped by why (:func:`no_figures`, as the city page's tiles and
    /vergelijk say it), one sentence per reason naming them all: 'Geen cijfers van deze
    indicator voor Utrecht en Rotterdam. Geen cijfer voor 2024: Stadstrends heeft CBS-tabel
    85984NED niet compleet: ...'. Before, the names alone, without a reason."""
    from stadstrends.publish.successors import names

    lacking = [c for c in codes if c not in drawn]
    why = no_figures(wh, [(c, indicator_id) for c in lacking], lang)
    groups: dict[str, list[str]] = {}
    for code in lacking:
        groups.setdefault(why[(code, indicator_id)][0], []).append(wh.name(code))
    words = texts(lang)["series_without"]
    return [words.format(names=names(n, lang), why=reason) for reason, n in groups.items()]


def named_few(names: list[str], lang: str, every: str | None = None) -> str:
    """``names`` as a list note prints them: all when at most :data:`NAMED` + 1, else the
    first :data:`NAMED` and how many others (never 'en 1 andere'); ``every`` instead (the
    caller's 'alle 39 gemeenten met een cijfer') when given."""
    if every:
        return every
    t = texts(lang)
    return ", ".join(names) if len(names) <= NAMED + 1 else \
        ", ".join(names[:NAMED]) + " " + t["and_others"].format(n=len(names) - NAMED)


def missing_notes(wh: WebWarehouse, indicator_id: str, codes: list[str], lang: str,
                  year: int | None = None,
                  reasons: dict[str, tuple[str, bool]] | None = None) -> list[dict[str, Any]]:
    """Municipalities without a value grouped by their reason: ``reason``, ``n``, ``names``
    (alphabetical; more than one over :data:`NAMED`: the first of them and how many others,
    never 'en 1 andere'), ``cut`` (a cut file of this snapshot explains them), ``known``
    (a cause is known, not 'geen gegevens'). Cut files first, then other known causes.
    ``reasons``: code -> (why, cut) given by the caller (the heatmap's :func:`no_figures`);
    without, for a ``year``: :func:`in_year`."""
    t = texts(lang)
    plain = t["no data"]
    known = reasons if reasons is not None else \
        in_year(wh, indicator_id, codes, year, lang) if year is not None else {}
    groups: dict[str, list[str]] = {}
    cut: dict[str, bool] = {}
    for code in codes:
        reason, is_cut = known.get(code) or (why(wh, indicator_id, code, lang, year), None)
        groups.setdefault(reason, []).append(wh.name(code))
        cut[reason] = cut.get(reason, False) or (reason != plain if is_cut is None else is_cut)
    out = []
    for reason, names in groups.items():
        names.sort(key=str.lower)
        shown = named_few(names, lang)
        out.append({"reason": reason, "n": len(names), "names": shown, "cut": cut[reason],
                    "known": reason != plain})
    return sorted(out, key=lambda g: (not g["cut"], not g["known"], -g["n"]))


def stale_notes(wh: WebWarehouse, cities: list[tuple[str, str]], inds: list[str],
                cells: dict[tuple[str, str], Any], old: dict[tuple[str, str], str],
                years: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """The home heatmap's out-of-date cells per indicator (:func:`.specs.heat_stale`):
    ``title``, ``year`` (the column's year with its marks, '2019, verouderd'), ``n``,
    ``names`` ('alle 39 gemeenten met een cijfer' when every city with a figure has an old
    one, else :func:`named_few`) and ``reason`` (``old``: (code, indicator) -> why).
    ``cities``: (name, code); ``cells``: the heatmap's rows by (code, indicator)."""
    out = []
    for i in inds:
        got = [(n, c) for n, c in cities if (c, i) in old]
        if not got:
            continue
        every = len(got) == sum((c, i) in cells for _, c in cities)
        out.append({"title": title(wh.indicators[i], lang), "year": years[i], "n": len(got),
                    "names": named_few([n for n, _ in got], lang, texts(lang)[
                        "heat_stale_all"].format(n=len(got)) if every else None),
                    "reason": old[(got[0][1], i)]})
    return out
