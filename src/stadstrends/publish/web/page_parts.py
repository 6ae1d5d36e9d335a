"""What several pages show alike: an indicator's meta and caveats, a CBS source table as
users see it, the year and regions a page is asked for (checked, or the defaults), region
labels and the year x region table beside a chart."""

from __future__ import annotations

from typing import Any

from stadstrends.errors import InvalidParameter
from stadstrends.publish.figure_notes import (
    COARSE_MARK,
    cbs_total_years,
    left_out_years,
    legends,
    marked,
    nl_cbs_series,
    offset_note,
    without,
)
from stadstrends.publish.format import fmt_list, fmt_years
from stadstrends.publish.harmonised import (
    is_computed,
    round_computed,
)
from stadstrends.publish.median_zeros import FIELDS, zero_words
from stadstrends.publish.read import fresh_from
from stadstrends.publish.sentence_words import WORDS, stale
from stadstrends.publish.statline import statline_link
from stadstrends.publish.web import data, tile_gaps, units
from stadstrends.publish.web.i18n import description, texts, title
from stadstrends.publish.web.page_params import no_empty_items
from stadstrends.publish.web.state import WebWarehouse
from stadstrends.publish.web.value_marks import NO_ROUNDING, figure_flags, rounding_of


def table_source(wh: WebWarehouse, table_id: str, lang: str = "nl") -> dict[str, Any]:
    """A CBS table as users see it: id, title as the report's source list gives it (CBS's
    own, else what the table provides, never the snapshot's notes about its copy:
    :func:`~stadstrends.publish.report.sources.titled`), retrieval date and a plain
    statement of how complete this snapshot has it; ``link``: the table on StatLine
    (:func:`~stadstrends.publish.statline.statline_link`: ``url``, ``language``)."""
    src = wh.sources.get(table_id, {})
    return {"table_id": table_id, "title": source_title(wh, table_id, lang),
            "retrieved_at": src.get("retrieved_at"),
            "retrieved_kind": src.get("retrieved_kind") or "retrieved",  # 'copy': kwb2019
            "coverage": wh.cuts.statement(table_id, lang),
            "link": statline_link(table_id, lang)}


def source_title(wh: WebWarehouse, table_id: str, lang: str) -> str:
    """The title of a source table for readers in ``lang``, as the report's source list
    says it ('Levert: Gasverbruik per woning; ...' where CBS's title is not in the data)."""
    from stadstrends.publish.report.sources import catalogue_uses, titled

    uses = wh.memo(("table_uses",), lambda: catalogue_uses(wh.indicators.values()))
    used = [title(m, lang) for m in uses.get(table_id.lower(), [])]
    return titled(wh.sources.get(table_id, {}), lang, used)


def indicator_meta(meta: dict[str, Any], lang: str) -> dict[str, Any]:
    return {"indicator_id": meta["indicator_id"], "title": title(meta, lang),
            "unit": meta["unit"], "unit_label": units.label(meta["unit"], lang),
            "decimals": meta.get("decimals"),
            "direction": meta["direction"], "domain": meta["domain"],
            "description": description(meta, lang), "caveats": caveats(meta, lang),
            # payment arrears: each year is CBS's stock on 31 December of the year before
            "year_note": offset_note("general", meta.get("year_offset"), lang)}


def indicator_choices(wh: WebWarehouse, ids: list[str], shown: str, lang: str
                      ) -> list[dict[str, Any]]:
    """An indicator chooser's options: ``ids`` and, last, the one the page shows (a link or
    an address may open any indicator; before, the home map of thefts per 1 000 had no
    option for it, so the browser showed the first, 'Inwoners op 1 januari', above it),
    each labelled as the indicator's own page is titled (:func:`indicator_meta`)."""
    return [indicator_meta(wh.indicators[i], lang) for i in dict.fromkeys([*ids, shown])]


def caveats(meta: dict[str, Any], lang: str) -> list[str]:
    """An indicator's caveats in ``lang`` (the catalogue has them in Dutch and English)."""
    return list(meta.get("caveats_en" if lang == "en" else "caveats") or [])


