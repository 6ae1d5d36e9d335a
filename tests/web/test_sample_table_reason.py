"""Where CBS itself publishes nothing, the reason says so, not that the snapshot lacks it:
CBS table 81877NED (Veiligheidsmonitor) covers only municipalities with a large enough
sample (SOURCES.md; its snapshot file is the whole table, ``completeness_code``
'complete'). /vergelijk and the home page's 'Zonder cijfer' said 'de momentopname van
CBS-tabel 81877NED heeft geen cijfers voor Vlieland'. The words are the stored reason
(``never_in_table``); a copy that is not CBS's whole table is stored as ``not_in_copy``
(tests/indicators/test_absent_reasons.py)."""

from __future__ import annotations

import re

import pytest

from stadstrends import vocabulary

HTML = {"accept": "text/html"}


def _text(client, url: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(url, headers=HTML).text))


def test_vlieland_and_assen_have_no_figure_because_cbs_publishes_none(client, wh) -> None:
    text = _text(client, "/vergelijk?regions=GM0096,GM0106,GM0193&indicator=feels_unsafe_share")
    never = vocabulary.word("nl", "reasons", "never_in_table", detail="81877NED")
    assert never in text
    assert "opgehaalde versie van CBS-tabel 81877NED" not in text
    for code in ("GM0096", "GM0106"):  # their stored reason, every year (2018 too)
        assert {r[0] for r in wh.execute(
            "SELECT DISTINCT reason FROM indicator_gaps WHERE region_code = ? AND "
            "indicator_id = 'feels_unsafe_share'", [code]).fetchall()} == {
            "never_in_table"}, code
    home = _text(client, "/")
    assert "opgehaalde versie van CBS-tabel 81877NED" not in home


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_only_a_cut_copy_is_said_to_lack_a_municipality(wh, lang) -> None:
    """Every stored table absence: ``not_in_copy`` (the copy lacks it) only of a table with a
    file that is not CBS's whole table, ``not_in_table``/``never_in_table`` (CBS publishes
    none) only of tables whose every file is whole; only the first says 'opgehaald'."""
    whole = dict(wh.execute("SELECT lower(table_id), bool_and(completeness_code = 'complete') "
                            "FROM sources GROUP BY 1").fetchall())
    rows = wh.execute("SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE reason "
                      "IN ('not_in_table', 'never_in_table', 'not_in_copy', "
                      "'predecessors_never_in_table')").fetchall()
    assert {r for r, _ in rows} >= {"not_in_table", "never_in_table",
                                    "predecessors_never_in_table"}
    for reason, detail in rows:  # a merger's years: '<tables>:<its predecessors>'
        tables = [whole[t.lower()] for t in detail.split(":")[0].split(", ")]
        assert (reason == "not_in_copy") == (not all(tables)), (reason, detail)
        said = vocabulary.word(lang, "reasons", reason, detail=detail)
        retrieved = {"nl": "opgehaald", "en": "retrieved"}[lang] in said
        assert retrieved == (reason == "not_in_copy"), said
