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