def page_year(wh: WebWarehouse, indicator_id: str, year: int | None, years: list[int]
              ) -> int | None:
    if year is None:
        return data.default_year(wh, indicator_id, years)
    data.check_year(years, year=year)  # outside 1900-2100: as the API says it
    if year not in years:
        span = units.spans(years) if years else "–"  # '1999–2026', gaps shown
        # the indicator as the page names it, not its id ('population')
        raise InvalidParameter.worded("no_values_in_year_page", indicator=indicator_id,
                                      title=indicator_titles(wh, indicator_id), year=year,
                                      span=span,
                                      suggestions=[str(y) for y in years[-5:]])
    return year


def indicator_titles(wh: WebWarehouse, indicator_id: str) -> dict[str, str]:
    """An indicator's title per language (an error's words parameter: the page's and the
    API's errors name it as the pages do, the API's with its id beside), its id when
    unknown."""
    from stadstrends.vocabulary import languages

    meta = wh.indicators.get(indicator_id)
    return {lang: title(meta, lang) if meta else indicator_id for lang in languages()}


def map_year(wh: WebWarehouse, indicator_id: str, year: int | None, years: list[int]
             ) -> int | None:
    """The home map's year: one without figures of this indicator but within its years (a
    slider's gap) or within those of any observed municipal figure (1995-2026: another
    indicator's year kept when switching) shows the nearest year with figures; one outside
    them (1900, 2050 for an observed indicator) is :func:`page_year`'s 400, as on the
    other pages (it showed the latest year, as if not asked)."""
    if year is None or not years:
        return page_year(wh, indicator_id, None, years)
    span = getattr(wh, "_observed_years", None)
    if span is None:  # projections (to 2050) are not observed years
        span = wh._observed_years = tuple(wh.rows(
            "SELECT min(year) AS low, max(year) AS high FROM indicator_values "
            "JOIN current_municipalities USING (region_code) JOIN indicators i "
            "USING (indicator_id) WHERE NOT i.projection")[0].values())
    if years[0] <= year <= years[-1] or (span[0] is not None and span[0] <= year <= span[1]):
        year = min(years, key=lambda y: (abs(y - year), -y))
    return page_year(wh, indicator_id, year, years)


def chosen_regions(wh: WebWarehouse, text: str, low: int, high: int) -> list[dict[str, Any]]:
    """The municipalities of a page's ``regions`` list, ``low`` to ``high`` of them; an empty
    place in it ('Zwolle,,Deventer') refused as the API refuses it (:func:`no_empty_items`)."""
    no_empty_items([text], "regions")
    queries = data.parse_codes(text)
    # '1 gemeente opgegeven', '6 gemeenten opgegeven' (not '1 gemeente(n)')
    count = "region_count_one" if len(queries) == 1 else "region_count"
    if len(queries) > high:
        raise InvalidParameter.worded(count, n=len(queries), low=low, high=high)
    # each name first: 'Bergen' alone is ambiguous (two municipalities), not '1 given'
    found = [wh.municipality(q) for q in queries]
    if len(queries) < low:
        given = data.parse_codes(text, repeats=True)
        if len(given) >= low:  # 'GM0153,GM0153': the same one twice, not '1 given'
            raise InvalidParameter.worded("same_municipality", names=", ".join(given),
                                          name=found[0]["name"], low=low, high=high)
        raise InvalidParameter.worded(count, n=len(queries), low=low, high=high)
    unique = list({r["region_code"]: r for r in found}.values())
    if len(unique) < low:  # 'GM0003,GM0010': Appingedam and Delfzijl are both Eemsdelta now
        raise InvalidParameter.worded("same_municipality", names=", ".join(queries),
                                      name=unique[0]["name"], low=low, high=high)
    return unique


def former_note(wh: WebWarehouse, former: str | None, code: str, lang: str) -> str | None:
    """'Appingedam valt sinds 1 januari 2021 onder Eemsdelta (GM1979)' when ``former`` is a
    municipality that went whole into ``code`` (the warehouse's ``region_successors``); one
    that went there later ('St. Anthonis bestaat sinds 4 juli 1995 niet meer; het gebied
    hoort nu bij Land van Cuijk (GM1982)', :meth:`Successors.direct`); None otherwise, so an
    address can never make a page say something untrue."""
    import datetime as dt

    from stadstrends.errors import StadstrendsError
    from stadstrends.publish.successors import note

    if not former:
        return None
    try:
        found = wh.successors.of(former.strip().upper())
    except StadstrendsError:  # split over several municipalities: none went whole
        return None
    if not found or found["successor_code"] != code:
        return None
    return note(wh.name(found["region_code"]), dt.date.fromisoformat(found["since"]),
                found["successor_name"], code, lang, found["direct"])


