"""`stadstrends regions`, `show`, `profile` and `indicators`: questions to the warehouse."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from stadstrends.commands.options import (
    DEFAULT_DB,
    DbOption,
    Format,
    FormatOption,
    LangOption,
    console,
    credit,
    err_console,
    print_frame,
    said,
)
from stadstrends.commands.usage import UsageError
from stadstrends.errors import StadstrendsError


def regions(
    query: Annotated[str | None, typer.Argument(help="Name, code or part of it.")] = None,
    level: Annotated[str | None, typer.Option(help="gemeente, corop, provincie or land")] = None,
    set_: Annotated[str | None, typer.Option(
        "--set", help="List the members of a region set: a named set (a city network, a "
        "size, urbanity or typology class such as GK5, ST2, TY3) or a COROP or province "
        "code (CR17, PV27): every comparison group `report --vergelijk` offers but PEERS.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include former municipalities.")] = False,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    lang: LangOption = "nl",
) -> None:
    """List or search regions, or list the members of a region set (a query
    that names a set lists its members too)."""
    from stadstrends.publish.groups import group_label, group_row
    from stadstrends.publish.queries import find_set, region_index, search_regions, set_members
    from stadstrends.warehouse.files import open_warehouse

    named = True  # the query found by name (not only names that look alike)
    with open_warehouse(db) as con:
        if set_ is None and query and find_set(con, query) and not search_regions(
                con, query, level=level, include_former=all_, limit=1):
            set_, query = query, None
        if set_ is not None:
            if query:
                raise UsageError.worded("query_and_set", query=query, set=set_)
            set_id, rows = set_members(con, set_)
            title = said(lang, "set_title_one" if len(rows) == 1 else "set_title", set=set_id,
                         n=len(rows))
            group = group_row(con, set_id)
            if group and group["family"] == "size":  # its label and the date it rests on
                title = f"{title} · {group_label(group, lang)}"
        else:
            rows = search_regions(con, query, level=level, include_former=all_)
            named = not query or region_index(con).named(query)
            title = said(lang, "regions_title")
            gone = (_former_note(con, query, lang) if query and not len(rows) and not all_
                    else None)
    if query and len(rows) and not named:  # only names that look alike
        err_console.print(escape(said(lang, "regions_close_only", query=query)),
                          highlight=False)
    if query and not len(rows):  # on stderr: a csv or json result stays empty
        err_console.print(escape(gone or _nothing_found(query, level, all_, lang)),
                          highlight=False)
        if fmt is Format.table:
            return
    print_frame(rows, fmt, title=title, lang=lang)


def _former_note(con, query: str, lang: str) -> str | None:  # noqa: ANN001 - DuckDB
    """Where a former municipality named by ``query`` went ('Oploo, Sint Anthonis en
    Ledeacker bestaat sinds 1 januari 1994 niet meer; ...') and that --all lists it, in
    ``lang``; None for any other query."""
    from stadstrends.publish.queries import maybe_former, region_index, successors

    try:
        code = region_index(con).resolve(query)
    except StadstrendsError:
        return None
    found = successors(con).former(code) if maybe_former(con, code) else None
    if found is None:
        return None
    note = found["note_nl" if lang == "nl" else "note_en"]
    return f"{note}.\n" + _tip(lang, said(lang, "former_all", code=code, name=found["name"]))


def _tip(lang: str, hint: str) -> str:
    """'Tip: ...' ('Hint: ...'): a hint as the command line's errors give theirs."""
    from stadstrends.vocabulary import section

    return section(lang, "errors")["cli_hint"].format(hint=hint)


def _nothing_found(query: str, level: str | None, include_former: bool, lang: str) -> str:
    """'Niets gevonden voor ...' with a hint for a search without hits, in ``lang``."""
    from stadstrends.errors import echo

    where = said(lang, "nothing_level", level=echo(level)) if level else ""
    hints = [said(lang, "search_part")]
    if level:
        hints.append(said(lang, "search_levels"))
    if not include_former:
        hints.append(said(lang, "search_former"))
    joined = (", ".join(hints[:-1]) + said(lang, "search_or") if len(hints) > 1 else ""
              ) + hints[-1]
    return (said(lang, "nothing_found", query=echo(query), where=where) + "\n"
            + _tip(lang, joined + said(lang, "search_all")))


def show(
    city: Annotated[str, typer.Argument(help="Municipality or region: name, alias or code.")],
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. population.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    lang: LangOption = "nl",
) -> None:
    """Print an indicator's series for a region, with its source."""
    from stadstrends.publish.harmonised import as_downloaded, download_text
    from stadstrends.publish.notes import NO_NOTES, NOTES
    from stadstrends.publish.queries import (
        gap_context,
        indicator_series,
        series_gaps,
    )
    from stadstrends.publish.read import open_warehouse
    from stadstrends.publish.sentence_numbers import unit_text

    with open_warehouse(db) as con:
        meta, rows = indicator_series(con, city, indicator)
        # every year of the span without a figure, with its stored reason
        gaps = series_gaps(con, meta["region_code"], meta["indicator_id"])
        why = gap_context(con, meta["region_code"], gaps) if gaps else None
        # the downloads' notes of each year's figure (notes.cell_notes, their one source):
        # a figure computed from a count CBS rounds coarsely ('‡' in the table,
        # rounded_count in csv and json), a small municipality's sample figure (a note
        # under the table, survey_estimate), a share CBS computed from few cases (small_base)
        coarse, survey, small = ([bool(meta["notes"].get(int(y), NO_NOTES)[NOTES.index(note)])
                                  for y in rows.column("year")]
                                 for note in ("rounded_count", "survey_estimate", "small_base"))
        few = small_base_counts(con, meta) if any(small) else {}
        if fmt is Format.table:  # a computed region's figures as the report prints them
            rows = printed_series(con, meta, rows)
        else:  # csv, json: as the downloads and the API (15991390, not 15991389.999999998
            # nor 15991390.0): csv the download's text, json the number (an int when whole)
            shown = download_text if fmt is Format.csv else as_downloaded
            rows = rows.replace("value", [shown(v, meta["unit"]) for v in rows.column("value")],
                                kind="O")
            rows = rows.add("rounded_count", coarse, "b")
            rows = rows.add("small_base", small, "b")
            rows = rows.add("survey_estimate", survey, "b")
            # as the profile's CSV, the API and the downloads: 1 where each year is CBS's
            # stock on 31 December of the year before (payment arrears), else 0
            rows = rows.add("year_offset", [int(meta.get("year_offset") or 0)] * len(rows), "i")
        empty = no_rows_note(con, meta, lang) if not len(rows) and not gaps else None
    from stadstrends.vocabulary import localised, section

    unit = unit_text(meta["unit"], lang) or meta["unit"]
    title = (f"{localised(meta, lang)[f'title_{lang}']} — {meta['region_name']} "
             f"({meta['region_code']})" + ("" if fmt is Format.table else f", {unit}"))
    headers = section(lang, "show_headers")
    if fmt is Format.table:  # the unit over the figures, not in the title: a sale price in
        # euro beside a WOZ value in thousands is not read alike ('waarde (duizend euro)')
        headers = {**headers, "value": headers["value_unit"].format(unit=unit.strip("()"))}
    if meta.get("note"):
        err_console.print(escape(meta["note" if lang == "nl" else "note_en"]),
                          highlight=False)
    marks, legend = None, []
    if fmt is Format.table:  # marked as in the report's and the site's tables
        marks, legend = figure_marks(rows.column("recomputed"), coarse, lang)
        # a figure on a count CBS rounded to 0: a column only where the series has one
        rows = rows.drop(["recomputed"] + ["rounded_zero"] * (not any(rows.column(
            "rounded_zero"))))
    print_frame(rows, fmt, title=title, lang=lang, headers=headers, marks=marks,
                decimals=None if meta.get("decimals") is None else {
                    "value": int(meta["decimals"])})
    for line in legend:  # under the table, as the report's legend under its tables
        console.print(line, highlight=False, markup=False, soft_wrap=True)
    if any(rows.column("harmonised")):
        from stadstrends.vocabulary import word

        err_console.print(escape(word(lang, "notes", "harmonised", ref=meta["reference_year"])),
                          highlight=False, soft_wrap=True)
    if any(survey):  # 'steekproefcijfers in 2003–2024', as the report marks them
        from stadstrends.publish.gap_missing import year_spans
        from stadstrends.vocabulary import word

        err_console.print(escape(word(lang, "notes", "survey", years=year_spans(
            [int(y) for y, s in zip(rows.column("year"), survey, strict=True) if s], lang))),
            highlight=False, soft_wrap=True)
    if any(small):  # 'berekend uit ongeveer 55 geregistreerde misdrijven', as the report
        from stadstrends.publish.gap_missing import year_spans
        from stadstrends.publish.small_base_words import small_base_brief
        from stadstrends.vocabulary import word

        years = [int(y) for y, s_ in zip(rows.column("year"), small, strict=True) if s_]
        count, unit = few[years[-1]]
        brief = small_base_brief({"indicator_id": meta["indicator_id"], "base_count": count,
                                  "base_unit": unit}, lang)
        err_console.print(escape(word(lang, "notes", "small_base", years=year_spans(
            years, lang), last=years[-1], brief=brief)), highlight=False, soft_wrap=True)
    if meta.get("year_offset"):  # CBS's stock on 31 December shown at the next year
        from stadstrends.publish.figure_notes import offset_note

        err_console.print(escape(offset_note("general", meta["year_offset"], lang)),
                          highlight=False, soft_wrap=True)
    if gaps:  # the years left out and why, as the city page's tile says (Ameland 2012-2024)
        err_console.print(escape(left_out_note(gaps, why, lang)), highlight=False,
                          soft_wrap=True)
    elif empty:  # no row at all: the report's and home page's reason
        err_console.print(escape(empty), highlight=False, soft_wrap=True)


def small_base_counts(con, meta: dict) -> dict[int, tuple[float, int]]:  # noqa: ANN001
    """year -> (base_count, base_unit) of the region's shares CBS computed from few cases
    (``small_bases``, the rows :func:`~stadstrends.publish.notes.cell_notes` notes
    ``small_base``): the words under `show`'s table ('berekend uit ongeveer 55 ...')."""
    from stadstrends.publish.notes import SMALL_BASE_COUNTED

    return {int(y): (n, u) for y, n, u in con.execute(
        "SELECT year, base_count, base_unit FROM small_bases WHERE region_code = ? AND "
        f"indicator_id = ? AND {SMALL_BASE_COUNTED}",
        [meta["region_code"], meta["indicator_id"]]).fetchall()}


def figure_marks(recomputed: list[bool], coarse: list[bool], lang: str
                 ) -> tuple[dict[str, list[str]], list[str]]:
    """The marks of the ``value`` column, '°' on a figure per 1 000 divided from CBS's
    rounded count (``recomputed``: the series' column), '‡' on one computed from a count CBS
    rounds coarsely (``coarse``: the CSV's ``rounded_count``, per row), and the legend lines
    the report and the site print under a table with such a mark
    (:func:`~stadstrends.publish.figure_notes.legends`: '° berekend door Stadstrends uit het
    aantal: ...', '‡ berekend uit afgerond aantal: ...'); no legend without a marked
    figure."""
    from stadstrends.publish.figure_notes import legends, marked

    marks = [marked("", False, bool(r), bool(c))
             for r, c in zip(recomputed, coarse, strict=True)]
    return {"value": marks}, legends(marks, lang)


def no_rows_note(con, meta: dict, lang: str) -> str:  # noqa: ANN001 - a DuckDB connection
    """Why a region has no figure of an indicator at all and no stored reason, as the home
    page's tiles say it (:func:`stadstrends.publish.web.gaps.no_figure`): a CBS file of this
    snapshot cut before it, else nothing known: 'Geen cijfers: geen cijfers voor Utrecht
    (PV).' (a municipality's years without a value have a stored reason, said as
    :func:`left_out_note`: 'CBS publiceert tabel 81877NED niet voor alle gemeenten, ...';
    ``meta``: the indicator's catalogue row with the region's ``region_name``)."""
    from types import SimpleNamespace

    from stadstrends.publish.cuts import SourceCuts
    from stadstrends.publish.report.gap_words import no_rows_reason
    from stadstrends.vocabulary import word

    name = meta["region_name"]
    reason = SourceCuts(con).reason(meta["indicator_id"], name, lang, example=True) \
        or no_rows_reason(SimpleNamespace(name=name), lang)
    return word(lang, "notes", "no_figures", reason=reason)


def printed_series(con, meta: dict, rows):  # noqa: ANN001, ANN201 - connection, Rows
    """``rows`` of :func:`~stadstrends.publish.queries.indicator_series` with a computed
    region's values (a COROP region, province or Nederland: Stadstrends' sums over
    municipalities, :func:`~stadstrends.publish.harmonised.is_computed`) rounded as the
    report and dashboard print them (:func:`~stadstrends.publish.harmonised.round_computed`:
    gas use of COROP Utrecht (CR17) in 2023 '750', not '752'), and a municipality's figures
    recalculated for today's boundaries (``harmonised``) no finer than the CBS figures they
    are made of (:func:`~stadstrends.publish.harmonised.recalculated_rounding`: Land van
    Cuijk's gas use of 2019 '1430', not '1434'); csv and json keep the computed value, as
    the API."""
    from stadstrends.publish.harmonised import (
        computed_rounding,
        is_computed,
        recalculated_rounding,
        round_computed,
    )

    years = rows.column("year")
    if not is_computed(meta["region_code"], meta.get("method")):
        if not any(rows.column("harmonised")):  # nothing recalculated: printed as stored
            return rows
        steps = recalculated_rounding(con).get(meta["indicator_id"])
        return rows.replace("value", [round_computed(v, steps, y) if own else v for v, y, own in
                                      zip(rows.column("value"), years,
                                          rows.column("harmonised"), strict=True)])
    steps = computed_rounding(con).get(meta["indicator_id"])
    return rows.replace("value", [round_computed(v, steps, y) for v, y in
                                  zip(rows.column("value"), years, strict=True)])


def left_out_note(gaps: list[dict], why: object, lang: str) -> str:
    """'Niet getoond: 2012-2024 (de corporatiewoningen ...).', one clause per reason."""
    from stadstrends.publish.format import fmt_years
    from stadstrends.publish.report.gap_words import gap_reason
    from stadstrends.vocabulary import word

    parts = [word(lang, "notes", "left_out_years", years=fmt_years(g["years"]),
                  reason=gap_reason(why, g, lang)) for g in gaps]
    return word(lang, "notes", "left_out", parts="; ".join(parts))


def profile(
    city: Annotated[str, typer.Argument(help="Municipality: name, alias or code.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    vergelijk: Annotated[str | None, typer.Option(
        "--vergelijk", help="Comparison group: an id (GK5, ST2, TY3, PEERS, a named set) or the "
        "province or COROP code naming one (PV26, CR17); default: the municipality's "
        "default group.")] = None,
    lang: LangOption = "nl",
) -> None:
    """Print a city's profile: domains, the five opgaven with tweedeling, kies richting.

    json gives the whole profile (texts in Dutch, and in --lang), csv the city's signals."""
    from stadstrends.publish.figure_notes import ommeland_derived
    from stadstrends.publish.harmonised import computed_rounding
    from stadstrends.publish.kies_withheld import catalogue_of
    from stadstrends.publish.profile import city_profile, city_signals, render_profile, to_json
    from stadstrends.publish.queries import resolve_region
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        data = (city_signals(con, city, vergelijk) if fmt is Format.csv
                else city_profile(con, city, vergelijk, lang))
        steps = computed_rounding(con)  # the ommeland printed as the report prints it,
        derived = ({} if fmt is Format.csv else  # '≈' when from CBS's rounded COROP figure
                   ommeland_derived(con, data["region"]["code"]))
        catalogue = catalogue_of(con, lang)  # a withheld label in the report's words
        try:  # a former municipality: say it shows the successor, as `show` does
            region = resolve_region(con, city)
        except StadstrendsError:
            region = {}
    if region.get("note"):
        err_console.print(escape(region["note" if lang == "nl" else "note_en"]),
                          highlight=False)
    if fmt is Format.csv:  # numbers as every data output gives them (harmonised.as_data)
        from stadstrends.publish.harmonised import frame_as_data

        print_frame(frame_as_data(data, data["unit"], text=True), fmt, lang=lang)
    elif fmt is Format.json:  # the credit in --lang, as the CSV's and the API's ?lang=
        sys.stdout.write(to_json({**data, "credit": credit(lang)}) + "\n")
    else:
        render_profile(data, console, lang, steps, derived, catalogue)


def indicators(
    domain: Annotated[str | None, typer.Option(
        help="Only this domain (demography, economy, ...: `stadstrends indicators` names "
        "each in brackets after its name).")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
    lang: LangOption = "nl",
) -> None:
    """List the indicator catalogue."""
    from stadstrends.publish.queries import list_indicators
    from stadstrends.warehouse.files import open_warehouse

    with open_warehouse(db) as con:
        rows = list_indicators(con, domain)
    if fmt is Format.table:  # in words of --lang, grouped by domain (csv and json: codes)
        from stadstrends.commands.catalogue import print_catalogue

        print_catalogue(rows, lang)
        return
    print_frame(rows, fmt, lang=lang)
