"""Why a city-ommeland gap (``region_gaps``) has no gap trend (no ``region_gap_trends``
row), in words: the analysis decides it and records the reason with its facts as codes and
years (table ``untested_gaps``, :mod:`stadstrends.analysis.gap_reasons`); this module only
reads that row and words it. A measure that can be negative (``signed``: population growth,
migration balances), a figure of zero or below in the trend window (``nonpositive``: |ln(city
/ ommeland)| is undefined there; Stadskanaal's new construction, 0 in 2023), or fewer than
``min_trend_points`` years with both figures in the window inside the latest comparable
segment (``few_years``), with the years that lack them and why: the indicator has no figures
at all then (social assistance, 2017-2023), the city has none, or the ommeland has none
because members of the COROP region have none ('s-Hertogenbosch's Wmo clients: Land van
Cuijk in 2017-2021), and the series break that starts the segment (Wmo clients, 2017); or an
ommeland whose members change within the window (``ommeland_members``: Leeuwarden's
housing-association share, Noord-Friesland without Terschelling in 2017 only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list, year_runs
from stadstrends.publish.read import records as _records
from stadstrends.publish.relations import columns, relations
from stadstrends.publish.report.texts import reason as reason_words
from stadstrends.publish.year_reasons import UNKNOWN, by_reason, of_indicators, own_reasons

#: why a gap has no gap trend (``untested_gaps.reason``; words: the web section's
#: ``gap_no_trend_*``)
NO_TREND_REASONS = ("projection", "signed", "nonpositive", "few_years", "ommeland_members")

#: the year lists of an ``untested_gaps`` row
YEAR_LISTS = ("points", "city_negative", "city_zero", "ommeland_negative", "ommeland_zero",
              "no_figures", "city_missing", "ommeland_missing")


def missing_trends(con: duckdb.DuckDBPyConnection, code: str, indicators: list[str],
                   own: dict[tuple[str, int], tuple[str, str | None]] | None = None
                   ) -> dict[str, dict[str, Any]]:
    """indicator -> why the city's gap has no trend, for the ``indicators`` of ``code``
    with an ``untested_gaps`` row (others are left out): ``why`` (:data:`NO_TREND_REASONS`);
    the years with a figure below zero or of zero in the window (``city_negative``,
    ``city_zero``, ``ommeland_negative``, ``ommeland_zero``); the window (``start``: its
    first year inside the latest segment, ``last``), ``points`` (the years with both
    figures), ``min_points``, ``segment_start`` and ``segment_reason`` (a break or source
    switch that cut the window, else None), and the window's years without a point:
    ``no_figures`` (none for any region; ``no_figures_why``: those years grouped by their
    reason, :func:`stadstrends.publish.year_reasons.of_indicators`), ``city_missing``,
    ``ommeland_missing`` with ``lacking`` (member code -> its years without a figure among
    those), and ``left_out`` (member code -> the years the ommeland leaves it out,
    ``ommeland_members``). ``own``: (indicator, year) -> the reason ``code`` stores for a
    year without a figure, when the caller has read them
    (:func:`~stadstrends.publish.year_reasons.of_indicators`)."""
    if not indicators:
        return {}
    out = {}
    for r in _records(con, f"""
            SELECT indicator_id, reason, start_year, last_year, min_points, segment_start,
                   segment_reason, {', '.join(YEAR_LISTS)}, lacking, left_out
            FROM untested_gaps WHERE region_code = ? AND list_contains(?, indicator_id)""",
                      [code, indicators]):
        out[r["indicator_id"]] = {
            "why": r["reason"], "start": r["start_year"], "last": r["last_year"],
            "min_points": r["min_points"], "segment_start": r["segment_start"],
            "segment_reason": r["segment_reason"],
            **{k: [int(y) for y in r[k]] for k in YEAR_LISTS},
            "lacking": {m["member"]: [int(y) for y in m["years"]] for m in r["lacking"]},
            "left_out": {m["member"]: [int(y) for y in m["years"]]
                         for m in r.get("left_out") or []}}
    own = own if own is not None else own_reasons(con, code, sorted(out))
    why = of_indicators(con, code, {i: r["no_figures"] for i, r in out.items()
                                    if r["no_figures"]}, own)  # as `show` and 'Wat ontbreekt'
    for ind, rows in why.items():
        out[ind]["no_figures_why"] = rows
    for ind, reason in out.items():  # the city's own stored reason for its missing years
        reason["city_missing_why"] = by_reason(ind, reason["city_missing"], own)
    cut = _lacking_cut(con, out)
    for ind, reason in out.items():
        reason["lacking_cut"] = cut.get(ind, {})
    _rounded_zeros(con, code, out)
    return out


def _rounded_zeros(con: duckdb.DuckDBPyConnection, code: str,
                   found: dict[str, dict[str, Any]]) -> None:
    """Add to each ``nonpositive`` row of ``found`` whether its measure can be negative
    (``signed``, ``indicators.signed``) and which of its zero years are counts CBS rounded to
    0: ``city_rounded`` (the city's years in ``rounded_zero_cells``: Renswoude's demolitions
    of 2017 and 2019-2022) and ``ommeland_rounded`` ([year, members rounded to 0] from
    ``ommeland.ommeland_zeros``: Westland's of 2023, Delft's and Midden-Delfland's 0 in
    86054NED); empty on a warehouse without those."""
    from stadstrends.publish.ommeland_zeros import ommeland_zeros

    rows = {i: r for i, r in found.items() if r["why"] == "nonpositive"}
    if not rows:
        return
    signed = dict(con.execute("SELECT indicator_id, signed FROM indicators WHERE "
                              "list_contains(?, indicator_id)", [list(rows)]).fetchall())
    city: dict[str, set[int]] = {}
    if "rounded_zero_cells" in relations(con):
        for ind, year in con.execute(
                "SELECT indicator_id, year FROM rounded_zero_cells WHERE region_code = ? "
                "AND list_contains(?, indicator_id)", [code, list(rows)]).fetchall():
            city.setdefault(ind, set()).add(int(year))
    omm = ommeland_zeros(con, code)
    for ind, r in rows.items():
        r["signed"] = bool(signed.get(ind))
        r["city_rounded"] = [y for y in r["city_zero"] if y in city.get(ind, ())]
        r["ommeland_rounded"] = [[y, omm[ind][y]] for y in r["ommeland_zero"]
                                 if (omm.get(ind) or {}).get(y)]


#: ``indicator_gaps`` reasons of a member this snapshot's cut copy of a CBS table left out:
#: cut before it, before its predecessors, or inside its own rows (``table_cut_within``)
CUT_REASONS = ("table_cut", "predecessor_cut", "table_cut_within")


def _lacking_cut(con: duckdb.DuckDBPyConnection, found: dict[str, dict[str, Any]]
                 ) -> dict[str, dict[str, list[Any]]]:
    """indicator -> member -> [table id, its copy's last region kept, whether the copy stops
    inside the member's own rows] for the ``lacking`` members of ``found`` whose every
    lacking year is such a cut of one table (``indicator_gaps`` :data:`CUT_REASONS`,
    ``sources.cut_after``): Breda's ommeland lacks Zundert's share of over-75s in 2017
    because 60039fvw stops at Zevenaar; Arnhem's lacks Zevenaar's, in whose 2010 rows the copy
    stops (``table_cut_within``). Empty without ``indicator_gaps`` or
    ``sources.cut_after``."""
    wanted = [(ind, m, y) for ind, r in found.items() for m, ys in r["lacking"].items()
              for y in ys]
    if not wanted or not {"indicator_gaps", "sources"} <= relations(con) or (
            "cut_after" not in columns(con, "sources")):
        return {}
    rows = con.execute("""
        WITH w AS (SELECT unnest(?::STRUCT(i VARCHAR, m VARCHAR, y BIGINT)[]) AS w),
        g AS (
            SELECT w.w.i AS indicator_id, w.w.m AS member, w.w.y AS year,
                   split_part(g.reason_detail, ':', 1) AS table_id, g.reason
            FROM w LEFT JOIN indicator_gaps g
              ON g.indicator_id = w.w.i AND g.region_code = w.w.m AND g.year = w.w.y
             AND list_contains(?, g.reason))
        SELECT g.indicator_id, g.member, any_value(g.table_id),
               any_value(s.cut_after ORDER BY s.cut_after),
               bool_and(g.reason = 'table_cut_within')
        FROM g LEFT JOIN sources s
          ON lower(s.table_id) = lower(g.table_id) AND s.cut_after IS NOT NULL
        GROUP BY ALL
        HAVING count(DISTINCT lower(g.table_id)) = 1 AND bool_and(s.cut_after IS NOT NULL)
           AND count(DISTINCT g.reason = 'table_cut_within') = 1
        """, [[{"i": i, "m": m, "y": y} for i, m, y in wanted], list(CUT_REASONS)]).fetchall()
    out: dict[str, dict[str, list[Any]]] = {}
    for ind, member, table, last, within in rows:
        out.setdefault(ind, {})[member] = [table, last, bool(within)]
    return out


#: members of the ommeland named by name, the rest counted (gap_no_trend_more)
MAX_MEMBERS = 3


def _and(items: list[str], lang: str) -> str:
    """'a, b en c' (:func:`~stadstrends.publish.format.fmt_list`)."""
    return fmt_list(items, lang)


def year_spans(years: list[int], lang: str) -> str:
    """Years as runs: '2012 en 2017–2021', '2012–2015, 2017 en 2023–2024'."""
    return _and(year_runs(years), lang)


def named_in(reason: dict[str, Any]) -> list[str]:
    """The municipality codes a :func:`missing_trends` row's words name: the ommeland's
    members without a figure or left out, and the other codes whose empty cells the city's
    own years lack (``missing_in_source`` with their codes)."""
    return [*(m for key in ("lacking", "left_out") for m in reason.get(key, ())),
            *(m for r in reason.get("city_missing_why") or ()
              if r["reason"] == "missing_in_source"
              for m in (r["reason_detail"] or "").split(",") if m)]


def no_trend_words(reason: dict[str, Any], lang: str, city: str,
                   name: Callable[[str], str] = str) -> str:
    """The dashboard's tweedeling cell of a gap without a trend: 'geen trend: ' and
    :func:`no_trend_reason`."""
    return vocabulary.section(lang, "web")["gap_no_trend"].format(
        why=no_trend_reason(reason, lang, city, name))


def no_trend_reason(reason: dict[str, Any], lang: str, city: str,
                    name: Callable[[str], str] = str) -> str:
    """Why a gap has no trend (a :func:`missing_trends` row) in short words, as the
    dashboard's tweedeling cell and the report's sentence say it: 's-Hertogenbosch's Wmo
    clients 'te weinig vergelijkbare jaren (alleen 2022 en 2023 sinds de reeksbreuk van
    2017; minimaal 3 jaren voor een trend); het ommeland heeft geen cijfer voor 2017–2021,
    omdat Land van Cuijk, Maashorst (2017–2018) en Heusden (2017) er geen hebben',
    Stadskanaal's new construction
    'het cijfer van Stadskanaal is nul in 2023; ...', its population growth 'een groei of
    saldo kan negatief zijn, ...'. ``name`` gives a member's name from its code."""
    w = vocabulary.section(lang, "web")
    if reason["why"] in ("signed", "projection"):  # the measure, not its years
        return w[f"gap_no_trend_{reason['why']}"]
    if reason["why"] == "ommeland_members":  # 'zonder Terschelling in 2017'
        left = reason.get("left_out") or {}
        members = [w["gap_no_trend_member_years"].format(member=name(m),
                                                         years=year_spans(left[m], lang))
                   for m in sorted(left, key=name)]
        return w["gap_no_trend_ommeland_members"].format(members=_and(members, lang))
    if reason["why"] == "nonpositive":
        return _nonpositive(w, reason, lang, city)
    seg = reason.get("segment_start")
    few = "gap_no_trend_few"
    if seg and list(reason["points"]) == [seg]:  # 'alleen 2024, het eerste jaar na de
        # reeksbreuk', not 'alleen 2024 sinds de reeksbreuk van 2024' (Dijk en Waard)
        few, scope = "gap_no_trend_few_first", w[f"gap_no_trend_first_{reason['segment_reason']}"]
    elif seg:
        scope = w[f"gap_no_trend_since_{reason['segment_reason']}"].format(year=seg)
    else:
        scope = w["gap_no_trend_in"].format(y0=reason["start"], y1=reason["last"])
    parts = [w[few].format(points=_and([str(y) for y in reason["points"]], lang),
                           scope=scope, min=reason["min_points"])]
    for key, years in (("no_figures", "no_figures"), ("city", "city_missing")):
        rows = reason.get(f"{years}_why") or (
            [{"reason": None, "years": reason[years]}] if reason[years] else [])
        parts += [_years_why(w, f"gap_no_trend_{key}", row, lang, city, name) for row in rows]
    omm = reason["ommeland_missing"]
    if omm:
        parts.append(_ommeland(w, reason["lacking"], omm, lang, name,
                               reason.get("lacking_cut") or {}))
    return "; ".join(parts)


def _nonpositive(w: dict[str, str], reason: dict[str, Any], lang: str, city: str) -> str:
    """'het cijfer van Enschede is negatief in 2016–2017 en nul in 2023; bij een cijfer van
    nul of lager ...'; a zero on counts CBS rounded to 0 says so as the profile marks the
    figure ('het cijfer van het ommeland is nul in 2023 (berekend uit op 0 afgeronde
    aantallen)', Westland's demolitions: Delft's and Midden-Delfland's counts rounded to
    fives), and a measure that cannot be negative without a negative year says 'bij een
    cijfer van nul' (:func:`_rounded_zeros`)."""
    words = vocabulary.section(lang, "words")
    facts = []
    for side in ("city", "ommeland"):
        rounded = ({y: 1 for y in reason.get("city_rounded") or ()} if side == "city" else
                   {int(y): int(n) for y, n in reason.get("ommeland_rounded") or ()})
        zero = reason[f"{side}_zero"]
        kinds = [w["gap_no_trend_negative"].format(
            years=year_spans(reason[f"{side}_negative"], lang))] \
            if reason[f"{side}_negative"] else []
        plain = [y for y in zero if y not in rounded]
        if plain:
            kinds.append(w["gap_no_trend_zero"].format(years=year_spans(plain, lang)))
        years = [y for y in zero if y in rounded]
        if years:  # one count of one year, else counts: of several years or members
            key = "rounded_zero_short" if years == [years[0]] and rounded[years[0]] == 1 \
                else "rounded_zeros_short"
            kinds.append(w["gap_no_trend_zero_rounded"].format(
                years=year_spans(years, lang), words=words[key]))
        if kinds:
            facts.append(w[f"gap_no_trend_of_{side}"].format(city=city, kinds=_and(kinds, lang)))
    lower = reason.get("signed", True) or reason["city_negative"] or reason["ommeland_negative"]
    return w["gap_no_trend_nonpositive" if lower else "gap_no_trend_zero_only"].format(
        facts=_and(facts, lang))