def former_notes(wh: WebWarehouse, chosen: list[dict[str, Any]], lang: str) -> list[str]:
    """The :func:`former_note` of every region asked for by a former code or name and shown
    as its successor (``?regions=GM0003``: 'Appingedam valt sinds 1 januari 2021 onder
    Eemsdelta (GM1979)'), in the order asked."""
    notes = (former_note(wh, r.get("former"), r["region_code"], lang) for r in chosen)
    return [n for n in notes if n]


def featured_regions(wh: WebWarehouse) -> list[dict[str, Any]]:
    """The municipalities of the settings' ``featured_set``: a page's choice when the
    user made none."""
    codes = [r["region_code"] for r in wh.rows(
        "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY region_code",
        [wh.settings.featured_set])]
    return [wh.regions[c] for c in codes if c in wh.regions]


def region_label(wh: WebWarehouse, code: str, lang: str) -> str:
    """'Zwolle', 'COROP Noord-Overijssel', 'provincie Overijssel', 'Nederland' (in English
    'province of Overijssel', 'Netherlands': the country's name in the page's language)."""
    name = wh.name(code)
    if code.startswith("NL"):
        return texts(lang)["nl"]
    if code.startswith("CR"):
        return f"COROP {name}"
    if code.startswith("PV"):
        return f"{texts(lang)['province_word']} {name}"
    return name


def pivot(rows: list[dict[str, Any]], codes: list[str], wh: WebWarehouse, lang: str = "nl",
          indicator_id: str | None = None) -> dict[str, Any]:
    """Series rows -> a year x region table for the chart's table alternative; a cell's
    ``marks`` as the report's tables ('*' recalculated, '°' divided from a rounded count,
    '‡' on a count CBS rounds coarsely or rounded to 0: :func:`.value_marks.figure_flags`,
    the tiles' rule, the download's ``rounded_count`` and ``rounded_zero``; before, Zeewolde's
    demolitions per 1 000 dwellings of 2012-2023, 0,0 on a count CBS rounds to fives, were
    bare), a 0 of that kind with a legend line of its own,
    ``provisional`` (CBS's provisional figure: '(voorlopig)' as the ranking's table) and
    ``notes`` under the table: their legend lines, which members an aggregate leaves
    out ('Nederland: zonder Ameland, Koggenland, ... (2012-2024) en Terschelling
    (2016-2017)') and, given ``indicator_id``, why an empty cell has no figure
    (:func:`.tile_gaps.series_missing`)."""
    by = {(r["year"], r["region_code"]): r for r in rows}
    years = sorted({r["year"] for r in rows})
    rounded = rounding_of(wh, rows) if indicator_id else {}

    def flags(r: dict) -> dict:  # 'berekend uit (een op 0) afgerond aantal': the tiles' rule
        return figure_flags(False, False, False, rounded.get(r["region_code"], NO_ROUNDING),
                            str(indicator_id), r["year"]) if indicator_id else {}

    def coarse(r: dict) -> bool:
        f = flags(r)
        return bool(f.get("coarse") or f.get("rounded_zero"))
    table = [{"year": y, "values": [(by.get((y, c)) or {}).get("value") for c in codes],
              "marks": [marked("", bool(r.get("recalculated")), bool(r.get("recomputed")),
                               coarse(r)) if (r := by.get((y, c))) else "" for c in codes],
              "provisional": [bool((by.get((y, c)) or {}).get("provisional")) for c in codes]}
             for y in years]
    notes = legends([m + " (" for r in table for m in r["marks"]], lang)
    if any(flags(r).get("rounded_zero") for r in rows):  # what a marked 0 means
        notes.append(f"{COARSE_MARK} {WORDS[lang]['coarse_zero_legend']}")
    for c in codes:
        left = {int(r["year"]): sorted(wh.name(m) for m in r["left_out"])
                for r in rows if r["region_code"] == c and r.get("left_out")}
        if left:
            notes.append(f"{region_label(wh, c, lang)}: {left_out_years(left, years, lang)}")
    columns = [region_label(wh, c, lang) for c in codes]
    if indicator_id:
        notes += tile_gaps.series_missing(wh, indicator_id, list(zip(codes, columns,
                                                                     strict=True)), years, lang)
    return {"columns": columns, "rows": table, "notes": notes}


