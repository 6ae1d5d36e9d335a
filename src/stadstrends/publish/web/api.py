"""JSON API under /api/v1: regions, indicators, labels, series, profile, downloads, maps."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, BeforeValidator
from starlette.concurrency import run_in_threadpool

from stadstrends import CREDIT
from stadstrends.errors import InvalidParameter, NotFoundError, WarehouseMissing
from stadstrends.paths import build_command
from stadstrends.publish.harmonised import as_data, as_downloaded
from stadstrends.publish.notes import NO_NOTES, NOTES
from stadstrends.publish.queries import domain_code
from stadstrends.publish.web import (
    data,
    download_files,
    downloads,
    gap_api,
    geo,
    series_gaps,
    tiles,
    units,
)
from stadstrends.publish.web.api_models import SeriesBody
from stadstrends.publish.web.errors import check_language, check_parameters
from stadstrends.publish.web.http import etag_of
from stadstrends.publish.web.i18n import CATALOGUE_LANG, credit, in_language
from stadstrends.publish.web.page_params import no_empty_items, whole
from stadstrends.publish.web.page_parts import cbs_totals, indicator_titles
from stadstrends.publish.web.region_search import region_search
from stadstrends.publish.web.reload import request_wh
from stadstrends.publish.web.state import WebWarehouse
from stadstrends.publish.web.value_marks import year_notes
from stadstrends.vocabulary import language_of, languages


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str | None = None
    suggestions: list[str] = []


class ErrorBody(BaseModel):
    error: ErrorDetail


# every error has the one shape (publish/web/errors.py); a parameter FastAPI cannot read is a
# 400 as our own checks give (no 422: "4XX" keeps FastAPI from documenting its own body)
ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody, "description": d} for s, d in
    ((400, "Bad parameter"), (404, "Unknown region or indicator"),
     ("4XX", "Other client errors (405 method not allowed, ...)"))}
router = APIRouter(prefix="/api/v1", responses=ERRORS, dependencies=[Depends(check_language),
                                                    Depends(check_parameters)])
Level = Literal["gemeente", "corop", "provincie", "land"]
MAX_LIMIT = 100


async def get_wh(request: Request) -> WebWarehouse:
    """The request's warehouse (async: no trip through the thread pool for a lookup)."""
    return request_wh(request)


WH = Annotated[WebWarehouse, Depends(get_wh)]


async def answer_lang(lang: Annotated[str, Query(
        description="The language of the answer's words (credit, units, reasons, titles); "
        "a tag with a region (en-GB, nl-BE) is read as its language, any case; another "
        "value is a 400", json_schema_extra={"enum": list(languages())})] = CATALOGUE_LANG
                      ) -> str:
    """The language of an answer's words (``?lang=``, checked by :func:`check_language`):
    the credit, units and reasons; Dutch, the catalogue's, without it. The one declaration
    of ``lang`` in the API's schema, for the routes whose words it chooses."""
    return language_of(lang) or CATALOGUE_LANG


Lang = Annotated[str, Depends(answer_lang)]


def jsonable(obj: Any) -> Any:
    """Plain JSON values (NaN -> None, dates -> ISO, numpy -> Python)."""
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if hasattr(obj, "tolist"):
        return jsonable(obj.tolist())
    return obj


def former_notes(query: str, found: dict[str, Any]) -> dict[str, Any]:
    """``{"notes": [{query, region_code, former, note_nl, note_en}]}`` when ``query`` named a
    former municipality answered by its successor (:meth:`WebWarehouse.region`: Weesp,
    GM0457, by Amsterdam), else ``{}``: what /series, /profile and the wijk boundaries say."""
    if not found.get("former"):
        return {}
    return {"notes": [{"query": query, "region_code": found["region_code"],
                       "former": found["former"], "note_nl": found["note_nl"],
                       "note_en": found["note_en"]}]}