def _years_why(w: dict[str, str], key: str, row: dict[str, Any], lang: str, city: str,
               name: Callable[[str], str] = str) -> str:
    """Years without a figure (``row``: ``reason``, ``reason_detail``, ``years``), with their
    stored reason where the warehouse records one (``key`` + '_why'): 'er zijn geen cijfers
    voor 2018–2022 (waarde ontbreekt in de bron)', 'Zevenaar heeft geen cijfer voor 2017
    (niet in deze momentopname: ...)'. The city's years whose empty cells are other
    municipalities' (``missing_in_source`` with their codes; ``name``: a code's name) name
    them: 'Land van Cuijk heeft geen cijfer voor 2018–2021: in de bron ontbreken de cijfers
    van Boxmeer en Sint Anthonis, nodig voor Land van Cuijk in de huidige grenzen' (it said
    '(waarde ontbreekt in de bron)')."""
    years = year_spans(row["years"], lang)
    if row["reason"] in (None, UNKNOWN[0]):
        return w[key].format(city=city, years=years)
    if key == "gap_no_trend_city" and row["reason"] == "missing_in_source" and row.get(
            "reason_detail"):
        return w[f"{key}_part"].format(city=city, years=years, names=_and(
            [name(c) or c for c in str(row["reason_detail"]).split(",") if c], lang))
    return w[f"{key}_why"].format(city=city, years=years,
                                  why=reason_words({**row, "source": ""}, lang))


