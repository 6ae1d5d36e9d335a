"""Every indicator whose figures are marked provisional through a shared table says so.

``provisional_latest`` marks a table's last year provisional for every indicator reading
that table-year (CBS's status belongs to the table's period; :mod:`stadstrends.indicators.
provisional`). Six of the thirteen indicators that read such a table-year carried no
caveat saying so (electricity use and district heating from 81528NED, electricity delivered
from 82538NED, the low-income share and households from 86004NED, solar installations from
85005NED): their pages, downloads and report entries listed caveats without 'voorlopig'
while the figures were marked. The catalogue now refuses that
(:func:`stadstrends.indicators.catalogue_checks.check_provisional_tables`).
"""

from __future__ import annotations

import pytest

from stadstrends.indicators.catalogue import Catalogue, load_catalogue
from stadstrends.publish.web.page_parts import caveats


def test_every_indicator_reading_a_provisional_table_year_has_the_caveat(wh):
    readers = [r[0] for r in wh.execute("""
        SELECT DISTINCT s.indicator_id FROM series_raw s
        JOIN provisional_latest_years p USING (table_id, year)
        WHERE s.value IS NOT NULL ORDER BY 1""").fetchall()]
    assert len(readers) >= 13 and "households" in readers and "crimes_per_1000" in readers
    metas = {r[0]: {"caveats": r[1], "caveats_en": r[2]} for r in wh.execute(
        "SELECT indicator_id, caveats, caveats_en FROM indicators").fetchall()}
    missing = [(i, lang) for i in readers for lang, word in (("nl", "voorlopig"),
                                                            ("en", "provisional"))
               if not any(word in c.lower() for c in caveats(metas[i], lang))]
    assert missing == []
    # and the figures themselves are marked, in the year the caveat speaks of
    unmarked = wh.execute("""
        SELECT v.indicator_id, v.year, count(*) FROM indicator_values v
        JOIN (SELECT DISTINCT indicator_id, year FROM series_raw
              JOIN provisional_latest_years USING (table_id, year)) p USING (indicator_id, year)
        WHERE v.region_code LIKE 'GM%' AND v.value IS NOT NULL AND NOT v.provisional
        GROUP BY ALL""").fetchall()
    assert unmarked == []


def test_the_catalogue_refuses_a_reader_without_the_caveat():
    data = load_catalogue().model_dump()
    households = next(i for i in data["indicators"] if i["id"] == "households")
    households["caveats"] = [c for c in households["caveats"] if "voorlopig" not in c["nl"]]
    with pytest.raises(ValueError, match="households: reads .*86004ned.*2023.*voorlopig"):
        Catalogue.model_validate(data)


def test_every_indicator_with_provisional_figures_says_so(wh):
    """Not only the readers of a provisional_latest table-year: every indicator with a
    figure marked provisional (60039fvw's and 85383NED's StatusCijfer=Voorlopig included)
    has a caveat saying so, in both languages. Social assistance per 1 000 (2 212 figures
    of 2009-2014 from 60039fvw) was marked without one."""
    marked = [r[0] for r in wh.execute("SELECT DISTINCT indicator_id FROM indicator_values "
                                       "WHERE provisional ORDER BY 1").fetchall()]
    assert "social_assistance_per_1000" in marked and "regional_customer_potential" in marked
    metas = {r[0]: {"caveats": r[1], "caveats_en": r[2]} for r in wh.execute(
        "SELECT indicator_id, caveats, caveats_en FROM indicators").fetchall()}
    missing = [(i, lang) for i in marked for lang, word in (("nl", "voorlopig"),
                                                           ("en", "provisional"))
               if not any(word in c.lower() for c in caveats(metas[i], lang))]
    assert missing == []


def test_60039fvw_figures_are_provisional_as_its_file_says(wh, statline):
    """The snapshot's 60039fvw holds only the StatusCijfer 'Voorlopig' slice (no '*' in its
    periods): every observation with a value is stored 'voorlopig' and every municipal
    figure taken from its allocation measures is marked provisional, but not one taken from
    its population counts (measures.yaml ``final``: they equal 37259eng's final figures,
    test_provisional_final_measures.py); 83582NED's file has no status at all, so
    only the catalogue's last year (2023) is (test_provisional_latest.py)."""
    import csv

    with (statline / "municipal_partial" / "60039fvw.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {r["StatusCijfer"] for r in rows} == {"Voorlopig"}
    assert not any(r["Perioden"].endswith("*") for r in rows)
    statuses = dict(wh.execute("SELECT status, count(*) FROM observations WHERE table_id = "
                               "'60039fvw' AND value IS NOT NULL GROUP BY 1").fetchall())
    assert list(statuses) == ["voorlopig"] and statuses["voorlopig"] > 30_000
    unmarked = wh.execute("""
        SELECT indicator_id, count(*) FILTER (WHERE NOT provisional), count(*)
        FROM indicator_values WHERE region_code LIKE 'GM%' AND value IS NOT NULL
          AND figure_tables = '60039fvw' GROUP BY 1 ORDER BY 1""").fetchall()
    assert [r[0] for r in unmarked] == ["grey_pressure", "regional_customer_potential",
                                        "share_age_65_plus", "share_age_75_plus",
                                        "share_age_85_plus", "social_assistance_per_1000"]
    population = {"grey_pressure", "share_age_65_plus", "share_age_75_plus", "share_age_85_plus"}
    assert all(r[2] > 1_000 for r in unmarked)
    assert all((r[1] == r[2]) if r[0] in population else (r[1] == 0) for r in unmarked)
    with (statline / "municipal_total_slice" / "83582NED.csv").open(encoding="utf-8-sig") as fh:
        header = fh.readline()
        assert "*" not in fh.read() and "status" not in header.lower()


def test_the_catalogue_refuses_a_provisional_edition_without_the_caveat():
    data = load_catalogue().model_dump()
    entry = next(i for i in data["indicators"] if i["id"] == "social_assistance_per_1000")
    for c in entry["caveats"]:
        c["nl"] = c["nl"].replace("voorlopige ", "")
    with pytest.raises(ValueError, match=r"social_assistance_per_1000: reads the provisional "
                                         r"edition of \['60039fvw'\].*voorlopig"):
        Catalogue.model_validate(data)
