"""Server-rendered pages (Dutch, ?lang=en for English); each has a permalink and a JSON twin
(the same URL with ?format=json). Rendering and URLs in ``page_render.py``, what several
pages show alike in ``page_parts.py``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from stadstrends.errors import InvalidParameter, error_words, printable
from stadstrends.publish.sentence_words import marked_year
from stadstrends.publish.web import (
    compare_table,
    data,
    dist_chart,
    former,
    gaps,
    ranking,
    recalculated,
    specs,
    tiles,
    units,
)
from stadstrends.publish.web.api_docs import documented_ops
from stadstrends.publish.web.errors import check_language, check_page_parameters
from stadstrends.publish.web.i18n import city_set_name, texts, title
from stadstrends.publish.web.page_params import Fmt, Lang, Year
from stadstrends.publish.web.page_parts import (
    chosen_regions,
    computed_regions,
    featured_regions,
    former_note,
    former_notes,
    indicator_choices,
    indicator_meta,
    map_year,
    map_year_shown,
    page_year,
    pivot,
    region_label,
    stale_latest,
    stale_note,
    table_source,
)
from stadstrends.publish.web.page_render import render, url
from stadstrends.publish.web.region_search import region_search
from stadstrends.publish.web.reload import request_wh
from stadstrends.publish.web.spark import rounding_steps
from stadstrends.publish.web.state import WebWarehouse
from stadstrends.publish.web.value_marks import mark_values, note_rows

# a query parameter a page does not take is a 400 naming it, as in the API
router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_parameters)])


MAP_DEFAULT = "income_disposable_mean"
COMPARE_DEFAULT = "population_growth_pct"


def _wh(request: Request) -> WebWarehouse:
    return request_wh(request)


@router.get("/")
def home(request: Request, lang: Lang = "nl", fmt: Fmt = "html",
         indicator: Annotated[str, Query(max_length=80)] = MAP_DEFAULT,
         year: Year = None
         ) -> Response:
    wh = _wh(request)
    meta = wh.indicator(indicator)
    indicator = meta["indicator_id"]  # an alias read as its id
    years = data.municipal_years(wh, indicator)
    year = map_year(wh, indicator, year, years)
    values = data.municipal_values(wh, indicator, year) if year else []
    fresh = stale_latest(wh, year, years)  # an out-of-date latest year: '2019, verouderd'
    # the table's marks, as the indicator page; the tooltips' too: '(2019, verouderd)'
    mark_values(wh, values, indicator, year, lang, fresh)
    heat = data.heatmap(wh)
    inds = [i for i in wh.key_indicators if not wh.indicators[i]["projection"]]
    cities = sorted((wh.name(c), c) for c in wh.city_set)
    cell = {(r["region_code"], r["indicator_id"]): r for r in heat}
    have = {v["region_code"] for v in values}
    # an empty cell says why as /vergelijk and the city page's tiles do, not 'geen gegevens'
    why = gaps.no_figures(wh, [(c, i) for _, c in cities for i in inds
                               if specs.heat_position(cell.get((c, i))) is None], lang)
    heat_missing = [{"title": title(wh.indicators[i], lang), "groups": g} for i in inds
                    if (g := gaps.missing_notes(
                        wh, i, [c for _, c in cities if (c, i) in why], lang,
                        reasons={c: r for (c, j), r in why.items() if j == i}))]
    # each column's year with the marks the ranking and the tiles print ('2019, verouderd':
    # the safety survey; '2023, voorlopig'), on the chart's axis and in the table's header
    column_years = {i: "; ".join(sorted({
        marked_year(r, r["year"], lang) for (_, j), r in cell.items()
        if j == i and specs.heat_position(r) is not None})) for i in inds}
    # an out-of-date figure has no place in the group's positions, as on the tiles: why
    old = {k: specs.HEAT_WORDS[lang]["stale"].format(fresh=r["fresh_from"])
           for k, r in cell.items() if specs.heat_position(r) is not None
           and specs.heat_stale(r)}
    page = {
        "indicator": indicator_meta(meta, lang), "year": year, "years": years,
        # the map's year as the ranking marks its values: all 2023 incomes are provisional;
        # the safety survey's latest, 2019, is out of date ('2019, verouderd', with its note)
        "year_shown": map_year_shown(year, values, lang, fresh) if year else None,
        "stale_note": stale_note(year, fresh, lang) if fresh else None,
        "year_spans": units.spans(years), "map_values": values,
        "map_spec": specs.choropleth(values, title(meta, lang), meta["unit"], None, lang,
                                     meta.get("decimals"),
                                     recalculated.precision(wh, indicator, year)),
        "heat_indicators": [{**indicator_meta(wh.indicators[i], lang),
                             "year_shown": column_years[i]} for i in inds],
        "heat_rows": [{"name": n, "region_code": c,
                       "cells": [None if (c, i) in old else specs.heat_position(cell.get((c, i)))
                                 for i in inds],
                       "stale": [(c, i) in old for i in inds],
                       "why": [why[(c, i)][0] if (c, i) in why else old.get((c, i))
                               for i in inds]}
                      for n, c in cities],
        "heat_stale_cell": specs.HEAT_WORDS[lang]["stale_cell"],
        "heat_stale": gaps.stale_notes(wh, cities, inds, cell, old, column_years, lang),
        "heat_spec": specs.heatmap([(c, n) for n, c in cities],
                                   [(i, title(wh.indicators[i], lang)) for i in inds], cell, lang,
                                   lambda c, i: why[(c, i)][0], column_years),
        "heat_missing": heat_missing,
        "map_missing": gaps.missing_notes(
            wh, indicator, [c for c, r in wh.regions.items() if r["level"] == "gemeente"
                            and r["current"] and c not in have], lang, year) if year else [],
        # the map's own indicator among them, selected (not the first option shown above it)
        "map_choices": indicator_choices(wh, inds, indicator, lang),
    }
    params = {"indicator": indicator if indicator != MAP_DEFAULT else None, "year": year}
    return render(request, "home.html", page, lang, fmt, "/", params)


#: The least score of a lone fuzzy hit the search goes straight to: every current name with
#: one letter left out, its last letter left out or in lower case that finds only its own
#: municipality scores 0.711 or more (684 such queries), while 'alert(1)' found Almere alone
#: at 0.533 and was sent there; below it the page lists the hit.
REDIRECT_SCORE = 0.7


@router.get("/zoek")
def search(request: Request, q: Annotated[str, Query(max_length=100)] = "",
           lang: Lang = "nl", fmt: Fmt = "html") -> Response:
    """No-JS search: straight to the city page when the query names one municipality."""
    wh = _wh(request)
    hits = region_search(wh, q, "gemeente", 20) if q.strip() else []
    exact = [h for h in hits if h.get("score", 0) >= 1.0 and h["current"]]
    other = wh.index.other_level(q) if q.strip() else None  # 'Limburg': the province, not
    # straight to the one municipality with the word in its name ('Bergen (Limburg)')
    if fmt == "html" and (len(exact) == 1 or len(hits) == 1 and not hits[0].get("former")
                          and other is None and hits[0].get("score", 0) >= REDIRECT_SCORE):
        code = (exact or hits)[0]["region_code"]
        return RedirectResponse(url(f"/gemeente/{code}", lang=lang), status_code=303)
    for hit in hits:  # a municipality split over several: the sentence with their links
        gone = None if hit["current"] else wh.successors.former(hit["region_code"])
        if gone and not gone["whole"]:
            hit["sentence"] = former.sentence(gone, lang)
    if other is not None:  # 'Nederland', 'Twente': what it is, not only 'Niet gevonden'
        other = " ".join(f"{w[0].upper()}{w[1:]}." for w in error_words(
            f"region_is_{other['level']}", lang, {"query": q, "name": other["name"],
                                                   "code": other["region_code"]},
            hint="page_hint") if w)
    # a control character typed back into the box as an escape ('%00': '\x00'), never raw
    return render(request, "search.html", {"query": printable(q), "results": hits,
                                           "other": other},
                  lang, fmt, "/zoek", {"q": q})


@router.get("/gemeente/{code}")
def city(request: Request, code: Annotated[str, PathParam(max_length=100)], lang: Lang = "nl",
         fmt: Fmt = "html",
         vergelijk: Annotated[str | None, Query(max_length=40)] = None,
         voorheen: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    """A municipality's page; a name or a former municipality redirects to the code (a
    former one with ``?voorheen=``, so the page says why it shows its successor)."""
    wh = _wh(request)
    gone = former.split(wh, code) if fmt == "html" else None
    if gone is not None:  # Haaren: since when gone, over which municipalities (JSON: a 404)
        now = all(wh.regions.get(s["region_code"], {}).get("current")
                  for s in gone["successors"])  # Beers (1994): Cuijk, Grave, ... are former
        return render(request, "former.html", {"former": gone, "now": now,
                                               "sentence": former.sentence(gone, lang)},
                      lang, fmt, f"/gemeente/{gone['region_code']}", {}, status=404,
                      twin=False)
    region = wh.municipality(code)
    rcode = region["region_code"]
    if code != rcode:
        target = url(f"/gemeente/{rcode}", lang=lang, format=fmt if fmt == "json" else None,
                     vergelijk=vergelijk, voorheen=region.get("former") or voorheen)
        return RedirectResponse(target, status_code=307)
    page = tiles.city_page(wh, region, lang, vergelijk)
    note = former_note(wh, voorheen, rcode, lang)
    if voorheen is not None and not note:  # GM9999, 'abc', Delfzijl on Zwolle's page
        raise InvalidParameter.worded("unknown_former", value=voorheen, name=region["name"],
                                      code=rcode)
    if note:  # the page dict is shared (kept per municipality): a copy with the note
        page = {**page, "former_note": note}
    return render(request, "city.html", page, lang, fmt, f"/gemeente/{rcode}",
                  {"vergelijk": vergelijk, "voorheen": voorheen if note else None})


@router.get("/indicator/{indicator_id}")
def indicator_page(request: Request, indicator_id: Annotated[str, PathParam(max_length=80)],
                   lang: Lang = "nl", fmt: Fmt = "html",
                   year: Year = None,
                   regions: Annotated[str | None, Query(max_length=400)] = None) -> Response:
    wh = _wh(request)
    meta = wh.indicator(indicator_id)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    years = data.municipal_years(wh, indicator_id)
    year = page_year(wh, indicator_id, year, years)
    chosen = chosen_regions(wh, regions, 1, 8) if regions else featured_regions(wh)
    codes = [r["region_code"] for r in chosen]
    values = data.municipal_values(wh, indicator_id, year) if year else []
    fresh = stale_latest(wh, year, years)  # an out-of-date latest year, as the home map
    # '(voorlopig, omgerekend)': map, table; the map's tooltips '(2019, verouderd)' too
    mark_values(wh, values, indicator_id, year, lang, fresh)
    recalculated.round_rows(wh, values, indicator_id, year)  # as printed: 1.850 m³
    in_set = [v for v in values if v["in_city_set"]]
    context = data.context_regions(wh, codes[0]) if len(codes) == 1 else []
    rows = data.series(wh, indicator_id, codes + context)
    recalculated.round_rows(wh, rows, indicator_id)  # chart and table as printed
    computed = computed_regions(wh, meta, rows, year, lang)
    drawn = list(dict.fromkeys(r["region_code"] for r in rows))  # those with figures
    codes_shown = drawn or codes
    for row in rows:
        row["name"] = region_label(wh, row["region_code"], lang)
    note_rows(wh, rows, indicator_id, lang)  # '(omgerekend, zonder Ameland)' in tooltips
    t, unit, places = title(meta, lang), meta["unit"], meta.get("decimals")
    page = {
        "indicator": indicator_meta(meta, lang), "year": year, "years": years,
        # the map's year as the ranking marks its values: all 2023 incomes are provisional
        "year_shown": map_year_shown(year, values, lang, fresh) if year else None,  # as home
        "stale_note": stale_note(year, fresh, lang) if fresh else None,
        "regions": chosen, "former_notes": former_notes(wh, chosen, lang) if regions else [],
        # the heading names every chosen one; those the chart and table lack, said so and
        # why, as the city page's tiles and /vergelijk say it (grouped by reason)
        "without": gaps.without_series(wh, indicator_id, codes, drawn, lang),
        "series": rows, "map_values": values,
        "city_set_values": in_set,
        "city_set": computed["city_set"],
        "computed_note": computed["note"],
        "nl_cbs_note": computed["nl_cbs"],
        "regions_cbs_note": computed["regions_cbs"],
        "map_spec": specs.choropleth(values, t, unit, codes, lang, places,
                                     recalculated.precision(wh, indicator_id, year)),
        "line_spec": specs.lines(rows, t, unit, lang,
                                 texts(lang)["area"] if context else None, places,
                                 meta.get("break_years") or (),
                                 rounding_steps(wh).get(indicator_id)),
        "break_note": specs.break_note(rows, meta.get("break_years") or (), lang),
        "dist_spec": dist_chart.distribution(in_set, t, unit, codes, lang,
                                        city_set_name(wh, lang), places),
        "series_table": pivot(rows, codes_shown, wh, lang, indicator_id),
        "context": [{"region_code": c, "name": region_label(wh, c, lang)} for c in context
                    if c in codes_shown],
        "sources": [table_source(wh, s, lang)  # every table its figures come from
                    for s in meta.get("used_tables") or meta["source_tables"] or []],
        "downloads": {f: f"/api/v1/download/{indicator_id}.{f}"
                      for f in ("csv", "excel.csv", "xlsx", "parquet", "json")},
        "api": url("/api/v1/series", indicator=indicator_id, region=",".join(codes)),
        "embed": url(f"/embed/indicator/{indicator_id}", regions=",".join(codes), lang=lang),
    }
    params = {"year": year, "regions": ",".join(codes)}
    return render(request, "indicator.html", page, lang, fmt, f"/indicator/{indicator_id}",
                  params)


@router.get("/vergelijk")
def compare(request: Request, lang: Lang = "nl", fmt: Fmt = "html",
            regions: Annotated[str | None, Query(max_length=400)] = None,
            indicator: Annotated[str, Query(max_length=80)] = COMPARE_DEFAULT) -> Response:
    wh = _wh(request)
    meta = wh.indicator(indicator)
    indicator = meta["indicator_id"]  # an alias read as its id
    chosen = chosen_regions(wh, regions, data.MIN_COMPARE, data.MAX_COMPARE) if regions else []
    codes = [r["region_code"] for r in chosen]
    inds = [i for i in wh.key_indicators if not wh.indicators[i]["projection"]]
    # as the city page's tiles: year, 'voorlopig', 'verouderd', why a figure is missing
    table = compare_table.table(wh, codes, inds, lang) if codes else []
    rows = data.series(wh, indicator, codes) if codes else []
    recalculated.round_rows(wh, rows, indicator)  # chart and table as printed
    for row in rows:
        row["name"] = wh.name(row["region_code"])
    note_rows(wh, rows, indicator, lang)  # '(voorlopig, omgerekend)' in the line's tooltip
    page = {"regions": chosen, "indicator": indicator_meta(meta, lang), "table": table,
            "series": rows, "series_table": pivot(rows, codes, wh, lang, indicator),
            "line_spec": specs.lines(rows, title(meta, lang), meta["unit"], lang,
                                     decimals=meta.get("decimals"),
                                     breaks=meta.get("break_years") or (),
                                     steps=rounding_steps(wh).get(indicator)) if rows else None,
            "break_note": specs.break_note(rows, meta.get("break_years") or (), lang),
            # a chosen one without a line: said under the chart, and why
            "without": gaps.without_lines(wh, indicator, codes, rows, lang),
            "choices": indicator_choices(wh, inds, indicator, lang),  # and the chart's own
            "regions_text": ", ".join(r["name"] for r in chosen),
            # 'Appingedam valt sinds 1 januari 2021 onder Eemsdelta (GM1979)': asked for by
            # a former name, shown as its successor, as the city page and /ranglijst say
            "former_notes": former_notes(wh, chosen, lang)}
    params = {"regions": ",".join(codes),
              "indicator": indicator if indicator != COMPARE_DEFAULT else None}
    return render(request, "compare.html", page, lang, fmt, "/vergelijk", params)


Sort = Annotated[Literal["rang", "naam", "waarde"], Query(alias="sorteer")]
Order = Annotated[Literal["op", "af"], Query(alias="volgorde")]
Group = Annotated[str, Query(alias="groep", max_length=20)]
Mine = Annotated[str | None, Query(alias="mijn", max_length=100)]


def _ranking(request: Request, indicator: str, year: int | None, group: str,
             mine: str | None, sort: str, order: str, lang: str) -> dict[str, Any]:
    wh = _wh(request)
    meta = wh.indicator(indicator)
    indicator = meta["indicator_id"]  # an alias read as its id
    years = data.municipal_years(wh, indicator)
    year = page_year(wh, indicator, year, years)
    found = wh.municipality(mine) if mine else None
    focal = found["region_code"] if found else None
    group = ranking.canonical_group(wh, group)
    view = ranking.ranked(wh, indicator, year, group, focal, sort, order == "af", lang) \
        if year else {"rows": [], "n": 0, "missing": 0, "best": "high"}
    # 'mijn' outside the ranked group: said so, with the ranking where it is (no dead link)
    inside = focal is None or any(r["region_code"] == focal for r in view["rows"]) or not year
    inds = [i for i in wh.indicators if not wh.indicators[i]["projection"]]
    params = {"indicator": indicator, "year": year, "groep": group if group != ranking.ALL
              else None, "mijn": focal, "sorteer": sort if sort != "rang" else None,
              "volgorde": order if order != "op" else None}
    year_shown, stale_note = ranking.stale_year(wh, year, years, lang)
    # as the map's heading: '2024, voorlopig' where every ranked figure is, 'deels voorlopig'
    # where some are (their rows say which), '2019, verouderd' (ranking.row_marks)
    fresh = stale_latest(wh, year, years) if year_shown else None
    figures = [r for r in view["rows"] if r["value"] is not None]
    return {"indicator": indicator_meta(meta, lang), "year": year, "years": years, "group": group,
            "year_shown": map_year_shown(year, figures, lang, fresh) if figures and year
            else year_shown or year, "stale_note": stale_note, "mine": focal,
            "mine_name": wh.name(focal) if focal else None,
            "mine_in_group": inside,
            "mine_outside": None if inside else {
                "group": ranking.group_name(wh, group, lang),
                "href": url("/ranglijst", **{**params, "groep": None}, lang=lang)
                + f"#rk-{focal}"},
            "mine_note": former_note(wh, found.get("former"), focal, lang) if found else None,
            "sort": sort, "order": order, **view, "meta": meta,
            "groups": ranking.groups(wh, lang), "fixed_note": ranking.fixed_note(wh, group, lang),
            # a projection too when it is the one ranked (its option selected)
            "choices": sorted(indicator_choices(wh, inds, indicator, lang),
                              key=lambda m: m["title"].lower()),
            "params": params}


@router.get("/ranglijst")
def ranking_page(request: Request, lang: Lang = "nl", fmt: Fmt = "html",
                 indicator: Annotated[str, Query(max_length=80)] = MAP_DEFAULT,
                 year: Year = None, group: Group = ranking.ALL, mine: Mine = None,
                 sort: Sort = "rang", order: Order = "op") -> Response:
    """All municipalities ranked on one indicator in one year; filter, sort, download."""
    page = _ranking(request, indicator, year, group, mine, sort, order, lang)
    params = page.pop("params")
    page.pop("meta")
    page["downloads"] = {v: url("/ranglijst/download.csv", **params, variant=v, lang=lang)
                         for v in ("plain", "excel")}
    page["sort_urls"] = {s: url("/ranglijst", **{**params, "sorteer": s,
                                                   "volgorde": "af" if s == sort and
                                                   order == "op" else None}, lang=lang)
                         for s in ranking.SORTS}
    return render(request, "ranking.html", page, lang, fmt, "/ranglijst", params)


@router.get("/ranglijst/download.csv")
def ranking_csv(request: Request, indicator: Annotated[str, Query(max_length=80)] = MAP_DEFAULT,
                year: Year = None, group: Group = ranking.ALL, mine: Mine = None,
                sort: Sort = "rang", order: Order = "op",
                variant: Annotated[Literal["plain", "excel"], Query()] = "plain",
                lang: Lang = "nl") -> Response:
    """The ranking view as CSV: plain (pandas.read_csv) or Dutch Excel (';', decimal comma);
    the unit and the credit in the page's ``lang``, as the API's downloads."""
    page = _ranking(request, indicator, year, group, mine, sort, order, lang)
    body = ranking.to_csv(page["rows"], page["meta"], page["year"], variant == "excel", lang)
    name = (f"ranglijst-{page['meta']['indicator_id']}-{page['year']}-{group}"
            f"{'-excel' if variant == 'excel' else ''}")
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/api/v1/docs", dependencies=[Depends(check_language)])
def api_docs(request: Request, lang: Lang = "nl") -> Response:
    """A local page listing the API from its OpenAPI spec (no CDN), in the page's language
    (:func:`.api_docs.documented_ops`); ``?lang=`` as the API's endpoints read it
    (:func:`~.errors.check_language`: given empty or only spaces, 'parameter 'lang' is
    empty', not "unknown language ''")."""
    spec = request.app.openapi()
    ops, description = documented_ops(spec, lang)
    info = {**spec["info"], "description": description}
    return render(request, "apidocs.html", {"ops": ops, "info": info}, lang, "html",
                  "/api/v1/docs", {})

