"""The ranking page: all municipalities (or a comparison group, a province) on one indicator
in one year, ranked, sortable by links (no script needed), "my municipality" marked, and the
same view as CSV (plain, or Dutch Excel: ';' and decimal comma)."""

from __future__ import annotations

import csv
import io
from typing import Any

from stadstrends.errors import GroupNotFound, InvalidParameter
from stadstrends.publish.harmonised import download_text
from stadstrends.publish.notes import NO_NOTES, NOTES
from stadstrends.publish.rounding import zeros_and_coarse_of
from stadstrends.publish.sentence_words import bracketed, flag_words, marked_year
from stadstrends.publish.web import data, gaps, recalculated, units
from stadstrends.publish.web.downloads import notes_text, provisional_word, with_period
from stadstrends.publish.web.i18n import CATALOGUE_LANG, credit, texts, unit_words
from stadstrends.publish.web.page_parts import stale_latest, stale_note
from stadstrends.publish.web.state import WebWarehouse
from stadstrends.publish.web.value_marks import figure_flags, small_base_notes, year_notes

SORTS = ("rang", "naam", "waarde")
ALL = "NL01"
FAMILIES = ("named", "size", "urbanity", "typology", "province", "corop", "peers")


def groups(wh: WebWarehouse, lang: str) -> list[dict[str, Any]]:
    """The comparison groups to filter by, grouped by family (optgroups); a size group's
    label with the date of the population CBS classed it on (:func:`group_label`)."""
    from stadstrends.publish.groups import group_label

    rows = wh.rows("SELECT set_id, family, label_nl, label_en, population_year "
                   "FROM comparison_groups ORDER BY family, set_id")
    out = []
    for family in ("country", *FAMILIES):
        mine = [{"set_id": r["set_id"], "label": group_label(r, lang)}
                for r in rows if r["family"] == family]
        if mine:
            out.append({"family": family, "groups": mine})
    return out


def group_name(wh: WebWarehouse, set_id: str, lang: str) -> str:
    """A group's label as the group menu shows it (its id when the warehouse has none)."""
    return next((g["label"] for f in groups(wh, lang) for g in f["groups"]
                 if g["set_id"] == set_id), set_id)


def fixed_note(wh: WebWarehouse, set_id: str, lang: str) -> str | None:
    """For a size group: that its members are fixed by the inhabitants on 1 January of the
    classification's year, in every year of the list (Eemnes counts 10.065 in 2026 in the
    group of fewer than 10.000 inhabitants on 1 January 2025); None for other groups."""
    row = next(iter(wh.rows("SELECT family, population_year FROM comparison_groups "
                            "WHERE set_id = ?", [set_id])), None)
    if not row or row["family"] != "size" or row["population_year"] is None:
        return None
    return texts(lang)["group_fixed_size"].format(year=int(row["population_year"]))


def stale_year(wh: WebWarehouse, year: int | None, years: list[int], lang: str
               ) -> tuple[str | None, str | None]:
    """The ranking's year as the heatmap's column and the tiles mark an out-of-date latest
    figure ('2019, verouderd': :func:`~stadstrends.publish.sentence_words.stale`, a year before
    the build's first fresh year) and a note on what that means for its ranks; (None, None)
    for a year that is not the indicator's latest (``years``) or not out of date. Before, the
    safety survey's ranking said '(2019)' where the home page said '(2019, verouderd)'."""
    fresh = stale_latest(wh, year, years)
    if fresh is None:
        return None, None
    return (marked_year({"fresh_from": fresh}, year, lang),
            stale_note(year, fresh, lang) + " "
            + texts(lang)["ranking_stale"].format(year=year, fresh=fresh))


def canonical_group(wh: WebWarehouse, set_id: str) -> str:
    """A group id as the warehouse spells it, whatever the case typed (``gk5`` -> ``GK5``);
    an unknown id is returned as given (``members`` refuses it)."""
    ids = {r["set_id"].lower(): r["set_id"] for r in wh.rows(
        "SELECT set_id FROM comparison_groups")}
    return ids.get(set_id.strip().lower(), set_id)


