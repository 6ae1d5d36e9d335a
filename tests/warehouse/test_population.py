"""The population indicator on the real snapshot: sources, mergers, splits and totals."""

from __future__ import annotations

import csv
import json

import pytest


def _pop(wh, code: str, year: int) -> float:
    row = wh.execute(
        "SELECT value FROM indicator_values WHERE indicator_id = 'population' "
        "AND region_code = ? AND year = ?", [code, year]).fetchone()
    assert row is not None, f"no population for {code} in {year}"
    return row[0]


@pytest.fixture(scope="module")
def cbs_37259(shared_data):
    """Population on 1 January per code and year, straight from the 37259eng CSV."""
    path = (shared_data / "cbs_37259eng_population_dynamics"
            / "250112_CLEAN_population_regional_NL.csv")
    with path.open(encoding="utf-8-sig") as fh:
        return {
            (r["Regions"].strip(), int(r["Periods"][:4])): float(r["PopulationOn1January_1"])
            for r in csv.DictReader(fh) if r["Sex"] == "T001038"
        }


def test_unchanged_municipalities_equal_the_cbs_figure(wh, cbs_37259):
    """Every municipality not touched by a boundary change in a year has exactly the CBS value."""
    changed = set(wh.execute("""
        SELECT DISTINCT c.target_code, c.boundary_year
        FROM crosswalk c JOIN region_history h ON h.code = c.source_code
        WHERE c.basis = 'persons' AND (c.source_code <> c.target_code OR c.weight < 1)
          AND h.valid_from < make_date(c.boundary_year + 1, 1, 1)
          AND (h.valid_to IS NULL OR h.valid_to > make_date(c.boundary_year, 1, 1))
    """).fetchall())
    current = {r[0] for r in wh.execute(
        "SELECT region_code FROM current_municipalities").fetchall()}
    built = {(code, year): value for code, year, value in wh.execute(
        "SELECT region_code, year, value FROM indicator_values "
        "WHERE indicator_id = 'population' AND region_code LIKE 'GM%'").fetchall()}
    checked = 0
    for (code, year), value in cbs_37259.items():
        if code in current and (code, year) not in changed:
            assert built.get((code, year)) == value, (code, year)
            checked += 1
    assert checked > 3500


def test_municipalities_add_up_to_the_netherlands_every_year(wh):
    rows = wh.execute("""
        SELECT m.year, m.total, n.value AS nl
        FROM (SELECT year, sum(value) AS total, count(*) AS n FROM indicator_values
              WHERE indicator_id = 'population' AND region_code LIKE 'GM%' GROUP BY year) m
        JOIN indicator_values n ON n.indicator_id = 'population' AND n.region_code = 'NL01'
         AND n.year = m.year
    """).fetchall()
    assert len(rows) >= 25
    for year, total, nl in rows:
        assert total == pytest.approx(nl, abs=0.5), year
    published = dict(wh.execute(
        "SELECT year, value FROM series_raw WHERE series_id = 'population:num' "
        "AND region_code = 'NL01'").fetchall())
    assert len(published) >= 25
    for year, total, _ in rows:
        assert total == pytest.approx(published[year], rel=5e-4), year
    assert wh.execute("SELECT checks_failed FROM build_info").fetchone()[0] == "[]"


def test_eemsdelta_before_2021_is_appingedam_delfzijl_loppersum(wh, cbs_37259):
    for year in range(2012, 2021):
        parts = sum(cbs_37259[(c, year)] for c in ("GM0003", "GM0010", "GM0024"))
        assert _pop(wh, "GM1979", year) == parts


def test_groningen_before_2019_includes_haren_and_ten_boer(wh, cbs_37259):
    for year in range(2017, 2019):
        parts = sum(cbs_37259[(c, year)] for c in ("GM0014", "GM0017", "GM0009"))
        assert _pop(wh, "GM0014", year) == parts
    assert _pop(wh, "GM0014", 2019) == cbs_37259[("GM0014", 2019)]


def test_groningen_before_2017_includes_what_it_received_from_slochteren(wh, cbs_37259):
    """CBS's register: Groningen received 1 033 inhabitants of Slochteren on 1 January 2017;
    Midden-Groningen (Slochteren's successor) has correspondingly less; totals conserved."""
    for year in range(2012, 2017):
        parts = sum(cbs_37259[(c, year)] for c in ("GM0014", "GM0017", "GM0009"))
        extra = _pop(wh, "GM0014", year) - parts
        assert extra == pytest.approx(1033, abs=60), year
        mg = sum(cbs_37259[(c, year)] for c in ("GM0018", "GM0040", "GM1987"))
        assert _pop(wh, "GM1952", year) == pytest.approx(mg - extra), year
    parts = sum(cbs_37259[(c, 2016)] for c in ("GM0014", "GM0017", "GM0009"))
    assert _pop(wh, "GM0014", 2016) - parts == pytest.approx(1033, abs=5)


