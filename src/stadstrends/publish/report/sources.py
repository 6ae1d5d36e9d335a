"""The report's source tables: their titles, retrieval dates and completeness (the
accountability section's list) and the appendix every city's PDF shares (each indicator's
definition and source tables)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from stadstrends.publish.cuts import coverage
from stadstrends.publish.format import fmt_date
from stadstrends.publish.report.data import CityData
from stadstrends.publish.report.texts import neighbourhood_source, t
from stadstrends.publish.statline import statline_link


def _when(text: str | None) -> tuple[date, bool] | None:
    """A retrieval date as (day, month only): '2025-01-12' or '2026-07-02T12:11:02Z' a day,
    a documented month ('2025-04') its first day; None when not a date."""
    month = re.fullmatch(r"(\d{4})-(\d{2})", str(text or ""))
    if month:
        return date(int(month.group(1)), int(month.group(2)), 1), True
    try:
        return datetime.fromisoformat(str(text)).date(), False
    except (TypeError, ValueError):
        return None


def _day(text: str | None, lang: str, whole: bool = False, kind: str | None = None) -> str:
    """A retrieval date in words, every cell alike: '12 januari 2025' / '12 January 2025';
    a documented month only ('2025-04'): 'april 2025' / 'April 2025'; '–' for none. Before,
    English cells mixed '2025-01-12' with 'April 2025' (Dutch '12-01-2025' with 'april
    2025'). ``whole``: see :func:`_shown`; ``kind``: ``sources.retrieved_kind``, a copy's
    date 'uiterlijk 23 september 2022' (kwb2019: the commit date of a copy on GitHub)."""
    when = _when(text)
    return "–" if when is None else _shown(when, lang, whole, kind == "copy")


def _shown(when: tuple[date, bool], lang: str, whole: bool = False, copy: bool = False,
           listed: bool = False) -> str:
    """One date in words; ``whole``: its words joined by no-break spaces, for the PDF
    appendix's narrow columns ('2 juli' / '2026' there before). Not on screen: a phone's
    column is narrower than one date, which would then break inside a word. ``copy``: the
    date of a copy of CBS's file, downloaded from CBS that day or before: 'uiterlijk ...';
    ``listed``: among other dates, its word after it, '12 januari 2025 (uiterlijk)'
    (:func:`retrieved`)."""
    shown = fmt_date(when[0], lang)
    shown = shown.split(" ", 1)[1] if when[1] else shown
    shown = shown.replace(" ", "\u00a0") if whole else shown
    if not copy:
        return shown
    # may break after 'uiterlijk'
    return t(lang, "retrieved_by_listed" if listed else "retrieved_by", date=shown)


def used_tables(meta: dict) -> list[str]:
    """Every table an indicator's figures come from (``indicators.used_tables``: its
    catalogue parts', a denominator indicator's and a changed count's, e.g. 03759ned for
    Bevolkingsgroei 2024-2025); a warehouse built before that column: its parts'."""
    return list(meta.get("used_tables") or meta.get("source_tables") or [])


def cbs_title(src: dict, lang: str) -> str | None:
    """CBS's own title of a source table (``sources.title_<lang>``, from the table's metadata
    in the snapshot or the API) in ``lang``, else CBS's Dutch one; None where the metadata at
    hand gives none (``sources.title`` is then the snapshot's description of its copy, for
    us, never a title for readers: "... First Woningkenmerken slice 'Totaal woningen'
    complete")."""
    return src.get(f"title_{lang}") or src.get("title_nl") or None


def titled(src: dict, lang: str, used: list[str]) -> str:
    """A source table's title for readers: :func:`cbs_title`, else what it provides
    (``used``: the titles of what comes from it, in ``lang``: 'Levert: Gasverbruik per
    woning; ...'), else that the data give no title. CBS's Dutch title for a reader of
    another language says it is Dutch ('... (CBS's Dutch title)')."""
    title = cbs_title(src, lang)
    if title and not src.get(f"title_{lang}"):  # an English reader: CBS's Dutch title,
        return t(lang, "cbs_title_dutch", title=title)  # said to be Dutch
    if title:
        return title
    return t(lang, "source_used_for", names="; ".join(used[:4])
             + (f" (+{len(used) - 4})" if len(used) > 4 else "")) if used else t(
        lang, "source_unknown")