def quantile_notes(wh: WebWarehouse, set_id: str, indicator_id: str, year: int,
                   lang: str = "nl") -> dict[str, str]:
    """``median_note``, ``p25_note``, ``p75_note`` of group ``set_id``'s figures of one year:
    the words after a 0 on its middle members' counts CBS rounded to 0 ('berekend uit op 0
    afgeronde aantallen', :mod:`~stadstrends.publish.median_zeros`), '' for any other."""
    z = wh.rows("SELECT median_zeros, p25_zeros, p75_zeros FROM benchmark_zeros WHERE "
                "set_id = ? AND indicator_id = ? AND year = ? LIMIT 1",
                [set_id, indicator_id, year]) if wh.has("benchmark_zeros") else []
    return {f"{k}_note": zero_words((z[0] if z else {}).get(col), lang)
            for k, col in FIELDS.items()}


def computed_regions(wh: WebWarehouse, meta: dict, rows: list[dict], year: int | None,
                     lang: str = "nl") -> dict:
    """The COROP region's, province's and Nederland's figures among ``rows`` (mutated) as
    the report prints Stadstrends' sums over municipalities: no more precisely than the
    municipalities' figures (:func:`.data.computed_steps`: gas use to tens); a published
    mean's Nederland and a level's regions are CBS's own figures (``method``), kept. Returns
    the city set's summary with its Nederland and its median and quartiles as rounded
    (``city_set``; ``nl_cbs``: its Nederland is CBS's national figure), the note saying which
    figures Stadstrends computed (``note``) and the years of ``rows`` whose Nederland count or
    ratio is from CBS's national figures, as a sentence (``nl_cbs``; '' without any), and
    those whose COROP region's or province's count or ratio is CBS's own figure of that region
    (the members' sum incomplete, the region's area today's: ``regions_cbs``; 'COROP Utrecht
    in 2019-2024 en provincie Utrecht in 2019-2024: uit de cijfers van CBS voor de regio,
    ...'; '' without any)."""
    steps = data.computed_steps(wh).get(meta["indicator_id"])
    method = meta.get("method")
    for row in rows:
        if is_computed(row["region_code"], method):
            row["value"] = round_computed(row["value"], steps, row["year"])
    summary = (data.group_summary(wh, wh.settings.city_set, meta["indicator_id"], year)
               if year else None)
    if summary:  # the group's median and quartiles: interpolated between members
        summary = {**summary, **{k: round_computed(summary[k], steps, year)
                                 for k in ("median", "p25", "p75")}}
    if summary:  # a quartile of 0 on counts rounded to 0: its words (median_note, ...)
        summary = {**summary, **quantile_notes(wh, wh.settings.city_set, meta["indicator_id"],
                                               year, lang)}
    if summary and method not in ("level", "weighted_mean"):
        summary = {**summary, "nl": round_computed(summary["nl"], steps, year)}
    if summary and wh.has("region_left_out"):  # Nederland's sum 'zonder Ameland, ...'
        left = wh.rows("SELECT members FROM region_left_out WHERE region_code = 'NL01' "
                       "AND indicator_id = ? AND year = ?", [meta["indicator_id"], year])
        names = sorted(wh.name(m) for r in left for m in r["members"])
        summary = {**summary, "nl_left_out": without(names, lang) if names else ""}
    # the years Nederland's count or ratio is CBS's national figure (a member has none)
    totals = cbs_totals(wh)
    nl_cbs = set(totals.get("NL01", {}).get(meta["indicator_id"], ()))
    # ... in every year, so that Nederland's series is one kind of figure ('series')
    series = meta["indicator_id"] in nl_series(wh)
    if summary:
        summary = {**summary, "nl_cbs": year in nl_cbs and ("series" if series else True)}
    shown = _cbs_shown(rows, "NL01", totals, meta["indicator_id"])
    key = ("context_cbs" if method == "level" else "context_cbs_nl"
           if method == "weighted_mean" else "context_computed")
    if shown and all(r["year"] in nl_cbs for r in rows
                     if r["region_code"] == "NL01" and r["value"] is not None):
        key = "context_computed_regions"  # Nederland: CBS's in every year shown
    regional = [r for r in rows if r["region_code"][:2] in ("CR", "PV") and r["value"] is not None]
    if key in ("context_computed", "context_computed_regions") and regional and all(
            r["year"] in totals.get(r["region_code"], {}).get(meta["indicator_id"], ())
            for r in regional):  # the COROP region and province: CBS's in every year shown
        key = "context_cbs" if key == "context_computed_regions" else "context_computed_nl"
    nl_key = "context_nl_cbs_series" if series else "context_nl_cbs"
    return {"city_set": summary, "note": key, "nl_cbs": texts(lang)[nl_key].format(
        years=fmt_years(shown)) if shown else "",
            "regions_cbs": regions_cbs_note(wh, meta["indicator_id"], rows, lang)}