def members(wh: WebWarehouse, set_id: str, focal: str | None) -> set[str] | None:
    """The municipality codes of a group (None: all); PEERS needs a focal municipality."""
    known = {r["set_id"]: r["family"] for r in wh.rows(
        "SELECT set_id, family FROM comparison_groups")}
    if set_id not in known:
        # an unknown group is a 404, as on /gemeente (?vergelijk=) and the API (?set=)
        from stadstrends.closest import closest  # the closest groups suggested

        raise GroupNotFound.worded("unknown_group_list", group=set_id,
                                   suggestions=closest(set_id, sorted(known)))
    if set_id == ALL:
        return None
    if known[set_id] == "peers":
        if not focal:
            raise InvalidParameter.worded("peers_need_municipality")
        rows = wh.rows("SELECT region_code FROM comparison_group_members WHERE set_id = ? "
                       "AND focal_code = ?", [set_id, focal])
        return {r["region_code"] for r in rows} | {focal}
    rows = wh.rows("SELECT region_code FROM comparison_group_members WHERE set_id = ?",
                   [set_id])
    return {r["region_code"] for r in rows}


def ranked(wh: WebWarehouse, indicator_id: str, year: int, set_id: str,
           focal: str | None, sort: str, desc: bool, lang: str) -> dict[str, Any]:
    """Rows (rank, code, name, value, shown, provisional, harmonised (Stadstrends'
    recalculation for today's boundaries), recomputed (divided from CBS's rounded count:
    Vlieland's crimes per 1 000), small_base (a share CBS computes from few cases, in the
    report's words: 'berekend uit ongeveer 55 geregistreerde misdrijven', else ''), mine;
    without a value ``why``:
    :func:`.gaps.in_year`, None where nothing is known) and what rank 1 means."""
    meta = wh.indicator(indicator_id)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    keep = members(wh, set_id, focal)
    values = {v["region_code"]: v for v in data.municipal_values(wh, indicator_id, year)}
    codes = [c for c, r in wh.regions.items() if r["level"] == "gemeente" and r["current"]
             and (keep is None or c in keep)]
    worse_high = meta["direction"] == "higher_worse"
    have = [c for c in codes if c in values]
    # each figure's notes (notes.cell_notes, the downloads' source): the CSV's column, and
    # the row's words: recalculated, '(omgerekend)'; recomputed from CBS's rounded count,
    # 'berekend door Stadstrends'
    notes = year_notes(wh, indicator_id, year)
    with wh.cursor() as cur:
        rounded = zeros_and_coarse_of(cur, have)  # 'berekend uit afgerond aantal', as tiles
    # the analysis' places (recalculated figures ranked as printed, '1.850 m³'); a PEERS
    # group has none for each of its members: ranked on the analysis' printed figures
    ranks = stored_ranks(wh, set_id, indicator_id, year, have) or printed_places(
        wh, indicator_id, year, have)
    # within a tie the higher value first, as before
    have.sort(key=lambda c: (ranks[c], -values[c]["value"]))
    bases = small_base_notes(wh, indicator_id, year, lang)  # a share from few cases says so
    rows = [{**_row(wh, c, ranks[c], values[c], meta, focal, lang),
             "notes": notes.get((c, int(year)), NO_NOTES), "small_base": bases.get(c, "")}
            for c in have]
    for r in rows:
        r.update(zip(("harmonised", "recomputed", "survey_estimate"), (r["notes"][NOTES.index(
            n)] for n in ("recalculated", "recomputed", "survey_estimate")), strict=True))
    # every figure provisional (thefts of 2024): the heading and caption say it once
    # (page_parts.map_year_shown), the rows only their other marks, as the map's table
    captioned = bool(rows) and all(r["provisional"] for r in rows)
    for r in rows:  # a recalculated figure no finer than CBS's: 'Westerwolde 1.850 m³'
        if r["harmonised"]:  # (the CSV keeps the figure, as the downloads)
            r["shown"] = recalculated.shown(wh, meta, r["value"], year, lang)
        r["marks"] = row_marks(r, rounded.get(r["region_code"], ({}, {})), indicator_id,
                               year, lang, captioned)
    rows += [_row(wh, c, None, None, meta, focal, lang)
             for c in sorted(set(codes) - set(have), key=wh.name)]
    if sort == "naam":
        rows.sort(key=lambda r: r["name"].lower(), reverse=desc)
    elif sort == "waarde":
        rows.sort(key=lambda r: (r["value"] is None, r["value"] or 0), reverse=desc)
        if desc:  # missing values stay last
            rows = [r for r in rows if r["value"] is not None] + \
                   [r for r in rows if r["value"] is None]
    elif desc:
        rows = [r for r in rows if r["rank"] is not None][::-1] + \
               [r for r in rows if r["rank"] is None]
    without = [r["region_code"] for r in rows if r["value"] is None]
    why = gaps.in_year(wh, indicator_id, without, year, lang)  # each row says it too
    for r in rows:
        if r["value"] is None:
            r["why"] = why[r["region_code"]][0] if r["region_code"] in why else None
    return {"rows": rows, "n": len(have), "missing": len(rows) - len(have),
            "missing_notes": gaps.missing_notes(wh, indicator_id, without, lang, year, why),
            "best": "neutral" if meta["direction"] == "neutral" else
            ("low" if worse_high else "high")}


