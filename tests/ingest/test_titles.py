"""CBS table titles per language from the metadata in the snapshot (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

from stadstrends.ingest.titles import language_titles, snapshot_titles, titles_for


def test_snapshot_titles_come_from_cbs_metadata_only(shared_data: Path):
    titles = snapshot_titles(shared_data)
    assert titles["85984ned"] == {"nl": "Kerncijfers wijken en buurten 2024"}  # TableInfos
    assert titles["83625ned"] == {"nl": "Bestaande koopwoningen; gemiddelde verkoopprijzen, "
                                        "regio"}  # v4 Properties
    assert titles["83582ned"]["nl"].startswith("Banen van werknemers in december")  # catalog
    # 03759ned's RelatedSources name the Dutch edition of the English 37259eng
    assert titles_for(titles, "37259eng") == {
        "nl": "Bevolkingsontwikkeling; levendgeborenen, overledenen en migratie per regio"}
    # code lists (ages, periods, regions) carry Identifier and Title too: never tables
    assert "10000" not in titles and "gm0193" not in titles and "2019jj00" not in titles
    # descriptions written around the data (SOURCES.md) are no CBS titles
    assert "83648ned" not in titles


def test_language_of_a_title(tmp_path: Path):
    assert language_titles({"Identifier": "83648ENG", "Title": "Crime"}) == {"en": "Crime"}
    assert language_titles({"Identifier": "83648NED", "Title": "Misdrijven",
                            "Language": "nl"}) == {"nl": "Misdrijven"}
    (tmp_path / "TableInfos.json").write_text(json.dumps([{
        "Identifier": "12345NED", "Title": "Een tabel", "Catalog": "CBS"}]), encoding="utf-8")
    (tmp_path / "codes.json").write_text(json.dumps({"value": [
        {"Identifier": "12345", "Title": "Een code"}]}), encoding="utf-8")
    assert snapshot_titles(tmp_path) == {"12345ned": {"nl": "Een tabel"}}


def test_documents_without_a_title_key_are_not_parsed(tmp_path: Path, monkeypatch):
    """Data pages and catalog lists hold no "Title": they are skipped before json.loads
    (in the snapshot 3.4 of 5.4 MB); titles still come from the documents that have one."""
    import stadstrends.ingest.titles as titles_module

    (tmp_path / "TableInfos.json").write_text(json.dumps([{
        "Identifier": "12345NED", "Title": "Een tabel", "Catalog": "CBS"}]), encoding="utf-8")
    (tmp_path / "observations.json").write_text(json.dumps({"value": [
        {"Id": n, "Measure": "M1", "Value": n} for n in range(50)]}), encoding="utf-8")
    parsed: list[str] = []
    real_loads = json.loads
    monkeypatch.setattr(titles_module.json, "loads",
                        lambda text: parsed.append(text[:20]) or real_loads(text))
    assert titles_module.snapshot_titles.__wrapped__(tmp_path) == {
        "12345ned": {"nl": "Een tabel"}}
    assert parsed == ['[{"Identifier": "123']  # TableInfos.json only


def test_a_table_id_that_is_no_statline_number_gives_cbs_number(wh):
    """The reports say 'Elke tabel is op StatLine (opendata.cbs.nl) te vinden onder haar
    nummer', but the snapshot's KWB 2019 copy is stored as 'kwb2019', its folder's name:
    a reader searching StatLine for it finds nothing. Every stored table id is a StatLine
    number (five digits, then letters: 85984NED, 37610), or its title gives CBS's number
    (SOURCES.md section 9: KWB 2019 is table 84583NED)."""
    import re

    rows = wh.execute("SELECT DISTINCT table_id, title FROM sources").fetchall()
    odd = [(t, title) for t, title in rows if not re.fullmatch(r"\d{5}([a-z]{3})?", t, re.I)]
    assert odd == [("kwb2019", "Kerncijfers wijken en buurten 2019 (gemeenten; op StatLine "
                               "tabel 84583NED)")], odd
