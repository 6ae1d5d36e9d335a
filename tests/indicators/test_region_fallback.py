"""The population forecast of a municipality 85171NED leaves out comes from 85173NED (the
same CBS forecast 2022-2050 with its intervals, every municipality: the catalogue's
``region_fallback``, indicators/region_fallback.py), cited as its source; one after the cut
of this snapshot's copy of 85173NED (it stops in Deurne) says so, not that CBS publishes
none; a large city keeps 85171NED's figures. Real snapshot; the counts measured on it
(session 57: 85 municipalities with a forecast before, 132 after)."""

from __future__ import annotations

import csv

import pytest

from stadstrends.indicators.catalogue import Indicator
from stadstrends.publish.report import sections
from tests.publish.loaded import connect, kept_city

IND = "population_projected"


def _file(shared_data, table: str, label: str, **where: str) -> dict[int, float]:
    """The figures (inhabitants: thousands x 1 000) of ``label`` in the snapshot's CSV."""
    path = shared_data / "cbs_statline_dump" / "projections" / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {int(r["Perioden"]): round(float(r["TotaleBevolking_1"]) * 1000)
                for r in csv.DictReader(fh, delimiter=";")
                if r["RegioIndeling2021"] == label and all(r[k] == v for k, v in where.items())}


def _stored(wh, code: str) -> dict[int, tuple[float, str, str]]:
    return {y: (v, s, f) for y, v, s, f in wh.execute(
        "SELECT year, value, source_tables, figure_tables FROM indicator_values "
        "WHERE indicator_id = ? AND region_code = ? AND year >= 2023", [IND, code]).fetchall()}


@pytest.mark.parametrize(("code", "label"), [("GM0744", "Baarle-Nassau"), ("GM0197", "Aalten")])
def test_a_small_municipality_has_85173neds_forecast_cited(wh, shared_data, code, label):
    """Not in 85171NED (the 88 of 50 000+ inhabitants), so before: no forecast ('Voor
    Baarle-Nassau zijn geen prognosecijfers beschikbaar'); now 85173NED's 'Prognose' row,
    every year 2023-2050 equal to the file, its source 85173NED alone."""
    assert _file(shared_data, "85171NED", label) == {}
    expected = _file(shared_data, "85173NED", label, PrognoseInterval="Prognose")
    assert sorted(expected) == list(range(2023, 2051))
    stored = _stored(wh, code)
    assert {y: v for y, (v, _, _) in stored.items()} == expected
    assert {(s, f) for _, s, f in stored.values()} == {("85173NED", "85173NED")}
    assert wh.execute("SELECT count(*) FROM fallback_cells WHERE indicator_id = ? AND "
                      "region_code = ? AND tables = '85173NED'", [IND, code]).fetchone()[0] == 28


def test_a_large_city_keeps_85171ned(wh, shared_data):
    """Amersfoort is in both tables; its figures stay 85171NED's, also in 2050, the one
    figure of the 448 the two tables share (16 municipalities x 28 years) that differs:
    85171NED 179,0 thousand, 85173NED 178,9 (the forecast's ranked source is 85171NED)."""
    own = _file(shared_data, "85171NED", "Amersfoort")
    other = _file(shared_data, "85173NED", "Amersfoort", PrognoseInterval="Prognose")
    assert [y for y in own if own[y] != other[y]] == [2050]
    assert (own[2050], other[2050]) == (179_000, 178_900)
    stored = _stored(wh, "GM0307")
    assert {y: v for y, (v, _, _) in stored.items()} == own
    assert {(s, f) for _, s, f in stored.values()} == {("85171NED", "85171NED")}
    assert not wh.execute("SELECT count(*) FROM fallback_cells WHERE region_code = 'GM0307'"
                          ).fetchone()[0]


def test_after_the_cut_the_reason_is_the_copy(wh, warehouse_path):
    """Zundert sorts after Deurne, where this snapshot's copy of 85173NED stops: reason
    ``table_cut`` (85173NED) in every year 2023-2050, worded as the copy's cut in nl and en,
    not as a table CBS does not publish for it."""
    rows = wh.execute("SELECT reason, reason_detail, count(*), min(year), max(year) "
                      "FROM indicator_gaps WHERE indicator_id = ? AND region_code = 'GM0879' "
                      "AND year >= 2023 GROUP BY ALL", [IND]).fetchall()
    assert rows == [("table_cut", "85173NED", 28, 2023, 2050)]
    assert wh.execute("SELECT cut_after FROM sources WHERE table_id = '85173NED'"
                      ).fetchone()[0] == "Delft"
    con = connect(warehouse_path)
    try:
        data = kept_city(con, "GM0879")
        for lang, said, not_said in (
                ("nl", "Stadstrends heeft CBS-tabel 85173NED niet compleet", "CBS publiceert"),
                ("en", "Stadstrends does not have all of CBS table 85173NED", "CBS publishes")):
            caveats = [c for c in sections.outlook(data, lang)["caveats"]
                       if "85173NED" in c]
            assert len(caveats) == 1 and said in caveats[0], caveats
            assert not_said not in caveats[0] and "Zundert" in caveats[0]
    finally:
        con.close()


