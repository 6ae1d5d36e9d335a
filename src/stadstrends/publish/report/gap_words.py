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
from stadstrends.publish.format import fmt_years
from stadstrends.publish.report.texts import reason, t

if TYPE_CHECKING:
    from stadstrends.publish.report.data import CityData

#: the reason of a year the catalogue leaves out on purpose, said with its caveat
OMITTED = "omitted_by_catalogue"


def _cut_source(data: CityData, table_key: str) -> tuple[str, dict | None]:
    """(table id as CBS writes it, its cut copy's ``sources`` row) of a cut table."""
    for src in data.sources:
        if str(src["table_id"]).lower() == table_key.lower() and src.get("cut_after"):
            return str(src["table_id"]), src
    return table_key, None


def _predecessors(data: CityData, detail: str, lang: str) -> str:
    codes = [c for c in (detail or "").split(",") if c]
    names = [t(lang, "predecessor_self", name=data.region_names.get(c, c))
             if c == data.code and len(codes) > 1 else data.region_names.get(c, c)
             for c in codes]
    if len(names) > 1:
        return t(lang, "list_and", head=", ".join(names[:-1]), last=names[-1])
    return names[0] if names else ""


def named_codes(rows: list[dict]) -> set[str]:
    """The municipality codes ``indicator_gaps`` rows name (predecessors), whose names
    :func:`gap_reason` prints (``CityData.region_names``)."""
    return {c for g in rows if g["reason"] in ("predecessor_missing", "predecessor_cut",
                                                 "missing_in_source")
            for c in (g["reason_detail"] or "").split(":")[-1].split(",") if c}


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
                                   cut=cut_words(lang, src))
    if row["reason"] == "predecessor_cut":
        table_key, _, codes = (row["reason_detail"] or "").partition(":")
        table, src = _cut_source(data, table_key)
        if src:
            return t(lang, "gap_predecessor_cut", source=table, cut=cut_words(lang, src),
                     names=_predecessors(data, codes, lang))
    if row["reason"] == "never_in_table" and getattr(data, "name", None):
        return t(lang, "gap_never_in_table", table=row["reason_detail"] or "", city=data.name)
    if row["reason"] == "predecessor_missing":
        key = ("predecessor_missing_one" if len((row["reason_detail"] or "").split(",")) == 1
               else "predecessor_missing")
        return vocabulary.word(lang, "reasons", key,
                               detail=_predecessors(data, row["reason_detail"], lang))
    if row["reason"] == "missing_in_source" and row.get("reason_detail"):
        # the empty cells are other codes' (Weesp's in 86050NED 2018-2021), not the city's
        return vocabulary.word(lang, "reasons", "missing_in_source_part",
                               detail=_predecessors(data, row["reason_detail"], lang))
    return reason(row, lang)


def no_rows_reason(data: CityData, lang: str) -> str:
    """Why an indicator has no row at all for the city: nothing the warehouse records ('geen
    cijfers voor Zwolle'). The indicators stage stores a reason for every municipality-year
    without a value in a year some municipality has one (a CBS table that leaves the city out:
    ``never_in_table``); this is said only of an indicator without any municipal figure."""
    return t(lang, "no_values", city=data.name)


def indicator_reasons(data: CityData, indicator_id: str, lang: str) -> list[str]:
    """Every distinct reason the city lacks figures of an indicator, most years first."""
    rows = [g for g in data.gap_reasons if g["indicator_id"] == indicator_id]
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
