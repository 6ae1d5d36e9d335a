"""Where CBS itself publishes nothing, the reason says so, not that the snapshot lacks it:
CBS table 81877NED (Veiligheidsmonitor) covers only municipalities with a large enough
sample (SOURCES.md; its snapshot file is the whole table, ``completeness_code``
'complete'). /vergelijk and the home page's 'Zonder cijfer' said 'de momentopname van
CBS-tabel 81877NED heeft geen cijfers voor Vlieland'. A cut copy keeps the snapshot's
words: there the copy, not CBS, lacks the municipality."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from stadstrends.publish.report.gap_words import no_rows_reason

HTML = {"accept": "text/html"}


def _text(client, url: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(url, headers=HTML).text))


def test_vlieland_and_assen_have_no_figure_because_cbs_publishes_none(client) -> None:
    text = _text(client, "/vergelijk?regions=GM0096,GM0106,GM0193&indicator=feels_unsafe_share")
    for name in ("Vlieland", "Assen"):
        assert f"CBS publiceert in tabel 81877NED geen cijfers voor {name}" in text, name
    assert "momentopname van CBS-tabel 81877NED" not in text
    home = _text(client, "/")
    assert "CBS publiceert in tabel 81877NED geen cijfers voor Assen" in home
    assert "momentopname van CBS-tabel 81877NED" not in home


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_only_a_whole_cbs_file_says_cbs_publishes_nothing(wh, lang) -> None:
    """Every snapshot table: one whose files are all complete says CBS publishes nothing
    (the city has no row in CBS's whole table), one with a cut file names the snapshot's
    copy (83625NED: its whole 2015-2025 file leaves CBS's 1995-2014 figures unknown)."""
    cols = ("table_id", "origin", "completeness_code")
    sources = [dict(zip(cols, r, strict=True)) for r in wh.execute(
        "SELECT table_id, origin, completeness_code FROM sources").fetchall()]
    kinds = {s["completeness_code"] for s in sources}
    assert {"complete", "cut"} <= kinds
    data = SimpleNamespace(name="Vlieland", sources=sources)
    whole = {}  # table -> whether all its files are complete (83625NED: one whole, one cut)
    for s in sources:
        whole[s["table_id"]] = whole.get(s["table_id"], True) and (
            s["completeness_code"] == "complete")
    assert not all(whole.values()) and any(whole.values()) and not whole["83625NED"]
    for table, complete in whole.items():
        said = no_rows_reason(data, {"source_tables": [table]}, lang)
        snapshot = {"nl": "momentopname", "en": "snapshot"}[lang] in said
        assert snapshot == (not complete), (table, said)
