"""Why a city-ommeland gap (``region_gaps``) has no gap trend (no ``region_gap_trends``
row), measured at publish time from the warehouse with the analysis' own rules
(:mod:`stadstrends.analysis.gaps`): a series with a figure of zero or below in any year
(``nonpositive``: |ln(city / ommeland)| is undefined there and ``GAP_POINTS_SQL`` drops the
whole series; 's-Hertogenbosch's population growth, its ommeland -0,01% in 2013), or fewer
than ``min_trend_points`` years with both figures in the window inside the latest
comparable segment (``few_years``), with the years that lack them and why: the indicator has
no figures at all then (social assistance, 2015-2023), the city has none, or the ommeland has
none because members of the COROP region have none ('s-Hertogenbosch's Wmo clients: Land van
Cuijk in 2017-2021), and the series break that starts the segment (Wmo clients, 2017)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from stadstrends import vocabulary
from stadstrends.publish.format import year_runs
from stadstrends.publish.read import records as _records

#: why a gap has no gap trend (words: the web section's ``gap_no_trend_*``)
NO_TREND_REASONS = ("nonpositive", "few_years")


def missing_trends(con: duckdb.DuckDBPyConnection, code: str, indicators: list[str],
                   window: int, min_points: int) -> dict[str, dict[str, Any]]:
    """indicator -> why the city's gap has no trend, for the ``indicators`` of ``code``
    with ``region_gaps`` rows and no ``region_gap_trends`` row (others are left out):
    ``why`` (:data:`NO_TREND_REASONS`); for ``nonpositive`` the years with a figure below
    zero or of zero (``city_negative``, ``city_zero``, ``ommeland_negative``,
    ``ommeland_zero``); for ``few_years`` the window (``start``: its first year inside the
    latest segment, ``last``), ``points`` (the years with both figures), ``min_points``,
    ``segment_start`` and ``segment_reason`` (a break or source switch that cut the window,
    else None), and the window's years without a point: ``no_figures`` (none for any region),
    ``city_missing``, ``ommeland_missing`` with ``lacking`` (member code -> its years
    without a figure among those)."""
    if not indicators:
        return {}
    gaps = _records(con, """
        SELECT indicator_id, year, city_value, ommeland_value, log_ratio FROM region_gaps
        WHERE region_code = ? AND list_contains(?, indicator_id)
          AND indicator_id NOT IN (SELECT indicator_id FROM region_gap_trends
                                   WHERE region_code = ?)
        ORDER BY indicator_id, year""", [code, indicators, code])
    by: dict[str, list[dict[str, Any]]] = {}
    for g in gaps:
        by.setdefault(g["indicator_id"], []).append(g)
    if not by:
        return {}
    segs: dict[str, dict[int, tuple]] = {}
    for r in _records(con, "SELECT indicator_id, year, segment_start, segment_reason FROM "
                      "series_segments WHERE list_contains(?, indicator_id)", [list(by)]):
        segs.setdefault(r["indicator_id"], {})[int(r["year"])] = (
            r["segment_start"], r["segment_reason"])
    own: dict[str, set[int]] = {}
    for r in _records(con, "SELECT indicator_id, year FROM indicator_values WHERE "
                      "region_code = ? AND list_contains(?, indicator_id)", [code, list(by)]):
        own.setdefault(r["indicator_id"], set()).add(int(r["year"]))
    lacking: dict[str, dict[int, list[str]]] = {}
    for r in _records(con, """
        WITH m AS (  -- the other members of the COROP region where the ommeland has no figure
            SELECT o.indicator_id, o.year, s.region_code AS member
            FROM ommeland o
            JOIN region_sets s ON s.set_id = o.corop_code AND s.region_code <> o.region_code
            WHERE o.region_code = $1 AND o.indicator_id IN (SELECT unnest($2))
              AND o.ommeland_value IS NULL
        )  -- those without a figure (a correlated NOT EXISTS took 70-90 ms, this 8-12)
        SELECT m.* FROM m ANTI JOIN (
            SELECT region_code AS member, indicator_id, year FROM indicator_values
            WHERE indicator_id IN (SELECT unnest($2))
              AND region_code IN (SELECT member FROM m)) v USING (member, indicator_id, year)
        ORDER BY 1, 2, 3""", [code, list(by)]):
        lacking.setdefault(r["indicator_id"], {}).setdefault(int(r["year"]), []).append(
            r["member"])
    out = {}
    for ind, rows in by.items():
        out[ind] = _reason(rows, segs.get(ind, {}), own.get(ind, set()),
                           lacking.get(ind, {}), window, min_points)
    return out


def _reason(rows: list[dict[str, Any]], segs: dict[int, tuple], own: set[int],
            lacking: dict[int, list[str]], window: int, min_points: int) -> dict[str, Any]:
    """One gap series' reason (see :func:`missing_trends`)."""
    undefined = [g for g in rows if g["log_ratio"] is None]
    if undefined:
        def years(side: str, test: Any) -> list[int]:
            return [int(g["year"]) for g in undefined
                    if g[side] is not None and test(g[side])]
        return {"why": "nonpositive",
                "city_negative": years("city_value", lambda v: v < 0),
                "city_zero": years("city_value", lambda v: v == 0),
                "ommeland_negative": years("ommeland_value", lambda v: v < 0),
                "ommeland_zero": years("ommeland_value", lambda v: v == 0)}
    last = int(rows[-1]["year"])
    first = last - window + 1
    seg = segs.get(last, (None, None))[0]
    seg_reason = segs.get(seg, (None, None))[1] if seg is not None else None
    cut = seg is not None and seg > first and seg_reason is not None
    start = seg if cut else first  # before an indicator's first year: no figures
    points = [int(g["year"]) for g in rows if start <= int(g["year"]) <= last]
    have = set(points)
    gaps = [y for y in range(start, last + 1) if y not in have]
    no_figures = [y for y in gaps if y not in segs]
    city = [y for y in gaps if y in segs and y not in own]
    omm = [y for y in gaps if y in segs and y in own]
    members: dict[str, list[int]] = {}
    for y in omm:
        for m in lacking.get(y, ()):
            members.setdefault(m, []).append(y)
    return {"why": "few_years", "start": start, "last": last, "points": points,
            "min_points": min_points, "segment_start": seg if cut else None,
            "segment_reason": seg_reason if cut else None, "no_figures": no_figures,
            "city_missing": city, "ommeland_missing": omm, "lacking": members}


