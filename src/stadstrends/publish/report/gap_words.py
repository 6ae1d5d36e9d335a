"""Why a value of the city is missing, in words, for the accountability's 'Wat ontbreekt':
the reason codes of ``indicator_gaps`` (indicators stage) with their details made
readable: predecessor codes as names (the city's own code as 'in de oude grenzen') and a cut
source table with the last municipality its copy holds (``sources.cut_after``). A CBS table
that leaves the city out is a stored reason too (``not_in_table``, ``never_in_table``,
``not_in_copy``): nothing here derives a reason from the tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish.cuts import cut_words
from stadstrends.publish.format import fmt_list, fmt_years
from stadstrends.publish.report import table_absence
from stadstrends.publish.report.texts import reason, t

if TYPE_CHECKING:
    import duckdb

    from stadstrends.publish.report.data import CityData

#: the reason of a year the catalogue leaves out on purpose, said with its caveat
OMITTED = "omitted_by_catalogue"


def _cut_source(data: CityData, table_key: str) -> tuple[str, dict | None]:
    """(table id as CBS writes it, its cut copy's ``sources`` row) of a cut table."""
    for src in data.sources:
        if str(src["table_id"]).lower() == table_key.lower() and src.get("cut_after"):
            return str(src["table_id"]), src
    return table_key, None


#: the codes that gave a municipality less than half of themselves (of their inhabitants, in
#: CBS's register; ``crosswalk``): Haarlemmermeer's 0,1% to Amsterdam, Haaren's 17% to
#: Tilburg, Slochteren's 7% to Groningen. The municipality did not 'arise' from them: they
#: gave it a piece (``origin_piece``). ``$1``: the municipality's code.
PIECES_SQL = """
SELECT source_code FROM crosswalk
WHERE target_code = $1 AND basis = 'persons' AND source_code <> target_code
GROUP BY source_code HAVING max(weight) < 0.5
"""


#: the codes a municipality's figures of each boundary year are made of (CBS's register,
#: ``crosswalk``; its own code only where it existed that year: the crosswalk maps a code to
#: itself in every year): it was formed wholly of the codes a reason names where they are all
#: of them in the reason's years (Eemsdelta of Appingedam, Delfzijl and Loppersum before
#: 2021), partly where it had others too (Groningen of 2018: Haren, Ten Boer and Groningen in
#: its old boundaries; Voorne aan Zee of 2013: a piece of Spijkenisse too). ``$1``: its code.
SOURCES_SQL = """
SELECT w.boundary_year, list(DISTINCT w.source_code) FROM crosswalk w
WHERE w.target_code = $1 AND w.basis = 'persons' AND w.weight > 0
  AND (w.source_code <> w.target_code OR EXISTS (
      SELECT 1 FROM regions r WHERE r.region_code = w.source_code
        AND r.valid_from <= make_date(w.boundary_year, 12, 31)
        AND (r.valid_to IS NULL OR r.valid_to >= make_date(w.boundary_year, 1, 1))))
GROUP BY 1
"""


def formed_of(rows: list[tuple] | list[dict]) -> dict[int, frozenset[str]]:
    """:data:`SOURCES_SQL`'s rows (tuples, or dicts of a page's reader) as boundary year ->
    the codes the municipality's figures of that year are made of."""
    pairs = (tuple(r.values()) if isinstance(r, dict) else r for r in rows)
    return {int(y): frozenset(codes) for y, codes in pairs}


NAMES_SQL = """
SELECT region_code, any_value(name ORDER BY valid_from DESC) FROM regions
WHERE region_code IN (SELECT unnest($1)) GROUP BY 1
"""


def predecessor_facts(con: duckdb.DuckDBPyConnection, code: str, named: set[str]
                      ) -> tuple[dict[str, str], set[str], dict[int, frozenset[str]]]:
    """(names of the ``named`` codes, the codes that gave municipality ``code`` a piece:
    :data:`PIECES_SQL`, what it was made of by year: :func:`formed_of`) from ``regions`` and
    ``crosswalk``; empty without named codes."""
    if not named:
        return {}, set(), {}
    names = dict(con.execute(NAMES_SQL, [sorted(named)]).fetchall())
    return names, {r[0] for r in con.execute(PIECES_SQL, [code]).fetchall()}, formed_of(
        con.execute(SOURCES_SQL, [code]).fetchall())


def _names(data: CityData, codes: list[str], lang: str, own: bool) -> str:
    names = [t(lang, "predecessor_self", name=data.region_names.get(c, c))
             if c == data.code and own else data.region_names.get(c, c) for c in codes]
    return fmt_list(names, lang)


def _predecessors(data: CityData, detail: str, lang: str) -> str:
    codes = [c for c in (detail or "").split(",") if c]
    return _names(data, codes, lang, len(codes) > 1)


def _wholly(data: CityData, codes: list[str], years: list[int]) -> bool:
    """Whether the municipality's figures of each of ``years`` the register has (else of the
    last year any of ``codes`` went into them: what it was formed of) are made of ``codes``
    alone (:data:`SOURCES_SQL`)."""
    formed = getattr(data, "formed", None) or {}
    years = [int(y) for y in years if int(y) in formed] or [
        max((y for y, c in formed.items() if c & set(codes)), default=0)]
    return all(formed.get(y, frozenset({""})) <= set(codes) for y in years)


def origins(data: CityData, detail: str, lang: str, years: list[int]) -> str:
    """The named codes (``detail``, ','-separated) with what each was to the municipality in
    ``years``: 'Uden en Landerd, waaruit de gemeente is ontstaan' where they are all it was
    made of (:func:`_wholly`), 'Haren en Ten Boer, waaruit de gemeente deels is ontstaan'
    where it had others too ('(deels)' said both), 'Ten Boer en Haren, waaruit de gemeente
    deels is ontstaan, en voor Slochteren, waarvan een deel bij de gemeente is gekomen'."""
    codes = [c for c in (detail or "").split(",") if c]
    pieces = set(getattr(data, "pieces", ()) or ())
    piece = [c for c in codes if c in pieces]
    whole = [c for c in codes if c not in pieces]
    own = len(codes) > 1
    if not whole:
        return t(lang, "origin_piece", names=_names(data, piece, lang, own))
    if not piece:
        key = "origin_formed" if _wholly(data, whole, years) else "origin_partly"
        return t(lang, key, names=_names(data, whole, lang, own))
    return t(lang, "origin_both", whole=_names(data, whole, lang, own),
             piece=_names(data, piece, lang, own))


def _years(row: dict) -> list[int]:
    """The years of an ``indicator_gaps`` group (``years``, else its first to last; a row of
    one ``year``)."""
    if row.get("years") is not None and len(row["years"]):
        return [int(y) for y in row["years"]]
    if row.get("year") is not None:
        return [int(row["year"])]
    if row.get("first_year") is not None and row.get("last_year") is not None:
        return list(range(int(row["first_year"]), int(row["last_year"]) + 1))
    return []


def named_codes(rows: list[dict]) -> set[str]:
    """The municipality codes ``indicator_gaps`` rows name (predecessors), whose names
    :func:`gap_reason` prints (``CityData.region_names``)."""
    return {c for g in rows if g["reason"] in ("predecessor_missing", "predecessor_cut",
                                                 "missing_in_source",
                                                 "predecessors_never_in_table")
            for c in (g["reason_detail"] or "").split(":")[-1].split(",") if c}


def _example(data: CityData) -> str | None:
    """The municipality a cut line names as its example: the city, unless the words are
    shared by a list of names (``cut_example`` False: the set overview)."""
    return getattr(data, "name", None) if getattr(data, "cut_example", True) else None


def gap_reason(data: CityData, row: dict, lang: str) -> str:
    """The words for one ``indicator_gaps`` group of the city (``reason``, ``reason_detail``).
    ``data``: the city's facts; only its ``code``, ``sources`` (``table_id``, ``cut_after``,
    ``cut_rows``, ``cut_ended``: :func:`~stadstrends.publish.cuts.cut_sources`),
    ``region_names`` and, where given, ``name`` are read (the dashboard passes just those): a
    table that holds the city in no year names it ('CBS publiceert tabel 82220NED niet voor
    alle gemeenten, en in geen enkel jaar voor Helmond'), else the reason's own words."""
    if row["reason"] == "table_cut":
        table, src = _cut_source(data, row["reason_detail"] or "")
        if src:
            return vocabulary.word(lang, "reasons", "source_cut", source=table,
                                   cut=cut_words(lang, src, _example(data)))
    if row["reason"] == "predecessor_cut":
        table_key, _, codes = (row["reason_detail"] or "").partition(":")
        table, src = _cut_source(data, table_key)
        if src:
            return t(lang, "gap_predecessor_cut_origins", source=table,
                     cut=cut_words(lang, src), origins=origins(data, codes, lang, _years(row)))
    if row["reason"] == table_absence.MERGED:  # one line of all tables leaving it out
        return table_absence.words(row, getattr(data, "name", None) or t(lang, "gap_this_city"),
                                   origins(data, ",".join(row["codes"]), lang, row["before"]),
                                   lang)
    if row["reason"] == "predecessors_never_in_table":
        table, _, codes = (row["reason_detail"] or "").partition(":")
        return t(lang, "gap_predecessors_never_in_table", table=table,
                 origins=origins(data, codes, lang, _years(row)))
    if row["reason"] == "never_in_table" and getattr(data, "name", None):
        return t(lang, "gap_never_in_table", table=row["reason_detail"] or "", city=data.name)
    if row["reason"] == "predecessor_missing":
        if len((row["reason_detail"] or "").split(",")) > 1:
            return t(lang, "gap_predecessor_missing",
                     origins=origins(data, row["reason_detail"], lang, _years(row)))
        return vocabulary.word(lang, "reasons", "predecessor_missing_one",
                               detail=_predecessors(data, row["reason_detail"], lang))
    if row["reason"] == "missing_in_source" and row.get("reason_detail"):
        # the empty cells are other codes' (Weesp's in 86050NED 2018-2021), not the city's
        return t(lang, "gap_source_empty",
                 origins=origins(data, row["reason_detail"], lang, _years(row)))
    return reason(row, lang)


def no_rows_reason(data: CityData, lang: str) -> str:
    """Why an indicator has no row at all for the city: nothing the warehouse records ('geen
    cijfers voor Zwolle'). The indicators stage stores a reason for every municipality-year
    without a value in a year some municipality has one (a CBS table that leaves the city out:
    ``never_in_table``); this is said only of an indicator without any municipal figure."""
    return t(lang, "no_values", city=data.name)


def indicator_reasons(data: CityData, indicator_id: str, lang: str) -> list[str]:
    """Every distinct reason the city lacks figures of an indicator, most years first; the
    tables that leave it out as one (:func:`table_absence.merge_absent`)."""
    rows = [g for g in table_absence.merge_absent(data.gap_reasons)
            if g["indicator_id"] == indicator_id]
    if not rows and indicator_id not in data.coverage:
        return [no_rows_reason(data, lang)]
    return list(dict.fromkeys(gap_reason(data, g, lang)
                              for g in sorted(rows, key=lambda g: -g["n"])))


def no_domain_data(data: CityData, domain: str, lang: str) -> str:
    """Why a trend domain shows no series for the city: its indicators' reasons."""
    why = list(dict.fromkeys(r for i, m in data.catalogue.items() if m["domain"] == domain
                             for r in indicator_reasons(data, i, lang)))
    if not why:
        return t(lang, "no_domain_data", city=data.name)
    return t(lang, "no_domain_data_reason", city=data.name, reason="; ".join(why))


def city_left_out(data: CityData, indicator_id: str, lang: str) -> list[tuple[list[int], str]]:
    """``(years, why)`` of the city's years the catalogue leaves out of an indicator on purpose
    (its ``indicator_gaps`` rows ``omitted_by_catalogue``, ``reason_detail``: the index of the
    caveat that says why): gas delivered per inhabitant without CBS's 2015-2016 totals
    ('Zonder 2015 en 2016. In die jaren ontbreekt ...')."""
    caveats = data.catalogue[indicator_id].get("caveats_en" if lang == "en" else "caveats") or []
    out: dict[int, list[int]] = {}
    for g in data.gap_reasons:
        if g["indicator_id"] == indicator_id and g["reason"] == OMITTED:
            out.setdefault(int(g["reason_detail"]), []).extend(int(y) for y in g["years"])
    return [(sorted(ys), caveats[k]) for k, ys in sorted(out.items()) if k < len(caveats)]


def run_years(years: list[int]) -> str:
    """Missing years as 'Wat ontbreekt' gives them: '2019', or runs with their number
    ('2015-2016 (2)', '2010-2014, 2017-2023 (12)')."""
    return fmt_years(years) + (f" ({len(years)})" if len(years) > 1 else "")
