"""A copy of a CBS table ordered by year and cut short (as 10 000 rows of a table whose
periods come before its regions would be: every year whole up to the cut, the year it falls
in stopping in CBS's alphabetical order, the years after it missing for every municipality)
was not found: the build said nothing, and the missing municipalities of that year read 'CBS
publiceert tabel ... niet voor alle gemeenten'. The data check ``tables_cut_by_year`` finds
it, told apart from a table CBS ends earlier (its last year is whole: every table of the real
snapshot); a snapshot build is refused naming the file and the year, a build forced with
``--allow-gaps`` records the cut for that year only. Run on the session's warehouse with the
build's tables shadowed by TEMP ones (no build of its own)."""

from __future__ import annotations

import pytest

from stadstrends.cbs_order import SORT_KEY_SQL
from stadstrends.indicators.cut_gaps import cut_regions, cut_tables
from stadstrends.publish.cuts import SourceCuts
from stadstrends.warehouse.checks import damage_refusal, record_cuts, tables_cut_by_year

FILE = "cbs_statline_dump/municipal_complete/81064ned.csv"


def test_no_table_of_the_real_snapshot_stops_in_its_last_year(wh) -> None:
    """None, and none either when the register's cuts are not known (``cut_after``
    emptied): a copy cut inside its region list stops at the same name in every year."""
    assert tables_cut_by_year(wh) == []
    wh.execute("CREATE TEMP TABLE sources AS SELECT * REPLACE (NULL::VARCHAR AS cut_after) "
               "FROM main.sources")
    try:
        assert tables_cut_by_year(wh) == []
    finally:
        wh.execute("DROP TABLE temp.sources")


def _cut_by_year(wh) -> None:
    """81064ned (payment arrears, 2010-2023) as a copy ordered by year cut inside 2022 after
    Opsterland: 2023 gone, 2022's municipalities after Opsterland gone."""
    after = SORT_KEY_SQL.format(x="coalesce(r.label, r.name)")
    stop = SORT_KEY_SQL.format(x="'Opsterland'")
    wh.execute(f"""CREATE TEMP TABLE raw_observations AS SELECT o.* FROM main.raw_observations o
        WHERE NOT (lower(o.table_id) = '81064ned' AND (o.year = 2023 OR o.year = 2022
              AND o.region_code LIKE 'GM%' AND EXISTS (SELECT 1 FROM regions r
                  WHERE r.region_code = o.region_code AND {after} > {stop})))""")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_copy_cut_in_a_year_refuses_the_build_naming_file_and_year(wh, lang) -> None:
    _cut_by_year(wh)
    try:
        rows = tables_cut_by_year(wh)
        err = damage_refusal(wh, [{"check": "tables_cut_by_year", "rows": rows}])
    finally:
        wh.execute("DROP TABLE temp.raw_observations")
    assert [(r["table_id"], r["year"], r["cut_after"], r["first_lacking"]) for r in rows] == [
        ("81064ned", 2022, "Opsterland", "GM0828")]
    lacking = rows[0]["lacking"]
    assert lacking > 100, rows  # the municipalities of 2022 sorting after Opsterland
    message, hint = err.in_language(lang)
    said = {"nl": "niet gebouwd: in tabel 81064ned stoppen de gemeenten van 2022, het laatste "
                  "jaar van het bestand, bij Opsterland, in de volgorde van het alfabet; de "
                  f"{lacking} gemeenten daarna ontbreken in dat jaar (vanaf GM0828 Oss), en "
                  "de jaren na 2022 ontbreken misschien helemaal; zo'n bestand is afgekapt",
            "en": "not built: in table 81064ned the municipalities of 2022, the last year of "
                  "the file, stop at Opsterland, in alphabetical order; the "
                  f"{lacking} municipalities after it are missing that year (from GM0828 Oss "
                  "on), and the years after 2022 may be missing entirely; such a file is cut "
                  "short"}[lang]
    assert message == said, message
    assert FILE in hint and "--allow-gaps" in hint, hint


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "voor een deel van de jaren onvolledig: de tabel houdt op bij Opsterland; de "
           "gemeenten die in het alfabet daarna komen, ontbreken"),
    ("en", "for part of the years incomplete: the table stops at Opsterland; the "
           "municipalities after it in the alphabet are missing")])
def test_a_copy_cut_in_a_year_is_recorded_as_cut_in_that_year_only(wh, lang, said) -> None:
    """``--allow-gaps``: recorded as the register records a cut (``sources.cut_after``), as
    cut in part of the years; the cut gaps' step counts the table cut in 2022 alone (the
    years it is whole in hold municipalities after Opsterland), so a municipality after it
    says Stadstrends' copy stops before it in 2022 and nothing of the kind in 2021."""
    _cut_by_year(wh)
    wh.execute("CREATE TEMP TABLE sources AS SELECT * FROM main.sources")
    try:
        record_cuts(wh, tables_cut_by_year(wh))
        statement = SourceCuts(wh).statement("81064ned", lang)
        cuts = cut_tables(wh)["81064ned"]
        cut_regions(wh)
        years = wh.execute("SELECT year FROM _cut_years WHERE table_key = '81064ned'").fetchall()
        zwolle = wh.execute("SELECT count(*) FROM _cut_regions WHERE table_key = '81064ned' "
                            "AND region_code = 'GM0193'").fetchone()[0]
        wh.execute("DROP TABLE _cut_regions; DROP TABLE _cut_years; DROP TABLE _cut_last")
    finally:
        wh.execute("DROP TABLE temp.raw_observations; DROP TABLE temp.sources")
    assert statement == said
    assert cuts[1:] == ("Opsterland", True)  # cut in some years ('mixed')
    assert years == [(2022,)] and zwolle == 1