def test_counts_before_and_after(wh):
    """Today's municipalities with a forecast for 2023: 85 from 85171NED alone (measured
    before the fallback), 46 from 85173NED alone and Purmerend from both (Beemster, merged
    into it in 2022, is not in 85171NED); the other 210 have the copy's cut as their reason
    (Amsterdam, Dijk en Waard, Land van Cuijk and Voorne aan Zee: predecessors after it)."""
    rows = dict(wh.execute("""
        SELECT v.source_tables, count(*) FROM indicator_values v
        JOIN current_municipalities USING (region_code)
        WHERE v.indicator_id = ? AND v.year = 2023 GROUP BY ALL""", [IND]).fetchall())
    assert rows == {"85171NED": 85, "85173NED": 46, "85171NED, 85173NED": 1}
    mixed = wh.execute("SELECT region_code FROM fallback_cells WHERE indicator_id = ? AND "
                       "year = 2023 AND tables LIKE '%,%' AND region_code LIKE 'GM%'",
                       [IND]).fetchall()
    assert mixed == [("GM0439",)]
    assert wh.execute("SELECT count(*) FROM fallback_cells ANTI JOIN indicator_values "
                      "USING (indicator_id, region_code, year)").fetchone()[0] == 0
    assert wh.execute("SELECT count(*) FROM fallback_cells").fetchone()[0] == (46 + 1 + 1) * 28
    reasons = dict(wh.execute("""
        SELECT g.reason, count(*) FROM indicator_gaps g
        JOIN current_municipalities USING (region_code)
        WHERE g.indicator_id = ? AND g.year = 2023 GROUP BY ALL""", [IND]).fetchall())
    assert reasons == {"table_cut": 206, "predecessor_cut": 4}
    assert 85 + 46 + 1 + 206 + 4 == wh.execute(
        "SELECT count(*) FROM current_municipalities").fetchone()[0]


def test_a_region_summed_over_both_tables_cites_both(wh):
    """Zuidoost-Drenthe (CR08) is the sum of Emmen (85171NED), Coevorden and Borger-Odoorn
    (85173NED): its source names both tables; a region with CBS's own figure (Overig
    Zeeland, CR32: 85171NED's 283,0 thousand in 2023) names 85171NED."""
    rows = set(wh.execute("SELECT region_code, source_tables FROM indicator_values WHERE "
                          "indicator_id = ? AND region_code IN ('CR08', 'CR32') AND "
                          "year >= 2023",
                          [IND]).fetchall())
    assert rows == {("CR08", "85171NED, 85173NED"), ("CR32", "85171NED")}
    assert wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                      "region_code = 'CR32' AND year = 2023", [IND]).fetchone()[0] == 283_000


def test_a_region_fallback_is_for_counts_only():
    part = {"table": "85173NED", "measure": "TotaleBevolking_1", "years": [2023, 2050]}
    entry = {"id": "x", "domain": "demography", "title_nl": "x", "title_en": "x",
             "description_nl": "x", "description_en": "x", "unit": "%", "decimals": 1,
             "direction": "neutral", "method": "level", "numerator": [part],
             "region_fallback": [part]}
    with pytest.raises(ValueError, match="region_fallback is for a count only"):
        Indicator.model_validate(entry)
    Indicator.model_validate({**entry, "method": "count", "unit": "inwoners", "decimals": 0})


def test_the_download_cites_each_figures_table(warehouse_path):
    """The indicator's download (long format, one row per region and year) names per row
    the table its figure came from: Baarle-Nassau 85173NED, Amersfoort 85171NED, Purmerend
    (with Beemster) both; the years 2020-2022 84525NED."""
    from stadstrends.publish.web.downloads import long_frame
    from stadstrends.publish.web.state import WebWarehouse

    web = WebWarehouse(warehouse_path)
    try:
        frame = long_frame(web, IND, "nl")
    finally:
        web.close()
    cited = {(c, t) for c, y, t in zip(frame.region_code, frame.year, frame.source_tables,
                                        strict=True) if y >= 2023}
    assert {t for c, t in cited if c == "GM0744"} == {"85173NED"}
    assert {t for c, t in cited if c == "GM0307"} == {"85171NED"}
    assert {t for c, t in cited if c == "GM0439"} == {"85171NED, 85173NED"}
    assert set(frame[frame.year < 2023].source_tables) == {"84525NED"}