def regions_cbs_note(wh: WebWarehouse, indicator_id: str, rows: list[dict], lang: str) -> str:
    """The COROP regions and provinces among ``rows`` whose count or ratio is CBS's own
    figure of the region in some years shown, as a sentence: 'COROP Utrecht in 2019-2024 en
    provincie Utrecht in 2019-2024: uit de cijfers van CBS voor de regio, omdat niet alle
    gemeenten een cijfer hebben.' (the indicator page's context); '' without any."""
    totals, words = cbs_totals(wh), texts(lang)
    items = [words["context_region_cbs_item"].format(region=region_label(wh, c, lang),
                                                     years=fmt_years(years))
             for c in dict.fromkeys(r["region_code"] for r in rows) if c[:2] in ("CR", "PV")
             and (years := _cbs_shown(rows, c, totals, indicator_id))]
    return words["context_region_cbs"].format(items=fmt_list(items, lang)) if items else ""


def _cbs_shown(rows: list[dict], code: str, totals: dict[str, dict[str, list[int]]],
               indicator_id: str) -> list[int]:
    """The years of region ``code`` among ``rows`` with a figure that is CBS's own figure of
    the region (:func:`~stadstrends.publish.figure_notes.cbs_total_years`)."""
    cbs = set(totals.get(code, {}).get(indicator_id, ()))
    return [r["year"] for r in rows
            if r["region_code"] == code and r["year"] in cbs and r["value"] is not None]


def nl_series(wh: WebWarehouse) -> list[str]:
    """The report's :func:`~stadstrends.publish.figure_notes.nl_cbs_series`, kept."""
    def make() -> list[str]:
        with wh.cursor() as cur:
            return nl_cbs_series(cur)

    return wh.memo(("nl_cbs_series",), make, size=1)


def cbs_totals(wh: WebWarehouse) -> dict[str, dict[str, list[int]]]:
    """The report's :func:`~stadstrends.publish.figure_notes.cbs_total_years`, kept."""
    def make() -> dict[str, dict[str, list[int]]]:
        with wh.cursor() as cur:
            return cbs_total_years(cur)

    return wh.memo(("cbs_total_years",), make, size=1)


def stale_latest(wh: WebWarehouse, year: int | None, years: list[int]) -> int | None:
    """The build's first fresh year when ``year`` is the indicator's latest (``years``) and
    out of date ('verouderd': :func:`~stadstrends.publish.sentence_words.stale`, a year
    before :func:`~stadstrends.publish.read.fresh_from`); None otherwise. The one rule of
    /ranglijst's heading and the maps' captions (the home page, /indicator)."""
    fresh = fresh_from(wh.build_info)
    if not year or not years or year != max(years) or not stale({"fresh_from": fresh}, year):
        return None
    return fresh


def stale_note(year: int, fresh: int, lang: str) -> str:
    """What an out-of-date latest figure means (:func:`stale_latest`), as the ranking says
    it first: 'Verouderd cijfer (van vóór 2022): het laatste cijfer is van 2019.'"""
    return texts(lang)["stale_latest"].format(year=year, fresh=fresh)


def map_year_shown(year: int, values: list[dict[str, Any]], lang: str,
                   fresh: int | None = None) -> str:
    """The map's year with the ranking's marks of its values: '2023, voorlopig' when CBS
    marks every value provisional, '2023, deels voorlopig' when some, '2024' when none; with
    ``fresh`` (:func:`stale_latest`: the year is an out-of-date latest one) 'verouderd' after
    them, as /ranglijst: '2019, verouderd'."""
    words = texts(lang)
    provisional = sum(bool(v.get("provisional")) for v in values)
    mark = [] if not provisional else [words["provisional"]] if provisional == len(values) \
        else [words["partly_provisional"]]
    return ", ".join([str(year), *mark, *([WORDS[lang]["stale"]] if fresh else [])])