@router.get("/regions", summary="Search regions by name, code or alias")
def regions(wh: WH, q: Annotated[str | None, Query(max_length=100)] = None,
            level: Level | None = None,
            limit: Annotated[int, BeforeValidator(whole), Query(ge=1, le=MAX_LIMIT)] = 20,
            include_former: bool = False) -> dict[str, Any]:
    """Current regions matching ``q``. A former municipality's name or code finds where it
    went: the successor it went to whole (Weesp: Amsterdam, ``current`` true) or, split over
    several, the former municipality itself (Haaren, ``current`` false); either with
    ``former``, ``former_name``, ``ended`` (ISO date), ``successors`` (``region_code``,
    ``name``, ``share`` of its inhabitants) and ``note_nl``/``note_en``.
    ``include_former``: former regions as themselves."""
    rows = region_search(wh, q, level, limit, include_former)
    return {"query": q, "count": len(rows), "regions": rows}


@router.get("/indicators", summary="The indicator catalogue")
def indicators(wh: WH, lang: Lang, domain: Annotated[str | None, Query(max_length=40)] = None
               ) -> dict[str, Any]:
    if domain is not None:  # a code or a name in any language ('demografie'), as the CLI
        domain = domain_code(domain, sorted({m["domain"] for m in wh.indicators.values()}))
    rows = [{k: m[k] for k in ("indicator_id", "domain", "title_nl", "title_en", "unit",
                               "direction", "key_indicator")}
            | {"source_tables": list(m.get("used_tables") or m["source_tables"] or []),
               "year_offset": int(m.get("year_offset") or 0),  # 1: stock of the year before
               "url": f"/api/v1/indicators/{i}"}
            for i, m in wh.indicators.items() if domain in (None, m["domain"])]
    return in_language({"count": len(rows), "indicators": rows, "credit": CREDIT}, lang)


@router.get("/labels", summary="The words of the warehouse's codes (reasons, domains, "
            "opgaven, verdicts, units, indicator titles, region sets) per language")
def labels(wh: WH, kind: Annotated[str | None, Query(max_length=40)] = None,
           lang: Annotated[str | None, Query(max_length=10)] = None) -> dict[str, Any]:
    if not wh.has("labels"):
        raise WarehouseMissing.worded("no_labels_table", build=build_command(wh.db_path))
    have = wh.memo(("label_keys",), lambda: {
        "kind": sorted({r["kind"] for r in wh.rows("SELECT DISTINCT kind FROM labels")}),
        "lang": sorted({r["lang"] for r in wh.rows("SELECT DISTINCT lang FROM labels")})})
    lang = language_of(lang) or lang if lang is not None else None  # 'en-US': 'en'
    for name, value in (("kind", kind), ("lang", lang)):
        if value is not None and value not in have[name]:
            raise InvalidParameter.worded(f"unknown_label_{name}", value=value,
                                          choices=", ".join(have[name]), suggestions=have[name])
    rows = wh.rows("SELECT kind, code, lang, field, text FROM labels WHERE "
                   "($1 IS NULL OR kind = $1) AND ($2 IS NULL OR lang = $2) ORDER BY ALL",
                   [kind, lang])
    return {"count": len(rows), "labels": rows, "credit": credit(lang or CATALOGUE_LANG)}


IndicatorId = Annotated[str, Path(max_length=80, description="Indicator id, e.g. population")]


@router.get("/indicators/{indicator_id}", summary="One indicator's metadata")
def indicator(wh: WH, indicator_id: IndicatorId, lang: Lang) -> dict[str, Any]:
    meta = downloads.metadata(wh, indicator_id, lang)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    years = data.municipal_years(wh, indicator_id)
    links = {f: f"/api/v1/download/{indicator_id}.{f}" + ("" if lang == CATALOGUE_LANG else
                                                          f"?lang={lang}")
             for f in downloads.FORMATS}
    return jsonable({**meta, "municipal_years": years, "page": f"/indicator/{indicator_id}",
                     "downloads": links})


@router.get("/indicators/{indicator_id}/values",
            summary="All current municipalities' values in one year (for maps)")