def _ommeland(w: dict[str, str], lacking: dict[str, list[int]], omm: list[int], lang: str,
              name: Callable[[str], str], cut: dict[str, list[Any]] | None = None) -> str:
    """'het ommeland heeft geen cijfer voor 2017–2021, omdat Land van Cuijk, Maashorst
    (2017–2018) en Heusden (2017) er geen hebben': the members without a figure by name (their
    years when not all of ``omm``), most years first, at most :data:`MAX_MEMBERS`. Members a
    cut copy of a CBS table left out (``cut``: member -> [table, last region kept]) are named
    with that cause, not as having none: Breda's over-75s 'het ommeland heeft geen cijfer voor
    2017: het CBS-bestand van tabel 60039fvw is in deze momentopname afgekapt na Zevenaar en
    mist daardoor Zundert, zodat het totaal van de regio niet te vormen is'; a member the copy
    stops in (``cut``'s third item) 'het CBS-bestand van tabel 60039fvw is in deze
    momentopname afgekapt midden in de cijfers van Zevenaar' (Arnhem's over-75s, 2017)."""
    years = year_spans(omm, lang)
    if not lacking:
        return w["gap_no_trend_ommeland_plain"].format(years=years)
    cut = {m: c for m, c in (cut or {}).items() if m in lacking}
    others = {m: ys for m, ys in lacking.items() if m not in cut}
    parts = [_members_without(w, others, omm, years, lang, name)] if others else []
    tables: dict[tuple[str, str, bool], dict[str, list[int]]] = {}
    for m, (table, last, *within) in cut.items():
        tables.setdefault((table, last, bool(within and within[0])), {})[m] = lacking[m]
    for i, ((table, last, within), members) in enumerate(sorted(tables.items())):
        key = ("gap_no_trend_ommeland_cut" + ("_within" if within else "")
               + ("" if i == 0 and not others else "_also"))
        parts.append(w[key].format(years=years, table=table, last=last,
                                   members=_named(w, members, omm, lang, name)))
    return "; ".join(parts)


def _named(w: dict[str, str], members: dict[str, list[int]], omm: list[int], lang: str,
           name: Callable[[str], str]) -> str:
    """'Land van Cuijk, Maashorst (2017–2018) en Heusden (2017)': most years first, at most
    :data:`MAX_MEMBERS` by name."""
    order = sorted(members, key=lambda m: (-len(members[m]), name(m)))
    shown = [name(m) + ("" if members[m] == omm else f" ({year_spans(members[m], lang)})")
             for m in order[:MAX_MEMBERS]]
    if len(order) > MAX_MEMBERS:
        shown.append(w["gap_no_trend_more"].format(n=len(order) - MAX_MEMBERS))
    return _and(shown, lang)


def _members_without(w: dict[str, str], members: dict[str, list[int]], omm: list[int],
                     years: str, lang: str, name: Callable[[str], str]) -> str:
    """'het ommeland heeft geen cijfer voor 2017–2021, omdat ... er geen hebben'."""
    key = "gap_no_trend_ommeland" if len(members) == 1 else "gap_no_trend_ommeland_many"
    return w[key].format(years=years, members=_named(w, members, omm, lang, name))