def stored_ranks(wh: WebWarehouse, set_id: str, indicator_id: str, year: int,
                 codes: list[str]) -> dict[str, int] | None:
    """code -> the rank the analysis stored for ``codes`` in shared group ``set_id`` (the
    country ``NL01`` too) that year (``set_benchmarks``: 1 = highest, ties as printed),
    so the page and the reports give one place; None where it stored none for exactly
    these municipalities (a PEERS group: only the focal municipality's, in its latest
    year; a warehouse without positions)."""
    if "set_benchmarks" not in wh.tables:
        return None
    got = {r["region_code"]: int(r["rank"]) for r in wh.rows(
        "SELECT region_code, rank FROM set_benchmarks WHERE set_id = ? AND indicator_id = ? "
        "AND year = ?", [set_id, indicator_id, year])}
    return got if got and set(got) == set(codes) else None


#: The places of municipalities among the others of their ranking: 1 + those printed
#: higher (standard competition ranking, as ``set_positions`` ranks), keyed on the figures
#: as the analysis prints them (the warehouse view ``printed_figures``,
#: :mod:`stadstrends.analysis.printed_values`: the catalogue's decimals, a figure
#: recalculated for today's boundaries to its step): the rule of the stored places, read,
#: not copied (before, the page printed and ranked them itself). ``{rankings}``: a relation
#: ``ranking, indicator_id, year, region_code``, one ranking's rows per ``ranking`` (the
#: page's: one, :data:`ONE_RANKING`; a test's: every PEERS group's at once)
PLACES_SQL = """
SELECT g.ranking, g.region_code,
       rank() OVER (PARTITION BY g.ranking ORDER BY f.printed DESC) AS rank
FROM {rankings} g JOIN printed_figures f USING (region_code, indicator_id, year)
"""
#: the page's one ranking: parameters indicator, year, codes
ONE_RANKING = ("(SELECT 0 AS ranking, ?::VARCHAR AS indicator_id, ?::BIGINT AS year, "
               "unnest(?::VARCHAR[]) AS region_code)")