def values(wh: WH, indicator_id: IndicatorId, lang: Lang,
           year: Annotated[int | None, BeforeValidator(whole), Query(description=(
               f"a year {data.YEAR_MIN}–{data.YEAR_MAX} with municipal values (see "
               "municipal_years); outside, or one without: a 400 naming the years with "
               "values"))] = None
           ) -> dict[str, Any]:
    meta = wh.indicator(indicator_id)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    years = data.municipal_years(wh, indicator_id)
    data.check_year(years, year=year)  # as series' from/to and the pages' year
    year = year if year is not None else data.default_year(wh, indicator_id, years)
    if year is not None and years and year not in years:
        raise InvalidParameter.worded("no_values_in_year", indicator=indicator_id, year=year,
                                      title=indicator_titles(wh, indicator_id),
                                      first=years[0], last=years[-1], span=units.spans(years),
                                      suggestions=[str(y) for y in years[-5:]])
    rows = data.municipal_values(wh, indicator_id, year) if year is not None else []
    # the downloads' and /series' notes (notes.cell_notes): a coarse count's figure, a
    # sample figure, a share from few cases
    notes = year_notes(wh, indicator_id, year) if rows else {}
    for row in rows:  # as the downloads and /series (harmonised.as_downloaded)
        row["value"] = as_downloaded(row["value"], meta["unit"])
        mine = notes.get((row["region_code"], int(year)), NO_NOTES)
        for note in ("rounded_count", "survey_estimate", "small_base"):
            row[note] = mine[NOTES.index(note)]
    return jsonable(in_language({
        "indicator_id": indicator_id, "unit": meta["unit"], "year": year, "years": years,
        "count": len(rows), "city_set": wh.settings.city_set, "values": rows,
        "credit": CREDIT}, lang))


_WINDOW = (f"a year {data.YEAR_MIN}–{data.YEAR_MAX}; outside, or a window without values: a "
           "400 naming the years with values")


@router.get("/series", summary="Yearly values of one indicator for one or more regions",
            responses={200: {"model": SeriesBody, "description": "values and gaps"}})
async def series(wh: WH, lang: Lang,
           indicator: Annotated[str, Query(max_length=80, description="indicator id")],
           region: Annotated[list[str], Query(
               description="region codes, names or aliases; repeat or comma-separate "
                           f"(at most {data.MAX_SERIES_REGIONS})")],
           year_from: Annotated[int | None, BeforeValidator(whole), Query(alias="from",
                                                  description=_WINDOW)] = None,
           year_to: Annotated[int | None, BeforeValidator(whole), Query(alias="to",
                                                description=_WINDOW)] = None) -> JSONResponse:
    meta = wh.indicator(indicator)
    indicator = meta["indicator_id"]  # an alias read as its id
    queries = data.parse_codes(region)  # (a list too long: that error first)
    no_empty_items(region)  # 'GM0080,,GM0193': a 400, not read as two
    if not queries:
        raise InvalidParameter.worded("no_region_given")
    if len(queries) > data.MAX_SERIES_REGIONS:
        raise InvalidParameter.worded("too_many_regions", n=len(queries),
                                      indicator=meta["indicator_id"],
                                      limit=data.MAX_SERIES_REGIONS)
    data.check_years(year_from, year_to)
    # codes of a loaded indicator are dictionary lookups (~0.2 ms): answered on the event
    # loop, so a series never waits for a thread behind page renders; names (fuzzy
    # matching, up to ~30 ms each) and the first query of an indicator go to a thread
    if data.series_loaded(wh, indicator) and all(q.upper() in wh.regions for q in queries) \
            and series_gaps.loaded(wh, indicator, [q.upper() for q in queries], lang) \
            and wh.memoized(("cbs_total_years",)):
        return _series(wh, meta, queries, year_from, year_to, lang)
    return await run_in_threadpool(_series, wh, meta, queries, year_from, year_to, lang)