#: members of the ommeland named by name, the rest counted (gap_no_trend_more)
MAX_MEMBERS = 3


def _and(items: list[str], lang: str) -> str:
    """'a, b en c'."""
    word = vocabulary.section(lang, "sentences")["and"]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _spans(years: list[int], lang: str) -> str:
    """Years as runs: '2012 en 2017–2021', '2012–2015, 2017 en 2023–2024'."""
    return _and(year_runs(years), lang)


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
    2017; minimaal 3); het ommeland heeft geen cijfer voor 2017–2021, omdat Land van Cuijk,
    Maashorst (2017–2018) en Heusden (2017) er geen hebben', its population growth 'het
    cijfer van het ommeland is negatief in 2013; ...'. ``name`` gives a member's name from
    its code."""
    w = vocabulary.section(lang, "web")
    if reason["why"] == "nonpositive":
        facts = []  # 'het cijfer van Enschede is negatief in 2016–2017 en nul in 2023'
        for side in ("city", "ommeland"):
            kinds = [w[f"gap_no_trend_{k}"].format(years=_spans(reason[f"{side}_{k}"], lang))
                     for k in ("negative", "zero") if reason[f"{side}_{k}"]]
            if kinds:
                facts.append(w[f"gap_no_trend_of_{side}"].format(city=city,
                                                                  kinds=_and(kinds, lang)))
        return w["gap_no_trend_nonpositive"].format(facts=_and(facts, lang))
    seg = reason.get("segment_start")
    scope = (w[f"gap_no_trend_since_{reason['segment_reason']}"].format(year=seg) if seg
             else w["gap_no_trend_in"].format(y0=reason["start"], y1=reason["last"]))
    parts = [w["gap_no_trend_few"].format(points=_and([str(y) for y in reason["points"]], lang),
                                          scope=scope, min=reason["min_points"])]
    if reason["no_figures"]:
        parts.append(w["gap_no_trend_no_figures"].format(
            years=_spans(reason["no_figures"], lang)))
    if reason["city_missing"]:
        parts.append(w["gap_no_trend_city"].format(
            city=city, years=_spans(reason["city_missing"], lang)))
    omm = reason["ommeland_missing"]
    if omm:
        parts.append(_ommeland(w, reason["lacking"], omm, lang, name))
    return "; ".join(parts)


def _ommeland(w: dict[str, str], lacking: dict[str, list[int]], omm: list[int], lang: str,
              name: Callable[[str], str]) -> str:
    """'het ommeland heeft geen cijfer voor 2017–2021, omdat Land van Cuijk, Maashorst
    (2017–2018) en Heusden (2017) er geen hebben': the members without a figure by name (their
    years when not all of ``omm``), most years first, at most :data:`MAX_MEMBERS`."""
    years = _spans(omm, lang)
    if not lacking:
        return w["gap_no_trend_ommeland_plain"].format(years=years)
    order = sorted(lacking, key=lambda m: (-len(lacking[m]), name(m)))
    shown = [name(m) + ("" if lacking[m] == omm else f" ({_spans(lacking[m], lang)})")
             for m in order[:MAX_MEMBERS]]
    if len(order) > MAX_MEMBERS:
        shown.append(w["gap_no_trend_more"].format(n=len(order) - MAX_MEMBERS))
    key = "gap_no_trend_ommeland" if len(order) == 1 else "gap_no_trend_ommeland_many"
    return w[key].format(years=years, members=_and(shown, lang))