def test_tilburg_before_2021_includes_its_share_of_haaren(wh, cbs_37259):
    share = wh.execute(
        "SELECT share FROM split_shares WHERE code = 'GM0788' AND recipient = 'GM0855'"
    ).fetchone()[0]
    # Tilburg's gain on 1 January 2021 over its 31 December 2020 figure: 221 947 - 220 505
    assert share == pytest.approx(1442 / 14318)
    for year in range(2012, 2021):
        expected = cbs_37259[("GM0855", year)] + share * cbs_37259[("GM0788", year)]
        assert _pop(wh, "GM0855", year) == pytest.approx(expected)
    # and the four recipients together get all of Haaren
    total = wh.execute("SELECT sum(share) FROM split_shares WHERE code = 'GM0788'").fetchone()[0]
    assert total == pytest.approx(1.0)
    # the measured transfer agrees with CBS's register: 1 442 inhabitants in both
    received, register = wh.execute(
        "SELECT s.received, t.inhabitants FROM split_shares s JOIN boundary_transfers t "
        "ON t.donor = s.code AND t.recipient = s.recipient "
        "WHERE s.code = 'GM0788' AND s.recipient = 'GM0855'").fetchone()
    assert received == register == 1442


def test_coverage_all_levels_every_year(wh):
    levels = dict(wh.execute("""
        SELECT left(region_code, 2), count(DISTINCT region_code)
        FROM indicator_values WHERE indicator_id = 'population' AND year = 2015 GROUP BY 1
    """).fetchall())
    assert levels == {"GM": 342, "CR": 40, "PV": 12, "NL": 1}
    years = [r[0] for r in wh.execute(
        "SELECT DISTINCT year FROM indicator_values WHERE indicator_id = 'population' "
        "AND region_code = 'NL01' ORDER BY 1").fetchall()]
    assert years == list(range(1999, 2027))  # 2024-2026 from 03759ned (OData v4)


def test_population_2025_and_2026_for_every_municipality(wh, shared_data):
    """The recorded v4 responses of 03759ned give 1 January 2025 and 2026 for all 342."""
    counts = dict(wh.execute("""
        SELECT year, count(value) FROM indicator_values
        WHERE indicator_id = 'population' AND region_code LIKE 'GM%' AND year >= 2024
        GROUP BY 1""").fetchall())
    assert counts == {2024: 342, 2025: 342, 2026: 342}
    sources = wh.execute("""SELECT year, source_tables FROM indicator_values
        WHERE indicator_id = 'population' AND region_code = 'GM0193' AND year >= 2023
        ORDER BY 1""").fetchall()
    assert sources == [(2023, "37259eng"), (2024, "03759ned"), (2025, "03759ned"),
                       (2026, "03759ned")]
    rows = json.loads((shared_data / "cbs_odata4_v4_responses/03759ned/"
                       "observations-page-1.json").read_text("utf-8"))["value"]
    recorded = {(r["RegioS"], r["Perioden"]): r["Value"] for r in rows
                if r["Measure"] == "M000352"}
    assert _pop(wh, "NL01", 2026) == recorded[("NL01", "2026JJ00")] == 18_130_208
    assert _pop(wh, "GM0193", 2026) == recorded[("GM0193", "2026JJ00")]


def test_house_prices_every_municipality_2015_2025(wh):
    """Every municipality of every year 2015-2025 has a mean sale price (83625NED, v4)."""
    coverage = wh.execute("""
        SELECT m.year, count(*) AS n, count(o.value) AS have FROM membership m
        LEFT JOIN raw_observations o ON o.region_code = m.gm_code AND o.year = m.year
         AND o.table_id = '83625NED' AND o.measure = 'M001534'
        WHERE m.year BETWEEN 2015 AND 2025 GROUP BY 1 ORDER BY 1""").fetchall()
    assert [y for y, _, _ in coverage] == list(range(2015, 2026))
    assert all(n == have for _, n, have in coverage), coverage
    zwolle = wh.execute("""SELECT value, source_measures FROM indicator_values
        WHERE indicator_id = 'house_price_mean' AND region_code = 'GM0193' AND year = 2025
        """).fetchone()
    assert zwolle == (450_913, "M001534")
    # today's municipalities all have 2023-2025; earlier gaps are boundary changes only
    latest = wh.execute("""SELECT year, count(value) FROM indicator_values
        WHERE indicator_id = 'house_price_mean' AND region_code LIKE 'GM%' AND year >= 2023
        GROUP BY 1 ORDER BY 1""").fetchall()
    assert latest == [(2023, 342), (2024, 342), (2025, 342)]
    reasons = wh.execute("""SELECT DISTINCT reason FROM indicator_gaps
        WHERE indicator_id = 'house_price_mean' AND region_code LIKE 'GM%'
          AND year BETWEEN 2015 AND 2025""").fetchall()
    assert reasons == [("level_boundary_change",)]


def test_regions_view_contract(wh):
    levels = dict(wh.execute(
        "SELECT level, count(*) FILTER (WHERE valid_to IS NULL) FROM regions GROUP BY 1"
    ).fetchall())
    assert levels == {"gemeente": 342, "corop": 40, "provincie": 12, "land": 1}
    sets = dict(wh.execute(
        "SELECT set_id, count(*) FROM region_sets WHERE set_id IN ('G40', 'G32_2017', 'G4', "
        "'NL01', 'CR23', 'PV27') GROUP BY 1").fetchall())
    assert sets["G40"] == 41 and sets["G32_2017"] == 38 and sets["G4"] == 4
    assert sets["NL01"] == 342
    assert wh.execute("SELECT count(*) FROM region_sets WHERE set_id = 'CR23' "
                      "AND region_code = 'GM0363'").fetchone()[0] == 1
