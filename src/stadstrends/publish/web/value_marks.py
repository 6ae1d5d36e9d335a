"""A figure's marks on the site's tables and tooltips, in the one form of the tiles and the
report: one bracket per figure in the tiles' words (:func:`~stadstrends.publish.
sentence_words.flag_words` of :func:`~stadstrends.publish.sentence_words.year_flags`, the
one place of their rule), then what only the figure's own line says (the members an
aggregate leaves out, a share's few cases). The ranking's rows, the indicator page's table
of a year and the tooltips of its map and lines: Vlieland's thefts per 1 000 of 2024 read
'(voorlopig) (berekend door Stadstrends)' in the table and '(berekend door Stadstrends uit
het aantal: ...; ...)' in the tooltips, now everywhere '(voorlopig, door Stadstrends berekend
uit afgerond aantal)'. A table of a year whose caption says 'voorlopig' (every figure is:
:func:`~stadstrends.publish.web.page_parts.map_year_shown`) leaves it out of its rows
(``cell_note``)."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.figure_notes import without
from stadstrends.publish.notes import cell_notes, noted
from stadstrends.publish.rounding import zeros_and_coarse_of
from stadstrends.publish.sentence_words import bracketed, flag_words, year_flags
from stadstrends.publish.small_base_words import MARKED_BASES, small_base_brief
from stadstrends.publish.web.state import WebWarehouse

NO_ROUNDING: tuple[dict, dict] = ({}, {})


def figure_flags(provisional: bool, harmonised: bool, recomputed: bool,
                 rounded: tuple[dict, dict], indicator_id: str, year: int,
                 fresh: int | None = None) -> dict:
    """:func:`year_flags` of one figure of ``year`` (``rounded_zero``, ``coarse``, ...);
    ``rounded``: its municipality's :func:`zeros_and_coarse_of` (years per indicator),
    :data:`NO_ROUNDING` for a region that is none; ``fresh``: the build's first fresh year
    where the figure is to be marked 'verouderd' before it (None: never)."""
    zeros, coarse = rounded
    own = [int(year)]  # the marks of this one year, as :func:`year_flags` reads a city's
    return year_flags({
        "provisional": own if provisional else [], "harmonised": own if harmonised else [],
        "recomputed": own if recomputed else [],
        "rounded_zero": zeros.get(indicator_id, []),
        "coarse_years": coarse.get(indicator_id, []), "fresh_from": fresh}, int(year))


def figure_words(provisional: bool, harmonised: bool, recomputed: bool,
                 rounded: tuple[dict, dict], indicator_id: str, year: int, lang: str
                 ) -> list[str]:
    """The tiles' words of one figure of ``year``: 'voorlopig', 'omgerekend', 'berekend
    door Stadstrends', 'berekend uit afgerond aantal' (:func:`flag_words` of
    :func:`figure_flags`)."""
    return flag_words(figure_flags(provisional, harmonised, recomputed, rounded,
                                   indicator_id, year), lang)


def rounding_of(wh: WebWarehouse, rows: list[dict[str, Any]]) -> dict[str, tuple[dict, dict]]:
    """:func:`zeros_and_coarse_of` of the municipalities among ``rows`` (one query)."""
    codes = sorted({r["region_code"] for r in rows if r["region_code"].startswith("GM")})
    with wh.cursor() as cur:
        return zeros_and_coarse_of(cur, codes)


def note_rows(wh: WebWarehouse, rows: list[dict[str, Any]], indicator_id: str,
              lang: str, year: int | None = None, captioned: bool = False,
              fresh: int | None = None) -> None:
    """Give each row of ``indicator_id`` (:func:`.data.series`, :func:`.data.
    municipal_values`: ``year`` or the ``year`` given) its ``note`` (mutated): the one
    bracket its table cell and tooltip print after the figure, '' for none:
    '(voorlopig, omgerekend, berekend door Stadstrends)', '(zonder Ameland en
    Terschelling)' (an aggregate leaving members out: Nederland's social housing share of
    2017 leaves out six), '(voorlopig, berekend uit ongeveer 55 geregistreerde misdrijven)'
    (a share from few cases: ``small_base``). ``captioned``: the table's caption says
    'voorlopig' for all rows; their ``cell_note`` (the table's cell) leaves it out.
    ``fresh``: the map's year is the indicator's latest and out of date (:func:`~stadstrends.
    publish.web.page_parts.stale_latest`): the tooltip's words (``note_words``) say
    'verouderd' after the year, as the heading, the caption and the city page's tiles
    ('(2019, verouderd)'); the table's cells leave it to the caption."""
    rounded = rounding_of(wh, rows)
    for r in rows:
        flags = figure_flags(bool(r.get("provisional")), bool(r.get("recalculated")),
                             bool(r.get("recomputed")),
                             rounded.get(r["region_code"], NO_ROUNDING), indicator_id,
                             r.get("year", year), fresh)
        extra = []
        if r.get("left_out"):
            extra.append(without(sorted(wh.name(c) for c in r["left_out"]), lang))
        if r.get("small_base"):
            extra.append(r["small_base"])
        words = [*flag_words({**flags, "stale": False}, lang), *extra]
        r["note"] = bracketed(words, lang)
        # the map's tooltip: its year first (specs.year_note), 'verouderd' where it is
        r["note_words"] = [*flag_words(flags, lang), *extra]
        if captioned:  # 'voorlopig' is the first word where it is one
            r["cell_note"] = bracketed(words[1:] if r.get("provisional") else words, lang)


def mark_values(wh: WebWarehouse, values: list[dict[str, Any]], indicator_id: str,
                year: int | None, lang: str, fresh: int | None = None) -> None:
    """Give the municipalities' values of ``year`` (:func:`.data.municipal_values`, mutated)
    ``recalculated``, ``recomputed``, ``small_base`` (:func:`small_base_notes`) and the
    bracket their table and the map's tooltip print (``note``, :func:`note_rows`):
    Schiermonnikoog's, Vlieland's and Rozendaal's crimes per 1 000 of 2024. ``fresh``: an
    out-of-date latest year's (:func:`note_rows`): the tooltips say 'verouderd'."""
    if not values or year is None:
        return
    own, quotients = (year_codes(wh, indicator_id, year, note)
                      for note in ("recalculated", "recomputed"))
    bases = small_base_notes(wh, indicator_id, year, lang)
    for v in values:
        v["year"] = year  # the map's tooltip says it (specs.year_note)
        v["recalculated"] = v["region_code"] in own
        v["recomputed"] = v["region_code"] in quotients
        v["small_base"] = bases.get(v["region_code"], "")
    # the caption says 'voorlopig' where every figure is (page_parts.map_year_shown)
    note_rows(wh, values, indicator_id, lang, year,
              captioned=all(bool(v.get("provisional")) for v in values), fresh=fresh)


def small_base_notes(wh: WebWarehouse, indicator_id: str, year: int, lang: str
                     ) -> dict[str, str]:
    """Municipality code -> the words beside its share of ``year`` that CBS computed from few
    cases (``small_bases``; :func:`~stadstrends.publish.small_base_words.small_base_brief`:
    'berekend uit ongeveer 55 geregistreerde misdrijven'); only those with one."""
    rows = wh.rows("SELECT region_code, indicator_id, year, base_count, base_unit, survey FROM "
                   f"{MARKED_BASES} "
                   "WHERE indicator_id = ? AND year = ?", [indicator_id, year])
    return {r["region_code"]: small_base_brief(r, lang) for r in rows}


def year_codes(wh: WebWarehouse, indicator_id: str, year: int, note: str) -> set[str]:
    """The municipalities whose figure of ``year`` has ``note`` (one of :data:`~stadstrends.
    publish.notes.NOTES`: ``survey_estimate``, a small municipality's sample figure, the
    ranking CSV's and the map values' note), by the one source of the notes
    (:func:`~stadstrends.publish.notes.cell_notes`), read once per indicator and year."""
    return {c for c, _ in noted(year_notes(wh, indicator_id, year), note)}


def year_notes(wh: WebWarehouse, indicator_id: str, year: int) -> dict:
    """:func:`~stadstrends.publish.notes.cell_notes` of ``indicator_id`` in ``year`` (kept:
    the ranking, the map and /values of one year ask it together)."""
    def read() -> dict:
        with wh.cursor() as cur:
            return cell_notes(cur, indicator_id, year=int(year))

    return wh.memo(("year_notes", indicator_id, int(year)), read, size=8)