def _series(wh: WebWarehouse, meta: dict[str, Any], queries: list[str],
            year_from: int | None, year_to: int | None, lang: str) -> JSONResponse:
    found = [wh.region(q) for q in queries]
    codes = list(dict.fromkeys(r["region_code"] for r in found))
    if any(y is not None and not data.YEAR_MIN <= y <= data.YEAR_MAX
           for y in (year_from, year_to)):
        data.check_year(data.series_years(wh, meta["indicator_id"], codes)
                        or data.municipal_years(wh, meta["indicator_id"]),
                        **{"from": year_from, "to": year_to})
    rows = data.series(wh, meta["indicator_id"], codes, year_from, year_to)
    if not rows and (year_from is not None or year_to is not None):
        _no_values_in_window(wh, meta["indicator_id"], codes, year_from, year_to)
    totals = cbs_totals(wh)  # a region's count or ratio that is CBS's own figure of it
    for row in rows:  # values as the downloads give them (harmonised.as_downloaded)
        row["name"] = wh.label(row["region_code"])  # 'Utrecht (PV)', not 'Utrecht'
        row["value"] = as_downloaded(row["value"], meta["unit"])
        row["cbs_total"] = row["year"] in totals.get(row["region_code"], {}).get(
            meta["indicator_id"], ())
    notes = [n for q, r in zip(queries, found, strict=True)
             for n in former_notes(q, r).get("notes", [])]
    # year_offset 1: each year is CBS's stock on 31 December of the year before (arrears)
    body = {"indicator": in_language(
                {k: meta[k] for k in ("indicator_id", "title_nl", "title_en", "unit")}
                | {"year_offset": int(meta.get("year_offset") or 0)}, lang),
            "regions": [{"region_code": c, "name": wh.label(c)} for c in codes],
            **({"notes": notes} if notes else {}),
            "from": year_from, "to": year_to, "count": len(rows), "series": rows,
            # the years without a value and why (indicator_gaps, the page's words)
            "gaps": series_gaps.series_gaps(wh, meta["indicator_id"], codes, lang,
                                            year_from, year_to),
            "credit": credit(lang)}  # the words in lang: unit, gaps' text, credit
    return JSONResponse(jsonable(body))


def _no_values_in_window(wh: WebWarehouse, indicator_id: str, codes: list[str],
                         year_from: int | None, year_to: int | None) -> None:
    """A ``from``/``to`` window without any figure of regions that have figures is a 400
    naming the years that have them (as ``values?year=2030``), not 200 with 0 rows."""
    years = data.series_years(wh, indicator_id, codes)
    if not years:
        return  # no figures at all for these regions: the empty answer is the truth
    asked = "&".join(f"{k}={v}" for k, v in (("from", year_from), ("to", year_to))
                     if v is not None)
    raise InvalidParameter.worded(
        "no_values_in_window", indicator=indicator_id, asked=asked,
        title=indicator_titles(wh, indicator_id),  # in words as the regions, its id beside
        regions=", ".join(wh.name(c) for c in codes), span=units.spans(years),
        suggestions=[str(y) for y in years[-5:]])


@router.get("/profile/{region}", summary="A municipality's profile: signals, opgaven, peers")
def profile(wh: WH, region: Annotated[str, Path(max_length=100)], lang: Lang,
            set_: Annotated[str | None, Query(
                alias="set", max_length=40,
                description="comparison group id (a size class such as GK5, a province "
                "code such as PV26, a named region set); default: its default group")
            ] = None) -> dict[str, Any]:
    """The city page's facts as JSON: per domain its indicators (the page's tiles; CBS's
    projections apart, not counted) and their counts (``counted`` says what: an indicator
    whose latest figure is out of date is ``n_stale``, not counted by its trend); per opgave
    its signal counts, top signals and what Kies richting names for it (``kies_richting``,
    ``kies_<lang>``: the line on the page's card). Sentences in Dutch (``*_nl``) and, with
    ``lang=en``, in English beside them (``*_en``), as ``stadstrends profile X --format json``.
    ``peers`` by ``peer_set``, nearest first in each: those within the comparison group where
    the build made them, then those among all municipalities (``all``), then any other set:
    the page's and the report's order."""
    from stadstrends.publish.groups import resolve_group

    found = wh.municipality(region)
    code = found["region_code"]
    notes = former_notes(region, found)
    with wh.cursor() as cur:
        group = resolve_group(cur, code, found["name"], set_)
    made = tiles.profile(wh, code, group["set_id"], lang)  # the city page's, in its language
    # the city page's tweedeling rows, its marks as codes (stale, provisional, older_reason)
    notes = {"tweedeling": gap_api.api_rows(wh, code), **notes}
    if made is not None:  # numbers as every data output gives them (harmonised.as_data)
        return jsonable(in_language(as_data({**made, **notes}), lang))
    try:
        from stadstrends.publish.profile import city_profile
    except ImportError:  # the signals stage is not there yet
        city_profile = None
    if city_profile is not None:
        with wh.cursor() as cur:
            try:
                return jsonable(in_language(as_data(
                    {**city_profile(cur, code, group["set_id"], lang), **notes}), lang))
            except WarehouseMissing:
                pass  # an older warehouse without signals: fall back to the base tables
    return jsonable(in_language(as_data({
        "region": found, "group": group,
        "indicators": data.city_indicators(wh, code, group["set_id"]),
        "opgaven": data.opgave_summary(wh, code, group["set_id"]),
        "peers": data.peers(wh, code, group["set_id"]),
        **notes, "credit": CREDIT}), lang))