def printed_places(wh: WebWarehouse, indicator_id: str, year: int, codes: list[str]
                   ) -> dict[str, int]:
    """code -> place of ``codes`` where the analysis stored none for exactly them
    (:func:`stored_ranks`: a PEERS group), by the stored places' rule (:data:`PLACES_SQL`):
    1 = the highest value, whichever way is favourable (the report's convention and the
    city page's, 'plaats 4 van 4 (1 = hoogste)'); figures printed alike share the first of
    their places, the next is counted after them (1, 2, 2, 4)."""
    return {r["region_code"]: int(r["rank"]) for r in wh.rows(
        PLACES_SQL.format(rankings=ONE_RANKING), [indicator_id, year, list(codes)])}


def row_marks(row: dict[str, Any], rounded: tuple[dict, dict], indicator_id: str,
              year: int, lang: str, captioned: bool = False) -> str:
    """A ranked figure's marks in the one bracket the tiles print (:func:`figure_flags`,
    :func:`bracketed`): '(voorlopig, door Stadstrends berekend uit afgerond aantal)'
    for Vlieland's thefts per 1 000 of 2024; ``rounded``: the municipality's
    :func:`zeros_and_coarse_of` (years per indicator); a share from few cases adds its note.
    ``captioned``: the heading and caption say 'voorlopig' for every row ('(2024,
    voorlopig)'), the row leaves it out ('(door Stadstrends berekend uit afgerond aantal)');
    its ``provisional`` (the CSV's column) stays."""
    flags = figure_flags(row["provisional"], row["harmonised"], row["recomputed"], rounded,
                         indicator_id, year)
    row.update(rounded_zero=flags["rounded_zero"], rounded_count=flags["coarse"])
    words = flag_words({**flags, "provisional": flags["provisional"] and not captioned}, lang)
    return bracketed([*words, row["small_base"]] if row["small_base"] else words, lang)


def _row(wh: WebWarehouse, code: str, rank: int | None, v: dict[str, Any] | None,
         meta: dict[str, Any], focal: str | None, lang: str) -> dict[str, Any]:
    value = v["value"] if v else None
    return {"rank": rank, "region_code": code, "name": wh.name(code), "value": value,
            "shown": units.show(value, meta["unit"], lang, decimals=meta.get("decimals")),
            "provisional": bool(v and v["provisional"]), "harmonised": False,
            "recomputed": False, "rounded_zero": False, "rounded_count": False, "small_base": "",
            "survey_estimate": False, "mine": code == focal}


def to_csv(rows: list[dict[str, Any]], meta: dict[str, Any], year: int, dutch: bool,
           lang: str = CATALOGUE_LANG) -> bytes:
    """The view as CSV: plain (',' and '.', readable by pandas.read_csv) or for Dutch Excel
    (';' and decimal comma, with a byte order mark so that Excel reads UTF-8); the last
    column ``notes`` as the downloads' (:func:`.downloads.notes_text` of the row's
    ``notes``, :func:`~stadstrends.publish.notes.cell_notes`: 'recomputed',
    'rounded_count', 'small_base', 'survey_estimate'); the
    unit and the credit in ``lang`` (:func:`~.i18n.unit_words`, :func:`~.i18n.credit`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if dutch else ",", lineterminator="\n")
    writer.writerow(["rank", "region_code", "region_name", "indicator_id", "year", "value",
                     "unit", "provisional", "source", "notes"])
    for r in rows:
        value = download_text(r["value"], meta["unit"])  # as every data output
        if dutch and value:
            value = value.replace(".", ",")
        writer.writerow([r["rank"] or "", r["region_code"], r["name"], meta["indicator_id"],
                         year, value, unit_words(meta["unit"], lang),
                         provisional_word(bool(r["provisional"]), lang) if dutch
                         else str(r["provisional"]).lower(), credit(lang),
                         with_period(notes_text(*r.get("notes", NO_NOTES)),
                                     int(year), meta.get("year_offset"))])
    text = buf.getvalue()
    return (("\ufeff" + text) if dutch else text).encode("utf-8")
