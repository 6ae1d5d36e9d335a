"""The Kies richting labels the near-cut rule withheld (the warehouse's ``withheld_labels``)
outside the report: as data in the profile (:func:`withheld_rows`, codes: ``would_be``,
``position``, ``reason``; the profile's ``kies_richting.withheld``) and in the report's words
where the label would have been (:func:`withheld_words`, the report's
:func:`~stadstrends.publish.report.direction_words.withheld_sentences`): the city page's Kies
richting and the CLI's profile command. Noord-Beveland in its size group: 'Volwassenen met een
betalingsachterstand op de zorgpremie: 0,8% in 2024 ligt zo dicht bij de grens ...'. A small
municipality's sample figure too (reason 'survey'): 'Werkloosheid: 3,2% in 2024 valt in het
ongunstigste kwart (...), maar het is een steekproefcijfer ...' (Vlieland)."""

from __future__ import annotations

from typing import Any

import duckdb

from stadstrends.publish.relations import relations


def withheld_rows(con: duckdb.DuckDBPyConnection, code: str, set_id: str) -> list[dict]:
    """The municipality's ``withheld_labels`` rows within ``set_id`` (none in a warehouse
    without the table), in the report's order (``report/data``)."""
    if "withheld_labels" not in relations(con):
        return []
    cur = con.execute("""SELECT indicator_id, year, would_be, position, reason, value, cut,
        case_unit FROM withheld_labels WHERE region_code = ? AND set_id = ?
        ORDER BY indicator_id""", [code, set_id])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def catalogue_of(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, dict[str, Any]]:
    """Per indicator its ``unit``, ``decimals`` and ``title_<lang>`` (from the labels table
    outside Dutch, :func:`~stadstrends.publish.profile_domains.titles_in`), as
    :func:`withheld_words` needs them."""
    from stadstrends.publish.profile_domains import titles_in

    titles = titles_in(con, lang) if lang != "nl" else {}
    rows = con.execute("SELECT indicator_id, unit, decimals, title_nl FROM indicators").fetchall()
    return {i: {"unit": unit, "decimals": decimals,
                f"title_{lang}": titles.get(i, nl) if lang != "nl" else nl}
            for i, unit, decimals, nl in rows}


def withheld_words(rows: list[dict] | None, catalogue: dict, label: str,
                   lang: str) -> list[str]:
    """The report's sentences for the ``rows`` (:func:`withheld_rows`) that would be
    ``label`` ('distinctive strength', 'urgent task'); rows of an indicator the
    ``catalogue`` lacks are left out."""
    from stadstrends.publish.report.direction_words import withheld_sentences

    known = [r for r in rows or () if r.get("indicator_id") in catalogue]
    return withheld_sentences(known, catalogue, label, lang)