@router.get("/download/{filename}", summary="One indicator for all regions: "
            "{indicator}.csv, .xlsx, .parquet (data) or .json (metadata)",
            response_class=Response)
async def download(request: Request, filename: Annotated[str, Path(max_length=90)],
                   lang: Lang) -> Response:
    """Data files are made once per build in a worker process (never on the event loop)
    and then sent from disk; the metadata JSON is small and made in a thread. ``lang``:
    the language of the units, the credit and the XLSX metadata sheet (default nl)."""
    wh = request_wh(request)
    # the indicator first: 'foo.xyz' offered foo.csv, foo.xlsx, ..., each a 404 in turn
    meta = wh.indicator(downloads.indicator_part(filename))  # '.csv': none given, said so
    fmt = downloads.split_name(filename)[1]
    indicator_id = meta["indicator_id"]  # an alias read as its id: its file
    # revalidated by the build's ETag on every use (http.HTTPLayer answers 304): a rebuild is
    # seen at once, where an hour's max-age kept the old build's file in the browser
    headers = {"Cache-Control": "no-cache", "ETag": etag_of(wh).decode()}
    if fmt == "json":  # small: made once per build and kept
        body = await run_in_threadpool(
            wh.memo, ("download_json", indicator_id, lang),
            lambda: downloads.render_bytes(wh, indicator_id, fmt, lang), 128)
        return Response(body, media_type=downloads.FORMATS[fmt], headers=headers)
    path = await download_files.file_for(wh, indicator_id, fmt, lang)
    headers["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return FileResponse(path, media_type=downloads.FORMATS[fmt], headers=headers)


@router.get("/geo/gemeenten.geojson", summary="Simplified municipal boundaries (2023)",
            response_class=Response)
def boundaries(request: Request) -> Response:
    """The boundaries of the snapshot the request's warehouse was built from (one swapped
    in after a rebuild draws its own: :func:`~stadstrends.publish.web.geo.served_path`)."""
    wh = request_wh(request)
    body = geo.simplified_geojson(geo.served_path(request.app.state.geo_file,
                                                  wh.build_info.get("snapshot")))
    return Response(body, media_type="application/geo+json")


@router.get("/geo/wijken/{code}.geojson", summary="A municipality's wijk boundaries (2014)",
            response_class=Response)
def wijk_boundaries(wh: WH, code: Annotated[str, Path(max_length=100)]) -> Response:
    """The 2014 wijken of a current municipality; a former one that went whole into another
    answers with that one's and ``notes`` saying so (as /series and /profile); one divided
    over several (Haaren, GM0788) is a 404 naming them; an unknown one suggests current
    municipalities only (no ended one, whose wijken of today are another's)."""
    from stadstrends.publish.web import wijken

    region = wh.municipality(code, current_only=True)
    path = wijken.wijk_path(wh.build_info.get("snapshot"))
    if path is None:
        raise NotFoundError.worded("no_wijk_boundaries", file=str(wijken.WIJK_FILE))
    # a former code is answered with its successor's wijken and says so (a foreign member
    # of the FeatureCollection, as RFC 7946 allows): GM0457 Weesp gave Amsterdam's silently
    body = json.dumps({**wijken.wijk_geojson(path, region["region_code"]),
                       **former_notes(code, region)},
                      separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return Response(body, media_type="application/geo+json")
