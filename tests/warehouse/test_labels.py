"""Reason codes in the warehouse and the long ``labels`` table built from the language files."""

from __future__ import annotations

import duckdb

from stadstrends import vocabulary
from stadstrends.publish.report.texts import reason
from stadstrends.warehouse.labels import SECTIONS, build_labels, vocabulary_labels

CODED = {  # warehouse table -> its reason-code column
    "indicator_results": "reason", "ommeland": "ommeland_note",
    "inequality_coverage": "reason",
}


def test_every_reason_code_in_the_warehouse_has_words_in_both_languages(wh) -> None:
    codes = set()
    for table, column in CODED.items():
        codes |= {r[0] for r in wh.execute(
            f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()}
    assert {"missing_in_source", "predecessor_missing", "rounded_to_zero",
            "ommeland_city_alone", "cut_last_in_file"} <= codes
    assert all(c.replace("_", "").isalnum() and c.islower() for c in codes), codes  # codes
    labelled = {(r[0], r[1]) for r in wh.execute(
        "SELECT code, lang FROM labels WHERE kind = 'reason'").fetchall()}
    missing = [(c, lang) for c in codes for lang in ("nl", "en") if (c, lang) not in labelled]
    assert not missing


def test_labels_hold_the_names_the_warehouse_uses(wh) -> None:
    """Domain and opgave names, indicator titles and region-set labels, per language."""
    for table, kind, key, field, prefix in [
            ("domains", "domain", "domain", "name", "name"),
            ("opgaven", "opgave", "opgave_id", "name", "name"),
            ("indicators", "indicator", "indicator_id", "title", "title"),
            ("comparison_groups", "region_set", "set_id", "label", "label")]:
        for lang in ("nl", "en"):
            bad = wh.execute(f"""
                SELECT t.{key} FROM {table} t LEFT JOIN labels l
                  ON l.kind = '{kind}' AND l.code = t.{key} AND l.lang = '{lang}'
                 AND l.field = '{field}'
                WHERE l.text IS DISTINCT FROM t.{prefix}_{lang}""").fetchall()
            assert not bad, (table, lang, bad[:5])
    dupes = wh.execute("SELECT kind, code, lang, field FROM labels GROUP BY ALL "
                       "HAVING count(*) > 1").fetchall()
    assert not dupes


def test_the_missing_denominator_reason_reads_in_dutch() -> None:
    """Before: 'denominator is zero' had no pattern and reached the Dutch report in English."""
    row = {"reason": "denominator_zero", "reason_detail": None}
    assert reason(row, "nl") == "de noemer is nul"
    assert reason(row, "en") == "denominator is zero"
    row = {"reason": "predecessor_missing", "reason_detail": "GM0457"}
    assert reason(row, "nl") == ("geen cijfers voor de gemeenten waaruit de gemeente (deels) "
                                 "is ontstaan: GM0457")  # the report names them: gap_words
    row = {"reason": "not_in_partial_extract", "reason_detail": "Maasdriel",
           "source": "KWB 2024 (85984NED)"}
    assert reason(row, "nl") == ("het deel van de CBS-tabel dat Stadstrends heeft, loopt in "
                                 "het alfabet maar tot en met Maasdriel")


def test_every_code_has_its_own_dutch_words() -> None:
    """Distinct reasons stay distinct: no two codes share a text in a language."""
    for lang in ("nl", "en"):
        texts = list(vocabulary.section(lang, "reasons").values())
        assert len(texts) == len(set(texts)), lang
    nl, en = vocabulary.section("nl", "reasons"), vocabulary.section("en", "reasons")
    assert set(nl) == set(en) and all(nl[c] != en[c] for c in nl)


def test_labels_table_from_the_files_alone() -> None:
    """On an empty warehouse the table holds the language files' words, one row each."""
    con = duckdb.connect()
    build_labels(con)
    n = con.execute("SELECT count(*) FROM labels").fetchone()[0]
    assert n == len(vocabulary_labels()) > 0
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM labels").fetchall()}
    assert {kind for kind, _ in SECTIONS.values()} <= kinds
