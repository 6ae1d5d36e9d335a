"""The long ``labels(kind, code, lang, field, text)`` table: every code's words in every
language, for API users and downloads (the report and the web read the language files).

Built from the language files (:mod:`stadstrends.vocabulary`: reasons, domains, opgaven,
verdicts, ...) and from the warehouse's own named things: indicator titles and descriptions
(``indicators``), CBS source titles (``sources``) and region-set labels
(``comparison_groups`` or ``region_set_labels``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends import vocabulary
from stadstrends.duck import store_frame

# language-file section -> (kind, field) of its codes
SECTIONS = {
    "domains": ("domain", "name"), "opgaven": ("opgave", "name"),
    "opgave_descriptions": ("opgave", "description"), "reasons": ("reason", "text"),
    "valence": ("valence", "name"), "signal_kinds": ("signal_kind", "name"),
    "verdicts": ("verdict", "text"), "kies_labels": ("kies_label", "name"),
    "kies_positions": ("kies_position", "text"), "kies_momentum": ("kies_momentum", "text"),
    "trend_verbs": ("trend", "verb"), "methods": ("method", "text"),
    "directions": ("direction", "text"), "units": ("unit", "name"),
    "measures": ("measure", "name"),
}
# warehouse table -> (kind, code column, {field: column prefix}) with <prefix>_<lang> columns
TABLES = {
    "indicators": ("indicator", "indicator_id", {"title": "title",
                                                "description": "description"}),
    "sources": ("source", "table_id", {"title": "title"}),
    "comparison_groups": ("region_set", "set_id", {"label": "label"}),
}
COLUMNS = ["kind", "code", "lang", "field", "text"]


def vocabulary_labels() -> pd.DataFrame:
    """Rows from the language files (each language's own words; English where it has none)."""
    rows = [(kind, str(code), lang, field, text)
            for lang in vocabulary.languages()
            for section, (kind, field) in SECTIONS.items()
            for code, text in vocabulary.section(lang, section).items()]
    rows += [("lens", "tweedeling", lang, field, vocabulary.section(lang, "lens")[field])
             for lang in vocabulary.languages() for field in ("name", "description")]
    return pd.DataFrame(rows, columns=COLUMNS)


def _table_sql(con: duckdb.DuckDBPyConnection) -> list[str]:
    cols = {(t, c) for t, c in con.execute("SELECT table_name, column_name FROM "
                                           "information_schema.columns").fetchall()}
    have = {t for t, _ in cols}
    parts = []
    for table, (kind, key, fields) in TABLES.items():
        if table not in have:
            continue
        for field, prefix in fields.items():
            for lang in ("nl", "en"):
                if (table, f"{prefix}_{lang}") in cols:
                    parts.append(f"SELECT DISTINCT '{kind}', {key}::VARCHAR, '{lang}', "
                                 f"'{field}', {prefix}_{lang} FROM {table} "
                                 f"WHERE {prefix}_{lang} IS NOT NULL AND {prefix}_{lang} <> ''")
    return parts


def build_labels(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``labels(kind, code, lang, field, text)``, one row per code, language and
    field (a source read through two APIs keeps one title)."""
    store_frame(con, "_vocabulary_labels", vocabulary_labels())
    parts = ["SELECT * FROM _vocabulary_labels", *_table_sql(con)]
    con.execute(f"""
        CREATE OR REPLACE TABLE labels AS
        SELECT kind, code, lang, field, any_value(text) AS text
        FROM ({' UNION ALL '.join(parts)}) l({', '.join(COLUMNS)})
        GROUP BY ALL ORDER BY kind, code, lang, field""")
    con.execute("DROP TABLE _vocabulary_labels")
