"""A copy of a CBS table cut short inside its alphabetical region list, with no SOURCES.md to
say so (81064ned cut to its first 5 000 rows: every year stops at Opsterland), built with a
yellow note only, and the site then said 'CBS publiceert tabel 81064ned niet voor alle
gemeenten, en in geen enkel jaar voor deze gemeente' for Zwolle: a false claim about CBS.
The data check ``tables_cut_alphabetically`` finds that pattern (the one the 10 000-row cuts
show) and a snapshot build is refused naming the table, where it stops and the file. Run on
the session's warehouse with the build's tables shadowed by TEMP ones (no build of its own)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from stadstrends.warehouse.checks import damage_refusal, tables_cut_alphabetically

ARREARS = Path("cbs_statline_dump/municipal_complete/81064ned.csv")


def test_the_real_warehouse_has_no_cut_the_register_does_not_know(wh) -> None:
    assert tables_cut_alphabetically(wh) == []


def test_the_check_finds_the_region_list_cuts_the_register_knows(wh) -> None:
    """Not told which copies stop at 10 000 rows (``sources.cut_after`` emptied), the check
    finds every one cut inside the region list of at least 100 municipalities a year (81575NED
    at Veenendaal: its Veere rows are dropped as incomplete), and no other table."""
    wh.execute("CREATE TEMP TABLE sources AS SELECT * REPLACE (NULL::VARCHAR AS cut_after) "
               "FROM main.sources")
    try:
        found = {r["table_id"]: r["cut_after"] for r in tables_cut_alphabetically(wh)}
    finally:
        wh.execute("DROP TABLE temp.sources")
    assert found == {"37610": "Middenveld", "60039fvw": "Zevenaar", "71486ned": "Moerdijk",
                     "81575ned": "Veenendaal", "83452ned": "Sluis", "85984ned": "Maasdriel",
                     "85173ned": "Delft"}  # the forecast with intervals, stopped in Deurne


def _first_rows(path: Path, n: int) -> set[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))[:n]
    return {(r["RegioS"].strip(), r["Perioden"].strip()) for r in rows}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_copy_cut_to_5000_rows_refuses_the_build(wh, shared_data, lang) -> None:
    kept = _first_rows(shared_data / ARREARS, 5000)  # the copy's rows: up to Opsterland 2011
    wh.register("kept", __import__("pandas").DataFrame(sorted(kept), columns=["l", "p"]))
    wh.execute("""CREATE TEMP TABLE raw_observations AS SELECT o.* FROM main.raw_observations o
                  WHERE lower(o.table_id) <> '81064ned' OR EXISTS (
                      SELECT 1 FROM kept k WHERE k.l = o.region_label AND k.p = o.period)""")
    try:
        rows = tables_cut_alphabetically(wh)
        err = damage_refusal(wh, [{"check": "tables_cut_alphabetically", "rows": rows}])
    finally:
        wh.execute("DROP TABLE temp.raw_observations")
        wh.unregister("kept")
    assert [(r["table_id"], r["cut_after"], r["first_year"], r["last_year"]) for r in rows
            ] == [("81064ned", "Opsterland", 2010, 2023)]
    lacking = rows[0]["lacking"]
    assert lacking == 162, rows  # every municipality of 2010-2023 sorting after Opsterland
    message, hint = err.in_language(lang)
    said = {"nl": ("niet gebouwd: in tabel 81064ned stoppen de gemeenten in elk jaar "
                   "(2010-2023) bij Opsterland, in de volgorde van het alfabet; de "
                   f"{lacking} gemeenten daarna ontbreken (vanaf GM0828 Oss); zo'n bestand "
                   "is afgekapt", f"deze kopie ({ARREARS}) heeft alleen het begin van de lijst"),
            "en": ("not built: in table 81064ned the municipalities stop at Opsterland in "
                   "every year (2010-2023), in alphabetical order; the "
                   f"{lacking} municipalities after it are missing (from GM0828 Oss on); such "
                   "a file is cut short", f"this copy ({ARREARS}) has only the start of the "
                   "list")}[lang]
    assert message == said[0], message
    assert said[1] in hint and "SOURCES.md" in hint and "--allow-gaps" in hint, hint


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "onvolledig: de tabel houdt op bij Opsterland; de gemeenten die in het alfabet "
           "daarna komen, ontbreken"),
    ("en", "incomplete: the table stops at Opsterland; the municipalities after it in the "
           "alphabet are missing")])
def test_a_cut_found_is_recorded_as_the_register_records_one(wh, shared_data, lang,
                                                              said) -> None:
    """A build forced with ``--allow-gaps`` over the copy cut to 5 000 rows: the cut found is
    recorded where the register's cuts live (``sources.cut_after``) before the indicator
    stage, so its gaps say Stadstrends' copy stops (``table_cut``), not that CBS leaves the
    municipalities out; the source is 'onvolledig', with no row limit claimed as its cause
    (the copy has 5 000 rows, not CBS's 10 000; the cause is not known). Known now, the
    check finds the table no more."""
    from stadstrends.publish.cuts import SourceCuts, cut_sources
    from stadstrends.warehouse.checks import record_cuts

    kept = _first_rows(shared_data / ARREARS, 5000)
    wh.register("kept", __import__("pandas").DataFrame(sorted(kept), columns=["l", "p"]))
    wh.execute("""CREATE TEMP TABLE raw_observations AS SELECT o.* FROM main.raw_observations o
                  WHERE lower(o.table_id) <> '81064ned' OR EXISTS (
                      SELECT 1 FROM kept k WHERE k.l = o.region_label AND k.p = o.period)""")
    wh.execute("CREATE TEMP TABLE sources AS SELECT * FROM main.sources")
    try:
        record_cuts(wh, tables_cut_alphabetically(wh))
        recorded = {s["table_id"].lower(): s for s in cut_sources(wh)}["81064ned"]
        statement = SourceCuts(wh).statement("81064ned", lang)
        again = tables_cut_alphabetically(wh)
    finally:
        wh.execute("DROP TABLE temp.raw_observations; DROP TABLE temp.sources")
        wh.unregister("kept")
    assert (recorded["cut_after"], recorded["cut_rows"]) == ("Opsterland", None), recorded
    assert statement == said
    assert again == []