def source_title(data: CityData, src: dict, lang: str,
                 uses: dict[str, list[dict]] | None = None) -> str:
    """CBS's own title of a source table in the report language (from the table metadata);
    an English report falls back to the Dutch title; without one, what the table is used
    for, in the report language (never the snapshot's English description): :func:`titled`.
    ``uses``: the :func:`table_uses` of ``data``, when the caller has them."""
    tid = src["table_id"].lower()
    used = [m[f"title_{lang}"] for m in (table_uses(data) if uses is None else uses).get(tid, [])]
    used += [neighbourhood_source(c["source_table"], lang, with_table=False)
             for c in data.ineq_coverage if c["source_table"].lower() == tid]
    return titled(src, lang, used)


def table_uses(data: CityData) -> dict[str, list[dict]]:
    """Lower-case table id -> the catalogue's indicators whose figures come from it
    (:func:`used_tables`), in catalogue order."""
    return catalogue_uses(data.catalogue.values())


def catalogue_uses(catalogue: Iterable[dict]) -> dict[str, list[dict]]:
    """:func:`table_uses` of catalogue entries (``indicators`` rows)."""
    uses: dict[str, list[dict]] = {}
    for m in catalogue:
        for tid in dict.fromkeys(tb.lower() for tb in used_tables(m)):
            uses.setdefault(tid, []).append(m)
    return uses


def source_rows(data: CityData, lang: str, whole: bool = False) -> list[list[str]]:
    """The source list: one row per table and API (a table read from both APIs twice);
    ``whole``: see :func:`_shown`."""
    ids = [src["table_id"].lower() for src in data.sources]
    uses = table_uses(data)  # once for all ~90 tables
    return [[src["table_id"] + (f" ({t(lang, 'api', api=src['api'])})"
                                if ids.count(src["table_id"].lower()) > 1 else ""),
             source_title(data, src, lang, uses),
             _day(src["retrieved_at"], lang, whole, src.get("retrieved_kind")),
             coverage(src, lang)] for src in data.sources]


def sources_table(data: CityData, lang: str, whole: bool = False) -> dict:
    """The source tables with their titles, retrieval dates and completeness (``whole``:
    see :func:`_shown`); ``links``: each row's table on StatLine (:func:`statline_link`),
    its number's link."""
    return {"title": t(lang, "acc_sources"), "note": t(lang, "acc_sources_note"),
            "columns": [t(lang, "col_source"), t(lang, "col_title"), t(lang, "col_retrieved"),
                        t(lang, "col_completeness")], "rows": source_rows(data, lang, whole),
            # each row's table on StatLine, in English where CBS has an English edition
            "links": [statline_link(src["table_id"], lang) for src in data.sources]}


def retrieved(data: CityData, tables: list[str], lang: str, whole: bool = False) -> str:
    """When the source tables of an indicator were retrieved (each date once, oldest
    first: '12 January 2025, April 2025, 2 July 2026'; a copy's date among others '12
    January 2025 (at the latest)'; ``whole``: see :func:`_shown`)."""
    ids = {tb.lower() for tb in tables}
    whens = {(*w, src.get("retrieved_kind") == "copy") for src in data.sources
             if src["table_id"].lower() in ids and (w := _when(src["retrieved_at"])) is not None}
    # by date, not as text ('2025-01-12, 2026-07-02, April 2025' before); a month before
    # its days; a copy's date 'uiterlijk ...' (:func:`_shown`), among others with its word
    # after it: 'uiterlijk 12 januari 2025, april 2025, 2 juli 2026' read as if 'uiterlijk'
    # said all three
    listed = len({w[:2] for w in whens}) > 1
    return ", ".join(dict.fromkeys(_shown(w[:2], lang, whole, w[2], listed)
                                   for w in sorted(whens, key=lambda w: (w[0], not w[1]))))


def appendix(data: CityData, lang: str) -> dict:
    """What every municipality's PDF shares, rendered once and appended to each: every
    indicator of the catalogue with its definition, source tables and retrieval date, and
    the source tables with their completeness (the city's own years are in its
    accountability section)."""
    rows = [[meta[f"title_{lang}"], meta[f"description_{lang}"],
             ", ".join(used_tables(meta)), retrieved(data, used_tables(meta), lang, True)]
            for meta in data.catalogue.values()]
    return {
        "title": t(lang, "appendix_title"), "intro": t(lang, "appendix_intro"),
        "footer": t(lang, "appendix_footer"), "page": t(lang, "appendix_page"),
        "indicators": {"title": t(lang, "appendix_indicators"), "columns": [
            t(lang, "col_indicator"), t(lang, "col_definition"), t(lang, "col_source"),
            t(lang, "col_retrieved")], "rows": rows},
        "sources": sources_table(data, lang, whole=True),
        "credit": t(lang, "credit"),
    }
