"""Per-indicator downloads (CSV, Dutch Excel CSV, XLSX, Parquet) in long format, with credit
in every row; the metadata (definition, unit, sources, licence) is the sidecar ``.json``."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from stadstrends import CREDIT, __version__
from stadstrends.errors import IndicatorNotFound, InvalidParameter
from stadstrends.publish.figure_notes import offset_note
from stadstrends.publish.harmonised import (
    DOWNLOAD_SIGNIFICANT,
    as_downloaded,
    download_decimals,
)
from stadstrends.publish.notes import NO_NOTES, cell_notes
from stadstrends.publish.statline import statline_link
from stadstrends.publish.web.i18n import CATALOGUE_LANG, credit, in_language, unit_words
from stadstrends.publish.web.page_parts import cbs_totals
from stadstrends.publish.web.state import WebWarehouse
from stadstrends.vocabulary import section

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "excel.csv": "text/csv; charset=utf-8",  # Dutch Excel: ';' and decimal comma
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
}
LICENCE = "CC BY 4.0"
#: the licence's page per language: the English pages, API answers and downloads link the
#: English deed (they linked the Dutch one), the Dutch the Dutch
LICENCE_URLS = {"nl": "https://creativecommons.org/licenses/by/4.0/deed.nl",
                "en": "https://creativecommons.org/licenses/by/4.0/deed.en"}


def licence_url(lang: str) -> str:
    """The CC BY 4.0 deed in ``lang`` (English for a language without one)."""
    return LICENCE_URLS.get(lang, LICENCE_URLS["en"])


COLUMNS = {
    "indicator_id": "indicator id", "region_code": "CBS region code",
    "region_name": "region name", "level": "gemeente, corop, provincie or land",
    "year": "year", "unit": "unit",
    "value": "value in the unit of the metadata, rounded as 'value_rounding' says (the same in "
             "every format and the API)",
    "provisional": "true when a source figure is provisional (the Excel CSV: 'ja'/'nee' in "
                   "the Dutch file, 'yes'/'no' in the English one)",
    "source_tables": "CBS tables the row's figure comes from (its count, its denominator, a "
                     "published mean's own table alone)",
    "source_measures": "CBS measures the row's figure comes from, those of its source_tables "
                       "by the same rule ('a + b': the catalogue's sum of two measures)",
    "source": "credit",
    "notes": "codes, space-separated, empty for none: 'recalculated' (Stadstrends' estimate for "
             "today's boundaries), 'recomputed' (divided from CBS's rounded count, CBS publishing "
             "no rate), 'rounded_zero' (a figure on a count CBS rounded to 0: fewer than half its "
             "unit, not none), 'rounded_count' (a figure computed from a count CBS rounds "
             "coarsely for the region, half its unit more than the build's coarse_share of it; "
             "the report's 'computed from a rounded count'), "
             "'small_base' (a share CBS computed from few cases: the report's 'computed from "
             "about 55 registered crimes'), 'survey_estimate' (a sample figure of CBS's Labour "
             "Force Survey for a municipality below the build's survey_small_base of people: "
             "CBS calls these imprecise for small municipalities), "
             "'left_out:GM0060|GM0093' (the members an aggregate leaves out), "
             "'cbs_period:2023' (every row of an indicator whose years the catalogue moved, "
             "year_offset: the year CBS lists the figure under on StatLine; payment arrears' "
             "2024 is CBS's stock on 31 December 2023), "
             "'cbs_total' (a COROP region's, province's or Nederland's count or ratio that is "
             "CBS's own figure of it, the municipalities' sum being incomplete, or Nederland in "
             "every year where its table's national figure counts more than the municipalities; "
             "as the API's field cbs_total)",
}


def indicator_part(name: str) -> str:
    """The indicator a download's file ``name`` asks for: what comes before its format
    ('population' of 'population.csv' and 'population.excel.csv'), the whole name without a
    dot; where the name is a format alone ('.csv', 'csv', '.excel.csv') or blank before it
    (' .csv'): :class:`IndicatorNotFound` saying no indicator was given, with the file's
    shape, not "Onbekende indicator '.csv'"."""
    stem, dot, _ = name.rpartition(".")
    stem = stem.removesuffix(".excel") if dot else name
    if stem.removeprefix(".") in FORMATS or not stem.strip():
        raise IndicatorNotFound.worded("empty_download", value=name)
    return stem


def split_name(name: str) -> tuple[str, str]:
    """``'population.csv'`` -> ``('population', 'csv')`` or :class:`InvalidParameter`."""
    stem, dot, ext = name.rpartition(".")
    if stem.endswith(".excel") and ext == "csv":
        stem, ext = stem[:-len(".excel")], "excel.csv"
    if not dot or ext not in FORMATS or not stem:
        raise InvalidParameter.worded("unknown_download", value=name,
                                      suggestions=[f"{stem or name}.{e}" for e in FORMATS])
    return stem, ext


def metadata(wh: WebWarehouse, indicator_id: str, lang: str = CATALOGUE_LANG
             ) -> dict[str, Any]:
    """Definition, unit, sources with retrieval dates, licence and credit of one indicator;
    the unit and the credit in ``lang`` (:func:`~stadstrends.publish.web.i18n.in_language`:
    'inhabitants', 'Source: CBS (CC BY 4.0)'; the catalogue's code in ``unit_code``).
    ``sources``: every table its figures come from (``indicators.used_tables``);
    ``year_offset``: how many years the catalogue moved CBS's period (1: each year is CBS's
    stock on 31 December of the year before, payment arrears' 2024 is CBS's period 2023;
    0 for every other indicator), said in words in ``year_note_nl``/``year_note_en`` (''
    without an offset: :func:`~stadstrends.publish.figure_notes.offset_note`)."""
    meta = wh.indicator(indicator_id)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    sources = [source_entry(wh, t, lang)
               for t in meta.get("used_tables") or meta.get("source_tables") or []]
    years = wh.rows("SELECT min(year) AS first, max(year) AS last, count(*) AS n "
                    "FROM indicator_values WHERE indicator_id = ?", [indicator_id])[0]
    return in_language({
        "indicator_id": indicator_id,
        "title_nl": meta["title_nl"], "title_en": meta["title_en"],
        "definition_nl": meta["description_nl"], "definition_en": meta["description_en"],
        "domain": meta["domain"], "unit": meta["unit"], "direction": meta["direction"],
        "method": meta["method"], "caveats": list(meta.get("caveats") or []),
        "caveats_en": list(meta.get("caveats_en") or []),
        "first_year": years["first"], "last_year": years["last"], "rows": years["n"],
        "sources": sources, "licence": LICENCE, "licence_url": licence_url(lang), "credit": CREDIT,
        "producer": f"Stadstrends {__version__}",
        "built_at": wh.build_info.get("built_at"), "columns": COLUMNS,
        "value_rounding": value_rounding(meta["unit"]),
        "year_offset": int(meta.get("year_offset") or 0),
        **{f"year_note_{lang}": offset_note("general", meta.get("year_offset"), lang)
           for lang in ("nl", "en")},
    }, lang)


def source_entry(wh: WebWarehouse, table_id: str, lang: str) -> dict[str, Any]:
    """One source table of :func:`metadata`: ``title``, CBS's own title in ``lang`` (else its
    Dutch one; null where the snapshot's metadata gives none), ``title_nl``/``title_en`` as
    CBS gives them, ``shown``: the title the pages and the XLSX give ('Levert: ...' without
    CBS's), ``snapshot_note``: how the snapshot describes its copy (English, for
    provenance: "... First Woningkenmerken slice 'Totaal woningen' complete"; was
    ``title``), ``retrieved_at``, ``url``: the table on StatLine, in English where CBS has
    an English edition (37259eng) and ``lang`` is not Dutch, else in Dutch, which
    ``url_language`` says (:func:`~stadstrends.publish.statline.statline_link`; both null
    for a source that is no StatLine table: kwb2019)."""
    from stadstrends.publish.report.sources import cbs_title
    from stadstrends.publish.web.page_parts import source_title

    src = wh.sources.get(table_id, {})
    note = src.get("title")
    link = statline_link(table_id, lang)
    return {"table_id": table_id, "title": cbs_title(src, lang),
            "title_nl": src.get("title_nl"), "title_en": src.get("title_en"),
            "shown": source_title(wh, table_id, lang),
            "snapshot_note": None if note in (None, table_id, cbs_title(src, lang)) else note,
            "retrieved_at": src.get("retrieved_at"),
            # what that date is: 'retrieved' from CBS, or 'copy': a copy's (kwb2019's commit)
            "retrieved_kind": src.get("retrieved_kind") or "retrieved",
            "url": link and link["url"], "url_language": link and link["language"]}


def value_rounding(unit: str) -> dict[str, int]:
    """How the values of every format are rounded (``harmonised.as_downloaded``):
    ``{"decimals": 0}`` (counts, euros), ``{"decimals": 1}`` ('1 000 euro'), else
    ``{"significant_digits": 6}``."""
    decimals = download_decimals(unit)
    if decimals is None:
        return {"significant_digits": DOWNLOAD_SIGNIFICANT}
    return {"decimals": decimals}


def notes_text(recalculated: bool, recomputed: bool, left_out: list[str],
               rounded_zero: bool = False, rounded_count: bool = False,
               small_base: bool = False, survey_estimate: bool = False,
               cbs_total: bool = False) -> str:
    """A row's ``notes`` cell: 'recalculated recomputed', 'rounded_zero', 'rounded_count'
    (the report's 'berekend uit afgerond aantal'), 'small_base' ('berekend uit ongeveer 55
    geregistreerde misdrijven'), 'survey_estimate' ('steekproefcijfer, voor kleine gemeenten
    onnauwkeurig'), 'left_out:GM0060|GM0093', 'cbs_total' (a region's figure that is CBS's
    own, as the API's ``cbs_total``), ''."""
    return " ".join(["recalculated"] * recalculated + ["recomputed"] * recomputed
                    + ["rounded_zero"] * rounded_zero + ["rounded_count"] * rounded_count
                    + ["small_base"] * small_base + ["survey_estimate"] * survey_estimate
                    + ([f"left_out:{'|'.join(left_out)}"] if left_out else [])
                    + ["cbs_total"] * cbs_total)


def long_frame(wh: WebWarehouse, indicator_id: str, lang: str = CATALOGUE_LANG
               ) -> pd.DataFrame:
    """All regions' values of one indicator (long format, with source and credit, and the
    ``notes`` of :func:`notes_text`, last: 'cbs_total' where the API's row says so); the unit
    and the credit in ``lang``, the column names the same in every language (the documented
    columns, :data:`COLUMNS`)."""
    meta = wh.indicator(indicator_id)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    with wh.cursor() as cur:
        frame = cur.execute(
            """
            SELECT v.indicator_id, v.region_code, r.name AS region_name, r.level, v.year,
                   v.value, ? AS unit, v.provisional, v.source_tables, v.source_measures,
                   ? AS source
            FROM indicator_values v
            LEFT JOIN (SELECT region_code, any_value(name ORDER BY valid_to NULLS FIRST) AS name,
                              any_value(level) AS level FROM regions GROUP BY ALL) r
                 USING (region_code)
            WHERE v.indicator_id = ?
            ORDER BY v.region_code, v.year
            """, [unit_words(meta["unit"], lang), credit(lang), indicator_id]).df()
        notes = cell_notes(cur, indicator_id)
    totals = cbs_totals(wh)  # region -> indicator -> the years whose figure is CBS's own
    frame["notes"] = [notes_text(*notes.get((c, int(y)), NO_NOTES),
                                 cbs_total=int(y) in totals.get(c, {}).get(indicator_id, ()))
                      for c, y in zip(frame["region_code"], frame["year"], strict=True)]
    if meta.get("year_offset"):  # the year CBS lists the figure under: StatLine's 2023
        frame["notes"] = [with_period(n, int(y), meta["year_offset"])
                          for n, y in zip(frame["notes"], frame["year"], strict=True)]
    return frame


def with_period(notes: str, year: int, offset: int | None) -> str:
    """A row's ``notes`` with 'cbs_period:2023' after them where the catalogue moved CBS's
    year by ``offset`` (``year_offset``: payment arrears' 2024 is CBS's period 2023, the
    year StatLine lists the figure under); ``notes`` as they are without an offset."""
    return " ".join(filter(None, [notes, f"cbs_period:{year - offset}" if offset else ""]))


def provisional_word(provisional: bool, lang: str) -> str:
    """The Excel CSV's ``provisional`` cell in ``lang``: 'ja'/'nee', 'yes'/'no' (the plain
    CSV's 'true'/'false', for programs, stay)."""
    w = section(lang, "download_sheet")
    return w["provisional_yes"] if provisional else w["provisional_no"]


def render_bytes(wh: WebWarehouse, indicator_id: str, fmt: str,
                 lang: str = CATALOGUE_LANG) -> bytes:
    """The download file's bytes (made once per build and language by ``download_files``);
    units, credit and the XLSX metadata sheet in ``lang``."""
    if fmt == "json":
        return json.dumps(metadata(wh, indicator_id, lang), ensure_ascii=False, indent=2,
                          default=str).encode("utf-8")
    frame = long_frame(wh, indicator_id, lang)
    meta = metadata(wh, indicator_id, lang)
    unit = meta["unit_code"]
    # one rule in every format, as the API's /series (harmonised.as_downloaded)
    frame["value"] = frame["value"].map(lambda v: as_downloaded(v, unit))
    if download_decimals(unit) == 0:  # whole numbers: integers, without '.0'
        frame["value"] = frame["value"].astype("Int64")
    else:
        frame["value"] = frame["value"].astype("float64")
    if fmt == "csv":  # booleans as true/false
        frame["provisional"] = frame["provisional"].map({True: "true", False: "false"})
    if fmt == "excel.csv":  # as its other columns, in the file's language: 'ja'/'nee'
        frame["provisional"] = [provisional_word(bool(p), lang) for p in frame["provisional"]]
    if fmt == "csv":  # plain: pandas.read_csv reads it as it is; metadata in the .json
        return frame.to_csv(index=False).encode("utf-8")
    if fmt == "excel.csv":  # opens in Dutch Excel by double click (BOM: UTF-8)
        return ("\ufeff" + frame.to_csv(index=False, sep=";", decimal=",")).encode("utf-8")
    if fmt == "xlsx":
        buf = io.BytesIO()
        info = sheet(meta, lang)
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name="data", index=False)
            info.to_excel(writer, sheet_name="metadata", index=False)
        return buf.getvalue()
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    extra = {b"stadstrends": json.dumps(meta, default=str).encode("utf-8"),
             b"credit": meta["credit"].encode("utf-8"), b"licence": LICENCE.encode("utf-8")}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def sheet(meta: dict[str, Any], lang: str) -> pd.DataFrame:
    """The XLSX download's sheet ``metadata`` in ``lang`` (``download_sheet`` of the language
    files): 'veld'/'waarde', 'titel', 'eenheid', 'bron', ... in Dutch, 'field'/'value',
    'title', 'unit', 'source', ... in English; ``meta``: :func:`metadata` in ``lang``."""
    w = section(lang, "download_sheet")
    other = "en" if lang == CATALOGUE_LANG else CATALOGUE_LANG
    own = lang if f"title_{lang}" in meta else "en"
    rows = [(w["title"], meta[f"title_{own}"]), (w["title_other"], meta[f"title_{other}"]),
            (w["definition"], meta[f"definition_{own}"]), (w["unit"], meta["unit"]),
            # payment arrears: each year is CBS's stock on 31 December of the year before, a
            # year CBS lists the figure under (the data's notes: 'cbs_period:2023')
            *([(w["years"], offset_note("many", meta["year_offset"], lang, meta["last_year"]))]
              if meta.get("year_offset") and meta.get("last_year") else []),
            (w["source"], meta["credit"]), (w["licence"], f"{LICENCE} {licence_url(lang)}"),
            *[(w["table"].format(table=s["table_id"]),
               w["retrieved_copy" if s.get("retrieved_kind") == "copy" else "retrieved"].format(
                   title=s["shown"], date=s["retrieved_at"]))
              for s in meta["sources"]],
            (w["producer"], meta["producer"])]
    return pd.DataFrame(rows, columns=[w["field"], w["value"]])
